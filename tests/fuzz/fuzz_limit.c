/* Fuzz target: a limit expression, as typed at `l` or given to
 * `list --limit`, parsed for a regional user and then run against the
 * database, and the same words as a search (`/`). Properties: an expression
 * the parser takes runs (SQLite never refuses what the parser let through);
 * one it refuses says why. */
#include "fuzz.h"

#include "diag.h"
#include "limit.h"
#include "submissions.h"
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *st = fuzz_store();
	const struct settings *s = fuzz_settings();
	char *expr = fuzz_string(data, size);
	struct limit lim;
	struct diags errs = {0};
	if (limit_parse_for(expr, s, "kari", &lim, &errs) == 0) {
		struct submission_row *rows;
		int n;
		if (submissions_query(st, "2024", &lim, SORT_RECEIVED, &rows, &n) != 0)
			abort(); /* the parser took what the database cannot run */
		submission_rows_free(rows, n);
		limit_free(&lim);
	} else if (errs.n == 0) {
		abort(); /* refused without a word */
	}
	diags_free(&errs);
	long long *ids = NULL;
	int n_ids = 0;
	if (submission_search(st, "2024", expr, &ids, &n_ids) != 0)
		abort(); /* any words are a search */
	free(ids);
	free(expr);
	return 0;
}
