/*
 * wf-place - step 3 of the path: placements. 'add' reads placement
 * records, or builds one from flags (for the case given with --case, or
 * for each case id read, in a batch); 'start', 'suspend', 'resume', 'end',
 * 'cancel' and 'extend' read placement ids; 'list' and 'show' print. The
 * rules are in lib/ (place.c, placerules.c, placerecord.c).
 */
#include <stdlib.h>
#include <string.h>

#include "wf.h"

/* The typed domain calls, as the command line runs them. */
WF_QUERY_ADAPTER(q_place_list, wf_place_list, const struct wf_place_filter)
WF_QUERY_ADAPTER(q_place_stipends, wf_place_stipends, const char)
WF_RECORD_ADAPTER(r_place_add, wf_place_add)
WF_RECORD_ADAPTER(r_place_attend, wf_place_attend)
WF_RECORD_ADAPTER_OPTS(r_place_extend, wf_place_extend,
                       const struct wf_place_opts)
WF_RECORD_ADAPTER_OPTS(r_place_move, wf_place_move, const struct wf_place_opts)

static const struct wf_opt add_opts[] = {
	{ "case", 0, "CASE", N_("the case (instead of records or case ids)"), NULL, WF_OPT_CODE, 0, 0 },
	{ "kind", 0, "KIND", N_("work_grant, internship, occupational_lab, "
	  "motivational_lab or hire"), wf_placement_kinds, WF_OPT_ENUM, 0, 0 },
	{ "host", 0, "CODE", N_("the host organisation"), NULL, WF_OPT_CODE, 0, 0 },
	{ "tutor", 0, "NAME", N_("the tutor at the host"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "tutor-contact", 0, "TEXT", N_("how to reach the tutor"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "service-tutor", 0, "NAME", N_("the tutor at the service"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "start", 0, "DATE", N_("planned start"), NULL, WF_OPT_DATE, 0, 0 },
	{ "end", 0, "DATE", N_("planned end"), NULL, WF_OPT_DATE, 0, 0 },
	{ "hours", 0, "N", N_("hours a week"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "stipend", 0, "EUROS", N_("monthly stipend (650 or 650.50)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "meals", 0, NULL, N_("meal vouchers or a canteen"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "funding", 0, "TEXT", N_("funding source"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "action", 0, "N", N_("the plan action it carries out (its number)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt move_opts[] = {
	{ "date", 0, "DATE", N_("effective date (default: today)"), NULL, WF_OPT_DATE, 0, 0 },
	{ "note", 0, "TEXT", N_("a note kept with the change"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "reason", 0, "TEXT", N_("why (suspensions, interruptions)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt end_opts[] = {
	{ "outcome", 0, "OUTCOME", N_("completed (default), interrupted (needs "
	  "--reason) or hired"), wf_place_outcomes, WF_OPT_ENUM, 0, 0 },
	{ "hire", 0, "PLACEMENT", N_("with --outcome hired: the hire that follows"),
	  NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt extend_opts[] = {
	{ "end", 0, "DATE", N_("the new planned end (required)"), NULL, WF_OPT_DATE, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt attend_opts[] = {
	{ "month", 0, "YYYY-MM", N_("the month (with a placement operand)"), NULL, WF_OPT_MONTH, 0, 0 },
	{ "hours", 0, "N", N_("hours attended that month"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt stipends_opts[] = {
	{ "month", 0, "YYYY-MM", N_("the month (required)"), NULL, WF_OPT_MONTH, 0, 0 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt list_opts[] = {
	{ "status", 0, "STATUS", N_("placements in this status"), wf_placement_statuses, WF_OPT_ENUM, 0, 0 },
	{ "kind", 0, "KIND", N_("placements of this kind"), wf_placement_kinds, WF_OPT_ENUM, 0, 0 },
	{ "host", 0, "CODE", N_("placements at this host"), NULL, WF_OPT_CODE, 0, 0 },
	{ "case", 0, "CASE", N_("placements of this case"), NULL, WF_OPT_CODE, 0, 0 },
	{ "active-on", 0, "DATE", N_("active on DATE: started, and neither "
	  "suspended nor ended then"), NULL, WF_OPT_DATE, 0, 0 },
	{ "ending-within", 0, "DAYS", N_("planned to end within DAYS from today "
	  "(30d)"), NULL, WF_OPT_DAYS, 0, 3660 },
	{ NULL, 0, NULL, NULL, NULL, WF_OPT_TEXT, 0, 0 }
};

static const struct wf_opt *const add_tables[] = { wf_opts_common,
                                                   wf_opts_write, add_opts,
                                                   NULL };
static const struct wf_opt *const move_tables[] = { wf_opts_common,
                                                    wf_opts_write, move_opts,
                                                    NULL };
static const struct wf_opt *const end_tables[] = { wf_opts_common,
                                                   wf_opts_write, move_opts,
                                                   end_opts, NULL };
static const struct wf_opt *const extend_tables[] = { wf_opts_common,
                                                      wf_opts_write,
                                                      extend_opts, NULL };
static const struct wf_opt *const list_tables[] = { wf_opts_common,
                                                    list_opts, NULL };
static const struct wf_opt *const attend_tables[] = { wf_opts_common,
                                                      wf_opts_write,
                                                      attend_opts, NULL };
static const struct wf_opt *const stipends_tables[] = { wf_opts_common,
                                                        stipends_opts, NULL };
static const struct wf_opt *const read_tables[] = { wf_opts_common, NULL };

/* A number where the flag is one, text otherwise: the library's checks
 * then speak of the field as for any record. */
static void add_number(cJSON *r, const char *name, const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v && !*end)
		cJSON_AddNumberToObject(r, name, (double)n);
	else
		cJSON_AddStringToObject(r, name, v);
}

/* The placement the flags describe; NULL when no flag describes one. */
static cJSON *from_flags(const struct wf_cli *cli)
{
	static const char *const text[][2] = {
		{ "case", "case" }, { "kind", "type" }, { "host", "host" },
		{ "service-tutor", "service_tutor" }, { "start", "start" },
		{ "end", "end" }, { "stipend", "stipend" }, { "funding", "funding" }
	};
	cJSON *r = cJSON_CreateObject();
	const char *v;
	int any = 0;

	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if ((v = wf_cli_opt(cli, text[i][0])))
			cJSON_AddStringToObject(r, text[i][1], v), any = 1;
	if ((v = wf_cli_opt(cli, "tutor"))) {
		cJSON *t = cJSON_AddObjectToObject(r, "host_tutor");

		cJSON_AddStringToObject(t, "name", v);
		if ((v = wf_cli_opt(cli, "tutor-contact")))
			cJSON_AddStringToObject(t, "contact", v);
		any = 1;
	}
	if ((v = wf_cli_opt(cli, "hours")))
		add_number(r, "hours_week", v), any = 1;
	if ((v = wf_cli_opt(cli, "action")))
		add_number(r, "plan_action", v), any = 1;
	if (wf_cli_opt(cli, "meals"))
		cJSON_AddTrueToObject(r, "meals"), any = 1;
	if (!any) {
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

static int cmd_add(struct wf_cli *cli, struct wf_err *e)
{
	cJSON *r = from_flags(cli);
	int rc;

	if (!r)
		return wf_cli_records(cli, r_place_add, 0, NULL,
		                      wf_placement_columns, e);
	if (wf_cli_opt(cli, "case")) {
		if (cli->nargs) {
			cJSON_Delete(r);
			return wf_err_set(e, WF_EX_USAGE, "give --case or case ids, "
			                  "not both");
		}
		return wf_cli_record(cli, r_place_add, r, wf_placement_columns, e);
	}
	/* A batch: the same placement for each case id read. */
	rc = wf_cli_template(cli, r_place_add, r, NULL, wf_placement_columns, e);
	cJSON_Delete(r);
	return rc;
}

static int move(struct wf_cli *cli, const char *action, struct wf_err *e)
{
	struct wf_place_opts o = { 0 };

	o.action = action;
	o.date = wf_cli_opt(cli, "date");
	o.note = wf_cli_opt(cli, "note");
	o.reason = wf_cli_opt(cli, "reason");
	o.outcome = wf_cli_opt(cli, "outcome");
	o.hire = wf_cli_opt(cli, "hire");
	return wf_cli_records(cli, r_place_move, 1, &o, wf_placement_columns, e);
}

static int cmd_start(struct wf_cli *cli, struct wf_err *e)
{
	return move(cli, "start", e);
}

static int cmd_suspend(struct wf_cli *cli, struct wf_err *e)
{
	return move(cli, "suspend", e);
}

static int cmd_resume(struct wf_cli *cli, struct wf_err *e)
{
	return move(cli, "resume", e);
}

static int cmd_end(struct wf_cli *cli, struct wf_err *e)
{
	return move(cli, "end", e);
}

static int cmd_cancel(struct wf_cli *cli, struct wf_err *e)
{
	return move(cli, "cancel", e);
}

static int cmd_extend(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_place_opts o = { 0 };

	o.end = wf_cli_opt(cli, "end");
	if (!o.end)
		return wf_err_set(e, WF_EX_USAGE, "extend needs --end DATE");
	return wf_cli_records(cli, r_place_extend, 1, &o, wf_placement_columns,
	                      e);
}

static int cmd_list(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_place_filter f = {
		wf_cli_opt(cli, "status"), wf_cli_opt(cli, "kind"),
		wf_cli_opt(cli, "host"), wf_cli_opt(cli, "active-on"),
		wf_cli_opt(cli, "ending-within"), wf_cli_opt(cli, "case"), "", ""
	};

	wf_place_filter_dates(&f);
	return wf_cli_query(cli, q_place_list, &f, wf_placement_columns, 0, e);
}

static int cmd_attend(struct wf_cli *cli, struct wf_err *e)
{
	const char *month = wf_cli_opt(cli, "month"), *hours = wf_cli_opt(cli,
	                                                              "hours");
	cJSON *r;

	if (!month && !hours)
		return wf_cli_records(cli, r_place_attend, 0, NULL,
		                      "placement,month,hours_planned,hours,percent,due",
		                      e);
	if (!month || !hours || cli->nargs != 1)
		return wf_err_set(e, WF_EX_USAGE, "attend takes PLACEMENT --month "
		                  "YYYY-MM --hours N, or records");
	r = cJSON_CreateObject();
	cJSON_AddStringToObject(r, "placement", cli->args[0]);
	cJSON_AddStringToObject(r, "month", month);
	add_number(r, "hours", hours);
	return wf_cli_record(cli, r_place_attend, r, "placement,month,"
	                     "hours_planned,hours,percent,due", e);
}

static int cmd_stipends(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_query(cli, q_place_stipends, wf_cli_opt(cli, "month"),
	                    wf_stipend_columns, 0, e);
}

static int cmd_show(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_show(cli, wf_place_show, wf_placement_columns, 0, e);
}

static const struct wf_sub subs[] = {
	{ "add", "[FILE...]|-", N_("Add placements: records, or one from flags, or "
	  "one for each case id read"), add_tables, cmd_add, NULL, NULL },
	{ "start", "PLACEMENT...|-", N_("Start placements (the first places the "
	  "case)"), move_tables, cmd_start, NULL, NULL },
	{ "suspend", "PLACEMENT...|-", N_("Suspend active placements"), move_tables,
	  cmd_suspend, NULL, NULL },
	{ "resume", "PLACEMENT...|-", N_("Resume suspended placements"), move_tables,
	  cmd_resume, NULL, NULL },
	{ "end", "PLACEMENT...|-", N_("End placements, with their outcome"),
	  end_tables, cmd_end, NULL, NULL },
	{ "cancel", "PLACEMENT...|-", N_("Cancel placements that never started"),
	  move_tables, cmd_cancel, NULL, NULL },
	{ "extend", "PLACEMENT...|-", N_("Move the planned end later, within the "
	  "rules"), extend_tables, cmd_extend, NULL, NULL },
	{ "attend", "PLACEMENT|[FILE...]", N_("Record a month's attendance and the "
	  "stipend due"), attend_tables, cmd_attend, NULL, NULL },
	{ "stipends", NULL, N_("What is due for a month, person by person"),
	  stipends_tables, cmd_stipends, NULL, NULL },
	{ "list", NULL, N_("List placements"), list_tables, cmd_list, NULL, NULL },
	{ "show", "PLACEMENT|CASE...", N_("Show placements with their history"),
	  read_tables, cmd_show, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd cmd = {
	"wf-place", N_("Placements: work grants, labs, internships and hires, "
	"through their whole life."), subs
};

int main(int argc, char **argv)
{
	return wf_cli_main(&cmd, argc, argv, stdout, stderr, NULL);
}
