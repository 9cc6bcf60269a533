/* date.c - the calendar: what exists, month ends, ages, working days. */
#include <stdio.h>

#include "tests.h"

static void parsing(void)
{
	static const struct { const char *s; int ok; } cases[] = {
		{ "2026-11-22", 1 }, { "2024-02-29", 1 }, { "2000-02-29", 1 },
		{ "1900-02-29", 0 }, { "2026-02-29", 0 }, { "2026-04-31", 0 },
		{ "2026-13-01", 0 }, { "2026-00-10", 0 }, { "2026-1-01", 0 },
		{ "26-11-22", 0 }, { "2026-11-22x", 0 }, { "", 0 },
		{ "1969-12-31", 1 },
	};
	wf_day d;
	char back[11];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int ok = wf_date_parse(cases[i].s, &d) == 0;

		CHECK_LONG(ok, cases[i].ok, cases[i].s);
		if (ok) {
			wf_date_format(d, back);
			CHECK_STR(back, cases[i].s, "formatted back");
		}
	}
	CHECK_LONG(unit_day("1970-01-01"), 0, "the epoch");
	CHECK_LONG(unit_day("1969-12-31"), -1, "the day before");
}

static void months(void)
{
	static const struct { const char *from; int n; const char *want; } cases[] = {
		{ "2026-01-31", 1, "2026-02-28" }, { "2024-01-31", 1, "2024-02-29" },
		{ "2024-02-29", 12, "2025-02-28" }, { "2026-03-31", -1, "2026-02-28" },
		{ "2026-08-31", 1, "2026-09-30" }, { "2026-11-22", 6, "2027-05-22" },
		{ "2026-12-15", 1, "2027-01-15" }, { "2027-01-15", -1, "2026-12-15" },
	};
	char got[11], what[64];
	wf_day first, last;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wf_date_format(wf_date_add_months(unit_day(cases[i].from),
		                                  cases[i].n), got);
		snprintf(what, sizeof what, "%s %+d months", cases[i].from,
		         cases[i].n);
		CHECK_STR(got, cases[i].want, what);
	}
	CHECK(wf_month_parse("2024-02", &first, &last) == 0, "2024-02 parses");
	CHECK_LONG(last - first + 1, 29, "days of February 2024");
	CHECK(wf_month_parse("2026-13", &first, &last) < 0, "no month 13");
}

static void ages(void)
{
	static const struct { const char *birth, *on; int age; } cases[] = {
		{ "1990-03-10", "2026-03-09", 35 }, { "1990-03-10", "2026-03-10", 36 },
		/* born on 29 February: a year older on 1 March in common years */
		{ "1996-02-29", "2026-02-28", 29 }, { "1996-02-29", "2026-03-01", 30 },
		{ "1996-02-29", "2028-02-29", 32 }, { "2008-12-01", "2026-04-01", 17 },
	};
	char what[64];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(what, sizeof what, "born %s, on %s", cases[i].birth,
		         cases[i].on);
		CHECK_LONG(wf_date_age(unit_day(cases[i].birth),
		                       unit_day(cases[i].on)), cases[i].age, what);
	}
}

static void workdays(void)
{
	static const struct { const char *a, *b; int n; } cases[] = {
		/* 2026-11-23 is a Monday */
		{ "2026-11-23", "2026-11-27", 5 }, { "2026-11-23", "2026-11-29", 5 },
		{ "2026-11-28", "2026-11-29", 0 }, { "2026-11-23", "2026-11-23", 1 },
		{ "2026-11-01", "2026-11-30", 21 }, { "2024-02-01", "2024-02-29", 21 },
	};
	char what[64];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(what, sizeof what, "%s..%s", cases[i].a, cases[i].b);
		CHECK_LONG(wf_workdays(unit_day(cases[i].a), unit_day(cases[i].b)),
		           cases[i].n, what);
	}
}

void check_date(void)
{
	parsing();
	months();
	ages();
	workdays();
	CHECK_LONG(wf_date_today(), unit_day("2026-11-22"), "WF_TODAY");
}
