/* taxcode.c - the codice fiscale: the vectors of tests/20-taxcode.bats,
 * omocodia, and the letters names make. */
#include <stdio.h>
#include <string.h>

#include "tests.h"

static void valid(void)
{
	static const struct {
		const char *code;
		int yy, month, day;
		char sex;
	} cases[] = {
		{ "RSSMRA85T10A562S", 85, 12, 10, 'M' },
		{ "RSSMRC98D12L872O", 98, 4, 12, 'M' },
		{ "BNCGLI72S43F754K", 72, 11, 3, 'F' },
		/* omocodia: the 7th digit from the left (2) as N, then 6 as S */
		{ "RSSMRA85T10A56NH", 85, 12, 10, 'M' },
		{ "RSSMRA85T10A5SNT", 85, 12, 10, 'M' },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wf_taxcode t;
		const char *why = NULL;

		if (!CHECK(wf_taxcode_check(cases[i].code, &t, &why) == 0,
		           "%s refused: %s", cases[i].code, why ? why : ""))
			continue;
		CHECK_LONG(t.yy, cases[i].yy, cases[i].code);
		CHECK_LONG(t.month, cases[i].month, cases[i].code);
		CHECK_LONG(t.day, cases[i].day, cases[i].code);
		CHECK_LONG(t.sex, cases[i].sex, cases[i].code);
		CHECK_LONG(wf_taxcode_checkchar(cases[i].code), cases[i].code[15],
		           cases[i].code);
	}
}

static void invalid(void)
{
	static const struct { const char *code, *why; } cases[] = {
		{ "RSSMRA85T10A562X", "the check character is X; these 15 "
		                      "characters give S" },
		{ "RSSMRA85T10A56AX", "characters 7-8, 10-11 and 13-15 must be "
		                      "digits or omocodia letters (LMNPQRSTUV)" },
		{ "RSSMRA85T10A562", "it must be 16 characters long" },
		{ "RSSMR485T10A562S", "characters 1-6 must be letters" },
		{ "RSSMRA85Z10A562S", "character 9 is not a month letter "
		                      "(ABCDEHLMPRST)" },
		{ "RSSMRA85B30A562S", "characters 9-11 are not a day of birth" },
		{ "rssmra85t10a562s", "characters 1-6 must be letters" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wf_taxcode t;
		const char *why = NULL;

		CHECK(wf_taxcode_check(cases[i].code, &t, &why) < 0, "%s accepted",
		      cases[i].code);
		CHECK_STR(why, cases[i].why, cases[i].code);
	}
}

static void letters(void)
{
	static const struct { const char *last, *first, *want; } cases[] = {
		{ "Rossi", "Mario", "RSSMRA" }, { "Rossi", "Marco", "RSSMRC" },
		{ "Bianchi", "Marco", "BNCMRC" }, { "Alba", "Ada", "LBADAA" },
		/* short names: vowels, then X */
		{ "Fo", "Bo", "FOXBOX" }, { "Wu", "Li", "WUXLIX" },
		/* four consonants or more: the 1st, 3rd and 4th of the first
		 * name, not of the surname */
		{ "Fo", "Gianfranco", "FOXGFR" }, { "Bernardini", "Gianfranco",
		                                      "BRNGFR" },
		/* accents off, what is not a letter left out */
		{ "D'Angelo", "Nicolò", "DNGNCL" }, { "De Luca", "Maria Grazia",
		                                      "DLCMGR" },
		{ "Ngùyen", "Àn", "NGYNAX" },
	};
	char got[7], what[96];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		wf_taxcode_name_letters(cases[i].last, cases[i].first, got);
		snprintf(what, sizeof what, "%s %s", cases[i].first, cases[i].last);
		CHECK_STR(got, cases[i].want, what);
	}
}

void check_taxcode(void)
{
	valid();
	invalid();
	letters();
}
