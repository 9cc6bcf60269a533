/* nearest.c - the word a typo most likely meant, or none. */
#include "tests.h"

void check_nearest(void)
{
	static const char *const statuses[] = { "referred", "screened",
	                                        "rejected", "withdrawn",
	                                        "assessing", "eligible",
	                                        "placed", "closed", NULL };
	static const char *const options[] = { "status", "programme",
	                                       "referrer", "employment_status",
	                                       NULL };
	static const struct {
		const char *const *cands;
		const char *word, *want;
	} cases[] = {
		{ statuses, "refered", "referred" },
		{ statuses, "sceened", "screened" },
		{ statuses, "closd", "closed" },
		{ statuses, "xyz", NULL },
		{ statuses, "open", NULL },
		{ options, "stauts", "status" },
		{ options, "program", "programme" },
		/* a prefix is a likely slip */
		{ options, "employ", "employment_status" },
		{ options, "emp", NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_STR(wf_nearest(cases[i].word, cases[i].cands), cases[i].want,
		          cases[i].word);
}
