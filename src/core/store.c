#include "store.h"
#include "store_int.h"
#include "../i18n.h"
#include "util.h"
#include <glib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Each migration takes the schema from version i to i+1, in one transaction.
 * Never edit a migration that has shipped: add a new one. */
const char *const store_migrations[] = {
	/* 1: the first schema */
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE member_register (id TEXT PRIMARY KEY, source TEXT);"
	"CREATE TABLE member ("
	"  number TEXT PRIMARY KEY, name TEXT NOT NULL, county TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('municipality','county')),"
	"  register_id TEXT NOT NULL REFERENCES member_register(id));"
	"CREATE TABLE region (code TEXT PRIMARY KEY, name TEXT NOT NULL, seq INTEGER NOT NULL);"
	"CREATE TABLE region_county (county TEXT PRIMARY KEY,"
	"  region_code TEXT NOT NULL REFERENCES region(code));"
	"CREATE TABLE cycle ("
	"  id TEXT PRIMARY KEY, title TEXT NOT NULL, register_id TEXT NOT NULL"
	"  REFERENCES member_register(id), sent TEXT NOT NULL, national_deadline TEXT NOT NULL,"
	"  main_board TEXT NOT NULL, seq INTEGER NOT NULL);"
	"CREATE TABLE question ("
	"  cycle_id TEXT NOT NULL REFERENCES cycle(id), id TEXT NOT NULL, seq INTEGER NOT NULL,"
	"  title TEXT NOT NULL, text TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('text','choice')),"
	"  PRIMARY KEY (cycle_id, id));"
	"CREATE TABLE question_option ("
	"  cycle_id TEXT NOT NULL, question_id TEXT NOT NULL, seq INTEGER NOT NULL,"
	"  label TEXT NOT NULL, PRIMARY KEY (cycle_id, question_id, seq),"
	"  FOREIGN KEY (cycle_id, question_id) REFERENCES question(cycle_id, id));"
	"CREATE TABLE milestone ("
	"  id INTEGER PRIMARY KEY, cycle_id TEXT NOT NULL REFERENCES cycle(id),"
	"  region_code TEXT REFERENCES region(code),"  /* NULL: the same for every region */
	"  kind TEXT NOT NULL, name TEXT, date_from TEXT NOT NULL, date_to TEXT NOT NULL);"
	"CREATE INDEX milestone_cycle ON milestone(cycle_id, region_code);"
	"CREATE TABLE expected ("
	"  cycle_id TEXT NOT NULL REFERENCES cycle(id),"
	"  member TEXT NOT NULL REFERENCES member(number),"
	"  expected INTEGER NOT NULL, reason TEXT, PRIMARY KEY (cycle_id, member));"
	"CREATE TABLE submission ("
	"  id INTEGER PRIMARY KEY, cycle_id TEXT NOT NULL REFERENCES cycle(id),"
	"  member TEXT REFERENCES member(number),"  /* NULL until matched */
	"  received TEXT NOT NULL, decided TEXT, body_by TEXT, reference TEXT,"
	"  body TEXT NOT NULL DEFAULT '', source TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'new'"
	"    CHECK (status IN ('new','approved','follow-up','rejected')),"
	"  reviewer TEXT, reviewed_at TEXT,"
	"  supersedes INTEGER REFERENCES submission(id), current INTEGER NOT NULL DEFAULT 1,"
	"  content_hash TEXT, version INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL);"
	"CREATE INDEX submission_cycle ON submission(cycle_id, current, member);"
	"CREATE INDEX submission_received ON submission(cycle_id, received);"
	"CREATE TABLE answer ("
	"  submission_id INTEGER NOT NULL REFERENCES submission(id),"
	"  cycle_id TEXT NOT NULL, question_id TEXT NOT NULL,"
	"  choice TEXT, text TEXT, PRIMARY KEY (submission_id, question_id),"
	"  FOREIGN KEY (cycle_id, question_id) REFERENCES question(cycle_id, id));"
	"CREATE TABLE note ("
	"  id INTEGER PRIMARY KEY, submission_id INTEGER NOT NULL REFERENCES submission(id),"
	"  author TEXT NOT NULL, created_at TEXT NOT NULL, text TEXT NOT NULL);"
	"CREATE TABLE audit_event ("
	"  id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,"
	"  entity TEXT NOT NULL, entity_id INTEGER, before TEXT, after TEXT);"
	"CREATE INDEX audit_entity ON audit_event(entity, entity_id);",

	/* 2: the inbox: where a submission came from, attachments, answers split
	 * out of a resolution's lines with a stance, full-text search */
	"ALTER TABLE submission ADD COLUMN message_id TEXT;"
	"ALTER TABLE submission ADD COLUMN sender TEXT;"
	"ALTER TABLE submission ADD COLUMN subject TEXT;"
	"ALTER TABLE submission ADD COLUMN origin TEXT;"
	"CREATE UNIQUE INDEX submission_hash ON submission(cycle_id, content_hash)"
	"  WHERE content_hash IS NOT NULL;"
	"CREATE INDEX submission_message ON submission(message_id);"
	"CREATE INDEX submission_status ON submission(cycle_id, current, status);"
	"CREATE TABLE attachment ("
	"  id INTEGER PRIMARY KEY, submission_id INTEGER NOT NULL REFERENCES submission(id),"
	"  name TEXT, type TEXT NOT NULL, size INTEGER NOT NULL, data BLOB);"
	"CREATE INDEX attachment_submission ON attachment(submission_id);"
	"ALTER TABLE answer ADD COLUMN stance TEXT"
	"  CHECK (stance IN ('agree','disagree','partly','none'));"
	"ALTER TABLE answer ADD COLUMN line_from INTEGER;"
	"ALTER TABLE answer ADD COLUMN line_to INTEGER;"
	"CREATE INDEX note_submission ON note(submission_id);"
	/* rowid = submission id; kept by the functions that write those texts */
	"CREATE VIRTUAL TABLE submission_fts USING fts5(body, answers, notes,"
	"  tokenize = 'unicode61 remove_diacritics 0');",

	/* 3: the answers: codes (themes) on free-text answers, the region's own
	 * answer per question, and a key that ties a question across cycles */
	"ALTER TABLE question ADD COLUMN key TEXT;"
	"CREATE TABLE code ("
	"  id INTEGER PRIMARY KEY, cycle_id TEXT NOT NULL, question_id TEXT NOT NULL,"
	"  label TEXT NOT NULL, seq INTEGER NOT NULL, created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL, UNIQUE (cycle_id, question_id, label),"
	"  FOREIGN KEY (cycle_id, question_id) REFERENCES question(cycle_id, id));"
	"CREATE TABLE answer_code ("
	"  submission_id INTEGER NOT NULL, question_id TEXT NOT NULL,"
	"  code_id INTEGER NOT NULL REFERENCES code(id),"
	"  PRIMARY KEY (submission_id, question_id, code_id),"
	"  FOREIGN KEY (submission_id, question_id) REFERENCES answer(submission_id, question_id));"
	"CREATE INDEX answer_code_code ON answer_code(code_id);"
	"CREATE TABLE region_answer ("
	"  cycle_id TEXT NOT NULL, region_code TEXT NOT NULL REFERENCES region(code),"
	"  question_id TEXT NOT NULL, text TEXT NOT NULL, author TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (cycle_id, region_code, question_id),"
	"  FOREIGN KEY (cycle_id, question_id) REFERENCES question(cycle_id, id));",

	/* 4: sharing the work: who a submission is given to, and who is reading
	 * which submission right now */
	"ALTER TABLE submission ADD COLUMN assignee TEXT;"
	"CREATE INDEX submission_assignee ON submission(cycle_id, current, assignee);"
	"CREATE TABLE presence ("
	"  user TEXT NOT NULL, pid INTEGER NOT NULL, submission_id INTEGER NOT NULL,"
	"  seen_at INTEGER NOT NULL, PRIMARY KEY (user, pid));"
	"CREATE INDEX audit_at ON audit_event(at);",

	/* 5: one index that holds every column of the inbox list, so that the
	 * list of all cycles reads the index alone and not 100 000 bodies; it
	 * serves the cycle, status and assignee lookups the four before it did,
	 * and an import writes one index instead of four */
	"DROP INDEX submission_cycle;"
	"DROP INDEX submission_received;"
	"DROP INDEX submission_status;"
	"DROP INDEX submission_assignee;"
	"CREATE INDEX submission_list ON submission(cycle_id, current, member, received, status,"
	"  version, reviewer, assignee, decided);",

	/* 6: a lighter import. The answers are kept in their key's order with no
	 * second index (WITHOUT ROWID), and the search index keeps no copy of
	 * the texts: it reads them from a view when it must (external content).
	 * The view's order within a submission is fixed, because removing a row
	 * from the index needs the very texts it was made from. */
	"CREATE TABLE answer6 ("
	"  submission_id INTEGER NOT NULL REFERENCES submission(id),"
	"  cycle_id TEXT NOT NULL, question_id TEXT NOT NULL,"
	"  choice TEXT, text TEXT,"
	"  stance TEXT CHECK (stance IN ('agree','disagree','partly','none')),"
	"  line_from INTEGER, line_to INTEGER,"
	"  PRIMARY KEY (submission_id, question_id),"
	"  FOREIGN KEY (cycle_id, question_id) REFERENCES question(cycle_id, id)) WITHOUT ROWID;"
	"INSERT INTO answer6 SELECT submission_id, cycle_id, question_id, choice, text, stance,"
	"  line_from, line_to FROM answer;"
	"DROP TABLE answer;"
	"ALTER TABLE answer6 RENAME TO answer;"
	"DROP TABLE submission_fts;"
	"CREATE VIEW submission_text AS SELECT s.id AS id,"
	"  s.body || ' ' || coalesce(s.subject, '') AS body,"
	"  (SELECT group_concat(t, ' ') FROM (SELECT coalesce(a.choice, '') || ' '"
	"     || coalesce(a.text, '') AS t FROM answer a WHERE a.submission_id = s.id"
	"     ORDER BY a.question_id)) AS answers,"
	"  (SELECT group_concat(t, ' ') FROM (SELECT n.text AS t FROM note n"
	"     WHERE n.submission_id = s.id ORDER BY n.id)) AS notes"
	"  FROM submission s;"
	"CREATE VIRTUAL TABLE submission_fts USING fts5(body, answers, notes,"
	"  content = 'submission_text', content_rowid = 'id',"
	"  tokenize = 'unicode61 remove_diacritics 0');"
	/* A larger buffer before the index is written out: an import of
	 * 100 000 rows is indexed in 1.15 s instead of 1.8 s (make bench). */
	"INSERT INTO submission_fts (submission_fts, rank) VALUES ('hashsize', 33554432);"
	"INSERT INTO submission_fts (submission_fts) VALUES ('rebuild');",

	/* 7: two indexes no query used, each a write per imported row: mails
	 * are known by their content hash, not by this index on Message-ID, and
	 * the log reads the audit events in their own order */
	"DROP INDEX submission_message; DROP INDEX audit_at;",

	/* 8: resolutions as they arrive. An attachment keeps the text read out
	 * of it (PDF, DOCX, ODT, plain text) and what became of the reading: text
	 * found, a scan with no text layer, or broken (with the reason). A
	 * submission keeps what its særutskrift says: the kind of body that
	 * decided, and the decision apart from the proposal and the debate. The
	 * search index reads the attachments' text with the mail's own. The checks
 * are written with OR, not IN: SQLite checks an IN list of four with a
 * temporary table made and freed on every insert, which made an import of
 * 20 000 rows take 17 s instead of 1 s. */
	"ALTER TABLE attachment ADD COLUMN text TEXT;"
	"ALTER TABLE attachment ADD COLUMN text_state TEXT"
	"  CHECK (text_state = 'text' OR text_state = 'scan' OR text_state = 'broken');"
	"ALTER TABLE attachment ADD COLUMN text_note TEXT;"
	"ALTER TABLE submission ADD COLUMN body_kind TEXT"
	"  CHECK (body_kind = 'council' OR body_kind = 'executive' OR body_kind = 'committee'"
	"    OR body_kind = 'administration');"
	"ALTER TABLE submission ADD COLUMN decision TEXT;"
	"ALTER TABLE submission ADD COLUMN proposal TEXT;"
	"ALTER TABLE submission ADD COLUMN debate TEXT;"
	"DROP TABLE submission_fts;"
	"DROP VIEW submission_text;"
	"CREATE VIEW submission_text AS SELECT s.id AS id,"
	"  s.body || ' ' || coalesce(s.subject, '') || coalesce((SELECT ' ' || group_concat(t, ' ')"
	"     FROM (SELECT at.text AS t FROM attachment at WHERE at.submission_id = s.id"
	"     AND at.text IS NOT NULL ORDER BY at.id)), '') AS body,"
	"  (SELECT group_concat(t, ' ') FROM (SELECT coalesce(a.choice, '') || ' '"
	"     || coalesce(a.text, '') AS t FROM answer a WHERE a.submission_id = s.id"
	"     ORDER BY a.question_id)) AS answers,"
	"  (SELECT group_concat(t, ' ') FROM (SELECT n.text AS t FROM note n"
	"     WHERE n.submission_id = s.id ORDER BY n.id)) AS notes"
	"  FROM submission s;"
	"CREATE VIRTUAL TABLE submission_fts USING fts5(body, answers, notes,"
	"  content = 'submission_text', content_rowid = 'id',"
	"  tokenize = 'unicode61 remove_diacritics 0');"
	"INSERT INTO submission_fts (submission_fts, rank) VALUES ('hashsize', 33554432);"
	"INSERT INTO submission_fts (submission_fts) VALUES ('rebuild');",
};
const int store_n_migrations = (int)(sizeof store_migrations / sizeof store_migrations[0]);

/* The value of a pragma that answers with one number, or fallback. */
static int pragma_int(struct store *st, const char *pragma, int fallback)
{
	sqlite3_stmt *s = store_prepare(st, pragma);
	int v = fallback;
	if (s && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	store_release(st, s);
	return v;
}

int store_data_version(struct store *st)
{
	return pragma_int(st, "PRAGMA data_version", -1);
}

const char *store_errmsg(struct store *st)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;
	/* Why a wait gave up, or what a rollback since made SQLite forget. */
	if (st->why && (code == SQLITE_BUSY || code == SQLITE_OK))
		return st->why;
	char *m = store_fault_explain(st);
	if (!m)
		return sqlite3_errmsg(st->db);
	free(st->explained);
	st->explained = m;
	return m;
}

int store_exec(struct store *st, const char *sql)
{
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Statements are kept once prepared: an import of 100 000 rows runs the same
 * few statements over and over, and parsing SQL is most of their cost. */
static uint64_t sql_hash(const char *sql)
{
	uint64_t h = 14695981039346656037ULL;
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

static struct cached *find_cached(struct store *st, const char *sql, uint64_t h)
{
	for (int i = 0; i < st->n_cached; i++)
		if (st->cache[i].hash == h && strcmp(sqlite3_sql(st->cache[i].stmt), sql) == 0)
			return &st->cache[i];
	return NULL;
}

sqlite3_stmt *store_prepare(struct store *st, const char *sql)
{
	uint64_t h = sql_hash(sql);
	struct cached *c = find_cached(st, sql, h);
	if (c && !c->in_use) {
		c->in_use = true;
		return c->stmt;
	}
	sqlite3_stmt *stmt = NULL;
	bool keep = !c && st->n_cached < STORE_CACHE_SIZE;
	if (sqlite3_prepare_v3(st->db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, &stmt,
			       NULL) != SQLITE_OK)
		return NULL;
	if (keep)
		st->cache[st->n_cached++] = (struct cached){h, stmt, true};
	return stmt;
}

void store_release(struct store *st, sqlite3_stmt *stmt)
{
	if (!stmt)
		return;
	for (int i = 0; i < st->n_cached; i++)
		if (st->cache[i].stmt == stmt) {
			sqlite3_reset(stmt);
			sqlite3_clear_bindings(stmt);
			st->cache[i].in_use = false;
			return;
		}
	sqlite3_finalize(stmt);
}

int store_commit(struct store *st)
{
	return store_exec(st, "COMMIT");
}

void store_rollback(struct store *st)
{
	/* What went wrong is kept for store_errmsg: the rollback forgets it. */
	int code = sqlite3_extended_errcode(st->db) & 0xff;
	if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
		char *why = xstrdup(store_errmsg(st));
		free(st->why);
		st->why = why;
	}
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_user_version(struct store *st)
{
	return pragma_int(st, "PRAGMA user_version", -1);
}

/* Foreign keys are off while the schema changes (a table rebuilt under its
 * references would fail them half-way) and are checked whole afterwards. */
static int migrate(struct store *st, struct diags *errs)
{
	int from = store_user_version(st);
	for (int v = from; v < store_n_migrations; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (store_begin(st) != 0 || store_exec(st, store_migrations[v]) != 0 ||
		    store_exec(st, pragma) != 0 || store_commit(st) != 0) {
			diags_add(errs, st->path, 0, _("upgrading the database to version %d failed: %s"),
				  v + 1, store_errmsg(st));
			store_rollback(st);
			return -1;
		}
	}
	sqlite3_stmt *s = from < store_n_migrations ? store_prepare(st, "PRAGMA foreign_key_check")
						     : NULL;
	int broken = from == store_n_migrations ? SQLITE_DONE : s ? sqlite3_step(s) : SQLITE_ERROR;
	store_release(st, s);
	if (broken != SQLITE_DONE) {
		diags_add(errs, st->path, 0, _("the database's references do not hold: %s"),
			  broken == SQLITE_ROW ? _("a row points to one that is gone") : store_errmsg(st));
		return -1;
	}
	return store_exec(st, "PRAGMA foreign_keys = ON");
}

/* The database is shared by the staff on one server: group read/write, not
 * for everyone. SQLite gives the -wal and -shm files the same mode. A file
 * anyone may write is refused: anyone could change the answers. */
static int create_mode = 0660;

void store_set_create_mode(int mode)
{
	create_mode = mode;
}

static int check_file(const char *path, struct diags *errs)
{
	struct stat sb;
	if (lstat(path, &sb) != 0) {
		if (errno != ENOENT) {
			diags_add(errs, path, 0, _("cannot open the database: %s"), strerror(errno));
			return -1;
		}
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			      (mode_t)create_mode);
		if (fd < 0) {
			int err = errno;
			char *why = store_fault_create(path, err);
			if (why)
				diags_add(errs, path, 0, "%s", why);
			else
				diags_add(errs, path, 0, _("cannot create the database: %s"), strerror(err));
			free(why);
			return -1;
		}
		fchmod(fd, (mode_t)create_mode);
		close(fd);
		return 0;
	}
	if (S_ISLNK(sb.st_mode) && stat(path, &sb) != 0) {
		diags_add(errs, path, 0, _("cannot open the database: %s"), strerror(errno));
		return -1;
	}
	if (sb.st_mode & S_IWOTH) {
		diags_add(errs, path, 0,
			  _("the database may be changed by anyone on this machine; refused. Fix it with: chmod o-w %s"),
			  path);
		return -1;
	}
	return 0;
}

/* Before SQLite's first use: no memory statistics (a global lock around
 * every allocation SQLite makes), as nothing here reads them. */
static void configure_once(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct store *store_open(const char *path, const char *user, struct diags *errs)
{
	configure_once();
	if (check_file(path, errs) != 0)
		return NULL;
	struct store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->user = xstrdup(user);
	/* One connection per process, used by one thread: no mutex per call. */
	if (sqlite3_open_v2(path, &st->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		diags_add(errs, path, 0, _("cannot open the database: %s"),
			  st->db ? store_errmsg(st) : "?");
		store_close(st);
		return NULL;
	}
	store_wait_init(st);
	sqlite3_extended_result_codes(st->db, 1);
	/* A file that is not a database shows up at the first statement; a newer
	 * one is refused before anything (even the journal mode) is changed. */
	int v = store_user_version(st);
	if (v < 0) {
		diags_add(errs, path, 0, _("cannot use the database: %s"), store_errmsg(st));
		store_close(st);
		return NULL;
	}
	if (v > store_n_migrations) {
		diags_add(errs, path, 0,
			  _("the database has schema version %d, newer than this program knows (%d); use a newer innspill"),
			  v, store_n_migrations);
		store_close(st);
		return NULL;
	}
	if (store_exec(st, "PRAGMA journal_mode = WAL") != 0 ||
	    store_exec(st, "PRAGMA synchronous = NORMAL") != 0) {
		diags_add(errs, path, 0, _("cannot use the database: %s"), store_errmsg(st));
		store_close(st);
		return NULL;
	}
	if (migrate(st, errs) != 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	store_activity_end(st);
	for (int i = 0; i < st->n_cached; i++)
		sqlite3_finalize(st->cache[i].stmt);
	sqlite3_close(st->db);
	free(st->why);
	free(st->explained);
	free(st->activity);
	if (st->strings)
		g_string_chunk_free(st->strings);
	free(st->path);
	free(st->user);
	free(st);
}

/* The time as the database keeps it, made here rather than by SQLite's
 * strftime(), which costs more than the rest of an audit event. */
const char *store_now(char buf[STORE_NOW_SIZE])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, STORE_NOW_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

int store_audit(struct store *st, const char *action, const char *entity, long long entity_id,
		const char *before, const char *after)
{
	sqlite3_stmt *s = store_prepare(st,
		"INSERT INTO audit_event (at, user, action, entity, entity_id, before, after)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (!s)
		return -1;
	char at[STORE_NOW_SIZE];
	sqlite3_bind_text(s, 1, store_now(at), -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, st->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, entity_id);
	sqlite3_bind_text(s, 6, before, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, after, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	store_release(st, s);
	return rc;
}

/* "HEAD VALUES (?, ...), (?, ...)" for k rows of n_cols. */
static char *rows_sql(const char *head, int n_cols, int k)
{
	struct sbuf b = {0};
	sb_puts(&b, head);
	sb_puts(&b, " VALUES ");
	for (int r = 0; r < k; r++) {
		sb_puts(&b, r ? ", (" : "(");
		for (int c = 0; c < n_cols; c++)
			sb_puts(&b, c ? ", ?" : "?");
		sb_putc(&b, ')');
	}
	return sb_take(&b);
}

int store_insert_rows(struct store *st, const char *head, int n_cols, int n,
		      store_bind_row_fn bind, void *ctx)
{
	/* A few fixed sizes, so that the statement cache holds them all. */
	static const int sizes[] = {64, 16, 4, 1};
	int done = 0;
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++)
		while (n - done >= sizes[z]) {
			char *sql = rows_sql(head, n_cols, sizes[z]);
			sqlite3_stmt *s = store_prepare(st, sql);
			free(sql);
			if (!s)
				return -1;
			for (int r = 0; r < sizes[z]; r++)
				bind(s, r * n_cols + 1, done + r, ctx);
			int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
			store_release(st, s);
			if (rc)
				return -1;
			done += sizes[z];
		}
	return 0;
}

struct audit_batch {
	const char *at, *user, *entity;
	const struct store_audit_row *rows;
};

static void bind_audit(sqlite3_stmt *s, int p, int i, void *ctx)
{
	const struct audit_batch *b = ctx;
	const struct store_audit_row *r = &b->rows[i];
	sqlite3_bind_text(s, p, b->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, p + 1, b->user, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, p + 2, r->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, p + 3, b->entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, p + 4, r->id);
	sqlite3_bind_text(s, p + 5, r->before, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, p + 6, r->after, -1, SQLITE_STATIC);
}

int store_audit_rows(struct store *st, const char *entity, const struct store_audit_row *rows,
		     int n)
{
	char at[STORE_NOW_SIZE];
	struct audit_batch b = {store_now(at), st->user, entity, rows};
	return store_insert_rows(st, "INSERT INTO audit_event (at, user, action, entity, entity_id,"
				     " before, after)", 7, n, bind_audit, &b);
}

/* What a check collected, or NULL when it found nothing. */
static char *problems_text(struct sbuf *b)
{
	if (b->n)
		return sb_take(b);
	free(b->s);
	return NULL;
}

/* The first rows of a check pragma; NULL when it says "ok". */
static char *check_rows(struct store *st, const char *sql)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	if (!s)
		return xasprintf("%s", store_errmsg(st));
	struct sbuf b = {0};
	int n = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && n < 5) {
		if (n == 0 && sqlite3_column_text(s, 0) &&
		    strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0)
			break;
		if (n++)
			sb_puts(&b, "; ");
		for (int c = 0; c < sqlite3_column_count(s); c++) {
			const char *v = (const char *)sqlite3_column_text(s, c);
			if (c)
				sb_putc(&b, ' ');
			sb_puts(&b, v ? v : "NULL");
		}
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE && n == 0)
		sb_puts(&b, store_errmsg(st));
	store_release(st, s);
	return problems_text(&b);
}

char *store_check_pages(struct store *st)
{
	return check_rows(st, "PRAGMA integrity_check(5)");
}

char *store_check_references(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st,
		"SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check GROUP BY 1, 2");
	if (!s)
		return xasprintf("%s", store_errmsg(st));
	struct sbuf b = {0};
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int n = sqlite3_column_int(s, 2);
		if (b.n)
			sb_puts(&b, "; ");
		char *one = xasprintf(ngettext("%d row of %s points to a %s that is not there",
					       "%d rows of %s point to a %s that is not there",
					       (unsigned long)n),
				      n, (const char *)sqlite3_column_text(s, 0),
				      (const char *)sqlite3_column_text(s, 1));
		sb_puts(&b, one);
		free(one);
	}
	if (rc != SQLITE_DONE)
		sb_puts(&b, store_errmsg(st));
	store_release(st, s);
	return problems_text(&b);
}

int store_end(struct store *st, int rc, struct diags *errs, int said)
{
	if (!rc)
		rc = store_commit(st);
	if (rc) {
		if (errs->n == said)
			diags_add(errs, NULL, 0, _("could not save: %s"), store_errmsg(st));
		store_rollback(st);
	}
	return rc;
}

int store_finish(struct store *st, int rc, const char *action, const char *entity, long long id,
		 const char *before, const char *after, struct diags *errs, int said)
{
	if (!rc)
		rc = store_audit(st, action, entity, id, before, after);
	return store_end(st, rc, errs, said);
}

char *store_meta_get(struct store *st, const char *key)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT value FROM meta WHERE key = ?");
	char *v = NULL;
	if (!s)
		return NULL;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(s, 0));
	store_release(st, s);
	return v;
}

int store_meta_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s = store_prepare(st,
		"INSERT INTO meta (key, value) VALUES (?, ?)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	store_release(st, s);
	return rc;
}

int store_bulk(struct store *st, bool on)
{
	if (on) {
		st->cache_size = pragma_int(st, "PRAGMA cache_size", -2000);
		return store_exec(st, "PRAGMA foreign_keys = OFF") != 0 ||
		       store_exec(st, "PRAGMA cache_size = -65536") != 0 ? -1 : 0;
	}
	char *back = xasprintf("PRAGMA cache_size = %d", st->cache_size);
	int rc = store_exec(st, "PRAGMA foreign_keys = ON") != 0 || store_exec(st, back) != 0 ? -1 : 0;
	free(back);
	return rc;
}

const char *store_intern(struct store *st, const char *s)
{
	if (!s)
		return NULL;
	/* The same few texts (the reviewers' logins) come row after row: the
	 * last two found save a hash each. */
	for (int i = 0; i < 2; i++)
		if (st->recent[i] && strcmp(st->recent[i], s) == 0)
			return st->recent[i];
	if (!st->strings)
		st->strings = g_string_chunk_new(4096);
	st->recent[1] = st->recent[0];
	return st->recent[0] = g_string_chunk_insert_const(st->strings, s);
}

char *store_col_text(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	return v ? xstrdup(v) : NULL;
}

date_t store_col_date(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	date_t d;
	return v && date_parse(v, &d) ? d : DATE_NONE;
}
