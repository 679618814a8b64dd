/* Every file the program writes for the user (an export, a calendar) is
 * written the same way, so a reader never sees half of it and nothing is
 * lost by mistake: into a new temporary file beside the target (mkstemp:
 * nothing that is there, a symlink least of all, is opened), flushed to
 * disk (fsync), then renamed into place. An existing target, a symlink too,
 * is replaced only when asked to; then the link itself is replaced, never
 * what it points to. */
#ifndef INNSPILL_OUTFILE_H
#define INNSPILL_OUTFILE_H
#include "diag.h"
#include <stdbool.h>
#include <stdio.h>

/* Writes the content to out; returns 0, or -1 with the reason in errs. */
typedef int (*outfile_fn)(FILE *out, void *ctx, struct diags *errs);

/* Writes path with write(out, ctx, errs). Returns 0; 1 when path exists
 * and overwrite is not set (nothing written; said in errs); -1 on an
 * error (said in errs, naming path; path untouched, no temporary file
 * left). The new file's mode is 0666 less the umask. */
int outfile_write(const char *path, bool overwrite, outfile_fn write, void *ctx,
		  struct diags *errs);

#endif
