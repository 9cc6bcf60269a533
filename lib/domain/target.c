/*
 * target.c - a programme's target: who the programme is for, as data. A
 * target is a mapping of rules that must all hold:
 *
 *   age: {min: 18, max: 34}         whole years at the date
 *   employment: [unemployed, ...]   employment status at the date
 *   certification: [law_68_1999, ...]  holds at least one of them
 *   municipality: [Vigevano, ...]   lives in one of them
 *   any: [TARGET, ...]              at least one holds
 *   all: [TARGET, ...]              every one holds
 *
 * Evaluation gives every rule that fails as a record of its code and
 * facts, e.g. {rule: age, age: 35, on: 2026-03-02, ranges: [0..34, 50..]},
 * with its English text ("age 35 at 2026-03-02 is not in 0..34 nor 50..").
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "wf.h"

const char *const wf_employment_statuses[] = { "unemployed", "never_employed",
                                               "inactive", "student",
                                               "employed", NULL };
/* The sensitive fields the funder asks about at entry. A person may
 * decline to answer: that is recorded, and counted apart from a field
 * left blank (unknown). */
const char *const wf_genders[] = { "female", "male", "non_binary", "declined",
                                   NULL };
const char *const wf_education_levels[] = { "isced_0_2", "isced_3_4",
                                            "isced_5_8", "declined", NULL };
const char *const wf_yes_no_declined[] = { "yes", "no", "declined", NULL };
const char *const wf_certifications[] = { "law_68_1999", "law_381_1991",
                                          "uncertified_disadvantage", NULL };
/* The invalidities Law 68/1999 (art. 1) covers, each with its own rule:
 * a percent for civil invalidity and work injury (INAIL), a category or
 * a certified condition for the others. */
const char *const wf_invalidities[] = { "civil", "work_injury", "sight",
                                        "hearing", "war", "service", NULL };

/* ---- certifications as a target counts them ----------------------------- */

void wf_certs_init(struct wf_certs *c)
{
	memset(c, 0, sizeof *c);
	c->refused_limit = -1;
}

/* The programme's threshold for an invalidity: Law 68/1999 counts it
 * when the percent is more than this; -1 when the programme sets none. */
static int threshold(const cJSON *prog, const char *invalidity)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(prog,
	                                                  "law_68_thresholds");
	const cJSON *v = invalidity
	                 ? cJSON_GetObjectItemCaseSensitive(t, invalidity) : NULL;

	return cJSON_IsNumber(v) ? (int)v->valuedouble : -1;
}

void wf_certs_add(struct wf_certs *c, const cJSON *prog, const char *kind,
                  const char *invalidity, int percent)
{
	const char *known = NULL;
	int limit, k;

	for (int i = 0; wf_certifications[i] && !known; i++)
		if (kind && !strcmp(wf_certifications[i], kind))
			known = wf_certifications[i];
	if (!known)
		return;
	limit = strcmp(known, "law_68_1999") ? -1 : threshold(prog, invalidity);
	if (limit >= 0 && percent <= limit) {
		snprintf(c->refused, sizeof c->refused, "%s",
		         invalidity ? invalidity : "");
		c->refused_percent = percent;
		c->refused_limit = limit;
		return;
	}
	for (k = 0; c->kinds[k]; k++)
		if (c->kinds[k] == known)
			return;
	c->kinds[k] = known;     /* room for every known kind */
}

static const struct wf_field age_fields[] = {
	{ "min", WF_T_INT, 0, NULL, NULL, 0, 150 },
	{ "max", WF_T_INT, 0, NULL, NULL, 0, 150 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema age_schema = { NULL, age_fields };

static const struct wf_field rule_fields[] = {
	{ "age", WF_T_OBJECT, 0, NULL, &age_schema, 0, 0 },
	{ "employment", WF_T_ENUMS, 0, wf_employment_statuses, NULL, 0, 0 },
	{ "certification", WF_T_ENUMS, 0, wf_certifications, NULL, 0, 0 },
	{ "municipality", WF_T_STRINGS, 0, NULL, NULL, 0, 0 },
	{ "any", WF_T_ANY, 0, NULL, NULL, 0, 0 },
	{ "all", WF_T_ANY, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema rule_schema = { NULL, rule_fields };

static int check_at(const struct wf_record *rec, cJSON *t, const char *path,
                    struct wf_err *e)
{
	static const char *const alts[] = { "any", "all" };
	const cJSON *age = cJSON_GetObjectItemCaseSensitive(t, "age");
	char sub[160];
	int rc, i;

	if (!cJSON_IsObject(t))
		return wf_record_err(rec, t, path, e, WF_EX_DATAERR,
		                     "expected a mapping of rules");
	if ((rc = wf_validate(rec, t, &rule_schema, path, e)))
		return rc;
	if (age && !age->child)
		return wf_record_err(rec, age, path, e, WF_EX_DATAERR,
		                     "age: give min, max or both");
	for (int a = 0; a < 2; a++) {
		cJSON *list = cJSON_GetObjectItemCaseSensitive(t, alts[a]), *c;

		if (!list)
			continue;
		snprintf(sub, sizeof sub, "%s.%s", path, alts[a]);
		if (!cJSON_IsArray(list) || !cJSON_GetArraySize(list))
			return wf_record_err(rec, list, sub, e, WF_EX_DATAERR,
			                     "expected a list of targets");
		i = 0;
		cJSON_ArrayForEach(c, list) {
			snprintf(sub, sizeof sub, "%s.%s[%d]", path, alts[a], i++);
			if ((rc = check_at(rec, c, sub, e)))
				return rc;
		}
	}
	return 0;
}

int wf_target_check(const struct wf_record *rec, const cJSON *target,
                    struct wf_err *e)
{
	return check_at(rec, (cJSON *)target, "target", e);
}

/* ---- evaluation -------------------------------------------------------- */

/* A failed rule is kept as a record: its code and what it was checked
 * against, so that reports count by the code and each reader reads it in
 * their own language (reason.c writes it out). */
static cJSON *failed(cJSON *reasons, const char *rule)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "rule", rule);
	cJSON_AddItemToArray(reasons, r);
	return r;
}

static void add_text(cJSON *r, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(r, key, v);
	else
		cJSON_AddNullToObject(r, key);
}

static void range_text(const cJSON *age, char *buf, size_t len)
{
	const cJSON *min = cJSON_GetObjectItemCaseSensitive(age, "min");
	const cJSON *max = cJSON_GetObjectItemCaseSensitive(age, "max");

	if (max)
		snprintf(buf, len, "%d..%d", min ? min->valueint : 0, max->valueint);
	else
		snprintf(buf, len, "%d..", min ? min->valueint : 0);
}

/* The age rule failed: the age at the date, and the ranges it is not in
 * (one, or the alternatives of an 'any' that are all ages). */
static cJSON *failed_age(cJSON *reasons, const struct wf_subject *s,
                         wf_day on)
{
	cJSON *r = failed(reasons, "age");
	char date[11];

	wf_date_format(on, date);
	cJSON_AddNumberToObject(r, "age", wf_date_age(s->birth, on));
	cJSON_AddStringToObject(r, "on", date);
	return cJSON_AddArrayToObject(r, "ranges");
}

static void add_range(cJSON *ranges, const cJSON *age)
{
	char r[64];

	range_text(age, r, sizeof r);
	cJSON_AddItemToArray(ranges, cJSON_CreateString(r));
}

static int age_ok(const cJSON *age, int years)
{
	const cJSON *min = cJSON_GetObjectItemCaseSensitive(age, "min");
	const cJSON *max = cJSON_GetObjectItemCaseSensitive(age, "max");

	return (!min || years >= min->valueint) && (!max || years <= max->valueint);
}

static int in_list(const cJSON *list, const char *v, int fold)
{
	const cJSON *c;

	if (!v)
		return 0;
	cJSON_ArrayForEach(c, list)
		if (cJSON_IsString(c) && (fold ? !strcasecmp(c->valuestring, v)
		                               : !strcmp(c->valuestring, v)))
			return 1;
	return 0;
}

static int eval_target(const cJSON *target, const struct wf_subject *s,
                       wf_day on, cJSON *reasons);

static int eval_any(const cJSON *alts, const struct wf_subject *s, wf_day on,
                    cJSON *reasons)
{
	cJSON *sub = cJSON_CreateArray(), *ranges;
	const cJSON *c;
	int ages = 1;

	cJSON_ArrayForEach(c, alts) {
		int m = eval_target(c, s, on, sub);

		if (m != 0) {
			cJSON_Delete(sub);
			return m;
		}
		ages &= cJSON_GetArraySize(c) == 1 &&
		        cJSON_GetObjectItemCaseSensitive(c, "age") != NULL;
	}
	if (ages) {
		/* Age alternatives read best as one sentence: one rule. */
		ranges = failed_age(reasons, s, on);
		cJSON_ArrayForEach(c, alts)
			add_range(ranges, cJSON_GetObjectItemCaseSensitive(c, "age"));
		cJSON_Delete(sub);
	} else {
		cJSON_AddItemToObject(failed(reasons, "any"), "alternatives", sub);
	}
	return 0;
}

static int eval_certs(const cJSON *v, const struct wf_subject *s,
                      cJSON *reasons)
{
	const struct wf_certs *c = s->cert_refused;
	cJSON *r, *why;

	for (int i = 0; s->certs && s->certs[i]; i++)
		if (in_list(v, s->certs[i], 0))
			return 1;
	r = failed(reasons, "certification");
	cJSON_AddBoolToObject(r, "held", s->certs && s->certs[0]);
	cJSON_AddItemToObject(r, "allowed", cJSON_Duplicate(v, 1));
	if (c && c->refused_limit >= 0) {
		why = cJSON_AddObjectToObject(r, "refused");
		add_text(why, "invalidity", c->refused[0] ? c->refused : NULL);
		if (c->refused_percent >= 0)
			cJSON_AddNumberToObject(why, "percent", c->refused_percent);
		else
			cJSON_AddNullToObject(why, "percent");
		cJSON_AddNumberToObject(why, "threshold", c->refused_limit);
	}
	return 0;
}

static int eval_rule(const cJSON *v, const struct wf_subject *s, wf_day on,
                     cJSON *reasons)
{
	const cJSON *c;
	cJSON *r;

	if (!strcmp(v->string, "any"))
		return eval_any(v, s, on, reasons);
	if (!strcmp(v->string, "all")) {
		int ok = 1;

		cJSON_ArrayForEach(c, v) {
			int m = eval_target(c, s, on, reasons);

			if (m < 0)
				return -1;
			ok &= m;
		}
		return ok;
	}
	if (!strcmp(v->string, "age")) {
		if (age_ok(v, wf_date_age(s->birth, on)))
			return 1;
		add_range(failed_age(reasons, s, on), v);
		return 0;
	}
	if (!strcmp(v->string, "employment")) {
		if (in_list(v, s->employment, 0))
			return 1;
		r = failed(reasons, "employment");
		add_text(r, "status", s->employment);
		cJSON_AddItemToObject(r, "allowed", cJSON_Duplicate(v, 1));
		return 0;
	}
	if (!strcmp(v->string, "certification"))
		return eval_certs(v, s, reasons);
	if (!strcmp(v->string, "municipality")) {
		if (in_list(v, s->municipality, 1))
			return 1;
		add_text(failed(reasons, "municipality"), "municipality",
		         s->municipality);
		return 0;
	}
	return -1;
}

static int eval_target(const cJSON *target, const struct wf_subject *s,
                       wf_day on, cJSON *reasons)
{
	const cJSON *v;
	int ok = 1;

	if (!cJSON_IsObject(target))
		return -1;
	cJSON_ArrayForEach(v, target) {
		int m = eval_rule(v, s, on, reasons);

		if (m < 0)
			return -1;
		ok &= m;
	}
	return ok;
}

int wf_target_eval(const cJSON *target, const struct wf_subject *s,
                   wf_day on, cJSON *reasons)
{
	cJSON *r = reasons->child;
	char text[1024];
	int ok;

	while (r && r->next)
		r = r->next;
	ok = eval_target(target, s, on, reasons);
	/* Each failed rule carries its text in English too: what the store
	 * and the records show, whatever the reader's language. */
	for (r = r ? r->next : reasons->child; r; r = r->next) {
		wf_reason_text(r, 0, text, sizeof text);
		cJSON_AddStringToObject(r, "text", text);
	}
	return ok;
}
