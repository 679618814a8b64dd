#include "date.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

bool date_valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

/* Days from civil, after H. Hinnant's well-known algorithm. */
date_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(date_t day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool make(int y, int m, int d, date_t *out)
{
	if (!date_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

bool date_parse(const char *s, date_t *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) ||
	    !digits(s + 5, 2) || !digits(s + 8, 2))
		return false;
	return make(num(s, 4), num(s + 5, 2), num(s + 8, 2), out);
}

bool date_parse_any(const char *s, date_t *out)
{
	if (date_parse(s, out))
		return true;
	if (!s || strlen(s) != 10 || s[2] != '.' || s[5] != '.' || !digits(s, 2) ||
	    !digits(s + 3, 2) || !digits(s + 6, 4))
		return false;
	return make(num(s + 6, 4), num(s + 3, 2), num(s, 2), out);
}

void date_iso(date_t day, char buf[DATE_BUFSZ])
{
	int y, m, d;
	if (day == DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, DATE_BUFSZ, "%04d-%02d-%02d", y % 10000, m, d);
}

void date_nb(date_t day, char buf[DATE_BUFSZ])
{
	int y, m, d;
	if (day == DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	date_to_ymd(day, &y, &m, &d);
	snprintf(buf, DATE_BUFSZ, "%02d.%02d.%04d", d, m, y % 10000);
}

date_t date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int date_weekday(date_t day)
{
	/* 1970-01-01 was a Thursday. */
	int w = (day + 3) % 7;
	return w < 0 ? w + 7 : w;
}
