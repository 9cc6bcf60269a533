/*
 * referamend.c - corrections of a referral: its date, referrer, the
 * person's situation when referred (employment, gender, education,
 * disability, certifications), the needs and notes. A referral is named
 * by its case ("2026-0005", the first, which opened the case) or by its
 * place among the case's referrals ("2026-0005/2"). Checked as a
 * referral is; the first one's date is the case's opening and moves it;
 * a case screened in must still meet its programme's target.
 *
 * Tables: referral, certification (cases and case_status for the
 * opening).
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

static const char *const referral_kinds[] = { "referral", NULL };
static const struct wf_field fields[] = {
	{ "kind", WF_T_ENUM, 0, referral_kinds, NULL, 0, 0 },
	{ "id", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "case", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "date", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "referrer", WF_T_CODE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "referrer_contact", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "employment_status", WF_T_ENUM, WF_F_REQUIRED, wf_employment_statuses,
	  NULL, 0, 0 },
	{ "employment_since", WF_T_DATE, 0, NULL, NULL, 0, 0 },
	{ "gender", WF_T_ENUM, 0, wf_genders, NULL, 0, 0 },
	{ "education", WF_T_ENUM, 0, wf_education_levels, NULL, 0, 0 },
	{ "disability", WF_T_ENUM, 0, wf_yes_no_declined, NULL, 0, 0 },
	{ "foreign_background", WF_T_ENUM, 0, wf_yes_no_declined, NULL, 0, 0 },
	{ "minority", WF_T_ENUM, 0, wf_yes_no_declined, NULL, 0, 0 },
	{ "homeless", WF_T_ENUM, 0, wf_yes_no_declined, NULL, 0, 0 },
	{ "rural", WF_T_ENUM, 0, wf_yes_no_declined, NULL, 0, 0 },
	{ "certifications", WF_T_LIST, 0, NULL, &wf_cert_schema, 0, 0 },
	{ "needs", WF_T_STRINGS, 0, NULL, NULL, 0, 0 },
	{ "notes", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema referral_schema = { "referral", fields };

/* "CASE" or "CASE/N": the case and the referral's place (1 the first). */
static int parse_id(const char *id, char *case_id, size_t len, long *nth)
{
	const char *slash = strchr(id, '/');
	char *end;

	*nth = 1;
	if (slash) {
		*nth = strtol(slash + 1, &end, 10);
		if (*end || *nth < 1 || *nth > 100000)
			return -1;
	}
	snprintf(case_id, len, "%.*s", (int)(slash ? slash - id : (long)strlen(id)),
	         id);
	return case_id[0] ? 0 : -1;
}

/* A case's Nth referral (from 0), with its referrer's code. */
static const char SQL_REFERRAL_NTH[] =
	"SELECT r.id, r.case_id, r.date, o.code, r.referrer_contact,"
	" r.employment_status, r.employment_since, r.gender, r.education,"
	" r.disability, r.needs, r.notes, r.foreign_background, r.minority,"
	" r.homeless, r.rural"
	" FROM referral r JOIN organisation o ON o.id = r.referrer_id"
	" WHERE r.case_id = ? ORDER BY r.id LIMIT 1 OFFSET ?";
enum {
	NTH_ROW, NTH_CASE, NTH_DATE, NTH_REFERRER, NTH_REFERRER_CONTACT,
	NTH_EMPLOYMENT_STATUS, NTH_EMPLOYMENT_SINCE, NTH_GENDER,
	NTH_EDUCATION, NTH_DISABILITY, NTH_NEEDS, NTH_NOTES,
	NTH_ESF_FACTS             /* four: wf_esf_facts, in order */
};

static cJSON *referral_row(struct wf_stmt *s, const char *id)
{
	static const char *const names[] = { "case", "date", "referrer",
	                                     "referrer_contact",
	                                     "employment_status",
	                                     "employment_since", "gender",
	                                     "education", "disability" };
	cJSON *r = cJSON_CreateObject();
	const char *needs = wf_col_str(s, NTH_NEEDS);
	cJSON *list = needs ? cJSON_Parse(needs) : NULL;

	cJSON_AddStringToObject(r, "kind", "referral");
	cJSON_AddStringToObject(r, "id", id);
	for (int i = NTH_CASE; i <= NTH_DISABILITY; i++)
		wf_col_add(r, names[i - NTH_CASE], s, i);
	for (int i = 0; wf_esf_facts[i]; i++)
		wf_col_add(r, wf_esf_facts[i], s, NTH_ESF_FACTS + i);
	if (list)
		cJSON_AddItemToObject(r, "needs", list);
	wf_col_add(r, "notes", s, NTH_NOTES);
	return r;
}

/* The referral and its number in the store (*num). */
static cJSON *load(struct wf_store *st, const char *id, long long *num,
                   struct wf_err *e)
{
	char case_id[32];
	long nth;
	struct wf_stmt *s;
	cJSON *r = NULL, *certs;
	int rc;

	if (parse_id(id, case_id, sizeof case_id, &nth)) {
		wf_err_set(e, WF_EX_DATAERR, "'%s' is not a referral: CASE, or "
		           "CASE/N for its Nth referral", id);
		return NULL;
	}
	if (!(s = wf_sql(st, SQL_REFERRAL_NTH, e)))
		return NULL;
	wf_bind_text(s, 1, case_id);
	wf_bind_int64(s, 2, nth - 1);
	if ((rc = wf_step(s)) == WF_ROW) {
		*num = wf_col_int64(s, NTH_ROW);
		r = referral_row(s, nth > 1 ? id : case_id);
	}
	wf_reset(s);
	if (rc != WF_ROW) {
		if (rc == WF_DONE)
			wf_err_set(e, WF_EX_NOMATCH, "referral '%s' not found", id);
		else
			wf_sql_err(st, rc, e);
		return NULL;
	}
	certs = cJSON_CreateArray();
	if (wf_sql_each(st, WF_SQL_CASEREC_CERTS, NULL, *num, wf_row_push, certs,
	                e)) {
		cJSON_Delete(certs);
		cJSON_Delete(r);
		return NULL;
	}
	if (cJSON_GetArraySize(certs))
		cJSON_AddItemToObject(r, "certifications", certs);
	else
		cJSON_Delete(certs);
	return r;
}

cJSON *wf_referral_get(struct wf_store *st, const char *id, struct wf_err *e)
{
	long long num;

	return load(st, id, &num, e);
}

static const char SQL_REFERRAL_BIRTH[] =
	"SELECT p.birth_date FROM cases c JOIN person p ON p.id = c.person_id"
	" WHERE c.id = ?";

/* Dates: not in the future, not before the person's birth, the
 * employment situation not after it. */
static int check_dates(struct wf_store *st, const struct wf_record *rec,
                       const char *case_id, struct wf_err *e)
{
	const cJSON *r = rec->root;
	const char *date = wf_json_str(r, "date");
	const char *since = wf_json_str(r, "employment_since");
	char birth[11];
	int rc;

	if ((rc = wf_amend_not_future(rec, e)))
		return rc;
	if (since && strcmp(since, date) > 0)
		return wf_record_err(rec, wf_json_path(r, "employment_since"),
		                     "employment_since", e, WF_EX_DATAERR, "'%s' is "
		                     "after the referral date %s", since, date);
	if ((rc = wf_sql_text(st, SQL_REFERRAL_BIRTH, case_id, NULL, birth,
	                      sizeof birth, e)))
		return rc;
	if (birth[0] && strcmp(birth, date) > 0)
		return wf_record_err(rec, wf_json_path(r, "date"), "date", e,
		                     WF_EX_DATAERR, "'%s' is before the person's "
		                     "birth, %s", date, birth);
	return 0;
}

static const char SQL_REFERRAL_SET[] =
	"UPDATE referral SET referrer_id = ?, referrer_contact = ?, date = ?,"
	" employment_status = ?, employment_since = ?, needs = ?, notes = ?,"
	" gender = ?, education = ?, disability = ?10, foreign_background = ?12,"
	" minority = ?13, homeless = ?14, rural = ?15 WHERE id = ?11";

static const char SQL_REFERRAL_CERTS_DEL[] =
	"DELETE FROM certification WHERE referral_id = ?1";

static int store(struct wf_store *st, const cJSON *r, long long num,
                 long long referrer, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_REFERRAL_SET, e);
	int rc;

	if (!s)
		return e->code;
	wf_bind_int64(s, 1, referrer);
	wf_bind_text(s, 2, wf_json_str(r, "referrer_contact"));
	wf_bind_text(s, 3, wf_json_str(r, "date"));
	wf_bind_text(s, 4, wf_json_str(r, "employment_status"));
	wf_bind_text(s, 5, wf_json_str(r, "employment_since"));
	wf_bind_json(s, 6, cJSON_GetObjectItemCaseSensitive(r, "needs"));
	wf_bind_text(s, 7, wf_json_str(r, "notes"));
	wf_bind_text(s, 8, wf_json_str(r, "gender"));
	wf_bind_text(s, 9, wf_json_str(r, "education"));
	wf_bind_text(s, 10, wf_json_str(r, "disability"));
	wf_bind_int64(s, 11, num);
	for (int i = 0; wf_esf_facts[i]; i++)
		wf_bind_text(s, 12 + i, wf_json_str(r, wf_esf_facts[i]));
	if ((rc = wf_sql_done(st, s, e)) ||
	    (rc = wf_sql_exec_with(st, SQL_REFERRAL_CERTS_DEL, num, e)))
		return rc;
	return wf_refer_add_certs(st, num, cJSON_GetObjectItemCaseSensitive(r,
	                          "certifications"), e);
}

static const char SQL_REFERRAL_OPENED[] =
	"UPDATE cases SET opened_on = ? WHERE id = ?";

/* The first referral opened the case: its date is the opening's. */
static int move_opening(struct wf_store *st, const char *case_id,
                        const char *was, const char *date, struct wf_err *e)
{
	struct wf_step p;
	struct wf_stmt *s;
	int found;

	if (!strcmp(was, date))
		return 0;
	if ((found = wf_case_step_find(st, case_id, "referred", was, &p, e)) < 0)
		return e->code;
	if (found && wf_case_step_redate(st, &p, date, e))
		return e->code;
	if (!(s = wf_sql(st, SQL_REFERRAL_OPENED, e)))
		return e->code;
	wf_bind_text(s, 1, date);
	wf_bind_text(s, 2, case_id);
	return wf_sql_done(st, s, e);
}

/* The corrected referral checked as a referral is; its referrer found. */
static int referral_ok(struct wf_ctx *ctx, const struct wf_record *rec,
                       const char *case_id, long long *referrer,
                       struct wf_err *e)
{
	const cJSON *r = rec->root;
	int rc;

	if ((rc = wf_amend_same_case(rec, "referral", case_id, e)) ||
	    (rc = wf_validate(rec, rec->root, &referral_schema, "", e)) ||
	    (rc = check_dates(ctx->st, rec, case_id, e)) ||
	    (rc = wf_certs_check(rec, cJSON_GetObjectItemCaseSensitive(r,
	                         "certifications"), "certifications",
	                         wf_json_str(r, "date"), e)))
		return rc;
	if (wf_org_require(ctx->st, wf_json_str(r, "referrer"), "referrer",
	                   referrer, e))
		return wf_record_at(rec, wf_json_path(r, "referrer"), "referrer", e);
	return 0;
}

int wf_referral_amend(struct wf_ctx *ctx, struct wf_record *rec,
                      const char *id, struct wf_err *e)
{
	const cJSON *r = rec->root;
	long long num;
	long long referrer;
	cJSON *was = load(ctx->st, id, &num, e);
	const char *case_id;
	int rc;

	if (!was)
		return e->code;
	case_id = wf_json_str(was, "case");
	rc = referral_ok(ctx, rec, case_id, &referrer, e);
	if (!rc && !strchr(id, '/') &&
	    (rc = move_opening(ctx->st, case_id, wf_json_str(was, "date"),
	                       wf_json_str(r, "date"), e)))
		rc = wf_record_at(rec, wf_json_path(r, "date"), "date", e);
	if (!rc && !(rc = store(ctx->st, r, num, referrer, e)))
		rc = wf_refer_recheck(ctx, case_id, e);
	cJSON_Delete(was);
	return rc;
}
