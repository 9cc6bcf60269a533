/*
 * fuzz-date.c - dates and months as they come in fields and options.
 * Invariants: a date that parses prints back as given; a month's first
 * day is not after its last and both print within it; month arithmetic
 * and working days stay in range.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "wf.h"

static void date(const char *s, int shift)
{
	wf_day d, later;
	char back[16];
	int y, m, dd;

	if (wf_date_parse(s, &d))
		return;
	wf_date_format(d, back);
	FUZZ_ASSERT(!strcmp(back, s));
	later = wf_date_add_months(d, shift);
	wf_date_to_ymd(later, &y, &m, &dd);
	FUZZ_ASSERT(m >= 1 && m <= 12 && dd >= 1 && dd <= 31);
	FUZZ_ASSERT(shift >= 0 ? later >= d : later <= d);
	if (later - d < 4000 && later >= d)
		FUZZ_ASSERT(wf_workdays(d, later) >= 0 &&
		            wf_workdays(d, later) <= later - d + 1);
	if (later >= d)
		FUZZ_ASSERT(wf_date_age(d, later) >= 0 &&
		            wf_date_age(d, later) <= shift / 12);
}

static void month(const char *s)
{
	wf_day first, last;
	char a[16], b[16];

	if (wf_month_parse(s, &first, &last))
		return;
	FUZZ_ASSERT(first <= last && last - first < 31);
	wf_date_format(first, a);
	wf_date_format(last, b);
	FUZZ_ASSERT(!strncmp(a, s, 7) && !strncmp(b, s, 7));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	int shift = size ? (int8_t)data[0] : 0;

	if (size > 64)
		return 0;
	if (!(s = malloc(size + 1)))
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	date(s, shift);
	month(s);
	if (size > 1) {
		date(s + 1, shift);
		month(s + 1);
	}
	free(s);
	return 0;
}
