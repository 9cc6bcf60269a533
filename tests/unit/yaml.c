/* yaml.c - plain scalars resolved as the YAML 1.2 core schema does for
 * null and booleans, and as JSON for numbers; the reader and the writer
 * share it so that records go round. */
#include <string.h>

#include "tests.h"

void check_yaml(void)
{
	enum { STR, NUL, BOOL, NUM };
	static const struct { const char *s; int kind; } cases[] = {
		{ "", NUL }, { "~", NUL }, { "null", NUL }, { "Null", NUL },
		{ "NULL", NUL }, { "nUll", STR },
		{ "true", BOOL }, { "False", BOOL }, { "TRUE", BOOL },
		/* YAML 1.1's yes, no, on, off are strings in 1.2 */
		{ "yes", STR }, { "no", STR }, { "on", STR }, { "off", STR },
		/* numbers as JSON writes them, so that a record goes to JSON
		 * and back: the core schema's other forms stay text */
		{ "0", NUM }, { "-12", NUM }, { "3.5", NUM }, { "1e3", NUM },
		{ "-1.5E-3", NUM }, { "+12", STR }, { ".5", STR }, { "3.", STR },
		{ "0x1F", STR }, { "0o17", STR }, { ".inf", STR }, { ".nan", STR },
		/* a leading zero is a phone number or a code, and digits past
		 * what a double holds exactly are an id */
		{ "0381", STR }, { "012", STR }, { "1234567890123456", STR },
		{ "123456789012345", NUM },
		/* dates, codes, tax codes and phone numbers stay text */
		{ "2026-11-22", STR }, { "0381 690123", STR }, { "IT", STR },
		{ "RSSMRA85T10A562S", STR }, { "1_000", STR }, { "12abc", STR },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_LONG(wf_yaml_resolve(cases[i].s, strlen(cases[i].s)),
		           cases[i].kind, cases[i].s);
}
