/*
 * amend.c - corrections, one way for every kind of record: a correction
 * names the record (kind and id) and the fields to change. The record as
 * it stands is read back in the form in which it is given, the fields are
 * merged into it, and the whole is checked and stored by the same rules
 * as when it was added, by the module that owns it; what it would not
 * have accepted is refused and nothing is written. The audit keeps the
 * reason and each changed field's old and new value.
 */
#include <stdlib.h>
#include <string.h>

#include "auditchain.h"
#include "casefile.h"

const char wf_amend_columns[] = "entity,id,case,changed,reason";

static const struct kind {
	const char *kind;
	cJSON *(*get)(struct wf_store *st, const char *id, struct wf_err *e);
	int (*amend)(struct wf_ctx *ctx, struct wf_record *rec, const char *id,
	             struct wf_err *e);
} kinds[] = {
	{ "contact", wf_contact_get, wf_contact_amend },
	{ "person", wf_person_get, wf_person_amend },
	{ "placement", wf_place_get, wf_place_amend },
	{ "follow_up", wf_follow_up_get, wf_follow_up_amend },
	{ "referral", wf_referral_get, wf_referral_amend },
	{ "session", wf_session_get, wf_session_amend },
	{ "decision", wf_decision_get, wf_decision_amend },
	{ "attendance", wf_attendance_get, wf_attendance_amend },
	{ "closing", wf_closing_get, wf_closing_amend },
};

/* The record's id as text: ids are text or numbers. */
static int id_text(const cJSON *v, char *buf, size_t len)
{
	if (cJSON_IsString(v) && *v->valuestring)
		snprintf(buf, len, "%s", v->valuestring);
	else if (cJSON_IsNumber(v) && v->valuedouble >= 1)
		snprintf(buf, len, "%.0f", v->valuedouble);
	else
		return -1;
	return 0;
}

/* A value given as text (--set) takes the type of the value it replaces,
 * so that a number stays a number; changed in place, it keeps its place
 * in the input. */
static void typed(cJSON *v, const cJSON *old)
{
	char *end;
	double d;

	if (!cJSON_IsString(v) || !cJSON_IsNumber(old) || !*v->valuestring)
		return;
	d = strtod(v->valuestring, &end);
	if (*end)
		return;
	cJSON_free(v->valuestring);
	v->valuestring = NULL;
	v->type = cJSON_Number;
	cJSON_SetNumberValue(v, d);
}

/* Move the given fields into the record as it stands: null removes one.
 * The moved items keep their place in the input, for messages. */
static void merge(cJSON *into, cJSON *given)
{
	cJSON *c = given->child, *next, *old;

	for (; c; c = next) {
		next = c->next;
		if (!c->string || !strcmp(c->string, "kind") ||
		    !strcmp(c->string, "id") || !strcmp(c->string, "reason"))
			continue;
		old = cJSON_GetObjectItemCaseSensitive(into, c->string);
		cJSON_DetachItemViaPointer(given, c);
		if (cJSON_IsNull(c)) {
			if (old)
				cJSON_Delete(cJSON_DetachItemViaPointer(into, old));
			cJSON_Delete(c);
			continue;
		}
		typed(c, old);
		if (old)
			cJSON_ReplaceItemViaPointer(into, old, c);
		else
			cJSON_AddItemToObject(into, c->string, c);
	}
}

/* What the store works out from a record rather than keeps as given
 * (a person's flags): they follow a correction, they are not one. */
static int derived(const char *key)
{
	static const char *const keys[] = { "name_letters",
	                                    "citizenship_as_written", "same_as",
	                                    NULL };

	for (int i = 0; keys[i]; i++)
		if (!strcmp(keys[i], key))
			return 1;
	return 0;
}

/* What changed, field by field: {field: {old, new}}; NULL for nothing. */
static cJSON *changes(const cJSON *before, const cJSON *after)
{
	cJSON *ch = cJSON_CreateObject(), *d;
	const cJSON *c, *o;

	cJSON_ArrayForEach(c, after) {
		o = cJSON_GetObjectItemCaseSensitive(before, c->string);
		if ((o && cJSON_Compare(o, c, 1)) || derived(c->string))
			continue;
		d = cJSON_AddObjectToObject(ch, c->string);
		cJSON_AddItemToObject(d, "old", o ? cJSON_Duplicate(o, 1)
		                                  : cJSON_CreateNull());
		cJSON_AddItemToObject(d, "new", cJSON_Duplicate(c, 1));
	}
	cJSON_ArrayForEach(c, before)
		if (!cJSON_GetObjectItemCaseSensitive(after, c->string) &&
		    !derived(c->string)) {
			d = cJSON_AddObjectToObject(ch, c->string);
			cJSON_AddItemToObject(d, "old", cJSON_Duplicate(c, 1));
			cJSON_AddItemToObject(d, "new", cJSON_CreateNull());
		}
	if (!ch->child) {
		cJSON_Delete(ch);
		return NULL;
	}
	return ch;
}

/* The correction as it is printed: what it was, what it is, and why. */
static cJSON *correction(const char *kind, const char *id, const char *why,
                         const cJSON *before, const cJSON *after,
                         const cJSON *ch)
{
	cJSON *r = cJSON_CreateObject(), *names = cJSON_CreateArray();
	const char *c = wf_json_str(after, "case");

	cJSON_AddStringToObject(r, "kind", "correction");
	cJSON_AddStringToObject(r, "entity", kind);
	cJSON_AddStringToObject(r, "id", id);
	if (c)
		cJSON_AddStringToObject(r, "case", c);
	for (const cJSON *f = ch->child; f; f = f->next)
		cJSON_AddItemToArray(names, cJSON_CreateString(f->string));
	cJSON_AddItemToObject(r, "changed", names);
	cJSON_AddStringToObject(r, "reason", why);
	cJSON_AddItemToObject(r, "before", cJSON_Duplicate(before, 1));
	cJSON_AddItemToObject(r, "after", cJSON_Duplicate(after, 1));
	return r;
}

/* Apply the merged record and keep what it changed in the audit. */
static int apply(struct wf_ctx *ctx, const struct kind *k, struct wf_record *m,
                 const char *id, const char *why, const cJSON *before,
                 struct wf_err *e)
{
	cJSON *after, *ch, *detail, *out;
	int rc;

	if ((rc = k->amend(ctx, m, id, e)))
		return rc;
	if (!(after = k->get(ctx->st, id, e)))
		return e->code;
	if (!(ch = changes(before, after))) {
		cJSON_Delete(after);
		return wf_record_err(m, m->root, "", e, WF_EX_DATAERR, "the "
		                     "correction of %s '%s' changes nothing", k->kind,
		                     id);
	}
	detail = cJSON_CreateObject();
	cJSON_AddStringToObject(detail, "reason", why);
	cJSON_AddItemToObject(detail, "changes", cJSON_Duplicate(ch, 1));
	rc = wf_audit_entry(ctx, "correct", k->kind, id,
	                    wf_json_str(after, "case"),
	                    strcmp(k->kind, "person") ? 0 : strtoll(id, NULL, 10),
	                    detail, e);
	out = correction(k->kind, id, why, before, after, ch);
	if (!rc)
		rc = wf_emit(ctx, out, e);
	cJSON_Delete(out);
	cJSON_Delete(detail);
	cJSON_Delete(ch);
	cJSON_Delete(after);
	return rc;
}

int wf_amend_not_future(const struct wf_record *rec, struct wf_err *e)
{
	const char *date = wf_json_str(rec->root, "date");
	char today[11];

	wf_date_format(wf_date_today(), today);
	if (!date || strcmp(date, today) <= 0)
		return 0;
	return wf_record_err(rec, wf_json_path(rec->root, "date"), "date", e,
	                     WF_EX_DATAERR, "'%s' is in the future", date);
}

int wf_amend_same_case(const struct wf_record *rec, const char *kind,
                       const char *was, struct wf_err *e)
{
	const char *now = wf_json_str(rec->root, "case");

	if (!now || !strcmp(now, was))
		return 0;
	if (!strcmp(kind, "session"))
		return wf_record_err(rec, wf_json_path(rec->root, "case"), "case",
		                     e, WF_EX_DATAERR, "a session stays with its case "
		                     "'%s': void it and add it to the right one", was);
	return wf_record_err(rec, wf_json_path(rec->root, "case"), "case", e,
	                     WF_EX_DATAERR, "a %s stays with its case '%s'", kind,
	                     was);
}

int wf_amend_target(const struct wf_record *rec, const char *const *names,
                    const char *reason, int *k, char *id, size_t len,
                    const char **why, struct wf_err *e)
{
	const cJSON *r = rec->root;
	const char *kind = wf_json_str(r, "kind");
	char list[128] = "";

	if (!cJSON_IsObject(r))
		return wf_record_err(rec, r, "", e, WF_EX_DATAERR, "expected the "
		                     "record's kind and id");
	for (*k = 0; names[*k] && (!kind || strcmp(names[*k], kind)); ++*k)
		;
	if (!names[*k]) {
		wf_join(names, list, sizeof list);
		if (!kind)
			return wf_record_err(rec, r, "kind", e, WF_EX_DATAERR,
			                     "missing: the kind of record (one of: %s)",
			                     list);
		return wf_record_err(rec, wf_json_path(r, "kind"), "kind", e,
		                     WF_EX_DATAERR, "'%s' is not one of: %s", kind,
		                     list);
	}
	if (id_text(cJSON_GetObjectItemCaseSensitive(r, "id"), id, len))
		return wf_record_err(rec, wf_json_path(r, "id"), "id", e,
		                     WF_EX_DATAERR, "missing: the id of the %s", kind);
	*why = wf_json_str(r, "reason");
	if (!*why)
		*why = reason;
	if (!*why || !**why)
		return wf_record_err(rec, r, "reason", e, WF_EX_DATAERR, "a "
		                     "reason is needed (--reason, or reason: in the "
		                     "record)");
	return 0;
}

/* The names of kinds[], in its order. */
const char *const wf_amend_kinds[] = { "contact", "person", "placement",
                                           "follow_up", "referral", "session",
                                           "decision", "attendance",
                                           "closing", NULL };

int wf_amend(struct wf_ctx *ctx, const struct wf_amend_opts *o,
             struct wf_record *rec, struct wf_err *e)
{
	const struct kind *k;
	const char *why;
	struct wf_record m;
	cJSON *before;
	char id[64];
	int rc, i;

	if ((rc = wf_amend_target(rec, wf_amend_kinds, o ? o->reason : NULL, &i, id,
	                          sizeof id, &why, e)))
		return rc;
	k = &kinds[i];
	if (!(before = k->get(ctx->st, id, e))) {
		e->code = e->code == WF_EX_NOMATCH ? WF_EX_DATAERR : e->code;
		return wf_record_at(rec, wf_json_path(rec->root, "id"), "id", e);
	}
	/* the id as the store knows it: a person may be named by tax code */
	id_text(cJSON_GetObjectItemCaseSensitive(before, "id"), id, sizeof id);
	m = *rec;
	m.root = cJSON_Duplicate(before, 1);
	merge(m.root, rec->root);
	rc = apply(ctx, k, &m, id, why, before, e);
	cJSON_Delete(m.root);
	cJSON_Delete(before);
	return rc;
}

cJSON *wf_amend_flags(const char *kind, const char *id, const char *set,
                      struct wf_err *e)
{
	const char *eq = set ? strchr(set, '=') : NULL;
	cJSON *r;
	char field[128];

	if (!kind || !id || !set) {
		wf_err_set(e, WF_EX_USAGE, "give records, or --kind, --id and --set "
		           "FIELD=VALUE");
		return NULL;
	}
	if (!eq || eq == set || (size_t)(eq - set) >= sizeof field) {
		wf_err_set(e, WF_EX_USAGE, "--set: '%s' is not FIELD=VALUE", set);
		return NULL;
	}
	snprintf(field, sizeof field, "%.*s", (int)(eq - set), set);
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", kind);
	cJSON_AddStringToObject(r, "id", id);
	if (eq[1])
		cJSON_AddStringToObject(r, field, eq + 1);
	else
		cJSON_AddNullToObject(r, field);
	return r;
}
