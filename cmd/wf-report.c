/*
 * wf-report - step 5 of the path: reports. 'case' writes the final report
 * of a path, to share with the person and the referring service:
 * Markdown by default, the same content as a record in YAML or JSON;
 * 'monthly' and 'range' give the figures of a period, 'indicators' the
 * funder's (ESF+); 'funnel' and 'caseload' are short views for a
 * terminal. The rules are in lib/ (reportcase.c, markdown.c,
 * reportperiod.c, reportindicators.c, reportviews.c).
 */
#include <stdlib.h>
#include <string.h>

#include "wf.h"

static const struct wf_opt view_opts[] = {
	{ "on", 0, "DATE", "as of DATE (default: today)", NULL },
	{ "programme", 0, "CODE", "only this programme's cases", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct wf_opt period_opts[] = {
	{ "programme", 0, "CODE", "only this programme's cases", NULL },
	{ "section", 0, "NAME", "only this section", NULL },
	{ "min-cell", 0, "N", "show counts from 1 to N-1 as <N", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct wf_opt monthly_opts[] = {
	{ "month", 0, "YYYY-MM", "the month (required)", NULL },
	{ "compare", 0, NULL, "the month before and a year before beside it",
	  NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct wf_opt range_opts[] = {
	{ "from", 0, "DATE", "the first day (required)", NULL },
	{ "to", 0, "DATE", "the last day (required)", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const char *const recipients_list[] = { "referrer", "host", NULL };
static const struct wf_opt case_opts[] = {
	{ "for", 0, "WHOM", "share it with the referrer or a host: refused "
	  "without the person's consent, and kept as a disclosure",
	  recipients_list },
	{ "to", 0, "CODE", "the host, when the case has several", NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

static const struct wf_opt *const case_tables[] = { wf_opts_common,
                                                    case_opts, NULL };
static const struct wf_opt *const monthly_tables[] = { wf_opts_common,
                                                       monthly_opts,
                                                       period_opts, NULL };
static const struct wf_opt *const range_tables[] = { wf_opts_common,
                                                     range_opts, period_opts,
                                                     NULL };
static const struct wf_opt *const view_tables[] = { wf_opts_common,
                                                    view_opts, NULL };

static int cmd_case(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_report_case_opts o = { wf_cli_opt(cli, "for"),
	                                 wf_cli_opt(cli, "to") };

	if (o.for_ && strcmp(o.for_, "referrer") && strcmp(o.for_, "host"))
		return wf_err_set(e, WF_EX_USAGE, "--for: '%s' is not one of: "
		                  "referrer, host", o.for_);
	if (o.to && (!o.for_ || strcmp(o.for_, "host")))
		return wf_err_set(e, WF_EX_USAGE, "--to goes with --for host");
	return wf_cli_query(cli, wf_report_case, &o, "id,status", 0, e);
}

/* What monthly, range and indicators share: no operands, --programme,
 * --section, --min-cell. */
static int period_opts_of(struct wf_cli *cli, struct wf_period_opts *o,
                          struct wf_err *e)
{
	const char *n = wf_cli_opt(cli, "min-cell");
	char *end;

	if (cli->nargs)
		return wf_err_set(e, WF_EX_USAGE, "%s takes no operands: '%s'",
		                  cli->sub->name, cli->args[0]);
	o->programme = wf_cli_opt(cli, "programme");
	o->section = wf_cli_opt(cli, "section");
	if (n) {
		o->min_cell = (int)strtol(n, &end, 10);
		if (*end || o->min_cell < 2 || o->min_cell > 1000)
			return wf_err_set(e, WF_EX_USAGE, "--min-cell: '%s' is not a "
			                  "number from 2 to 1000", n);
	}
	return 0;
}

static int period(struct wf_cli *cli, struct wf_period_opts *o,
                  struct wf_err *e)
{
	int rc = period_opts_of(cli, o, e);

	return rc ? rc : wf_cli_query(cli, wf_report_period, o, o->compare
	                    ? "section,item,value,previous_month,year_before"
	                    : "section,item,value", 0, e);
}

static int cmd_monthly(struct wf_cli *cli, struct wf_err *e)
{
	const char *month = wf_cli_opt(cli, "month");
	struct wf_period_opts o = { 0 };
	char id[32];

	if (!month || wf_month_parse(month, &o.from, &o.to) < 0)
		return wf_err_set(e, WF_EX_USAGE, "monthly needs --month YYYY-MM");
	snprintf(id, sizeof id, "monthly/%s", month);
	o.id = id;
	o.compare = wf_cli_opt(cli, "compare") != NULL;
	return period(cli, &o, e);
}

/* --from and --to, and the report's id: "range/A..B". */
static int span(struct wf_cli *cli, struct wf_period_opts *o, char *id,
                size_t len, struct wf_err *e)
{
	const char *from = wf_cli_opt(cli, "from"), *to = wf_cli_opt(cli, "to");
	const char *name = cli->sub->name;

	if (!from || !to || wf_date_parse(from, &o->from) < 0 ||
	    wf_date_parse(to, &o->to) < 0)
		return wf_err_set(e, WF_EX_USAGE, "%s needs --from DATE --to DATE",
		                  name);
	if (o->to < o->from)
		return wf_err_set(e, WF_EX_USAGE, "%s: --to %s is before --from "
		                  "%s", name, to, from);
	snprintf(id, len, "%s/%s..%s", name, from, to);
	o->id = id;
	return 0;
}

static int cmd_range(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_period_opts o = { 0 };
	char id[48];
	int rc = span(cli, &o, id, sizeof id, e);

	return rc ? rc : period(cli, &o, e);
}

static int cmd_indicators(struct wf_cli *cli, struct wf_err *e)
{
	struct wf_period_opts o = { 0 };
	char id[48];
	int rc = span(cli, &o, id, sizeof id, e);

	if (!rc)
		rc = period_opts_of(cli, &o, e);
	return rc ? rc : wf_cli_query(cli, wf_report_indicators, &o,
	                              "section,indicator,total,women,men,"
	                              "non_binary,not_stated,as_of", 0, e);
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
	  case_tables, cmd_case, NULL, "=md" },
	{ "monthly", NULL, "The figures of a month, as of its last day",
	  monthly_tables, cmd_monthly, NULL, "=yaml" },
	{ "range", NULL, "The same figures for any span", range_tables,
	  cmd_range, NULL, "=yaml" },
	{ "indicators", NULL, "The ESF+ common indicators of the participants "
	  "who entered or left in a span", range_tables, cmd_indicators, NULL,
	  "=yaml" },
	{ "funnel", NULL, "How many cases reached each step (a table on a "
	  "terminal)", view_tables, cmd_funnel, NULL, "table" },
	{ "caseload", NULL, "Open cases by operator and status (a table on a "
	  "terminal)", view_tables, cmd_caseload, NULL, "table" },
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL }
};

static const struct wf_cmd cmd = {
	"wf-report", "Reports: monthly and any span, the final report of a path, "
	"the funder's indicators, the funnel, the caseload.", subs
};

int main(int argc, char **argv)
{
	return wf_cli_main(&cmd, argc, argv, stdout, stderr, NULL);
}
