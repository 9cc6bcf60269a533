/*
 * assess.c - step 2 of the path: the assessment. Sessions (interviews,
 * skills assessments, the evaluation unit's meetings) record who took
 * part, the skills seen, the work prerequisites checked and the
 * work-fragility profile; the first one opens the assessment. The
 * decision follows: eligible, ineligible (which closes the case) or
 * deferred (which keeps it in assessment until a review date).
 *
 * Tables: assessment_session, skill, prerequisite, fragility, decision.
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

const char *const wf_session_types[] = { "interview", "skills_assessment",
                                         "evaluation_unit", "family_meeting",
                                         "orientation", "other", NULL };
const char *const wf_skill_levels[] = { "none", "basic", "intermediate",
                                        "advanced", "expert", NULL };
const char *const wf_decisions[] = { "eligible", "ineligible", "deferred",
                                     NULL };
/* The checklist of work prerequisites when a programme names none. */
const char *const wf_default_prerequisites[] = {
	"punctuality", "travel_autonomy", "keeping_to_rules",
	"work_day_tolerance", "relations_with_colleagues", "hygiene_and_safety",
	NULL
};
static const char *const roles[] = { "psychologist", "career_adviser",
                                     "educator", "company_liaison",
                                     "social_worker", "case_manager", "tutor",
                                     "family_member", "other", NULL };
static const char *const skill_types[] = { "hard", "soft", "digital",
                                           "language", NULL };
static const char *const prereq_values[] = { "met", "partly_met", "not_met",
                                             NULL };
static const char *const areas[] = { "health", "family", "housing", "income",
                                     "legal", "social_network", "motivation",
                                     "language", "education", "digital",
                                     "transport", "other", NULL };
static const char *const fragility_levels[] = { "low", "medium", "high",
                                                NULL };
static const char *const session_kinds[] = { "session", "assessment", NULL };

static const struct wf_field participant_fields[] = {
	{ "name", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "role", WF_T_ENUM, WF_F_REQUIRED, roles, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema participant_schema = { NULL, participant_fields };

static const struct wf_field skill_fields[] = {
	{ "name", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "type", WF_T_ENUM, WF_F_REQUIRED, skill_types, NULL, 0, 0 },
	{ "level", WF_T_ENUM, WF_F_REQUIRED, wf_skill_levels, NULL, 0, 0 },
	{ "evidence", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "date", WF_T_STRING, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema skill_schema = { NULL, skill_fields };

static const struct wf_field prereq_fields[] = {
	{ "item", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "value", WF_T_ENUM, WF_F_REQUIRED, prereq_values, NULL, 0, 0 },
	{ "note", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "date", WF_T_STRING, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema prereq_schema = { NULL, prereq_fields };

static const struct wf_field area_fields[] = {
	{ "area", WF_T_ENUM, WF_F_REQUIRED, areas, NULL, 0, 0 },
	{ "level", WF_T_ENUM, WF_F_REQUIRED, fragility_levels, NULL, 0, 0 },
	{ "note", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "date", WF_T_STRING, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema area_schema = { NULL, area_fields };

static const struct wf_field session_fields[] = {
	{ "kind", WF_T_ENUM, 0, session_kinds, NULL, 0, 0 },
	{ "id", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "case", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "date", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "type", WF_T_ENUM, WF_F_REQUIRED, wf_session_types, NULL, 0, 0 },
	{ "assessor", WF_T_CODE, 0, NULL, NULL, 0, 0 },
	{ "participants", WF_T_LIST, 0, NULL, &participant_schema, 0, 0 },
	{ "notes", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "skills", WF_T_LIST, 0, NULL, &skill_schema, 0, 0 },
	{ "prerequisites", WF_T_LIST, 0, NULL, &prereq_schema, 0, 0 },
	{ "profile", WF_T_LIST, 0, NULL, &area_schema, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema session_schema = { "session", session_fields };

/* The programme's checklist as a NULL-terminated list (into buf). */
static const char *const *checklist(const cJSON *prog, const char **buf,
                                    size_t n)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(prog, "prerequisites");
	const cJSON *c;
	size_t i = 0;

	if (!cJSON_IsArray(list) || !cJSON_GetArraySize(list))
		return wf_default_prerequisites;
	cJSON_ArrayForEach(c, list)
		if (i + 1 < n && cJSON_IsString(c))
			buf[i++] = c->valuestring;
	buf[i] = NULL;
	return buf;
}

/* Every prerequisite item must be on the programme's checklist. */
static int check_items(const struct wf_record *rec, const cJSON *session,
                       const char *path, const cJSON *prog, struct wf_err *e)
{
	const char *buf[64], *near;
	char hint[160];
	const char *const *items = checklist(prog, buf, 64);
	const cJSON *p;
	char list[1024], field[160];
	int i = 0;

	cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(session,
	                                                      "prerequisites")) {
		const char *item = wf_json_str(p, "item");
		int ok = 0;

		for (int k = 0; items[k]; k++)
			ok |= !strcmp(items[k], item);
		snprintf(field, sizeof field, "%s%sprerequisites[%d].item", path,
		         *path ? "." : "", i++);
		if (ok)
			continue;
		near = wf_nearest(item, items);
		wf_join(items, list, sizeof list);
		return wf_record_err(rec, cJSON_GetObjectItemCaseSensitive(p, "item"),
		                     field, e, WF_EX_DATAERR,
		                     "'%s' is not on the programme's checklist: %s%s",
		                     item, list, wf_err_near(near, hint, sizeof hint));
	}
	return 0;
}

/* Insert the rows of one list of a session with stmt, binding the fields
 * named (up to four) after the session id. */
static int add_rows(struct wf_store *st, const char *sql, long long id,
                    const cJSON *list, const char *const *cols,
                    struct wf_err *e)
{
	const cJSON *c;
	int rc;

	cJSON_ArrayForEach(c, list) {
		struct wf_stmt *s = wf_sql(st, sql, e);

		if (!s)
			return e->code;
		wf_bind_int64(s, 1, id);
		for (int i = 0; cols[i]; i++)
			wf_bind_json(s, i + 2, cJSON_GetObjectItemCaseSensitive(c, cols[i]));
		if ((rc = wf_sql_done(st, s, e)))
			return rc;
	}
	return 0;
}

/* A new session's number is past every session's, voided ones too. */
static const char SQL_ASSESS_SESSION[] =
	"INSERT INTO assessment_session (case_id, date, type, assessor_id,"
	" participants, notes, recorded_at, operator, id)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
	" 1 + max(coalesce((SELECT max(id) FROM assessment_session), 0),"
	" coalesce((SELECT max(record_num) FROM voided"
	" WHERE kind = 'session'), 0)))";

static const char SQL_ASSESS_SKILL[] =
	"INSERT INTO skill (session_id, name, kind, level, evidence)"
	" VALUES (?, ?, ?, ?, ?)";

static const char SQL_ASSESS_PREREQ[] =
	"INSERT INTO prerequisite (session_id, item, value, note)"
	" VALUES (?, ?, ?, ?)";

static const char SQL_ASSESS_FRAGILITY[] =
	"INSERT INTO fragility (session_id, area, level, note) VALUES (?, ?, ?, ?)";

static const char SQL_ASSESS_SESSION_SET[] =
	"UPDATE assessment_session SET case_id = ?, date = ?, type = ?,"
	" assessor_id = ?, participants = ?, notes = ? WHERE id = ?";

/* Store session r: a new one (*id 0, set here) or, corrected, over the
 * one numbered *id, its lists replaced. */
int wf_session_store(struct wf_ctx *ctx, const cJSON *r, long long assessor,
                     long long *id, struct wf_err *e)
{
	static const char *const skill_cols[] = { "name", "type", "level",
	                                          "evidence", NULL };
	static const char *const prereq_cols[] = { "item", "value", "note", NULL };
	static const char *const area_cols[] = { "area", "level", "note", NULL };
	struct wf_stmt *s = wf_sql(ctx->st, *id ? SQL_ASSESS_SESSION_SET
	                                      : SQL_ASSESS_SESSION, e);
	char now[32];
	int rc;

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, wf_json_str(r, "case"));
	wf_bind_text(s, 2, wf_json_str(r, "date"));
	wf_bind_text(s, 3, wf_json_str(r, "type"));
	if (assessor)
		wf_bind_int64(s, 4, assessor);
	wf_bind_json(s, 5, cJSON_GetObjectItemCaseSensitive(r, "participants"));
	wf_bind_text(s, 6, wf_json_str(r, "notes"));
	if (*id) {
		wf_bind_int64(s, 7, *id);
		if ((rc = wf_sql_done(ctx->st, s, e)) ||
		    (rc = wf_sql_exec_with(ctx->st, WF_SQL_ASSESS_SESSION_CLEAR, *id,
		                           e)))
			return rc;
	} else {
		wf_bind_text(s, 7, now);
		wf_bind_text(s, 8, ctx->operator_);
		if ((rc = wf_sql_done(ctx->st, s, e)))
			return rc;
		*id = wf_sql_last_id(ctx->st);
	}
	if ((rc = add_rows(ctx->st, SQL_ASSESS_SKILL, *id,
	                   cJSON_GetObjectItemCaseSensitive(r, "skills"),
	                   skill_cols, e)) ||
	    (rc = add_rows(ctx->st, SQL_ASSESS_PREREQ, *id,
	                   cJSON_GetObjectItemCaseSensitive(r, "prerequisites"),
	                   prereq_cols, e)))
		return rc;
	return add_rows(ctx->st, SQL_ASSESS_FRAGILITY, *id,
	                cJSON_GetObjectItemCaseSensitive(r, "profile"), area_cols, e);
}

/* A session's fields, date, case, assessor and checklist, as adding it
 * checks them; the case and assessor found. */
int wf_session_check(struct wf_ctx *ctx, const struct wf_record *rec,
                     cJSON *r, const char *path, struct wf_case *c,
                     long long *org, struct wf_err *e)
{
	const cJSON *date;
	const char *assessor;
	cJSON *prog;
	char today[11], field[160];
	int rc;

	*org = 0;
	if ((rc = wf_validate(rec, r, &session_schema, path, e)))
		return rc;
	date = cJSON_GetObjectItemCaseSensitive(r, "date");
	snprintf(field, sizeof field, "%s%sdate", path, *path ? "." : "");
	wf_date_format(wf_date_today(), today);
	if (strcmp(date->valuestring, today) > 0)
		return wf_record_err(rec, date, field, e, WF_EX_DATAERR,
		                     "'%s' is in the future", date->valuestring);
	if (wf_case_load(ctx->st, wf_json_str(r, "case"), c, e))
		return wf_record_at(rec, cJSON_GetObjectItemCaseSensitive(r, "case"),
		                    "case", e);
	if ((assessor = wf_json_str(r, "assessor")) &&
	    wf_org_require(ctx->st, assessor, "assessor", org, e))
		return wf_record_at(rec, cJSON_GetObjectItemCaseSensitive(r,
		                    "assessor"), "assessor", e);
	if (!(prog = wf_programme_get(ctx->st, c->programme, e)))
		return e->code;
	rc = check_items(rec, r, path, prog, e);
	cJSON_Delete(prog);
	return rc;
}

/* One session: check it through, store it, open the assessment. */
static int add_session(struct wf_ctx *ctx, const struct wf_record *rec,
                       cJSON *r, const char *path, struct wf_err *e)
{
	const cJSON *date;
	long long org;
	long long sid = 0;
	struct wf_case c;
	cJSON *out;
	char field[160];
	int rc;

	if ((rc = wf_session_check(ctx, rec, r, path, &c, &org, e)))
		return rc;
	if (wf_case_allowed(&c, "assess", e))
		return wf_record_at(rec, cJSON_GetObjectItemCaseSensitive(r, "case"),
		                    "case", e);
	date = cJSON_GetObjectItemCaseSensitive(r, "date");
	snprintf(field, sizeof field, "%s%sdate", path, *path ? "." : "");
	if ((rc = wf_case_move(ctx, &c, "assess", NULL, date->valuestring, NULL,
	                       NULL, e)))
		return wf_record_at(rec, date, field, e);
	if ((rc = wf_session_store(ctx, r, org, &sid, e)) ||
	    (rc = wf_audit(ctx, "add", "session", c.id, r, e)))
		return rc;
	if (!ctx->out)
		return 0;
	if (!(out = wf_session_record(ctx->st, sid, e)))
		return e->code;
	rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

int wf_assess_add(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e)
{
	const char *kind = wf_json_str(rec->root, "kind");
	cJSON *sessions, *s;
	char path[32];
	int rc, i = 0;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected a session or assessment record");
	if (!kind || strcmp(kind, "assessment"))
		return add_session(ctx, rec, rec->root, "", e);
	/* An assessment as 'wf-assess show' prints it: its sessions. */
	sessions = cJSON_GetObjectItemCaseSensitive(rec->root, "sessions");
	if (!cJSON_IsArray(sessions))
		return wf_record_err(rec, rec->root, "sessions", e, WF_EX_DATAERR,
		                     "an assessment record needs its sessions");
	cJSON_ArrayForEach(s, sessions) {
		snprintf(path, sizeof path, "sessions[%d]", i++);
		if (!cJSON_IsObject(s))
			return wf_record_err(rec, s, path, e, WF_EX_DATAERR,
			                     "expected a session");
		if ((rc = add_session(ctx, rec, s, path, e)))
			return rc;
	}
	return 0;
}

/* ---- the decision ------------------------------------------------------ */

static int check_decision(const struct wf_decide_opts *o, const char *date,
                          struct wf_err *e)
{
	if (!strcmp(o->decision, "ineligible") && (!o->reason || !*o->reason))
		return wf_err_set(e, WF_EX_USAGE, "--ineligible needs --reason");
	if (!strcmp(o->decision, "deferred")) {
		if (!o->review)
			return wf_err_set(e, WF_EX_USAGE, "--defer needs --review DATE");
		if (strcmp(o->review, date) <= 0)
			return wf_err_set(e, WF_EX_DATAERR, "--review: %s is not after "
			                  "the decision date %s", o->review, date);
	} else if (o->review) {
		return wf_err_set(e, WF_EX_USAGE, "--review goes with --defer");
	}
	return 0;
}

static const char SQL_ASSESS_DECISION[] =
	"INSERT INTO decision (case_id, date, decision, reason, review_on,"
	" decided_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

int wf_assess_decide(struct wf_ctx *ctx, const struct wf_decide_opts *o,
                     struct wf_record *rec, struct wf_err *e)
{
	const char *id = wf_record_case_id(rec, e);
	const char *to;
	char date[11], now[32];
	cJSON *reasons = NULL, *out;
	struct wf_stmt *s;
	struct wf_case c;
	int rc;

	if (!id)
		return e->code;
	if ((rc = wf_effective_date(o->date, "--date", date, e)) ||
	    (rc = check_decision(o, date, e)) ||
	    (rc = wf_case_load(ctx->st, id, &c, e)))
		return rc;
	to = !strcmp(o->decision, "deferred") ? c.status : o->decision;
	if (o->reason) {
		reasons = cJSON_CreateArray();
		cJSON_AddItemToArray(reasons, cJSON_CreateString(o->reason));
	}
	rc = wf_case_move(ctx, &c, "decide", to, date, NULL,
	                  !strcmp(o->decision, "ineligible") ? reasons : NULL, e);
	cJSON_Delete(reasons);
	if (rc || !(s = wf_sql(ctx->st, SQL_ASSESS_DECISION, e)))
		return rc ? rc : e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, id);
	wf_bind_text(s, 2, date);
	wf_bind_text(s, 3, o->decision);
	wf_bind_text(s, 4, o->reason);
	wf_bind_text(s, 5, o->review);
	wf_bind_text(s, 6, o->by ? o->by : ctx->operator_);
	wf_bind_text(s, 7, now);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	if (!(out = wf_assessment_summary(ctx->st, id, e)))
		return e->code;
	rc = wf_audit(ctx, o->decision, "decision", id,
	              cJSON_GetObjectItemCaseSensitive(out, "decision"), e);
	if (!rc)
		rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}
