/*
 * monitor.c - step 4 of the path, all along it: monitoring contacts with
 * the person, the host's tutor, the family, the referrer or the employer;
 * how, by whom, the retention risk seen, the next steps and the next
 * contact agreed. Contacts feed what is due (due.c) and the risk list.
 *
 * Tables: contact.
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

const char *const wf_contact_ways[] = { "in_person", "phone", "video", NULL };
const char *const wf_risk_levels[] = { "low", "medium", "high", NULL };
const char wf_contact_columns[] = "id,case,date,with,how,operator,risk";

static const char *const contact_kinds[] = { "contact", NULL };
static const struct wf_field contact_fields[] = {
	{ "kind", WF_T_ENUM, 0, contact_kinds, NULL, 0, 0 },
	{ "id", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "case", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "placement", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "date", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "with", WF_T_ENUM, WF_F_REQUIRED, wf_parties, NULL, 0, 0 },
	{ "how", WF_T_ENUM, 0, wf_contact_ways, NULL, 0, 0 },
	{ "operator", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "provider", WF_T_CODE, 0, NULL, NULL, 0, 0 },
	{ "risk", WF_T_ENUM, 0, wf_risk_levels, NULL, 0, 0 },
	{ "next_steps", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "notes", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "next", WF_T_DATE, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema contact_schema = { "contact", contact_fields };

int wf_risk_rank(const char *level)
{
	for (int i = 0; wf_risk_levels[i]; i++)
		if (level && !strcmp(wf_risk_levels[i], level))
			return i;
	return -1;
}

static void contact_row(cJSON *r, struct wf_stmt *s)
{

	cJSON_AddStringToObject(r, "kind", "contact");
	wf_row_add(r, s);
}

/* A contact's record, a row: the columns are its keys. */
#define CONTACT_COLUMNS \
	"SELECT k.id, k.case_id AS \"case\", k.placement_id AS placement," \
	" k.date, k.party AS \"with\", k.how, k.operator, o.code AS provider," \
	" k.risk, k.next_steps, k.notes, k.next_date AS \"next\""
/* ... from contacts k, with their provider o. */
#define CONTACT_FROM(src) \
	" FROM " src " LEFT JOIN organisation o ON o.id = k.provider_id"
#define CONTACT_SELECT CONTACT_COLUMNS CONTACT_FROM("contact k")
enum { CONTACT_RISK = 8 };

static const char SQL_MON_GET[] = CONTACT_SELECT " WHERE k.id = ?";

static cJSON *contact_of_row(struct wf_stmt *s)
{
	cJSON *r = cJSON_CreateObject();

	contact_row(r, s);
	return r;
}

cJSON *wf_contact_record(struct wf_store *st, long long id,
                         struct wf_err *e)
{
	cJSON *r = cJSON_CreateObject();

	if (wf_sql_each(st, SQL_MON_GET, NULL, id, contact_row, r, e)) {
		cJSON_Delete(r);
		return NULL;
	}
	if (!r->child) {
		wf_err_set(e, WF_EX_NOMATCH, "contact %lld not found", (long long)id);
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* The case must be open on the contact's date: a closed one only takes
 * contacts dated on or before its closing. */
static int check_case(struct wf_store *st, const struct wf_record *rec,
                      const cJSON *r, struct wf_err *e)
{
	const char *date = wf_json_str(r, "date");
	struct wf_case c;

	if (wf_case_load(st, wf_json_str(r, "case"), &c, e))
		return wf_record_at(rec, wf_json_path(r, "case"), "case", e);
	if (!wf_status_open(c.status) && strcmp(date, c.status_date) > 0)
		return wf_record_err(rec, wf_json_path(r, "date"), "date", e,
		                     WF_EX_DATAERR, "case '%s' is %s since %s: a "
		                     "contact after that is refused", c.id, c.status,
		                     c.status_date);
	return 0;
}

static const char SQL_MON_PLACEMENT_CASE[] =
	"SELECT case_id FROM placement WHERE id = ?";

static int check_contact(struct wf_ctx *ctx, const struct wf_record *rec,
                         const cJSON *r, long long *provider, struct wf_err *e)
{
	const char *date = wf_json_str(r, "date"), *pl, *next = wf_json_str(r,
	                                                                 "next");
	char today[11], owner[32] = "";
	struct wf_stmt *s;
	int rc;

	wf_date_format(wf_date_today(), today);
	if (strcmp(date, today) > 0)
		return wf_record_err(rec, wf_json_path(r, "date"), "date", e,
		                     WF_EX_DATAERR, "'%s' is in the future", date);
	if (next && strcmp(next, date) < 0)
		return wf_record_err(rec, wf_json_path(r, "next"), "next", e,
		                     WF_EX_DATAERR, "%s is before the contact's date "
		                     "%s", next, date);
	if ((rc = check_case(ctx->st, rec, r, e)))
		return rc;
	if ((pl = wf_json_str(r, "placement"))) {
		if (!(s = wf_sql_row(ctx->st, SQL_MON_PLACEMENT_CASE, pl,
		                     WF_EX_DATAERR, "placement", e)))
			return wf_record_at(rec, wf_json_path(r, "placement"),
			                    "placement", e);
		wf_col_text(s, 0, owner, sizeof owner);
		wf_reset(s);
		if (strcmp(owner, wf_json_str(r, "case")))
			return wf_record_err(rec, wf_json_path(r, "placement"),
			                     "placement", e, WF_EX_DATAERR,
			                     "'%s' is a placement of case '%s', not of "
			                     "'%s'", pl, owner, wf_json_str(r, "case"));
	}
	if (wf_json_str(r, "provider") &&
	    wf_org_require(ctx->st, wf_json_str(r, "provider"), "provider",
	                   provider, e))
		return wf_record_at(rec, wf_json_path(r, "provider"), "provider", e);
	return 0;
}

/* Check a contact record as logging it does: its fields, then its case,
 * placement, dates and provider. */
static int contact_ok(struct wf_ctx *ctx, struct wf_record *rec,
                      long long *provider, struct wf_err *e)
{
	int rc;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected a contact record");
	if ((rc = wf_validate(rec, rec->root, &contact_schema, "", e)))
		return rc;
	return check_contact(ctx, rec, rec->root, provider, e);
}

/* Bind the contact's own columns, 1 to 11, in the order of both the
 * insert and the update. */
static void bind_contact(struct wf_ctx *ctx, struct wf_stmt *s, const cJSON *r,
                         long long provider)
{
	const char *how = wf_json_str(r, "how"), *op = wf_json_str(r, "operator");

	wf_bind_text(s, 1, wf_json_str(r, "case"));
	wf_bind_text(s, 2, wf_json_str(r, "placement"));
	wf_bind_text(s, 3, wf_json_str(r, "date"));
	wf_bind_text(s, 4, wf_json_str(r, "with"));
	wf_bind_text(s, 5, how ? how : "in_person");
	wf_bind_text(s, 6, op ? op : ctx->operator_);
	if (provider)
		wf_bind_int64(s, 7, provider);
	wf_bind_text(s, 8, wf_json_str(r, "risk"));
	wf_bind_text(s, 9, wf_json_str(r, "next_steps"));
	wf_bind_text(s, 10, wf_json_str(r, "notes"));
	wf_bind_text(s, 11, wf_json_str(r, "next"));
}

/* A new contact's number is past every contact's, voided ones too. */
static const char SQL_MON_INSERT[] =
	"INSERT INTO contact (case_id, placement_id, date, party, how, operator,"
	" provider_id, risk, next_steps, notes, next_date, recorded_at,"
	" recorded_by, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	" ?11, ?12, ?13, 1 + max(coalesce((SELECT max(id) FROM contact), 0),"
	" coalesce((SELECT max(record_num) FROM voided"
	" WHERE kind = 'contact'), 0)))";

int wf_monitor_log(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e)
{
	const cJSON *r = rec->root;
	long long provider = 0;
	struct wf_stmt *s;
	long long id;
	cJSON *out;
	char now[32];
	int rc;

	if ((rc = contact_ok(ctx, rec, &provider, e)) ||
	    !(s = wf_sql(ctx->st, SQL_MON_INSERT, e)))
		return rc ? rc : e->code;
	wf_timestamp(now, sizeof now);
	bind_contact(ctx, s, r, provider);
	wf_bind_text(s, 12, now);
	wf_bind_text(s, 13, ctx->operator_);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	id = wf_sql_last_id(ctx->st);
	if (!(out = wf_contact_record(ctx->st, id, e)))
		return e->code;
	rc = wf_audit(ctx, "log", "contact", wf_json_str(r, "case"), out, e);
	if (!rc)
		rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	return rc;
}

static const char SQL_MON_UPDATE[] =
	"UPDATE contact SET case_id = ?1, placement_id = ?2, date = ?3,"
	" party = ?4, how = ?5, operator = ?6, provider_id = ?7, risk = ?8,"
	" next_steps = ?9, notes = ?10, next_date = ?11 WHERE id = ?12";

int wf_contact_amend(struct wf_ctx *ctx, struct wf_record *rec, const char *id,
                     struct wf_err *e)
{
	long long provider = 0;
	struct wf_stmt *s;
	int rc;

	if ((rc = contact_ok(ctx, rec, &provider, e)) ||
	    !(s = wf_sql(ctx->st, SQL_MON_UPDATE, e)))
		return rc ? rc : e->code;
	bind_contact(ctx, s, rec->root, provider);
	wf_bind_int64(s, 12, strtoll(id, NULL, 10));
	return wf_sql_done(ctx->st, s, e);
}

int wf_contact_check(struct wf_ctx *ctx, const char *id, struct wf_err *e)
{
	struct wf_record rec = { 0 };
	long long provider;
	int rc;

	if (!(rec.root = wf_contact_get(ctx->st, id, e)))
		return e->code;
	rc = contact_ok(ctx, &rec, &provider, e);
	cJSON_Delete(rec.root);
	return rc;
}

cJSON *wf_contact_get(struct wf_store *st, const char *id, struct wf_err *e)
{
	long long n = wf_id_number(id, "contact", e);

	return n ? wf_contact_record(st, n, e) : NULL;
}

static cJSON *contact_by_text(struct wf_store *st, const char *id,
                              struct wf_err *e)
{
	return wf_contact_record(st, strtoll(id, NULL, 10), e);
}

/* The records whole, a statement for them all. */
static const char SQL_MON_LIST[] =
	CONTACT_SELECT " WHERE (?1 IS NULL OR k.case_id = ?1)"
	" AND (?2 IS NULL OR k.party = ?2) AND (?3 IS NULL OR k.operator = ?3)"
	" AND (?4 IS NULL OR k.date >= ?4) AND (?5 IS NULL OR k.date <= ?5)"
	" ORDER BY k.date, k.id";

int wf_monitor_list(struct wf_ctx *ctx, const struct wf_contact_filter *f,
                    struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, SQL_MON_LIST, e);

	if (!s)
		return e->code;
	wf_bind_text(s, 1, f->case_id);
	wf_bind_text(s, 2, f->with);
	wf_bind_text(s, 3, f->operator_);
	wf_bind_text(s, 4, f->since);
	wf_bind_text(s, 5, f->until);
	return wf_emit_made(ctx, s, contact_of_row, "no contacts match", e);
}

/* A contact is a number; a case id has a dash: 2026-0005. */
static int is_contact(const char *operand)
{
	return !strchr(operand, '-');
}

int wf_monitor_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                    struct wf_err *e)
{
	static const struct wf_case_items items = {
		is_contact, WF_SQL_MON_OF_CASE, N_("contacts")
	};

	return wf_show_items(ctx, ids, contact_by_text, &items, e);
}

/* The latest contact that judged the risk, for each open case, whole:
 * the open cases' contacts that judged it, ranked in each case, from
 * the index of those; no second look-up of the contact, which a server
 * would make by reading every contact. */
const char WF_SQL_MON_RISKS[] =
	CONTACT_COLUMNS CONTACT_FROM("(SELECT l.*, row_number() OVER"
	"  (PARTITION BY l.case_id ORDER BY l.date DESC, l.id DESC) AS latest"
	"  FROM cases c JOIN contact l ON l.case_id = c.id"
	"  AND l.risk IS NOT NULL WHERE c.status IN " OPEN_STATUSES ") k")
	" WHERE k.latest = 1 ORDER BY k.date DESC, k.id DESC";

int wf_monitor_risks(struct wf_ctx *ctx, const char *level, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(ctx->st, WF_SQL_MON_RISKS, e);
	int least = wf_risk_rank(level ? level : "high"), rc = 0, step;
	long n = 0;

	if (!s)
		return e->code;
	while (!rc && (step = wf_step(s)) == WF_ROW) {
		cJSON *r;

		if (wf_risk_rank(wf_col_str(s, CONTACT_RISK)) < least)
			continue;
		r = contact_of_row(s);
		/* The risk record names the case it speaks of. */
		cJSON_ReplaceItemInObjectCaseSensitive(r, "kind",
		                                      cJSON_CreateString("risk"));
		rc = wf_emit(ctx, r, e);
		n++;
		cJSON_Delete(r);
	}
	if (!rc && step != WF_DONE)
		rc = wf_sql_err(ctx->st, step, e);
	wf_reset(s);
	if (!rc && !n)
		rc = wf_err_set(e, WF_EX_NOMATCH, "no open case at risk %s or above",
		                wf_risk_levels[least]);
	return rc;
}
