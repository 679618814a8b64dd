/* The user's own editor, for longer texts (a region's answer).
 *
 * Which one: $VISUAL, then $EDITOR, then what Debian sets up for everyone
 * (sensible-editor, editor), then vi, as mutt and git do. Only when none of
 * them is there does the caller fall back to its one-line prompt. */
#include "ui.h"
#include "../core/util.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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

static volatile sig_atomic_t child_done;

/* Only there so that SIGCHLD wakes the wait (ignored, it would not). */
static void on_child(int sig)
{
	(void)sig;
	child_done = 1;
}

/* Waits for the child: for ms (then false), or with ms -1 until the
 * program is ending (then false). True when it has ended, its status in
 * *status. Sleeps until SIGCHLD or a signal that ends the program. */
static bool wait_child(pid_t pid, int ms, int *status)
{
	bool forever = ms < 0;
	long long end = ui_clock_ms() + ms;
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	for (;;) {
		sigprocmask(SIG_BLOCK, &block, &old);
		pid_t r = waitpid(pid, status, WNOHANG);
		long long left = forever ? -1 : end - ui_clock_ms();
		bool give_up = forever ? ui_interrupted() : left <= 0;
		if (r == 0 && !give_up) {
			struct timespec ts = {(time_t)(left / 1000), (long)(left % 1000) * 1000000L};
			/* A signal that came since waitpid is pending: it wakes this at once. */
			ppoll(NULL, 0, forever ? NULL : &ts, &old);
		}
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (r < 0)
			*status = -1; /* not ours to wait for any more */
		if (r != 0)
			return true;
		if (give_up)
			return false;
	}
}

/* Runs cmd with sh as system() does (SIGINT and SIGQUIT are the editor's
 * while it runs), but a SIGTERM or SIGHUP to this program ends the editor
 * too, and the wait with it. The editor's exit status, or -1. */
static int run_editor(const char *cmd)
{
	struct sigaction ign, chld, old_int, old_quit, old_chld;
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	chld = ign;
	chld.sa_handler = on_child;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigaction(SIGCHLD, &chld, &old_chld);
	int status = -1;
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid > 0 && !wait_child(pid, -1, &status)) {
		/* Ending: the editor is asked to end as well, then made to. */
		kill(pid, input_signal() == SIGHUP ? SIGHUP : SIGTERM);
		if (!wait_child(pid, 2000, &status)) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
		}
		status = -1;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGCHLD, &old_chld, NULL);
	return pid > 0 && status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
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
		/* exec: the editor is sh itself, so a signal sent to it reaches the editor. */
		char *cmd = xasprintf("exec %s %s", ed, quoted);
		def_prog_mode();
		endwin();
		int rc = run_editor(cmd);
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
