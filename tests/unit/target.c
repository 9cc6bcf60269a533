/* target.c - a programme's target on a person: which rules fail, with
 * their facts and words. */
#include <stdio.h>
#include <string.h>

#include "tests.h"

/* The rules that failed, "age,employment", and the first one's text. */
static void failures(const cJSON *reasons, char *rules, size_t len,
                     char *text, size_t tlen)
{
	const cJSON *r;
	size_t n = 0;

	rules[0] = text[0] = '\0';
	cJSON_ArrayForEach(r, reasons) {
		n += (size_t)snprintf(rules + n, n < len ? len - n : 0, "%s%s",
		                      n ? "," : "", wf_json_str(r, "rule"));
		if (!text[0])
			snprintf(text, tlen, "%s", wf_json_str(r, "text"));
	}
}

void check_target(void)
{
	static const char lomellina[] =
		"{\"any\":[{\"age\":{\"max\":34}},{\"age\":{\"min\":50}}],"
		"\"employment\":[\"unemployed\",\"never_employed\"]}";
	static const char sil[] =
		"{\"age\":{\"min\":18},\"employment\":[\"unemployed\","
		"\"never_employed\",\"inactive\"],\"certification\":"
		"[\"law_381_1991\",\"law_68_1999\",\"uncertified_disadvantage\"],"
		"\"municipality\":[\"Dalmine\",\"Bergamo\"]}";
	static const char *const law68[] = { "law_68_1999", NULL };
	static const char *const none[] = { NULL };
	static const struct {
		const char *target, *birth, *employment, *municipality;
		const char *const *certs;
		int match;
		const char *rules, *text;
	} cases[] = {
		{ lomellina, "1996-10-01", "unemployed", NULL, none, 1, "", "" },
		/* 34 until the day before the 35th birthday */
		{ lomellina, "1991-10-02", "unemployed", NULL, none, 1, "", "" },
		{ lomellina, "1991-10-01", "unemployed", NULL, none, 0, "age",
		  "age 35 at 2026-10-01 is not in 0..34 nor 50.." },
		{ lomellina, "1976-10-01", "never_employed", NULL, none, 1, "", "" },
		{ lomellina, "1980-01-01", "employed", NULL, none, 0,
		  "age,employment", "age 46 at 2026-10-01 is not in 0..34 nor 50.." },
		{ sil, "1980-01-01", "inactive", "bergamo", law68, 1, "", "" },
		{ sil, "1980-01-01", "inactive", "Milano", law68, 0, "municipality",
		  NULL },
		{ sil, "2010-01-01", "student", NULL, none, 0,
		  "age,employment,certification,municipality", NULL },
	};
	char rules[128], text[512], what[160];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cJSON *t = cJSON_Parse(cases[i].target), *reasons = cJSON_CreateArray();
		struct wf_subject s = { unit_day(cases[i].birth), cases[i].employment,
		                        cases[i].certs, cases[i].municipality, NULL };
		int m = wf_target_eval(t, &s, unit_day("2026-10-01"), reasons);

		snprintf(what, sizeof what, "case %zu (born %s, %s)", i + 1,
		         cases[i].birth, cases[i].employment);
		CHECK_LONG(m, cases[i].match, what);
		failures(reasons, rules, sizeof rules, text, sizeof text);
		CHECK_STR(rules, cases[i].rules, what);
		if (cases[i].text)
			CHECK_STR(text, cases[i].text, what);
		cJSON_Delete(reasons);
		cJSON_Delete(t);
	}
}
