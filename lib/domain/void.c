/*
 * void.c - records entered by mistake: voided with a reason, a record is
 * moved whole out of its table into voided, so that it leaves every list,
 * due computation and report without one of them knowing of voiding; the
 * audit keeps that it was and why. Restored, it goes back as it was,
 * under its own number, if the rules it was added by still accept it.
 */
#include <stdlib.h>
#include <string.h>

#include "auditchain.h"
#include "casefile.h"

const char wf_void_columns[] = "kind,id,case,voided,reason";

/* A number of the voided row d, as its column keeps it. */
#define AS_NUM(key) "CAST(d ->> '" key "' AS INTEGER)"

/* A contact voided: the row moved whole into voided, and back. */
static const char SQL_VOID_CONTACT[] =
	"INSERT INTO voided (kind, record_id, record_num, case_id, data, reason,"
	" voided_at, operator) SELECT 'contact', CAST(id AS TEXT), id, case_id,"
	" json_object('id', id, 'case_id', case_id, 'placement_id',"
	" placement_id, 'date', date, 'party', party, 'how', how, 'operator',"
	" operator, 'provider_id', provider_id, 'risk', risk, 'next_steps',"
	" next_steps, 'notes', notes, 'next_date', next_date, 'recorded_at',"
	" recorded_at, 'recorded_by', recorded_by), ?2, ?3, ?4"
	" FROM contact WHERE id = ?1";

static const char SQL_VOID_CONTACT_DEL[] =
	"DELETE FROM contact WHERE id = ?";

static const char SQL_UNVOID_CONTACT[] =
	"INSERT INTO contact (id, case_id, placement_id, date, party, how,"
	" operator, provider_id, risk, next_steps, notes, next_date,"
	" recorded_at, recorded_by) SELECT " AS_NUM("id") ", d ->> 'case_id',"
	" d ->> 'placement_id', d ->> 'date', d ->> 'party', d ->> 'how',"
	" d ->> 'operator', " AS_NUM("provider_id") ", d ->> 'risk',"
	" d ->> 'next_steps', d ->> 'notes', d ->> 'next_date',"
	" d ->> 'recorded_at', d ->> 'recorded_by'"
	" FROM (SELECT data AS d FROM voided WHERE kind = 'contact'"
	" AND record_id = ?1)";

/* A follow-up voided, and restored. */
static const char SQL_VOID_FOLLOW_UP[] =
	"INSERT INTO voided (kind, record_id, record_num, case_id, data, reason,"
	" voided_at, operator) SELECT 'follow_up', CAST(id AS TEXT), id, case_id,"
	" json_object('id', id, 'case_id', case_id, 'at', at, 'date', date,"
	" 'situation', situation, 'notes', notes, 'operator', operator,"
	" 'recorded_at', recorded_at), ?2, ?3, ?4"
	" FROM follow_up WHERE id = ?1";

static const char SQL_VOID_FOLLOW_UP_DEL[] =
	"DELETE FROM follow_up WHERE id = ?";

static const char SQL_UNVOID_FOLLOW_UP[] =
	"INSERT INTO follow_up (id, case_id, at, date, situation, notes,"
	" operator, recorded_at) SELECT " AS_NUM("id") ", d ->> 'case_id',"
	" d ->> 'at',"
	" d ->> 'date', d ->> 'situation', d ->> 'notes', d ->> 'operator',"
	" d ->> 'recorded_at'"
	" FROM (SELECT data AS d FROM voided WHERE kind = 'follow_up'"
	" AND record_id = ?1)";

/* An attendance voided, and restored: its id is PLACEMENT/MONTH. */
static const char SQL_VOID_ATTENDANCE[] =
	"INSERT INTO voided (kind, record_id, case_id, data, reason, voided_at,"
	" operator) SELECT 'attendance', a.placement_id || '/' || a.month,"
	" p.case_id, json_object('placement_id', a.placement_id, 'month',"
	" a.month, 'hours_attended', a.hours_attended, 'hours_planned',"
	" a.hours_planned, 'due_cents', a.due_cents, 'recorded_at',"
	" a.recorded_at, 'operator', a.operator), ?2, ?3, ?4"
	" FROM attendance a JOIN placement p ON p.id = a.placement_id"
	" WHERE a.placement_id || '/' || a.month = ?1";

static const char SQL_VOID_ATTENDANCE_DEL[] =
	"DELETE FROM attendance WHERE placement_id || '/' || month = ?";

static const char SQL_UNVOID_ATTENDANCE[] =
	"INSERT INTO attendance (placement_id, month, hours_attended,"
	" hours_planned, due_cents, recorded_at, operator)"
	" SELECT d ->> 'placement_id', d ->> 'month',"
	" " AS_NUM("hours_attended") ", " AS_NUM("hours_planned") ","
	" " AS_NUM("due_cents") ", d ->> 'recorded_at', d ->> 'operator'"
	" FROM (SELECT data AS d FROM voided WHERE kind = 'attendance'"
	" AND record_id = ?1)";

/* A session voided with its skills, prerequisites and profile, and back;
 * its number stays taken. */
static const char SQL_VOID_SESSION[] =
	"INSERT INTO voided (kind, record_id, record_num, case_id, data, reason,"
	" voided_at, operator) SELECT 'session', CAST(s.id AS TEXT), s.id,"
	" s.case_id, json_object('id', s.id, 'case_id', s.case_id, 'date',"
	" s.date, 'type', s.type, 'assessor_id', s.assessor_id, 'participants',"
	" s.participants, 'notes', s.notes, 'recorded_at', s.recorded_at,"
	" 'operator', s.operator,"
	" 'skills', (SELECT json_group_array(json_object('name', name, 'kind',"
	"  kind, 'level', level, 'evidence', evidence)) FROM skill"
	"  WHERE session_id = s.id),"
	" 'prerequisites', (SELECT json_group_array(json_object('item', item,"
	"  'value', value, 'note', note)) FROM prerequisite"
	"  WHERE session_id = s.id),"
	" 'fragility', (SELECT json_group_array(json_object('area', area,"
	"  'level', level, 'note', note)) FROM fragility"
	"  WHERE session_id = s.id)), ?2, ?3, ?4"
	" FROM assessment_session s WHERE s.id = ?1";

static const char SQL_VOID_SESSION_DEL[] =
	"DELETE FROM assessment_session WHERE id = ?";

static const char SQL_UNVOID_SESSION[] =
	"INSERT INTO assessment_session (id, case_id, date, type, assessor_id,"
	" participants, notes, recorded_at, operator)"
	" SELECT " AS_NUM("id") ", d ->> 'case_id', d ->> 'date', d ->> 'type',"
	" " AS_NUM("assessor_id") ", d ->> 'participants', d ->> 'notes',"
	" d ->> 'recorded_at', d ->> 'operator'"
	" FROM (SELECT data AS d FROM voided WHERE kind = 'session'"
	" AND record_id = ?1)";

#define VOIDED_SESSION \
	" FROM (SELECT data AS d FROM voided WHERE kind = 'session'" \
	" AND record_num = ?1)"
static const char SQL_UNVOID_SESSION_ROWS[] =
	"INSERT INTO skill (session_id, name, kind, level, evidence)"
	" SELECT CAST(?1 AS INTEGER), j.value ->> 'name', j.value ->> 'kind',"
	" j.value ->> 'level', j.value ->> 'evidence'"
	VOIDED_SESSION ", json_each(d, '$.skills') j ORDER BY j.key;"
	"INSERT INTO prerequisite (session_id, item, value, note)"
	" SELECT CAST(?1 AS INTEGER), j.value ->> 'item', j.value ->> 'value',"
	" j.value ->> 'note'"
	VOIDED_SESSION ", json_each(d, '$.prerequisites') j ORDER BY j.key;"
	"INSERT INTO fragility (session_id, area, level, note)"
	" SELECT CAST(?1 AS INTEGER), j.value ->> 'area', j.value ->> 'level',"
	" j.value ->> 'note'"
	VOIDED_SESSION ", json_each(d, '$.fragility') j ORDER BY j.key";

static const struct vkind {
	const char *kind;
	const char *move, *drop, *back;      /* statements, one parameter */
	cJSON *(*get)(struct wf_store *st, const char *id, struct wf_err *e);
	int (*check)(struct wf_ctx *ctx, const char *id, struct wf_err *e);
	/* for a record with rows of its own (numbered): they go before it
	 * and come back after it; and the step it may carry, noted before
	 * the change (after 0) and set right after it (after 1) */
	const char *drop_rows, *back_rows;
	int (*step)(struct wf_ctx *ctx, const char *case_id, char *state,
	            size_t len, int after, struct wf_err *e);
} kinds[] = {
	{ "contact", SQL_VOID_CONTACT, SQL_VOID_CONTACT_DEL,
	  SQL_UNVOID_CONTACT, wf_contact_get, wf_contact_check, NULL, NULL,
	  NULL },
	{ "follow_up", SQL_VOID_FOLLOW_UP, SQL_VOID_FOLLOW_UP_DEL,
	  SQL_UNVOID_FOLLOW_UP, wf_follow_up_get, wf_follow_up_check, NULL,
		NULL,
	  NULL },
	{ "attendance", SQL_VOID_ATTENDANCE, SQL_VOID_ATTENDANCE_DEL,
	  SQL_UNVOID_ATTENDANCE, wf_attendance_get, wf_attendance_check, NULL,
	  NULL, NULL },
	{ "session", SQL_VOID_SESSION, SQL_VOID_SESSION_DEL,
	  SQL_UNVOID_SESSION, wf_session_get, wf_session_recheck,
	  WF_SQL_ASSESS_SESSION_CLEAR, SQL_UNVOID_SESSION_ROWS,
	  wf_session_opening },
};
/* The names of kinds[], in its order. */
const char *const wf_void_kinds[] = { "contact", "follow_up", "attendance",
                                      "session", NULL };

static int run1(struct wf_store *st, const char *sql, const char *a,
                const char *b, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, sql, e);

	if (!s)
		return e->code;
	wf_bind_text(s, 1, a);
	if (b)
		wf_bind_text(s, 2, b);
	return wf_sql_done(st, s, e);
}

static const char SQL_VOIDED_GET[] =
	"SELECT case_id, reason, voided_at, operator FROM voided"
	" WHERE kind = ?1 AND record_id = ?2";

/* The voided record of kind k and id: its case, reason, when and by
 * whom; 0 when there is none, -1 on error. */
static int voided(struct wf_store *st, const char *kind, const char *id,
                  cJSON **out, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_VOIDED_GET, e);
	int step;

	*out = NULL;
	if (!s)
		return -1;
	wf_bind_text(s, 1, kind);
	wf_bind_text(s, 2, id);
	if ((step = wf_step(s)) == WF_ROW) {
		*out = cJSON_CreateObject();
		cJSON_AddStringToObject(*out, "kind", kind);
		cJSON_AddStringToObject(*out, "id", id);
		wf_col_add(*out, "case", s, 0);
		cJSON_AddBoolToObject(*out, "voided", 1);
		wf_col_add(*out, "reason", s, 1);
		wf_col_add(*out, "voided_at", s, 2);
		wf_col_add(*out, "voided_by", s, 3);
	}
	wf_reset(s);
	if (step != WF_ROW && step != WF_DONE)
		return wf_sql_err(st, step, e), -1;
	return *out != NULL;
}

static int audit_emit(struct wf_ctx *ctx, const char *action,
                      const struct vkind *k, const char *id, cJSON *out,
                      const char *why, struct wf_err *e)
{
	cJSON *d = cJSON_CreateObject();
	int rc;

	cJSON_AddStringToObject(d, "reason", why);
	rc = wf_audit_entry(ctx, action, k->kind, id, wf_json_str(out, "case"), 0,
	                    d, e);
	cJSON_Delete(d);
	if (!rc)
		rc = wf_emit(ctx, out, e);
	return rc;
}

static int void_one(struct wf_ctx *ctx, const struct vkind *k, const char *id,
                    const char *why, struct wf_err *e)
{
	char now[32], of_case[32], state[32] = "";
	cJSON *out;
	struct wf_stmt *s;
	int rc;

	if (!(out = k->get(ctx->st, id, e)))
		return e->code == WF_EX_NOMATCH ? (e->code = WF_EX_DATAERR) : e->code;
	snprintf(of_case, sizeof of_case, "%s", wf_json_str(out, "case")
	         ? wf_json_str(out, "case") : "");
	cJSON_Delete(out);
	if (k->step && (rc = k->step(ctx, of_case, state, sizeof state, 0, e)))
		return rc;
	wf_timestamp(now, sizeof now);
	if (!(s = wf_sql(ctx->st, k->move, e)))
		return e->code;
	wf_bind_text(s, 1, id);
	wf_bind_text(s, 2, why);
	wf_bind_text(s, 3, now);
	wf_bind_text(s, 4, ctx->operator_);
	if ((rc = wf_sql_done(ctx->st, s, e)) ||
	    (k->drop_rows && (rc = wf_sql_exec_with(ctx->st, k->drop_rows,
	                                           strtoll(id, NULL, 10), e))) ||
	    (rc = run1(ctx->st, k->drop, id, NULL, e)) ||
	    (k->step && (rc = k->step(ctx, of_case, state, sizeof state, 1, e))))
		return rc;
	if ((rc = voided(ctx->st, k->kind, id, &out, e)) <= 0)
		return rc < 0 ? e->code : wf_err_set(e, WF_EX_SOFTWARE, "%s %s "
		                                     "was not moved", k->kind, id);
	rc = audit_emit(ctx, "void", k, id, out, why, e);
	cJSON_Delete(out);
	return rc;
}

static const char SQL_VOIDED_DEL[] =
	"DELETE FROM voided WHERE kind = ?1 AND record_id = ?2";

static int unvoid_one(struct wf_ctx *ctx, const struct vkind *k,
                      const char *id, const char *why, struct wf_err *e)
{
	char of_case[32], state[32] = "";
	cJSON *out, *v;
	int rc, got = voided(ctx->st, k->kind, id, &v, e);

	if (got < 0)
		return e->code;
	if (!got)
		return wf_err_set(e, WF_EX_DATAERR, "%s %s is not voided", k->kind,
		                  id);
	snprintf(of_case, sizeof of_case, "%s", wf_json_str(v, "case")
	         ? wf_json_str(v, "case") : "");
	cJSON_Delete(v);
	/* a month's attendance may have been recorded again since */
	if ((out = k->get(ctx->st, id, e))) {
		cJSON_Delete(out);
		return wf_err_set(e, WF_EX_DATAERR, "%s %s was recorded again "
		                  "since it was voided: void that one first",
		                  k->kind, id);
	}
	if ((k->step && (rc = k->step(ctx, of_case, state, sizeof state, 0, e))) ||
	    (rc = run1(ctx->st, k->back, id, NULL, e)) ||
	    (k->back_rows && (rc = wf_sql_exec_with(ctx->st, k->back_rows,
	                                           strtoll(id, NULL, 10), e))) ||
	    (rc = run1(ctx->st, SQL_VOIDED_DEL, k->kind, id, e)))
		return rc;
	if ((k->step && (rc = k->step(ctx, of_case, state, sizeof state, 1, e))) ||
	    (rc = k->check(ctx, id, e))) {
		char msg[sizeof e->msg];

		snprintf(msg, sizeof msg, "%s", e->msg);
		return wf_err_set(e, rc, "%s %s cannot be restored as things stand: "
		                  "%s", k->kind, id, msg);
	}
	if (!(out = k->get(ctx->st, id, e)))
		return e->code;
	cJSON_AddBoolToObject(out, "voided", 0);
	rc = audit_emit(ctx, "restore", k, id, out, why, e);
	cJSON_Delete(out);
	return rc;
}

static int one(struct wf_ctx *ctx, const struct wf_void_opts *o,
               struct wf_record *rec, int undo, struct wf_err *e)
{
	const char *why;
	char id[64];
	int rc, k;

	if ((rc = wf_amend_target(rec, wf_void_kinds, o ? o->reason : NULL, &k, id,
	                          sizeof id, &why, e)))
		return rc;
	rc = undo ? unvoid_one(ctx, &kinds[k], id, why, e)
	          : void_one(ctx, &kinds[k], id, why, e);
	return rc && !e->line ? wf_record_at(rec, wf_json_path(rec->root, "id"),
	                                     "id", e) : rc;
}

int wf_void(struct wf_ctx *ctx, const struct wf_void_opts *o,
            struct wf_record *rec, struct wf_err *e)
{
	return one(ctx, o, rec, o && o->undo, e);
}

int wf_unvoid(struct wf_ctx *ctx, const struct wf_void_opts *o,
              struct wf_record *rec, struct wf_err *e)
{
	return one(ctx, o, rec, 1, e);
}
