/*
 * caseclose.c - the case as a whole, whatever its step: its timeline (every
 * event of every step, in order of effective date), closing it with an
 * outcome and the recommendations for the person and the referrer, and
 * reopening it. A case whose placements are still running is closed only
 * when asked to end them too.
 *
 * Tables: case_closure (and reads every step's tables for the timeline).
 */
#include <string.h>

#include "casefile.h"

const char *const wf_close_outcomes[] = { "hired", "completed", "dropped_out",
                                          "withdrawn", "moved", "no_contact",
                                          "other", NULL };

/* Every event of a case, from every step, in order of effective date;
 * within a day the steps' events come first, the case status they led to
 * after, and each table's rows in the order they were recorded. */
static const char SQL_CLOSE_TIMELINE[] =
	"SELECT r.date, 0, 'referral', 'referred', o.code, r.notes, r.id"
	"  FROM referral r JOIN organisation o ON o.id = r.referrer_id"
	"  WHERE r.case_id = ?1"
	" UNION ALL SELECT date, 2, 'assessment', type, CAST(id AS TEXT), notes,"
	"  id FROM assessment_session WHERE case_id = ?1"
	" UNION ALL SELECT date, 3, 'decision', decision, decided_by, reason, id"
	"  FROM decision WHERE case_id = ?1"
	" UNION ALL SELECT agreed_on, 4, 'plan', 'version', case_id || '/' ||"
	"  version, notes, id FROM plan WHERE case_id = ?1"
	" UNION ALL SELECT s.effective_date, 5, 'placement', s.status,"
	"  s.placement_id, coalesce(s.outcome, s.reason), s.id"
	"  FROM placement_status s JOIN placement p ON p.id = s.placement_id"
	"  WHERE p.case_id = ?1"
	" UNION ALL SELECT date, 6, 'closure', outcome, NULL, recommendations, id"
	"  FROM case_closure WHERE case_id = ?1"
	" UNION ALL SELECT effective_date, 7, 'case', status, NULL, note, id"
	"  FROM case_status WHERE case_id = ?1 AND status <> 'referred'"
	" UNION ALL SELECT date, 8, 'follow_up', at, NULL,"
	"  (SELECT group_concat(value, ', ') FROM json_each(situation)), id"
	"  FROM follow_up WHERE case_id = ?1"
	" UNION ALL SELECT substr(at, 1, 10), 9, CASE action WHEN 'correct'"
	"  THEN 'correction' ELSE action END, entity,"
	"  entity_id, json_extract(detail, '$.reason'), id FROM audit"
	"  WHERE case_id = ?1 AND action IN ('correct', 'void', 'restore')"
	" ORDER BY 1, 2, 7";
enum {
	EV_DATE, EV_ORDER, EV_STEP, EV_EVENT, EV_REF, EV_NOTE, EV_ROW
};

static void event_row(cJSON *list, struct wf_stmt *s)
{
	cJSON *ev = cJSON_CreateObject();

	wf_col_add(ev, "date", s, EV_DATE);
	wf_col_add(ev, "step", s, EV_STEP);
	wf_col_add(ev, "event", s, EV_EVENT);
	wf_col_add(ev, "ref", s, EV_REF);
	wf_col_add(ev, "note", s, EV_NOTE);
	cJSON_AddItemToArray(list, ev);
}

static const char SQL_CLOSE_LAST[] =
	"SELECT date, outcome, recommendations, id FROM case_closure"
	" WHERE case_id = ? ORDER BY id DESC LIMIT 1";
enum {
	LAST_DATE, LAST_OUTCOME, LAST_RECOMMENDATIONS, LAST_ID
};

static void closure_row(cJSON *rec, struct wf_stmt *s)
{
	cJSON *c = cJSON_AddObjectToObject(rec, "closure");

	wf_col_add(c, "id", s, LAST_ID);
	wf_col_add(c, "date", s, LAST_DATE);
	wf_col_add(c, "outcome", s, LAST_OUTCOME);
	wf_col_add(c, "recommendations", s, LAST_RECOMMENDATIONS);
}

/* The case record with its closure, if closed, and its timeline. */
cJSON *wf_case_timeline_record(struct wf_store *st, const char *id,
                               struct wf_err *e)
{
	cJSON *rec = wf_case_record(st, id, 0, e), *t;
	const char *status;

	if (!rec)
		return NULL;
	status = wf_json_str(rec, "status");
	if (!strcmp(status, "closed") &&
	    wf_sql_each(st, SQL_CLOSE_LAST, id, 0, closure_row, rec, e)) {
		cJSON_Delete(rec);
		return NULL;
	}
	t = cJSON_AddArrayToObject(rec, "timeline");
	if (wf_sql_each(st, SQL_CLOSE_TIMELINE, id, 0, event_row, t, e)) {
		cJSON_Delete(rec);
		return NULL;
	}
	return rec;
}

int wf_case_timeline(struct wf_ctx *ctx, const struct wf_ids *ids,
                     struct wf_err *e)
{
	return wf_show_each(ctx, ids, wf_case_timeline_record, e);
}

static int emit_case(struct wf_ctx *ctx, const char *id, struct wf_err *e)
{
	cJSON *rec;
	int rc;

	if (!ctx->out)
		return 0;
	if (!(rec = wf_case_timeline_record(ctx->st, id, e)))
		return e->code;
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "timeline");
	rc = wf_emit(ctx, rec, e);
	cJSON_Delete(rec);
	return rc;
}

static const char SQL_PLACE_PLANNED[] =
	"SELECT id FROM placement WHERE case_id = ? AND status = 'planned'"
	" ORDER BY " WF_SQL_PLACEMENT_NUM("placement");

static const char SQL_PLACE_ACTIVE[] =
	"SELECT id FROM placement WHERE case_id = ?"
	" AND (status = 'active' OR status = 'suspended')"
	" ORDER BY " WF_SQL_PLACEMENT_NUM("placement");

/* The placements of the case not yet ended: running ones stop the close
 * unless asked to end them; planned ones are cancelled with the case. */
static int end_placements(struct wf_ctx *ctx, const char *id,
                          const struct wf_close_opts *o, const char *date,
                          struct wf_err *e)
{
	cJSON *ids = cJSON_CreateArray();
	const cJSON *p;
	char reason[128], list[512] = "";
	size_t n = 0;
	int rc;

	rc = wf_sql_each(ctx->st, SQL_PLACE_ACTIVE, id, 0, wf_col_push, ids, e);
	cJSON_ArrayForEach(p, ids)
		n += (size_t)snprintf(list + n, n < sizeof list ? sizeof list - n : 0,
		                      "%s'%s'", n ? ", " : "", p->valuestring);
	if (!rc && n && !o->end_placements)
		rc = wf_err_set(e, WF_EX_DATAERR, "case '%s' has placements still "
		                "running: %s (end them, or give --end-placements)",
		                id, list);
	snprintf(reason, sizeof reason, "case closed: %s", o->outcome);
	cJSON_ArrayForEach(p, ids) {
		int done = !strcmp(o->outcome, "completed") ||
		           !strcmp(o->outcome, "hired");

		if (rc)
			break;
		rc = wf_place_stop(ctx, p->valuestring, "end", date,
		                   done ? "completed" : "interrupted",
		                   done ? NULL : reason, e);
	}
	cJSON_Delete(ids);
	if (rc || (rc = wf_sql_each(ctx->st, SQL_PLACE_PLANNED, id, 0,
	                            wf_col_push, (ids = cJSON_CreateArray()),
	                            e))) {
		cJSON_Delete(rc ? NULL : ids);
		return rc;
	}
	cJSON_ArrayForEach(p, ids)
		if (!rc)
			rc = wf_place_stop(ctx, p->valuestring, "cancel", date, NULL,
			                   reason, e);
	cJSON_Delete(ids);
	return rc;
}

int wf_case_close_check(const struct wf_close_opts *o, struct wf_err *e)
{
	char why[256];

	if (o->soft_exit && (o->outcome || o->date))
		return wf_err_set(e, WF_EX_USAGE, "--soft-exit sets the outcome and "
		                  "the date: give neither");
	if (!o->outcome && !o->soft_exit)
		return wf_err_set(e, WF_EX_USAGE, "close needs --outcome");
	if (o->situation &&
	    wf_situation_check(o->situation, "leaving", why, sizeof why))
		return wf_err_set(e, WF_EX_USAGE, "--situation: %s", why);
	return 0;
}

static const char SQL_CLOSE_ADD[] =
	"INSERT INTO case_closure (case_id, date, outcome, recommendations,"
	" recorded_at, operator) VALUES (?, ?, ?, ?, ?, ?)";

int wf_case_close(struct wf_ctx *ctx, const struct wf_close_opts *o,
                  struct wf_record *rec, struct wf_err *e)
{
	const char *id = wf_record_case_id(rec, e);
	struct wf_close_opts soft;
	char date[11], now[32], last[11];
	cJSON *reasons;
	struct wf_stmt *s;
	long long fid;
	struct wf_case c;
	int rc;

	if (!id)
		return e->code;
	/* a soft exit: no contact since the last service, closed as of it */
	if (o->soft_exit) {
		if ((rc = wf_case_load(ctx->st, id, &c, e)) ||
		    (rc = wf_case_last_service(ctx->st, &c, last, e)))
			return rc;
		soft = *o;
		soft.outcome = "no_contact";
		soft.date = last;
		o = &soft;
	}
	/* (a soft exit has loaded the case already) */
	if ((rc = wf_effective_date(o->date, "--date", date, e)) ||
	    (!o->soft_exit && (rc = wf_case_load(ctx->st, id, &c, e))) ||
	    (rc = wf_case_allowed(&c, "close", e)) ||
	    (rc = end_placements(ctx, id, o, date, e)))
		return rc;
	reasons = cJSON_CreateArray();
	cJSON_AddItemToArray(reasons, cJSON_CreateString(o->outcome));
	rc = wf_case_move(ctx, &c, "close", NULL, date, o->note, reasons, e);
	cJSON_Delete(reasons);
	if (rc || !(s = wf_sql(ctx->st, SQL_CLOSE_ADD, e)))
		return rc ? rc : e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, id);
	wf_bind_text(s, 2, date);
	wf_bind_text(s, 3, o->outcome);
	wf_bind_text(s, 4, o->recommendations);
	wf_bind_text(s, 5, now);
	wf_bind_text(s, 6, ctx->operator_);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	/* The situation on leaving, when known at the closing, is its first
	 * follow-up. */
	if (o->situation &&
	    (rc = wf_follow_up_insert(ctx, id, "leaving", date, o->situation,
	                              NULL, NULL, &fid, e)))
		return rc;
	return emit_case(ctx, id, e);
}

/* The status a case had before its latest change. */
static const char SQL_CLOSE_BEFORE[] =
	"SELECT status FROM case_status WHERE case_id = ?"
	" ORDER BY id DESC LIMIT 1 OFFSET 1";

int wf_case_reopen(struct wf_ctx *ctx, const struct wf_close_opts *o,
                   struct wf_record *rec, struct wf_err *e)
{
	const char *id = wf_record_case_id(rec, e);
	struct wf_stmt *s;
	struct wf_case c;
	cJSON *reasons;
	char date[11], before[32] = "";
	int rc;

	if (!id)
		return e->code;
	if ((rc = wf_effective_date(o->date, "--date", date, e)) ||
	    (rc = wf_case_load(ctx->st, id, &c, e)) ||
	    (rc = wf_case_allowed(&c, "reopen", e)) ||
	    !(s = wf_sql(ctx->st, SQL_CLOSE_BEFORE, e)))
		return rc ? rc : e->code;
	wf_bind_text(s, 1, id);
	if ((rc = wf_step(s)) == WF_ROW)
		snprintf(before, sizeof before, "%s", wf_col_str(s, 0));
	wf_reset(s);
	if (!before[0])
		return wf_err_set(e, WF_EX_SOFTWARE, "case '%s' has no status before "
		                  "%s", id, c.status);
	reasons = cJSON_CreateArray();
	cJSON_AddItemToArray(reasons, cJSON_CreateString(o->reason));
	rc = wf_case_move(ctx, &c, "reopen", before, date, o->note, reasons, e);
	cJSON_Delete(reasons);
	return rc ? rc : emit_case(ctx, id, e);
}
