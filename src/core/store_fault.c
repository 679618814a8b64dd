/* Faults of the database's files, told as the file at fault and what to do.
 * SQLite says "attempt to write a readonly database" whether the database,
 * its directory, its -wal or its -shm is the one that cannot be written,
 * and "disk I/O error" for a disk that is full: the files are looked at to
 * say which. */
#include "store.h"
#include "store_int.h"
#include "../i18n.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static bool exists(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0;
}

/* Whether this process may write p, as its effective user. */
static bool writable(const char *p)
{
	return faccessat(AT_FDCWD, p, W_OK, AT_EACCESS) == 0;
}

/* The login that owns p, or its number. */
static char *owner(const char *p)
{
	struct stat sb;
	if (stat(p, &sb) != 0)
		return xstrdup("?");
	struct passwd *pw = getpwuid(sb.st_uid);
	return pw ? xstrdup(pw->pw_name) : xasprintf("%lu", (unsigned long)sb.st_uid);
}

static bool read_only_fs(const char *dir)
{
	struct statvfs v;
	return statvfs(dir, &v) == 0 && (v.f_flag & ST_RDONLY);
}

static char *full(const char *path, int err)
{
	if (err == EDQUOT)
		return xasprintf(_("your disk quota is used up on the disk holding %s: free space and try again; nothing was saved"),
				 path);
	return xasprintf(_("the disk holding %s is full: free space and try again; nothing was saved"),
			 path);
}

static char *not_writable_dir(const char *dir, const char *file)
{
	char *who = owner(dir);
	char *m = xasprintf(_("the directory %s is not writable for you: innspill needs to create %s there; ask its owner (%s) to run chmod g+w %s"),
			    dir, file, who, dir);
	free(who);
	return m;
}

static char *not_writable_file(const char *file, bool is_db)
{
	char *who = owner(file);
	char *m = is_db ? xasprintf(_("the database %s is not writable for you: ask its owner (%s) to run chmod g+w %s and to put you in its group"),
				    file, who, file)
			: xasprintf(_("%s is not writable for you: innspill shares the database through it; ask its owner (%s) to run chmod g+w %s, or to remove it while nobody has the database open"),
				    file, who, file);
	free(who);
	return m;
}

/* Which of the database's files this process cannot write, and what to do;
 * NULL when every one is writable. */
static char *which_file(const char *path)
{
	char *dir = path_dirname(path);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	char *m = NULL;
	if (read_only_fs(dir))
		m = xasprintf(_("the file system holding %s is mounted read-only: innspill cannot save there; ask the administrator"),
			      path);
	else if (exists(path) && !writable(path))
		m = not_writable_file(path, true);
	else if (!writable(dir) && (!exists(wal) || !exists(shm)))
		m = not_writable_dir(dir, exists(shm) ? wal : shm);
	else if (exists(shm) && !writable(shm))
		m = not_writable_file(shm, false);
	else if (exists(wal) && !writable(wal))
		m = not_writable_file(wal, false);
	free(dir);
	free(wal);
	free(shm);
	return m;
}

char *store_fault_explain(struct store *st)
{
	int ext = sqlite3_extended_errcode(st->db), code = ext & 0xff;
	int err = code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN
			  ? sqlite3_system_errno(st->db) : 0;
	if (code == SQLITE_FULL || err == ENOSPC || err == EDQUOT)
		return full(st->path, err);
	if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN && code != SQLITE_IOERR &&
	    code != SQLITE_PERM)
		return NULL;
	char *m = which_file(st->path);
	if (m)
		return m;
	if (code == SQLITE_IOERR && err)
		return xasprintf(_("cannot read or write %s: %s; nothing was saved"), st->path,
				 strerror(err));
	return NULL;
}

char *store_fault_create(const char *path, int err)
{
	if (err == ENOSPC || err == EDQUOT)
		return full(path, err);
	if (err != EACCES && err != EPERM && err != EROFS)
		return NULL;
	char *dir = path_dirname(path);
	char *m = !read_only_fs(dir) && !writable(dir) ? not_writable_dir(dir, path)
						      : which_file(path);
	free(dir);
	return m;
}
