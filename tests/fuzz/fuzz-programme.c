/*
 * fuzz-programme.c - the programme loader's checks on any bytes: each
 * record read is checked by the programme schema and its target rules,
 * and a target that passes is evaluated on a person. Invariants: a
 * programme that passes has a code; a refusal has a message; a checked
 * target always evaluates (never "malformed").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "wf.h"

static void evaluate(const cJSON *root)
{
	static const char *const certs[] = { "law_68_1999", NULL };
	const cJSON *target = cJSON_GetObjectItemCaseSensitive(root, "target");
	struct wf_subject s = { wf_date_from_ymd(1970, 5, 1), "unemployed",
	                        certs, "Milano", NULL };
	cJSON *reasons = cJSON_CreateArray();

	if (target && reasons)
		FUZZ_ASSERT(wf_target_eval(target, &s,
		                           wf_date_from_ymd(2026, 11, 22),
		                           reasons) >= 0);
	cJSON_Delete(reasons);
}

static void each(struct wf_record *rec)
{
	const char *code = NULL;
	struct wf_err e;

	wf_err_clear(&e);
	if (wf_programme_valid(rec, &code, &e)) {
		FUZZ_ASSERT(e.msg[0] != '\0');
		return;
	}
	FUZZ_ASSERT(code && *code);
	evaluate(rec->root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_records(data, size, 16, each);
	return 0;
}
