/* money.c - euros as integer cents: what is an amount, and its text. */
#include <stdio.h>

#include "tests.h"

void check_money(void)
{
	static const struct { const char *json; long long cents; } good[] = {
		{ "650", 65000 }, { "650.5", 65050 }, { "\"650.50\"", 65050 },
		{ "0", 0 }, { "\"0.05\"", 5 }, { "1234.56", 123456 },
	};
	static const char *const bad[] = { "-1", "\"6,50\"", "\"abc\"",
	                                   "650.555", "\"650.5.0\"", "true",
	                                   "1e300", "\"\"" };
	static const struct { long long cents; const char *text; } shown[] = {
		{ 65000, "650.00" }, { 5, "0.05" }, { 123456, "1234.56" },
	};
	char buf[32];

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		cJSON *v = cJSON_Parse(good[i].json);
		long long c = -1;
		const char *why = NULL;

		CHECK(wf_money_parse(v, &c, &why) == 0, "%s refused: %s",
		      good[i].json, why ? why : "");
		CHECK_LONG(c, good[i].cents, good[i].json);
		cJSON_Delete(v);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cJSON *v = cJSON_Parse(bad[i]);
		long long c;
		const char *why = NULL;

		CHECK(wf_money_parse(v, &c, &why) < 0 && why, "%s accepted",
		      bad[i]);
		cJSON_Delete(v);
	}
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
		wf_money_format(shown[i].cents, buf, sizeof buf);
		CHECK_STR(buf, shown[i].text, "formatted");
	}
}
