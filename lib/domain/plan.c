/*
 * plan.c - the Individual Project (goals, each with a measurable outcome
 * and a target date) and the Intervention Plan (actions, each with its
 * provider, dates, hours and the goal it serves), agreed with the person
 * on a date. A plan is written for an eligible case, which becomes
 * 'planned'; writing it again is a revision: a new version, the earlier
 * ones kept and readable.
 *
 * Tables: plan, plan_goal, plan_action.
 */
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

const char *const wf_action_kinds[] = { "training", "internship", "work_grant",
                                        "occupational_lab", "motivational_lab",
                                        "job_search_support", "family_support",
                                        "post_hire_follow_up", NULL };
static const char *const plan_kinds[] = { "plan", "assessment", NULL };

static const struct wf_field goal_fields[] = {
	{ "id", WF_T_CODE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "description", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "outcome", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "target_date", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema goal_schema = { NULL, goal_fields };

static const struct wf_field action_fields[] = {
	{ "kind", WF_T_ENUM, WF_F_REQUIRED, wf_action_kinds, NULL, 0, 0 },
	{ "provider", WF_T_CODE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "start", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "end", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "hours", WF_T_INT, 0, NULL, NULL, 0, 100000 },
	{ "goal", WF_T_CODE, 0, NULL, NULL, 0, 0 },
	{ "notes", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema action_schema = { NULL, action_fields };

static const struct wf_field plan_fields[] = {
	{ "kind", WF_T_ENUM, 0, plan_kinds, NULL, 0, 0 },
	{ "id", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "case", WF_T_STRING, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "version", WF_T_ANY, WF_F_OUTPUT, NULL, NULL, 0, 0 },
	{ "agreed_on", WF_T_DATE, WF_F_REQUIRED, NULL, NULL, 0, 0 },
	{ "notes", WF_T_STRING, 0, NULL, NULL, 0, 0 },
	{ "goals", WF_T_LIST, WF_F_REQUIRED, NULL, &goal_schema, 0, 0 },
	{ "actions", WF_T_LIST, WF_F_REQUIRED, NULL, &action_schema, 0, 0 },
	{ NULL, 0, 0, NULL, NULL, 0, 0 }
};
static const struct wf_schema plan_schema = { "plan", plan_fields };

static int is_placement(const char *kind)
{
	for (int i = 0; wf_placement_kinds[i]; i++)
		if (!strcmp(wf_placement_kinds[i], kind))
			return 1;
	return 0;
}

static int allowed_by(const cJSON *prog, const char *kind)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(prog, "placements"))
		if (cJSON_IsString(c) && !strcmp(c->valuestring, kind))
			return 1;
	return 0;
}

/* Goals: unique ids, target dates not before the agreement. */
static int check_goals(const struct wf_record *rec, const cJSON *plan,
                       const char *path, struct wf_err *e)
{
	const char *agreed = wf_json_str(plan, "agreed_on");
	const cJSON *goals = cJSON_GetObjectItemCaseSensitive(plan, "goals");
	const cJSON *g, *h;
	char f[192];
	int i = 0;

	cJSON_ArrayForEach(g, goals) {
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(g, "target_date");

		snprintf(f, sizeof f, "%sgoals[%d]", path, i++);
		for (h = goals->child; h != g; h = h->next)
			if (!strcmp(wf_json_str(h, "id"), wf_json_str(g, "id")))
				return wf_record_err(rec, cJSON_GetObjectItemCaseSensitive(g,
				                     "id"), strcat(f, ".id"), e, WF_EX_DATAERR,
				                     "goal '%s' appears twice",
				                     wf_json_str(g, "id"));
		if (strcmp(t->valuestring, agreed) < 0)
			return wf_record_err(rec, t, strcat(f, ".target_date"), e,
			                     WF_EX_DATAERR, "%s is before the plan was "
			                     "agreed on %s", t->valuestring, agreed);
	}
	return 0;
}

static int has_goal(const cJSON *plan, const char *id)
{
	const cJSON *g;

	cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(plan, "goals"))
		if (!strcmp(wf_json_str(g, "id"), id))
			return 1;
	return 0;
}

/* The provider of an action is registered as a provider or a host. */
static int provider(struct wf_store *st, const char *code, long long *id,
                    struct wf_err *e)
{
	if (wf_org_require(st, code, "provider", id, e) == 0)
		return 0;
	if (!*id)
		return e->code;
	if (wf_org_require(st, code, "host", id, e) == 0)
		return 0;
	return wf_err_set(e, WF_EX_DATAERR, "organisation '%s' is neither a "
	                  "provider nor a host (add the role with 'wf org add')",
	                  code);
}

/* Actions: dates in order, a goal that exists, placement kinds the
 * programme allows, providers that are registered. */
static int check_actions(struct wf_store *st, const struct wf_record *rec,
                         const cJSON *plan, const cJSON *prog,
                         const char *path, struct wf_err *e)
{
	const cJSON *a;
	char f[192], list[256];
	long long id;
	int i = 0;

	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(plan, "actions")) {
		const char *kind = wf_json_str(a, "kind"), *goal = wf_json_str(a, "goal");
		const cJSON *end = cJSON_GetObjectItemCaseSensitive(a, "end");

		snprintf(f, sizeof f, "%sactions[%d]", path, i++);
		if (strcmp(end->valuestring, wf_json_str(a, "start")) < 0)
			return wf_record_err(rec, end, strcat(f, ".end"), e, WF_EX_DATAERR,
			                     "%s is before the start %s", end->valuestring,
			                     wf_json_str(a, "start"));
		if (goal && !has_goal(plan, goal))
			return wf_record_err(rec, cJSON_GetObjectItemCaseSensitive(a,
			                     "goal"), strcat(f, ".goal"), e, WF_EX_DATAERR,
			                     "no goal '%s' in the project", goal);
		if (is_placement(kind) && !allowed_by(prog, kind)) {
			const cJSON *pl = cJSON_GetObjectItemCaseSensitive(prog, "placements");
			char *txt = pl ? cJSON_PrintUnformatted(pl) : NULL;

			snprintf(list, sizeof list, "%s", txt ? txt : "[]");
			free(txt);
			return wf_record_err(rec, cJSON_GetObjectItemCaseSensitive(a,
			                     "kind"), strcat(f, ".kind"), e, WF_EX_DATAERR,
			                     "programme '%s' does not allow '%s' (its "
			                     "placements: %s)", wf_json_str(prog, "id"),
			                     kind, list);
		}
		if (provider(st, wf_json_str(a, "provider"), &id, e))
			return wf_record_at(rec, cJSON_GetObjectItemCaseSensitive(a,
			                    "provider"), strcat(f, ".provider"), e);
	}
	return 0;
}

static const char SQL_PLAN_LAST[] =
	"SELECT coalesce(max(version), 0), max(agreed_on) FROM plan"
	" WHERE case_id = ?";
enum {
	LAST_VERSION, LAST_AGREED
};

/* The last version of the case's plan and when it was agreed. */
static int last_version(struct wf_store *st, const char *id, int *version,
                        char *agreed, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, SQL_PLAN_LAST, e);
	const char *a;
	int rc;

	if (!s)
		return e->code;
	wf_bind_text(s, 1, id);
	if ((rc = wf_step(s)) != WF_ROW) {
		wf_reset(s);
		return wf_sql_err(st, rc, e);
	}
	*version = wf_col_int(s, LAST_VERSION);
	a = wf_col_str(s, LAST_AGREED);
	snprintf(agreed, 11, "%s", a ? a : "");
	wf_reset(s);
	return 0;
}

static const char SQL_PLAN_INSERT[] =
	"INSERT INTO plan (case_id, version, agreed_on, notes, recorded_at,"
	" operator) VALUES (?, ?, ?, ?, ?, ?)";

static const char SQL_PLAN_GOAL[] =
	"INSERT INTO plan_goal (plan_id, ref, description, outcome, target_date)"
	" VALUES (?, ?, ?, ?, ?)";

static const char SQL_PLAN_ACTION[] =
	"INSERT INTO plan_action (plan_id, kind, provider_id, start, end_date,"
	" hours, goal, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

static int store_plan(struct wf_ctx *ctx, const cJSON *plan, int version,
                      long long *pid, struct wf_err *e)
{
	static const char *const goal_cols[] = { "id", "description", "outcome",
	                                          "target_date" };
	struct wf_stmt *s = wf_sql(ctx->st, SQL_PLAN_INSERT, e);
	const cJSON *c;
	long long org;
	char now[32];
	int rc;

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, wf_json_str(plan, "case"));
	wf_bind_int(s, 2, version);
	wf_bind_text(s, 3, wf_json_str(plan, "agreed_on"));
	wf_bind_text(s, 4, wf_json_str(plan, "notes"));
	wf_bind_text(s, 5, now);
	wf_bind_text(s, 6, ctx->operator_);
	if ((rc = wf_sql_done(ctx->st, s, e)))
		return rc;
	*pid = wf_sql_last_id(ctx->st);
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(plan, "goals")) {
		if (!(s = wf_sql(ctx->st, SQL_PLAN_GOAL, e)))
			return e->code;
		wf_bind_int64(s, 1, *pid);
		for (int i = 0; i < 4; i++)
			wf_bind_json(s, i + 2, cJSON_GetObjectItemCaseSensitive(c,
			                                                       goal_cols[i]));
		if ((rc = wf_sql_done(ctx->st, s, e)))
			return rc;
	}
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(plan, "actions")) {
		if (provider(ctx->st, wf_json_str(c, "provider"), &org, e) ||
		    !(s = wf_sql(ctx->st, SQL_PLAN_ACTION, e)))
			return e->code;
		wf_bind_int64(s, 1, *pid);
		wf_bind_text(s, 2, wf_json_str(c, "kind"));
		wf_bind_int64(s, 3, org);
		wf_bind_text(s, 4, wf_json_str(c, "start"));
		wf_bind_text(s, 5, wf_json_str(c, "end"));
		wf_bind_json(s, 6, cJSON_GetObjectItemCaseSensitive(c, "hours"));
		wf_bind_text(s, 7, wf_json_str(c, "goal"));
		wf_bind_text(s, 8, wf_json_str(c, "notes"));
		if ((rc = wf_sql_done(ctx->st, s, e)))
			return rc;
	}
	return 0;
}

/* One plan: checked through, stored as the next version. */
static int add_plan(struct wf_ctx *ctx, const struct wf_record *rec,
                    cJSON *plan, const char *path, struct wf_err *e)
{
	const char *id;
	const cJSON *agreed = NULL;
	char prev[11], today[11], f[160];
	struct wf_case c;
	long long pid = 0;
	cJSON *prog = NULL, *out;
	int rc, version = 0;

	if ((rc = wf_validate(rec, plan, &plan_schema, path, e)))
		return rc;
	id = wf_json_str(plan, "case");
	agreed = cJSON_GetObjectItemCaseSensitive(plan, "agreed_on");
	snprintf(f, sizeof f, "%sagreed_on", path);
	wf_date_format(wf_date_today(), today);
	if (strcmp(agreed->valuestring, today) > 0)
		return wf_record_err(rec, agreed, f, e, WF_EX_DATAERR,
		                     "'%s' is in the future", agreed->valuestring);
	if (wf_case_load(ctx->st, id, &c, e) || wf_case_allowed(&c, "plan", e) ||
	    last_version(ctx->st, id, &version, prev, e))
		return wf_record_at(rec, cJSON_GetObjectItemCaseSensitive(plan,
		                    "case"), "case", e);
	if (prev[0] && strcmp(agreed->valuestring, prev) < 0)
		return wf_record_err(rec, agreed, f, e, WF_EX_DATAERR, "%s is before "
		                     "version %d of the plan, agreed on %s",
		                     agreed->valuestring, version, prev);
	if (!(prog = wf_programme_get(ctx->st, c.programme, e)))
		return e->code;
	if ((rc = check_goals(rec, plan, path, e)) ||
	    (rc = check_actions(ctx->st, rec, plan, prog, path, e)))
		goto done;
	if ((rc = wf_case_move(ctx, &c, "plan", NULL, agreed->valuestring, NULL,
	                       NULL, e))) {
		rc = wf_record_at(rec, agreed, f, e);
		goto done;
	}
	if ((rc = store_plan(ctx, plan, version + 1, &pid, e)) ||
	    (rc = wf_audit(ctx, version ? "revise" : "add", "plan", id, plan, e)))
		goto done;
	if (ctx->out && (out = wf_plan_record(ctx->st, pid, e))) {
		rc = wf_emit(ctx, out, e);
		cJSON_Delete(out);
	} else if (ctx->out) {
		rc = e->code;
	}
done:
	cJSON_Delete(prog);
	return rc;
}

int wf_assess_plan(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e)
{
	const char *kind = wf_json_str(rec->root, "kind");
	cJSON *plan;

	if (!cJSON_IsObject(rec->root))
		return wf_record_err(rec, rec->root, "", e, WF_EX_DATAERR,
		                     "expected a plan or assessment record");
	plan = cJSON_GetObjectItemCaseSensitive(rec->root, "plan");
	/* A plan record; or an assessment as 'wf-assess show' prints it (or
	 * just its plan, picked with --fields plan): its current plan. */
	if (kind ? strcmp(kind, "assessment") : !cJSON_IsObject(plan))
		return add_plan(ctx, rec, rec->root, "", e);
	if (!cJSON_IsObject(plan))
		return wf_record_err(rec, rec->root, "plan", e, WF_EX_DATAERR,
		                     "the assessment record has no plan");
	return add_plan(ctx, rec, plan, "plan.", e);
}
