/*
 * reportcase.c - the final report of one path, to share with the person
 * and the referring service: who, the programme, the referrer, the
 * timeline, the assessment's summary, the project and plan, each
 * placement with its host and outcome, the monitoring held, the outcome
 * and the recommendations given at closing. One record carries it all
 * (YAML, JSON); in Markdown it reads as a document.
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

static const char SQL_RCASE_PROGRAMME[] =
	"SELECT p.code AS id, p.name AS name FROM cases c JOIN programme p"
	" ON p.id = c.programme_id WHERE c.id = ?";

static void programme_row(cJSON *r, struct wf_stmt *s)
{
	cJSON *p = cJSON_AddObjectToObject(r, "programme");

	wf_row_add(p, s);
}

/* The names of the organisations a case's report names: its referrer,
 * its hosts, the providers of its plan's actions, whom it was shared
 * with. */
static const char SQL_RCASE_ORGS[] =
	"SELECT o.code, o.name FROM organisation o WHERE o.id IN ("
	"  SELECT referrer_id FROM referral WHERE case_id = ?1"
	"  UNION SELECT host_id FROM placement WHERE case_id = ?1"
	"  UNION SELECT recipient_id FROM disclosure WHERE case_id = ?1"
	"  UNION SELECT a.provider_id FROM plan_action a JOIN plan p"
	"   ON p.id = a.plan_id WHERE p.case_id = ?1)"
	" ORDER BY o.code";
enum {
	ORG_CODE, ORG_NAME
};

/* code: name, for the human forms to name organisations by. */
static void org_row(cJSON *orgs, struct wf_stmt *s)
{
	cJSON *name = wf_col_json(s, ORG_NAME);

	cJSON_AddItemToObject(orgs, wf_col_str(s, ORG_CODE),
	                      name);
}

/* When the report was shared before, and, for one being shared now (d
 * not NULL), today. */
static int shared(struct wf_store *st, cJSON *r, const char *id,
                  const struct wf_disclosure *d, struct wf_err *e)
{
	cJSON *list = cJSON_CreateArray(), *now;
	char day[11];
	int rc = wf_sql_each(st, WF_SQL_DISCLOSURES_OF_CASE, id, 0, wf_row_push,
	                     list, e);

	if (!rc && d) {
		wf_date_format(wf_date_today(), day);
		now = cJSON_CreateObject();
		cJSON_AddStringToObject(now, "date", day);
		cJSON_AddStringToObject(now, "what", "final_report");
		cJSON_AddStringToObject(now, "to", d->to);
		cJSON_AddStringToObject(now, "basis", d->basis);
		cJSON_AddItemToArray(list, now);
	}
	if (!rc && list->child)
		cJSON_AddItemToObject(r, "shared", list);
	else
		cJSON_Delete(list);
	return rc;
}

static void placement_id_row(cJSON *list, struct wf_stmt *s)
{
	cJSON_AddItemToArray(list, wf_col_json(s, 0));
}

/* Move member name of from into to, if there. */
static void take(cJSON *to, cJSON *from, const char *name)
{
	cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(from, name);

	if (v)
		cJSON_AddItemToObject(to, name, v);
}

static int placements(struct wf_store *st, cJSON *r, const char *id,
                      struct wf_err *e)
{
	static const char *const keep[] = { "id", "type", "host", "start", "end",
	                                    "hours_week", "stipend", "status",
	                                    "status_date", "outcome", "reason",
	                                    NULL };
	cJSON *ids = cJSON_CreateArray(), *list = cJSON_CreateArray();
	const cJSON *p;
	int rc = wf_sql_each(st, WF_SQL_PREC_OF_CASE, id, 0, placement_id_row,
	                     ids, e);

	cJSON_ArrayForEach(p, ids) {
		cJSON *full, *brief;

		if (rc || !(full = wf_placement_record(st, p->valuestring, 0, e))) {
			rc = rc ? rc : e->code;
			break;
		}
		brief = cJSON_CreateObject();
		for (int i = 0; keep[i]; i++)
			take(brief, full, keep[i]);
		cJSON_AddItemToArray(list, brief);
		cJSON_Delete(full);
	}
	cJSON_Delete(ids);
	if (!rc && cJSON_GetArraySize(list))
		cJSON_AddItemToObject(r, "placements", list);
	else
		cJSON_Delete(list);
	return rc;
}

/* The assessment's summary and the plan, when the case got that far. */
static int assessment(struct wf_store *st, cJSON *r, const char *id,
                      struct wf_err *e)
{
	cJSON *a = wf_assessment_record(st, id, 0, e), *sum;

	if (!a)
		return e->code;
	sum = cJSON_CreateObject();
	take(sum, a, "skills");
	take(sum, a, "prerequisites");
	take(sum, a, "profile");
	take(sum, a, "decision");
	if (sum->child)
		cJSON_AddItemToObject(r, "assessment", sum);
	else
		cJSON_Delete(sum);
	take(r, a, "plan");
	cJSON_Delete(a);
	return 0;
}

static const char SQL_RCASE_CONTACTS[] =
	"SELECT date, party AS \"with\", how, risk, next_steps FROM contact"
	" WHERE case_id = ? ORDER BY date, id";

static int monitoring(struct wf_store *st, cJSON *r, const char *id,
                      struct wf_err *e)
{
	cJSON *list = cJSON_CreateArray();
	int rc = wf_sql_each(st, SQL_RCASE_CONTACTS, id, 0, wf_row_push, list,
	                     e);

	if (!rc && cJSON_GetArraySize(list))
		cJSON_AddItemToObject(r, "monitoring", list);
	else
		cJSON_Delete(list);
	return rc;
}

static cJSON *report_record(struct wf_store *st, const char *id,
                            struct wf_err *e)
{
	cJSON *c = wf_case_timeline_record(st, id, e), *r, *who;

	if (!c)
		return NULL;
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", "case_report");
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "case", id);
	who = cJSON_AddObjectToObject(r, "person");
	take(who, cJSON_GetObjectItem(c, "person"), "first_name");
	take(who, cJSON_GetObjectItem(c, "person"), "last_name");
	take(who, cJSON_GetObjectItem(c, "person"), "tax_code");
	if (wf_sql_each(st, SQL_RCASE_PROGRAMME, id, 0, programme_row, r, e)) {
		cJSON_Delete(c);
		cJSON_Delete(r);
		return NULL;
	}
	take(r, c, "referrer");
	take(r, c, "referrer_contact");
	cJSON_AddItemToObject(r, "referral_date",
	                      cJSON_DetachItemFromObjectCaseSensitive(c, "date"));
	take(r, c, "status");
	take(r, c, "status_date");
	take(r, c, "reasons");
	take(r, c, "rules");
	if (assessment(st, r, id, e) || placements(st, r, id, e) ||
	    monitoring(st, r, id, e)) {
		cJSON_Delete(c);
		cJSON_Delete(r);
		return NULL;
	}
	take(r, c, "closure");
	take(r, c, "timeline");
	cJSON_Delete(c);
	if (wf_sql_each(st, SQL_RCASE_ORGS, id, 0, org_row,
	                cJSON_AddObjectToObject(r, "organisations"), e)) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* The record, and what it says of sharing. */
static cJSON *report_for(struct wf_store *st, const char *id,
                         const struct wf_disclosure *d, struct wf_err *e)
{
	cJSON *r = report_record(st, id, e);

	if (r && shared(st, r, id, d, e)) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* The reports as documents for people (-o md, -o html), or records. */
static int write_one(struct wf_ctx *ctx, struct wf_doc *d, int i,
                     const cJSON *r, struct wf_err *e)
{
	int rc;

	if (!ctx->out || (rc = wf_audit_shown(ctx, r, e)) == 0) {
		if (!ctx->out)
			return 0;
		if (ctx->fmt != WF_FMT_MD && ctx->fmt != WF_FMT_HTML)
			return wf_emit(ctx, r, e);
		d->f = wf_out_file(ctx->out);
		d->html = ctx->fmt == WF_FMT_HTML;
		wf_report_case_doc(d, r, i == 0);
		rc = ferror(d->f) ? wf_err_set(e, WF_EX_IOERR, "cannot write the "
		                               "report") : 0;
	}
	return rc;
}

/* The disclosures made, after the reading snapshot: a transaction of
 * their own. */
static int disclosed(struct wf_ctx *ctx, const struct wf_disclosure *d, int n,
                     struct wf_err *e)
{
	int rc = wf_store_end_read(ctx->st, e);

	if (!rc)
		rc = wf_store_begin(ctx->st, e);
	for (int i = 0; i < n && !rc; i++)
		rc = wf_disclosure_record(ctx, &d[i], e);
	if (!rc)
		return wf_store_commit(ctx->st, e);
	wf_store_rollback(ctx->st);
	return rc;
}

int wf_report_case(struct wf_ctx *ctx, const struct wf_ids *ids,
                   const struct wf_report_case_opts *o, struct wf_err *e)
{
	int n = ids->n, rc = 0, sharing = o && o->for_, written = 0;
	struct wf_disclosure *d = NULL;
	struct wf_doc doc = { 0 };

	/* every case may be shared, or none is */
	if (sharing && !(d = calloc((size_t)n, sizeof *d)))
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	for (int i = 0; sharing && i < n && !rc; i++)
		rc = wf_disclosure_check(ctx->st, ids->v[i], o->for_, o->to,
		                         &d[i], e);
	for (int i = 0; i < n && !rc; i++) {
		cJSON *r = report_for(ctx->st, ids->v[i],
		                      sharing ? &d[i] : NULL, e);

		rc = r ? write_one(ctx, &doc, written, r, e) : e->code;
		written += r && !rc;
		cJSON_Delete(r);
	}
	/* a document begun is ended, whole, even when a case failed */
	if (written && doc.f && wf_doc_end(&doc) && !rc)
		rc = wf_err_set(e, WF_EX_IOERR, "cannot write the report");
	if (!rc && sharing)
		rc = disclosed(ctx, d, n, e);
	free(d);
	return rc;
}
