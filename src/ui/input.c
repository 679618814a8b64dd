/* Reading the keyboard, for every loop of the program (the main loop, the
 * prompts, the pickers), and the signals that end it.
 *
 * ncurses gives bytes and key codes; the bytes are made characters here, so
 * that a byte that is not part of a character in the locale (0xF8, an "ø"
 * typed on a Latin-1 terminal into a UTF-8 session) becomes one U+FFFD and
 * the next key works. ncurses' own wget_wch() swallows every later key.
 *
 * Waiting is poll(2) on the terminal with a timeout, so an idle program uses
 * no CPU, and a terminal that is gone without a SIGHUP (a session started
 * with setsid or su -c, a dropped link: reads give EOF or EIO at once) is
 * noticed and ends the program as a hangup would, instead of spinning. */
#include "ui.h"
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

/* How long the rest of a character may take to come after its first byte
 * (a slow link may split it); then the first bytes count as one invalid one. */
#define PARTIAL_MS 500
/* Times in a row the terminal may say "ready" and give nothing before it
 * counts as gone: once can be another process reading the same terminal. */
#define EMPTY_READS 3

static volatile sig_atomic_t got_signal;
static sigset_t watched; /* the signals a wait must wake for */

static void on_signal(int sig)
{
	got_signal = sig;
}

void input_catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must wake a blocked read or wait. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigemptyset(&watched);
	sigaddset(&watched, SIGTERM);
	sigaddset(&watched, SIGHUP);
	sigaddset(&watched, SIGINT);
	sigaddset(&watched, SIGWINCH);
}

int input_signal(void)
{
	return got_signal;
}

long long ui_clock_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Sleeps until the terminal has input (1), ms have gone (0, never when ms
 * is -1) or a signal came (-1). Called with the watched signals blocked;
 * they are let in only while waiting, so one that came just before is not
 * missed until the timeout. */
static int wait_terminal(int ms, const sigset_t *unblocked)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	int n = ppoll(&p, 1, ms < 0 ? NULL : &ts, unblocked);
	/* Hung up or closed: no read will ever bring a key. */
	if (n > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		got_signal = SIGHUP;
	return n > 0 ? 1 : n == 0 ? 0 : -1;
}

/* The next byte or key code from ncurses, or ERR after ms (-1: no limit),
 * or ERR at once on a signal or when the terminal is gone (then it is
 * taken as a hangup: input_signal() says SIGHUP). */
static int next_code(WINDOW *w, int ms)
{
	long long end = ms < 0 ? -1 : ui_clock_ms() + ms;
	bool woke = false; /* the last wait ended as the terminal had input */
	int empty = 0;     /* and then there was none, so many times in a row */
	for (;;) {
		sigset_t old;
		sigprocmask(SIG_BLOCK, &watched, &old);
		/* Whatever ncurses holds already (the rest of a paste, a key
		 * after an Esc) comes first, without waiting. */
		wtimeout(w, 0);
		int c = got_signal ? ERR : wgetch(w);
		int r = 0;
		empty = woke && c == ERR ? empty + 1 : 0;
		if (empty >= EMPTY_READS)
			got_signal = SIGHUP; /* EOF or EIO: the terminal is gone */
		if (c == ERR && !got_signal) {
			long long left = end < 0 ? -1 : end - ui_clock_ms();
			if (end >= 0 && left < 0)
				left = 0;
			r = left == 0 ? 0 : wait_terminal((int)left, &old);
		}
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (c != ERR || got_signal || r == 0)
			return c;
		woke = r > 0;
	}
}

bool input_terminal_gone(void)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	/* Hung up or closed; input waiting is left for the keyboard's reader. */
	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		got_signal = SIGHUP;
	return got_signal == SIGHUP;
}

/* What an invalid byte shows as: U+FFFD, or "?" where the locale has none. */
static wint_t placeholder(void)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof st);
	return wcrtomb(mb, 0xFFFD, &st) == (size_t)-1 ? L'?' : 0xFFFD;
}

int input_key(WINDOW *w, int ms, wint_t *ch)
{
	static int again = ERR; /* a byte that ended an invalid sequence: it may start the next */
	char buf[MB_LEN_MAX];
	int n = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (;;) {
		int c = again != ERR ? again : next_code(w, n ? PARTIAL_MS : ms);
		again = ERR;
		if (c == ERR) {
			if (n == 0 || got_signal)
				return ERR;
			*ch = placeholder(); /* a character's first bytes, and no more came */
			return OK;
		}
		if (c >= KEY_MIN) { /* a key interrupts a character: its bytes are dropped */
			*ch = (wint_t)c;
			return KEY_CODE_YES;
		}
		if (n == 0 && c < 0x80) {
			*ch = (wint_t)c;
			return OK;
		}
		buf[n++] = (char)c;
		wchar_t wc;
		size_t r = mbrtowc(&wc, buf + n - 1, 1, &st);
		if (r == (size_t)-2 && n < (int)sizeof buf)
			continue;
		if (r == (size_t)-1 || r == (size_t)-2) {
			if (n > 1)
				again = c;
			*ch = placeholder();
			return OK;
		}
		*ch = (wint_t)wc;
		return OK;
	}
}
