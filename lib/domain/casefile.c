/*
 * casefile.c - cases: their ids, the state machine that every step obeys,
 * and the case record that every command prints. A change of status keeps
 * its effective date (the day it happened) besides when it was recorded,
 * so that reports on a past month are right when data is typed in late.
 *
 * Tables: cases, case_seq, case_status (and reads referral, person,
 * certification, programme, organisation, person_duplicate).
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

/* The path of a case (design, section 1). Later steps add transitions. */
const char *const wf_case_statuses[] = { "referred", "screened", "rejected",
                                         "withdrawn", "assessing", "eligible",
                                         "ineligible", "planned", "placed",
                                         "closed", NULL };
static const char *const closed_statuses[] = { "rejected", "withdrawn",
                                               "ineligible", "closed", NULL };

/* Which statuses an action may start from. The one place the state
 * machine is written down. */
static const struct transition {
	const char *action;
	const char *to;                /* NULL: decided by the action */
	const char *from[8];           /* statuses it moves from; NULL ends */
	const char *keep[8];           /* statuses it is allowed in, unmoved */
} transitions[] = {
	{ "screen", NULL, { "referred" }, { NULL } },
	{ "withdraw", "withdrawn", { "referred", "screened" }, { NULL } },
	/* A first session opens the assessment; later ones add to it. */
	{ "assess", "assessing", { "screened" },
	  { "assessing", "eligible", "planned" } },
	{ "decide", NULL, { "assessing" }, { NULL } },
	/* A plan is written for an eligible case, and revised after. */
	{ "plan", "planned", { "eligible" }, { "planned", "placed" } },
	/* Placements are added to planned or placed cases; the first one
	 * started places the case. */
	{ "place", "placed", { "planned" }, { "placed" } },
	/* Any open case may be closed; a closed or withdrawn one reopened,
	 * to the status it had before. */
	{ "close", "closed", { "referred", "screened", "assessing", "eligible",
	                       "planned", "placed" }, { NULL } },
	{ "reopen", NULL, { "closed", "withdrawn" }, { NULL } },
};

const char wf_case_columns[] =
	"id,status,status_date,programme,date,referrer,person.last_name,"
	"person.first_name,person.tax_code";


int wf_status_open(const char *status)
{
	for (int i = 0; closed_statuses[i]; i++)
		if (!strcmp(closed_statuses[i], status))
			return 0;
	return 1;
}

static const char SQL_CASE_LOAD[] =
	"SELECT c.id, c.status, c.status_date, c.opened_on, c.person_id,"
	" c.programme_id, p.code,"
	" (SELECT min(r.id) FROM referral r WHERE r.case_id = c.id)"
	" FROM cases c JOIN programme p ON p.id = c.programme_id WHERE c.id = ?";
enum {
	LOAD_ID, LOAD_STATUS, LOAD_STATUS_DATE, LOAD_OPENED_ON, LOAD_PERSON,
	LOAD_PROGRAMME_ID, LOAD_PROGRAMME, LOAD_REFERRAL
};

int wf_case_load(struct wf_store *st, const char *id, struct wf_case *c,
                 struct wf_err *e)
{
	struct wf_stmt *s = wf_sql_row(st, SQL_CASE_LOAD, id, WF_EX_DATAERR,
	                             "case", e);
	wf_day d;
	int cut;

	if (!s)
		return e->code;
	cut = wf_col_text(s, LOAD_ID, c->id, sizeof c->id) |
	      wf_col_text(s, LOAD_STATUS, c->status, sizeof c->status) |
	      wf_col_text(s, LOAD_STATUS_DATE, c->status_date,
	                  sizeof c->status_date) |
	      wf_col_text(s, LOAD_OPENED_ON, c->opened_on, sizeof c->opened_on) |
	      wf_col_text(s, LOAD_PROGRAMME, c->programme, sizeof c->programme);
	c->person_id = wf_col_int64(s, LOAD_PERSON);
	c->programme_id = wf_col_int64(s, LOAD_PROGRAMME_ID);
	c->referral_id = wf_col_int64(s, LOAD_REFERRAL);
	wf_reset(s);
	if (cut || wf_stored_date(c->status_date, 0, &d) ||
	    wf_stored_date(c->opened_on, 0, &d))
		return wf_stored_bad(e, "id, status, dates or programme", "case",
		                     id);
	return 0;
}

int wf_effective_date(const char *opt, const char *what, char *out,
                      struct wf_err *e)
{
	wf_day d, today = wf_date_today();

	if (!opt) {
		wf_date_format(today, out);
		return 0;
	}
	if (wf_date_parse(opt, &d) < 0)
		return wf_err_set(e, WF_EX_USAGE, "%s: '%s' is not a date "
		                  "(YYYY-MM-DD)", what, opt);
	if (d > today)
		return wf_err_set(e, WF_EX_DATAERR, "%s: '%s' is in the future",
		                  what, opt);
	wf_date_format(d, out);
	return 0;
}

static const struct transition *find_transition(const char *action)
{
	for (size_t i = 0; i < sizeof transitions / sizeof transitions[0]; i++)
		if (!strcmp(transitions[i].action, action))
			return &transitions[i];
	return NULL;
}

/* Refuse an action the case's status does not allow, naming what would. */
int wf_case_allowed(const struct wf_case *c, const char *action,
                    struct wf_err *e)
{
	const struct transition *t = find_transition(action);
	const char *all[16];
	char list[256];
	int n = 0;

	if (!t)
		return wf_err_set(e, WF_EX_SOFTWARE, "no transition '%s'", action);
	for (int i = 0; t->from[i]; i++)
		all[n++] = t->from[i];
	for (int i = 0; t->keep[i]; i++)
		all[n++] = t->keep[i];
	all[n] = NULL;
	for (int i = 0; all[i]; i++)
		if (!strcmp(all[i], c->status))
			return 0;
	wf_join(all, list, sizeof list);
	return wf_err_set(e, WF_EX_DATAERR, "case '%s' is %s: %s needs a case "
	                  "that is %s", c->id, c->status, action, list);
}

static const char SQL_CASE_HISTORY_ADD[] =
	"INSERT INTO case_status (case_id, status, effective_date, recorded_at,"
	" operator, note, reasons) VALUES (?, ?, ?, ?, ?, ?, ?)";

static int history_add(struct wf_ctx *ctx, const char *id, const char *status,
                       const char *date, const char *note,
                       const cJSON *reasons, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_CASE_HISTORY_ADD, e);
	char now[32];

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, id);
	wf_bind_text(s, 2, status);
	wf_bind_text(s, 3, date);
	wf_bind_text(s, 4, now);
	wf_bind_text(s, 5, ctx->operator_);
	wf_bind_text(s, 6, note);
	wf_bind_json(s, 7, reasons && cJSON_GetArraySize(reasons) ? reasons : NULL);
	return wf_sql_done(ctx->st, s, e);
}

int wf_case_takes(const char *action, const char *status)
{
	const struct transition *t = find_transition(action);

	for (int i = 0; t && i < 8 && (t->from[i] || t->keep[i]); i++)
		if ((t->from[i] && !strcmp(t->from[i], status)) ||
		    (t->keep[i] && !strcmp(t->keep[i], status)))
			return 1;
	return 0;
}

static int move(struct wf_ctx *ctx, struct wf_case *c, const char *action,
                const char *to, const char *date, const char *note,
                const cJSON *reasons, int audited, struct wf_err *e);

int wf_case_move(struct wf_ctx *ctx, struct wf_case *c, const char *action,
                 const char *to, const char *date, const char *note,
                 const cJSON *reasons, struct wf_err *e)
{
	return move(ctx, c, action, to, date, note, reasons, 1, e);
}

int wf_case_restep(struct wf_ctx *ctx, struct wf_case *c, const char *action,
                   const char *to, const char *date, const cJSON *reasons,
                   struct wf_err *e)
{
	return move(ctx, c, action, to, date, NULL, reasons, 0, e);
}

static const char SQL_CASE_SET_STATUS[] =
	"UPDATE cases SET status = ?, status_date = ? WHERE id = ?";

static int move(struct wf_ctx *ctx, struct wf_case *c, const char *action,
                const char *to, const char *date, const char *note,
                const cJSON *reasons, int audited, struct wf_err *e)
{
	struct wf_stmt *s;
	cJSON *detail;
	char from[sizeof c->status];
	int rc;

	if ((rc = wf_case_allowed(c, action, e)))
		return rc;
	if (strcmp(date, c->status_date) < 0)
		return wf_err_set(e, WF_EX_DATAERR, "case '%s': date %s is before "
		                  "its %s date %s", c->id, date, c->status,
		                  c->status_date);
	if (!to)
		to = find_transition(action)->to;
	/* An action in a status it keeps, or one that leaves the status as
	 * it is (a deferred decision), changes nothing here. */
	for (const char *const *k = find_transition(action)->keep; *k; k++)
		if (!strcmp(*k, c->status))
			return 0;
	if (!strcmp(to, c->status))
		return 0;
	if (!(s = wf_sql(ctx->st, SQL_CASE_SET_STATUS, e)))
		return e->code;
	wf_bind_text(s, 1, to);
	wf_bind_text(s, 2, date);
	wf_bind_text(s, 3, c->id);
	if ((rc = wf_sql_done(ctx->st, s, e)) ||
	    (rc = history_add(ctx, c->id, to, date, note, reasons, e)))
		return rc;
	snprintf(from, sizeof from, "%s", c->status);
	snprintf(c->status, sizeof c->status, "%s", to);
	snprintf(c->status_date, sizeof c->status_date, "%s", date);
	if (!audited)
		return 0;
	detail = cJSON_CreateObject();
	cJSON_AddStringToObject(detail, "from", from);
	cJSON_AddStringToObject(detail, "to", c->status);
	cJSON_AddStringToObject(detail, "date", date);
	if (note)
		cJSON_AddStringToObject(detail, "note", note);
	if (reasons && cJSON_GetArraySize(reasons))
		cJSON_AddItemToObject(detail, "reasons", cJSON_Duplicate(reasons, 1));
	rc = wf_audit(ctx, action, "case", c->id, detail, e);
	cJSON_Delete(detail);
	return rc;
}

/* No RETURNING and no NOT IN (...) on the per-record path: SQLite opens
 * a temporary b-tree for each, which costs more than the rest of a
 * referral together. */
static const char SQL_CASE_NEXT_ID[] =
	"INSERT INTO case_seq (year, last) VALUES (?, 1)"
	" ON CONFLICT (year) DO UPDATE SET last = case_seq.last + 1";

static const char SQL_CASE_LAST_ID[] =
	"SELECT last FROM case_seq WHERE year = ?";

static const char SQL_CASE_INSERT[] =
	"INSERT INTO cases (id, person_id, programme_id, status, status_date,"
	" opened_on, created_at) VALUES (?, ?, ?, 'referred', ?, ?, ?)";

int wf_case_open(struct wf_ctx *ctx, long long person,
                 long long programme, const char *date, struct wf_case *c,
                 struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_CASE_NEXT_ID, e);
	char now[32];
	int rc, year = atoi(date);
	long long n;

	if (!s)
		return e->code;
	wf_bind_int(s, 1, year);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	if (!(s = wf_sql(ctx->st, SQL_CASE_LAST_ID, e)))
		return e->code;
	wf_bind_int(s, 1, year);
	if ((rc = wf_step(s)) != WF_ROW) {
		wf_reset(s);
		return wf_sql_err(ctx->st, rc, e);
	}
	n = wf_col_int64(s, 0);
	wf_reset(s);
	memset(c, 0, sizeof *c);
	snprintf(c->id, sizeof c->id, "%04d-%04lld", year, (long long)n);
	if (!(s = wf_sql(ctx->st, SQL_CASE_INSERT, e)))
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, c->id);
	wf_bind_int64(s, 2, person);
	wf_bind_int64(s, 3, programme);
	wf_bind_text(s, 4, date);
	wf_bind_text(s, 5, date);
	wf_bind_text(s, 6, now);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	snprintf(c->status, sizeof c->status, "referred");
	snprintf(c->status_date, sizeof c->status_date, "%s", date);
	snprintf(c->opened_on, sizeof c->opened_on, "%s", date);
	c->person_id = person;
	c->programme_id = programme;
	return history_add(ctx, c->id, "referred", date, NULL, NULL, e);
}

static const char SQL_CASE_FIND_OPEN[] =
	"SELECT min(id) FROM cases WHERE person_id = ? AND programme_id = ?"
	" AND status <> 'rejected' AND status <> 'withdrawn'"
	" AND status <> 'ineligible' AND status <> 'closed'";

int wf_case_find_open(struct wf_store *st, long long person,
                      long long programme, struct wf_case *c,
                      struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_CASE_FIND_OPEN, e);
	char id[32];
	int rc, found;

	if (!s)
		return -1;
	wf_bind_int64(s, 1, person);
	wf_bind_int64(s, 2, programme);
	rc = wf_step(s);
	if (rc != WF_ROW) {
		wf_reset(s);
		return wf_sql_err(st, rc, e), -1;
	}
	found = !wf_col_null(s, 0);
	wf_col_text(s, 0, id, sizeof id);
	wf_reset(s);
	if (!found)
		return 0;
	return wf_case_load(st, id, c, e) ? -1 : 1;
}
