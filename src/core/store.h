/* The database: one SQLite file shared by all staff. Opening sets the pragmas
 * and brings the schema up to date by numbered migrations. All SQL of the
 * program lives in src/core/. */
#ifndef INNSPILL_STORE_H
#define INNSPILL_STORE_H
#include "date.h"
#include "diag.h"
#include "settings.h"
#include <sqlite3.h>
#include <stdbool.h>

#define STORE_SCHEMA_VERSION 7

#define STORE_CACHE_SIZE 64

/* Who holds the database for a long write, as it said when it began
 * (store_activity_begin); known is false when nobody said (another
 * person's short change, or a program that is not innspill). */
struct store_holder {
	bool known;
	char login[64];
	char host[128];
	long pid;
	long long since;  /* when it began, Unix time */
	char kind[32];    /* "import", "rebuild" */
	char detail[512]; /* what: the files of an import */
};

/* Called about every 100 ms while store_begin waits for the database:
 * who holds it and how long this write has waited. Returns true to wait
 * on, false to give up (the write then fails with "cancelled"). Called a
 * last time with who NULL when the wait is over, either way. */
typedef bool (*store_wait_fn)(void *ctx, const struct store_holder *who, long waited_ms);

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

/* Opens (creating if needed) and migrates. Returns NULL with a message in errs. */
struct store *store_open(const char *path, const char *user, struct diags *errs);
void store_close(struct store *st);
/* The mode a database file is created with (the settings' database_mode). */
void store_set_create_mode(int mode);
/* Writes the settings' registers, cycles, questions, regions and milestones
 * into the database; running it again with the same settings changes nothing. */
int store_sync_settings(struct store *st, const struct settings *s, struct diags *errs);
/* The schema version a database file has (for tests and messages). */
int store_user_version(struct store *st);

/* Helpers for core modules. */
/* BEGIN IMMEDIATE. While someone else writes, it waits for them, however
 * long, as long as they are known to be at work (an import that said so);
 * see store_set_wait. On failure store_errmsg() says why in full. */
int store_begin(struct store *st);
/* Who is told while a write waits: fn (the terminal program's status line),
 * or with fn NULL stderr, once, after a second. Without fn a write gives up
 * after STORE_WAIT_UNKNOWN_S seconds when nobody said they are writing. */
#define STORE_WAIT_UNKNOWN_S 60
void store_set_wait(struct store *st, store_wait_fn fn, void *ctx);
/* How long a single statement outside store_begin waits for a lock (ms;
 * 5 000 at first): 0 for a write that may simply be tried again later
 * (presence marks). Returns what it was. */
int store_set_patience(struct store *st, int ms);
/* Announces a long write (kind "import", detail its files) to those who will
 * wait for it, in a short transaction of its own, before the long one; and
 * takes the announcement back after it. Entries left by a process that is
 * gone (kill -9) are ignored, and cleared by the next announcement. */
int store_activity_begin(struct store *st, const char *kind, const char *detail);
void store_activity_end(struct store *st);
/* Who holds the database for a long write (known false when nobody says). */
void store_holder_find(struct store *st, struct store_holder *who);
int store_commit(struct store *st);
void store_rollback(struct store *st);
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
/* The database's own checks, for `innspill check-db`: NULL when all is
 * well, else what is wrong (caller frees). Pages and indexes; rows that
 * point to rows that are gone. */
char *store_check_pages(struct store *st);
char *store_check_references(struct store *st);
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
/* Reads a value from the meta table (NULL when absent; caller frees). */
char *store_meta_get(struct store *st, const char *key);
int store_meta_set(struct store *st, const char *key, const char *value);
/* What went wrong last: for a fault of a file (not writable, a full disk,
 * an I/O error) the file and what to do; for a write that gave up waiting,
 * whose write it waited for; else SQLite's message. */
const char *store_errmsg(struct store *st);
/* Changes when another connection commits (PRAGMA data_version). */
int store_data_version(struct store *st);

/* Exposed for the migration tests: the list of migrations and how many. */
extern const char *const store_migrations[];
extern const int store_n_migrations;

#endif
