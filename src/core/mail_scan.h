/* A look at a mail file's bytes before GMime parses it, for what GMime
 * cannot bear: GMime makes every part before the reader can count them (a
 * hundred thousand tiny parts cost seconds) and parses address groups
 * recursively (From: g: g: g: ... fifty thousand deep overflows the stack
 * and crashes the program). One pass over the file, in constant memory. */
#ifndef INNSPILL_MAIL_SCAN_H
#define INNSPILL_MAIL_SCAN_H

struct mail_scan {
	int boundaries; /* lines that begin with "--": each part starts at one */
	int groups;     /* the deepest nesting of groups in an address header */
};

/* Scans the file open on fd from its start (with pread: the offset stays).
 * Returns 0, or -1 with errno set when it cannot be read. */
int mail_scan_fd(int fd, struct mail_scan *out);

#endif
