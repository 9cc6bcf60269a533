/*
 * fuzz-taxcode.c - the codice fiscale check.
 * Invariants: a code that passes has 16 characters, ends with its own
 * check character and gives a real month, day and sex; a refusal says
 * why.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "wf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wf_taxcode tc;
	const char *why = NULL;
	char *s;

	if (size > 64 || !(s = malloc(size + 1)))
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (wf_taxcode_check(s, &tc, &why)) {
		FUZZ_ASSERT(why && *why);
	} else {
		FUZZ_ASSERT(strlen(s) == 16);
		FUZZ_ASSERT(wf_taxcode_checkchar(s) == s[15]);
		FUZZ_ASSERT(tc.month >= 1 && tc.month <= 12);
		FUZZ_ASSERT(tc.day >= 1 && tc.day <= 31);
		FUZZ_ASSERT(tc.sex == 'M' || tc.sex == 'F');
		FUZZ_ASSERT(tc.yy >= 0 && tc.yy <= 99);
	}
	free(s);
	return 0;
}
