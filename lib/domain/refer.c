/*
 * refer.c - step 1 of the path: referrals. A referring body sends a
 * referral (the person, their situation, needs); the person is created or
 * found, a case is opened in 'referred' (or the referral is attached to the
 * person's open case in the same programme), and screening checks the
 * case against the programme's target at the referral date.
 *
 * Tables: referral, certification (and cases, person through casefile.h).
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

static const char *const referral_kinds[] = { "referral", "case", NULL };

static const struct wf_field cert_fields[] = {
	{ "kind", WF_T_ENUM, WF_F_REQUIRED, wf_certifications, NULL, 0, 0 },
	{ "since", WF_T_DATE, 0, NULL, NULL, 0, 0 },
	{ "invalidity", WF_T_ENUM, 0, wf_invalidities, NULL, 0, 0 },
	/* a certified invalidity is never 0% */
	{ "invalidity_percent", WF_T_INT, 0, NULL, NULL, 1, 100 },
	{ "issued_by", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "details", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
const struct wf_schema wf_cert_schema = { NULL, cert_fields };

/* The person's fields, shared by the person block of a referral and a
 * person record of its own (wf programme check). */
#define PERSON_FIELDS \
	{ "first_name", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 }, \
	{ "last_name", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 }, \
	{ "tax_code", WF_T_TAXCODE, 0, NULL, NULL, 0, 0 }, \
	{ "birth_date", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 }, \
	{ "sex", WF_T_ENUM, 0, wf_person_sexes, NULL, 0, 0 }, \
	{ "birth_place", WF_T_STRING, 0, NULL, NULL, 0, 0 }, \
	{ "citizenship", WF_T_COUNTRY, 0, NULL, NULL, 0, 0 }, \
	{ "municipality", WF_T_STRING, 0, NULL, NULL, 0, 0 }, \
	{ "address", WF_T_STRING, 0, NULL, NULL, 0, 0 }, \
	{ "phone", WF_T_STRING, 0, NULL, NULL, 0, 0 }, \
	{ "email", WF_T_STRING, 0, NULL, NULL, 0, 0 }, \
	{ "employment_status", WF_T_ENUM, WF_F_REQUIRED, wf_employment_statuses, \
	  NULL, 0, 0 }, \
	{ "employment_since", WF_T_DATE, 0, NULL, NULL, 0, 0 }, \
	{ "gender", WF_T_ENUM, 0, wf_genders, NULL, 0, 0 }, \
	{ "education", WF_T_ENUM, 0, wf_education_levels, NULL, 0, 0 }, \
	{ "disability", WF_T_ENUM, 0, wf_yes_no_declined, NULL, 0, 0 }, \
	{ "foreign_background", WF_T_ENUM, 0, wf_yes_no_declined, NULL, 0, 0 }, \
	{ "minority", WF_T_ENUM, 0, wf_yes_no_declined, NULL, 0, 0 }, \
	{ "homeless", WF_T_ENUM, 0, wf_yes_no_declined, NULL, 0, 0 }, \
	{ "rural", WF_T_ENUM, 0, wf_yes_no_declined, NULL, 0, 0 }, \
	{ "certifications", WF_T_LIST, 0, NULL, &wf_cert_schema, 0, 0 }

static const struct wf_field person_fields[] = {
	PERSON_FIELDS,
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema person_schema = { NULL, person_fields };

static const char *const person_kinds[] = { "person", NULL };
static const struct wf_field person_record_fields[] = {
	{ "kind", WF_T_ENUM, 0, person_kinds, NULL, 0, 0 },
	PERSON_FIELDS,
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema person_record_schema = { "person",
                                                       person_record_fields };

static const struct wf_field referral_fields[] = {
	{ "kind", WF_T_ENUM, 0, referral_kinds, NULL, 0, 0 },
	{ "id", WF_T_STRING, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "status", WF_T_STRING, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "status_date", WF_T_STRING, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "programme", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "date", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "referrer", WF_T_CODE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "referrer_contact", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "person", WF_T_OBJECT, WF_F_REQUIRED, NULL, &person_schema, 0, 0 },
	{ "needs", WF_T_STRINGS, 0, NULL, NULL, 0, 0 },
	{ "notes", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "referrals", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "possible_duplicate_of", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "same_person_as", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "note", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "reasons", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "history", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema referral_schema = { "referral", referral_fields };

const char *wf_record_case_id(const struct wf_record *rec, struct wf_err *e)
{
	const char *kind, *id;

	if (cJSON_IsString(rec->root))
		return rec->root->valuestring;
	if (!cJSON_IsObject(rec->root)) {
		wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		              "expected a case id or a record");
		return NULL;
	}
	kind = wf_json_str(rec->root, "kind");
	id = wf_json_str(rec->root, !kind || !strcmp(kind, "case") ? "id" : "case");
	if (!id)
		wf_record_err(rec, rec->root, kind && strcmp(kind, "case") ? "case"
		              : "id", e, WF_EX_DATAERR,
		              "the record names no case");
	return id;
}

/* Field of the record at path, for messages. */
static const cJSON *at(const struct wf_record *rec, const char *path)
{
	return wf_json_path(rec->root, path);
}

int wf_certs_check(const struct wf_record *rec, const cJSON *list,
                   const char *path, const char *date, struct wf_err *e)
{
	char today[11], field[160];
	const char *limit = date ? date : today;
	const cJSON *c;
	int i = 0;

	wf_date_format(wf_date_today(), today);
	cJSON_ArrayForEach(c, list) {
		const cJSON *since = cJSON_GetObjectItemCaseSensitive(c, "since");
		const cJSON *pc = cJSON_GetObjectItemCaseSensitive(c,
		                                       "invalidity_percent");
		const char *inv = wf_json_str(c, "invalidity");

		if (cJSON_IsString(since) && strcmp(since->valuestring, limit) > 0) {
			snprintf(field, sizeof field, "%s[%d].since", path, i);
			return date ? wf_record_err(rec, since, field, e,
			                            WF_EX_DATAERR, "'%s' is after the "
			                            "referral date %s",
			                            since->valuestring, limit)
			            : wf_record_err(rec, since, field, e,
			                            WF_EX_DATAERR, "'%s' is after "
			                            "today %s", since->valuestring,
			                            limit);
		}
		snprintf(field, sizeof field, "%s[%d].invalidity_percent", path, i);
		if (pc && !inv)
			return wf_record_err(rec, pc, field, e, WF_EX_DATAERR,
			                     "say which invalidity it is of "
			                     "(invalidity: civil or work_injury): Law "
			                     "68/1999 sets a threshold for each");
		if (pc && strcmp(inv, "civil") && strcmp(inv, "work_injury"))
			return wf_record_err(rec, pc, field, e, WF_EX_DATAERR,
			                     "a percent goes with civil or work_injury "
			                     "invalidity, not '%s'", inv);
		i++;
	}
	return 0;
}

/* Dates that must not come after the referral date, which must not be in
 * the future. */
static int check_dates(const struct wf_record *rec, struct wf_err *e)
{
	static const char *const before[] = { "person.birth_date",
	                                      "person.employment_since", NULL };
	const char *date = wf_json_str(rec->root, "date");
	char today[11];

	wf_date_format(wf_date_today(), today);
	if (strcmp(date, today) > 0)
		return wf_record_err(rec, at(rec, "date"), "date", e, WF_EX_DATAERR,
		                     "'%s' is in the future", date);
	for (int i = 0; before[i]; i++) {
		const cJSON *v = at(rec, before[i]);

		if (cJSON_IsString(v) && strcmp(v->valuestring, date) > 0)
			return wf_record_err(rec, v, before[i], e, WF_EX_DATAERR,
			                     "'%s' is after the referral date %s",
			                     v->valuestring, date);
	}
	return wf_certs_check(rec, at(rec, "person.certifications"),
	                      "person.certifications", date, e);
}

static const char SQL_REFER_CERT[] =
	"INSERT INTO certification (referral_id, kind, since, invalidity_percent,"
	" issued_by, details, invalidity) VALUES (?, ?, ?, ?, ?, ?, ?)";

int wf_refer_add_certs(struct wf_store *st, long long ref,
                       const cJSON *list, struct wf_err *e)
{
	static const char *const cols[] = { "kind", "since", "invalidity_percent",
	                                    "issued_by", "details", "invalidity" };
	const cJSON *c;
	int rc;

	cJSON_ArrayForEach(c, list) {
		struct wf_stmt *s = wf_sql(st, SQL_REFER_CERT, e);

		if (!s)
			return e->code;
		wf_bind_int64(s, 1, ref);
		for (int i = 0; i < 6; i++)
			wf_bind_json(s, i + 2, cJSON_GetObjectItemCaseSensitive(c, cols[i]));
		if ((rc = wf_sql_done(st, s, e)))
			return rc;
	}
	return 0;
}

static const char SQL_REFER_REFERRAL[] =
	"INSERT INTO referral (case_id, person_id, referrer_id, referrer_contact,"
	" date, employment_status, employment_since, needs, notes, recorded_at,"
	" gender, education, disability, foreign_background, minority, homeless,"
	" rural) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static int add_referral(struct wf_store *st, const char *case_id,
                        long long person, long long referrer,
                        const cJSON *r, struct wf_err *e)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(r, "person");
	struct wf_stmt *s = wf_sql(st, SQL_REFER_REFERRAL, e);
	char now[32];
	int rc;

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, case_id);
	wf_bind_int64(s, 2, person);
	wf_bind_int64(s, 3, referrer);
	wf_bind_text(s, 4, wf_json_str(r, "referrer_contact"));
	wf_bind_text(s, 5, wf_json_str(r, "date"));
	wf_bind_text(s, 6, wf_json_str(p, "employment_status"));
	wf_bind_text(s, 7, wf_json_str(p, "employment_since"));
	wf_bind_json(s, 8, cJSON_GetObjectItemCaseSensitive(r, "needs"));
	wf_bind_text(s, 9, wf_json_str(r, "notes"));
	wf_bind_text(s, 10, now);
	wf_bind_text(s, 11, wf_json_str(p, "gender"));
	wf_bind_text(s, 12, wf_json_str(p, "education"));
	wf_bind_text(s, 13, wf_json_str(p, "disability"));
	for (int i = 0; wf_esf_facts[i]; i++)
		wf_bind_text(s, 14 + i, wf_json_str(p, wf_esf_facts[i]));
	if ((rc = wf_sql_done(st, s, e)))
		return rc;
	return wf_refer_add_certs(st, wf_sql_last_id(st),
	                 cJSON_GetObjectItemCaseSensitive(p, "certifications"), e);
}

/* Print the case record unless output is off (-q). */
static int emit_case(struct wf_ctx *ctx, const char *id, struct wf_err *e)
{
	cJSON *rec;
	int rc;

	if (!ctx->out)
		return 0;
	if (!(rec = wf_case_record(ctx->st, id, 0, e)))
		return e->code;
	rc = wf_emit(ctx, rec, e);
	cJSON_Delete(rec);
	return rc;
}

/* Check a referral record through and through before writing anything. */
static int check_referral(struct wf_ctx *ctx, struct wf_record *rec,
                          long long *prog, long long *referrer,
                          struct wf_err *e)
{
	int rc;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected a referral record");
	wf_person_fill(cJSON_GetObjectItemCaseSensitive(rec->root, "person"),
	               wf_json_str(rec->root, "date"));
	if ((rc = wf_validate(rec, rec->root, &referral_schema, "", e)) ||
	    (rc = wf_person_check_taxcode(rec, cJSON_GetObjectItemCaseSensitive(rec->root,
	                        "person"), "person", e)) ||
	    (rc = check_dates(rec, e)))
		return rc;
	if (wf_programme_require(ctx->st, wf_json_str(rec->root, "programme"),
	                         prog, e))
		return wf_record_at(rec, at(rec, "programme"), "programme", e);
	if (wf_org_require(ctx->st, wf_json_str(rec->root, "referrer"),
	                   "referrer", referrer, e))
		return wf_record_at(rec, at(rec, "referrer"), "referrer", e);
	return 0;
}

/* The stored person's names ("First Last") into buf, and into sent the
 * names the referral gives when they are others (else ""): it goes to the
 * person the tax code is, with a warning, and the names sent are kept
 * with the referral. */
static int stored_name(struct wf_ctx *ctx, const struct wf_record *rec,
                       const cJSON *p, long long person, char *buf,
                       size_t len, char *sent, size_t sent_len,
                       struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, WF_SQL_PERSON_NAME, e);
	char a[512], b[512];
	int rc;

	if (!s)
		return e->code;
	wf_bind_int64(s, 1, person);
	buf[0] = '\0';
	if ((rc = wf_step(s)) == WF_ROW)
		wf_col_text(s, 0, buf, len);
	wf_reset(s);
	if (rc != WF_ROW && rc != WF_DONE)
		return wf_sql_err(ctx->st, rc, e);
	snprintf(sent, sent_len, "%s %s", wf_json_str(p, "first_name"),
	         wf_json_str(p, "last_name"));
	wf_name_fold(sent, a, sizeof a);
	wf_name_fold(buf, b, sizeof b);
	if (!strcmp(a, b)) {
		sent[0] = '\0';
		return 0;
	}
	wf_warn(ctx, "%s:%ld: tax code '%s' is %s's (person %lld), not %s's: the "
	        "referral goes to %s, the names sent kept with it; check them",
	        rec->file, rec->line, wf_json_str(p, "tax_code"), buf,
	        (long long)person, sent, buf);
	return 0;
}

/* A case's referrals in the order they came, each with its id (CASE/N,
 * as wf amend names it), date and referrer. */
static const char SQL_REFERRAL_SENT_NAMES[] =
	"UPDATE referral SET sent_names = ?1 WHERE id = (SELECT max(id)"
	" FROM referral WHERE case_id = ?2)";

static int sent_names(struct wf_store *st, const char *case_id,
                      const char *names, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_REFERRAL_SENT_NAMES, e);

	if (!s)
		return e->code;
	wf_bind_text(s, 1, names);
	wf_bind_text(s, 2, case_id);
	return wf_sql_done(st, s, e);
}

int wf_refer_add(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e)
{
	const cJSON *p;
	long long prog, referrer;
	long long person;
	struct wf_case c;
	char name[256], sent[512];
	int rc, open;

	if ((rc = check_referral(ctx, rec, &prog, &referrer, e)))
		return rc;
	p = cJSON_GetObjectItemCaseSensitive(rec->root, "person");
	if ((rc = wf_person_resolve(ctx, p, &person, e)) ||
	    (rc = stored_name(ctx, rec, p, person, name, sizeof name, sent,
	                      sizeof sent, e)))
		return rc;
	if ((open = wf_case_find_open(ctx->st, person, prog, &c, e)) < 0)
		return e->code;
	if (open)
		wf_warn(ctx, "%s:%ld: %s already has open case '%s' in '%s': "
		        "the referral is attached to it", rec->file, rec->line,
		        name, c.id, c.programme);
	else if ((rc = wf_case_open(ctx, person, prog, wf_json_str(rec->root,
	                            "date"), &c, e)))
		return rc;
	if ((rc = add_referral(ctx->st, c.id, person, referrer, rec->root, e)) ||
	    (sent[0] && (rc = sent_names(ctx->st, c.id, sent, e))) ||
	    (rc = wf_audit(ctx, open ? "attach-referral" : "add", "case", c.id,
	                   rec->root, e)))
		return rc;
	return emit_case(ctx, c.id, e);
}

/* The facts of the case's first referral that a target looks at, copied
 * out of the statements so that they can be reused. */
struct facts {
	char birth[11], date[11], employment[32], municipality[256];
	struct wf_certs certs;
};

static void facts_of(const cJSON *p, const cJSON *prog, struct facts *f,
                     struct wf_subject *s);


static const char SQL_REFER_SUBJECT[] =
	"SELECT pe.birth_date, r.employment_status, pe.municipality, r.date"
	" FROM referral r JOIN person pe ON pe.id = r.person_id WHERE r.id = ?";
enum {
	SUBJ_BIRTH, SUBJ_EMPLOYMENT, SUBJ_MUNICIPALITY, SUBJ_DATE
};

static const char SQL_REFER_CERT_KINDS[] =
	"SELECT kind, invalidity, invalidity_percent FROM certification"
	" WHERE referral_id = ? ORDER BY id";
enum {
	CERT_KIND, CERT_INVALIDITY, CERT_PERCENT
};

static int facts(struct wf_store *st, const struct wf_case *c,
                 const cJSON *prog, struct facts *f, struct wf_subject *s,
                 wf_day *date, struct wf_err *e)
{
	struct wf_stmt *q = wf_sql(st, SQL_REFER_SUBJECT, e);
	int rc;

	if (!q)
		return e->code;
	wf_bind_int64(q, 1, c->referral_id);
	if ((rc = wf_step(q)) != WF_ROW) {
		wf_reset(q);
		return wf_sql_err(st, rc, e);
	}
	rc = wf_col_text(q, SUBJ_BIRTH, f->birth, sizeof f->birth) |
	     wf_col_text(q, SUBJ_EMPLOYMENT, f->employment, sizeof f->employment) |
	     wf_col_text(q, SUBJ_MUNICIPALITY, f->municipality,
	                 sizeof f->municipality) |
	     wf_col_text(q, SUBJ_DATE, f->date, sizeof f->date);
	wf_reset(q);
	if (rc || wf_stored_date(f->birth, 0, &s->birth) ||
	    wf_stored_date(f->date, 0, date))
		return wf_stored_bad(e, "birth date, employment, municipality or "
		                     "referral date", "case", c->id);
	if (!(q = wf_sql(st, SQL_REFER_CERT_KINDS, e)))
		return e->code;
	wf_bind_int64(q, 1, c->referral_id);
	wf_certs_init(&f->certs);
	while ((rc = wf_step(q)) == WF_ROW)
		wf_certs_add(&f->certs, prog,
		             wf_col_str(q, CERT_KIND),
		             wf_col_str(q, CERT_INVALIDITY),
		             wf_col_null(q, CERT_PERCENT) ? -1
		             : wf_col_int(q, CERT_PERCENT));
	wf_reset(q);
	if (rc != WF_DONE)
		return wf_sql_err(st, rc, e);
	s->employment = f->employment;
	s->municipality = f->municipality[0] ? f->municipality : NULL;
	s->certs = f->certs.kinds;
	s->cert_refused = &f->certs;
	return 0;
}

int wf_refer_screen(struct wf_ctx *ctx, const struct wf_refer_opts *o,
                    struct wf_record *rec, struct wf_err *e)
{
	const char *id = wf_record_case_id(rec, e);
	char date[11];
	cJSON *prog, *reasons;
	struct wf_subject s = { 0 };
	struct facts f;
	struct wf_case c;
	wf_day on;
	int rc, m;

	if (!id)
		return e->code;
	if ((rc = wf_case_load(ctx->st, id, &c, e)) ||
	    (rc = wf_effective_date(o->date, "--date", date, e)))
		return rc;
	if (!(prog = wf_programme_get(ctx->st, c.programme, e)))
		return e->code == WF_EX_NOMATCH ? WF_EX_SOFTWARE : e->code;
	if ((rc = facts(ctx->st, &c, prog, &f, &s, &on, e))) {
		cJSON_Delete(prog);
		return rc;
	}
	reasons = cJSON_CreateArray();
	m = wf_target_eval(cJSON_GetObjectItemCaseSensitive(prog, "target"), &s,
	                   on, reasons);
	if (!cJSON_GetObjectItemCaseSensitive(prog, "target"))
		m = 1;
	if (m < 0)
		rc = wf_err_set(e, WF_EX_SOFTWARE, "programme '%s' has a malformed "
		                "target", c.programme);
	else
		rc = wf_case_move(ctx, &c, "screen", m ? "screened" : "rejected", date,
		                  o->note, reasons, e);
	cJSON_Delete(reasons);
	cJSON_Delete(prog);
	return rc ? rc : emit_case(ctx, c.id, e);
}

/* The reasons of a screening, one after the other, for a message in
 * the reader's language. */
static void join_reasons(const cJSON *list, char *buf, size_t len)
{
	const cJSON *r;
	char one[512];
	size_t n = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach(r, list) {
		wf_reason_text(r, 1, one, sizeof one);
		if (n < len)
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "; " : "",
			                      one);
	}
}

static const char SQL_REFER_SCREENED_IN[] =
	"SELECT count(*) FROM case_status WHERE case_id = ?"
	" AND status = 'screened'";

int wf_refer_recheck(struct wf_ctx *ctx, const char *case_id,
                     struct wf_err *e)
{
	struct wf_subject s = { 0 };
	struct facts f;
	struct wf_case c;
	cJSON *prog, *reasons, *target;
	char why[512];
	wf_day on;
	int rc, m;

	if ((rc = wf_case_load(ctx->st, case_id, &c, e)))
		return rc;
	if ((m = wf_sql_id(ctx->st, SQL_REFER_SCREENED_IN, case_id, e)) <= 0)
		return m < 0 ? e->code : 0;
	if (!(prog = wf_programme_get(ctx->st, c.programme, e)))
		return e->code == WF_EX_NOMATCH ? WF_EX_SOFTWARE : e->code;
	if ((rc = facts(ctx->st, &c, prog, &f, &s, &on, e))) {
		cJSON_Delete(prog);
		return rc;
	}
	reasons = cJSON_CreateArray();
	target = cJSON_GetObjectItemCaseSensitive(prog, "target");
	m = target ? wf_target_eval(target, &s, on, reasons) : 1;
	if (m < 0)
		rc = wf_err_set(e, WF_EX_SOFTWARE, "programme '%s' has a malformed "
		                "target", c.programme);
	else if (!m) {
		join_reasons(reasons, why, sizeof why);
		rc = wf_err_set(e, WF_EX_DATAERR, "case '%s' was screened into "
		                "'%s'; so corrected, it would fail its target (%s)",
		                c.id, c.programme, why);
	}
	cJSON_Delete(reasons);
	cJSON_Delete(prog);
	return rc;
}

int wf_refer_withdraw(struct wf_ctx *ctx, const struct wf_refer_opts *o,
                      struct wf_record *rec, struct wf_err *e)
{
	const char *id = wf_record_case_id(rec, e);
	char date[11];
	cJSON *reasons;
	struct wf_case c;
	int rc;

	if (!id)
		return e->code;
	if ((rc = wf_case_load(ctx->st, id, &c, e)) ||
	    (rc = wf_effective_date(o->date, "--date", date, e)))
		return rc;
	reasons = cJSON_CreateArray();
	cJSON_AddItemToArray(reasons, cJSON_CreateString(o->reason));
	rc = wf_case_move(ctx, &c, "withdraw", NULL, date, o->note, reasons, e);
	cJSON_Delete(reasons);
	return rc ? rc : emit_case(ctx, c.id, e);
}

/* ---- wf programme check ------------------------------------------------ */

const char wf_check_columns[] =
	"id,programme,date,person.last_name,person.first_name,eligible,reasons";

/* The facts of a person as given in a record. */
static void facts_of(const cJSON *p, const cJSON *prog, struct facts *f,
                     struct wf_subject *s)
{
	const cJSON *c;

	memset(f, 0, sizeof *f);
	/* the record was validated: the birth date is a date */
	wf_date_parse(wf_json_str(p, "birth_date"), &s->birth);
	s->employment = wf_json_str(p, "employment_status");
	s->municipality = wf_json_str(p, "municipality");
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(p,
	                                                       "certifications")) {
		const cJSON *pc = cJSON_GetObjectItemCaseSensitive(c,
		                                       "invalidity_percent");

		wf_certs_add(&f->certs, prog, wf_json_str(c, "kind"),
		             wf_json_str(c, "invalidity"),
		             cJSON_IsNumber(pc) ? (int)pc->valuedouble : -1);
	}
	s->certs = f->certs.kinds;
	s->cert_refused = &f->certs;
}

/* Check a record as a referral or case (it has a person) or as a person;
 * return the person and the date the record gives, if any. */
static int check_input(struct wf_record *rec, cJSON **person,
                       const char **date, struct wf_err *e)
{
	int rc;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected a person, referral or case record");
	if (cJSON_GetObjectItemCaseSensitive(rec->root, "person")) {
		*person = cJSON_GetObjectItemCaseSensitive(rec->root, "person");
		*date = wf_json_str(rec->root, "date");
		if ((rc = wf_validate(rec, rec->root, &referral_schema, "", e)))
			return rc;
		return wf_person_check_taxcode(rec, *person, "person", e);
	}
	*person = rec->root;
	*date = NULL;
	if ((rc = wf_validate(rec, rec->root, &person_record_schema, "", e)) ||
	    (rc = wf_certs_check(rec, cJSON_GetObjectItemCaseSensitive(*person,
	                         "certifications"), "certifications", NULL, e)))
		return rc;
	return wf_person_check_taxcode(rec, *person, "", e);
}

/* The id of a check: the case's, else the tax code, else the names. */
static void check_id(const cJSON *root, const cJSON *p, char *buf, size_t len)
{
	const char *kind = wf_json_str(root, "kind"), *id = wf_json_str(root, "id");

	if (kind && !strcmp(kind, "case") && id)
		snprintf(buf, len, "%s", id);
	else if (wf_json_str(p, "tax_code"))
		snprintf(buf, len, "%s", wf_json_str(p, "tax_code"));
	else
		snprintf(buf, len, "%s %s", wf_json_str(p, "last_name"),
		         wf_json_str(p, "first_name"));
}

static cJSON *check_record(const struct wf_record *rec, const cJSON *p,
                           const char *programme, const char *date,
                           int ok, cJSON *reasons)
{
	static const char *const who[] = { "first_name", "last_name", "tax_code",
	                                   "birth_date", NULL };
	cJSON *out = cJSON_CreateObject(), *person;
	char id[128];

	check_id(rec->root, p, id, sizeof id);
	cJSON_AddStringToObject(out, "kind", "check");
	cJSON_AddStringToObject(out, "id", id);
	cJSON_AddStringToObject(out, "programme", programme);
	cJSON_AddStringToObject(out, "date", date);
	person = cJSON_AddObjectToObject(out, "person");
	for (int i = 0; who[i]; i++)
		if (wf_json_str(p, who[i]))
			cJSON_AddStringToObject(person, who[i], wf_json_str(p, who[i]));
	cJSON_AddBoolToObject(out, "eligible", ok);
	if (!ok)
		wf_reasons_add(out, reasons);
	return out;
}

int wf_programme_check(struct wf_ctx *ctx, const struct wf_check_opts *o,
                       struct wf_record *rec, struct wf_err *e)
{
	const char *given = NULL;
	char date[11];
	cJSON *person = NULL, *prog, *reasons, *out;
	struct wf_subject s = { 0 };
	struct facts f;
	wf_day on;
	int rc, m;

	if ((rc = check_input(rec, &person, &given, e)))
		return rc;
	if (o->date || !given)
		rc = wf_effective_date(o->date, "--date", date, e);
	else
		snprintf(date, sizeof date, "%s", given);
	if (rc)
		return rc;
	if (!(prog = wf_programme_get(ctx->st, o->programme, e)))
		return e->code == WF_EX_NOMATCH ? wf_err_set(e, WF_EX_DATAERR,
			"unknown programme '%s' (load it with 'wf programme load "
			"FILE')", o->programme) : e->code;
	facts_of(person, prog, &f, &s);
	wf_date_parse(date, &on);
	reasons = cJSON_CreateArray();
	m = cJSON_GetObjectItemCaseSensitive(prog, "target")
	    ? wf_target_eval(cJSON_GetObjectItemCaseSensitive(prog, "target"), &s,
	                     on, reasons)
	    : 1;
	if (m < 0) {
		rc = wf_err_set(e, WF_EX_SOFTWARE, "programme '%s' has a malformed "
		                "target", o->programme);
	} else {
		out = check_record(rec, person, o->programme, date, m, reasons);
		rc = wf_emit(ctx, out, e);
		cJSON_Delete(out);
		ctx->nomatch += !m;
	}
	cJSON_Delete(reasons);
	cJSON_Delete(prog);
	return rc;
}
