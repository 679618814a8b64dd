/* Taking submissions in: survey CSV files and e-mailed resolutions (single
 * .eml files or a maildir). One import is one transaction: every problem is
 * reported, and if there is any, nothing is written. */
#ifndef INNSPILL_IMPORT_H
#define INNSPILL_IMPORT_H
#include "diag.h"
#include "settings.h"
#include "store.h"
#include "submissions.h"

/* Called as work goes on; total is 0 when not known yet. */
typedef void (*import_progress_fn)(void *ctx, long done, long total);

struct import_opts {
	const char *cycle_id; /* NULL: the last cycle of the settings */
	bool dry_run;         /* check and count, then roll back */
	date_t today;         /* the received date when a file gives none */
	import_progress_fn progress;
	void *progress_ctx;
};

struct import_result {
	int added;        /* new submissions */
	int new_versions; /* newer versions of a member's resolution */
	int unchanged;    /* already imported before: nothing added */
	int unmatched;    /* mails whose member could not be told */
};

/* What the readers share while they work. */
struct import_ctx {
	struct store *st;
	const struct settings *s;
	const struct cycle *cycle;
	const struct import_opts *opts;
	struct diags *errs;
	struct import_result *res;
	long done, total;
	/* The content hashes of the cycle's submissions and of every CSV row
	 * read so far, for the CSV reader (GLib's; made by the first CSV file). */
	struct _GHashTable *known;
	bool known_failed; /* could not be read: the database is asked instead */
	/* The folders read so far, by device and inode ("DEV:INO" to the path
	 * it was read as), so a link never makes a folder be read twice or
	 * the walk go round for ever; and how deep the walk is now. */
	struct _GHashTable *dirs;
	int depth;
};

int import_paths(struct store *st, const struct settings *s, const struct import_opts *opts,
		 const char *const *paths, int n_paths, struct import_result *res,
		 struct diags *errs);

/* Adds one submission unless its content hash is known already; counts it. */
int import_add(struct import_ctx *ctx, const struct submission_in *in);
/* The same for a copy from submission_in_dup(), which it takes over; look
 * false when the caller knows the content hash to be new. */
int import_add_owned(struct import_ctx *ctx, struct submission_in *in, bool look);
/* Reports progress for one more item. */
void import_step(struct import_ctx *ctx);

/* The readers (import_csv.c, import_mail.c). Each reports its problems as
 * FILE:LINE (or the mail's file and Message-ID) and returns -1 if any. */
int import_csv_file(struct import_ctx *ctx, const char *path);
int import_mail_file(struct import_ctx *ctx, const char *path);
/* The SHA-256 of data as 64 hex digits (caller frees). */
char *import_hash(const void *data, size_t len);

#endif
