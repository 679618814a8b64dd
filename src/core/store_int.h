/* The store's insides, for src/core/ alone: its fields, SQLite's header and
 * the helpers the core modules write SQL with. Nothing outside src/core/
 * includes this file (`make check-layers`), apart from the core's own tests
 * in tests/unit and tests/fuzz. */
#ifndef INNSPILL_STORE_INT_H
#define INNSPILL_STORE_INT_H
#include "store.h"
#include <sqlite3.h>

#define STORE_CACHE_SIZE 64

struct cached {
	unsigned long long hash;
	sqlite3_stmt *stmt;
	bool in_use;
};

struct store {
	sqlite3 *db;
	struct cached cache[STORE_CACHE_SIZE]; /* prepared statements kept for reuse */
	int n_cached;
	char *path;
	char *user; /* the acting Unix login, for the audit log */
	const struct settings *settings; /* who may do what; set by store_sync_settings */
	struct submission_bulk *bulk; /* an import is on: see submission_bulk_begin */
	int cache_size; /* the page cache's size before store_bulk() */
	struct _GStringChunk *strings; /* for store_intern; GLib's, not included here */
	const char *recent[2];         /* the texts store_intern gave last */
	/* Waiting for another writer (store_wait.c). */
	store_wait_fn wait_fn; /* NULL: a message on stderr after a second */
	void *wait_ctx;
	int patience_ms;       /* how long SQLite's busy handler sleeps before it gives up */
	int slept_ms;          /* how long it has slept for the lock it waits for */
	char *why;             /* why a wait gave up, or what a rollback made SQLite forget */
	char *explained;       /* the last store_errmsg() that explained a fault */
	char *activity;        /* the meta key of our own long write, while it is on */
};

/* A prepared statement, from the cache when the same SQL was prepared
 * before. Give it back with store_release(), never sqlite3_finalize(). */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);
void store_release(struct store *st, sqlite3_stmt *stmt);
int store_exec(struct store *st, const char *sql);
/* For a bulk write (an import), outside its transaction: a page cache that
 * holds the indexes it touches, and no per-row foreign key lookups, as the
 * import checks every member and question against the settings itself.
 * store_bulk(st, false) puts both back. */
int store_bulk(struct store *st, bool on);
/* Inserts n rows with multi-row INSERTs: "HEAD" is "INSERT INTO t (a, b)",
 * and bind() binds row i's n_cols values from parameter `first` on. Far
 * fewer statements than one per row, for an import. */
typedef void (*store_bind_row_fn)(sqlite3_stmt *s, int first, int i, void *ctx);
int store_insert_rows(struct store *st, const char *head, int n_cols, int n,
		      store_bind_row_fn bind, void *ctx);
/* Many audit events on one kind of entity, as store_audit() each. */
struct store_audit_row {
	const char *action;
	long long id;
	const char *before, *after;
};
int store_audit_rows(struct store *st, const char *entity, const struct store_audit_row *rows,
		     int n);
/* Now, as "2024-02-20T08:15:00Z" (UTC), the form every time in the database has. */
#define STORE_NOW_SIZE 32
const char *store_now(char buf[STORE_NOW_SIZE]);
/* One audit event, in the caller's transaction. */
int store_audit(struct store *st, const char *action, const char *entity, long long entity_id,
		const char *before, const char *after);
/* A text column as an allocated string (NULL for SQL NULL), and a date
 * column as a day (DATE_NONE for NULL or a bad date). */
char *store_col_text(sqlite3_stmt *s, int i);
/* One copy of a text for the life of the store: the same text gives the same
 * pointer, so equal texts compare by pointer. NULL stays NULL. */
const char *store_intern(struct store *st, const char *s);
date_t store_col_date(sqlite3_stmt *s, int i);
/* Ends a write begun with store_begin whose audit events are written: when
 * rc is 0 the commit; otherwise (or when that fails) a rollback, with "could
 * not save" unless the write said why itself (errs holds more than `said`).
 * Returns the final rc. */
int store_end(struct store *st, int rc, struct diags *errs, int said);
/* Ends a write begun with store_begin: when rc is 0, its audit event and the
 * commit; otherwise (or when those fail) a rollback, with "could not save"
 * unless the write said why itself (errs holds more than `said`, the count
 * when it began). Returns the final rc. */
int store_finish(struct store *st, int rc, const char *action, const char *entity, long long id,
		 const char *before, const char *after, struct diags *errs, int said);

/* Exposed for the migration tests: the list of migrations and how many. */
extern const char *const store_migrations[];
extern const int store_n_migrations;

/* Between store.c and its helpers store_wait.c and store_fault.c: sets the
 * busy handler of a newly opened connection. */
void store_wait_init(struct store *st);
/* The last error as a fault of a file, with the file and what to do, or
 * NULL when it is not one (caller frees). */
char *store_fault_explain(struct store *st);
/* The same for a database file that could not be created (errno err). */
char *store_fault_create(const char *path, int err);

#endif
