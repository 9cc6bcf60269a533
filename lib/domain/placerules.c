/*
 * placerules.c - a programme's rules for placements, checked all at once
 * so that a refusal names every rule broken: the kinds it allows, the
 * shortest and longest duration (longer for disadvantaged and disabled
 * people), the least monthly stipend (less with meals, less again part
 * time), the most hours a week, how many trainees a host may have at once
 * by its employees; and, when one starts, whether a case's placements may
 * run at once.
 */
#include <stdio.h>
#include <string.h>

#include "casefile.h"

static const cJSON *rule(const cJSON *prog, const char *kind, const char *name)
{
	const cJSON *rules = cJSON_GetObjectItemCaseSensitive(prog,
	                                                     "placement_rules");

	return wf_json_path(cJSON_GetObjectItemCaseSensitive(rules, kind), name);
}

static int num(const cJSON *obj, const char *name, int dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsNumber(v) ? v->valueint : dflt;
}

static void kind_allowed(const cJSON *prog, const struct wf_placement *p,
                         cJSON *broken)
{
	const cJSON *c, *list = cJSON_GetObjectItemCaseSensitive(prog,
	                                                        "placements");

	cJSON_ArrayForEach(c, list)
		if (cJSON_IsString(c) && !strcmp(c->valuestring, p->type))
			return;
	wf_json_addf(broken, "type: programme '%s' does not offer placements of "
	             "kind '%s'", wf_json_str(prog, "id"), p->type);
}

/* The longest duration for this person: the most favourable of the
 * general limit and those of the categories the person belongs to. */
static int longest(const cJSON *prog, const struct wf_placement *p,
                   const char **why)
{
	int max = num(rule(prog, p->type, "months"), "max", 0);
	int dis = num(rule(prog, p->type, "months_disabled"), "max", 0);
	int adv = num(rule(prog, p->type, "months_disadvantaged"), "max", 0);

	*why = "";
	if (p->disadvantaged && adv > max)
		max = adv, *why = _(" for a disadvantaged person");
	if (p->disabled && dis > max)
		max = dis, *why = _(" for a person with disabilities");
	return max;
}

static void duration(const cJSON *prog, const struct wf_placement *p,
                     cJSON *broken)
{
	int min = num(rule(prog, p->type, "months"), "min", 0);
	const char *why;
	int max = longest(prog, p, &why);
	wf_day s, e;
	char last[11];

	wf_date_parse(p->start, &s);
	wf_date_parse(p->end, &e);
	if (e < s) {
		wf_json_addf(broken, "end: %s is before the start %s", p->end, p->start);
		return;
	}
	if (max && e > wf_date_add_months(s, max) - 1) {
		wf_date_format(wf_date_add_months(s, max) - 1, last);
		wf_json_addf(broken, "end: %s..%s is longer than %d months, the longest "
		             "%s%s (end by %s)", p->start, p->end, max, p->type, why,
		             last);
	}
	if (min && e < wf_date_add_months(s, min) - 1)
		wf_json_addf(broken, "end: %s..%s is shorter than %d months, the shortest "
		             "%s", p->start, p->end, min, p->type);
}

static void stipend(const cJSON *prog, const struct wf_placement *p,
                    cJSON *broken)
{
	const cJSON *st = rule(prog, p->type, "stipend");
	int part = num(wf_json_path(cJSON_GetObjectItemCaseSensitive(prog,
	                            "placement_rules"), p->type),
	               "part_time_hours_week", 0);
	const char *which = "min", *why, *what = "";
	long long least;
	char a[32], b[32];

	if (!st)
		return;
	if (part && p->hours_week && p->hours_week <= part &&
	    cJSON_GetObjectItemCaseSensitive(st, "part_time"))
		which = "part_time", what = _(" part time");
	else if (p->meals && cJSON_GetObjectItemCaseSensitive(st, "with_meals"))
		which = "with_meals", what = _(" with meals");
	if (!cJSON_GetObjectItemCaseSensitive(st, which) ||
	    wf_money_parse(cJSON_GetObjectItemCaseSensitive(st, which), &least,
	                   &why) < 0)
		return;
	wf_money_format(least, b, sizeof b);
	if (p->stipend < 0) {
		wf_json_addf(broken, "stipend: the least for '%s'%s is %s a month",
		             p->type, what, b);
		return;
	}
	wf_money_format(p->stipend, a, sizeof a);
	if (p->stipend < least)
		wf_json_addf(broken, "stipend: %s is below the least of %s a month for "
		             "'%s'%s", a, b, p->type, what);
}

static void hours(const cJSON *prog, const struct wf_placement *p,
                  cJSON *broken)
{
	int max = num(rule(prog, p->type, "hours_week"), "max", 0);
	int min = num(rule(prog, p->type, "hours_week"), "min", 0);

	if (max && p->hours_week > max)
		wf_json_addf(broken, "hours_week: %d is more than %d hours a week, the most "
		             "for '%s'", p->hours_week, max, p->type);
	if (min && p->hours_week && p->hours_week < min)
		wf_json_addf(broken, "hours_week: %d is fewer than %d hours a week, the "
		             "least for '%s'", p->hours_week, min, p->type);
}

/* How many trainees a host of n employees may have at once: the first
 * tier whose employees reach n, else the percentage of the last one. */
static long capacity(const cJSON *tiers, long n)
{
	const cJSON *t;

	cJSON_ArrayForEach(t, tiers) {
		if (cJSON_GetObjectItemCaseSensitive(t, "percent"))
			return n * num(t, "percent", 0) / 100;
		if (n <= num(t, "employees", 0))
			return num(t, "trainees", 0);
	}
	return -1;
}

static int counted(const cJSON *prog, const char *type)
{
	const cJSON *kinds = cJSON_GetObjectItemCaseSensitive(prog,
	                                                     "capacity_kinds"), *c;

	if (!kinds)
		return strcmp(type, "hire") != 0;
	cJSON_ArrayForEach(c, kinds)
		if (!strcmp(c->valuestring, type))
			return 1;
	return 0;
}

/* Placements at a host, other than ?2, not ended, meeting ?3..?4. */
static const char SQL_PLACE_HOST_OVERLAP[] =
	"SELECT id, type FROM placement WHERE host_id = ?1 AND id <> ?2"
	" AND status <> 'ended' AND status <> 'cancelled'"
	" AND start <= ?4 AND end_date >= ?3";
enum {
	HOST_ID, HOST_TYPE
};

static int host_capacity(struct wf_store *st, const cJSON *prog,
                         const struct wf_placement *p, cJSON *broken,
                         struct wf_err *e)
{
	const cJSON *tiers = cJSON_GetObjectItemCaseSensitive(prog, "host_capacity");
	struct wf_stmt *s;
	long cap, n = 1;
	int rc;

	if (!tiers || !counted(prog, p->type))
		return 0;
	if (p->employees < 0) {
		wf_json_addf(broken, "host: '%s' has no employee count, which the trainee "
		      "limit needs (record it with 'wf org add --id %s ... "
		      "--employees N')", p->host, p->host);
		return 0;
	}
	if (!(s = wf_sql(st, SQL_PLACE_HOST_OVERLAP, e)))
		return e->code;
	wf_bind_int64(s, 1, p->host_id);
	wf_bind_text(s, 2, p->id);
	wf_bind_text(s, 3, p->start);
	wf_bind_text(s, 4, p->end);
	while ((rc = wf_step(s)) == WF_ROW)
		n += counted(prog, wf_col_str(s, HOST_TYPE));
	wf_reset(s);
	if (rc != WF_DONE)
		return wf_sql_err(st, rc, e);
	cap = capacity(tiers, p->employees);
	if (cap >= 0 && n > cap)
		wf_json_addf(broken, ngettext("host: '%s' (%ld employees) may have %ld "
		             "trainee at once; %ld already overlap %s..%s",
		             "host: '%s' (%ld employees) may have %ld trainees at "
		             "once; %ld already overlap %s..%s", (unsigned long)cap),
		             p->host, p->employees, cap, n - 1, p->start, p->end);
	return 0;
}

/* Another placement of the case running (active or suspended) when ?2
 * starts. */
static const char SQL_PLACE_CASE_OVERLAP[] =
	"SELECT id, type, start, end_date FROM placement WHERE case_id = ?1"
	" AND id <> ?2 AND (status = 'active' OR status = 'suspended')";
enum {
	OVER_ID, OVER_TYPE, OVER_START, OVER_END
};

int wf_place_overlap(struct wf_store *st, const cJSON *prog,
                     const struct wf_placement *p, cJSON *broken,
                     struct wf_err *e)
{
	const cJSON *ok = cJSON_GetObjectItemCaseSensitive(prog,
	                                                  "overlapping_placements");
	struct wf_stmt *s;
	int rc;

	if (cJSON_IsTrue(ok))
		return 0;
	if (!(s = wf_sql(st, SQL_PLACE_CASE_OVERLAP, e)))
		return e->code;
	wf_bind_text(s, 1, p->case_id);
	wf_bind_text(s, 2, p->id);
	if ((rc = wf_step(s)) == WF_ROW)
		wf_json_addf(broken, "the case's %s placement '%s' (%s..%s) is still "
		      "running, and programme '%s' does not allow placements to "
		      "overlap (end it first)", wf_col_str(s, OVER_TYPE),
		      wf_col_str(s, OVER_ID),
		      wf_col_str(s, OVER_START),
		      wf_col_str(s, OVER_END), wf_json_str(prog, "id"));
	wf_reset(s);
	return rc == WF_ROW || rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

int wf_place_rules(struct wf_store *st, const cJSON *prog,
                   const struct wf_placement *p, cJSON *broken,
                   struct wf_err *e)
{
	kind_allowed(prog, p, broken);
	duration(prog, p, broken);
	stipend(prog, p, broken);
	hours(prog, p, broken);
	return host_capacity(st, prog, p, broken, e);
}
