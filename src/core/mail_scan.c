#include "mail_scan.h"
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <unistd.h>

/* The headers GMime reads as lists of addresses, in every message of the
 * file (a forwarded mail's too). */
static const char *const address_headers[] = {
	"from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender",
	"resent-reply-to", "resent-to", "resent-cc", "resent-bcc", "disposition-notification-to",
};

/* Where the scan is: the start of the line (its first bytes, while they may
 * still be a header's name), and inside an address header its quotes,
 * comments, angle brackets and groups. */
struct state {
	struct mail_scan *out;
	char name[32];
	int name_len;
	bool line_start, naming, address, quote, escape, angle;
	int comment, groups;
};

static bool is_address_header(char *name, int len)
{
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
		len--;
	name[len] = '\0';
	for (size_t i = 0; i < sizeof address_headers / sizeof address_headers[0]; i++)
		if (strcasecmp(name, address_headers[i]) == 0)
			return true;
	return false;
}

/* The start of a line: a header's name up to its colon, or a boundary. */
static void name_byte(struct state *s, char c)
{
	if (c == ':') {
		s->naming = false;
		s->address = is_address_header(s->name, s->name_len);
		s->quote = s->escape = s->angle = false;
		s->comment = s->groups = 0;
		return;
	}
	s->name[s->name_len++] = c;
	if (s->name_len == 2 && s->name[0] == '-' && s->name[1] == '-')
		s->out->boundaries++;
	if (s->name_len == (int)sizeof s->name - 1)
		s->naming = false; /* too long for a header's name */
}

/* One byte of an address header's value: only a colon outside quotes,
 * comments and angle brackets opens a group, and a semicolon closes it. */
static void address_byte(struct state *s, char c)
{
	if (s->escape) {
		s->escape = false;
	} else if (c == '\\' && (s->quote || s->comment)) {
		s->escape = true;
	} else if (s->quote) {
		s->quote = c != '"';
	} else if (c == '(') {
		s->comment++;
	} else if (s->comment) {
		s->comment -= c == ')';
	} else if (s->angle) {
		s->angle = c != '>';
	} else if (c == '"' || c == '<') {
		s->quote = c == '"';
		s->angle = c == '<';
	} else if (c == ':') {
		if (++s->groups > s->out->groups)
			s->out->groups = s->groups;
	} else if (c == ';' && s->groups) {
		s->groups--;
	}
}

static void scan_byte(struct state *s, char c)
{
	if (c == '\n') {
		s->line_start = true;
		return;
	}
	if (s->line_start) {
		s->line_start = false;
		/* A line that starts with a blank goes on with the header before. */
		if (c != ' ' && c != '\t') {
			s->address = false;
			s->naming = true;
			s->name_len = 0;
		}
	}
	if (s->naming)
		name_byte(s, c);
	else if (s->address)
		address_byte(s, c);
}

int mail_scan_fd(int fd, struct mail_scan *out)
{
	memset(out, 0, sizeof *out);
	struct state s = {.out = out, .line_start = true};
	char buf[65536];
	off_t at = 0;
	ssize_t n;
	while ((n = pread(fd, buf, sizeof buf, at)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			scan_byte(&s, buf[i]);
		at += n;
	}
	return n < 0 ? -1 : 0;
}
