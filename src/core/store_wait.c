/* Waiting for another writer. SQLite lets one connection write at a time;
 * an import holds the database for as long as it reads its files, which
 * may be minutes. A change made meanwhile waits for it, however long, and
 * says whose write it waits for: the importer announces itself in the meta
 * table before its long transaction, and the waiter finds which process
 * holds the write lock (Linux's /proc/locks) and reads that process's
 * announcement. An announcement left by a process that was killed names a
 * process that holds nothing, so it is never believed. */
#include "store.h"
#include "store_int.h"
#include "../i18n.h"
#include "text.h"
#include "util.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

/* How long SQLite tries for the lock before store_begin looks up who holds
 * it and lets the waiting be seen (and cancelled). */
#define TRY_MS 100
/* When stderr is told that a command waits. */
#define TELL_AFTER_MS 1000
/* How often the holder is looked up again while waiting. */
#define LOOK_EVERY_MS 1000

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's busy handler: short sleeps first (most waits are for another
 * person's single change, over in a few milliseconds), then 50 ms steps,
 * until patience_ms have passed. No busy loop. */
static int on_busy(void *arg, int count)
{
	struct store *st = arg;
	if (count == 0)
		st->slept_ms = 0;
	int left = st->patience_ms - st->slept_ms;
	if (left <= 0)
		return 0;
	int step = count < 5 ? 1 << count : 50;
	if (step > left)
		step = left;
	struct timespec ts = {0, (long)step * 1000000L};
	nanosleep(&ts, NULL);
	st->slept_ms += step;
	return 1;
}

void store_wait_init(struct store *st)
{
	st->patience_ms = 5000;
	sqlite3_busy_handler(st->db, on_busy, st);
}

void store_set_wait(struct store *st, store_wait_fn fn, void *ctx)
{
	st->wait_fn = fn;
	st->wait_ctx = ctx;
}

int store_set_patience(struct store *st, int ms)
{
	int was = st->patience_ms;
	st->patience_ms = ms;
	return was;
}

static void this_host(char host[128])
{
	if (gethostname(host, 128) != 0)
		snprintf(host, 128, "?");
	host[127] = '\0';
}

/* The process that holds the database's write lock, from /proc/locks (the
 * WAL write lock is a write lock on byte 120 of the -shm file), or 0. */
static long lock_holder(const struct store *st)
{
	char *shm = xasprintf("%s-shm", st->path);
	struct stat sb;
	int ok = stat(shm, &sb);
	free(shm);
	FILE *f = ok == 0 ? fopen("/proc/locks", "r") : NULL;
	if (!f)
		return 0;
	char line[256];
	long pid = 0;
	while (!pid && fgets(line, sizeof line, f)) {
		char kind[16], rw[16], end[32];
		unsigned maj, min;
		unsigned long long ino, from;
		long p;
		/* "1: POSIX  ADVISORY  WRITE 26920 fe:00:10952782 120 120" */
		const char *l = strchr(line, ':');
		if (!l || sscanf(l + 1, " %15s %*s %15s %ld %x:%x:%llu %llu %31s", kind, rw, &p, &maj,
				 &min, &ino, &from, end) != 8)
			continue;
		if (strcmp(kind, "POSIX") == 0 && strcmp(rw, "WRITE") == 0 && p > 0 &&
		    maj == major(sb.st_dev) && min == minor(sb.st_dev) && ino == sb.st_ino &&
		    from <= 120 && (strcmp(end, "EOF") == 0 || strtoull(end, NULL, 10) >= 120))
			pid = p;
	}
	fclose(f);
	return pid;
}

/* "login\tpid\thost\tsince\tkind\tdetail" into who; false when malformed. */
static bool parse_entry(const char *v, struct store_holder *who)
{
	const char *f[6];
	size_t len[6];
	const char *p = v;
	for (int i = 0; i < 6; i++) {
		const char *tab = i < 5 ? strchr(p, '\t') : NULL;
		f[i] = p;
		len[i] = tab ? (size_t)(tab - p) : strlen(p);
		if (i < 5 && !tab)
			return false;
		p = tab ? tab + 1 : p;
	}
	memset(who, 0, sizeof *who);
	snprintf(who->login, sizeof who->login, "%.*s", (int)len[0], f[0]);
	who->pid = strtol(f[1], NULL, 10);
	snprintf(who->host, sizeof who->host, "%.*s", (int)len[2], f[2]);
	who->since = strtoll(f[3], NULL, 10);
	snprintf(who->kind, sizeof who->kind, "%.*s", (int)len[4], f[4]);
	snprintf(who->detail, sizeof who->detail, "%.*s", (int)len[5], f[5]);
	who->known = who->login[0] != '\0';
	return who->known;
}

static char *entry_key(const char *host, long pid)
{
	return xasprintf("activity:%s:%ld", host, pid);
}

void store_holder_find(struct store *st, struct store_holder *who)
{
	memset(who, 0, sizeof *who);
	long pid = lock_holder(st);
	if (!pid)
		return;
	char host[128];
	this_host(host);
	char *key = entry_key(host, pid);
	char *v = store_meta_get(st, key);
	free(key);
	if (!v || !parse_entry(v, who) || who->pid != pid) {
		memset(who, 0, sizeof *who);
		who->pid = pid;
	}
	free(v);
}

/* "waiting for alice's import of survey.csv…": for stderr, with the file
 * names made safe for a terminal. */
static char *waiting_text(const struct store *st, const struct store_holder *who)
{
	if (!who->known)
		return xasprintf(_("waiting for another program that is writing to %s…"), st->path);
	char *detail = text_sanitize(who->detail, false);
	char *t = strcmp(who->kind, "import") == 0
			  ? xasprintf(_("waiting for %s's import of %s…"), who->login, detail)
		  : strcmp(who->kind, "rebuild") == 0
			  ? xasprintf(_("waiting for %s's rebuild of the search index…"), who->login)
			  : xasprintf(_("waiting for %s, who is writing to the database…"), who->login);
	free(detail);
	return t;
}

/* Without a hook (the command line): a line on stderr after a second, and
 * again when someone else holds the database; an unknown holder is waited
 * for STORE_WAIT_UNKNOWN_S seconds. */
static bool tell_stderr(struct store *st, const struct store_holder *who, long ms, long *told)
{
	if (!who->known && ms >= STORE_WAIT_UNKNOWN_S * 1000L)
		return false;
	long key = who->known ? who->pid : -1;
	if (ms >= TELL_AFTER_MS && *told != key) {
		char *t = waiting_text(st, who);
		fprintf(stderr, "innspill: %s\n", t);
		fflush(stderr);
		free(t);
		*told = key;
	}
	return true;
}

static char *gave_up(const struct store *st, const struct store_holder *who, long ms, bool asked)
{
	if (!asked)
		return xasprintf(_("the database %s has been locked for %ld seconds by a program that did not say what it is doing; nothing was saved; try again later"),
				 st->path, ms / 1000);
	if (who->known && strcmp(who->kind, "import") == 0)
		return xasprintf(_("cancelled; nothing was saved: %s's import is still writing to the database"),
				 who->login);
	if (who->known)
		return xasprintf(_("cancelled; nothing was saved: %s is still writing to the database"),
				 who->login);
	return xasprintf("%s", _("cancelled; nothing was saved: another program is still writing to the database"));
}

int store_begin(struct store *st)
{
	free(st->why);
	st->why = NULL;
	long long start = now_ms();
	long looked = -LOOK_EVERY_MS, told = 0;
	bool waited = false;
	struct store_holder who;
	memset(&who, 0, sizeof who);
	int rc;
	for (;;) {
		int keep = st->patience_ms;
		st->patience_ms = TRY_MS;
		rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		st->patience_ms = keep;
		if (rc == SQLITE_OK || (sqlite3_extended_errcode(st->db) & 0xff) != SQLITE_BUSY)
			break;
		long ms = (long)(now_ms() - start);
		if (ms - looked >= LOOK_EVERY_MS) {
			store_holder_find(st, &who);
			looked = ms;
		}
		waited = true;
		bool on = st->wait_fn ? st->wait_fn(st->wait_ctx, &who, ms)
				      : tell_stderr(st, &who, ms, &told);
		if (!on) {
			st->why = gave_up(st, &who, ms, st->wait_fn != NULL);
			break;
		}
	}
	if (waited && st->wait_fn)
		st->wait_fn(st->wait_ctx, NULL, (long)(now_ms() - start));
	return rc == SQLITE_OK ? 0 : -1;
}

/* Entries of this host whose process is gone (killed in the middle). */
static int clear_stale(struct store *st, const char *host)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT key, value FROM meta WHERE key >= 'activity:' AND key < 'activity;'");
	if (!s)
		return -1;
	char **gone = NULL;
	int n = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct store_holder h;
		const char *v = (const char *)sqlite3_column_text(s, 1);
		if (v && parse_entry(v, &h) && strcmp(h.host, host) == 0 && h.pid > 0 &&
		    kill((pid_t)h.pid, 0) != 0 && errno == ESRCH)
			ptrs_push((void ***)&gone, &n, store_col_text(s, 0));
	}
	store_release(st, s);
	int rc = 0;
	for (int i = 0; i < n; i++) {
		s = store_prepare(st, "DELETE FROM meta WHERE key = ?");
		if (s) {
			sqlite3_bind_text(s, 1, gone[i], -1, SQLITE_STATIC);
			rc |= sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
		} else {
			rc = -1;
		}
		store_release(st, s);
		free(gone[i]);
	}
	free(gone);
	return rc;
}

int store_activity_begin(struct store *st, const char *kind, const char *detail)
{
	char host[128];
	this_host(host);
	char *key = entry_key(host, (long)getpid());
	char *value = xasprintf("%s\t%ld\t%s\t%lld\t%s\t%s", st->user, (long)getpid(), host,
				(long long)time(NULL), kind, detail ? detail : "");
	for (char *p = value; *p; p++)
		if (*p == '\n')
			*p = ' ';
	int rc = store_begin(st);
	if (!rc && (clear_stale(st, host) != 0 || store_meta_set(st, key, value) != 0 ||
		    store_commit(st) != 0)) {
		store_rollback(st);
		rc = -1;
	}
	free(value);
	if (rc) {
		free(key);
		return -1;
	}
	free(st->activity);
	st->activity = key;
	return 0;
}

/* Best effort, and brief: when it fails (someone else's import began at
 * once), the entry names a process that no longer holds the lock, which
 * nobody believes, and the next announcement of this host clears it. */
void store_activity_end(struct store *st)
{
	if (!st->activity)
		return;
	int keep = st->patience_ms;
	st->patience_ms = 500;
	sqlite3_stmt *s = store_prepare(st, "DELETE FROM meta WHERE key = ?");
	if (s) {
		sqlite3_bind_text(s, 1, st->activity, -1, SQLITE_STATIC);
		sqlite3_step(s);
		store_release(st, s);
	}
	st->patience_ms = keep;
	free(st->activity);
	st->activity = NULL;
}
