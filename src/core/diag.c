#include "diag.h"
#include "text.h"
#include "util.h"
#include <stdarg.h>
#include <stdlib.h>

void diags_add(struct diags *d, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = xrealloc(d->v, (size_t)d->cap * sizeof *d->v);
	}
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* File names and words come from users and from files: a newline
	 * would break the one-line "FILE:LINE: message", an escape would
	 * reach the terminal. Every message is made one inert line here. */
	d->v[d->n].msg = text_escape(msg);
	free(msg);
	d->v[d->n].file = file ? text_escape(file) : NULL;
	d->v[d->n].line = line;
	d->n++;
}

void diags_print(const struct diags *d, FILE *out)
{
	for (int i = 0; i < d->n; i++) {
		const struct diag *e = &d->v[i];
		if (e->file && e->line > 0)
			fprintf(out, "%s:%d: %s\n", e->file, e->line, e->msg);
		else if (e->file)
			fprintf(out, "%s: %s\n", e->file, e->msg);
		else
			fprintf(out, "innspill: %s\n", e->msg);
	}
}

void diags_free(struct diags *d)
{
	for (int i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
