/* Diagnostics: a list of messages, each with the file and line it is about. */
#ifndef INNSPILL_DIAG_H
#define INNSPILL_DIAG_H
#include <stdio.h>

struct diag {
	char *file; /* may be NULL */
	int line;   /* 0 when there is no line */
	char *msg;
};

struct diags {
	struct diag *v;
	int n, cap;
};

/* Adds a message; the file name and the message are kept as text_escape()
 * shows them, so each stays one line that no terminal acts on. */
void diags_add(struct diags *d, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diags_print(const struct diags *d, FILE *out);
void diags_free(struct diags *d);

#endif
