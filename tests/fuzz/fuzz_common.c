/* The shared set-up of the fuzz harnesses (see fuzz.h). */
#include "fuzz.h"

#include "demo.h"
#include "diag.h"
#include "import.h"
#include "settings.h"
#include "store.h"
#include "store_int.h"
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static struct settings settings;
static bool settings_loaded;
static struct store *store;

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	if (store)
		store_close(store);
	if (settings_loaded)
		settings_free(&settings);
	if (dir[0])
		nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

static void die(const char *what, const struct diags *errs)
{
	fprintf(stderr, "fuzz: %s\n", what);
	if (errs)
		diags_print(errs, stderr);
	abort();
}

const char *fuzz_dir(void)
{
	if (!dir[0]) {
		/* Widths and the UTF-8 checks follow LC_CTYPE, as in the program. */
		if (!setlocale(LC_ALL, "C.UTF-8"))
			setlocale(LC_ALL, "");
		const char *tmp = getenv("TMPDIR");
		snprintf(dir, sizeof dir, "%s/innspill-fuzz.XXXXXX", tmp && *tmp && strlen(tmp) < 30 ? tmp : "/tmp");
		if (!mkdtemp(dir))
			die("cannot make a private directory", NULL);
		atexit(cleanup);
	}
	return dir;
}

const struct settings *fuzz_settings(void)
{
	if (!settings_loaded) {
		fuzz_dir();
		const char *path = getenv("INNSPILL_FUZZ_CONFIG");
		struct diags errs = {0};
		if (settings_load(path ? path : "config/innspill.cfg", &settings, &errs) != 0)
			die("the shipped settings do not load (run from the repository's root)", &errs);
		diags_free(&errs);
		settings_loaded = true;
	}
	return &settings;
}

struct store *fuzz_store(void)
{
	if (!store) {
		const struct settings *s = fuzz_settings();
		char path[128];
		snprintf(path, sizeof path, "%s/fuzz.db", fuzz_dir());
		struct diags errs = {0};
		store = store_open(path, "ola", &errs);
		struct demo_stats stats;
		/* The demo's submissions, so that limits find rows and imports
		 * meet members who have answered already. */
		if (!store || store_sync_settings(store, s, &errs) != 0 ||
		    demo_fill(store, s, date_from_ymd(2024, 2, 20), &stats, &errs) != 0)
			die("cannot make the database", &errs);
		diags_free(&errs);
	}
	return store;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		die("cannot write the input file", NULL);
	size_t done = 0;
	while (done < size) {
		ssize_t w = write(fd, data + done, size - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die("cannot write the input file", NULL);
		done += (size_t)w;
	}
	close(fd);
	return path;
}

char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void fuzz_import(const char *name, const uint8_t *data, size_t size)
{
	struct store *st = fuzz_store();
	const char *paths[] = {fuzz_write(name, data, size)};
	struct import_opts o = {.dry_run = true, .today = date_from_ymd(2024, 2, 20)};
	struct import_result r;
	struct diags errs = {0};
	import_paths(st, fuzz_settings(), &o, paths, 1, &r, &errs);
	diags_free(&errs);
	if (!sqlite3_get_autocommit(st->db))
		abort(); /* nothing may be left half-done */
}
