/*
 * cli.c - declarative command lines. A command is a table of subcommands,
 * each with a table of options; from those one parser handles every
 * command the same way, --help is written, and the hidden --complete
 * option lists subcommands, options and option values for the shell
 * completions, so that they never go stale.
 *
 * Options may come anywhere among the operands; "--" ends them; long
 * options take "--opt=value" or "--opt value"; short flags group ("-nq").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wf.h"

const struct wf_opt wf_opts_common[] = {
	{ "help", 'h', NULL, N_("show this help and exit"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "db", 0, "PATH", N_("the store (default: $WF_DB, else "
	  "$XDG_DATA_HOME/workflow/workflow.db)"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "output", 'o', "FORMAT", N_("yaml, json (JSON Lines), csv, tsv, table or "
	  "md"), wf_format_names, WF_OPT_ENUM, 0, 0 },
	{ "fields", 0, "LIST", N_("fields to print, comma-separated dotted paths"),
	  NULL, WF_OPT_TEXT, 0, 0 },
	{ "quiet", 'q', NULL, N_("print no records and no warnings; the exit status "
	  "tells"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

const struct wf_opt wf_opts_write[] = {
	{ "dry-run", 'n', NULL, N_("check and show what would be written; write "
	  "nothing"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "keep-going", 0, NULL, N_("apply the good records, report each bad one"),
	  NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

static const struct wf_opt top_opts[] = {
	{ "help", 'h', NULL, N_("show this help and exit"), NULL, WF_OPT_TEXT, 0, 0 },
	{ "version", 'V', NULL, N_("show the version and exit"), NULL, WF_OPT_TEXT, 0, 0 },
	{ 0 }
};

/* Find an option by long name (len chars of name) or short letter. */
static const struct wf_opt *find_opt(const struct wf_sub *sub,
                                     const char *name, size_t len, int shrt)
{
	for (int t = 0; sub->opts[t]; t++)
		for (const struct wf_opt *o = sub->opts[t]; o->lng; o++)
			if ((shrt && o->shrt == shrt) ||
			    (!shrt && strlen(o->lng) == len &&
			     !strncmp(o->lng, name, len)))
				return o;
	return NULL;
}

static int set_opt(struct wf_cli *cli, const struct wf_opt *o, const char *v,
                   struct wf_err *e)
{
	/* One rule for every command: an option with a value is given once
	 * (a second would be dropped unseen, or overrule the first); lists
	 * are one value, comma-separated. A flag may be repeated. */
	for (int i = 0; i < cli->nv; i++) {
		if (cli->v[i].opt != o)
			continue;
		if (!o->arg)
			return 0;
		if (o->type == WF_OPT_ENUMS)
			return wf_err_set(e, WF_EX_USAGE, "--%s given twice ('%s', "
			                  "'%s'): give it once, the values "
			                  "comma-separated", o->lng, cli->v[i].val, v);
		return wf_err_set(e, WF_EX_USAGE, "--%s given twice ('%s', '%s'): "
		                  "give it once", o->lng, cli->v[i].val, v);
	}
	if (cli->nv == (int)(sizeof cli->v / sizeof cli->v[0]))
		return wf_err_set(e, WF_EX_USAGE, "too many options");
	cli->v[cli->nv].opt = o;
	cli->v[cli->nv++].val = v;
	return 0;
}

const char *wf_cli_opt(const struct wf_cli *cli, const char *lng)
{
	for (int i = 0; i < cli->nv; i++)
		if (!strcmp(cli->v[i].opt->lng, lng))
			return cli->v[i].val;
	return NULL;
}

/* "7" or "7d", for WF_OPT_DAYS; a plain number otherwise. */
static int number(const char *v, int days, long *n)
{
	char *end;

	if (!(*v >= '0' && *v <= '9') && *v != '-')
		return -1;
	errno = 0;
	*n = strtol(v, &end, 10);
	if (errno || end == v)
		return -1;
	return !*end || (days && !strcmp(end, "d")) ? 0 : -1;
}

static int one_of(const char *const *values, const char *v, size_t len)
{
	for (int i = 0; values && values[i]; i++)
		if (strlen(values[i]) == len && !strncmp(values[i], v, len))
			return 1;
	return 0;
}

/* Whether each comma-separated item of v is one of values; *bad: the
 * first that is not. */
static int all_of(const char *const *values, const char *v, const char **bad,
                  size_t *badlen)
{
	do {
		size_t len = strcspn(v, ",");

		/* empty items are dropped, as wf_json_split() does */
		if (len && !one_of(values, v, len)) {
			*bad = v;
			*badlen = len;
			return 0;
		}
		v += len;
	} while (*v++);
	return 1;
}

static int bad_value(const struct wf_opt *o, const char *v, struct wf_err *e)
{
	char list[512], word[128], hint[160];
	const char *item = v, *near;
	size_t len = strlen(v);
	long n;

	switch (o->type) {
	case WF_OPT_TEXT:
		return 0;
	case WF_OPT_DATE: {
		wf_day d;

		if (!wf_date_parse(v, &d))
			return 0;
		return wf_err_set(e, WF_EX_USAGE, "--%s: '%s' is not a date "
		                  "(YYYY-MM-DD)", o->lng, v);
	}
	case WF_OPT_MONTH: {
		wf_day a, b;

		if (!wf_month_parse(v, &a, &b))
			return 0;
		return wf_err_set(e, WF_EX_USAGE, "--%s: '%s' is not a month "
		                  "(YYYY-MM)", o->lng, v);
	}
	case WF_OPT_ENUM:
	case WF_OPT_ENUMS:
		if (o->type == WF_OPT_ENUM ? one_of(o->values, v, len)
		                           : all_of(o->values, v, &item, &len))
			return 0;
		wf_join(o->values, list, sizeof list);
		snprintf(word, sizeof word, "%.*s", (int)len, item);
		near = wf_nearest(word, o->values);
		return wf_err_set(e, WF_EX_USAGE, "--%s: '%s' is not one of: %s%s",
		                  o->lng, word, list,
		                  wf_err_near(near, hint, sizeof hint));
	case WF_OPT_NUMBER:
	case WF_OPT_DAYS:
		if (!number(v, o->type == WF_OPT_DAYS, &n) && n >= o->min &&
		    n <= o->max)
			return 0;
		if (o->type == WF_OPT_DAYS)
			return wf_err_set(e, WF_EX_USAGE, "--%s: '%s' is not a number "
			                  "of days (7 or 7d) in %ld..%ld", o->lng, v,
			                  o->min, o->max);
		return wf_err_set(e, WF_EX_USAGE, "--%s: '%s' is not a whole number "
		                  "in %ld..%ld", o->lng, v, o->min, o->max);
	case WF_OPT_CODE:
		if (wf_code_ok(v))
			return 0;
		return wf_err_set(e, WF_EX_USAGE, "--%s: '%s' is not a code: 1 to 64 "
		                  "letters, digits, '-', '_' or '.', from a letter or "
		                  "digit", o->lng, v);
	}
	return 0;
}

/* The checks the tables declare: each value's type, and operands only
 * where the subcommand takes some. */
static int check_line(const struct wf_cli *cli, struct wf_err *e)
{
	/* a subcommand of a group is named with its group ("store check") */
	const char *group = strchr(cli->cmd->name, ' ');
	int rc;

	if (!cli->sub->operands && cli->nargs)
		return wf_err_set(e, WF_EX_USAGE, "%s%s%s takes no operands: '%s'",
		                  group ? group + 1 : "", group ? " " : "",
		                  cli->sub->name, cli->args[0]);
	for (int i = 0; i < cli->nv; i++)
		if (cli->v[i].opt->arg &&
		    (rc = bad_value(cli->v[i].opt, cli->v[i].val, e)))
			return rc;
	return 0;
}

int wf_cli_date(const struct wf_cli *cli, const char *lng, wf_day *d)
{
	const char *v = wf_cli_opt(cli, lng);

	return v && !wf_date_parse(v, d);
}

int wf_cli_month(const struct wf_cli *cli, const char *lng, wf_day *first,
                 wf_day *last)
{
	const char *v = wf_cli_opt(cli, lng);

	return v && !wf_month_parse(v, first, last);
}

int wf_cli_number(const struct wf_cli *cli, const char *lng, long *n)
{
	const char *v = wf_cli_opt(cli, lng);

	return v && !number(v, 1, n);
}

static int unknown_opt(const struct wf_cli *cli, const char *arg,
                       struct wf_err *e)
{
	const char *names[64];
	char dashed[64];
	const char *near;
	int n = 0;

	for (int t = 0; cli->sub->opts[t]; t++)
		for (const struct wf_opt *o = cli->sub->opts[t]; o->lng && n < 63; o++)
			names[n++] = o->lng;
	names[n] = NULL;
	snprintf(dashed, sizeof dashed, "%s", arg + strspn(arg, "-"));
	dashed[strcspn(dashed, "=")] = '\0';
	near = arg[1] == '-' ? wf_nearest(dashed, names) : NULL;
	if (near)
		return wf_err_set(e, WF_EX_USAGE,
		                  "unknown option '%s' (did you mean '--%s'?)", arg,
		                  near);
	return wf_err_set(e, WF_EX_USAGE, "unknown option '%s'", arg);
}

/* Parse one "--name[=value]"; *i moves past a separate value. */
static int long_opt(struct wf_cli *cli, int argc, char **argv, int *i,
                    struct wf_err *e)
{
	const char *a = argv[*i] + 2, *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	const struct wf_opt *o = find_opt(cli->sub, a, len, 0);

	if (!o)
		return unknown_opt(cli, argv[*i], e);
	if (!o->arg) {
		if (eq)
			return wf_err_set(e, WF_EX_USAGE,
			                  "option '--%s' takes no value", o->lng);
		return set_opt(cli, o, "", e);
	}
	if (eq)
		return set_opt(cli, o, eq + 1, e);
	if (*i + 1 >= argc)
		return wf_err_set(e, WF_EX_USAGE, "option '--%s' needs %s", o->lng,
		                  o->arg);
	return set_opt(cli, o, argv[++*i], e);
}

static int short_opts(struct wf_cli *cli, int argc, char **argv, int *i,
                      struct wf_err *e)
{
	for (const char *p = argv[*i] + 1; *p; p++) {
		const struct wf_opt *o = find_opt(cli->sub, NULL, 0, *p);
		char bad[3] = { '-', *p, '\0' };
		int rc;

		if (!o)
			return unknown_opt(cli, bad, e);
		if (!o->arg) {
			if ((rc = set_opt(cli, o, "", e)))
				return rc;
			continue;
		}
		if (p[1])
			return set_opt(cli, o, p + 1, e);
		if (*i + 1 >= argc)
			return wf_err_set(e, WF_EX_USAGE, "option '-%c' needs %s", *p,
			                  o->arg);
		return set_opt(cli, o, argv[++*i], e);
	}
	return 0;
}

static int parse_sub(struct wf_cli *cli, int argc, char **argv,
                     struct wf_err *e)
{
	int rc, dashdash = 0;

	cli->args = calloc((size_t)argc + 1, sizeof *cli->args);
	if (!cli->args)
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];

		if (dashdash || a[0] != '-' || !a[1]) {
			cli->args[cli->nargs++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		rc = a[1] == '-' ? long_opt(cli, argc, argv, &i, e)
		                 : short_opts(cli, argc, argv, &i, e);
		if (rc)
			return rc;
	}
	return 0;
}

static void opt_help(FILE *f, const struct wf_opt *o)
{
	char left[64];

	if (o->shrt)
		snprintf(left, sizeof left, "-%c, --%s%s%s", o->shrt, o->lng,
		         o->arg ? " " : "", o->arg ? o->arg : "");
	else
		snprintf(left, sizeof left, "    --%s%s%s", o->lng,
		         o->arg ? " " : "", o->arg ? o->arg : "");
	fprintf(f, "  %-24s %s\n", left, _(o->help));
}

void wf_cli_usage(FILE *f, const struct wf_cmd *cmd, const struct wf_sub *sub)
{
	if (sub) {
		fprintf(f, _("usage: %s %s [options]%s%s\n"), cmd->name, sub->name,
		        sub->operands ? " " : "", sub->operands ? sub->operands : "");
		return;
	}
	fprintf(f, _("usage: %s <command> [options] [args]\n"), cmd->name);
}

static void sub_help(FILE *f, const struct wf_cmd *cmd,
                     const struct wf_sub *sub)
{
	wf_cli_usage(f, cmd, sub);
	fprintf(f, _("\n%s\n\noptions:\n"), _(sub->summary));
	for (int t = 0; sub->opts[t]; t++)
		for (const struct wf_opt *o = sub->opts[t]; o->lng; o++)
			opt_help(f, o);
	/* A group's page is its program's: wf case -> wf(1). */
	fprintf(f, _("\nSee %.*s(1).\n"), (int)strcspn(cmd->name, " "), cmd->name);
}

static void cmd_help(FILE *f, const struct wf_cmd *cmd)
{
	wf_cli_usage(f, cmd, NULL);
	fprintf(f, _("\n%s\n\ncommands:\n"), _(cmd->summary));
	for (const struct wf_sub *s = cmd->subs; s->name; s++)
		fprintf(f, "  %-12s %s\n", s->name, _(s->summary));
	fprintf(f, _("\noptions:\n"));
	for (const struct wf_opt *o = top_opts; o->lng; o++)
		opt_help(f, o);
	fprintf(f, _("\n'%s <command> --help' tells more; see %.*s(1).\n"),
	        cmd->name, (int)strcspn(cmd->name, " "), cmd->name);
}

/* --complete WORD...: words for the shell completions. The words are
 * those typed so far: the subcommand (and a group's subcommand) choose the
 * table; a last word that is an option asks for its values. */
static void complete(FILE *f, const struct wf_cmd *cmd, int argc, char **argv)
{
	const struct wf_sub *sub = NULL;
	const char *last = argc > 1 ? argv[argc - 1] : "";

	for (const struct wf_sub *s = cmd->subs; argc > 0 && s->name; s++)
		if (!strcmp(s->name, argv[0]))
			sub = s;
	if (!sub) {
		for (const struct wf_sub *s = cmd->subs; s->name; s++)
			fprintf(f, "%s\n", s->name);
		return;
	}
	if (sub->group) {
		complete(f, sub->group, argc - 1, argv + 1);
		return;
	}
	for (int t = 0; sub->opts && sub->opts[t]; t++) {
		for (const struct wf_opt *o = sub->opts[t]; o->lng; o++) {
			if (last[0] == '-' && !strcmp(last + strspn(last, "-"), o->lng)) {
				for (int i = 0; o->values && o->values[i]; i++)
					fprintf(f, "%s\n", o->values[i]);
				return;
			}
		}
	}
	for (int t = 0; sub->opts && sub->opts[t]; t++)
		for (const struct wf_opt *o = sub->opts[t]; o->lng; o++)
			fprintf(f, "--%s\n", o->lng);
}

int wf_cli_parse(struct wf_cli *cli, const struct wf_cmd *cmd, int argc,
                 char **argv, FILE *out, struct wf_err *e)
{
	const char *a = argc > 1 ? argv[1] : NULL;
	const char *names[64];
	const char *near;
	char hint[160];
	int n = 0;

	memset(cli, 0, sizeof *cli);
	cli->cmd = cmd;
	if (!a)
		return wf_err_set(e, WF_EX_USAGE, "missing command (one of the "
		                  "commands in '%s --help')", cmd->name);
	if (!strcmp(a, "-h") || !strcmp(a, "--help") || !strcmp(a, "help")) {
		cmd_help(out, cmd);
		return -1;
	}
	if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
		fprintf(out, "%s (workflow) %s\n", cmd->name, wf_version);
		return -1;
	}
	if (!strcmp(a, "--complete")) {
		complete(out, cmd, argc - 2, argv + 2);
		return -1;
	}
	for (const struct wf_sub *s = cmd->subs; s->name; s++) {
		if (!strcmp(s->name, a)) {
			int rc;

			cli->sub = s;
			if (s->group)
				return wf_cli_parse(cli, s->group, argc - 1, argv + 1, out, e);
			if (!s->run)
				return WF_CLI_EXEC;
			if ((rc = parse_sub(cli, argc - 2, argv + 2, e)))
				return rc;
			if (wf_cli_opt(cli, "help")) {
				sub_help(out, cmd, s);
				return -1;
			}
			return check_line(cli, e);
		}
		if (n < 63)
			names[n++] = s->name;
	}
	names[n] = NULL;
	near = wf_nearest(a, names);
	if (a[0] == '-')
		return wf_err_set(e, WF_EX_USAGE, "unknown option '%s' (options "
		                  "follow the command)", a);
	return wf_err_set(e, WF_EX_USAGE, "unknown command '%s'%s", a,
	                  wf_err_near(near, hint, sizeof hint));
}

void wf_cli_free(struct wf_cli *cli)
{
	free(cli->args);
	cli->args = NULL;
}

int wf_cli_main(const struct wf_cmd *cmd, int argc, char **argv, FILE *out,
                FILE *err, const struct wf_sub **sub)
{
	struct wf_cli cli;
	struct wf_err e;
	int rc;

	wf_err_clear(&e);
	if ((rc = wf_i18n_init(&e))) {
		wf_err_print(err, cmd->name, &e, 0);
		return rc;
	}
	rc = wf_cli_parse(&cli, cmd, argc, argv, out, &e);
	cli.err = err;
	if (rc == WF_EX_USAGE) {
		wf_err_print(err, cmd->name, &e, 0);
		fprintf(err, _("see '%s%s%s --help'\n"), cli.cmd->name,
		        cli.sub ? " " : "", cli.sub ? cli.sub->name : "");
	} else if (rc == WF_CLI_EXEC) {
		*sub = cli.sub;
	} else if (rc == 0) {
		rc = cli.sub->run(&cli, &e);
		if (rc == WF_EX_USAGE && e.msg[0]) {
			wf_err_print(err, cmd->name, &e, 0);
			fprintf(err, _("see '%s %s --help'\n"), cli.cmd->name,
			        cli.sub->name);
		} else if (rc && e.msg[0] &&
		           !(rc == WF_EX_NOMATCH && wf_cli_opt(&cli, "quiet"))) {
			wf_err_print(err, cmd->name, &e, 0);
		}
	} else {
		rc = 0;
	}
	wf_cli_free(&cli);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(err, _("%s: cannot write output\n"), cmd->name);
		return WF_EX_IOERR;
	}
	return rc;
}
