/*
 * reportperiod.c - the figures of a period (a month, or any span), as of
 * its last day and by effective dates, so that data typed in late counts
 * where it belongs: referrals received (by referrer, target group and
 * employment status), screening (with the reasons for rejection counted
 * by rule), assessments and decisions, plans, placements started, ended,
 * cancelled (never started) and active on the last day, contacts and
 * those due, high-risk cases, closures, hires, the open caseload by
 * operator, and the median days between the steps of the path. Aggregates name no person. Small counts can be hidden for
 * reports that leave the service (--min-cell).
 */
#include <stdlib.h>
#include <string.h>

#include "duecase.h"

static const char *const sections[] = { "referrals", "screening",
                                        "assessment", "plans", "placements",
                                        "monitoring", "closures", "caseload",
                                        "median_days", NULL };

/* Run a (key, count) query for the period into obj. */
static int counts(struct wf_store *st, const char *sql,
                  const struct wf_period_opts *o, cJSON *obj,
                  struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, sql, e);
	char from[11], to[11];
	int rc;

	if (!s)
		return e->code;
	wf_date_format(o->from, from);
	wf_date_format(o->to, to);
	wf_bind_text(s, 1, from);
	wf_bind_text(s, 2, to);
	wf_bind_text(s, 3, o->programme);
	while ((rc = wf_step(s)) == WF_ROW)
		cJSON_AddNumberToObject(obj, wf_col_null(s, 0)
		                        ? "unknown"
		                        : wf_col_str(s, 0),
		                        (double)wf_col_int64(s, 1));
	wf_reset(s);
	return rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

/* The statement of sql bound for the period, for queries read by hand. */
static struct wf_stmt *rows(struct wf_store *st, const char *sql,
                          const struct wf_period_opts *o, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, sql, e);
	char from[11], to[11];

	if (!s)
		return NULL;
	wf_date_format(o->from, from);
	wf_date_format(o->to, to);
	wf_bind_text(s, 1, from);
	wf_bind_text(s, 2, to);
	wf_bind_text(s, 3, o->programme);
	return s;
}

/* The one count a query gives for the period, as sec[name]. */
static int one_count(struct wf_store *st, const char *sql,
                     const struct wf_period_opts *o, cJSON *sec,
                     const char *name, struct wf_err *e)
{
	struct wf_stmt *s = rows(st, sql, o, e);
	int rc;

	if (!s)
		return e->code;
	if ((rc = wf_step(s)) == WF_ROW)
		cJSON_AddNumberToObject(sec, name, (double)wf_col_int64(s, 0));
	wf_reset(s);
	return rc == WF_ROW ? 0 : wf_sql_err(st, rc, e);
}

static double sum(const cJSON *obj)
{
	const cJSON *c;
	double n = 0;

	cJSON_ArrayForEach(c, obj)
		n += cJSON_IsNumber(c) ? c->valuedouble : 0;
	return n;
}

/* One programme's (?3) or all: looked up for each row read, not by
 * listing the programme's cases. */
#define PROGRAMME_OF(col) \
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM cases oc" \
	"  JOIN programme og ON og.id = oc.programme_id WHERE oc.id = " col \
	"  AND og.code = ?3))"

/* Each referral's date, birth date and certifications, for the groups. */
const char WF_SQL_PERIOD_GROUPS[] =
	"SELECT r.date, pe.birth_date,"
	" (SELECT group_concat(k.kind, ' ') FROM certification k"
	"  WHERE k.referral_id = r.id)"
	" FROM referral r JOIN person pe ON pe.id = r.person_id"
	" WHERE r.date BETWEEN ?1 AND ?2" PROGRAMME_OF("r.case_id");

/* Target groups: age at referral, and certifications. */
static int groups(struct wf_store *st, const struct wf_period_opts *o,
                  cJSON *obj, struct wf_err *e)
{
	static const char *const certs[] = { "law_68_1999", "law_381_1991",
	                                     "uncertified_disadvantage", NULL };
	struct wf_stmt *s = rows(st, WF_SQL_PERIOD_GROUPS, o, e);
	int rc;

	if (!s)
		return e->code;
	wf_json_count(obj, "age_up_to_34", 0);
	wf_json_count(obj, "age_50_and_over", 0);
	for (int i = 0; certs[i]; i++)
		wf_json_count(obj, certs[i], 0);
	while ((rc = wf_step(s)) == WF_ROW) {
		const char *k = wf_col_str(s, 2);
		wf_day on, birth;
		int age;

		if (wf_stored_date(wf_col_str(s, 0), 0,
		                   &on) ||
		    wf_stored_date(wf_col_str(s, 1), 0,
		                   &birth)) {
			wf_reset(s);
			return wf_stored_bad(e, "referral or birth date", "case",
			                     NULL);
		}
		age = wf_date_age(birth, on);
		if (age <= 34)
			wf_json_count(obj, "age_up_to_34", 1);
		if (age >= 50)
			wf_json_count(obj, "age_50_and_over", 1);
		for (int i = 0; k && certs[i]; i++)
			if (strstr(k, certs[i]))
				wf_json_count(obj, certs[i], 1);
	}
	wf_reset(s);
	return rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

const char WF_SQL_PERIOD_SCREENING[] =
	"SELECT s.status, s.reasons FROM case_status s"
	" WHERE (s.status = 'screened' OR s.status = 'rejected')"
	" AND s." WF_SQL_PAST_REFERRAL
	" AND s.effective_date BETWEEN ?1 AND ?2" PROGRAMME_OF("s.case_id");

/* Rejection reasons counted by the rule that failed. */
static int screening(struct wf_store *st, const struct wf_period_opts *o,
                     cJSON *sec, struct wf_err *e)
{
	struct wf_stmt *s = rows(st, WF_SQL_PERIOD_SCREENING, o, e);
	cJSON *why = cJSON_CreateObject();
	double screened = 0, rejected = 0;
	int rc;

	if (!s) {
		cJSON_Delete(why);
		return e->code;
	}
	while ((rc = wf_step(s)) == WF_ROW) {
		const char *t = wf_col_str(s, 1);
		cJSON *reasons = t ? cJSON_Parse(t) : NULL;
		const cJSON *r;

		screened++;
		if (!strcmp(wf_col_str(s, 0), "rejected"))
			rejected++;
		cJSON_ArrayForEach(r, reasons)
			wf_json_count(why, wf_reason_rule(r), 1);
		cJSON_Delete(reasons);
	}
	wf_reset(s);
	cJSON_AddNumberToObject(sec, "screened", screened);
	cJSON_AddNumberToObject(sec, "accepted", screened - rejected);
	cJSON_AddNumberToObject(sec, "rejected", rejected);
	cJSON_AddItemToObject(sec, "rejected_by_rule", why);
	return rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

const char WF_SQL_PERIOD_SESSIONS[] =
	"SELECT count(*), count(DISTINCT a.case_id) FROM assessment_session a"
	" WHERE a.date BETWEEN ?1 AND ?2" PROGRAMME_OF("a.case_id");

const char WF_SQL_PERIOD_DECISIONS[] =
	"SELECT d.decision, count(*) FROM decision d"
	" WHERE d.date BETWEEN ?1 AND ?2" PROGRAMME_OF("d.case_id")
	" GROUP BY 1 ORDER BY 1";

static int assessment(struct wf_store *st, const struct wf_period_opts *o,
                      cJSON *sec, struct wf_err *e)
{
	struct wf_stmt *s = rows(st, WF_SQL_PERIOD_SESSIONS, o, e);
	int rc;

	if (!s)
		return e->code;
	if ((rc = wf_step(s)) == WF_ROW) {
		cJSON_AddNumberToObject(sec, "sessions",
		                        (double)wf_col_int64(s, 0));
		cJSON_AddNumberToObject(sec, "cases_assessed",
		                        (double)wf_col_int64(s, 1));
	}
	wf_reset(s);
	if (rc != WF_ROW)
		return wf_sql_err(st, rc, e);
	return counts(st, WF_SQL_PERIOD_DECISIONS, o,
	              cJSON_AddObjectToObject(sec, "decisions"), e);
}

/* Placements whose first start falls in the period, by kind. */
const char WF_SQL_PERIOD_STARTED[] =
	"SELECT p.type, count(*) FROM placement_status s"
	" JOIN placement p ON p.id = s.placement_id"
	" WHERE s.status = 'active' AND s.effective_date BETWEEN ?1 AND ?2"
	" AND NOT EXISTS (SELECT 1 FROM placement_status t"
	"  WHERE t.placement_id = s.placement_id AND +t.status = 'active'"
	"  AND t.id < s.id)" PROGRAMME_OF("p.case_id")
	" GROUP BY 1 ORDER BY 1";

const char WF_SQL_PERIOD_ENDED[] =
	"SELECT s.outcome, count(*) FROM placement_status s"
	" JOIN placement p ON p.id = s.placement_id"
	" WHERE s.status = 'ended' AND s.effective_date BETWEEN ?1 AND ?2"
	PROGRAMME_OF("p.case_id") " GROUP BY 1 ORDER BY 1";

/* Placements active on the last day: kind and host, in the order they
 * were made (the order their counts are listed in). */
const char WF_SQL_PERIOD_ACTIVE[] =
	"SELECT p.type, o.code FROM placement p"
	" JOIN organisation o ON o.id = p.host_id"
	" WHERE p.id IN" PLACEMENTS_RUNNING_BY("?2")
	" AND" PLACEMENT_STATUS_ON("p", "?2") " = 'active'"
	" AND ?1 IS NOT NULL" PROGRAMME_OF("p.case_id")
	" ORDER BY p.case_id, " WF_SQL_PLACEMENT_NUM("p");

/* Placements that never started, cancelled in the period (with the case,
 * mostly): no outcome, so apart from the ended. */
const char WF_SQL_PERIOD_CANCELLED[] =
	"SELECT count(*) FROM placement_status s"
	" JOIN placement p ON p.id = s.placement_id"
	" WHERE s.status = 'cancelled' AND s.effective_date BETWEEN ?1 AND ?2"
	PROGRAMME_OF("p.case_id");

static int placements(struct wf_store *st, const struct wf_period_opts *o,
                      cJSON *sec, double *hires, struct wf_err *e)
{
	cJSON *started = cJSON_AddObjectToObject(sec, "started");
	cJSON *active = cJSON_CreateObject(), *kind, *host;
	const cJSON *h;
	struct wf_stmt *s;
	int rc;

	if ((rc = counts(st, WF_SQL_PERIOD_STARTED, o, started, e)) ||
	    (rc = counts(st, WF_SQL_PERIOD_ENDED, o,
	                 cJSON_AddObjectToObject(sec, "ended"), e)) ||
	    (rc = one_count(st, WF_SQL_PERIOD_CANCELLED, o, sec, "cancelled",
	                    e)) ||
	    !(s = rows(st, WF_SQL_PERIOD_ACTIVE, o, e))) {
		cJSON_Delete(active);
		return rc ? rc : e->code;
	}
	h = cJSON_GetObjectItemCaseSensitive(started, "hire");
	*hires = h ? h->valuedouble : 0;
	kind = cJSON_AddObjectToObject(active, "by_kind");
	host = cJSON_AddObjectToObject(active, "by_host");
	while ((rc = wf_step(s)) == WF_ROW) {
		wf_json_count(kind, wf_col_str(s, 0), 1);
		wf_json_count(host, wf_col_str(s, 1), 1);
	}
	wf_reset(s);
	cJSON_AddNumberToObject(active, "total", sum(kind));
	cJSON_AddItemToObject(sec, "active_on_last_day", active);
	return rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

const char WF_SQL_PERIOD_CONTACTS[] =
	"SELECT k.party, count(*) FROM contact k"
	" WHERE k.date BETWEEN ?1 AND ?2" PROGRAMME_OF("k.case_id")
	" GROUP BY 1 ORDER BY 1";

/* Cases open on the last day whose latest risk seen by then is high. */
const char WF_SQL_PERIOD_HIGH_RISK[] =
	"SELECT count(*) FROM cases c WHERE c.id IN" CASES_OPEN_BY("?2")
	" AND c.opened_on <= ?2 AND ?1 IS NOT NULL"
	" AND" CASE_STATUS_ON("c", "?2") " IN " OPEN_STATUSES
	" AND (SELECT k.risk FROM contact k WHERE k.case_id = c.id"
	"  AND k.risk IS NOT NULL AND k.date <= ?2"
	"  ORDER BY k.date DESC, k.id DESC LIMIT 1) = 'high'"
	PROGRAMME_OF("c.id");

static int monitoring(struct wf_store *st, const struct wf_period_opts *o,
                      cJSON *sec, struct wf_err *e)
{
	cJSON *held = cJSON_AddObjectToObject(sec, "contacts_by_party");
	double due = 0, on_time = 0;
	int rc;

	if ((rc = counts(st, WF_SQL_PERIOD_CONTACTS, o, held, e)))
		return rc;
	cJSON_AddNumberToObject(sec, "contacts", sum(held));
	if ((rc = one_count(st, WF_SQL_PERIOD_HIGH_RISK, o, sec, "high_risk_cases",
	                    e)) ||
	    (rc = wf_due_tally(st, o->from, o->to, o->programme, &due, &on_time,
	                       e)))
		return rc;
	cJSON_AddNumberToObject(sec, "due", due);
	cJSON_AddNumberToObject(sec, "on_time", on_time);
	if (due)
		cJSON_AddNumberToObject(sec, "on_time_percent",
		                        wf_percent(on_time, due));
	else
		cJSON_AddNullToObject(sec, "on_time_percent");
	return 0;
}

/* Open cases on the last day, by operator in charge. */
static int caseload(struct wf_store *st, const struct wf_period_opts *o,
                    cJSON *sec, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, WF_SQL_VIEW_CASELOAD, e);
	cJSON *by = cJSON_AddObjectToObject(sec, "open_by_operator");
	double unassigned = 0;
	char to[11];
	int rc;

	if (!s)
		return e->code;
	wf_date_format(o->to, to);
	wf_bind_text(s, 1, to);
	wf_bind_text(s, 2, o->programme);
	while ((rc = wf_step(s)) == WF_ROW) {
		double n = (double)wf_col_int64(s, CASELOAD_CASES);

		wf_json_count(by, wf_col_str(s,
		              CASELOAD_OPERATOR), n);
		if (!wf_col_int(s, CASELOAD_ASSIGNED))
			unassigned += n;
	}
	wf_reset(s);
	cJSON_AddNumberToObject(sec, "open", sum(by));
	/* the cases whose operator is derived: never assigned a manager */
	cJSON_AddNumberToObject(sec, "open_without_manager", unassigned);
	return rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

static void add_median(cJSON *sec, const char *name, long *v, int n)
{
	if (!n) {
		cJSON_AddNullToObject(sec, name);
		return;
	}
	qsort(v, (size_t)n, sizeof *v, cmp_long);
	cJSON_AddNumberToObject(sec, name, n % 2 ? (double)v[n / 2]
	                        : (double)(v[n / 2 - 1] + v[n / 2]) / 2);
}

/* The day each case that took a step in the period reached each step:
 * referral, screening, the eligibility decision, the first plan, the
 * first placement started. */
const char WF_SQL_PERIOD_STEPS[] =
	"WITH k (id) AS (SELECT s.case_id FROM case_status s"
	"  WHERE s.status IN ('screened', 'rejected') AND s." WF_SQL_PAST_REFERRAL
	"  AND s.effective_date BETWEEN ?1 AND ?2"
	" UNION SELECT d.case_id FROM decision d WHERE d.decision <> 'deferred'"
	"  AND d.date BETWEEN ?1 AND ?2"
	" UNION SELECT p.case_id FROM plan p WHERE p.agreed_on BETWEEN ?1 AND ?2"
	" UNION SELECT p.case_id FROM placement_status s"
	"  JOIN placement p ON p.id = s.placement_id WHERE s.status = 'active'"
	"  AND s.effective_date BETWEEN ?1 AND ?2)"
	" SELECT c.opened_on,"
	" (SELECT min(s.effective_date) FROM case_status s WHERE s.case_id = c.id"
	"  AND (s.status = 'screened' OR s.status = 'rejected')),"
	" (SELECT min(d.date) FROM decision d WHERE d.case_id = c.id"
	"  AND d.decision <> 'deferred'),"
	" (SELECT min(p.agreed_on) FROM plan p WHERE p.case_id = c.id),"
	" (SELECT min(s.effective_date) FROM placement_status s"
	"  JOIN placement p ON p.id = s.placement_id WHERE p.case_id = c.id"
	"  AND +s.status = 'active')"
	" FROM cases c JOIN k ON k.id = c.id WHERE 1 = 1" PROGRAMME_OF("c.id");

/* The median days from each step to the next, for the cases that reached
 * the later one in the period. */
static int medians(struct wf_store *st, const struct wf_period_opts *o,
                   cJSON *sec, struct wf_err *e)
{
	static const char *const names[] = { "referral_to_screening",
	                                     "screening_to_decision",
	                                     "decision_to_plan",
	                                     "plan_to_placement" };
	struct wf_stmt *s = rows(st, WF_SQL_PERIOD_STEPS, o, e);
	long *v[4] = { 0 };
	int n[4] = { 0 }, cap[4] = { 0 }, rc, bad = 0, oom = 0;

	if (!s)
		return e->code;
	while (!bad && !oom && (rc = wf_step(s)) == WF_ROW) {
		wf_day d[5];
		int have[5];

		for (int i = 0; i < 5; i++) {
			have[i] = !wf_col_null(s, i);
			bad |= have[i] && wf_stored_date((const char *)
			                      wf_col_str(s, i), 0, &d[i]);
		}
		for (int k = 0; k < 4 && !bad && !oom; k++) {
			if (!have[k] || !have[k + 1] || d[k + 1] < o->from ||
			    d[k + 1] > o->to)
				continue;
			if (!(oom = wf_grow(&v[k], &cap[k], n[k], sizeof *v[k])))
				v[k][n[k]++] = d[k + 1] - d[k];
		}
	}
	wf_reset(s);
	for (int k = 0; k < 4; k++) {
		if (!bad && !oom)
			add_median(sec, names[k], v[k], n[k]);
		free(v[k]);
	}
	if (oom)
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	if (bad)
		return wf_stored_bad(e, "date of a step", "case", NULL);
	return rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

const char WF_SQL_PERIOD_REFERRERS[] =
	"SELECT o.code, count(*) FROM referral r"
	" JOIN organisation o ON o.id = r.referrer_id"
	" WHERE r.date BETWEEN ?1 AND ?2" PROGRAMME_OF("r.case_id")
	" GROUP BY o.code ORDER BY o.code";

const char WF_SQL_PERIOD_EMPLOYMENT[] =
	"SELECT r.employment_status, count(*) FROM referral r"
	" WHERE r.date BETWEEN ?1 AND ?2" PROGRAMME_OF("r.case_id")
	" GROUP BY 1 ORDER BY 1";

static int referrals(struct wf_store *st, const struct wf_period_opts *o,
                     cJSON *sec, struct wf_err *e)
{
	cJSON *by = cJSON_CreateObject();
	int rc = counts(st, WF_SQL_PERIOD_REFERRERS, o, by, e);

	cJSON_AddNumberToObject(sec, "received", sum(by));
	cJSON_AddItemToObject(sec, "by_referrer", by);
	if (!rc)
		rc = groups(st, o, cJSON_AddObjectToObject(sec, "by_target_group"),
		            e);
	if (!rc)
		rc = counts(st, WF_SQL_PERIOD_EMPLOYMENT, o,
		            cJSON_AddObjectToObject(sec, "by_employment"), e);
	return rc;
}

const char WF_SQL_PERIOD_PLANS[] =
	"SELECT CASE WHEN p.version = 1 THEN 'agreed' ELSE 'revised' END,"
	" count(*) FROM plan p WHERE p.agreed_on BETWEEN ?1 AND ?2"
	PROGRAMME_OF("p.case_id") " GROUP BY 1 ORDER BY 1";

const char WF_SQL_PERIOD_CLOSURES[] =
	"SELECT z.outcome, count(*) FROM case_closure z"
	" WHERE z.date BETWEEN ?1 AND ?2" PROGRAMME_OF("z.case_id")
	" GROUP BY 1 ORDER BY 1";

static cJSON *report(struct wf_store *st, const struct wf_period_opts *o,
                     struct wf_err *e)
{
	cJSON *r = wf_report_head("report", o), *sec;
	double hires = 0;
	int rc;

	rc = referrals(st, o, cJSON_AddObjectToObject(r, "referrals"), e);
	if (!rc)
		rc = screening(st, o, cJSON_AddObjectToObject(r, "screening"), e);
	if (!rc)
		rc = assessment(st, o, cJSON_AddObjectToObject(r, "assessment"), e);
	if (!rc)
		rc = counts(st, WF_SQL_PERIOD_PLANS, o,
		            cJSON_AddObjectToObject(r, "plans"), e);
	if (!rc) {
		sec = cJSON_AddObjectToObject(r, "placements");
		rc = placements(st, o, sec, &hires, e);
		cJSON_AddNumberToObject(sec, "hires", hires);
	}
	if (!rc)
		rc = monitoring(st, o, cJSON_AddObjectToObject(r, "monitoring"), e);
	if (!rc)
		rc = counts(st, WF_SQL_PERIOD_CLOSURES, o,
		            cJSON_AddObjectToObject(r, "closures"), e);
	if (!rc)
		rc = caseload(st, o, cJSON_AddObjectToObject(r, "caseload"), e);
	if (!rc)
		rc = medians(st, o, cJSON_AddObjectToObject(r, "median_days"), e);
	if (rc) {
		cJSON_Delete(r);
		return NULL;
	}
	if (o->min_cell > 1)
		wf_report_suppress(r, o->min_cell);
	return r;
}

/* The same figure in another report, for --compare: 0 when absent. */
static cJSON *beside(const cJSON *other, const char *id)
{
	const cJSON *v = wf_json_path(other, id);

	return v ? cJSON_Duplicate(v, 1) : cJSON_CreateNumber(0);
}

/* Each figure as a row (section, item, value, and with --compare the
 * same figure a month and a year before), for tables. */
static int emit_rows_of(struct wf_ctx *ctx, const char *section,
                        const char *prefix, const cJSON *obj,
                        const cJSON *const *others, struct wf_err *e)
{
	const cJSON *c;
	char item[256];
	int rc = 0;

	cJSON_ArrayForEach(c, obj) {
		snprintf(item, sizeof item, "%s%s%s", prefix, *prefix ? "." : "",
		         c->string);
		if (cJSON_IsObject(c)) {
			rc = emit_rows_of(ctx, section, item, c, others, e);
		} else {
			cJSON *row = cJSON_CreateObject();
			char id[320];

			snprintf(id, sizeof id, "%s.%s", section, item);
			cJSON_AddStringToObject(row, "kind", "figure");
			cJSON_AddStringToObject(row, "id", id);
			cJSON_AddStringToObject(row, "section", section);
			cJSON_AddStringToObject(row, "item", item);
			cJSON_AddItemToObject(row, "value", cJSON_Duplicate(c, 1));
			if (others) {
				cJSON_AddItemToObject(row, "previous_month",
				                      beside(others[0], id));
				cJSON_AddItemToObject(row, "year_before",
				                      beside(others[1], id));
			}
			rc = wf_emit(ctx, row, e);
			cJSON_Delete(row);
		}
		if (rc)
			break;
	}
	return rc;
}

/* The report of the month n months before o's. */
static cJSON *months_before(struct wf_store *st,
                            const struct wf_period_opts *o, int n,
                            struct wf_err *e)
{
	struct wf_period_opts b = *o;
	char month[8], id[32];
	int y, m, d;

	wf_date_to_ymd(wf_date_add_months(o->from, -n), &y, &m, &d);
	snprintf(month, sizeof month, "%04d-%02d", y, m);
	wf_month_parse(month, &b.from, &b.to);
	snprintf(id, sizeof id, "monthly/%s", month);
	b.id = id;
	return report(st, &b, e);
}

cJSON *wf_report_period_record(struct wf_store *st,
                               const struct wf_period_opts *o,
                               struct wf_err *e)
{
	return report(st, o, e);
}

int wf_report_period(struct wf_ctx *ctx, const struct wf_period_opts *o,
                     struct wf_err *e)
{
	int table = ctx->fmt != WF_FMT_YAML && ctx->fmt != WF_FMT_JSON;
	const cJSON *c;
	cJSON *r;
	int rc = 0;
	cJSON *others[2] = { NULL, NULL };

	if (o->section && (rc = wf_report_section_check(sections, o->section, e)))
		return rc;
	if ((rc = wf_programme_known(ctx->st, o->programme, e)))
		return rc;
	if (!(r = report(ctx->st, o, e)))
		return e->code;
	if (o->compare && (!(others[0] = months_before(ctx->st, o, 1, e)) ||
	                   !(others[1] = months_before(ctx->st, o, 12, e)))) {
		cJSON_Delete(others[0]);
		cJSON_Delete(r);
		return e->code;
	}
	if (o->section) {
		wf_report_keep(r, o->section);
		for (int i = 0; o->compare && i < 2; i++)
			wf_report_keep(others[i], o->section);
	}
	if (ctx->fmt == WF_FMT_HTML && ctx->out) {
		rc = wf_report_period_html(ctx, r, o->compare ? (const cJSON *const *)
		                           others : NULL, o, e);
	} else if (!table) {
		/* Beside the month: the same report, a month and a year before. */
		if (o->compare) {
			cJSON_AddItemToObject(r, "previous_month", others[0]);
			cJSON_AddItemToObject(r, "year_before", others[1]);
			others[0] = others[1] = NULL;
		}
		rc = wf_emit(ctx, r, e);
	} else {
		cJSON_ArrayForEach(c, r)
			if (cJSON_IsObject(c) &&
			    (rc = emit_rows_of(ctx, c->string, "", c,
			                       o->compare ? (const cJSON *const *)others
			                                  : NULL, e)))
				break;
	}
	cJSON_Delete(others[0]);
	cJSON_Delete(others[1]);
	cJSON_Delete(r);
	return rc;
}
