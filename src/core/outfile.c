#include "outfile.h"
#include "../i18n.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A new, empty temporary file in dir, named after the target so a file
 * left by a crash says what it was for; its name in *tmp. */
static FILE *open_temp(const char *path, char **tmp)
{
	char *dir = path_dirname(path);
	const char *slash = strrchr(path, '/');
	*tmp = xasprintf("%s/.%s.XXXXXX", dir, slash ? slash + 1 : path);
	free(dir);
	int fd = mkostemp(*tmp, O_CLOEXEC);
	if (fd < 0)
		return NULL;
	/* mkstemp makes the file 0600; a report is as readable as any new file. */
	mode_t mask = umask(0);
	umask(mask);
	FILE *f = fchmod(fd, 0666 & ~mask) == 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		int e = errno;
		close(fd);
		unlink(*tmp);
		errno = e;
	}
	return f;
}

/* Moves the finished temporary file to path. Without overwrite, link()
 * refuses an existing path in the same step that checks it, so a file made
 * meanwhile is not replaced. Returns 0, 1 (exists) or -1 (errno set). */
static int put_in_place(const char *tmp, const char *path, bool overwrite)
{
	if (overwrite)
		return rename(tmp, path) == 0 ? 0 : -1;
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST)
		return 1;
	/* A file system without hard links: check, then rename. */
	struct stat sb;
	if (lstat(path, &sb) == 0)
		return 1;
	return rename(tmp, path) == 0 ? 0 : -1;
}

/* The rename is on disk only when the folder is. */
static void sync_dir(const char *path)
{
	char *dir = path_dirname(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

static int finish(FILE *f, const char *path, int rc, struct diags *errs)
{
	if (rc == 0 && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)) {
		diags_add(errs, path, 0, _("cannot write: %s"), strerror(errno));
		rc = -1;
	}
	if (fclose(f) != 0 && rc == 0) {
		diags_add(errs, path, 0, _("cannot write: %s"), strerror(errno));
		rc = -1;
	}
	return rc;
}

int outfile_write(const char *path, bool overwrite, outfile_fn write, void *ctx,
		  struct diags *errs)
{
	struct stat sb;
	if (!overwrite && lstat(path, &sb) == 0) {
		diags_add(errs, path, 0, "%s", _("the file exists already; it was not replaced"));
		return 1;
	}
	char *tmp = NULL;
	FILE *f = open_temp(path, &tmp);
	if (!f) {
		diags_add(errs, path, 0, _("cannot write: %s"), strerror(errno));
		free(tmp);
		return -1;
	}
	int rc = finish(f, path, write(f, ctx, errs), errs);
	if (rc == 0) {
		rc = put_in_place(tmp, path, overwrite);
		if (rc == 1)
			diags_add(errs, path, 0, "%s",
				  _("the file exists already; it was not replaced"));
		else if (rc != 0)
			diags_add(errs, path, 0, _("cannot write: %s"), strerror(errno));
		else
			sync_dir(path);
	}
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
