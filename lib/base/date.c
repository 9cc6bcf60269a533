/*
 * date.c - calendar dates as day numbers. Every date in the suite is an
 * ISO 8601 calendar date; effective dates are compared and subtracted as
 * day numbers (days since 1970-01-01, proleptic Gregorian).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wf.h"

/* Howard Hinnant's days_from_civil: exact for every Gregorian date. */
wf_day wf_date_from_ymd(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void wf_date_to_ymd(wf_day z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int wf_date_parse(const char *s, wf_day *d)
{
	int y, m, dd;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	dd = digits(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || dd < 1 || dd > days_in_month(y, m))
		return -1;
	*d = wf_date_from_ymd(y, m, dd);
	return 0;
}

void wf_date_format(wf_day d, char *buf)
{
	int y, m, dd;

	wf_date_to_ymd(d, &y, &m, &dd);
	/* Unsigned and bounded, so that the compiler sees it fits. */
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	         (unsigned)m % 100u, (unsigned)dd % 100u);
}

wf_day wf_date_today(void)
{
	const char *env = getenv("WF_TODAY");
	wf_day d;
	time_t t;
	struct tm tm;

	if (env && *env && wf_date_parse(env, &d) == 0)
		return d;
	t = time(NULL);
	localtime_r(&t, &tm);
	return wf_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int wf_date_age(wf_day birth, wf_day on)
{
	int by, bm, bd, y, m, d, age;

	wf_date_to_ymd(birth, &by, &bm, &bd);
	wf_date_to_ymd(on, &y, &m, &d);
	age = y - by;
	/* Someone born on 29 February comes of age on 1 March in common
	 * years, as Italian law counts it. */
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

wf_day wf_date_add_months(wf_day d, int n)
{
	int y, m, dd, months;

	wf_date_to_ymd(d, &y, &m, &dd);
	months = y * 12 + (m - 1) + n;
	/* Floor division: before year 1 the months count is negative. */
	y = months >= 0 ? months / 12 : -((11 - months) / 12);
	m = months - y * 12 + 1;
	if (dd > days_in_month(y, m))
		dd = days_in_month(y, m);
	return wf_date_from_ymd(y, m, dd);
}

int wf_workdays(wf_day a, wf_day b)
{
	int n = 0;

	/* 1970-01-01 was a Thursday: day 0 is weekday 3 (Monday 0). */
	for (wf_day d = a; d <= b; d++)
		n += ((d % 7 + 7 + 3) % 7) < 5;
	return n;
}

int wf_month_parse(const char *s, wf_day *first, wf_day *last)
{
	char buf[11];
	int y, m;

	if (!s || strlen(s) != 7)
		return -1;
	snprintf(buf, sizeof buf, "%s-01", s);
	if (wf_date_parse(buf, first) < 0)
		return -1;
	wf_date_to_ymd(*first, &y, &m, &(int){ 0 });
	*last = *first + days_in_month(y, m) - 1;
	return 0;
}

void wf_timestamp(char *buf, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
