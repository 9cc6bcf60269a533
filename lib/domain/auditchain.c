/*
 * auditchain.c - the seal of the audit trail. Each entry's hash is the
 * SHA-256 of its fields written as netstrings ("LEN:BYTES,"), the hash of
 * the entry before it first, so that changing, removing or inserting an
 * entry breaks every hash after it; the detail enters by its own hash.
 * SHA-256 comes from nettle (Debian's nettle-dev): small, kept, and
 * nothing of a TLS stack that the suite does not need.
 *
 * The details keep what was written, not the person's data: the values
 * of names, contacts, free text and health data are withheld from the
 * copy the audit keeps, and stay only in the record itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "auditchain.h"

static void hex(const unsigned char *d, char out[WF_SHA_HEX])
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * SHA256_DIGEST_SIZE] = '\0';
}

int wf_audit_cases_sha(struct wf_store *st, const char *sql,
                       long long key, char out[WF_SHA_HEX], long *n,
                       unsigned *what, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, sql, e);
	struct sha256_ctx c;
	unsigned char d[SHA256_DIGEST_SIZE];
	int step;

	if (!s)
		return e->code;
	if (key)
		wf_bind_int64(s, 1, key);
	sha256_init(&c);
	*n = 0;
	while ((step = wf_step(s)) == WF_ROW) {
		const char *id = wf_col_str(s, 0);

		sha256_update(&c, (size_t)wf_col_bytes(s, 0),
		              (const unsigned char *)(id ? id : ""));
		sha256_update(&c, 1, (const unsigned char *)"\n");
		if (what && wf_col_count(s) > 1)
			*what |= (unsigned)wf_col_int(s, 1);
		++*n;
	}
	wf_reset(s);
	if (step != WF_DONE)
		return wf_sql_err(st, step, e);
	sha256_digest(&c, sizeof d, d);
	hex(d, out);
	return 0;
}

void wf_sha256_hex(const void *data, size_t n, char out[WF_SHA_HEX])
{
	struct sha256_ctx c;
	unsigned char d[SHA256_DIGEST_SIZE];

	sha256_init(&c);
	sha256_update(&c, n, data);
	sha256_digest(&c, sizeof d, d);
	hex(d, out);
}

/* A field as a netstring; NULL is the empty string. */
static void field(struct sha256_ctx *c, const char *s)
{
	char len[24];
	size_t n = s ? strlen(s) : 0;

	snprintf(len, sizeof len, "%zu:", n);
	sha256_update(c, strlen(len), (const unsigned char *)len);
	sha256_update(c, n, (const unsigned char *)(s ? s : ""));
	sha256_update(c, 1, (const unsigned char *)",");
}

static void number(struct sha256_ctx *c, long long v, int none_if_0)
{
	char buf[24];

	snprintf(buf, sizeof buf, "%lld", (long long)v);
	field(c, none_if_0 && v == 0 ? NULL : buf);
}

void wf_audit_hash(const struct wf_audit_entry *a, char out[WF_SHA_HEX])
{
	struct sha256_ctx c;
	unsigned char d[SHA256_DIGEST_SIZE];

	sha256_init(&c);
	field(&c, a->prev);
	number(&c, a->id, 0);
	field(&c, a->at);
	field(&c, a->operator_);
	field(&c, a->login);
	field(&c, a->command);
	field(&c, a->action);
	field(&c, a->entity);
	field(&c, a->entity_id);
	field(&c, a->case_id);
	number(&c, a->person_id, 1);
	field(&c, a->detail_sha);
	sha256_digest(&c, sizeof d, d);
	hex(d, out);
}

/* The fields whose values the audit does not copy: who the person is,
 * how to reach them, what anyone wrote in free text, and their health,
 * disability, fragility and ethnic origin (minority, foreign background). Sorted, for bsearch: every key of every
 * record written is looked up here. */
static const char *const withheld[] = {
	"address", "birth_date", "birth_place", "certifications", "details",
	"disability", "email", "evidence", "first_name", "foreign_background",
	"fragility", "host_tutor_contact", "invalidity_percent", "last_name",
	"minority", "name_letters", "needs", "next_steps", "note", "notes",
	"participants", "phone", "recommendations", "referrer_contact",
	"tax_code",
};

static int by_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Erasing a person withholds the reasons given too: free text, which may
 * name them; the audit keeps them only while the person is known. */
static int is_withheld(const char *key, int erase)
{
	if (key && erase && (!strcmp(key, "reason") || !strcmp(key, "reasons")))
		return 1;
	return key && bsearch(key, withheld, sizeof withheld / sizeof *withheld,
	                      sizeof *withheld, by_name) != NULL;
}

/* A copy of v with the withheld values replaced, made in one pass (a
 * duplicate then pruned would copy what it drops). Depth is bounded by
 * the records' own schemas; past 16 a value is withheld whole. */
static cJSON *minimise(const cJSON *v, int depth, int erase)
{
	cJSON *copy;

	if (depth > 16)
		return cJSON_CreateString(WF_AUDIT_WITHHELD);
	if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
		return cJSON_Duplicate(v, 0);
	copy = cJSON_IsObject(v) ? cJSON_CreateObject() : cJSON_CreateArray();
	for (const cJSON *c = v->child; c; c = c->next) {
		cJSON *item = cJSON_IsObject(v) && is_withheld(c->string, erase) &&
		              !cJSON_IsNull(c)
		              ? cJSON_CreateString(WF_AUDIT_WITHHELD)
		              : minimise(c, depth + 1, erase);

		if (cJSON_IsObject(v))
			cJSON_AddItemToObject(copy, c->string, item);
		else
			cJSON_AddItemToArray(copy, item);
	}
	return copy;
}

cJSON *wf_audit_minimise(const cJSON *detail)
{
	return detail ? minimise(detail, 0, 0) : NULL;
}

cJSON *wf_audit_redact(const cJSON *detail)
{
	return detail ? minimise(detail, 0, 1) : NULL;
}

void wf_audit_case_of(const char *entity, const char *id, char *buf,
                      size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	if (!id || strcmp(entity, "organisation") == 0 ||
	    strcmp(entity, "programme") == 0 || strcmp(entity, "person") == 0)
		return;
	/* YYYY-NNNN, then the item's own part after a dot or a slash */
	while (n < 4 && id[n] >= '0' && id[n] <= '9')
		n++;
	if (n != 4 || id[n] != '-')
		return;
	for (n++; id[n] >= '0' && id[n] <= '9'; n++)
		;
	if (n > 5 && n < len && (!id[n] || id[n] == '.' || id[n] == '/'))
		snprintf(buf, len, "%.*s", (int)n, id);
}

/* ---- sealing the entries made before the chain ------------------------ */

struct old_entry {
	long long id;
	char *cols[8];  /* at, operator, login, command, action, entity,
	                   entity_id, detail */
};

static char *col_dup(struct wf_stmt *s, int i)
{
	const char *t = wf_col_str(s, i);

	return t ? strdup(t) : NULL;
}

static long long person_of(struct wf_store *st, const char *case_id,
                               struct wf_err *e)
{
	if (!*case_id)
		return 0;
	return wf_sql_id(st, WF_SQL_AUDIT_PERSON_OF, case_id, e);
}

static const char SQL_AUDIT_SEAL[] =
	"UPDATE audit SET case_id = ?2, person_id = ?3, detail = ?4,"
	" detail_sha = ?5, prev = ?6, hash = ?7 WHERE id = ?1";

/* Seal one entry after prev, updating prev to its hash. */
static int seal_one(struct wf_store *st, struct old_entry *o,
                    char prev[WF_SHA_HEX], struct wf_err *e)
{
	cJSON *parsed = o->cols[7] ? cJSON_Parse(o->cols[7]) : NULL;
	cJSON *kept = wf_audit_minimise(parsed);
	char *text = kept ? cJSON_PrintUnformatted(kept) : NULL;
	char case_id[32], dsha[WF_SHA_HEX], hash[WF_SHA_HEX];
	struct wf_audit_entry a = { 0 };
	struct wf_stmt *s;
	int rc;

	wf_audit_case_of(o->cols[5], o->cols[6], case_id, sizeof case_id);
	a.id = o->id;
	a.at = o->cols[0], a.operator_ = o->cols[1], a.login = o->cols[2];
	a.command = o->cols[3], a.action = o->cols[4], a.entity = o->cols[5];
	a.entity_id = o->cols[6], a.case_id = case_id;
	a.person_id = person_of(st, case_id, e);
	wf_sha256_hex(text ? text : "", text ? strlen(text) : 0, dsha);
	a.detail_sha = dsha, a.prev = prev;
	wf_audit_hash(&a, hash);
	if (a.person_id < 0 || !(s = wf_sql(st, SQL_AUDIT_SEAL, e))) {
		rc = e->code;
	} else {
		wf_bind_int64(s, 1, a.id);
		wf_bind_text(s, 2, *case_id ? case_id : NULL);
		if (a.person_id)
			wf_bind_int64(s, 3, a.person_id);
		wf_bind_text(s, 4, text);
		wf_bind_text(s, 5, dsha);
		wf_bind_text(s, 6, prev);
		wf_bind_text(s, 7, hash);
		rc = wf_sql_done(st, s, e);
	}
	memcpy(prev, hash, WF_SHA_HEX);
	cJSON_Delete(parsed);
	cJSON_Delete(kept);
	cJSON_free(text);
	return rc;
}

static const char SQL_AUDIT_CHAIN[] =
	"SELECT" AUDIT_COLUMNS " FROM audit WHERE id > ? ORDER BY id LIMIT 512";

/* The next batch of entries after id *last, read before any is changed. */
static int batch(struct wf_store *st, long long *last,
                 struct old_entry *b, int *n, struct wf_err *e)
{
	static const int pick[] = { AUDIT_AT, AUDIT_OPERATOR, AUDIT_LOGIN,
	                            AUDIT_COMMAND, AUDIT_ACTION, AUDIT_ENTITY,
	                            AUDIT_ENTITY_ID, AUDIT_DETAIL };
	struct wf_stmt *s = wf_sql(st, SQL_AUDIT_CHAIN, e);
	int step;

	*n = 0;
	if (!s)
		return e->code;
	wf_bind_int64(s, 1, *last);
	for (*n = 0; (step = wf_step(s)) == WF_ROW; (*n)++) {
		memset(&b[*n], 0, sizeof b[*n]);
		b[*n].id = *last = wf_col_int64(s, AUDIT_ID);
		for (int i = 0; i < 8; i++)
			b[*n].cols[i] = col_dup(s, pick[i]);
	}
	wf_reset(s);
	return step == WF_DONE ? 0 : wf_sql_err(st, step, e);
}

int wf_audit_seal(struct wf_store *st, struct wf_err *e)
{
	static struct old_entry b[512];
	char prev[WF_SHA_HEX] = WF_SQL_GENESIS;
	long long last = 0;
	int n = 0, rc;

	do {
		rc = batch(st, &last, b, &n, e);
		for (int i = 0; i < n; i++) {
			if (!rc)
				rc = seal_one(st, &b[i], prev, e);
			for (int j = 0; j < 8; j++)
				free(b[i].cols[j]);
		}
	} while (!rc && n > 0);
	return rc;
}
