/*
 * personexport.c - what the store holds about one person, for their right
 * of access (GDPR art. 15): the person, and for each of their cases the
 * case with its history and timeline, the assessment, the placements,
 * the contacts, the follow-ups, the disclosures, the records voided, and
 * their consents before them; then every audit
 * entry about them; as records, to be handed over in YAML or JSON. The
 * export itself is audited. And the people whose case files are past the
 * time their programmes keep them (wf retention).
 */
#include <stdlib.h>
#include <string.h>

#include "auditchain.h"
#include "casefile.h"

const char wf_retention_columns[] = "id,cases,over_since,keep_until";

/* Emit rec (taken over) unless it is NULL; NULL with NOMATCH is none. */
static int give(struct wf_ctx *ctx, cJSON *rec, struct wf_err *e)
{
	int rc;

	if (!rec)
		return e->code == WF_EX_NOMATCH ? 0 : e->code;
	rc = wf_emit(ctx, rec, e);
	cJSON_Delete(rec);
	return rc;
}

/* The items sql lists for case id, each emitted as get makes it. */
static int items(struct wf_ctx *ctx, const char *sql, const char *id,
                 cJSON *(*get)(struct wf_store *, const cJSON *,
                               struct wf_err *), struct wf_err *e)
{
	cJSON *ids = cJSON_CreateArray(), *v;
	int rc = wf_sql_each(ctx->st, sql, id, 0, wf_col_push, ids, e);

	for (v = ids->child; v && !rc; v = v->next)
		rc = give(ctx, get(ctx->st, v, e), e);
	cJSON_Delete(ids);
	return rc;
}

static cJSON *placement(struct wf_store *st, const cJSON *id, struct wf_err *e)
{
	return wf_placement_record(st, id->valuestring, 1, e);
}

static cJSON *contact(struct wf_store *st, const cJSON *id, struct wf_err *e)
{
	return wf_contact_record(st, (long long)id->valuedouble, e);
}

static cJSON *follow_up(struct wf_store *st, const cJSON *id, struct wf_err *e)
{
	return wf_follow_up_record(st, (long long)id->valuedouble, e);
}

static const char SQL_VOIDED_OF_CASE[] =
	"SELECT kind, record_id, data, reason, voided_at, operator FROM voided"
	" WHERE case_id = ? ORDER BY id";
enum {
	VOID_KIND, VOID_ID, VOID_DATA, VOID_REASON, VOID_AT, VOID_BY
};

static void voided_row(cJSON *list, struct wf_stmt *s)
{
	cJSON *r = cJSON_CreateObject();
	const char *data = wf_col_str(s, VOID_DATA);

	cJSON_AddStringToObject(r, "kind", "voided");
	wf_col_add(r, "entity", s, VOID_KIND);
	wf_col_add(r, "id", s, VOID_ID);
	cJSON_AddItemToObject(r, "data", data ? cJSON_Parse(data)
	                                      : cJSON_CreateNull());
	wf_col_add(r, "reason", s, VOID_REASON);
	wf_col_add(r, "voided_at", s, VOID_AT);
	wf_col_add(r, "voided_by", s, VOID_BY);
	cJSON_AddItemToArray(list, r);
}

/* The case whole: its record with the history of its statuses and the
 * timeline of every step. */
static cJSON *case_whole(struct wf_store *st, const char *id, struct wf_err *e)
{
	cJSON *r = wf_case_timeline_record(st, id, e), *h;

	if (!r || !(h = wf_case_record(st, id, 1, e))) {
		cJSON_Delete(r);
		return NULL;
	}
	cJSON_AddItemToObject(r, "history", cJSON_DetachItemFromObjectCaseSensitive(
		h, "history"));
	cJSON_Delete(h);
	return r;
}

static const char SQL_FOLLOW_OF_CASE[] =
	"SELECT id FROM follow_up WHERE case_id = ? ORDER BY date, id";

static int one_case(struct wf_ctx *ctx, const char *id, struct wf_err *e)
{
	cJSON *voided = cJSON_CreateArray(), *v;
	int rc = give(ctx, case_whole(ctx->st, id, e), e);

	if (!rc)
		rc = give(ctx, wf_assessment_record(ctx->st, id, 1, e), e);
	if (!rc)
		rc = items(ctx, WF_SQL_PREC_OF_CASE, id, placement, e);
	if (!rc)
		rc = items(ctx, WF_SQL_MON_OF_CASE, id, contact, e);
	if (!rc)
		rc = items(ctx, SQL_FOLLOW_OF_CASE, id, follow_up, e);
	if (!rc)
		rc = wf_disclosure_emit(ctx, id, e);
	if (!rc)
		rc = wf_sql_each(ctx->st, SQL_VOIDED_OF_CASE, id, 0, voided_row,
		                 voided, e);
	for (v = voided->child; v && !rc; v = v->next) {
		cJSON_AddStringToObject(v, "case", id);
		rc = wf_emit(ctx, v, e);
	}
	cJSON_Delete(voided);
	return rc;
}

/* The export, in the audit, with the cases it gave. */
static int audit_export(struct wf_ctx *ctx, long long person,
                        const cJSON *cases, struct wf_err *e)
{
	cJSON *d = cJSON_CreateObject();
	char id[24];
	int rc;

	snprintf(id, sizeof id, "%lld", (long long)person);
	cJSON_AddItemToObject(d, "cases", cJSON_Duplicate(cases, 1));
	rc = wf_audit_apart(ctx, "export", "person", id, person, d, e);
	cJSON_Delete(d);
	return rc;
}

int wf_person_export(struct wf_ctx *ctx, const char *ref, struct wf_err *e)
{
	long long person = wf_person_find(ctx->st, ref, e);
	struct wf_audit_filter f = { 0 };
	cJSON *cases, *v;
	char id[24];
	long n = 0;
	int rc;

	if (!person || (rc = give(ctx, wf_person_get(ctx->st, ref, e), e)))
		return person ? rc : e->code;
	cases = cJSON_CreateArray();
	rc = wf_consent_emit(ctx, person, &n, e);
	if (!rc)
		rc = wf_sql_each(ctx->st, WF_SQL_PERSON_CASES_OF, NULL, person,
		                 wf_col_push, cases, e);
	for (v = cases->child; v && !rc; v = v->next)
		rc = one_case(ctx, v->valuestring, e);
	snprintf(id, sizeof id, "%lld", (long long)person);
	f.person = id;
	if (!rc && (rc = wf_audit_log(ctx, &f, e)) == WF_EX_NOMATCH)
		rc = 0;
	if (!rc)
		rc = audit_export(ctx, person, cases, e);
	cJSON_Delete(cases);
	return rc;
}

int wf_person_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                   struct wf_err *e)
{
	return wf_show_each(ctx, ids, wf_person_get, e);
}

/* The people whose every case is over, and was over before ?1 by the
 * years its programme keeps a case file; a programme without
 * retention_years keeps its files. */
static const char SQL_RETENTION[] =
	"SELECT person_id, cases, over_since, keep_until FROM ("
	" SELECT c.person_id AS person_id, group_concat(c.id, ' ') AS cases,"
	" max(c.status_date) AS over_since,"
	" max(date(c.status_date, '+' || (g.definition ->> '$.retention_years')"
	" || ' years')) AS keep_until FROM cases c"
	" JOIN programme g ON g.id = c.programme_id"
	" JOIN person pe ON pe.id = c.person_id AND pe.erased_at IS NULL"
	" GROUP BY c.person_id"
	" HAVING count(CASE WHEN c.status IN " OPEN_STATUSES " THEN 1 END) = 0"
	" AND count(g.definition ->> '$.retention_years') = count(*)) AS kept"
	" WHERE keep_until < ?1 ORDER BY person_id";
enum {
	KEEP_PERSON, KEEP_CASES, KEEP_OVER_SINCE, KEEP_UNTIL
};

static void retention_row(cJSON *list, struct wf_stmt *s)
{
	cJSON *r = cJSON_CreateObject();
	const char *ids = wf_col_str(s, KEEP_CASES);

	cJSON_AddStringToObject(r, "kind", "retention");
	cJSON_AddNumberToObject(r, "id",
	                        (double)wf_col_int64(s, KEEP_PERSON));
	cJSON_AddItemToObject(r, "cases", wf_json_split(ids ? ids : "", ' '));
	wf_col_add(r, "over_since", s, KEEP_OVER_SINCE);
	wf_col_add(r, "keep_until", s, KEEP_UNTIL);
	cJSON_AddItemToArray(list, r);
}

int wf_retention(struct wf_ctx *ctx, const char *as_of, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_RETENTION, e);
	char day[11];
	long n = 0;
	int rc = 0, step;

	if (!s)
		return e->code;
	if ((rc = wf_effective_date(as_of, "--as-of", day, e)))
		return rc;
	wf_bind_text(s, 1, day);
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		cJSON *list = cJSON_CreateArray();

		retention_row(list, s);
		rc = wf_emit(ctx, list->child, e);
		cJSON_Delete(list);
		n++;
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	wf_reset(s);
	if (!rc && !n)
		rc = wf_err_set(e, WF_EX_NOMATCH, "nobody's case file is past its "
		                "retention on %s", day);
	return rc;
}
