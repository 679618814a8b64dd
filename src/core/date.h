/* Calendar dates as day numbers (days since 1970-01-01), Norway's calendar days.
 * No time of day and no time zone: a deadline is a whole day. */
#ifndef INNSPILL_DATE_H
#define INNSPILL_DATE_H
#include <stdbool.h>
#include <stddef.h>

typedef int date_t;
#define DATE_NONE (-2147483647 - 1)
#define DATE_BUFSZ 16

/* Strict YYYY-MM-DD that names a real day. */
bool date_parse(const char *s, date_t *out);
/* Also DD.MM.YYYY, as Norwegians write dates. */
bool date_parse_any(const char *s, date_t *out);
date_t date_from_ymd(int y, int m, int d);
bool date_valid_ymd(int y, int m, int d);
void date_to_ymd(date_t day, int *y, int *m, int *d);
/* "2024-02-20" */
void date_iso(date_t day, char buf[DATE_BUFSZ]);
/* "20.02.2024" */
void date_nb(date_t day, char buf[DATE_BUFSZ]);
/* Today in local time (TZ, normally Europe/Oslo). */
date_t date_today(void);
int date_weekday(date_t day); /* 0 = Monday */

#endif
