/*
 * wf-report - step 5 of the path: reports. 'case' writes the final report
 * of a path, to share with the person and the referring service:
 * Markdown by default, the same content as a record in YAML or JSON;
 * 'funnel' and 'caseload' are short views for a terminal. The rules are
 * in lib/ (reportcase.c, markdown.c, reportviews.c).
 */
#include "wf.h"

static const struct wf_opt view_opts[] = {
	{ "on", 0, "DATE", "as of DATE (default: today)", NULL },
	{ "programme", 0, "CODE", "only this programme's cases", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct wf_opt *const read_tables[] = { wf_opts_common, NULL };
static const struct wf_opt *const view_tables[] = { wf_opts_common,
                                                    view_opts, NULL };

static int cmd_case(struct wf_cli *cli, struct wf_err *e)
{
	return wf_cli_query(cli, wf_report_case, NULL, "id,status", 0, e);
}

static int view(struct wf_cli *cli, wf_query_fn fn, const char *cols,
                struct wf_err *e)
{
	struct wf_view_opts o = { wf_date_today(), wf_cli_opt(cli, "programme") };
	const char *on = wf_cli_opt(cli, "on");

	if (cli->nargs)
		return wf_err_set(e, WF_EX_USAGE, "%s takes no operands: '%s'",
		                  cli->sub->name, cli->args[0]);
	if (on && wf_date_parse(on, &o.on) < 0)
		return wf_err_set(e, WF_EX_USAGE, "--on: '%s' is not a date "
		                  "(YYYY-MM-DD)", on);
	return wf_cli_query(cli, fn, &o, cols, 0, e);
}

static int cmd_funnel(struct wf_cli *cli, struct wf_err *e)
{
	return view(cli, wf_report_funnel, "id,cases,percent", e);
}

static int cmd_caseload(struct wf_cli *cli, struct wf_err *e)
{
	return view(cli, wf_report_caseload, "operator,cases,referred,screened,"
	            "assessing,eligible,planned,placed", e);
}

static const struct wf_sub subs[] = {
	{ "case", "CASE...", "The final report of a path (Markdown by default)",
	  read_tables, cmd_case, NULL, "=md" },
	{ "funnel", NULL, "How many cases reached each step (a table on a "
	  "terminal)", view_tables, cmd_funnel, NULL, "table" },
	{ "caseload", NULL, "Open cases by operator and status (a table on a "
	  "terminal)", view_tables, cmd_caseload, NULL, "table" },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd cmd = {
	"wf-report", "Reports: the final report of a path, the funnel, the "
	"caseload.", subs
};

int main(int argc, char **argv)
{
	return wf_cli_main(&cmd, argc, argv, stdout, stderr, NULL);
}
