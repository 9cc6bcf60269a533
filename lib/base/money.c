/*
 * money.c - amounts of money, kept exactly as integer cents and printed as
 * euros with two decimals ("650.00"). Input takes a number (650, 650.5) or
 * text with a dot for the cents ("650.50"); a comma is refused rather than
 * guessed at, since "1,500" could be either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wf.h"

static int parse_text(const char *s, long long *cents, const char **why)
{
	long long whole = 0, frac = 0;
	int digits = 0, fd = 0;
	const char *p = s;

	if (strchr(s, ','))
		return *why = _("use a dot for the cents (650.50), not a comma"), -1;
	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		whole = whole * 10 + (*p - '0');
		if (whole > 100000000)
			return *why = _("is too large"), -1;
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, fd++) {
			if (fd < 2)
				frac = frac * 10 + (*p - '0');
			else if (*p != '0')
				return *why = _("has more than two decimals"), -1;
		}
	}
	if (*p || !digits || (fd == 0 && p[-1] == '.'))
		return *why = _("is not an amount in euros (650 or 650.50)"), -1;
	if (fd == 1)
		frac *= 10;
	*cents = whole * 100 + frac;
	return 0;
}

int wf_money_parse(const cJSON *v, long long *cents, const char **why)
{
	char buf[64];

	if (cJSON_IsString(v))
		return parse_text(v->valuestring, cents, why);
	if (!cJSON_IsNumber(v))
		return *why = _("is not an amount in euros (650 or 650.50)"), -1;
	if (v->valuedouble < 0)
		return *why = _("is negative"), -1;
	/* The number's shortest text, so that 650.5 is read as written. */
	snprintf(buf, sizeof buf, "%.15g", v->valuedouble);
	return parse_text(buf, cents, why);
}

void wf_money_format(long long cents, char *buf, size_t len)
{
	snprintf(buf, len, "%s%lld.%02lld", cents < 0 ? "-" : "",
	         llabs(cents) / 100, llabs(cents) % 100);
}
