/* Small allocation and string helpers; allocation failure ends the program. */
#ifndef INNSPILL_UTIL_H
#define INNSPILL_UTIL_H
#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Appends to a growing array of pointers, which only this may grow (it
 * starts NULL with *n 0; its room is doubled at each power of two). */
void ptrs_push(void ***v, int *n, void *p);
/* ASCII lower-case copy, for codes and keys (never for names). */
char *ascii_lower(const char *s);
/* Directory part of a path ("." when there is none). */
char *path_dirname(const char *path);
/* A relative path taken relative to dir; an absolute one as it is. */
char *path_join_rel(const char *dir, const char *path);

/* A growing string; zero-initialise, add, then take the result (caller frees). */
struct sbuf {
	char *s;
	size_t n, cap;
};
void sb_add(struct sbuf *b, const char *s, size_t n);
void sb_puts(struct sbuf *b, const char *s);
void sb_putc(struct sbuf *b, char c);
char *sb_take(struct sbuf *b);

#endif
