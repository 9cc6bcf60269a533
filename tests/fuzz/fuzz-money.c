/*
 * fuzz-money.c - amounts in euros, as text and as JSON numbers.
 * Invariants: an amount that parses is not negative, prints with two
 * decimals and parses back to the same cents; a refusal says why.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "wf.h"

static void amount(const cJSON *v)
{
	long long cents = -1, again = -1;
	const char *why = NULL;
	char buf[64];
	cJSON *text;

	if (wf_money_parse(v, &cents, &why)) {
		FUZZ_ASSERT(why && *why);
		return;
	}
	FUZZ_ASSERT(cents >= 0);
	wf_money_format(cents, buf, sizeof buf);
	FUZZ_ASSERT(strlen(buf) >= 4 && buf[strlen(buf) - 3] == '.');
	if (!(text = cJSON_CreateString(buf)))
		return;
	FUZZ_ASSERT(!wf_money_parse(text, &again, &why) && again == cents);
	cJSON_Delete(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	cJSON *v;

	if (size > 256 || !(s = malloc(size + 1)))
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if ((v = cJSON_CreateString(s))) {
		amount(v);
		cJSON_Delete(v);
	}
	if ((v = cJSON_ParseWithLength(s, size))) {
		amount(v);
		cJSON_Delete(v);
	}
	free(s);
	return 0;
}
