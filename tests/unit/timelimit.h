/* Work on hostile input must end, and soon. A step that could hang runs
 * between timed_start() and timed_end(): taking longer than its limit fails
 * the test; a step that never ends is stopped by an alarm at five times the
 * limit (plus five seconds), which prints what hung and ends the suite with
 * a failure, so a hang shows as a failed test, never as a stuck `make check`. */
#ifndef INNSPILL_TIMELIMIT_H
#define INNSPILL_TIMELIMIT_H
#include "testutil.h"
#include <signal.h>
#include <time.h>

struct timed {
	struct timespec start;
	const char *what;
	double limit; /* seconds */
};

static char timed_hang_msg[512];
static size_t timed_hang_len;

static void timed_alarm(int sig)
{
	(void)sig;
	ssize_t w = write(STDERR_FILENO, timed_hang_msg, timed_hang_len);
	(void)w;
	_exit(3);
}

static inline void timed_start(struct timed *t, const char *what, double limit)
{
	t->what = what;
	t->limit = limit;
	timed_hang_len = (size_t)snprintf(timed_hang_msg, sizeof timed_hang_msg,
					  "HANG: %s did not end within %.0f s (limit %.1f s)\n", what,
					  limit * 5 + 5, limit);
	if (timed_hang_len >= sizeof timed_hang_msg)
		timed_hang_len = sizeof timed_hang_msg - 1;
	signal(SIGALRM, timed_alarm);
	alarm((unsigned)(limit * 5 + 5));
	clock_gettime(CLOCK_MONOTONIC, &t->start);
}

/* Ends the step; fails the test when it took longer than its limit.
 * Returns the seconds it took. */
static inline double timed_end(struct timed *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	alarm(0);
	double s = (double)(now.tv_sec - t->start.tv_sec) + (now.tv_nsec - t->start.tv_nsec) / 1e9;
	if (s > t->limit)
		fail_msg("%s took %.2f s; the limit is %.1f s", t->what, s, t->limit);
	print_message("%s: %.2f s (limit %.1f s)\n", t->what, s, t->limit);
	return s;
}

#endif
