/*
 * wf - the front command, in git's manner: 'wf refer ...' runs
 * 'wf-refer ...' (the sibling of this program first, then $PATH); and the
 * set-up of a service: 'wf init', 'wf programme load|list|show', 'wf org
 * add|list|show'. The rules are in lib/ (programme.c, org.c, store.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wf.h"

/* The typed domain calls, as the command line runs them. */
WF_QUERY_ADAPTER(q_audit_log, wf_audit_log, const struct wf_audit_filter)
WF_QUERY_ADAPTER(q_audit_verify, wf_audit_verify,
                 const struct wf_audit_verify_opts)
WF_QUERY_ADAPTER(q_backup, wf_backup, const char)
WF_QUERY_ADAPTER(q_store_copy, wf_store_copy, const char)
WF_QUERY_ADAPTER(q_case_stale, wf_case_stale, const struct wf_view_opts)
WF_QUERY_ADAPTER(q_org_list, wf_org_list, const char)
WF_QUERY_ADAPTER(q_org_grants, wf_org_grants, const char)
WF_QUERY_ADAPTER(q_person_export, wf_person_export, const char)
WF_QUERY_ADAPTER(q_restore, wf_restore, const char)
WF_QUERY_ADAPTER(q_retention, wf_retention, const char)
WF_QUERY_ADAPTER0(q_programme_list, wf_programme_list)
WF_QUERY_ADAPTER0(q_store_check, wf_store_check)
WF_QUERY_ADAPTER0(q_store_export, wf_store_export)
WF_RECORD_ADAPTER(r_operator_add, wf_operator_add)
WF_RECORD_ADAPTER(r_org_add, wf_org_add)
WF_RECORD_ADAPTER(r_org_grant, wf_org_grant)
WF_RECORD_ADAPTER(r_org_revoke, wf_org_revoke)
WF_RECORD_ADAPTER(r_person_review, wf_person_review)
WF_RECORD_ADAPTER(r_programme_load, wf_programme_load)
WF_RECORD_ADAPTER_OPTS(r_amend, wf_amend, const struct wf_amend_opts)
WF_RECORD_ADAPTER_OPTS(r_case_assign, wf_case_assign,
                       const struct wf_assign_opts)
WF_RECORD_ADAPTER_OPTS(r_case_close, wf_case_close, const struct wf_close_opts)
WF_RECORD_ADAPTER_OPTS(r_case_reopen, wf_case_reopen,
                       const struct wf_close_opts)
WF_RECORD_ADAPTER_OPTS(r_consent_record, wf_consent_record,
                       const struct wf_consent_opts)
WF_RECORD_ADAPTER_OPTS(r_person_erase, wf_person_erase,
                       const struct wf_erase_opts)
WF_RECORD_ADAPTER_OPTS(r_programme_check, wf_programme_check,
                       const struct wf_check_opts)
WF_RECORD_ADAPTER_OPTS(r_store_import, wf_store_import, struct wf_import)
WF_RECORD_ADAPTER_OPTS(r_void, wf_void, const struct wf_void_opts)
WF_RECORD_ADAPTER_OPTS(r_unvoid, wf_unvoid, const struct wf_void_opts)

/* wf init says where the store is and its schema; wf store info what it
 * holds too. */
static int q_store_init(struct wf_ctx *ctx, const void *arg, struct wf_err *e)
{
	(void)arg;
	return wf_store_info(ctx, 0, e);
}

static int q_store_info(struct wf_ctx *ctx, const void *arg, struct wf_err *e)
{
	(void)arg;
	return wf_store_info(ctx, 1, e);
}

static int q_person_duplicates(struct wf_ctx *ctx, const void *all,
                               struct wf_err *e)
{
	return wf_person_duplicates(ctx, *(const int *)all, e);
}

static int q_operator_list(struct wf_ctx *ctx, const void *active,
                           struct wf_err *e)
{
	return wf_operator_list(ctx, *(const int *)active, e);
}


static const struct wf_opt org_flags[] = {
	{ "id", 0, "CODE", N_("the organisation's code (instead of records)"), NULL, WF_OPT_CODE, 0, 0 },
	{ "name", 0, "NAME", N_("its name"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "role", 0, "ROLES", N_("referrer, host, assessor, provider, funder "
	  "(comma-separated)"), wf_org_roles, WF_OPT_ENUMS, 0, 0 },
	{ "employees", 0, "N", N_("how many employees it has"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "municipality", 0, "NAME", N_("where it is"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "email", 0, "ADDRESS", N_("its e-mail address"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "phone", 0, "NUMBER", N_("its phone number"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt check_opts[] = {
	{ "date", 0, "DATE", N_("the date to check at (default: the referral's, "
	  "else today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};


static const struct wf_opt close_opts[] = {
	{ "outcome", 0, "OUTCOME", N_("hired, completed, dropped_out, withdrawn, "
	  "moved, no_contact or other (required)"), wf_close_outcomes, WF_OPT_ENUM,
	  0, 0 },
	{ "date", 0, "DATE", N_("effective date (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "recommendations", 0, "TEXT", N_("for the person and the referrer, in "
	  "the final report"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "note", 0, "TEXT", N_("a note kept with the change"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "end-placements", 0, NULL, N_("end the placements still running too"),
	  NULL, WF_OPT_TEXT, 0, 0 },
	{ "situation", 0, "LIST", N_("the situation on leaving: employed, "
	  "job_searching, education, qualification or none (comma-separated)"),
	  wf_situations, WF_OPT_ENUMS, 0, 0 },
	{ "soft-exit", 0, NULL, N_("a stale case: closed as of its last service, "
	  "outcome no_contact"), NULL, WF_OPT_TEXT, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt stale_opts[] = {
	{ "on", 0, "DATE", N_("as of DATE (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "programme", 0, "CODE", N_("only this programme's cases"), NULL, WF_OPT_CODE, 0, 0 },
	{ 0 }
};

static const struct wf_opt assign_opts[] = {
	{ "to", 0, "OPERATOR", N_("the operator who manages the case from now "
	  "(required)"), NULL, WF_OPT_CODE, 0, 0 },
	{ "date", 0, "DATE", N_("effective date (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "note", 0, "TEXT", N_("a note kept with the change"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt operator_add_opts[] = {
	{ "id", 0, "CODE", N_("the name the operator works under (WF_OPERATOR; "
	  "instead of records)"), NULL, WF_OPT_CODE, 0, 0 },
	{ "name", 0, "TEXT", N_("their full name"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "role", 0, "TEXT", N_("their role (case manager, tutor, "
	  "coordinator...)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "organisation", 0, "CODE", N_("the organisation they work for"), NULL,
	  WF_OPT_CODE, 0, 0 },
	{ "inactive", 0, NULL, N_("no longer in service: kept, never assigned"),
	  NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt duplicates_opts[] = {
	{ "all", 0, NULL, N_("the pairs reviewed too, with their decision"),
	  NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt review_opts[] = {
	{ "same", 0, NULL, N_("they are one person: linked for the reports, "
	  "never merged"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "different", 0, NULL, N_("they are two people: no longer listed"),
	  NULL, WF_OPT_TEXT, 0, 0 },
	{ "date", 0, "DATE", N_("when it was decided (default: today)"), NULL,
	  WF_OPT_DATE, 0, 0 },
	{ "note", 0, "TEXT", N_("how it was found out"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt operator_list_opts[] = {
	{ "active", 0, NULL, N_("only those in service"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt reopen_opts[] = {
	{ "reason", 0, "TEXT", N_("why (required)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "date", 0, "DATE", N_("effective date (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "note", 0, "TEXT", N_("a note kept with the change"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt amend_opts[] = {
	{ "reason", 0, "TEXT", N_("why (required, unless each record gives its "
	  "own reason:)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "kind", 0, "KIND", N_("the kind of record to correct (instead of "
	  "records)"), wf_amend_kinds, WF_OPT_ENUM, 0, 0 },
	{ "id", 0, "ID", N_("its id"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "set", 0, "FIELD=VALUE", N_("the field to change (an empty value "
	  "removes it)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt void_opts[] = {
	{ "reason", 0, "TEXT", N_("why (required, unless each record gives its "
	  "own reason:)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "kind", 0, "KIND", N_("the kind of record to void (instead of "
	  "records)"), wf_void_kinds, WF_OPT_ENUM, 0, 0 },
	{ "id", 0, "ID", N_("its id"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "undo", 0, NULL, N_("restore records voided before"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt consent_opts[] = {
	{ "purpose", 0, "PURPOSE", N_("information_notice, share_final_report, "
	  "share_with_host or family_involvement (required)"),
	  wf_consent_purposes, WF_OPT_ENUM, 0, 0 },
	{ "to", 0, "CODE", N_("the recipient (an organisation; default: any)"),
	  NULL, WF_OPT_CODE, 0, 0 },
	{ "date", 0, "DATE", N_("when the person answered (default: today)"),
	  NULL, WF_OPT_DATE, 0, 0 },
	{ "note", 0, "TEXT", N_("a note kept with it"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt erase_opts[] = {
	{ "reason", 0, "TEXT", N_("why (required): the request, the end of "
	  "retention"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt retention_opts[] = {
	{ "as-of", 0, "DATE", N_("the day to judge on (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt restore_opts[] = {
	{ "force", 0, NULL, N_("replace the store that is there"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt audit_log_opts[] = {
	{ "case", 0, "CASE", N_("only the entries about this case"), NULL, WF_OPT_CODE, 0, 0 },
	{ "person", 0, "PERSON", N_("only those about this person: their number, "
	  "a case of theirs or their tax code"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "operator", 0, "NAME", N_("only those by this operator or login"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "since", 0, "TIME", N_("only those from this day (YYYY-MM-DD) or UTC "
	  "time (YYYY-MM-DDTHH:MM:SSZ) on"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "until", 0, "TIME", N_("only those up to this day or UTC time"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "action", 0, "ACTION", N_("only this action (add, read, screen, ...)"),
	  NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt audit_verify_opts[] = {
	{ "head", 0, "HASH", N_("a head noted earlier, which must still be in "
	  "the chain"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt org_list_opts[] = {
	{ "role", 0, "ROLE", N_("only organisations with this role"), wf_org_roles, WF_OPT_ENUM, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt *const write_tables[] = { wf_opts_common,
                                                     wf_opts_write, NULL };
static const struct wf_opt *const org_add_tables[] = { wf_opts_common,
                                                       wf_opts_write,
                                                       org_flags, NULL };
static const struct wf_opt *const read_tables[] = { wf_opts_common, NULL };
static const struct wf_opt *const check_tables[] = { wf_opts_common,
                                                     check_opts, NULL };
static const struct wf_opt *const org_list_tables[] = { wf_opts_common,
                                                        org_list_opts, NULL };
static const struct wf_opt *const amend_tables[] = { wf_opts_common,
                                                     wf_opts_write,
                                                     amend_opts, NULL };
static const struct wf_opt *const void_tables[] = { wf_opts_common,
                                                    wf_opts_write, void_opts,
                                                    NULL };
static const struct wf_opt *const consent_tables[] = { wf_opts_common,
                                                       wf_opts_write,
                                                       consent_opts, NULL };
static const struct wf_opt *const erase_tables[] = { wf_opts_common,
                                                     wf_opts_write,
                                                     erase_opts, NULL };
static const struct wf_opt *const retention_tables[] = { wf_opts_common,
                                                         retention_opts,
                                                         NULL };
static const struct wf_opt *const restore_tables[] = { wf_opts_common,
                                                       restore_opts, NULL };
static const struct wf_opt *const audit_log_tables[] = { wf_opts_common,
                                                         audit_log_opts,
                                                         NULL };
static const struct wf_opt *const audit_verify_tables[] = {
	wf_opts_common, audit_verify_opts, NULL
};
static const struct wf_opt *const close_tables[] = { wf_opts_common,
                                                     wf_opts_write,
                                                     close_opts, NULL };
static const struct wf_opt *const reopen_tables[] = { wf_opts_common,
                                                      wf_opts_write,
                                                      reopen_opts, NULL };

static int cmd_init(struct wf_cli *cli, struct wf_err *e)
{
	/* 'wf init' alone creates the store from a reading command. */
	return wf_cli_query(cli, q_store_init, NULL, "id,schema_version",
	                    WF_OPEN_CREATE, e);
}

static int cmd_prog_load(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_records(cli, r_programme_load, 0, NULL,
	                      wf_programme_columns, e);
}

static int cmd_prog_list(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_query(cli, q_programme_list, NULL,
	                    wf_programme_columns, 0, e);
}

static int cmd_prog_show(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_show(cli, wf_programme_show, wf_programme_columns, 0,
	                    e);
}

static int cmd_prog_check(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_check_opts o = { cli->nargs ? cli->args[0] : NULL,
	                           wf_cli_opt(cli, "date") };

	if (!o.programme)
		return wf_err_set(e, WF_EX_USAGE, "check needs a programme");
	return wf_cli_check(cli, r_programme_check, 1, &o, wf_check_columns, e);
}

/* An organisation record from the flags: text stays text, so that the
 * library's checks speak of the field as for any record. */
static cJSON *org_from_flags(const struct wf_cli *cli)
{
	static const char *const text[] = { "id", "name", "municipality", "email",
	                                    "phone", NULL };
	cJSON *r = cJSON_CreateObject();
	const char *v;
	char *end;

	for (int i = 0; text[i]; i++)
		if ((v = wf_cli_opt(cli, text[i])))
			cJSON_AddStringToObject(r, text[i], v);
	if ((v = wf_cli_opt(cli, "role"))) {
		cJSON_AddItemToObject(r, "roles", wf_json_split(v, ','));
	}
	if ((v = wf_cli_opt(cli, "employees"))) {
		long n = strtol(v, &end, 10);

		if (*v && !*end)
			cJSON_AddNumberToObject(r, "employees", (double)n);
		else
			cJSON_AddStringToObject(r, "employees", v);
	}
	return r;
}

static int cmd_org_add(struct wf_cli *cli, struct wf_err *e)
{
	if (!wf_cli_opt(cli, "id"))
		return wf_cli_records(cli, r_org_add, 0, NULL, wf_org_columns, e);
	if (cli->nargs)
		return wf_err_set(e, WF_EX_USAGE, "give records or --id, not both");
	return wf_cli_record(cli, r_org_add, org_from_flags(cli), wf_org_columns,
	                     e);
}

static int cmd_org_list(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_query(cli, q_org_list, wf_cli_opt(cli, "role"),
	                    wf_org_columns, 0, e);
}

static int cmd_org_show(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_show(cli, wf_org_show, wf_org_columns, 0, e);
}

/* wf org grant|revoke ORG ROLE: one grant record from the two. */
static int org_grant_cmd(struct wf_cli *cli, wf_record_fn fn,
                         struct wf_err *e)
{
	cJSON *r;

	if (cli->nargs != 2)
		return wf_err_set(e, WF_EX_USAGE, "give an organisation and a role");
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "organisation", cli->args[0]);
	cJSON_AddStringToObject(r, "role", cli->args[1]);
	return wf_cli_record(cli, fn, r, wf_org_grant_columns, e);
}

static int cmd_org_grant(struct wf_cli *cli, struct wf_err *e)
{
	return org_grant_cmd(cli, r_org_grant, e);
}

static int cmd_org_revoke(struct wf_cli *cli, struct wf_err *e)
{
	return org_grant_cmd(cli, r_org_revoke, e);
}

static int cmd_org_grants(struct wf_cli *cli, struct wf_err *e)
{
	if (cli->nargs > 1)
		return wf_err_set(e, WF_EX_USAGE, "give one organisation at most");
	return wf_cli_query(cli, q_org_grants, cli->nargs ? cli->args[0] : NULL,
	                    wf_org_grant_columns, 0, e);
}

static int cmd_amend(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_amend_opts o = { wf_cli_opt(cli, "reason") };
	const char *kind = wf_cli_opt(cli, "kind"), *id = wf_cli_opt(cli, "id");
	const char *set = wf_cli_opt(cli, "set");
	cJSON *r;

	if (!kind && !id && !set)
		return wf_cli_records(cli, r_amend, 0, &o, wf_amend_columns, e);
	if (cli->nargs)
		return wf_err_set(e, WF_EX_USAGE, "give records or --kind, --id "
		                  "and --set, not both");
	if (!o.reason || !*o.reason)
		return wf_err_set(e, WF_EX_USAGE, "a correction needs --reason");
	if (!(r = wf_amend_flags(kind, id, set, e)))
		return e->code;
	cJSON_AddStringToObject(r, "reason", o.reason);
	return wf_cli_record(cli, r_amend, r, wf_amend_columns, e);
}

static int cmd_void(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_void_opts o = { wf_cli_opt(cli, "reason"),
	                          wf_cli_opt(cli, "undo") != NULL };
	const char *kind = wf_cli_opt(cli, "kind"), *id = wf_cli_opt(cli, "id");
	cJSON *r;

	if (!kind && !id)
		return wf_cli_records(cli, r_void, 0, &o, wf_void_columns, e);
	if (cli->nargs)
		return wf_err_set(e, WF_EX_USAGE, "give records or --kind and --id, "
		                  "not both");
	if (!kind || !id)
		return wf_err_set(e, WF_EX_USAGE, "give --kind and --id together");
	if (!o.reason || !*o.reason)
		return wf_err_set(e, WF_EX_USAGE, "%s needs --reason",
		                  o.undo ? "restoring" : "voiding");
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", kind);
	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "reason", o.reason);
	return wf_cli_record(cli, o.undo ? r_unvoid : r_void, r,
	                     wf_void_columns, e);
}

static int cmd_person_show(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_show(cli, wf_person_show, NULL, 0, e);
}

static int cmd_person_duplicates(struct wf_cli *cli, struct wf_err *e)
{
	int all = wf_cli_opt(cli, "all") != NULL;

	return wf_cli_query(cli, q_person_duplicates, &all, wf_duplicate_columns,
	                    0, e);
}

static int cmd_person_review(struct wf_cli *cli, struct wf_err *e)
{
	int same = wf_cli_opt(cli, "same") != NULL;
	const char *v;
	cJSON *r;

	if (cli->nargs != 2)
		return wf_err_set(e, WF_EX_USAGE, "review needs two PERSONs");
	if (same == (wf_cli_opt(cli, "different") != NULL))
		return wf_err_set(e, WF_EX_USAGE, "give --same or --different");
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "kind", "review");
	cJSON_AddStringToObject(r, "person", cli->args[0]);
	cJSON_AddStringToObject(r, "other", cli->args[1]);
	cJSON_AddStringToObject(r, "decision", same ? "same" : "different");
	if ((v = wf_cli_opt(cli, "date")))
		cJSON_AddStringToObject(r, "date", v);
	if ((v = wf_cli_opt(cli, "note")))
		cJSON_AddStringToObject(r, "note", v);
	cli->nargs = 0;
	return wf_cli_record(cli, r_person_review, r, wf_duplicate_columns, e);
}

static int cmd_person_export(struct wf_cli *cli, struct wf_err *e)
{
	if (cli->nargs != 1)
		return wf_err_set(e, WF_EX_USAGE, "export needs one PERSON");
	return wf_cli_query(cli, q_person_export, cli->args[0], NULL, 0, e);
}

/* give, refuse, withdraw: the answer is the subcommand's. */
static int consent_answer(struct wf_cli *cli, const char *answer,
                          struct wf_err *e)
{
	struct wf_consent_opts o = { answer, wf_cli_opt(cli, "purpose"),
	                             wf_cli_opt(cli, "to"),
	                             wf_cli_opt(cli, "date"),
	                             wf_cli_opt(cli, "note") };
	int rc = wf_consent_opts_check(&o, e);

	return rc ? rc : wf_cli_records(cli, r_consent_record, 1, &o,
	                                wf_consent_columns, e);
}

static int cmd_consent_give(struct wf_cli *cli, struct wf_err *e)
{
	return consent_answer(cli, "given", e);
}

static int cmd_consent_refuse(struct wf_cli *cli, struct wf_err *e)
{
	return consent_answer(cli, "refused", e);
}

static int cmd_consent_withdraw(struct wf_cli *cli, struct wf_err *e)
{
	return consent_answer(cli, "withdrawn", e);
}

static int cmd_consent_list(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_show(cli, wf_consent_list, wf_consent_columns, 0, e);
}

static int cmd_person_erase(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_erase_opts o = { wf_cli_opt(cli, "reason") };

	if (!o.reason || !*o.reason)
		return wf_err_set(e, WF_EX_USAGE, "erase needs --reason");
	return wf_cli_records(cli, r_person_erase, 1, &o, wf_erase_columns, e);
}

static int cmd_retention(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_query(cli, q_retention, wf_cli_opt(cli, "as-of"),
	                    wf_retention_columns, 0, e);
}

static int cmd_export(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_query(cli, q_store_export, NULL, NULL, 0, e);
}

static int cmd_import(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_import im = { 0 };
	int rc = wf_cli_records(cli, r_store_import, 0, &im, NULL, e);

	wf_import_end(&im);
	return rc;
}

/* The one FILE operand of backup and restore. */
static int one_file(const struct wf_cli *cli, struct wf_err *e)
{
	if (cli->nargs != 1)
		return wf_err_set(e, WF_EX_USAGE, "%s needs one FILE",
		                  cli->sub->name);
	return 0;
}

static int cmd_backup(struct wf_cli *cli, struct wf_err *e)
{
	int rc = one_file(cli, e);

	return rc ? rc : wf_cli_query(cli, q_backup, cli->args[0],
	                              wf_backup_columns, 0, e);
}

static int cmd_restore(struct wf_cli *cli, struct wf_err *e)
{
	int rc = one_file(cli, e);

	if (!rc)
		rc = wf_restore_check(wf_cli_opt(cli, "db"), cli->args[0],
		                      wf_cli_opt(cli, "force") != NULL, e);
	return rc ? rc : wf_cli_query(cli, q_restore, cli->args[0],
	                              wf_backup_columns, WF_OPEN_CREATE, e);
}

static int cmd_audit_log(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_audit_filter f = {
		wf_cli_opt(cli, "case"), wf_cli_opt(cli, "person"),
		wf_cli_opt(cli, "operator"), wf_cli_opt(cli, "since"),
		wf_cli_opt(cli, "until"), wf_cli_opt(cli, "action")
	};
	return wf_cli_query(cli, q_audit_log, &f, wf_audit_columns, 0,
	                    e);
}

static int cmd_audit_verify(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_audit_verify_opts o = { wf_cli_opt(cli, "head") };
	return wf_cli_query(cli, q_audit_verify, &o,
	                    wf_audit_verify_columns, 0, e);
}

static int cmd_store_info(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_query(cli, q_store_info, NULL, wf_store_info_columns, 0, e);
}

/* wf store copy FROM TO: the store read is FROM, as --db names one. */
static int cmd_store_copy(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_cli from = *cli;

	if (cli->nargs != 2)
		return wf_err_set(e, WF_EX_USAGE, "copy needs FROM and TO");
	if (wf_cli_opt(cli, "db"))
		return wf_err_set(e, WF_EX_USAGE, "copy reads the store FROM names, "
		                  "not --db");
	for (const struct wf_opt *o = wf_opts_common; o->lng; o++)
		if (!strcmp(o->lng, "db") && from.nv < 32) {
			from.v[from.nv].opt = o;
			from.v[from.nv++].val = cli->args[0];
		}
	return wf_cli_query(&from, q_store_copy, cli->args[1],
	                    wf_store_copy_columns, 0, e);
}

static int cmd_store_check(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_query(cli, q_store_check, NULL,
	                    wf_store_check_columns, 0, e);
}

static int cmd_case_show(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_show(cli, wf_case_timeline, wf_case_columns, 0, e);
}

static int cmd_case_close(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_close_opts o = { 0 };
	const char *situation = wf_cli_opt(cli, "situation");
	cJSON *list = situation ? wf_json_split(situation, ',') : NULL;
	int rc;

	o.outcome = wf_cli_opt(cli, "outcome");
	o.date = wf_cli_opt(cli, "date");
	o.recommendations = wf_cli_opt(cli, "recommendations");
	o.note = wf_cli_opt(cli, "note");
	o.end_placements = wf_cli_opt(cli, "end-placements") != NULL;
	o.soft_exit = wf_cli_opt(cli, "soft-exit") != NULL;
	o.situation = list;
	if (!(rc = wf_case_close_check(&o, e)))
		rc = wf_cli_records(cli, r_case_close, 1, &o, wf_case_columns, e);
	cJSON_Delete(list);
	return rc;
}

static int cmd_case_stale(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_view_opts o = { wf_date_today(), wf_cli_opt(cli, "programme") };

	wf_cli_date(cli, "on", &o.on);
	return wf_cli_query(cli, q_case_stale, &o, wf_stale_columns, 0, e);
}

static const struct wf_opt *const stale_tables[] = { wf_opts_common,
                                                     stale_opts, NULL };

static int cmd_case_assign(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_assign_opts o = { wf_cli_opt(cli, "to"), wf_cli_opt(cli, "date"),
	                            wf_cli_opt(cli, "note") };

	if (!o.to)
		return wf_err_set(e, WF_EX_USAGE, "assign needs --to OPERATOR");
	return wf_cli_records(cli, r_case_assign, 1, &o, wf_case_columns, e);
}

static int cmd_operator_add(struct wf_cli *cli, struct wf_err *e)
{
	static const char *const text[] = { "id", "name", "role",
	                                    "organisation", NULL };
	const char *v;
	cJSON *r;

	if (!wf_cli_opt(cli, "id"))
		return wf_cli_records(cli, r_operator_add, 0, NULL,
		                      wf_operator_columns, e);
	if (cli->nargs)
		return wf_err_set(e, WF_EX_USAGE, "give records or --id, not both");
	r = cJSON_CreateObject();
	for (int i = 0; text[i]; i++)
		if ((v = wf_cli_opt(cli, text[i])))
			cJSON_AddStringToObject(r, text[i], v);
	cJSON_AddBoolToObject(r, "active", !wf_cli_opt(cli, "inactive"));
	return wf_cli_record(cli, r_operator_add, r, wf_operator_columns, e);
}

static int cmd_operator_list(struct wf_cli *cli, struct wf_err *e)
{
	int active = wf_cli_opt(cli, "active") != NULL;

	return wf_cli_query(cli, q_operator_list, &active, wf_operator_columns, 0,
	                    e);
}

static int cmd_operator_show(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_show(cli, wf_operator_show, wf_operator_columns, 0,
	                    e);
}

static const struct wf_opt *const assign_tables[] = { wf_opts_common,
                                                      wf_opts_write,
                                                      assign_opts, NULL };
static const struct wf_opt *const operator_add_tables[] = {
	wf_opts_common, wf_opts_write, operator_add_opts, NULL
};
static const struct wf_opt *const operator_list_tables[] = {
	wf_opts_common, operator_list_opts, NULL
};

static const struct wf_sub operator_subs[] = {
	{ "add", "[FILE...]", N_("Register operators, from records or from flags "
	  "(registered again: updated)"), operator_add_tables, cmd_operator_add,
	  NULL, NULL },
	{ "list", NULL, N_("List the operators"), operator_list_tables,
	  cmd_operator_list, NULL, NULL },
	{ "show", "OPERATOR...", N_("Show operators"), read_tables,
	  cmd_operator_show, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd operator_cmd = {
	"wf operator", N_("Operators: who works the cases, and who may be "
	"assigned one."), operator_subs
};

static int cmd_case_reopen(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_close_opts o = { 0 };

	o.reason = wf_cli_opt(cli, "reason");
	o.date = wf_cli_opt(cli, "date");
	o.note = wf_cli_opt(cli, "note");
	if (!o.reason || !*o.reason)
		return wf_err_set(e, WF_EX_USAGE, "reopen needs --reason");
	return wf_cli_records(cli, r_case_reopen, 1, &o, wf_case_columns, e);
}

static const struct wf_sub case_subs[] = {
	{ "show", "CASE...", N_("A case with its timeline across every step"),
	  read_tables, cmd_case_show, NULL, NULL },
	{ "close", "CASE...|-", N_("Close cases with their outcome"), close_tables,
	  cmd_case_close, NULL, NULL },
	{ "reopen", "CASE...|-", N_("Reopen closed or withdrawn cases"),
	  reopen_tables, cmd_case_reopen, NULL, NULL },
	{ "assign", "CASE...|-", N_("Assign cases to a case manager, from a date"),
	  assign_tables, cmd_case_assign, NULL, NULL },
	{ "stale", NULL, N_("Open cases with no service for longer than their "
	  "programme's soft_exit_days"), stale_tables, cmd_case_stale, NULL,
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd case_cmd = {
	"wf case", N_("Cases as a whole: the timeline, closing, reopening, "
	"the case manager."),
	case_subs
};

static const struct wf_sub consent_subs[] = {
	{ "give", "CASE...|-", N_("The person of each case gives consent (or was "
	  "given the information notice)"), consent_tables, cmd_consent_give,
	  NULL, NULL },
	{ "refuse", "CASE...|-", N_("The person refuses consent"), consent_tables,
	  cmd_consent_refuse, NULL, NULL },
	{ "withdraw", "CASE...|-", N_("The person withdraws a consent given"),
	  consent_tables, cmd_consent_withdraw, NULL, NULL },
	{ "list", "PERSON...", N_("A person's consents, oldest first"), read_tables,
	  cmd_consent_list, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd consent_cmd = {
	"wf consent", N_("Consents: given, refused, withdrawn, per purpose and "
	"recipient."), consent_subs
};

static const struct wf_opt *const duplicates_tables[] = {
	wf_opts_common, duplicates_opts, NULL
};
static const struct wf_opt *const review_tables[] = {
	wf_opts_common, wf_opts_write, review_opts, NULL
};

static const struct wf_sub person_subs[] = {
	{ "show", "PERSON...", N_("People: their number, a case of theirs, or "
	  "their tax code"), read_tables, cmd_person_show, NULL, NULL },
	{ "export", "PERSON", N_("Everything the store holds about a person, to "
	  "hand over"), read_tables, cmd_person_export, NULL, NULL },
	{ "erase", "PERSON...|-", N_("Erase people whose cases are over; every "
	  "figure stays"), erase_tables, cmd_person_erase, NULL, NULL },
	{ "duplicates", NULL, N_("The persons flagged as possible duplicates, not "
	  "yet reviewed"), duplicates_tables, cmd_person_duplicates, NULL,
	  NULL },
	{ "review", "PERSON PERSON", N_("Decide whether two persons are one: "
	  "--same links them for the reports (never a merge), --different "
	  "clears the flag"), review_tables, cmd_person_review, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd person_cmd = {
	"wf person", N_("People: who they are, and all the store holds about "
	"them."), person_subs
};

static const struct wf_sub audit_subs[] = {
	{ "log", NULL, N_("The audit trail: who wrote or read what, when, with "
	  "which command"), audit_log_tables, cmd_audit_log, NULL, NULL },
	{ "verify", NULL, N_("Check that the audit trail is whole: its guards and "
	  "every entry's seal"), audit_verify_tables, cmd_audit_verify, NULL,
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_sub store_subs[] = {
	{ "info", NULL, N_("What the store is (engine, where, schema version) "
	  "and how many records of each kind it holds"), read_tables,
	  cmd_store_info, NULL, NULL },
	{ "check", NULL, N_("Check the whole store's integrity (SQLite's "
	  "integrity check)"), read_tables, cmd_store_check, NULL, NULL },
	{ "copy", "FROM TO", N_("Copy a whole store into a new or empty one, on "
	  "either engine (a file, or PostgreSQL)"), read_tables, cmd_store_copy,
	  NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd store_cmd = {
	"wf store", N_("The store: what it is and holds, and whether it is "
	"whole."), store_subs
};

static const struct wf_cmd audit_cmd = {
	"wf audit", N_("The audit trail: read it, check it is whole."), audit_subs
};

static const struct wf_sub programme_subs[] = {
	{ "load", "[FILE...]", N_("Load programme files (a programme loaded again "
	  "is replaced)"), write_tables, cmd_prog_load, NULL, NULL },
	{ "list", NULL, N_("List the programmes"), read_tables, cmd_prog_list, NULL,
	  NULL },
	{ "show", "CODE...", N_("Show programmes as loaded"), read_tables,
	  cmd_prog_show, NULL, NULL },
	{ "check", "CODE [FILE...]", N_("Check people against a programme's target "
	  "and say why not; write nothing"), check_tables, cmd_prog_check, NULL,
	  NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_sub org_subs[] = {
	{ "add", "[FILE...]", N_("Register organisations, from records or from "
	  "flags (registered again: updated)"), org_add_tables, cmd_org_add, NULL,
	  NULL },
	{ "list", NULL, N_("List organisations"), org_list_tables, cmd_org_list,
	  NULL, NULL },
	{ "show", "CODE...", N_("Show organisations"), read_tables, cmd_org_show,
	  NULL, NULL },
	{ "grant", "CODE ROLE", N_("Let a database role act for an organisation "
	  "on a shared store (PostgreSQL)"), write_tables, cmd_org_grant, NULL,
	  NULL },
	{ "revoke", "CODE ROLE", N_("The role no longer acts for the "
	  "organisation"), write_tables, cmd_org_revoke, NULL, NULL },
	{ "grants", "[CODE]", N_("Which roles act for which organisations"),
	  read_tables, cmd_org_grants, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd programme_cmd = {
	"wf programme", N_("Programmes: who a service is for and what it offers."),
	programme_subs
};

static const struct wf_cmd org_cmd = {
	"wf org", N_("Organisations: referrers, hosts, assessors, providers, "
	"funders."), org_subs
};

static const struct wf_sub subs[] = {
	{ "init", NULL, N_("Create the store (if need be) and show where it is"),
	  read_tables, cmd_init, NULL, NULL },
	{ "programme", "load|list|show|check", N_("Load, list, show programmes; "
	  "check people against one"), NULL,
	  NULL, &programme_cmd, NULL },
	{ "org", "add|list|show|grant|revoke|grants", N_("Register, list and "
	  "show organisations; the database roles that act for them"), NULL,
	  NULL, &org_cmd, NULL },
	{ "case", "show|close|reopen|assign", N_("A case's timeline; close, "
	  "reopen and assign cases"), NULL, NULL, &case_cmd, NULL },
	{ "operator", "add|list|show", N_("Register, list and show operators"),
	  NULL, NULL, &operator_cmd, NULL },
	{ "amend", "[FILE...]", N_("Correct records: a person, a contact; checked "
	  "as when they were added, audited with the reason"), amend_tables,
	  cmd_amend, NULL, NULL },
	{ "consent", "give|refuse|withdraw|list", N_("The person's consents, per "
	  "purpose and recipient"), NULL, NULL, &consent_cmd, NULL },
	{ "person", "show|export|erase|duplicates|review", N_("A person; everything the store holds about "
	  "them"), NULL, NULL, &person_cmd, NULL },
	{ "retention", NULL, N_("The people whose case files are past the time "
	  "their programmes keep them"), retention_tables, cmd_retention, NULL,
	  NULL },
	{ "void", "[FILE...]", N_("Void records entered by mistake (--undo: "
	  "restore them)"), void_tables, cmd_void, NULL, NULL },
	{ "export", NULL, N_("The whole store as records"), read_tables, cmd_export,
	  NULL, NULL },
	{ "import", "[FILE...]", N_("Read an export back into an empty store"),
	  write_tables, cmd_import, NULL, NULL },
	{ "backup", "FILE", N_("Copy the whole store into a new file, while "
	  "others write"), read_tables, cmd_backup, NULL, NULL },
	{ "restore", "FILE", N_("Bring a store back from a backup"), restore_tables,
	  cmd_restore, NULL, NULL },
	{ "audit", "log|verify", N_("Read the audit trail; check that it is whole"),
	  NULL, NULL, &audit_cmd, NULL },
	{ "store", "info|check", N_("What the store is and holds; check that it "
	  "is whole"), NULL, NULL, &store_cmd, NULL },
	{ "refer", "...", N_("Referrals: add, screen, withdraw, list, show "
	  "(wf-refer)"), NULL, NULL, NULL, NULL },
	{ "assess", "...", N_("Assessments: add, decide, plan, show, list, skills "
	  "(wf-assess)"), NULL, NULL, NULL, NULL },
	{ "place", "...", N_("Placements: add, start, suspend, resume, end, "
	  "extend, list, show (wf-place)"), NULL, NULL, NULL, NULL },
	{ "monitor", "...", N_("Monitoring: log, due, risks, list, show "
	  "(wf-monitor)"), NULL, NULL, NULL, NULL },
	{ "report", "...", N_("Reports: monthly, range, indicators, funnel, caseload, "
	  "the final report of a case (wf-report)"),
	  NULL, NULL, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd cmd = {
	"wf", N_("workflow: the case file of a work-inclusion service."), subs
};

/* Run wf-NAME with the rest of the arguments: this program's sibling
 * first, so that a build runs its own commands, then $PATH. */
static int run_program(const char *name, char **argv)
{
	char self[PATH_MAX], prog[64], path[PATH_MAX + 64];

	snprintf(prog, sizeof prog, "wf-%s", name);
	argv[0] = prog;
	if (wf_self_dir(self, sizeof self) == 0) {
		snprintf(path, sizeof path, "%s/%s", self, prog);
		if (access(path, X_OK) == 0)
			execv(path, argv);
	}
	execvp(prog, argv);
	fprintf(stderr, _("wf: cannot run '%s': %s\n"), prog, strerror(errno));
	return WF_EX_SOFTWARE;
}

int main(int argc, char **argv)
{
	const struct wf_sub *sub = NULL;
	int rc = wf_cli_main(&cmd, argc, argv, stdout, stderr, &sub);

	if (rc == WF_CLI_EXEC)
		return run_program(sub->name, argv + 1);
	return rc;
}
