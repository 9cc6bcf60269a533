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
 * Evaluation explains every rule that fails in words, e.g. "age 35 at
 * 2026-03-02 is not in 0..34 nor 50..".
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
const char *const wf_disability_answers[] = { "yes", "no", "declined", NULL };
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
		char pc[16] = "no percent";

		if (percent >= 0)
			snprintf(pc, sizeof pc, "%d%%", percent);
		snprintf(c->why, sizeof c->why, "a Law 68/1999 certification of "
		         "%s invalidity at %s does not count: the programme asks "
		         "more than %d%%", invalidity, pc, limit);
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

static void range_text(const cJSON *age, char *buf, size_t len)
{
	const cJSON *min = cJSON_GetObjectItemCaseSensitive(age, "min");
	const cJSON *max = cJSON_GetObjectItemCaseSensitive(age, "max");

	if (max)
		snprintf(buf, len, "%d..%d", min ? min->valueint : 0, max->valueint);
	else
		snprintf(buf, len, "%d..", min ? min->valueint : 0);
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

static void list_text(const cJSON *list, char *buf, size_t len)
{
	const cJSON *c;
	size_t n = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach(c, list)
		if (n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? ", " : "",
			                      c->valuestring);
}

static int eval_any(const cJSON *alts, const struct wf_subject *s, wf_day on,
                    cJSON *reasons)
{
	cJSON *sub = cJSON_CreateArray();
	const cJSON *c;
	int ages = 1, rc = 0;
	char buf[1024], r[64], date[11];
	size_t n;

	cJSON_ArrayForEach(c, alts) {
		int m = wf_target_eval(c, s, on, sub);

		if (m != 0) {
			rc = m;
			goto done;
		}
		ages &= cJSON_GetArraySize(c) == 1 &&
		        cJSON_GetObjectItemCaseSensitive(c, "age") != NULL;
	}
	if (ages) {
		/* Age alternatives read best as one sentence. */
		wf_date_format(on, date);
		n = (size_t)snprintf(buf, sizeof buf, "age %d at %s is not in",
		                     wf_date_age(s->birth, on), date);
		cJSON_ArrayForEach(c, alts) {
			range_text(cJSON_GetObjectItemCaseSensitive(c, "age"), r, sizeof r);
			if (n < sizeof buf)
				n += (size_t)snprintf(buf + n, sizeof buf - n, "%s %s",
				                      c == alts->child ? "" : " nor", r);
		}
		cJSON_AddItemToArray(reasons, cJSON_CreateString(buf));
	} else {
		n = (size_t)snprintf(buf, sizeof buf, "none of the alternatives holds:");
		cJSON_ArrayForEach(c, sub)
			if (n < sizeof buf)
				n += (size_t)snprintf(buf + n, sizeof buf - n, "%s %s",
				                      c == sub->child ? "" : ";",
				                      c->valuestring);
		cJSON_AddItemToArray(reasons, cJSON_CreateString(buf));
	}
done:
	cJSON_Delete(sub);
	return rc;
}

static int eval_rule(const cJSON *v, const struct wf_subject *s, wf_day on,
                     cJSON *reasons)
{
	char list[768], r[64], date[11], age[16];
	const cJSON *c;

	if (!strcmp(v->string, "any"))
		return eval_any(v, s, on, reasons);
	if (!strcmp(v->string, "all")) {
		int ok = 1;

		cJSON_ArrayForEach(c, v) {
			int m = wf_target_eval(c, s, on, reasons);

			if (m < 0)
				return -1;
			ok &= m;
		}
		return ok;
	}
	if (!strcmp(v->string, "age")) {
		if (age_ok(v, wf_date_age(s->birth, on)))
			return 1;
		range_text(v, r, sizeof r);
		wf_date_format(on, date);
		snprintf(age, sizeof age, "%d", wf_date_age(s->birth, on));
		wf_json_addf(reasons, "age %s at %s is not in %s", age, date, r);
		return 0;
	}
	list_text(v, list, sizeof list);
	if (!strcmp(v->string, "employment")) {
		if (in_list(v, s->employment, 0))
			return 1;
		wf_json_addf(reasons, "employment status '%s' is not one of: %s",
		       s->employment ? s->employment : "unknown", list);
		return 0;
	}
	if (!strcmp(v->string, "certification")) {
		for (int i = 0; s->certs && s->certs[i]; i++)
			if (in_list(v, s->certs[i], 0))
				return 1;
		if (s->cert_why && *s->cert_why)
			wf_json_addf(reasons, "no certification that counts among: "
			             "%s (%s)", list, s->cert_why);
		else
			wf_json_addf(reasons, "%s certification among: %s",
			             s->certs && s->certs[0] ? "no"
			             : "no certification; needs a", list);
		return 0;
	}
	if (!strcmp(v->string, "municipality")) {
		if (in_list(v, s->municipality, 1))
			return 1;
		wf_json_addf(reasons, "municipality '%s' is not in the programme's area",
		       s->municipality ? s->municipality : "unknown");
		return 0;
	}
	return -1;
}

int wf_target_eval(const cJSON *target, const struct wf_subject *s,
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
