/*
 * due.c - what monitoring is due: the list wf-monitor due prints, by due
 * date, and the period reports' figures of contacts due against those
 * held on time. Both apply the one rule of duerule.c to the histories
 * duestore.c reads, a case at a time.
 *
 * The list is sorted in a temporary table, so that memory holds one case
 * whatever the caseload.
 */
#include <stdlib.h>
#include <string.h>

#include "duecase.h"

/* The record of item i of h as of f->on, for the person named. */
static cJSON *item_record(const struct due_history *h,
                          const struct due_item *i, const struct wf_due_filter *f,
                          const char *person)
{
	cJSON *r = cJSON_CreateObject();
	char id[160], date[11], why[64];

	wf_due_id(h, i, id, sizeof id);
	cJSON_AddStringToObject(r, "kind", "due");
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "item", "contact");
	cJSON_AddStringToObject(r, "case", h->id);
	cJSON_AddStringToObject(r, "person", person);
	wf_date_format(i->due, date);
	cJSON_AddStringToObject(r, "due", date);
	cJSON_AddStringToObject(r, "with", wf_parties[i->party]);
	if (i->placement >= 0)
		cJSON_AddStringToObject(r, "placement", h->pl[i->placement].id);
	cJSON_AddBoolToObject(r, "overdue", i->due < f->on);
	if (i->due < f->on)
		cJSON_AddNumberToObject(r, "days_overdue", (double)(f->on - i->due));
	if (i->agreed)
		snprintf(why, sizeof why, "agreed");
	else if (i->days)
		snprintf(why, sizeof why, "%d days after the hire", i->days);
	else
		snprintf(why, sizeof why, "every %d days", i->every);
	cJSON_AddStringToObject(r, "reason", why);
	if (i->last >= 0) {
		wf_date_format(h->ct[i->last].date, date);
		cJSON_AddStringToObject(r, "last_contact", date);
	}
	cJSON_AddStringToObject(r, "operator", wf_due_operator(h, i));
	/* whether the operator is the case manager assigned, or the one who
	 * met the person last (else recorded the referral) */
	cJSON_AddBoolToObject(r, "assigned", h->manager[0] != '\0');
	cJSON_AddStringToObject(r, "programme", h->rules->programme);
	return r;
}

static int wanted(const struct due_history *h, const struct due_item *i,
                  const struct wf_due_filter *f)
{
	return i->due != WF_DUE_NEVER && i->due <= f->limit &&
	       !(f->overdue && i->due >= f->on) &&
	       !(f->with && strcmp(f->with, wf_parties[i->party])) &&
	       !(f->operator_ && strcmp(f->operator_, wf_due_operator(h, i)));
}

const char *const wf_due_kinds[] = { "contact", "follow_up", NULL };

/* A batch of records held, a JSON list of {d: due, i: id, r: record}. */
static const char SQL_DUE_OUT_ADD[] =
	"INSERT INTO due_out (due, id, rec)"
	" SELECT json_extract(value, '$.d'), json_extract(value, '$.i'),"
	"  json_extract(value, '$.r') FROM json_each(?1)";

/* Hold r (taken over) in the temporary table the output is sorted in,
 * a batch at a time. */
static int hold(struct wf_store *st, struct wf_batch *b, cJSON *r,
                struct wf_err *e)
{
	char *text = cJSON_PrintUnformatted(r);
	cJSON *row = text ? cJSON_CreateObject() : NULL;

	if (row) {
		cJSON_AddStringToObject(row, "d", wf_json_str(r, "due"));
		cJSON_AddStringToObject(row, "i", wf_json_str(r, "id"));
		cJSON_AddStringToObject(row, "r", text);
	}
	free(text);
	cJSON_Delete(r);
	return wf_batch_add(st, SQL_DUE_OUT_ADD, b, row, e);
}

/* ---- follow-ups owed after leaving ----------------------------------------- */

/* What wf-monitor due lists, held to be sorted by date whatever its size. */
/* Closed cases, as of ?1, with the follow-ups recorded after their
 * latest closing; people erased are owed none. */
static const char SQL_DUE_FOLLOW_UPS[] =
	"SELECT c.id, cl.date, p.first_name || ' ' || p.last_name,"
	"  cl.operator, pr.code,"
	"  EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id"
	"   AND f.at = 'leaving'),"
	"  EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id"
	"   AND f.at = 'six_months')"
	" FROM cases c"
	" JOIN case_closure cl ON cl.id = (SELECT max(id) FROM case_closure"
	"  WHERE case_id = c.id)"
	" JOIN person p ON p.id = c.person_id"
	" JOIN programme pr ON pr.id = c.programme_id"
	" WHERE c.status = 'closed' AND cl.date <= ?1 AND p.erased_at IS NULL"
	" ORDER BY c.id";
enum {
	FUP_CASE, FUP_LEFT, FUP_PERSON, FUP_OPERATOR, FUP_PROGRAMME,
	FUP_RECORDED              /* two: wf_follow_up_times, in order */
};

/* The follow-up at 'at' of a case closed on left, owed: due by the end
 * of its window (the one the indicators use), listed once it opens. */
static cJSON *follow_up_record(struct wf_stmt *s, const char *at, wf_day left,
                               wf_day from, wf_day to, wf_day on)
{
	cJSON *r = cJSON_CreateObject();
	char id[96], d[11];

	snprintf(id, sizeof id, "%s/follow_up/%s",
	         wf_col_str(s, FUP_CASE), at);
	cJSON_AddStringToObject(r, "kind", "due");
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "item", "follow_up");
	wf_col_add(r, "case", s, FUP_CASE);
	wf_col_add(r, "person", s, FUP_PERSON);
	wf_date_format(to, d);
	cJSON_AddStringToObject(r, "due", d);
	cJSON_AddStringToObject(r, "with", "person");
	cJSON_AddStringToObject(r, "at", at);
	/* in the words the contacts' reasons are in: record values */
	cJSON_AddStringToObject(r, "reason", strcmp(at, "leaving")
	                        ? "six to nine months after leaving"
	                        : "within four weeks of leaving");
	wf_date_format(from, d);
	cJSON_AddStringToObject(r, "from", d);
	wf_date_format(left, d);
	cJSON_AddStringToObject(r, "left", d);
	cJSON_AddBoolToObject(r, "overdue", to < on);
	if (to < on)
		cJSON_AddNumberToObject(r, "days_overdue", (double)(on - to));
	wf_col_add(r, "operator", s, FUP_OPERATOR);
	wf_col_add(r, "programme", s, FUP_PROGRAMME);
	return r;
}

/* Whether follow-up k of the row's case is owed under f: not recorded,
 * its window open by f->limit (closed before f->on when overdue). */
static int owed(struct wf_stmt *s, int k, wf_day from, wf_day to,
                const struct wf_due_filter *f)
{
	const char *op = wf_col_str(s, FUP_OPERATOR);

	return !wf_col_int(s, FUP_RECORDED + k) && from <= f->limit &&
	       !(f->overdue && to >= f->on) &&
	       !(f->with && strcmp(f->with, "person")) &&
	       !(f->operator_ && (!op || strcmp(f->operator_, op)));
}

/* One follow-up owed, at wf_follow_up_times[k] of the case on row s,
 * its case closed on left, its window from..to. */
typedef int owed_fn(struct wf_stmt *s, int k, wf_day left, wf_day from,
                    wf_day to, void *arg, struct wf_err *e);

/* Hand fn each follow-up owed under f, of programme (NULL: any), case
 * by case in id order. */
static int each_owed(struct wf_store *st, const struct wf_due_filter *f,
                     const char *programme, owed_fn *fn, void *arg,
                     struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_DUE_FOLLOW_UPS, e);
	char on[11];
	int rc = 0, step;

	if (!s)
		return e->code;
	wf_date_format(f->on, on);
	wf_bind_text(s, 1, on);
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		wf_day left, from, to;

		const char *of = wf_col_str(s, FUP_PROGRAMME);

		if (programme && strcmp(programme, of))
			continue;
		if (wf_stored_date(wf_col_str(s, FUP_LEFT),
		                   0,
		                   &left)) {
			rc = wf_stored_bad(e, "date of a closing", "case",
			                   wf_col_str(s, FUP_CASE));
			break;
		}
		for (int k = 0; !rc && wf_follow_up_times[k]; k++) {
			wf_follow_up_window(wf_follow_up_times[k], left, &from, &to);
			if (owed(s, k, from, to, f))
				rc = fn(s, k, left, from, to, arg, e);
		}
	}
	if (!rc && step != WF_ROW && step != WF_DONE)
		rc = wf_sql_err(st, step, e);
	wf_reset(s);
	return rc;
}

/* wf-monitor due's: counted, and held for the sorted output. */
struct listing {
	struct wf_ctx *ctx;
	const struct wf_due_filter *f;
	long *n;
	struct wf_batch *held;
};

static int list_owed(struct wf_stmt *s, int k, wf_day left, wf_day from,
                     wf_day to, void *arg, struct wf_err *e)
{
	struct listing *l = arg;

	++*l->n;
	if (!l->ctx->out)
		return 0;
	return hold(l->ctx->st, l->held, follow_up_record(s,
	            wf_follow_up_times[k], left, from, to, l->f->on), e);
}

static int follow_ups(struct wf_ctx *ctx, const struct wf_due_filter *f,
                      long *n, struct wf_batch *held, struct wf_err *e)
{
	struct listing l = { ctx, f, n, held };

	return each_owed(ctx->st, f, NULL, list_owed, &l, e);
}

static const char SQL_DUE_OUT_SORTED[] =
	"SELECT rec FROM due_out ORDER BY due, id";

/* Emit what was kept, by due date. */
static int emit_sorted(struct wf_ctx *ctx, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_DUE_OUT_SORTED, e);
	int rc = 0, step;

	if (!s)
		return e->code;
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		cJSON *r = cJSON_Parse(wf_col_str(s, 0));

		rc = r ? wf_emit(ctx, r, e)
		       : wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
		cJSON_Delete(r);
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	wf_reset(s);
	return rc;
}

static const char SQL_DUE_OUT_CREATE[] =
	"CREATE TEMP TABLE IF NOT EXISTS due_out (due TEXT, id TEXT, rec TEXT)";

/* The contacts due under f: counted, and held for the sorted output. */
static int contacts_due(struct wf_ctx *ctx, const struct wf_due_filter *f,
                        long *n, struct wf_batch *held, struct wf_err *e)
{
	struct due_items items = { 0 };
	struct due_cursor *c;
	struct due_history *h;
	int rc;

	if ((rc = wf_due_open(ctx->st, f->on, f->on, NULL, &c, e)))
		return rc;
	while (!rc && (rc = wf_due_next(c, &h, e)) == 1) {
		rc = wf_due_eval(h, f->on, &items)
		     ? wf_err_set(e, WF_EX_SOFTWARE, "out of memory") : 0;
		for (int i = 0; !rc && i < items.n; i++) {
			if (!wanted(h, &items.v[i], f))
				continue;
			++*n;
			if (ctx->out)
				rc = hold(ctx->st, held, item_record(h, &items.v[i], f,
				          h->name), e);
		}
	}
	wf_due_close(c);
	wf_due_items_free(&items);
	return rc;
}

int wf_monitor_due(struct wf_ctx *ctx, const struct wf_due_filter *f,
                   struct wf_err *e)
{
	struct wf_batch held = { 0 };
	long n = 0;
	char on[11];
	int rc = 0;

	if (ctx->out && (rc = wf_sql_exec(ctx->st, SQL_DUE_OUT_CREATE, e)))
		return rc;
	if (!f->kind || !strcmp(f->kind, "follow_up"))
		rc = follow_ups(ctx, f, &n, &held, e);
	if (!rc && (!f->kind || !strcmp(f->kind, "contact")))
		rc = contacts_due(ctx, f, &n, &held, e);
	if (!rc && ctx->out &&
	    !(rc = wf_batch_flush(ctx->st, SQL_DUE_OUT_ADD, &held, e)))
		rc = emit_sorted(ctx, e);
	wf_batch_drop(&held);
	if (!rc && n == 0) {
		wf_date_format(f->overdue ? f->on - 1 : f->limit, on);
		rc = wf_err_set(e, WF_EX_NOMATCH, "nothing due by %s", on);
	}
	return rc;
}

/* ---- contacts due against those held on time ---------------------------- */

/* What one case's tally has counted: an item is one thing due on one
 * day, counted once. */
struct tally {
	struct due_items counted, before, after;
	wf_day *days;
	int ndays, capdays;
	long due, on_time;
};

static int counted(struct tally *t, const struct due_item *i)
{
	for (int k = 0; k < t->counted.n; k++)
		if (wf_due_same(&t->counted.v[k], i) && t->counted.v[k].due == i->due)
			return 1;
	return 0;
}

static int count(struct tally *t, const struct due_item *i, int on_time)
{
	if (counted(t, i))
		return 0;
	if (wf_grow(&t->counted.v, &t->counted.cap, t->counted.n, sizeof *i))
		return -1;
	t->counted.v[t->counted.n++] = *i;
	t->due++;
	t->on_time += on_time;
	return 0;
}

/* A contact with party p on day m meets what was due with p the day
 * before and is gone on m: on time when it was due on m or after, on a
 * day the case was still open. */
static int met(struct tally *t, struct due_history *h, int p, wf_day m,
               wf_day from, wf_day to)
{
	if (wf_due_eval(h, m - 1, &t->before) || wf_due_eval(h, m, &t->after))
		return -1;
	for (int i = 0; i < t->before.n; i++) {
		const struct due_item *a = &t->before.v[i];
		int gone = 1;

		if (a->party != p || a->due < m || a->due < from || a->due > to ||
		    !wf_due_case_open(h, a->due))
			continue;
		for (int k = 0; gone && k < t->after.n; k++)
			gone = !(wf_due_same(a, &t->after.v[k]) &&
			         t->after.v[k].due == a->due);
		if (gone && count(t, a, 1))
			return -1;
	}
	return 0;
}

/* The contacts that may have met something due in the span: those from
 * the horizon before it on, and earlier ones that followed a contact
 * agreeing a date in it; one a party and day (the last recorded). */
static int contacts(struct tally *t, struct due_history *h, wf_day from,
                    wf_day to)
{
	wf_day early = from - wf_due_horizon(h->rules);
	int last[WF_DUE_PARTIES], i;

	for (int p = 0; p < WF_DUE_PARTIES; p++)
		last[p] = -1;
	for (i = 0; i < h->nct && h->ct[i].date <= to; i++) {
		const struct due_contact *c = &h->ct[i];
		int prev = c->party < WF_DUE_PARTIES ? last[c->party] : -1;

		if (c->party >= WF_DUE_PARTIES)
			continue;
		last[c->party] = i;
		/* The day before's last word with that party: a date agreed. */
		if ((prev >= 0 && h->ct[prev].date == c->date) ||
		    (c->date < early &&
		     !(prev >= 0 && h->ct[prev].next != WF_DUE_NEVER &&
		       h->ct[prev].next >= from)))
			continue;
		if (met(t, h, c->party, c->date, from, to))
			return -1;
	}
	return 0;
}

static int push_day(struct tally *t, wf_day d)
{
	if (wf_grow(&t->days, &t->capdays, t->ndays, sizeof *t->days))
		return -1;
	t->days[t->ndays++] = d;
	return 0;
}

static int add_day(struct tally *t, wf_day d, wf_day from, wf_day to)
{
	return d > from && d <= to ? push_day(t, d) : 0;
}

static int by_day(const void *a, const void *b)
{
	wf_day x = *(const wf_day *)a, y = *(const wf_day *)b;

	return (x > y) - (x < y);
}

/* The days in the span on which what is due may change: the first, and
 * every day something happened or a follow-up fell due. */
static int change_days(struct tally *t, const struct due_history *h,
                       wf_day from, wf_day to)
{
	int rc;

	t->ndays = 0;
	rc = push_day(t, from);
	for (int i = 0; !rc && i < h->nst; i++)
		rc = add_day(t, h->st[i].date, from, to);
	for (int i = 0; !rc && i < h->nev; i++)
		rc = add_day(t, h->ev[i].date, from, to);
	for (int i = 0; !rc && i < h->nct; i++)
		rc = add_day(t, h->ct[i].date, from, to);
	for (int k = 0; !rc && k < h->npl; k++) {
		const struct due_placement *p = &h->pl[k];

		for (int i = p->first; p->hire && i < p->first + p->n; i++)
			if (h->ev[i].status == 'a') {
				for (int d = 0; !rc && d < h->rules->ndays; d++)
					rc = add_day(t, h->ev[i].date + h->rules->days[d],
					             from, to);
				break;
			}
	}
	qsort(t->days, (size_t)t->ndays, sizeof *t->days, by_day);
	return rc;
}

/* What fell due on a day of the span and was not met by then: listed on
 * its own day. What is due changes only on the days above, so each is
 * looked at from the day before it changes again. */
static int missed(struct tally *t, struct due_history *h, wf_day from,
                  wf_day to)
{
	if (change_days(t, h, from, to))
		return -1;
	for (int j = 0; j < t->ndays; j++) {
		wf_day d = t->days[j], next = to + 1;

		if (j > 0 && d == t->days[j - 1])
			continue;
		for (int k = j + 1; k < t->ndays; k++)
			if (t->days[k] > d) {
				next = t->days[k];
				break;
			}
		if (wf_due_eval(h, d, &t->before))
			return -1;
		for (int i = 0; i < t->before.n; i++)
			if (t->before.v[i].due >= d && t->before.v[i].due < next &&
			    count(t, &t->before.v[i], 0))
				return -1;
	}
	return 0;
}

int wf_due_tally(struct wf_store *st, wf_day from, wf_day to,
                 const char *programme, double *due, double *on_time,
                 struct wf_err *e)
{
	struct tally t = { 0 };
	struct due_cursor *c;
	struct due_history *h;
	int rc;

	if ((rc = wf_due_open(st, from, to, programme, &c, e)))
		return rc;
	while (!rc && (rc = wf_due_next(c, &h, e)) == 1) {
		rc = 0;
		t.counted.n = 0;
		if (contacts(&t, h, from, to) || missed(&t, h, from, to))
			rc = wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	}
	wf_due_close(c);
	*due = (double)t.due;
	*on_time = (double)t.on_time;
	wf_due_items_free(&t.counted);
	wf_due_items_free(&t.before);
	wf_due_items_free(&t.after);
	free(t.days);
	return rc;
}

/* ---- what is overdue, by case ----------------------------------------------- */

static void push_once(cJSON *list, const char *id)
{
	const cJSON *last = list->child ? list->child->prev : NULL;

	if (!last || strcmp(last->valuestring, id))
		cJSON_AddItemToArray(list, cJSON_CreateString(id));
}

/* wf-report quality's: the case, once. */
static int case_owed(struct wf_stmt *s, int k, wf_day left, wf_day from,
                     wf_day to, void *cases, struct wf_err *e)
{
	(void)k, (void)left, (void)from, (void)to, (void)e;
	push_once(cases, wf_col_str(s, 0));
	return 0;
}

int wf_due_overdue(struct wf_store *st, wf_day on, const char *programme,
                   cJSON *contacts, cJSON *follow_ups_, struct wf_err *e)
{
	struct wf_due_filter f = { on, on, 1, NULL, NULL, NULL };
	struct due_items items = { 0 };
	struct due_cursor *c;
	struct due_history *h;
	int rc;

	if ((rc = each_owed(st, &f, programme, case_owed, follow_ups_, e)) ||
	    (rc = wf_due_open(st, on, on, programme, &c, e)))
		return rc;
	while ((rc = wf_due_next(c, &h, e)) == 1) {
		rc = 0;
		if (wf_due_eval(h, on, &items)) {
			rc = wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
			break;
		}
		for (int i = 0; i < items.n; i++)
			if (wanted(h, &items.v[i], &f)) {
				push_once(contacts, h->id);
				break;
			}
	}
	wf_due_close(c);
	wf_due_items_free(&items);
	return rc;
}
