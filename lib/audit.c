/*
 * audit.c - the audit trail: every write records who (the operator), when
 * (UTC), which command, what action on which entity, and what changed (a
 * JSON object). The table refuses updates and deletes.
 */
#include "store.h"

int wf_audit(struct wf_ctx *ctx, const char *action, const char *entity,
             const char *id, const cJSON *detail, struct wf_err *e)
{
	sqlite3_stmt *s = wf_sql(ctx->st, WF_SQL_AUDIT_ADD, e);
	char now[32];

	if (!s)
		return e->code;
	wf_timestamp(now, sizeof now);
	wf_bind_text(s, 1, now);
	wf_bind_text(s, 2, ctx->operator_);
	wf_bind_text(s, 3, ctx->command);
	wf_bind_text(s, 4, action);
	wf_bind_text(s, 5, entity);
	wf_bind_text(s, 6, id);
	wf_bind_json(s, 7, detail);
	return wf_sql_done(ctx->st, s, e);
}
