/* Limit expressions, as mutt's: words that narrow the inbox list, e.g.
 * "region:nordland status:new late text:utenforskap". They become an SQL
 * condition with bound parameters; user text never becomes SQL. */
#ifndef INNSPILL_LIMIT_H
#define INNSPILL_LIMIT_H
#include "diag.h"
#include "settings.h"
#include <stdbool.h>

struct limit {
	char *where;   /* an SQL condition over "s", the submission table */
	char **params; /* bound in order */
	int n_params;
	bool missing;  /* list expected members without a submission instead */
	bool late, ontime; /* received after (or by) the region's member deadline */
	bool all_cycles; /* "cycle:all": every cycle in the database, not just the current */
	char *text;    /* the expression as given, for the screen */
};

/* A limit of more words than this is refused (each word is a condition). */
#define LIMIT_MAX_WORDS 50

/* Parses expr; an empty expression limits nothing. Returns 0, or -1 with a
 * message that says which word is wrong and what is allowed. */
int limit_parse(const char *expr, const struct settings *s, struct limit *out, struct diags *errs);
/* The same, knowing the user, so that "mine" means the user's queue. */
int limit_parse_for(const char *expr, const struct settings *s, const char *user,
		    struct limit *out, struct diags *errs);
void limit_free(struct limit *l);
/* Turns free words into an FTS5 query that cannot be a syntax error:
 * each word quoted, the last one as a prefix. Caller frees. */
char *limit_fts_query(const char *words);

#endif
