/*
 * tests.h - the unit layer: the library's rules called directly, as
 * tables of cases, in milliseconds (bfs's tests/tests.h is the model).
 * CHECK() says where and what failed, expected against actual, and lets
 * the suite go on; a suite passes when none of its checks failed.
 */
#ifndef WF_TESTS_H
#define WF_TESTS_H

#include <stdbool.h>

#include "wf.h"

/* Record one check; print "# file:line: what" with the message when it
 * failed. Returns ok. */
bool unit_check(bool ok, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
bool unit_check_str(const char *got, const char *want, const char *file,
                    int line, const char *what);
bool unit_check_long(long got, long want, const char *file, int line,
                     const char *what);

#define CHECK(cond, ...) unit_check((cond), __FILE__, __LINE__, __VA_ARGS__)
/* got and want as strings (NULL is shown as NULL), or as numbers; what
 * names the case */
#define CHECK_STR(got, want, what) \
	unit_check_str((got), (want), __FILE__, __LINE__, (what))
#define CHECK_LONG(got, want, what) \
	unit_check_long((long)(got), (long)(want), __FILE__, __LINE__, (what))

/* The suites, in the order they run. */
void check_date(void);
void check_money(void);
void check_taxcode(void);
void check_country(void);
void check_target(void);
void check_nearest(void);
void check_yaml(void);
void check_due(void);
void check_api(void);
void check_dialect(void);

/* A date for the tables: YYYY-MM-DD that must parse. */
wf_day unit_day(const char *iso);

#endif
