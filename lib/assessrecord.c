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
static void add_row(cJSON *list, sqlite3_stmt *s, const char *const *names)
{
	cJSON *o = cJSON_IsArray(list) ? cJSON_CreateObject() : list;

	for (int i = 0; names[i]; i++) {
		const char *t;
		cJSON *v;

		/* Lists kept as JSON come back as lists. */
		if (!strcmp(names[i], "participants") &&
		    (t = (const char *)sqlite3_column_text(s, i)) &&
		    (v = cJSON_Parse(t))) {
			cJSON_AddItemToObject(o, names[i], v);
			continue;
		}
		wf_col_add(o, names[i], s, i);
	}
	if (o != list)
		cJSON_AddItemToArray(list, o);
}

#define ROW_FN(fn, ...) \
	static void fn(cJSON *list, sqlite3_stmt *s) \
	{ \
		static const char *const names[] = { __VA_ARGS__, NULL }; \
		add_row(list, s, names); \
	}

ROW_FN(skill_row, "name", "type", "level", "evidence")
ROW_FN(prereq_row, "item", "value", "note")
ROW_FN(area_row, "area", "level", "note")
ROW_FN(skill_now_row, "name", "type", "level", "evidence", "date")
ROW_FN(prereq_now_row, "item", "value", "note", "date")
ROW_FN(area_now_row, "area", "level", "note", "date")
ROW_FN(decision_row, "id", "decision", "date", "reason", "review_on",
       "decided_by")
ROW_FN(goal_row, "id", "description", "outcome", "target_date")
ROW_FN(action_row, "kind", "provider", "start", "end", "hours", "goal",
       "notes")
ROW_FN(session_head, "id", "case", "date", "type", "assessor",
       "participants", "notes")
ROW_FN(plan_head, "id", "case", "version", "agreed_on", "notes")
ROW_FN(case_head, "id", "status", "programme", "first_name", "last_name")

static void id_row(cJSON *list, sqlite3_stmt *s)
{
	cJSON_AddItemToArray(list, cJSON_CreateNumber(
		(double)sqlite3_column_int64(s, 0)));
}

/* A list from sql for key, added to obj under name when not empty. */
static int add_list(struct wf_store *st, cJSON *obj, const char *name,
                    const char *sql, const char *text, sqlite3_int64 num,
                    void (*fn)(cJSON *, sqlite3_stmt *), struct wf_err *e)
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
                   const char *text, sqlite3_int64 num,
                   void (*fn)(cJSON *, sqlite3_stmt *), struct wf_err *e)
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

cJSON *wf_session_record(struct wf_store *st, sqlite3_int64 id,
                         struct wf_err *e)
{
	cJSON *r = head(st, "session", WF_SQL_AREC_SESSION, NULL, id,
	                session_head, e);

	if (r && (add_list(st, r, "skills", WF_SQL_AREC_SKILLS_OF, NULL, id,
	                   skill_row, e) ||
	          add_list(st, r, "prerequisites", WF_SQL_AREC_PREREQS_OF, NULL,
	                   id, prereq_row, e) ||
	          add_list(st, r, "profile", WF_SQL_AREC_AREAS_OF, NULL, id,
	                   area_row, e))) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

cJSON *wf_plan_record(struct wf_store *st, sqlite3_int64 id, struct wf_err *e)
{
	cJSON *r = head(st, "plan", WF_SQL_AREC_PLAN, NULL, id, plan_head, e);
	char pid[64];

	if (!r)
		return NULL;
	/* The plan's id names its case and version: 2026-0042/2. */
	snprintf(pid, sizeof pid, "%s/%d", wf_json_str(r, "case"),
	         cJSON_GetObjectItemCaseSensitive(r, "version")->valueint);
	cJSON_ReplaceItemInObjectCaseSensitive(r, "id", cJSON_CreateString(pid));
	if (add_list(st, r, "goals", WF_SQL_AREC_GOALS, NULL, id, goal_row, e) ||
	    add_list(st, r, "actions", WF_SQL_AREC_ACTIONS, NULL, id, action_row,
	             e)) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* Each of ids as a record made by get, into list; the last one alone
 * when last is set. */
static int records(struct wf_store *st, const cJSON *ids, int last,
                   cJSON *(*get)(struct wf_store *, sqlite3_int64,
                                 struct wf_err *),
                   cJSON *into, const char *name, struct wf_err *e)
{
	cJSON *list = cJSON_CreateArray();
	const cJSON *c;

	cJSON_ArrayForEach(c, ids) {
		cJSON *r;

		if (last && c->next)
			continue;
		if (!(r = get(st, (sqlite3_int64)c->valuedouble, e))) {
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

/* The case's head: id, case, status, programme, person's names. */
static cJSON *assessment_head(struct wf_store *st, const char *id,
                              struct wf_err *e)
{
	cJSON *h = head(st, "assessment", WF_SQL_AREC_HEAD, id, 0, case_head, e);
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
	rc = wf_sql_each(st, WF_SQL_AREC_SESSIONS, id, 0, id_row, sids, e) ||
	     wf_sql_each(st, WF_SQL_AREC_PLANS, id, 0, id_row, pids, e) ||
	     wf_sql_each(st, WF_SQL_AREC_DECISIONS, id, 0, decision_row, dec, e) ||
	     records(st, sids, 0, wf_session_record, r, "sessions", e) ||
	     add_list(st, r, "skills", WF_SQL_AREC_SKILLS_NOW, id, 0,
	              skill_now_row, e) ||
	     add_list(st, r, "prerequisites", WF_SQL_AREC_PREREQS_NOW, id, 0,
	              prereq_now_row, e) ||
	     add_list(st, r, "profile", WF_SQL_AREC_AREAS_NOW, id, 0,
	              area_now_row, e);
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

cJSON *wf_assessment_summary(struct wf_store *st, const char *id,
                             struct wf_err *e)
{
	cJSON *r = wf_assessment_record(st, id, 0, e), *s, *last, *p;

	if (!r)
		return NULL;
	s = cJSON_DetachItemFromObjectCaseSensitive(r, "sessions");
	last = cJSON_GetArrayItem(s, cJSON_GetArraySize(s) - 1);
	if (last)
		cJSON_AddItemToObject(r, "last_session", cJSON_Duplicate(
			cJSON_GetObjectItem(last, "date"), 1));
	cJSON_AddNumberToObject(r, "sessions_held", cJSON_GetArraySize(s));
	cJSON_Delete(s);
	cJSON_DeleteItemFromObjectCaseSensitive(r, "skills");
	cJSON_DeleteItemFromObjectCaseSensitive(r, "prerequisites");
	cJSON_DeleteItemFromObjectCaseSensitive(r, "profile");
	if ((p = cJSON_GetObjectItemCaseSensitive(r, "plan"))) {
		cJSON_DeleteItemFromObjectCaseSensitive(p, "goals");
		cJSON_DeleteItemFromObjectCaseSensitive(p, "actions");
	}
	return r;
}

int wf_assess_list(struct wf_ctx *ctx, const struct wf_assess_filter *f,
                   struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(ctx->st, WF_SQL_AREC_LIST, e);

	if (!s)
		return e->code;
	wf_bind_text(s, 1, f->status);
	wf_bind_text(s, 2, f->programme);
	wf_bind_text(s, 3, f->decision);
	wf_bind_text(s, 4, f->assessor);
	wf_bind_text(s, 5, f->since);
	wf_bind_text(s, 6, f->until);
	return wf_emit_rows(ctx, s, wf_assessment_summary, "no assessments match",
	                    e);
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
	if ((rc = wf_sql_each(ctx->st, WF_SQL_AREC_SKILLS_NOW, cs.id, 0,
	                      skill_now_row, list, e)) == 0) {
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
