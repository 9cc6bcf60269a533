/*
 * caserecord.c - the case record, as every command prints it, and the
 * queries that list and show cases. The record has the shape of a
 * referral (so 'wf-refer show' output is valid 'wf-refer add' input) plus
 * what the case is now:
 *
 *   kind, id, status, status_date, programme, date, referrer,
 *   referrer_contact, person {...}, needs, notes, referrals (when more
 *   than one), possible_duplicate_of, same_person_as, note, reasons,
 *   rules, and in show only referred (each referral: id, date, referrer,
 *   contact, and the names it sent when not the person's; when more than
 *   one) and history
 */
#include <string.h>

#include "casefile.h"

/* A stored JSON column (a list) back as a tree. */
static void add_json_col(cJSON *o, const char *name, struct wf_stmt *s, int i)
{
	const char *t = wf_col_str(s, i);
	cJSON *v = t ? cJSON_Parse(t) : NULL;

	if (v)
		cJSON_AddItemToObject(o, name, v);
}

static const char SQL_SAME_PERSON[] =
	"SELECT c.id FROM person p JOIN person q ON q.same_as = p.same_as"
	" AND q.id <> p.id JOIN cases c ON c.person_id = q.id WHERE p.id = ?"
	" ORDER BY c.id";

static void dup_row(cJSON *list, struct wf_stmt *s)
{
	cJSON_AddItemToArray(list, wf_col_json(s, 0));
}

/* The case ids sql gives for the person, under key when there are any. */
static int case_list(struct wf_store *st, cJSON *rec, const char *key,
                     const char *sql, long long person, struct wf_err *e)
{
	cJSON *list = cJSON_CreateArray();
	int rc = wf_sql_each(st, sql, NULL, person, dup_row, list, e);

	if (!rc && cJSON_GetArraySize(list)) {
		cJSON_AddItemToObject(rec, key, list);
		return 0;
	}
	cJSON_Delete(list);
	return rc;
}

/* Reasons as stored: each as its text, the failed rules beside. */
static void add_reasons(cJSON *o, struct wf_stmt *s, int i)
{
	const char *t = wf_col_str(s, i);
	cJSON *v = t ? cJSON_Parse(t) : NULL;

	wf_reasons_add(o, v);
	cJSON_Delete(v);
}

static const char SQL_CASE_MANAGER[] =
	"SELECT" MANAGER_ON("?1", "?2");

/* The case manager assigned today, when there is one. */
static int manager(struct wf_store *st, cJSON *rec, const char *id,
                   struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_CASE_MANAGER, e);
	char today[11];
	int rc;

	if (!s)
		return e->code;
	wf_date_format(wf_date_today(), today);
	wf_bind_text(s, 1, id);
	wf_bind_text(s, 2, today);
	if ((rc = wf_step(s)) == WF_ROW)
		wf_col_add(rec, "manager", s, 0);
	wf_reset(s);
	return rc == WF_ROW || rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

/* The person's identity: the columns are the record's keys. */
static const char SQL_CASEREC_PERSON[] =
	"SELECT first_name, last_name, tax_code, birth_date, sex, birth_place,"
	" citizenship, municipality, address, phone, email FROM person"
	" WHERE id = ?";

static void person_row(cJSON *p, struct wf_stmt *s)
{
	wf_row_add(p, s);
}

/* The head of a case record: the case, its first referral, and how many
 * referrals it had. */
static const char SQL_CASEREC_HEAD[] =
	"SELECT c.id, c.status, c.status_date, p.code, r.date, o.code,"
	" r.referrer_contact, c.person_id, r.id, r.employment_status,"
	" r.employment_since, r.needs, r.notes,"
	" (SELECT count(*) FROM referral x WHERE x.case_id = c.id),"
	" r.gender, r.education, r.disability, r.foreign_background,"
	" r.minority, r.homeless, r.rural"
	" FROM cases c JOIN programme p ON p.id = c.programme_id"
	" JOIN referral r ON r.id ="
	"  (SELECT min(x.id) FROM referral x WHERE x.case_id = c.id)"
	" JOIN organisation o ON o.id = r.referrer_id WHERE c.id = ?";
enum {
	HEAD_ID, HEAD_STATUS, HEAD_STATUS_DATE, HEAD_PROGRAMME, HEAD_DATE,
	HEAD_REFERRER, HEAD_REFERRER_CONTACT, HEAD_PERSON, HEAD_REFERRAL,
	HEAD_EMPLOYMENT_STATUS, HEAD_EMPLOYMENT_SINCE, HEAD_NEEDS, HEAD_NOTES,
	HEAD_REFERRALS, HEAD_GENDER, HEAD_EDUCATION, HEAD_DISABILITY,
	HEAD_ESF_FACTS            /* four: wf_esf_facts, in order */
};

/* The person block: identity from person, situation from the referral. */
static int person_block(struct wf_store *st, cJSON *rec, struct wf_stmt *head,
                        struct wf_err *e)
{
	cJSON *p = cJSON_AddObjectToObject(rec, "person");
	cJSON *certs = cJSON_CreateArray();
	int rc;

	if ((rc = wf_sql_each(st, SQL_CASEREC_PERSON, NULL,
	                      wf_col_int64(head, HEAD_PERSON),
		person_row,
	                      p, e)) ||
	    (rc = wf_sql_each(st, WF_SQL_CASEREC_CERTS, NULL,
	                      wf_col_int64(head, HEAD_REFERRAL),
	                      wf_row_push, certs, e))) {
		cJSON_Delete(certs);
		return rc;
	}
	wf_col_add(p, "employment_status", head, HEAD_EMPLOYMENT_STATUS);
	wf_col_add(p, "employment_since", head, HEAD_EMPLOYMENT_SINCE);
	wf_col_add(p, "gender", head, HEAD_GENDER);
	wf_col_add(p, "education", head, HEAD_EDUCATION);
	wf_col_add(p, "disability", head, HEAD_DISABILITY);
	for (int i = 0; wf_esf_facts[i]; i++)
		wf_col_add(p, wf_esf_facts[i], head, HEAD_ESF_FACTS + i);
	if (cJSON_GetArraySize(certs))
		cJSON_AddItemToObject(p, "certifications", certs);
	else
		cJSON_Delete(certs);
	return 0;
}

/* Each referral of a case: the columns are the record's keys. */
static const char SQL_CASEREC_REFERRALS[] =
	"SELECT r.case_id || '/' || row_number() OVER (ORDER BY r.id) AS id,"
	" r.date AS date, o.code AS referrer,"
	" r.referrer_contact AS referrer_contact, r.sent_names AS sent_names"
	" FROM referral r JOIN organisation o ON o.id = r.referrer_id"
	" WHERE r.case_id = ? ORDER BY r.id";

static const char SQL_CASEREC_DUPS[] =
	"SELECT DISTINCT c.id FROM person_duplicate d"
	" JOIN cases c ON c.person_id = d.other_id WHERE d.person_id = ?"
	" AND d.decision IS NULL"
	" ORDER BY c.id";

static const char SQL_CASEREC_LAST[] =
	"SELECT note, reasons FROM case_status WHERE case_id = ?"
	" ORDER BY id DESC LIMIT 1";
enum { LAST_NOTE, LAST_REASONS };

static void last_row(cJSON *rec, struct wf_stmt *s)
{
	wf_col_add(rec, "note", s, LAST_NOTE);
	add_reasons(rec, s, LAST_REASONS);
}

static const char SQL_CASEREC_HISTORY[] =
	"SELECT status, effective_date, note, reasons, recorded_at, operator"
	" FROM case_status WHERE case_id = ? ORDER BY effective_date, id";
enum { HIST_STATUS, HIST_DATE, HIST_NOTE, HIST_REASONS, HIST_RECORDED_AT,
       HIST_OPERATOR };

static void history_row(cJSON *list, struct wf_stmt *s)
{
	cJSON *h = cJSON_CreateObject();

	wf_col_add(h, "status", s, HIST_STATUS);
	wf_col_add(h, "date", s, HIST_DATE);
	wf_col_add(h, "note", s, HIST_NOTE);
	add_reasons(h, s, HIST_REASONS);
	wf_col_add(h, "recorded_at", s, HIST_RECORDED_AT);
	wf_col_add(h, "operator", s, HIST_OPERATOR);
	cJSON_AddItemToArray(list, h);
}

static int tail(struct wf_store *st, cJSON *rec, long long person,
                const char *id, int history, struct wf_err *e)
{
	cJSON *hist;
	int rc;

	/* the persons it may be, and the cases of those found to be it */
	if ((rc = case_list(st, rec, "possible_duplicate_of",
	                    SQL_CASEREC_DUPS, person, e)) ||
	    (rc = case_list(st, rec, "same_person_as", SQL_SAME_PERSON, person,
	                    e)))
		return rc;
	if ((rc = wf_sql_each(st, SQL_CASEREC_LAST, id, 0, last_row, rec, e)) ||
	    (rc = manager(st, rec, id, e)) || !history)
		return rc;
	/* a case referred more than once shows who referred it when */
	if (cJSON_GetObjectItem(rec, "referrals") &&
	    (rc = wf_sql_each(st, SQL_CASEREC_REFERRALS, id, 0, wf_row_push,
	                      cJSON_AddArrayToObject(rec, "referred"), e)))
		return rc;
	hist = cJSON_AddArrayToObject(rec, "history");
	return wf_sql_each(st, SQL_CASEREC_HISTORY, id, 0, history_row, hist, e);
}

cJSON *wf_case_record(struct wf_store *st, const char *id, int history,
                      struct wf_err *e)
{
	static const char *const head_cols[] = { "id", "status", "status_date",
	                                         "programme", "date", "referrer",
	                                         "referrer_contact" };
	struct wf_stmt *s = wf_sql_row(st, SQL_CASEREC_HEAD, id, WF_EX_NOMATCH,
	                             "case", e);
	cJSON *rec;
	long long person, nref;
	int rc;

	if (!s)
		return NULL;
	rec = cJSON_CreateObject();
	cJSON_AddStringToObject(rec, "kind", "case");
	for (int i = HEAD_ID; i <= HEAD_REFERRER_CONTACT; i++)
		wf_col_add(rec, head_cols[i], s, i);
	rc = person_block(st, rec, s, e);
	add_json_col(rec, "needs", s, HEAD_NEEDS);
	wf_col_add(rec, "notes", s, HEAD_NOTES);
	person = wf_col_int64(s, HEAD_PERSON);
	nref = wf_col_int64(s, HEAD_REFERRALS);
	if (nref > 1)
		cJSON_AddNumberToObject(rec, "referrals", (double)nref);
	/* tail() needs the id after the statement is reset. */
	if (!rc)
		rc = tail(st, rec, person, cJSON_GetObjectItem(rec, "id")->valuestring,
		          history, e);
	wf_reset(s);
	if (rc) {
		cJSON_Delete(rec);
		return NULL;
	}
	return rec;
}

int wf_case_filter_check(const struct wf_case_filter *f, struct wf_err *e)
{
	char folded[256];

	/* a name search is of letters: one with none would match every case,
	 * and a list piped into a withdrawal would take them all */
	if (f->name) {
		wf_name_fold(f->name, folded, sizeof folded);
		if (!folded[0])
			return wf_err_set(e, WF_EX_USAGE, "--name: '%s' has no letters "
			                  "to look for", f->name);
	}
	return 0;
}

/* Each word of a name search must appear in the folded names: "rossi
 * marco", "marco rossi" and "el amrani" all find their person. */
static void bind_name_words(struct wf_stmt *s, int first, const char *name)
{
	char copy[256], word[256], *save = NULL;
	int i = first;

	snprintf(copy, sizeof copy, "%s", name ? name : "");
	for (char *t = strtok_r(copy, " \t", &save); t && i < first + 4;
	     t = strtok_r(NULL, " \t", &save)) {
		wf_name_fold(t, word, sizeof word);
		if (word[0])
			wf_bind_text(s, i++, word);
	}
}

/* The case record as lists print it: without history. */
static cJSON *case_now(struct wf_store *st, const char *id, struct wf_err *e)
{
	return wf_case_record(st, id, 0, e);
}

static const char SQL_CASEREC_LIST[] =
	"SELECT c.id FROM cases c JOIN programme p ON p.id = c.programme_id"
	" JOIN person pe ON pe.id = c.person_id"
	/* on a shared store, the cases whose referral the role may read */
	" WHERE EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id)"
	" AND (?1 IS NULL OR c.status = ?1)"
	" AND (?2 IS NULL OR p.code = ?2)"
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM referral r"
	"  JOIN organisation o ON o.id = r.referrer_id"
	"  WHERE r.case_id = c.id AND o.code = ?3))"
	" AND (?4 IS NULL OR c.opened_on >= ?4)"
	" AND (?5 IS NULL OR c.opened_on <= ?5)"
	" AND (?6 IS NULL OR instr(pe.match_key, ?6) > 0)"
	" AND (?7 IS NULL OR instr(pe.match_key, ?7) > 0)"
	" AND (?8 IS NULL OR instr(pe.match_key, ?8) > 0)"
	" AND (?9 IS NULL OR instr(pe.match_key, ?9) > 0)"
	" ORDER BY c.opened_on, c.id";

int wf_case_list(struct wf_ctx *ctx, const struct wf_case_filter *f,
                 struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_CASEREC_LIST, e);

	if (!s)
		return e->code;
	wf_bind_text(s, 1, f->status);
	wf_bind_text(s, 2, f->programme);
	wf_bind_text(s, 3, f->referrer);
	wf_bind_text(s, 4, f->since);
	wf_bind_text(s, 5, f->until);
	bind_name_words(s, 6, f->name);
	return wf_emit_rows(ctx, s, case_now, "no cases match", e);
}

static cJSON *case_with_history(struct wf_store *st, const char *id,
                                struct wf_err *e)
{
	return wf_case_record(st, id, 1, e);
}

int wf_case_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                 struct wf_err *e)
{
	return wf_show_each(ctx, ids, case_with_history, e);
}
