/* The user's own editor, for longer texts (a region's answer).
 *
 * Which one: $VISUAL, then $EDITOR, then what Debian sets up for everyone
 * (sensible-editor, editor), then vi, as mutt and git do. Only when none of
 * them is there does the caller fall back to its one-line prompt. */
#include "ui.h"
#include "../core/util.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* NAME's full path when a directory of $PATH has it as a program. */
static char *in_path(const char *name)
{
	const char *path = getenv("PATH");
	char *copy = xstrdup(path ? path : "/usr/bin:/bin"), *save = NULL, *found = NULL;
	for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *full = xasprintf("%s/%s", dir[0] ? dir : ".", name);
		if (access(full, X_OK) == 0)
			found = full;
		else
			free(full);
	}
	free(copy);
	return found;
}

/* Wraps s in single quotes for sh, each ' inside written as '\''. */
static char *shell_quote(const char *s)
{
	struct sbuf b = {0};
	sb_putc(&b, '\'');
	for (; *s; s++)
		sb_puts(&b, *s == '\'' ? "'\\''" : (char[]){*s, '\0'});
	sb_putc(&b, '\'');
	return sb_take(&b);
}

char *editor_command(void)
{
	static const char *const vars[] = {"VISUAL", "EDITOR"};
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && v[0])
			return xstrdup(v); /* a command line: "emacs -nw" */
	}
	static const char *const programs[] = {"sensible-editor", "editor", "vi"};
	for (size_t i = 0; i < sizeof programs / sizeof programs[0]; i++) {
		char *full = in_path(programs[i]);
		if (full) {
			char *cmd = shell_quote(full);
			free(full);
			return cmd;
		}
	}
	return NULL;
}

/* A private file in $TMPDIR holding text; its path, or NULL. */
static char *temp_file(const char *text)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/innspill-XXXXXX.txt", dir && dir[0] ? dir : "/tmp");
	int fd = mkstemps(path, 4);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
	bool ok = f && fputs(text ? text : "", f) >= 0;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok) {
		if (fd >= 0)
			unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

char *editor_edit(struct ui *ui, const char *text, bool *tried)
{
	char *ed = editor_command();
	*tried = ed != NULL;
	if (!ed)
		return NULL;
	char *path = temp_file(text);
	char *out = NULL;
	if (path) {
		char *quoted = shell_quote(path);
		char *cmd = xasprintf("%s %s", ed, quoted);
		def_prog_mode();
		endwin();
		int rc = system(cmd);
		reset_prog_mode();
		ui_resize(ui);
		free(cmd);
		free(quoted);
		FILE *f = rc == 0 ? fopen(path, "r") : NULL;
		if (f) {
			size_t cap = 0;
			if (getdelim(&out, &cap, '\0', f) < 0) {
				free(out);
				out = xstrdup("");
			}
			fclose(f);
		}
		unlink(path);
		free(path);
	}
	free(ed);
	return out;
}
