/* Runs a fuzz harness over files, without libFuzzer: `make check` replays
 * the kept corpus and every input that ever crashed or hung through the
 * normal build (and the sanitizer build), so a fixed defect stays fixed.
 * Usage: replay [-v] [-t SECONDS] FILE-OR-DIR...; -v names each input before
 * it runs (the last name printed is the one that failed); an input that runs
 * longer than -t seconds (default 10) ends the process with SIGALRM. */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct run {
	bool verbose;
	unsigned timeout;
	int inputs;
	int unreadable;
};

static void run_file(struct run *r, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		r->unreadable++;
		return;
	}
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (!buf)
		abort();
	if (r->verbose)
		fprintf(stderr, "replay: %s\n", path);
	alarm(r->timeout);
	LLVMFuzzerTestOneInput(buf, n);
	alarm(0);
	free(buf);
	r->inputs++;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's files in name order (so a run is repeatable); not deeper. */
static void run_dir(struct run *r, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		r->unreadable++;
		return;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		names[n] = malloc(len);
		snprintf(names[n++], len, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		if (stat(names[i], &sb) == 0 && S_ISREG(sb.st_mode))
			run_file(r, names[i]);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	struct run r = {.timeout = 10};
	int opt;
	while ((opt = getopt(argc, argv, "vt:")) != -1) {
		if (opt == 'v')
			r.verbose = true;
		else if (opt == 't')
			r.timeout = (unsigned)atoi(optarg);
		else
			return 2;
	}
	for (int i = optind; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			run_dir(&r, argv[i]);
		else
			run_file(&r, argv[i]);
	}
	printf("%d inputs\n", r.inputs);
	return r.unreadable ? 1 : 0;
}
