/* The database: one SQLite file shared by all staff. Opening sets the pragmas
 * and brings the schema up to date by numbered migrations. All SQL of the
 * program lives in src/core/; outside it the store is an opaque handle. */
#ifndef INNSPILL_STORE_H
#define INNSPILL_STORE_H
#include "date.h"
#include "diag.h"
#include "settings.h"
#include <stdbool.h>

#define STORE_SCHEMA_VERSION 8

/* Its fields, and every function that speaks SQLite's types, are in
 * store_int.h, for src/core/ alone. */
struct store;

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
/* The database's own checks, for `innspill check-db`: NULL when all is
 * well, else what is wrong (caller frees). Pages and indexes; rows that
 * point to rows that are gone. */
char *store_check_pages(struct store *st);
char *store_check_references(struct store *st);
/* Reads a value from the meta table (NULL when absent; caller frees). */
char *store_meta_get(struct store *st, const char *key);
int store_meta_set(struct store *st, const char *key, const char *value);
/* What went wrong last: for a fault of a file (not writable, a full disk,
 * an I/O error) the file and what to do; for a write that gave up waiting,
 * whose write it waited for; else SQLite's message. */
const char *store_errmsg(struct store *st);
/* Changes when another connection commits (PRAGMA data_version). */
int store_data_version(struct store *st);

#endif
