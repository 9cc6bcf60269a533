/*
 * erase.c - a person erased (GDPR art. 17), once their cases are over:
 * who they are, how to reach them, every free text and health detail
 * written about them, and the same inside the audit's details, are
 * removed; what the figures count stays (sex, gender, municipality, the
 * certifications' kinds, dates, statuses, outcomes), and the birth date
 * keeps its year and moves, within it, to the first day that gives the
 * person the same age on every day their age is counted, so that every
 * report reads the same before and after. The audit chain still holds:
 * a detail enters the seal by its own hash, and each detail redacted
 * names the erasure that redacted it.
 */
#include <stdlib.h>
#include <string.h>

#include "auditchain.h"
#include "casefile.h"

const char wf_erase_columns[] = "kind,id,cases,erased_at,audit_redacted";

/* Whether birth gives the same age as b on every day of days. */
static int same_ages(wf_day b, wf_day birth, const cJSON *days)
{
	const cJSON *d;
	wf_day on;

	cJSON_ArrayForEach(d, days)
		if (cJSON_IsString(d) && wf_date_parse(d->valuestring, &on) == 0 &&
		    wf_date_age(b, on) != wf_date_age(birth, on))
			return 0;
	return 1;
}

/* The earliest day of the birth year that keeps every age counted: the
 * first of January, or the day after one of the days counted. */
static void kept_birth(const char *birth, const cJSON *days, char *out)
{
	wf_day b, best, c, on;
	int y, m, d;
	const cJSON *v;

	wf_date_parse(birth, &b);
	wf_date_to_ymd(b, &y, &m, &d);
	best = b;
	if (same_ages(wf_date_from_ymd(y, 1, 1), b, days))
		best = wf_date_from_ymd(y, 1, 1);
	cJSON_ArrayForEach(v, days) {
		int vy, vm, vd;

		if (!cJSON_IsString(v) || wf_date_parse(v->valuestring, &on))
			continue;
		wf_date_to_ymd(on, &vy, &vm, &vd);
		c = wf_date_from_ymd(y, vm, vd) + 1;
		if (c < best && c <= b && same_ages(c, b, days))
			best = c;
	}
	wf_date_format(best, out);
}

#define CASES_OF_PERSON " (SELECT id FROM cases WHERE person_id = ?1)"
#define SESSIONS_OF_PERSON \
	" (SELECT s.id FROM assessment_session s JOIN cases c" \
	" ON c.id = s.case_id WHERE c.person_id = ?1)"
#define PLANS_OF_PERSON \
	" (SELECT p.id FROM plan p JOIN cases c ON c.id = p.case_id" \
	" WHERE c.person_id = ?1)"
#define PLACEMENTS_OF_PERSON \
	" (SELECT p.id FROM placement p JOIN cases c ON c.id = p.case_id" \
	" WHERE c.person_id = ?1)"

static const char SQL_ERASE_AUDIT_NEXT[] =
	"SELECT id, detail FROM audit WHERE person_id = ?1 AND id > ?2"
	" AND id < ?3 AND redacted_by IS NULL ORDER BY id LIMIT 256";
enum {
	NEXT_ID, NEXT_DETAIL
};

static const char SQL_ERASE_AUDIT_SET[] =
	"UPDATE audit SET detail = ?2, redacted_by = ?3 WHERE id = ?1";

/* Redact the details of the entries about the person before entry by. */
static int redact(struct wf_store *st, long long person, long long by,
                  long *n, struct wf_err *e)
{
	long long last = 0, ids[256];
	char *texts[256];
	int k, rc = 0, step;

	do {
		struct wf_stmt *s = wf_sql(st, SQL_ERASE_AUDIT_NEXT, e);

		if (!s)
			return e->code;
		wf_bind_int64(s, 1, person);
		wf_bind_int64(s, 2, last);
		wf_bind_int64(s, 3, by);
		for (k = 0; k < 256 && (step = wf_step(s)) == WF_ROW; k++) {
			const char *t = wf_col_str(s, NEXT_DETAIL);

			ids[k] = last = wf_col_int64(s, NEXT_ID);
			texts[k] = t ? strdup(t) : NULL;
		}
		wf_reset(s);
		for (int i = 0; i < k; i++) {
			cJSON *d = texts[i] ? cJSON_Parse(texts[i]) : NULL;
			cJSON *r = wf_audit_redact(d);
			char *out = r ? cJSON_PrintUnformatted(r) : NULL;

			if (!rc && (s = wf_sql(st, SQL_ERASE_AUDIT_SET, e))) {
				wf_bind_int64(s, 1, ids[i]);
				wf_bind_text(s, 2, out);
				wf_bind_int64(s, 3, by);
				rc = wf_sql_done(st, s, e);
			} else if (!rc) {
				rc = e->code;
			}
			cJSON_free(out);
			cJSON_Delete(r);
			cJSON_Delete(d);
			free(texts[i]);
		}
		*n += k;
	} while (!rc && k == 256);
	return rc;
}

static const char SQL_ERASE_STATE[] =
	"SELECT erased_at, (SELECT group_concat(id || ' (' || status || ')',"
	" ', ') FROM cases WHERE person_id = ?1 AND status IN " OPEN_STATUSES
	"), (SELECT group_concat(id, ' ') FROM cases WHERE person_id = ?1)"
	" FROM person WHERE id = ?1";
enum {
	STATE_ERASED_AT, STATE_OPEN, STATE_CASES
};

/* Refuse a person erased already, or with a case still open. */
static int may_erase(struct wf_store *st, long long person, cJSON **cases,
                     struct wf_err *e)
{
	char id[24], open[512] = "", when[32] = "", all[4096] = "";
	struct wf_stmt *s;

	snprintf(id, sizeof id, "%lld", (long long)person);
	if (!(s = wf_sql_row(st, SQL_ERASE_STATE, id, WF_EX_DATAERR, "person",
	                     e)))
		return e->code;
	wf_col_text(s, STATE_ERASED_AT, when, sizeof when);
	wf_col_text(s, STATE_OPEN, open, sizeof open);
	wf_col_text(s, STATE_CASES, all, sizeof all);
	wf_reset(s);
	if (*when)
		return wf_err_set(e, WF_EX_DATAERR, "person %s was erased on %s",
		                  id, when);
	if (*open)
		return wf_err_set(e, WF_EX_DATAERR, "person %s has open cases: %s "
		                  "(close them first)", id, open);
	*cases = wf_json_split(all, ' ');
	return 0;
}

/* The days a person's age is counted on: referrals, and plans (entry). */
static const char SQL_ERASE_AGE_DAYS[] =
	"SELECT date FROM referral WHERE person_id = ?1 UNION"
	" SELECT p.agreed_on FROM plan p JOIN cases c ON c.id = p.case_id"
	" WHERE c.person_id = ?1";

static const char SQL_ERASE_PERSON[] =
	"UPDATE person SET first_name = '[erased]', last_name = '[erased]',"
	" tax_code = NULL, birth_date = ?2, birth_place = NULL,"
	" citizenship_as_written = NULL, name_letters = NULL, address = NULL,"
	" phone = NULL, email = NULL, match_key = '', erased_at = ?3"
	" WHERE id = ?1";

/* Free text, contacts and health details, and what ties the person to
 * others; codes, dates and outcomes, which the figures count, stay. A
 * screening's reasons are the rules it applied, counted by rule. */
static const char SQL_ERASE_DATA[] =
	"DELETE FROM person_duplicate WHERE (person_id = ?1 OR other_id = ?1)"
	" AND decision IS NOT 'same';"
	"UPDATE person_duplicate SET note = NULL WHERE person_id = ?1"
	" OR other_id = ?1;"
	"UPDATE referral SET referrer_contact = NULL, needs = NULL, notes = NULL,"
	" sent_names = NULL WHERE person_id = ?1;"
	"UPDATE certification SET invalidity = NULL, invalidity_percent = NULL,"
	" issued_by = NULL, details = NULL WHERE referral_id IN (SELECT id FROM referral"
	" WHERE person_id = ?1);"
	"UPDATE case_status SET note = NULL, reasons = CASE WHEN status IN"
	" ('screened', 'rejected') THEN reasons END WHERE case_id IN"
	CASES_OF_PERSON ";"
	"UPDATE assessment_session SET participants = NULL, notes = NULL"
	" WHERE case_id IN" CASES_OF_PERSON ";"
	"UPDATE skill SET evidence = NULL WHERE session_id IN"
	SESSIONS_OF_PERSON ";"
	"UPDATE prerequisite SET note = NULL WHERE session_id IN"
	SESSIONS_OF_PERSON ";"
	"UPDATE fragility SET note = NULL WHERE session_id IN"
	SESSIONS_OF_PERSON ";"
	"UPDATE decision SET reason = NULL WHERE case_id IN" CASES_OF_PERSON ";"
	"UPDATE plan SET notes = NULL WHERE case_id IN" CASES_OF_PERSON ";"
	"UPDATE plan_goal SET description = '[erased]' WHERE plan_id IN"
	PLANS_OF_PERSON ";"
	"UPDATE plan_action SET notes = NULL WHERE plan_id IN"
	PLANS_OF_PERSON ";"
	"UPDATE placement SET host_tutor = NULL, host_tutor_contact = NULL,"
	" notes = NULL, reason = NULL WHERE case_id IN" CASES_OF_PERSON ";"
	"UPDATE placement_status SET reason = NULL, note = NULL"
	" WHERE placement_id IN" PLACEMENTS_OF_PERSON ";"
	"UPDATE case_closure SET recommendations = NULL WHERE case_id IN"
	CASES_OF_PERSON ";"
	"UPDATE contact SET next_steps = NULL, notes = NULL WHERE case_id IN"
	CASES_OF_PERSON ";"
	"UPDATE follow_up SET notes = NULL WHERE case_id IN" CASES_OF_PERSON ";"
	"DELETE FROM voided WHERE case_id IN" CASES_OF_PERSON ";"
	"UPDATE consent SET note = NULL WHERE person_id = ?1";

static int erase_data(struct wf_ctx *ctx, long long person,
                      const char *now, struct wf_err *e)
{
	cJSON *days = cJSON_CreateArray(), *p;
	char birth[11], id[24];
	struct wf_stmt *s;
	int rc;

	snprintf(id, sizeof id, "%lld", (long long)person);
	if (!(p = wf_person_get(ctx->st, id, e))) {
		cJSON_Delete(days);
		return e->code;
	}
	rc = wf_sql_each(ctx->st, SQL_ERASE_AGE_DAYS, NULL, person, wf_col_push,
	                 days, e);
	kept_birth(wf_json_str(p, "birth_date"), days, birth);
	cJSON_Delete(days);
	cJSON_Delete(p);
	if (rc || !(s = wf_sql(ctx->st, SQL_ERASE_PERSON, e)))
		return rc ? rc : e->code;
	wf_bind_int64(s, 1, person);
	wf_bind_text(s, 2, birth);
	wf_bind_text(s, 3, now);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	return wf_sql_exec_with(ctx->st, SQL_ERASE_DATA, person, e);
}

/* The person a record names: a bare reference, a person or a line of
 * wf retention by its id, or anything else by its case. */
static const char *person_ref(const struct wf_record *rec, char *buf,
                              size_t len, struct wf_err *e)
{
	const char *kind = wf_json_str(rec->root, "kind");
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec->root, "id");

	if (kind && (!strcmp(kind, "person") || !strcmp(kind, "retention"))) {
		if (cJSON_IsNumber(id))
			snprintf(buf, len, "%.0f", id->valuedouble);
		else if (cJSON_IsString(id))
			snprintf(buf, len, "%s", id->valuestring);
		else {
			wf_record_err(rec, rec->root, "id", e, WF_EX_DATAERR,
			              "the record names no person");
			return NULL;
		}
		return buf;
	}
	return wf_record_case_id(rec, e);
}

int wf_person_erase(struct wf_ctx *ctx, const struct wf_erase_opts *o,
                    struct wf_record *rec, struct wf_err *e)
{
	char buf[64];
	const char *ref = person_ref(rec, buf, sizeof buf, e);
	long long person, by = 0;
	cJSON *cases = NULL, *d, *out;
	char now[32], id[24];
	long n = 0;
	int rc;

	if (!ref)
		return e->code;
	/* Erasure is whole or not at all: a role that sees part of the
	 * store would leave the rest. */
	if (wf_store_scoped(ctx->st))
		return wf_err_set(e, WF_EX_NOPERM, "a person is erased from a shared "
		                  "store by its owner, who sees all of it");
	if (!(person = wf_person_find(ctx->st, ref, e)))
		return e->code == WF_EX_NOMATCH ? (e->code = WF_EX_DATAERR) : e->code;
	if ((rc = may_erase(ctx->st, person, &cases, e)))
		return rc;
	wf_timestamp(now, sizeof now);
	snprintf(id, sizeof id, "%lld", (long long)person);
	d = cJSON_CreateObject();
	cJSON_AddStringToObject(d, "reason", o->reason);
	cJSON_AddItemToObject(d, "cases", cJSON_Duplicate(cases, 1));
	if (!(rc = wf_audit_entry(ctx, "erase", "person", id, NULL, person, d, e)))
		by = wf_sql_last_id(ctx->st);
	if (!rc && !(rc = erase_data(ctx, person, now, e)))
		rc = redact(ctx->st, person, by, &n, e);
	out = cJSON_CreateObject();
	cJSON_AddStringToObject(out, "kind", "erasure");
	cJSON_AddNumberToObject(out, "id", (double)person);
	cJSON_AddItemToObject(out, "cases", cases);
	cJSON_AddStringToObject(out, "erased_at", now);
	cJSON_AddNumberToObject(out, "audit_redacted", (double)n);
	if (!rc)
		rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	cJSON_Delete(d);
	return rc;
}
