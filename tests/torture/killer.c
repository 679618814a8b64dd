/* killer: kills a process with SIGKILL at a chosen moment and tells whether
 * it held the database's write lock just before, that is, whether the kill
 * landed in the middle of a write transaction. For tests/torture/run.sh.
 *
 *   killer PID DB after US    kill US microseconds from now
 *   killer PID DB locked US   wait until PID holds the write lock (up to
 *                             30 s), then kill within US microseconds
 *
 * Prints "mid" (PID held the lock just before the kill), "outside" (it did
 * not) or "gone" (PID had ended before it could be killed). The WAL write
 * lock is a POSIX write lock on byte 120 of DB-shm; F_GETLK reads it without
 * taking anything, and this process holds no lock that closing could drop. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void pause_us(long us)
{
	struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Whether pid holds the write lock of the database whose -shm is shm. */
static int holds_lock(int *fd, const char *shm, pid_t pid)
{
	if (*fd < 0)
		*fd = open(shm, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return 0;
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 120;
	fl.l_len = 1;
	if (fcntl(*fd, F_GETLK, &fl) != 0)
		return 0;
	return fl.l_type != F_UNLCK && fl.l_pid == pid;
}

static int alive(pid_t pid)
{
	return kill(pid, 0) == 0;
}

int main(int argc, char **argv)
{
	if (argc != 5 || (strcmp(argv[3], "after") != 0 && strcmp(argv[3], "locked") != 0)) {
		fprintf(stderr, "usage: killer PID DB after|locked MICROSECONDS\n");
		return 2;
	}
	pid_t pid = (pid_t)atol(argv[1]);
	long us = atol(argv[4]);
	char shm[4096];
	snprintf(shm, sizeof shm, "%s-shm", argv[2]);
	int fd = -1;
	srand((unsigned)(now_us() ^ getpid()));
	if (strcmp(argv[3], "locked") == 0) {
		long long until = now_us() + 30000000;
		while (!holds_lock(&fd, shm, pid) && alive(pid) && now_us() < until)
			pause_us(50);
		us = us > 0 ? (long)(rand() % (us + 1)) : 0;
	}
	if (us > 0)
		pause_us(us);
	int mid = holds_lock(&fd, shm, pid);
	if (kill(pid, SIGKILL) != 0) {
		puts("gone");
		return 0;
	}
	puts(mid ? "mid" : "outside");
	return 0;
}
