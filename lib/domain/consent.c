/*
 * consent.c - the person's information notice and consents, per purpose
 * and per recipient, each given, refused or withdrawn on a date, the
 * latest answer holding; and disclosure as a recorded act: the final
 * report goes to the referring service or a host only when the person
 * consented, or, for the referrer, when the programme's legal basis is a
 * public task; and each time it goes, what, to whom, on what basis, when
 * and by whom is kept.
 *
 * Tables: consent, disclosure.
 */
#include <string.h>

#include "auditchain.h"
#include "casefile.h"

const char *const wf_consent_purposes[] = {
	"information_notice", "share_final_report", "share_with_host",
	"family_involvement", NULL
};
const char *const wf_consent_answers[] = { "given", "refused", "withdrawn",
                                           NULL };
const char wf_consent_columns[] = "id,case,purpose,to,answer,date";

static void consent_row(cJSON *r, struct wf_stmt *s)
{

	cJSON_AddStringToObject(r, "kind", "consent");
	wf_row_add(r, s);
}

#define CONSENT_COLUMNS \
	" k.id, k.case_id AS \"case\", k.person_id AS person, k.purpose," \
	" o.code AS \"to\", k.answer, k.date, k.note, k.operator"

static const char SQL_CONSENT_GET[] =
	"SELECT" CONSENT_COLUMNS " FROM consent k"
	" LEFT JOIN organisation o ON o.id = k.recipient_id WHERE k.id = ?";

static cJSON *consent_record(struct wf_store *st, long long id,
                             struct wf_err *e)
{
	cJSON *r = cJSON_CreateObject();

	if (wf_sql_each(st, SQL_CONSENT_GET, NULL, id, consent_row, r, e)) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* The answer that holds for a purpose and recipient on a day: the latest
 * given for that recipient or for any. */
static const char SQL_CONSENT_NOW[] =
	"SELECT answer FROM consent WHERE person_id = ?1 AND purpose = ?2"
	" AND (recipient_id IS NULL OR recipient_id = ?3) AND date <= ?4"
	" ORDER BY date DESC, id DESC LIMIT 1";

/* The answer that holds for person, purpose and recipient (0: any) on
 * day, into answer ("" when none). */
static int answer_now(struct wf_store *st, long long person,
                      const char *purpose, long long to, const char *day,
                      char *answer, size_t len, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_CONSENT_NOW, e);
	int step;

	answer[0] = '\0';
	if (!s)
		return e->code;
	wf_bind_int64(s, 1, person);
	wf_bind_text(s, 2, purpose);
	wf_bind_int64(s, 3, to);
	wf_bind_text(s, 4, day);
	if ((step = wf_step(s)) == WF_ROW)
		wf_col_text(s, 0, answer, len);
	wf_reset(s);
	return step == WF_ROW || step == WF_DONE ? 0
	       : wf_sql_err(st, step, e);
}

/* The row id of a registered organisation, whatever its roles. */
static int org_id(struct wf_store *st, const char *code, long long *id,
                  struct wf_err *e)
{
	if ((*id = wf_sql_id(st, WF_SQL_ORG_ID, code, e)) < 0)
		return e->code;
	if (!*id)
		return wf_err_set(e, WF_EX_DATAERR, "unknown organisation '%s' "
		                  "(register it with 'wf org add --id %s --name "
		                  "NAME --role ROLE')", code, code);
	return 0;
}

int wf_consent_opts_check(const struct wf_consent_opts *o, struct wf_err *e)
{
	char list[160];

	wf_join(wf_consent_purposes, list, sizeof list);
	if (!o->purpose)
		return wf_err_set(e, WF_EX_USAGE, "give --purpose: one of %s", list);
	return 0;
}

static const char SQL_CONSENT_ADD[] =
	"INSERT INTO consent (person_id, case_id, purpose, recipient_id, answer,"
	" date, note, recorded_at, operator)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

static int store_answer(struct wf_ctx *ctx, const struct wf_consent_opts *o,
                        const struct wf_case *c,
                        long long to, const char *day, long long *id,
                        struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_CONSENT_ADD, e);
	char now[32];
	int rc;

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_int64(s, 1, c->person_id);
	wf_bind_text(s, 2, c->id);
	wf_bind_text(s, 3, o->purpose);
	if (to)
		wf_bind_int64(s, 4, to);
	wf_bind_text(s, 5, o->answer);
	wf_bind_text(s, 6, day);
	wf_bind_text(s, 7, o->note);
	wf_bind_text(s, 8, now);
	wf_bind_text(s, 9, ctx->operator_);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	*id = wf_sql_last_id(ctx->st);
	return 0;
}

int wf_consent_record(struct wf_ctx *ctx, const struct wf_consent_opts *o,
                      struct wf_record *rec, struct wf_err *e)
{
	const char *case_id = wf_record_case_id(rec, e);
	char day[11], now[16], num[24];
	long long to = 0;
	long long id = 0;
	struct wf_case c;
	cJSON *out;
	int rc;

	if (!case_id)
		return e->code;
	if ((rc = wf_case_load(ctx->st, case_id, &c, e)) ||
	    (rc = wf_effective_date(o->date, "--date", day, e)) ||
	    (o->to && (rc = org_id(ctx->st, o->to, &to, e))))
		return rc;
	if (!strcmp(o->answer, "withdrawn") &&
	    ((rc = answer_now(ctx->st, c.person_id, o->purpose, to, day, now,
	                      sizeof now, e)) || strcmp(now, "given")))
		return rc ? rc : wf_err_set(e, WF_EX_DATAERR, "case '%s': no "
		                            "consent to %s%s%s is given on %s: "
		                            "nothing to withdraw", c.id, o->purpose,
		                            o->to ? " with " : "",
		                            o->to ? o->to : "", day);
	if ((rc = store_answer(ctx, o, &c, to, day, &id, e)) ||
	    !(out = consent_record(ctx->st, id, e)))
		return rc ? rc : e->code;
	snprintf(num, sizeof num, "%lld", (long long)id);
	rc = wf_audit_entry(ctx, o->answer, "consent", num, c.id, 0, out, e);
	if (!rc)
		rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

static const char SQL_CONSENT_OF_PERSON[] =
	"SELECT k.id FROM consent k WHERE k.person_id = ?"
	" ORDER BY k.date, k.id";

int wf_consent_emit(struct wf_ctx *ctx, long long person, long *n,
                    struct wf_err *e)
{
	cJSON *ids = cJSON_CreateArray(), *v;
	int rc = wf_sql_each(ctx->st, SQL_CONSENT_OF_PERSON, NULL, person,
	                     wf_col_push, ids, e);

	for (v = ids->child; v && !rc; v = v->next, ++*n) {
		cJSON *r = consent_record(ctx->st, (long long)v->valuedouble, e);

		rc = r ? wf_emit(ctx, r, e) : e->code;
		cJSON_Delete(r);
	}
	cJSON_Delete(ids);
	return rc;
}

int wf_consent_list(struct wf_ctx *ctx, const struct wf_ids *ids,
                    struct wf_err *e)
{
	long n = 0;
	int rc = 0;

	for (int i = 0; i < ids->n && !rc; i++) {
		long long p = wf_person_find(ctx->st, ids->v[i], e);

		if (!p)
			return e->code;
		rc = wf_consent_emit(ctx, p, &n, e);
	}
	if (!rc && !n)
		rc = wf_err_set(e, WF_EX_NOMATCH, "no consents recorded");
	return rc;
}

static void disclosure_row(cJSON *list, struct wf_stmt *s)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "kind", "disclosure");
	wf_row_add(r, s);
	cJSON_AddItemToArray(list, r);
}

int wf_disclosure_emit(struct wf_ctx *ctx, const char *case_id,
                       struct wf_err *e)
{
	cJSON *list = cJSON_CreateArray(), *v;
	int rc = wf_sql_each(ctx->st, WF_SQL_DISCLOSURES_OF_CASE, case_id, 0,
	                     disclosure_row, list, e);

	for (v = list->child; v && !rc; v = v->next) {
		cJSON_AddStringToObject(v, "case", case_id);
		rc = wf_emit(ctx, v, e);
	}
	cJSON_Delete(list);
	return rc;
}

/* ---- disclosure --------------------------------------------------------- */

/* The one text of the first row of sql for key into buf; "" for none. */
static int text_of(struct wf_store *st, const char *sql, const char *key,
                   char *buf, size_t len, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, sql, e);
	int step;

	buf[0] = '\0';
	if (!s)
		return e->code;
	wf_bind_text(s, 1, key);
	if ((step = wf_step(s)) == WF_ROW)
		wf_col_text(s, 0, buf, len);
	wf_reset(s);
	return step == WF_ROW || step == WF_DONE ? 0
	       : wf_sql_err(st, step, e);
}

static const char SQL_CASE_HOSTS[] =
	"SELECT DISTINCT o.code FROM placement p JOIN organisation o"
	" ON o.id = p.host_id WHERE p.case_id = ? ORDER BY o.code";

/* The host a report for a host goes to: the one given, which must be a
 * host of the case, or the case's only one. */
static int host_of(struct wf_store *st, const char *case_id, const char *to,
                   char *buf, size_t len, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_CASE_HOSTS, e);
	int n = 0, found = 0;
	char h[128];

	if (!s)
		return e->code;
	wf_bind_text(s, 1, case_id);
	while (wf_step(s) == WF_ROW) {
		wf_col_text(s, 0, h, sizeof h);
		found |= to && !strcmp(h, to);
		if (!n++)
			snprintf(buf, len, "%s", h);
	}
	wf_reset(s);
	if (to && found)
		snprintf(buf, len, "%s", to);
	else if (to)
		return wf_err_set(e, WF_EX_DATAERR, "case '%s': '%s' is not a host "
		                  "of its placements", case_id, to);
	else if (n != 1)
		return n ? wf_err_set(e, WF_EX_USAGE, "case '%s' has %d hosts: say "
		                      "which with --to", case_id, n)
		         : wf_err_set(e, WF_EX_DATAERR, "case '%s' has no host",
		                      case_id);
	return 0;
}

/* Who a case's final report may go to: its referrer, its hosts. */
static const char SQL_CASE_REFERRER[] =
	"SELECT o.code FROM referral r JOIN organisation o"
	" ON o.id = r.referrer_id WHERE r.case_id = ? ORDER BY r.id LIMIT 1";

static const char SQL_CASE_BASIS[] =
	"SELECT coalesce(g.definition ->> '$.legal_basis', 'consent'),"
	" c.person_id FROM cases c JOIN programme g ON g.id = c.programme_id"
	" WHERE c.id = ?";
enum {
	BASIS_BASIS, BASIS_PERSON
};

int wf_disclosure_check(struct wf_store *st, const char *case_id,
                        const char *for_, const char *to,
                        struct wf_disclosure *d, struct wf_err *e)
{
	int referrer = !strcmp(for_, "referrer");
	const char *purpose = referrer ? "share_final_report" : "share_with_host";
	char day[11], answer[16];
	struct wf_stmt *s;
	long long org;
	long long person;
	int rc;

	memset(d, 0, sizeof *d);
	snprintf(d->case_id, sizeof d->case_id, "%s", case_id);
	if (!(s = wf_sql_row(st, SQL_CASE_BASIS, case_id, WF_EX_DATAERR,
	                     "case", e)))
		return e->code;
	wf_col_text(s, BASIS_BASIS, d->basis, sizeof d->basis);
	person = wf_col_int64(s, BASIS_PERSON);
	wf_reset(s);
	rc = referrer ? text_of(st, SQL_CASE_REFERRER, case_id, d->to,
	                        sizeof d->to, e)
	              : host_of(st, case_id, to, d->to, sizeof d->to, e);
	if (rc || (rc = org_id(st, d->to, &org, e)))
		return rc;
	d->to_id = org;
	if (referrer && !strcmp(d->basis, "public_task"))
		return 0;
	snprintf(d->basis, sizeof d->basis, "consent");
	wf_date_format(wf_date_today(), day);
	if ((rc = answer_now(st, person, purpose, org, day, answer,
	                     sizeof answer, e)))
		return rc;
	if (strcmp(answer, "given"))
		return wf_err_set(e, WF_EX_DATAERR, "case '%s': the person has %s "
		                  "consent to share the final report with '%s' "
		                  "(record it with 'wf consent give %s --purpose %s "
		                  "--to %s')", case_id, *answer
		                  ? wf_label("answer", answer) : _("not given"),
		                  d->to, case_id, purpose, d->to);
	return 0;
}

static const char SQL_DISCLOSURE_ADD[] =
	"INSERT INTO disclosure (case_id, what, recipient_id, basis, date,"
	" recorded_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

int wf_disclosure_record(struct wf_ctx *ctx, const struct wf_disclosure *d,
                         struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_DISCLOSURE_ADD, e);
	char day[11], now[32];
	cJSON *detail;
	int rc;

	if (!s)
		return e->code;
	wf_date_format(wf_date_today(), day);
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, d->case_id);
	wf_bind_text(s, 2, "final_report");
	wf_bind_int64(s, 3, d->to_id);
	wf_bind_text(s, 4, d->basis);
	wf_bind_text(s, 5, day);
	wf_bind_text(s, 6, now);
	wf_bind_text(s, 7, ctx->operator_);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	detail = cJSON_CreateObject();
	cJSON_AddStringToObject(detail, "what", "final_report");
	cJSON_AddStringToObject(detail, "to", d->to);
	cJSON_AddStringToObject(detail, "basis", d->basis);
	rc = wf_audit_entry(ctx, "disclose", "case", d->case_id, NULL, 0, detail,
	                    e);
	cJSON_Delete(detail);
	return rc;
}
