/*
 * out.c - records written as YAML (a stream of documents, through libyaml's
 * emitter so that quoting is always right), JSON Lines, CSV, TSV or an
 * aligned table. --fields picks and orders fields by dotted path; in YAML
 * and JSON the picked fields keep their nesting, so the output stays valid
 * input. Strings that would read back as another type are quoted, so that
 * a round trip through YAML gives back the same record.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <yaml.h>

#include "wf.h"

struct wf_out {
	FILE *f;
	enum wf_format fmt;
	char **cols;          /* chosen columns (dotted paths) */
	size_t ncols;
	int picked;           /* --fields was given */
	yaml_emitter_t em;
	int em_open;
	long count;
	FILE *spool;          /* a table's cells, held until the end in a
	                         temporary file, each ended by a NUL */
	size_t ncells;
	size_t w[64];         /* the widest cell of each column */
	char title[128];      /* an HTML page's */
};

const char *const wf_format_names[] = { "yaml", "json", "csv", "tsv",
                                        "table", "md", "html", NULL };

int wf_format_parse(const char *name, enum wf_format *f)
{
	for (int i = 0; wf_format_names[i]; i++) {
		if (!strcmp(name, wf_format_names[i])) {
			*f = (enum wf_format)i;
			return 0;
		}
	}
	return -1;
}

int wf_format_default(FILE *f, enum wf_format *fmt, struct wf_err *e)
{
	const char *env = getenv("WF_FORMAT");
	char list[64];

	if (env && *env) {
		if (wf_format_parse(env, fmt) == 0)
			return 0;
		wf_join(wf_format_names, list, sizeof list);
		return wf_err_set(e, WF_EX_CONFIG,
		                  "WF_FORMAT: unknown format '%s' (one of: %s)", env, list);
	}
	*fmt = isatty(fileno(f)) ? WF_FMT_YAML : WF_FMT_JSON;
	return 0;
}

static int split_fields(struct wf_out *o, const char *list)
{
	char *copy = strdup(list), *save = NULL;

	if (!copy)
		return -1;
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		char **c;

		while (*t == ' ')
			t++;
		if (!*t)
			continue;
		if (o->ncols == 64) {
			free(copy);
			return -2;
		}
		c = realloc(o->cols, (o->ncols + 1) * sizeof *c);
		if (!c || !(c[o->ncols] = strdup(t))) {
			o->cols = c ? c : o->cols;
			free(copy);
			return -1;
		}
		o->cols = c;
		o->ncols++;
	}
	free(copy);
	return 0;
}

static int yaml_fail(struct wf_out *o, struct wf_err *e)
{
	return wf_err_set(e, WF_EX_IOERR, "cannot write YAML: %s",
	                  o->em.problem ? o->em.problem : _("write error"));
}

int wf_out_open(struct wf_out **op, FILE *f, enum wf_format fmt,
                const char *fields, const char *deflt, struct wf_err *e)
{
	struct wf_out *o = calloc(1, sizeof *o);
	yaml_event_t ev;

	if (!o)
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	o->f = f;
	o->fmt = fmt;
	o->picked = fields != NULL;
	if (fields || (fmt != WF_FMT_YAML && fmt != WF_FMT_JSON && deflt)) {
		int rc = split_fields(o, fields ? fields : deflt);

		if (rc < 0) {
			wf_out_close(o, e);
			return rc == -2 ? wf_err_set(e, WF_EX_USAGE, "--fields: at most "
			                             "64 fields")
			                : wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
		}
		if (o->ncols == 0) {
			wf_out_close(o, e);
			return wf_err_set(e, WF_EX_USAGE, "--fields: no field named");
		}
	}
	*op = o;
	if (fmt != WF_FMT_YAML)
		return 0;
	if (!yaml_emitter_initialize(&o->em))
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	o->em_open = 1;
	yaml_emitter_set_output_file(&o->em, f);
	yaml_emitter_set_unicode(&o->em, 1);
	yaml_emitter_set_width(&o->em, -1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	if (!yaml_emitter_emit(&o->em, &ev))
		return yaml_fail(o, e);
	return 0;
}

/* ---- scalars as text ---------------------------------------------------- */

static void number_text(double v, char *buf, size_t len)
{
	if (wf_whole(v) && v < 1e15 && v > -1e15) {
		snprintf(buf, len, "%lld", (long long)v);
		return;
	}
	snprintf(buf, len, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, len, "%.17g", v);
}

/* A value as one cell of text: scalars as themselves, a list of scalars
 * joined with "; ", anything else as compact JSON. Caller frees. */
/* Text for a terminal or a table: line breaks and tabs as \n, \r, \t,
 * and any other control character as \xHH, so that a value can neither
 * break a table's rows nor drive the terminal. */
static char *escaped(const char *s)
{
	char *out = malloc(strlen(s) * 4 + 1), *o = out;

	for (; out && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n' || c == '\r' || c == '\t')
			o += sprintf(o, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
		else if (c < 0x20 || c == 0x7f)
			o += sprintf(o, "\\x%02x", c);
		else
			*o++ = (char)c;
	}
	if (out)
		*o = '\0';
	return out;
}

static char *cell_text(const cJSON *v)
{
	char buf[64];

	if (!v || cJSON_IsNull(v))
		return strdup("");
	if (cJSON_IsString(v))
		return strdup(v->valuestring);
	if (cJSON_IsBool(v))
		return strdup(cJSON_IsTrue(v) ? "true" : "false");
	if (cJSON_IsNumber(v)) {
		number_text(v->valuedouble, buf, sizeof buf);
		return strdup(buf);
	}
	if (cJSON_IsArray(v)) {
		size_t n = 1;
		char *s;
		const cJSON *c;

		cJSON_ArrayForEach(c, v) {
			if (!cJSON_IsString(c))
				return cJSON_PrintUnformatted(v);
			n += strlen(c->valuestring) + 2;
		}
		if (!(s = malloc(n)))
			return NULL;
		s[0] = '\0';
		cJSON_ArrayForEach(c, v) {
			if (s[0])
				strcat(s, "; ");
			strcat(s, c->valuestring);
		}
		return s;
	}
	return cJSON_PrintUnformatted(v);
}

/* ---- YAML --------------------------------------------------------------- */

static int emit_scalar(struct wf_out *o, const char *s, yaml_scalar_style_t st)
{
	yaml_event_t ev;

	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
	                             (int)strlen(s), 1, 1, st);
	return yaml_emitter_emit(&o->em, &ev);
}

/* Text another YAML reader could take for something else: what ours
 * resolves as null, bool or number, and also numbers with a leading zero
 * or a sign, and YAML 1.1's yes/no/on/off. Quoted, it is text to all. */
static int ambiguous(const char *s)
{
	static const char *const words[] = { "yes", "no", "on", "off", "y", "n",
	                                     ".inf", "-.inf", "+.inf", ".nan",
	                                     NULL };
	const char *p = s + (*s == '+' || *s == '-');
	size_t digits = 0, dots = 0;

	if (wf_yaml_resolve(s, strlen(s)) != 0)
		return 1;
	for (int i = 0; words[i]; i++)
		if (!strcasecmp(s, words[i]))
			return 1;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p == '.')
			dots++;
		else if (*p != '_')
			return 0;
	}
	return digits > 0 && dots <= 1;
}

static int emit_string(struct wf_out *o, const char *s)
{
	yaml_scalar_style_t st = YAML_ANY_SCALAR_STYLE;

	if (ambiguous(s))
		st = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	else if (strchr(s, '\n'))
		st = YAML_LITERAL_SCALAR_STYLE;
	return emit_scalar(o, s, st);
}

/* Short lists of single words read best on one line: [referrer, host]. */
static int flow_list(const cJSON *v)
{
	const cJSON *c;
	size_t n = 0;

	cJSON_ArrayForEach(c, v) {
		if (cJSON_IsArray(c) || cJSON_IsObject(c))
			return 0;
		if (cJSON_IsString(c)) {
			const char *s = c->valuestring;

			if (!*s || strpbrk(s, " ,:[]{}#'\"\n&*!|>%@`") || ambiguous(s))
				return 0;
			n += strlen(s) + 2;
		}
	}
	return n <= 60;
}

static int emit_node(struct wf_out *o, const cJSON *v)
{
	yaml_event_t ev;
	const cJSON *c;
	char buf[64];

	if (cJSON_IsObject(v)) {
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		                                    YAML_BLOCK_MAPPING_STYLE);
		if (!yaml_emitter_emit(&o->em, &ev))
			return 0;
		cJSON_ArrayForEach(c, v)
			if (!emit_string(o, c->string) || !emit_node(o, c))
				return 0;
		yaml_mapping_end_event_initialize(&ev);
		return yaml_emitter_emit(&o->em, &ev);
	}
	if (cJSON_IsArray(v)) {
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
			flow_list(v) ? YAML_FLOW_SEQUENCE_STYLE
			               : YAML_BLOCK_SEQUENCE_STYLE);
		if (!yaml_emitter_emit(&o->em, &ev))
			return 0;
		cJSON_ArrayForEach(c, v)
			if (!emit_node(o, c))
				return 0;
		yaml_sequence_end_event_initialize(&ev);
		return yaml_emitter_emit(&o->em, &ev);
	}
	if (cJSON_IsString(v))
		return emit_string(o, v->valuestring);
	if (cJSON_IsNumber(v)) {
		number_text(v->valuedouble, buf, sizeof buf);
		return emit_scalar(o, buf, YAML_PLAIN_SCALAR_STYLE);
	}
	if (cJSON_IsBool(v))
		return emit_scalar(o, cJSON_IsTrue(v) ? "true" : "false",
		                   YAML_PLAIN_SCALAR_STYLE);
	return emit_scalar(o, "null", YAML_PLAIN_SCALAR_STYLE);
}

static int write_yaml(struct wf_out *o, const cJSON *rec, struct wf_err *e)
{
	yaml_event_t ev;

	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 0);
	if (!yaml_emitter_emit(&o->em, &ev) || !emit_node(o, rec))
		return yaml_fail(o, e);
	yaml_document_end_event_initialize(&ev, 1);
	if (!yaml_emitter_emit(&o->em, &ev) || !yaml_emitter_flush(&o->em))
		return yaml_fail(o, e);
	return 0;
}

/* ---- picking fields ------------------------------------------------------ */

/* Copy the value at path into out, creating the objects on the way. */
static void pick(cJSON *out, const cJSON *rec, const char *path)
{
	const cJSON *v = wf_json_path(rec, path);
	char key[128];
	const char *dot;

	if (!v)
		return;
	while ((dot = strchr(path, '.')) && (size_t)(dot - path) < sizeof key) {
		cJSON *sub;

		memcpy(key, path, (size_t)(dot - path));
		key[dot - path] = '\0';
		sub = cJSON_GetObjectItemCaseSensitive(out, key);
		if (!sub)
			sub = cJSON_AddObjectToObject(out, key);
		out = sub;
		path = dot + 1;
	}
	if (!cJSON_GetObjectItemCaseSensitive(out, path))
		cJSON_AddItemToObject(out, path, cJSON_Duplicate(v, 1));
}

/* ---- CSV, TSV, table ----------------------------------------------------- */

/* A CSV cell of text that a spreadsheet would take for a formula (=, +,
 * -, @, or a tab or return first) is given a leading apostrophe, which
 * spreadsheets show as text: the accounts office opens these files. TSV
 * is the raw form. */
static char *csv_text(const cJSON *v)
{
	char *t = cell_text(v), *q;

	if (!t || !cJSON_IsString(v) || !strchr("=+-@\t\r", t[0]) || !t[0])
		return t;
	if ((q = malloc(strlen(t) + 2))) {
		q[0] = '\'';
		strcpy(q + 1, t);
	}
	free(t);
	return q;
}

static void put_csv(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

/* One character of a value on one line: tabs and line breaks as spaces,
 * other control characters shown, never sent to the terminal. */
static void put_flat(FILE *f, unsigned char c)
{
	if (c == '\t' || c == '\n' || c == '\r')
		putc(' ', f);
	else if (c < 0x20 || c == 0x7f)
		fprintf(f, "\\x%02x", c);
	else
		putc(c, f);
}

/* TSV cannot hold tabs or line breaks in a value: they become spaces, so
 * that 'while IFS=$'\t' read' loops stay aligned. */
static void put_tsv(FILE *f, const char *s)
{
	for (; *s; s++)
		put_flat(f, (unsigned char)*s);
}

/* A Markdown table cell: pipes escaped, on one line. */
static void put_md(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			putc('\\', f);
		put_flat(f, (unsigned char)*s);
	}
}

static void put_row(struct wf_out *o, char *const *cells)
{
	if (o->fmt == WF_FMT_MD) {
		for (size_t i = 0; i < o->ncols; i++) {
			fputs("| ", o->f);
			put_md(o->f, cells[i]);
			putc(' ', o->f);
		}
		fputs("|\n", o->f);
		return;
	}
	for (size_t i = 0; i < o->ncols; i++) {
		if (i)
			putc(o->fmt == WF_FMT_CSV ? ',' : '\t', o->f);
		if (o->fmt == WF_FMT_CSV)
			put_csv(o->f, cells[i]);
		else
			put_tsv(o->f, cells[i]);
	}
	putc('\n', o->f);
}

static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/* Hold a table's cell until the widths are known: in a temporary file,
 * so that a long table costs no memory. */
static int hold_cell(struct wf_out *o, const char *s)
{
	size_t i = o->ncells % o->ncols;

	if (!o->spool && !(o->spool = tmpfile()))
		return -1;
	if (fwrite(s, 1, strlen(s) + 1, o->spool) != strlen(s) + 1)
		return -1;
	if (width(s) > o->w[i])
		o->w[i] = width(s);
	o->ncells++;
	return 0;
}

/* A cell of a table or Markdown, for people: an enum value by its
 * label, a date as they write it, in their language. */
static char *human_text(const char *col, const cJSON *v)
{
	const char *leaf = strrchr(col, '.');
	const char *s, *label;
	char date[16];

	if (!cJSON_IsString(v))
		return cell_text(v);
	s = v->valuestring;
	label = wf_label(leaf ? leaf + 1 : col, s);
	if (label != s)
		return strdup(label);
	return strdup(wf_date_human(s, date, sizeof date) ? date : s);
}

void wf_out_title(struct wf_out *o, const char *title)
{
	if (o)
		snprintf(o->title, sizeof o->title, "%s", title);
}

/* A page of records: one table, its cells as in -o table, escaped. */
static int write_html_row(struct wf_out *o, const cJSON *rec, struct wf_err *e)
{
	char today[16], iso[11];

	if (o->count == 0) {
		wf_date_format(wf_date_today(), iso);
		wf_date_human(iso, today, sizeof today);
		wf_html_begin(o->f, o->title, wf_html_service(NULL), today);
		fputs("<table>\n<tr>", o->f);
		for (size_t i = 0; i < o->ncols; i++)
			wf_html_cell(o->f, wf_column_label(o->cols[i]), 0, 1);
		fputs("</tr>\n", o->f);
	}
	fputs("<tr>", o->f);
	for (size_t i = 0; i < o->ncols; i++) {
		const cJSON *v = wf_json_path(rec, o->cols[i]);
		char *t = human_text(o->cols[i], v);

		if (!t)
			return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
		wf_html_cell(o->f, t, cJSON_IsNumber(v), 0);
		free(t);
	}
	fputs("</tr>\n", o->f);
	return 0;
}

static int write_row(struct wf_out *o, const cJSON *rec, struct wf_err *e)
{
	char *row[64] = { 0 };
	size_t n = o->ncols;
	int rc = 0;

	if (o->fmt == WF_FMT_MD && o->count == 0) {
		char *heads[64] = { 0 };

		for (size_t i = 0; i < n; i++)
			heads[i] = (char *)wf_column_label(o->cols[i]);
		put_row(o, heads);
	} else if (o->fmt != WF_FMT_TABLE && o->count == 0) {
		put_row(o, o->cols);
	}
	if (o->fmt != WF_FMT_TABLE && o->count == 0) {
		for (size_t i = 0; o->fmt == WF_FMT_MD && i < o->ncols; i++)
			fputs(i + 1 < o->ncols ? "| --- " : "| --- |\n", o->f);
	}
	for (size_t i = 0; i < n; i++) {
		const cJSON *v = wf_json_path(rec, o->cols[i]);

		if (o->fmt == WF_FMT_TABLE || o->fmt == WF_FMT_MD) {
			char *t = human_text(o->cols[i], v);

			row[i] = t && o->fmt == WF_FMT_TABLE ? escaped(t) : t;
			if (row[i] != t)
				free(t);
		} else {
			row[i] = o->fmt == WF_FMT_CSV ? csv_text(v) : cell_text(v);
		}
		if (!row[i])
			rc = wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	}
	if (rc == 0 && o->fmt != WF_FMT_TABLE)
		put_row(o, row);
	for (size_t i = 0; i < n; i++) {
		if (o->fmt == WF_FMT_TABLE && rc == 0 && hold_cell(o, row[i]) < 0)
			rc = wf_err_set(e, WF_EX_IOERR, "cannot hold the table: %s",
			                strerror(errno));
		free(row[i]);
	}
	return rc;
}

/* The next held cell into *buf (grown as needed). Returns 0 or -1. */
static int next_cell(FILE *f, char **buf, size_t *cap)
{
	size_t n = 0;
	int c;

	while ((c = getc(f)) != EOF) {
		if (n + 1 >= *cap) {
			size_t grown = *cap ? *cap * 2 : 256;
			char *b = realloc(*buf, grown);

			if (!b)
				return -1;
			*buf = b;
			*cap = grown;
		}
		if (!((*buf)[n++] = (char)c))
			return 0;
	}
	return -1;
}

/* Align the held cells under upper-case headers, two spaces apart. */
static int write_table(struct wf_out *o, struct wf_err *e)
{
	size_t n = o->ncols, cap = 0;
	char *cell = NULL;
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		const char *head = wf_column_label(o->cols[i]);

		if (width(head) > o->w[i])
			o->w[i] = width(head);
		for (const char *c = head; *c; c++)
			putc(*c >= 'a' && *c <= 'z' ? *c - 32 : *c, o->f);
		if (i + 1 < n)
			fprintf(o->f, "%*s", (int)(o->w[i] - width(head) + 2), "");
	}
	putc('\n', o->f);
	rewind(o->spool);
	for (size_t i = 0; !rc && i < o->ncells; i++) {
		if (next_cell(o->spool, &cell, &cap) < 0) {
			rc = wf_err_set(e, WF_EX_IOERR, "cannot read the table back");
			break;
		}
		fputs(cell, o->f);
		if (i % n + 1 < n)
			fprintf(o->f, "%*s", (int)(o->w[i % n] - width(cell) + 2), "");
		else
			putc('\n', o->f);
	}
	free(cell);
	return rc;
}

int wf_out_record(struct wf_out *o, const cJSON *rec, struct wf_err *e)
{
	cJSON *picked = NULL;
	int rc = 0;

	if (o->picked && (o->fmt == WF_FMT_YAML || o->fmt == WF_FMT_JSON)) {
		picked = cJSON_CreateObject();
		for (size_t i = 0; picked && i < o->ncols; i++)
			pick(picked, rec, o->cols[i]);
		rec = picked;
	}
	if (!rec)
		return wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
	if (o->fmt == WF_FMT_YAML) {
		rc = write_yaml(o, rec, e);
	} else if (o->fmt == WF_FMT_JSON) {
		char *s = cJSON_PrintUnformatted(rec);

		if (!s)
			rc = wf_err_set(e, WF_EX_SOFTWARE, "out of memory");
		else
			fprintf(o->f, "%s\n", s);
		free(s);
	} else if (o->fmt == WF_FMT_HTML) {
		rc = write_html_row(o, rec, e);
	} else {
		rc = write_row(o, rec, e);
	}
	cJSON_Delete(picked);
	if (rc == 0 && ferror(o->f))
		rc = wf_err_set(e, WF_EX_IOERR, "cannot write output");
	if (rc == 0)
		o->count++;
	return rc;
}

FILE *wf_out_file(struct wf_out *o)
{
	return o->f;
}

int wf_out_close(struct wf_out *o, struct wf_err *e)
{
	int rc = 0;
	yaml_event_t ev;

	if (!o)
		return 0;
	if (o->fmt == WF_FMT_TABLE && o->count > 0)
		rc = write_table(o, e);
	if (o->fmt == WF_FMT_HTML && o->count > 0) {
		fputs("</table>\n", o->f);
		wf_html_end(o->f);
	}
	if (o->em_open) {
		yaml_stream_end_event_initialize(&ev);
		if (!yaml_emitter_emit(&o->em, &ev))
			rc = yaml_fail(o, e);
		yaml_emitter_delete(&o->em);
	}
	if (o->spool)
		fclose(o->spool);
	for (size_t i = 0; i < o->ncols; i++)
		free(o->cols[i]);
	free(o->cols);
	if (rc == 0 && ferror(o->f))
		rc = wf_err_set(e, WF_EX_IOERR, "cannot write output");
	free(o);
	return rc;
}
