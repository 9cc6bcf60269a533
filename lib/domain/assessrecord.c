/*
 * assessrecord.c - the records of an assessment as the commands print
 * them: a session, a plan, and the whole assessment of a case (its
 * sessions, the current skills, prerequisites and profile, the decision,
 * the current plan; with history, every decision and plan version). The
 * assessment record is valid input to 'wf-assess add' (its sessions) and
 * 'wf-assess plan' (its plan), so that show output round-trips.
 */
#include <string.h>

#include "casefile.h"

const char wf_assessment_columns[] =
	"id,status,programme,person.last_name,person.first_name,last_session,"
	"decision.decision,decision.date,plan.version";
const char wf_skill_columns[] = "name,type,level,date,evidence";

/* Add the columns of the current row, by names, to a new object in list
 * (or to list itself when it is an object). NULL columns are left out. */
/* A row into list (an array: as an object of its own; else list itself
 * takes the columns), each column under its name in the statement. Lists
 * kept as JSON (participants) come back as lists. */
static void add_row(cJSON *list, struct wf_stmt *s)
{
	cJSON *o = cJSON_IsArray(list) ? cJSON_CreateObject() : list;
	int n = wf_col_count(s);

	for (int i = 0; i < n; i++) {
		const char *name = wf_col_name(s, i), *t;
		cJSON *v;

		if (!strcmp(name, "participants") &&
		    (t = wf_col_str(s, i)) &&
		    (v = cJSON_Parse(t))) {
			cJSON_AddItemToObject(o, name, v);
			continue;
		}
		wf_col_add(o, name, s, i);
	}
	if (o != list)
		cJSON_AddItemToArray(list, o);
}

/* A list of row ids. */
static void id_row(cJSON *list, struct wf_stmt *s)
{
	cJSON_AddItemToArray(list, cJSON_CreateNumber(
		(double)wf_col_int64(s, 0)));
}

/* A list from sql for key, added to obj under name when not empty. */
static int add_list(struct wf_store *st, cJSON *obj, const char *name,
                    const char *sql, const char *text, long long num,
                    void (*fn)(cJSON *, struct wf_stmt *), struct wf_err *e)
{
	cJSON *list = cJSON_CreateArray();
	int rc = wf_sql_each(st, sql, text, num, fn, list, e);

	if (rc || !cJSON_GetArraySize(list))
		cJSON_Delete(list);
	else
		cJSON_AddItemToObject(obj, name, list);
	return rc;
}

/* A record with "kind" first, from a head query; NULL when no row. */
static cJSON *head(struct wf_store *st, const char *kind, const char *sql,
                   const char *text, long long num,
                   void (*fn)(cJSON *, struct wf_stmt *), struct wf_err *e)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "kind", kind);
	if (wf_sql_each(st, sql, text, num, fn, r, e) || !r->child->next) {
		if (!r->child->next)
			wf_err_set(e, WF_EX_NOMATCH, "%s not found", kind);
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

static const char SQL_AREC_SESSION[] =
	"SELECT s.id, s.case_id AS \"case\", s.date, s.type, o.code AS assessor,"
	" s.participants, s.notes"
	" FROM assessment_session s LEFT JOIN organisation o"
	" ON o.id = s.assessor_id WHERE s.id = ?";

static const char SQL_AREC_SKILLS_OF[] =
	"SELECT name, kind AS type, level, evidence FROM skill"
	" WHERE session_id = ?"
	" ORDER BY id";

static const char SQL_AREC_PREREQS_OF[] =
	"SELECT item, value, note FROM prerequisite WHERE session_id = ?"
	" ORDER BY id";

static const char SQL_AREC_AREAS_OF[] =
	"SELECT area, level, note FROM fragility WHERE session_id = ? ORDER BY id";

cJSON *wf_session_record(struct wf_store *st, long long id,
                         struct wf_err *e)
{
	cJSON *r = head(st, "session", SQL_AREC_SESSION, NULL, id, add_row, e);

	if (r && (add_list(st, r, "skills", SQL_AREC_SKILLS_OF, NULL, id,
	                   add_row, e) ||
	          add_list(st, r, "prerequisites", SQL_AREC_PREREQS_OF, NULL,
	                   id, add_row, e) ||
	          add_list(st, r, "profile", SQL_AREC_AREAS_OF, NULL, id,
	                   add_row, e))) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

static const char SQL_AREC_PLAN[] =
	"SELECT id, case_id AS \"case\", version, agreed_on, notes FROM plan"
	" WHERE id = ?";

static const char SQL_AREC_GOALS[] =
	"SELECT ref AS id, description, outcome, target_date FROM plan_goal"
	" WHERE plan_id = ? ORDER BY id";

static const char SQL_AREC_ACTIONS[] =
	"SELECT a.kind, o.code AS provider, a.start, a.end_date AS \"end\","
	" a.hours, a.goal, a.notes"
	" FROM plan_action a JOIN organisation o ON o.id = a.provider_id"
	" WHERE a.plan_id = ? ORDER BY a.id";

cJSON *wf_plan_record(struct wf_store *st, long long id, struct wf_err *e)
{
	cJSON *r = head(st, "plan", SQL_AREC_PLAN, NULL, id, add_row, e);
	char pid[64];

	if (!r)
		return NULL;
	/* The plan's id names its case and version: 2026-0042/2. */
	snprintf(pid, sizeof pid, "%s/%d", wf_json_str(r, "case"),
	         cJSON_GetObjectItemCaseSensitive(r, "version")->valueint);
	cJSON_ReplaceItemInObjectCaseSensitive(r, "id", cJSON_CreateString(pid));
	if (add_list(st, r, "goals", SQL_AREC_GOALS, NULL, id, add_row, e) ||
	    add_list(st, r, "actions", SQL_AREC_ACTIONS, NULL, id, add_row,
	             e)) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* Each of ids as a record made by get, into list; the last one alone
 * when last is set. */
static int records(struct wf_store *st, const cJSON *ids, int last,
                   cJSON *(*get)(struct wf_store *, long long,
                                 struct wf_err *),
                   cJSON *into, const char *name, struct wf_err *e)
{
	cJSON *list = cJSON_CreateArray();
	const cJSON *c;

	cJSON_ArrayForEach(c, ids) {
		cJSON *r;

		if (last && c->next)
			continue;
		if (!(r = get(st, (long long)c->valuedouble, e))) {
			cJSON_Delete(list);
			return e->code;
		}
		if (last) {
			cJSON_AddItemToObject(into, name, r);
			cJSON_Delete(list);
			return 0;
		}
		cJSON_AddItemToArray(list, r);
	}
	if (last || !cJSON_GetArraySize(list))
		cJSON_Delete(list);
	else
		cJSON_AddItemToObject(into, name, list);
	return 0;
}

static const char SQL_AREC_HEAD[] =
	"SELECT c.id, c.status, p.code AS programme, pe.first_name, pe.last_name"
	" FROM cases c JOIN programme p ON p.id = c.programme_id"
	" JOIN person pe ON pe.id = c.person_id WHERE c.id = ?";

/* The case's head: id, case, status, programme, person's names. */
static cJSON *assessment_head(struct wf_store *st, const char *id,
                              struct wf_err *e)
{
	cJSON *h = head(st, "assessment", SQL_AREC_HEAD, id, 0, add_row, e);
	cJSON *r, *p;

	if (!h) {
		if (e->code == WF_EX_NOMATCH)
			wf_err_set(e, WF_EX_NOMATCH, "case '%s' not found", id);
		return NULL;
	}
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", "assessment");
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "case", id);
	cJSON_AddItemToObject(r, "status", cJSON_Duplicate(
		cJSON_GetObjectItem(h, "status"), 1));
	cJSON_AddItemToObject(r, "programme", cJSON_Duplicate(
		cJSON_GetObjectItem(h, "programme"), 1));
	p = cJSON_AddObjectToObject(r, "person");
	cJSON_AddItemToObject(p, "first_name", cJSON_Duplicate(
		cJSON_GetObjectItem(h, "first_name"), 1));
	cJSON_AddItemToObject(p, "last_name", cJSON_Duplicate(
		cJSON_GetObjectItem(h, "last_name"), 1));
	cJSON_Delete(h);
	return r;
}

static const char SQL_AREC_SESSIONS[] =
	"SELECT id FROM assessment_session WHERE case_id = ? ORDER BY date, id";

/* The current view: for each skill, item or area, its latest value (the
 * latest session, and within one the last row). */
static const char SQL_AREC_SKILLS_NOW[] =
	"SELECT k.name, k.kind AS type, k.level, k.evidence, s.date FROM skill k"
	" JOIN assessment_session s ON s.id = k.session_id WHERE s.case_id = ?"
	" AND NOT EXISTS (SELECT 1 FROM skill k2 JOIN assessment_session s2"
	"  ON s2.id = k2.session_id WHERE s2.case_id = s.case_id"
	"  AND k2.name = k.name"
	"  AND (s2.date > s.date OR (s2.date = s.date AND k2.id > k.id)))"
	" ORDER BY k.name";

static const char SQL_AREC_PREREQS_NOW[] =
	"SELECT q.item, q.value, q.note, s.date FROM prerequisite q"
	" JOIN assessment_session s ON s.id = q.session_id WHERE s.case_id = ?"
	" AND NOT EXISTS (SELECT 1 FROM prerequisite q2 JOIN assessment_session s2"
	"  ON s2.id = q2.session_id WHERE s2.case_id = s.case_id"
	"  AND q2.item = q.item"
	"  AND (s2.date > s.date OR (s2.date = s.date AND q2.id > q.id)))"
	" ORDER BY q.id";

static const char SQL_AREC_AREAS_NOW[] =
	"SELECT f.area, f.level, f.note, s.date FROM fragility f"
	" JOIN assessment_session s ON s.id = f.session_id WHERE s.case_id = ?"
	" AND NOT EXISTS (SELECT 1 FROM fragility f2 JOIN assessment_session s2"
	"  ON s2.id = f2.session_id WHERE s2.case_id = s.case_id"
	"  AND f2.area = f.area"
	"  AND (s2.date > s.date OR (s2.date = s.date AND f2.id > f.id)))"
	" ORDER BY f.id";

static const char SQL_AREC_DECISIONS[] =
	"SELECT id, decision, date, reason, review_on, decided_by FROM decision"
	" WHERE case_id = ? ORDER BY date, id";

static const char SQL_AREC_PLANS[] =
	"SELECT id FROM plan WHERE case_id = ? ORDER BY version";

cJSON *wf_assessment_record(struct wf_store *st, const char *id, int history,
                            struct wf_err *e)
{
	cJSON *r = assessment_head(st, id, e), *sids, *pids, *dec;
	int rc;

	if (!r)
		return NULL;
	sids = cJSON_CreateArray();
	pids = cJSON_CreateArray();
	dec = cJSON_CreateArray();
	rc = wf_sql_each(st, SQL_AREC_SESSIONS, id, 0, id_row, sids, e) ||
	     wf_sql_each(st, SQL_AREC_PLANS, id, 0, id_row, pids, e) ||
	     wf_sql_each(st, SQL_AREC_DECISIONS, id, 0, add_row, dec, e) ||
	     records(st, sids, 0, wf_session_record, r, "sessions", e) ||
	     add_list(st, r, "skills", SQL_AREC_SKILLS_NOW, id, 0, add_row, e) ||
	     add_list(st, r, "prerequisites", SQL_AREC_PREREQS_NOW, id, 0,
	              add_row, e) ||
	     add_list(st, r, "profile", SQL_AREC_AREAS_NOW, id, 0, add_row, e);
	if (!rc && cJSON_GetArraySize(dec))
		cJSON_AddItemToObject(r, "decision", cJSON_Duplicate(
			cJSON_GetArrayItem(dec, cJSON_GetArraySize(dec) - 1), 1));
	if (!rc)
		rc = records(st, pids, 1, wf_plan_record, r, "plan", e);
	if (!rc && history && cJSON_GetArraySize(dec) > 1) {
		cJSON_AddItemToObject(r, "decisions", dec);
		dec = NULL;
	}
	if (!rc && history && cJSON_GetArraySize(pids) > 1)
		rc = records(st, pids, 0, wf_plan_record, r, "plans", e);
	cJSON_Delete(sids);
	cJSON_Delete(pids);
	cJSON_Delete(dec);
	if (rc) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

static cJSON *assessment_now(struct wf_store *st, const char *id,
                             struct wf_err *e)
{
	return wf_assessment_record(st, id, 0, e);
}

static cJSON *assessment_all(struct wf_store *st, const char *id,
                             struct wf_err *e)
{
	return wf_assessment_record(st, id, 1, e);
}

int wf_assess_show(struct wf_ctx *ctx, const struct wf_ids *ids, int history,
                   struct wf_err *e)
{
	return wf_show_each(ctx, ids, history ? assessment_all : assessment_now,
	                    e);
}

/* The summary of a case's assessment, in one row: the case, the latest
 * decision, the current plan (without its goals and actions), the date
 * of the last session and how many were held. A list reads every case's
 * in one statement. */
#define SUMMARY_SELECT \
	"SELECT c.id, c.status, p.code, pe.first_name, pe.last_name," \
	" d.id, d.decision, d.date, d.reason, d.review_on, d.decided_by," \
	" pl.version, pl.agreed_on, pl.notes," \
	" (SELECT max(date) FROM assessment_session WHERE case_id = c.id)," \
	" (SELECT count(*) FROM assessment_session WHERE case_id = c.id)" \
	" FROM cases c JOIN programme p ON p.id = c.programme_id" \
	" JOIN person pe ON pe.id = c.person_id" \
	" LEFT JOIN decision d ON d.id = (SELECT d2.id FROM decision d2" \
	"  WHERE d2.case_id = c.id ORDER BY d2.date DESC, d2.id DESC LIMIT 1)" \
	" LEFT JOIN plan pl ON pl.id = (SELECT p2.id FROM plan p2" \
	"  WHERE p2.case_id = c.id ORDER BY p2.version DESC LIMIT 1)"
enum {
	SUM_ID, SUM_STATUS, SUM_PROGRAMME, SUM_FIRST, SUM_LAST,
	SUM_DECISION,          /* six: the decision's columns, in order */
	SUM_VERSION = SUM_DECISION + 6, SUM_AGREED, SUM_NOTES, SUM_LAST_SESSION,
	SUM_SESSIONS
};

static const char SQL_AREC_SUMMARY[] = SUMMARY_SELECT " WHERE c.id = ?";

/* The summary of the row s stands on. */
static cJSON *summary_of_row(struct wf_stmt *s)
{
	static const char *const decision_cols[] = {
		"id", "decision", "date", "reason", "review_on", "decided_by"
	};
	const char *id = wf_col_str(s, SUM_ID);
	cJSON *r = cJSON_CreateObject(), *p, *d;
	char pid[64];

	cJSON_AddStringToObject(r, "kind", "assessment");
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "case", id);
	wf_col_add(r, "status", s, SUM_STATUS);
	wf_col_add(r, "programme", s, SUM_PROGRAMME);
	p = cJSON_AddObjectToObject(r, "person");
	wf_col_add(p, "first_name", s, SUM_FIRST);
	wf_col_add(p, "last_name", s, SUM_LAST);
	if (wf_col_type(s, SUM_DECISION) != WF_COL_NULL) {
		d = cJSON_AddObjectToObject(r, "decision");
		for (int i = 0; i < 6; i++)
			wf_col_add(d, decision_cols[i], s, SUM_DECISION + i);
	}
	if (wf_col_type(s, SUM_VERSION) != WF_COL_NULL) {
		/* the plan's id names its case and version: 2026-0042/2 */
		d = cJSON_AddObjectToObject(r, "plan");
		snprintf(pid, sizeof pid, "%s/%lld", id,
		         wf_col_int64(s, SUM_VERSION));
		cJSON_AddStringToObject(d, "kind", "plan");
		cJSON_AddStringToObject(d, "id", pid);
		cJSON_AddStringToObject(d, "case", id);
		wf_col_add(d, "version", s, SUM_VERSION);
		wf_col_add(d, "agreed_on", s, SUM_AGREED);
		wf_col_add(d, "notes", s, SUM_NOTES);
	}
	wf_col_add(r, "last_session", s, SUM_LAST_SESSION);
	wf_col_add(r, "sessions_held", s, SUM_SESSIONS);
	return r;
}

cJSON *wf_assessment_summary(struct wf_store *st, const char *id,
                             struct wf_err *e)
{
	struct wf_stmt *s = wf_sql_row(st, SQL_AREC_SUMMARY, id, WF_EX_NOMATCH,
	                             "case", e);
	cJSON *r;

	if (!s)
		return NULL;
	r = summary_of_row(s);
	wf_reset(s);
	return r;
}

static const char SQL_AREC_LIST[] =
	SUMMARY_SELECT
	" WHERE (EXISTS (SELECT 1 FROM assessment_session s WHERE s.case_id = c.id)"
	"  OR EXISTS (SELECT 1 FROM decision dd WHERE dd.case_id = c.id))"
	" AND (?1 IS NULL OR c.status = ?1)"
	" AND (?2 IS NULL OR p.code = ?2)"
	" AND (?3 IS NULL OR d.decision = ?3)"
	" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM assessment_session s"
	"  JOIN organisation o ON o.id = s.assessor_id"
	"  WHERE s.case_id = c.id AND o.code = ?4))"
	" AND ((?5 IS NULL AND ?6 IS NULL) OR EXISTS (SELECT 1"
	"  FROM assessment_session s WHERE s.case_id = c.id"
	"  AND (?5 IS NULL OR s.date >= ?5) AND (?6 IS NULL OR s.date <= ?6)))"
	" ORDER BY c.opened_on, c.id";

int wf_assess_list(struct wf_ctx *ctx, const struct wf_assess_filter *f,
                   struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_AREC_LIST, e);

	if (!s)
		return e->code;
	wf_bind_text(s, 1, f->status);
	wf_bind_text(s, 2, f->programme);
	wf_bind_text(s, 3, f->decision);
	wf_bind_text(s, 4, f->assessor);
	wf_bind_text(s, 5, f->since);
	wf_bind_text(s, 6, f->until);
	return wf_emit_made(ctx, s, summary_of_row, "no assessments match", e);
}

int wf_assess_skills(struct wf_ctx *ctx, const char *case_id, struct wf_err *e)
{
	cJSON *list;
	const cJSON *c;
	struct wf_case cs;
	int rc = 0;

	if (wf_case_load(ctx->st, case_id, &cs, e))
		return WF_EX_NOMATCH;
	list = cJSON_CreateArray();
	if ((rc = wf_sql_each(ctx->st, SQL_AREC_SKILLS_NOW, cs.id, 0,
	                      add_row, list, e)) == 0) {
		cJSON_ArrayForEach(c, list) {
			cJSON *r = cJSON_CreateObject();

			cJSON_AddStringToObject(r, "kind", "skill");
			cJSON_AddItemToObject(r, "id", cJSON_Duplicate(
				cJSON_GetObjectItem(c, "name"), 1));
			cJSON_AddStringToObject(r, "case", cs.id);
			for (const cJSON *f = c->child; f; f = f->next)
				cJSON_AddItemToObject(r, f->string, cJSON_Duplicate(f, 1));
			rc = wf_emit(ctx, r, e);
			cJSON_Delete(r);
			if (rc)
				break;
		}
		if (!rc && !cJSON_GetArraySize(list))
			rc = wf_err_set(e, WF_EX_NOMATCH, "case '%s' has no skills "
			                "assessed", cs.id);
	}
	cJSON_Delete(list);
	return rc;
}
