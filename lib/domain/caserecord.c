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

/* Reasons as stored: each as its text, the failed rules beside. */
static void add_reasons(cJSON *o, struct wf_stmt *s, int i)
{
	const char *t = wf_col_str(s, i);
	cJSON *v = t ? cJSON_Parse(t) : NULL;

	wf_reasons_add(o, v);
	cJSON_Delete(v);
}

/* The record of a case, whole, in one row: a list reads every case's in
 * one statement, as a show reads one, rather than a statement for each
 * part of each (on a server, each a round trip). The case, its first
 * referral and how many it had; the person; the certifications, the
 * cases of the persons it may be or was found to be (JSON lists); the
 * latest status's note and reasons; the case manager on day ?1. */
#define CASEREC_SELECT \
	"SELECT c.id, c.status, c.status_date, p.code, r.date, o.code," \
	" r.referrer_contact, r.employment_status, r.employment_since," \
	" r.needs, r.notes," \
	" (SELECT count(*) FROM referral x WHERE x.case_id = c.id)," \
	" r.gender, r.education, r.disability, r.foreign_background," \
	" r.minority, r.homeless, r.rural," \
	" pe.first_name, pe.last_name, pe.tax_code, pe.birth_date, pe.sex," \
	" pe.birth_place, pe.citizenship, pe.municipality, pe.address," \
	" pe.phone, pe.email," \
	" (SELECT json_group_array(json_object('kind', kind, 'since', since," \
	"   'invalidity', invalidity, 'invalidity_percent', invalidity_percent," \
	"   'issued_by', issued_by, 'details', details))" \
	"  FROM (SELECT * FROM certification WHERE referral_id = r.id" \
	"   ORDER BY id))," \
	" (SELECT json_group_array(id) FROM (SELECT DISTINCT d2.id" \
	"  FROM person_duplicate d JOIN cases d2 ON d2.person_id = d.other_id" \
	"  WHERE d.person_id = c.person_id AND d.decision IS NULL" \
	"  ORDER BY d2.id))," \
	" (SELECT json_group_array(id) FROM (SELECT s2.id FROM person q" \
	"  JOIN cases s2 ON s2.person_id = q.id WHERE q.same_as = pe.same_as" \
	"  AND q.id <> pe.id ORDER BY s2.id))," \
	" ls.note, ls.reasons," \
	MANAGER_ON("c.id", "?1") \
	" FROM cases c JOIN programme p ON p.id = c.programme_id" \
	" LEFT JOIN case_status ls ON ls.id =" \
	"  (SELECT max(id) FROM case_status WHERE case_id = c.id)" \
	" JOIN person pe ON pe.id = c.person_id" \
	" JOIN referral r ON r.id =" \
	"  (SELECT min(x.id) FROM referral x WHERE x.case_id = c.id)" \
	" JOIN organisation o ON o.id = r.referrer_id"
enum {
	REC_ID, REC_STATUS, REC_STATUS_DATE, REC_PROGRAMME, REC_DATE,
	REC_REFERRER, REC_REFERRER_CONTACT, REC_EMPLOYMENT_STATUS,
	REC_EMPLOYMENT_SINCE, REC_NEEDS, REC_NOTES, REC_REFERRALS, REC_GENDER,
	REC_EDUCATION, REC_DISABILITY,
	REC_ESF_FACTS,            /* four: wf_esf_facts, in order */
	REC_PERSON = REC_ESF_FACTS + 4,   /* eleven: person_cols, in order */
	REC_CERTS = REC_PERSON + 11, REC_DUPS, REC_SAME, REC_NOTE, REC_REASONS,
	REC_MANAGER
};

static const char SQL_CASEREC_ONE[] =
	CASEREC_SELECT " WHERE c.id = ?2";

/* A JSON list of the row back as a tree, under key when not empty; its
 * objects without their nulls, as a row's columns are added. */
static void add_list(cJSON *o, const char *key, struct wf_stmt *s, int i)
{
	const char *t = wf_col_str(s, i);
	cJSON *v = t ? cJSON_Parse(t) : NULL, *item, *f, *next;

	if (!cJSON_GetArraySize(v)) {
		cJSON_Delete(v);
		return;
	}
	cJSON_ArrayForEach(item, v)
		for (f = item->child; f; f = next) {
			next = f->next;
			if (cJSON_IsNull(f))
				cJSON_DeleteItemFromObjectCaseSensitive(item, f->string);
		}
	cJSON_AddItemToObject(o, key, v);
}

/* The person block: identity from person, situation from the referral. */
static void person_block(cJSON *rec, struct wf_stmt *s)
{
	static const char *const person_cols[] = {
		"first_name", "last_name", "tax_code", "birth_date", "sex",
		"birth_place", "citizenship", "municipality", "address", "phone",
		"email"
	};
	cJSON *p = cJSON_AddObjectToObject(rec, "person");

	for (int i = 0; i < 11; i++)
		wf_col_add(p, person_cols[i], s, REC_PERSON + i);
	wf_col_add(p, "employment_status", s, REC_EMPLOYMENT_STATUS);
	wf_col_add(p, "employment_since", s, REC_EMPLOYMENT_SINCE);
	wf_col_add(p, "gender", s, REC_GENDER);
	wf_col_add(p, "education", s, REC_EDUCATION);
	wf_col_add(p, "disability", s, REC_DISABILITY);
	for (int i = 0; wf_esf_facts[i]; i++)
		wf_col_add(p, wf_esf_facts[i], s, REC_ESF_FACTS + i);
	add_list(p, "certifications", s, REC_CERTS);
}

/* The case record of the row s stands on, as lists print it. */
static cJSON *record_of_row(struct wf_stmt *s)
{
	static const char *const head_cols[] = { "id", "status", "status_date",
	                                         "programme", "date", "referrer",
	                                         "referrer_contact" };
	cJSON *rec = cJSON_CreateObject();
	long long nref = wf_col_int64(s, REC_REFERRALS);

	cJSON_AddStringToObject(rec, "kind", "case");
	for (int i = REC_ID; i <= REC_REFERRER_CONTACT; i++)
		wf_col_add(rec, head_cols[i], s, i);
	person_block(rec, s);
	add_json_col(rec, "needs", s, REC_NEEDS);
	wf_col_add(rec, "notes", s, REC_NOTES);
	if (nref > 1)
		cJSON_AddNumberToObject(rec, "referrals", (double)nref);
	/* the persons it may be, and the cases of those found to be it */
	add_list(rec, "possible_duplicate_of", s, REC_DUPS);
	add_list(rec, "same_person_as", s, REC_SAME);
	wf_col_add(rec, "note", s, REC_NOTE);
	add_reasons(rec, s, REC_REASONS);
	wf_col_add(rec, "manager", s, REC_MANAGER);
	return rec;
}

/* Today, as the case manager is read on. */
static void bind_today(struct wf_stmt *s)
{
	char today[11];

	wf_date_format(wf_date_today(), today);
	wf_bind_text(s, 1, today);
}

/* Each referral of a case: the columns are the record's keys. */
static const char SQL_CASEREC_REFERRALS[] =
	"SELECT r.case_id || '/' || row_number() OVER (ORDER BY r.id) AS id,"
	" r.date AS date, o.code AS referrer,"
	" r.referrer_contact AS referrer_contact, r.sent_names AS sent_names"
	" FROM referral r JOIN organisation o ON o.id = r.referrer_id"
	" WHERE r.case_id = ? ORDER BY r.id";

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

/* What a show adds: who referred it when, and its history. */
static int history(struct wf_store *st, cJSON *rec, const char *id,
                   struct wf_err *e)
{
	int rc;

	/* a case referred more than once shows who referred it when */
	if (cJSON_GetObjectItem(rec, "referrals") &&
	    (rc = wf_sql_each(st, SQL_CASEREC_REFERRALS, id, 0, wf_row_push,
	                      cJSON_AddArrayToObject(rec, "referred"), e)))
		return rc;
	return wf_sql_each(st, SQL_CASEREC_HISTORY, id, 0, history_row,
	                   cJSON_AddArrayToObject(rec, "history"), e);
}

cJSON *wf_case_record(struct wf_store *st, const char *id, int with_history,
                      struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_CASEREC_ONE, e);
	cJSON *rec = NULL;
	int rc;

	if (!s)
		return NULL;
	bind_today(s);
	wf_bind_text(s, 2, id);
	if ((rc = wf_step(s)) == WF_ROW)
		rec = record_of_row(s);
	wf_reset(s);
	if (rc == WF_DONE)
		wf_err_set(e, WF_EX_NOMATCH, "case '%s' not found", id);
	else if (rc != WF_ROW)
		wf_sql_err(st, rc, e);
	if (rec && with_history && history(st, rec, id, e)) {
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

/* The records whole, in the order cases were opened; only those whose
 * referral the role may read, on a shared store (the join). */
static const char SQL_CASEREC_LIST[] =
	CASEREC_SELECT
	" WHERE (?2 IS NULL OR c.status = ?2)"
	" AND (?3 IS NULL OR p.code = ?3)"
	" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM referral rr"
	"  JOIN organisation ro ON ro.id = rr.referrer_id"
	"  WHERE rr.case_id = c.id AND ro.code = ?4))"
	" AND (?5 IS NULL OR c.opened_on >= ?5)"
	" AND (?6 IS NULL OR c.opened_on <= ?6)"
	" AND (?7 IS NULL OR instr(pe.match_key, ?7) > 0)"
	" AND (?8 IS NULL OR instr(pe.match_key, ?8) > 0)"
	" AND (?9 IS NULL OR instr(pe.match_key, ?9) > 0)"
	" AND (?10 IS NULL OR instr(pe.match_key, ?10) > 0)"
	" ORDER BY c.opened_on, c.id";

int wf_case_list(struct wf_ctx *ctx, const struct wf_case_filter *f,
                 struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_CASEREC_LIST, e);

	if (!s)
		return e->code;
	bind_today(s);
	wf_bind_text(s, 2, f->status);
	wf_bind_text(s, 3, f->programme);
	wf_bind_text(s, 4, f->referrer);
	wf_bind_text(s, 5, f->since);
	wf_bind_text(s, 6, f->until);
	bind_name_words(s, 7, f->name);
	return wf_emit_made(ctx, s, record_of_row, "no cases match", e);
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
