/*
 * country.c - citizenship as an ISO 3166-1 alpha-2 code: the table of
 * codes and names (from Debian's iso-codes, see tools/countries.py), the
 * member states of the European Union, whose citizens are not
 * third-country nationals in the ESF+ indicators, and the reading of the
 * free text older stores hold ("Marocco", "MAR", "morocco").
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wf.h"

static const struct wf_country countries[] = {
#include "countries.inc"
};
#define NCOUNTRIES (sizeof countries / sizeof countries[0])

/* Regulation (EU) 2021/1057 counts citizens of the Union apart: its 27
 * member states since 1 February 2020 (Greece is GR in ISO 3166). */
static const char eu[][3] = {
	"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR",
	"HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO",
	"SE", "SI", "SK",
};

static int by_code(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct wf_country *)elem)->alpha2);
}

const struct wf_country *wf_country_find(const char *code)
{
	if (!code || strlen(code) != 2)
		return NULL;
	return bsearch(code, countries, NCOUNTRIES, sizeof countries[0], by_code);
}

int wf_country_eu(const char *code)
{
	for (size_t i = 0; code && i < sizeof eu / sizeof eu[0]; i++)
		if (!strcasecmp(eu[i], code))
			return 1;
	return 0;
}

const char *wf_country_name(const struct wf_country *c)
{
	return strcmp(wf_lang(), "it") ? c->en : c->it;
}

/* Compare a typed name with a table's, ignoring case and the spaces
 * around it. */
static int same_name(const char *typed, size_t n, const char *name)
{
	return strlen(name) == n && !strncasecmp(typed, name, n);
}

const struct wf_country *wf_country_match(const char *text)
{
	size_t n;

	if (!text)
		return NULL;
	while (isspace((unsigned char)*text))
		text++;
	n = strlen(text);
	while (n && isspace((unsigned char)text[n - 1]))
		n--;
	for (size_t i = 0; i < NCOUNTRIES; i++) {
		const struct wf_country *c = &countries[i];

		if (same_name(text, n, c->alpha2) || same_name(text, n, c->alpha3) ||
		    same_name(text, n, c->en) || same_name(text, n, c->it))
			return c;
	}
	return NULL;
}
