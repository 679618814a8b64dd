/* Calendar dates: strict parsing, day numbers, formatting and weekdays. */
#include "testutil.h"

#include "date.h"

static void expect_parse(const char *s, int y, int m, int d)
{
	date_t got = DATE_NONE;
	if (!date_parse(s, &got))
		fail_msg("\"%s\" was refused", s);
	assert_int_equal(got, date_from_ymd(y, m, d));
}

static void expect_refused(const char *s)
{
	date_t got = DATE_NONE;
	if (date_parse(s, &got) || date_parse_any(s, &got))
		fail_msg("\"%s\" was taken as a date", s);
}

static void parse_iso(void **state)
{
	(void)state;
	expect_parse("2024-02-29", 2024, 2, 29);
	expect_parse("2024-03-08", 2024, 3, 8);
	expect_parse("2000-02-29", 2000, 2, 29); /* divisible by 400: a leap year */
	expect_parse("2023-12-31", 2023, 12, 31);

	expect_refused("2023-02-29");
	expect_refused("1900-02-29"); /* divisible by 100: not a leap year */
	expect_refused("2024-02-30");
	expect_refused("2024-04-31");
	expect_refused("2024-13-01");
	expect_refused("2024-00-10");
	expect_refused("2024-01-00");
	expect_refused("2024-1-01");
	expect_refused("2024-01-1");
	expect_refused("24-01-01");
	expect_refused("");
	expect_refused("2024-02-29x");
	expect_refused("2024-02-29 ");
	expect_refused(" 2024-02-29");
	expect_refused("2024/02/29");
	expect_refused("2024-02-+9");
	expect_refused("2024-02-2\xC3\xB8");
	expect_refused(NULL);
}

static void parse_norwegian(void **state)
{
	(void)state;
	date_t a, b;
	assert_true(date_parse_any("29.02.2024", &a));
	assert_true(date_parse("2024-02-29", &b));
	assert_int_equal(a, b);
	assert_true(date_parse_any("2024-02-29", &a)); /* ISO is taken too */
	assert_int_equal(a, b);
	assert_true(date_parse_any("08.03.2024", &a));
	assert_int_equal(a, date_from_ymd(2024, 3, 8));
	/* date_parse itself takes only ISO. */
	assert_false(date_parse("29.02.2024", &a));

	expect_refused("29.02.2023");
	expect_refused("31.04.2024");
	expect_refused("29.2.2024");
	expect_refused("29.02.24");
	expect_refused("29/02/2024");
	expect_refused("29.02.2024.");
}

/* Day numbers count from 1970-01-01 (checked against Python's datetime). */
static void day_numbers(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(2024, 2, 20), 19773);
	assert_int_equal(date_from_ymd(1900, 1, 1), -25567);
	assert_int_equal(date_from_ymd(2024, 3, 1) - date_from_ymd(2024, 2, 28), 2);
	assert_int_equal(date_from_ymd(2023, 3, 1) - date_from_ymd(2023, 2, 28), 1);
}

/* Every real day from 1900 to 2100, in order, is the day after the one
 * before, and converts back to itself. */
static void round_trip_1900_to_2100(void **state)
{
	(void)state;
	date_t prev = date_from_ymd(1899, 12, 31);
	int days = 0;
	for (int y = 1900; y <= 2100; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				if (!date_valid_ymd(y, m, d))
					continue;
				date_t day = date_from_ymd(y, m, d);
				if (day != prev + 1)
					fail_msg("%04d-%02d-%02d is day %d, after %d", y, m, d, day, prev);
				int y2, m2, d2;
				date_to_ymd(day, &y2, &m2, &d2);
				if (y2 != y || m2 != m || d2 != d)
					fail_msg("%04d-%02d-%02d came back as %04d-%02d-%02d", y, m, d, y2,
						 m2, d2);
				prev = day;
				days++;
			}
	assert_int_equal(days, 73414);
	assert_int_equal(prev, date_from_ymd(2100, 12, 31));
}

static void formats(void **state)
{
	(void)state;
	char buf[DATE_BUFSZ];
	date_iso(date_from_ymd(2024, 3, 8), buf);
	assert_string_equal(buf, "2024-03-08");
	date_nb(date_from_ymd(2024, 3, 8), buf);
	assert_string_equal(buf, "08.03.2024");
	date_iso(date_from_ymd(1900, 1, 1), buf);
	assert_string_equal(buf, "1900-01-01");
	date_nb(date_from_ymd(2024, 12, 31), buf);
	assert_string_equal(buf, "31.12.2024");
	date_iso(DATE_NONE, buf);
	assert_string_equal(buf, "");
	date_nb(DATE_NONE, buf);
	assert_string_equal(buf, "");

	/* What is written can be read back. */
	date_t back;
	date_iso(date_from_ymd(2024, 2, 29), buf);
	assert_true(date_parse(buf, &back));
	assert_int_equal(back, date_from_ymd(2024, 2, 29));
	date_nb(date_from_ymd(2024, 2, 29), buf);
	assert_true(date_parse_any(buf, &back));
	assert_int_equal(back, date_from_ymd(2024, 2, 29));
}

static void weekdays(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(date_from_ymd(2024, 2, 20)), 1); /* Tuesday */
	assert_int_equal(date_weekday(date_from_ymd(2024, 3, 8)), 4);  /* Friday */
	assert_int_equal(date_weekday(date_from_ymd(2024, 3, 10)), 6); /* Sunday */
	assert_int_equal(date_weekday(date_from_ymd(1970, 1, 1)), 3);  /* Thursday */
	assert_int_equal(date_weekday(date_from_ymd(1969, 12, 29)), 0); /* Monday */
	assert_int_equal(date_weekday(date_from_ymd(1900, 1, 1)), 0);  /* Monday */
}

int main(void)
{
	const struct CMUnitTest date_tests[] = {
		cmocka_unit_test(parse_iso),
		cmocka_unit_test(parse_norwegian),
		cmocka_unit_test(day_numbers),
		cmocka_unit_test(round_trip_1900_to_2100),
		cmocka_unit_test(formats),
		cmocka_unit_test(weekdays),
	};
	return cmocka_run_group_tests(date_tests, NULL, NULL) ? 1 : 0;
}
