/*
 * person.c - the people a case file follows. The same tax code is the same
 * person; without one, a person is matched on folded names and birth date
 * and, when that matches someone, created anew and flagged as a possible
 * duplicate of them: never merged silently.
 *
 * Tables: person, person_duplicate.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "auditchain.h"
#include "casefile.h"


/* Identity and contact fields of a person, in record order. */
static const char *const identity[] = { "tax_code", "first_name", "last_name",
                                        "birth_date", "sex", "birth_place",
                                        "citizenship", "municipality",
                                        "address", "phone", "email", NULL };

void wf_person_key(const cJSON *p, char *buf, size_t len)
{
	char last[128], first[128];

	wf_name_fold(wf_json_str(p, "last_name") ? wf_json_str(p, "last_name")
	             : "", last, sizeof last);
	wf_name_fold(wf_json_str(p, "first_name") ? wf_json_str(p, "first_name")
	             : "", first, sizeof first);
	snprintf(buf, len, "%s %s|%s", last, first,
	         wf_json_str(p, "birth_date") ? wf_json_str(p, "birth_date") : "");
}

void wf_person_fill(cJSON *p, const char *date)
{
	const char *tc = wf_json_str(p, "tax_code"), *why;
	struct wf_taxcode t;
	char up[17], birth[11];
	int y, m, d, year;
	wf_day on, bd;

	if (!cJSON_IsObject(p) || !tc || strlen(tc) != 16 ||
	    cJSON_GetObjectItemCaseSensitive(p, "birth_date"))
		return;
	for (int i = 0; i < 16; i++)
		up[i] = (char)(tc[i] >= 'a' && tc[i] <= 'z' ? tc[i] - 32 : tc[i]);
	up[16] = '\0';
	if (wf_taxcode_check(up, &t, &why) < 0)
		return;
	if (!date || wf_date_parse(date, &on) < 0)
		on = wf_date_today();
	wf_date_to_ymd(on, &y, &m, &d);
	/* the code gives two digits of the year: the century is the later
	 * one in which the person is at least 15 on the day */
	year = y / 100 * 100 + t.yy;
	if (year > y - 15)
		year -= 100;
	snprintf(birth, sizeof birth, "%04d-%02d-%02d", year, t.month, t.day);
	if (wf_date_parse(birth, &bd) == 0)
		cJSON_AddStringToObject(p, "birth_date", birth);
}

/* The tax code must agree with the birth date and sex given; a missing
 * sex is taken from it. path: where the person is ("person" or ""). */
int wf_person_check_taxcode(const struct wf_record *rec, cJSON *p,
                            const char *path, struct wf_err *e)
{
	const char *tc = wf_json_str(p, "tax_code"), *sex = wf_json_str(p, "sex");
	const char *birth = wf_json_str(p, "birth_date"), *why;
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(p, "tax_code");
	struct wf_taxcode t;
	char field[64];
	int y, m, d;
	wf_day bd;

	if (!tc || wf_taxcode_check(tc, &t, &why) < 0)
		return 0;
	snprintf(field, sizeof field, "%s%stax_code", path, *path ? "." : "");
	wf_date_parse(birth, &bd);
	wf_date_to_ymd(bd, &y, &m, &d);
	if (y % 100 != t.yy || m != t.month || d != t.day)
		return wf_record_err(rec, item, field, e, WF_EX_DATAERR,
		                     "'%s' does not match birth_date %s (it says "
		                     "day %02d, month %02d, year ..%02d)", tc, birth,
		                     t.day, t.month, t.yy);
	if (sex && sex[0] != t.sex)
		return wf_record_err(rec, item, field, e, WF_EX_DATAERR,
		                     "'%s' is a code for sex %c, not %s", tc, t.sex,
		                     sex);
	if (!sex)
		cJSON_AddItemToObject(p, "sex", cJSON_CreateString(
			t.sex == 'F' ? "F" : "M"));
	return 0;
}

const char *wf_person_letters_differ(const cJSON *p, char letters[7])
{
	const char *tc = wf_json_str(p, "tax_code");

	if (!tc || strlen(tc) != 16)
		return NULL;
	wf_taxcode_name_letters(wf_json_str(p, "last_name"),
	                        wf_json_str(p, "first_name"), letters);
	return strncmp(tc, letters, 6) ? letters : NULL;
}

static const char SQL_PERSON_INSERT[] =
	"INSERT INTO person (tax_code, first_name, last_name, birth_date, sex,"
	" birth_place, citizenship, municipality, address, phone, email,"
	" match_key, created_at, name_letters)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static int insert(struct wf_store *st, const cJSON *p, const char *key,
                  long long *id, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_PERSON_INSERT, e);
	char now[32], letters[7];
	int i;

	if (!s)
		return e->code;
	for (i = 0; identity[i]; i++)
		wf_bind_json(s, i + 1, cJSON_GetObjectItemCaseSensitive(p, identity[i]));
	wf_bind_text(s, ++i, key);
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, ++i, now);
	wf_bind_text(s, ++i, wf_person_letters_differ(p, letters));
	/* On a shared store the tax code may be a person on a case this
	 * role does not hold: the server keeps it one person, and says no
	 * more of them. */
	if ((i = wf_sql_done(st, s, e)) && i == WF_EX_DATAERR &&
	    wf_store_scoped(st))
		return wf_err_set(e, WF_EX_DATAERR, "a person with tax code %s is "
		                  "on a case your organisations do not hold: the "
		                  "service that holds it, or the store's owner, "
		                  "records the referral", wf_json_str(p, "tax_code"));
	if (i)
		return i;
	*id = wf_sql_last_id(st);
	return 0;
}

static const char SQL_PERSON_CONTACTS[] =
	"UPDATE person SET municipality = coalesce(?, municipality),"
	" address = coalesce(?, address), phone = coalesce(?, phone),"
	" email = coalesce(?, email) WHERE id = ?";

static int update_contacts(struct wf_store *st, const cJSON *p,
                           long long id, struct wf_err *e)
{
	static const char *const cols[] = { "municipality", "address", "phone",
	                                    "email" };
	struct wf_stmt *s = wf_sql(st, SQL_PERSON_CONTACTS, e);

	if (!s)
		return e->code;
	for (int i = 0; i < 4; i++)
		wf_bind_json(s, i + 1, cJSON_GetObjectItemCaseSensitive(p, cols[i]));
	wf_bind_int64(s, 5, id);
	return wf_sql_done(st, s, e);
}

/* The case ids of a person, "a, b", for messages. */
static void cases_of(struct wf_store *st, long long id, char *buf,
                     size_t len, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, WF_SQL_PERSON_CASES_OF, e);
	size_t n = 0;

	buf[0] = '\0';
	if (!s)
		return;
	wf_bind_int64(s, 1, id);
	while (wf_step(s) == WF_ROW && n < len)
		n += (size_t)snprintf(buf + n, len - n, "%s'%s'", n ? ", " : "",
		                      wf_col_str(s, 0));
	wf_reset(s);
}

static const char SQL_PERSON_BY_KEY[] =
	"SELECT id FROM person WHERE match_key = ? AND id <> ?"
	" AND (tax_code IS NULL OR ? IS NULL)";

static const char SQL_PERSON_DUP[] =
	"INSERT INTO person_duplicate (person_id, other_id)"
	" VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING";

/* Flag id and every other person with the same key as possible
 * duplicates of each other, and say so. */
static int flag_duplicates(struct wf_ctx *ctx, const cJSON *p, const char *key,
                           long long id, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_PERSON_BY_KEY, e), *d;
	const char *tc = wf_json_str(p, "tax_code");
	long long others[16];
	int n = 0, rc;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, key);
	wf_bind_int64(s, 2, id);
	wf_bind_text(s, 3, tc);
	while ((rc = wf_step(s)) == WF_ROW && n < 16)
		others[n++] = wf_col_int64(s, 0);
	wf_reset(s);
	if (rc != WF_ROW && rc != WF_DONE)
		return wf_sql_err(ctx->st, rc, e);
	for (int i = 0; i < n; i++) {
		char cases[256];

		if (!(d = wf_sql(ctx->st, SQL_PERSON_DUP, e)))
			return e->code;
		wf_bind_int64(d, 1, id);
		wf_bind_int64(d, 2, others[i]);
		wf_bind_int64(d, 3, others[i]);
		wf_bind_int64(d, 4, id);
		if ((rc = wf_sql_done(ctx->st, d, e)))
			return rc;
		cases_of(ctx->st, others[i], cases, sizeof cases, e);
		wf_warn(ctx, "%s %s, born %s, matches the person of case %s by "
		        "name and birth date: flagged as a possible duplicate, not "
		        "merged", wf_json_str(p, "first_name"),
		        wf_json_str(p, "last_name"), wf_json_str(p, "birth_date"),
		        cases[0] ? cases : "(none)");
	}
	return 0;
}

static const char SQL_PERSON_BY_TAXCODE[] =
	"SELECT id FROM person WHERE tax_code = ?";

int wf_person_resolve(struct wf_ctx *ctx, const cJSON *p, long long *id,
                      struct wf_err *e)
{
	const char *tc = wf_json_str(p, "tax_code");
	char key[512], letters[7];
	int rc;

	if (tc) {
		if ((*id = wf_sql_id(ctx->st, SQL_PERSON_BY_TAXCODE, tc, e)) < 0)
			return e->code;
		if (*id)
			return update_contacts(ctx->st, p, *id, e);
	}
	if (wf_person_letters_differ(p, letters))
		wf_warn(ctx, "tax code '%s' opens with %.6s, but the names given "
		        "(%s %s) make %s: a possible error, both kept as given and "
		        "listed by wf-report quality", tc, tc,
		        wf_json_str(p, "first_name"), wf_json_str(p, "last_name"),
		        letters);
	wf_person_key(p, key, sizeof key);
	if ((rc = insert(ctx->st, p, key, id, e)))
		return rc;
	return flag_duplicates(ctx, p, key, *id, e);
}

/* ---- finding and correcting a person ---------------------------------- */

static int all_digits(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

static const char SQL_PERSON_EXISTS[] =
	"SELECT id FROM person WHERE id = ?";

long long wf_person_find(struct wf_store *st, const char *ref,
                             struct wf_err *e)
{
	char case_id[32], tax[32];
	long long id;
	size_t i;

	wf_audit_case_of("case", ref, case_id, sizeof case_id);
	if (*ref && all_digits(ref))
		id = wf_sql_id(st, SQL_PERSON_EXISTS, ref, e);
	else if (*case_id && !strcmp(case_id, ref))
		id = wf_sql_id(st, WF_SQL_AUDIT_PERSON_OF, ref, e);
	else {
		for (i = 0; ref[i] && i < sizeof tax - 1; i++)
			tax[i] = (char)toupper((unsigned char)ref[i]);
		tax[i] = '\0';
		id = wf_sql_id(st, SQL_PERSON_BY_TAXCODE, tax, e);
	}
	if (id == 0)
		wf_err_set(e, WF_EX_NOMATCH, "no person '%s' (give the person's "
		           "number, a case of theirs, or their tax code)", ref);
	return id > 0 ? id : 0;
}

static const char SQL_PERSON_GET[] =
	"SELECT id, tax_code, first_name, last_name, birth_date, sex,"
	" birth_place, citizenship, municipality, address, phone, email,"
	" citizenship_as_written, name_letters, same_as"
	" FROM person WHERE id = ?";
enum {
	PERSON_ID, PERSON_TAX_CODE, PERSON_EMAIL = PERSON_TAX_CODE + 10,
	PERSON_AS_WRITTEN, PERSON_NAME_LETTERS, PERSON_SAME_AS
};

/* A person as the store keeps them; what an older store or a check
 * left beside (citizenship written as no country, the letters the names
 * make when the tax code's differ, the person found to be the same) only
 * when there is any. The identity's columns are the record's keys. */
static void person_row(cJSON *r, struct wf_stmt *s)
{
	long long id = wf_col_int64(s, PERSON_ID);

	cJSON_AddStringToObject(r, "kind", "person");
	cJSON_AddNumberToObject(r, "id", (double)id);
	for (int i = PERSON_TAX_CODE; i <= PERSON_EMAIL; i++)
		wf_col_add(r, wf_col_name(s, i), s, i);
	wf_col_add(r, "citizenship_as_written", s, PERSON_AS_WRITTEN);
	wf_col_add(r, "name_letters", s, PERSON_NAME_LETTERS);
	if (wf_col_int64(s, PERSON_SAME_AS) != id)
		wf_col_add(r, "same_as", s, PERSON_SAME_AS);
}

cJSON *wf_person_get(struct wf_store *st, const char *ref, struct wf_err *e)
{
	long long id = wf_person_find(st, ref, e);
	cJSON *r;

	if (!id)
		return NULL;
	r = cJSON_CreateObject();
	if (wf_sql_each(st, SQL_PERSON_GET, NULL, id, person_row, r, e)) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

const char *const wf_person_sexes[] = { "F", "M", NULL };
static const char *const person_kinds[] = { "person", NULL };
static const struct wf_field person_fields[] = {
	{ "kind", WF_T_ENUM, 0, person_kinds, NULL, 0, 0 },
	{ "id", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "tax_code", WF_T_TAXCODE, 0, NULL, NULL, 0, 0 },
	{ "first_name", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "last_name", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "birth_date", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "sex", WF_T_ENUM, 0, wf_person_sexes, NULL, 0, 0 },
	{ "birth_place", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "citizenship", WF_T_COUNTRY, 0, NULL, NULL, 0, 0 },
	{ "municipality", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "address", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "phone", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "email", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "citizenship_as_written", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "name_letters", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "same_as", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema person_schema = { "person", person_fields };

static const char SQL_PERSON_TAKEN[] =
	"SELECT id FROM person WHERE tax_code = ?1 AND id <> ?2";

/* The earliest referral of a person: nothing about them may be dated
 * after it that the referral gives as before it. */
static const char SQL_PERSON_FIRST_REFERRAL[] =
	"SELECT min(date) FROM referral WHERE person_id = ?";

/* What a referral checks of its person against the store: born before
 * the first referral, and a tax code nobody else has. */
static int check_person(struct wf_store *st, const struct wf_record *rec,
                        long long id, struct wf_err *e)
{
	const cJSON *r = rec->root;
	const char *birth = wf_json_str(r, "birth_date");
	const char *tc = wf_json_str(r, "tax_code");
	char first[16] = "", idtext[24];
	struct wf_stmt *s;
	long long other;

	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	if (!(s = wf_sql_row(st, SQL_PERSON_FIRST_REFERRAL, idtext, 0, "", e)))
		return e->code;
	wf_col_text(s, 0, first, sizeof first);
	wf_reset(s);
	if (*first && strcmp(birth, first) > 0)
		return wf_record_err(rec, wf_json_path(r, "birth_date"),
		                     "birth_date", e, WF_EX_DATAERR, "'%s' is after "
		                     "the person's first referral, %s", birth, first);
	if (!tc || !(s = wf_sql(st, SQL_PERSON_TAKEN, e)))
		return tc ? e->code : 0;
	wf_bind_text(s, 1, tc);
	wf_bind_int64(s, 2, id);
	other = wf_step(s) == WF_ROW ? wf_col_int64(s, 0) : 0;
	wf_reset(s);
	if (other)
		return wf_record_err(rec, wf_json_path(r, "tax_code"), "tax_code", e,
		                     WF_EX_DATAERR, "'%s' is the tax code of person "
		                     "%lld already", tc, (long long)other);
	return 0;
}

static const char SQL_PERSON_UPDATE[] =
	"UPDATE person SET tax_code = ?1, first_name = ?2, last_name = ?3,"
	" birth_date = ?4, sex = ?5, birth_place = ?6, citizenship = ?7,"
	" municipality = ?8, address = ?9, phone = ?10, email = ?11,"
	" match_key = ?12, name_letters = ?14, citizenship_as_written ="
	" CASE WHEN ?7 IS NULL THEN citizenship_as_written END WHERE id = ?13";

static int store_person(struct wf_store *st, const cJSON *r, long long id,
                        struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_PERSON_UPDATE, e);
	char key[512], letters[7];
	int i;

	if (!s)
		return e->code;
	for (i = 0; identity[i]; i++)
		wf_bind_json(s, i + 1, cJSON_GetObjectItemCaseSensitive(r, identity[i]));
	wf_person_key(r, key, sizeof key);
	wf_bind_text(s, 12, key);
	wf_bind_int64(s, 13, id);
	wf_bind_text(s, 14, wf_person_letters_differ(r, letters));
	return wf_sql_done(st, s, e);
}

/* Every case of the person screened in must still be, with the facts as
 * corrected. */
static int recheck_cases(struct wf_ctx *ctx, long long id,
                         struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, WF_SQL_PERSON_CASES_OF, e);
	char (*ids)[32] = NULL;
	int n = 0, rc = 0, step;

	if (!s)
		return e->code;
	wf_bind_int64(s, 1, id);
	/* read the ids first: the check runs statements of its own */
	while ((step = wf_step(s)) == WF_ROW) {
		char (*more)[32] = realloc(ids, (size_t)(n + 1) * sizeof *ids);

		if (!more) {
			rc = wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
			break;
		}
		ids = more;
		wf_col_text(s, 0, ids[n++], sizeof ids[0]);
	}
	wf_reset(s);
	if (!rc && step != WF_DONE && step != WF_ROW)
		rc = wf_sql_err(ctx->st, step, e);
	for (int i = 0; i < n && !rc; i++)
		rc = wf_refer_recheck(ctx, ids[i], e);
	free(ids);
	return rc;
}

int wf_person_amend(struct wf_ctx *ctx, struct wf_record *rec, const char *id,
                    struct wf_err *e)
{
	long long n = strtoll(id, NULL, 10);
	int rc;

	if ((rc = wf_validate(rec, rec->root, &person_schema, "", e)) ||
	    (rc = wf_person_check_taxcode(rec, rec->root, "", e)) ||
	    (rc = check_person(ctx->st, rec, n, e)) ||
	    (rc = store_person(ctx->st, rec->root, n, e)))
		return rc;
	return recheck_cases(ctx, n, e);
}
