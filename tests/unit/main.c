/*
 * main.c - run every unit suite and print TAP, a line a suite, the
 * failed checks as comments before it: tests/run-bats counts these lines
 * with the bats suites' in make check's last line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

static int failed;     /* checks failed in the suite that runs */

bool unit_check(bool ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return true;
	failed++;
	printf("# %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	return false;
}

bool unit_check_str(const char *got, const char *want, const char *file,
                    int line, const char *what)
{
	bool ok = got && want ? !strcmp(got, want) : got == want;

	return unit_check(ok, file, line, "%s: expected '%s', got '%s'", what,
	                  want ? want : "NULL", got ? got : "NULL");
}

bool unit_check_long(long got, long want, const char *file, int line,
                     const char *what)
{
	return unit_check(got == want, file, line, "%s: expected %ld, got %ld",
	                  what, want, got);
}

wf_day unit_day(const char *iso)
{
	wf_day d;

	if (wf_date_parse(iso, &d) < 0) {
		fprintf(stderr, "unit: bad date in a table: %s\n", iso);
		exit(2);
	}
	return d;
}

static const struct suite {
	const char *name;
	void (*run)(void);
} suites[] = {
	{ "dates: parsing, month ends, 29 February, ages, working days",
	  check_date },
	{ "money: euros to cents and back", check_money },
	{ "tax code: the suite's vectors, omocodia, name letters",
	  check_taxcode },
	{ "countries: ISO 3166 codes, names, the EU", check_country },
	{ "target rules: age, employment, certifications, municipality",
	  check_target },
	{ "suggestions: the nearest word to a typo", check_nearest },
	{ "YAML: plain scalars, core nulls and booleans, JSON numbers",
	  check_yaml },
	{ "due-date rule: cadence, suspension, agreed dates, hires",
	  check_due },
	{ "the library without a command line: refer, screen, list",
	  check_api },
	{ "the PostgreSQL dialect: NULLs in order and in indexes, parameters",
	  check_dialect },
};

int main(void)
{
	size_t n = sizeof suites / sizeof suites[0];
	int bad = 0;

	/* the rules read today from here, as the commands do */
	setenv("WF_TODAY", "2026-11-22", 1);
	printf("1..%zu\n", n);
	for (size_t i = 0; i < n; i++) {
		failed = 0;
		suites[i].run();
		printf("%s %zu unit: %s\n", failed ? "not ok" : "ok", i + 1,
		       suites[i].name);
		bad |= failed != 0;
	}
	return bad;
}
