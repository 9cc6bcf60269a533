/* country.c - ISO 3166-1 codes, the names older stores wrote, the EU. */
#include "tests.h"

void check_country(void)
{
	static const struct { const char *text, *code; } match[] = {
		{ "IT", "IT" }, { "it", "IT" }, { "ITA", "IT" }, { "Italy", "IT" },
		{ "Italia", "IT" }, { " marocco ", "MA" }, { "MOROCCO", "MA" },
		{ "Costa d'Avorio", "CI" }, { "Côte d'Ivoire", "CI" },
		{ "Regno Unito", "GB" }, { "italiana", NULL }, { "", NULL },
		{ "X", NULL },
	};
	static const struct { const char *code; int eu; } eu[] = {
		{ "IT", 1 }, { "ro", 1 }, { "GR", 1 }, { "HR", 1 }, { "GB", 0 },
		{ "CH", 0 }, { "MA", 0 }, { "UA", 0 }, { "EL", 0 },
	};

	for (size_t i = 0; i < sizeof match / sizeof match[0]; i++) {
		const struct wf_country *c = wf_country_match(match[i].text);

		CHECK_STR(c ? c->alpha2 : NULL, match[i].code, match[i].text);
	}
	for (size_t i = 0; i < sizeof eu / sizeof eu[0]; i++)
		CHECK_LONG(wf_country_eu(eu[i].code), eu[i].eu, eu[i].code);
	CHECK(wf_country_find("ma") && wf_country_find("MA") ==
	      wf_country_find("ma"), "a code in any case");
	CHECK(!wf_country_find("MAR") && !wf_country_find("ZZ") &&
	      !wf_country_find(NULL), "only two-letter codes there are");
	CHECK_STR(wf_country_name(wf_country_find("MA")), "Morocco",
	          "the name in English");
}
