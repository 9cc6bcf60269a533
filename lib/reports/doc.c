/*
 * doc.c - a document for people, written as Markdown or as HTML through
 * the same calls: a title, facts (a label and its text), sections, tables
 * and paragraphs. The final report (casedoc.c) is written once, through
 * these, in both forms. Text is escaped for the form it goes into.
 */
#include <string.h>

#include "wf.h"

/* Markdown text in a table cell or a fact: pipes escaped, on one line. */
static void md_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			putc('\\', f);
		putc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
}

static void text(const struct wf_doc *d, const char *s)
{
	if (d->html)
		wf_html_text(d->f, s);
	else
		md_text(d->f, s);
}

void wf_doc_begin(struct wf_doc *d, const char *title, const char *service,
                  const char *date)
{
	d->sections = 0;
	d->facts = 0;
	if (d->html) {
		wf_html_begin(d->f, title, service, date);
		return;
	}
	fputs("# ", d->f);
	md_text(d->f, title);
	fputs("\n\n", d->f);
}

static void end_facts(struct wf_doc *d)
{
	d->para = 0;
	if (d->facts && d->html)
		fputs("</ul>\n", d->f);
	d->facts = 0;
}

void wf_doc_fact(struct wf_doc *d, const char *label, const char *value)
{
	if (!d->facts && d->html)
		fputs("<ul class=\"facts\">\n", d->f);
	else if (!d->facts && d->para)
		putc('\n', d->f);
	d->facts = 1;
	fputs(d->html ? "<li><strong>" : "- **", d->f);
	text(d, label);
	fputs(d->html ? "</strong>: " : "**: ", d->f);
	text(d, value);
	fputs(d->html ? "</li>\n" : "\n", d->f);
}

void wf_doc_section(struct wf_doc *d, const char *title)
{
	end_facts(d);
	if (d->html) {
		if (d->sections)
			wf_html_section_end(d->f);
		wf_html_section(d->f, title, d->sections == 0);
	} else {
		fputs("\n## ", d->f);
		md_text(d->f, title);
		fputs("\n\n", d->f);
	}
	d->sections++;
}

void wf_doc_para(struct wf_doc *d, const char *s)
{
	end_facts(d);
	fputs(d->html ? "<p>" : "", d->f);
	text(d, s);
	fputs(d->html ? "</p>\n" : "\n", d->f);
	d->para = 1;
}

/* A row of n cells (heads: th in HTML). */
static void row(struct wf_doc *d, const char *const *cells, int n, int head)
{
	fputs(d->html ? "<tr>" : "", d->f);
	for (int i = 0; i < n; i++) {
		if (d->html) {
			wf_html_cell(d->f, cells[i], 0, head);
		} else {
			fputs("| ", d->f);
			md_text(d->f, cells[i]);
			putc(' ', d->f);
		}
	}
	fputs(d->html ? "</tr>\n" : "|\n", d->f);
}

void wf_doc_table(struct wf_doc *d, const char *const *heads)
{
	int n = 0;

	end_facts(d);
	while (heads[n])
		n++;
	fputs(d->html ? "<table>\n" : "", d->f);
	row(d, heads, n, 1);
	for (int i = 0; !d->html && i < n; i++)
		fputs("| --- ", d->f);
	if (!d->html)
		fputs("|\n", d->f);
}

void wf_doc_row(struct wf_doc *d, const char *const *cells, int n)
{
	row(d, cells, n, 0);
}

void wf_doc_table_end(struct wf_doc *d)
{
	if (d->html)
		fputs("</table>\n", d->f);
}

void wf_doc_part(struct wf_doc *d, const char *title)
{
	end_facts(d);
	if (d->html) {
		if (d->sections)
			wf_html_section_end(d->f);
		fputs("<h1 class=\"part\">", d->f);
		wf_html_text(d->f, title);
		fputs("</h1>\n", d->f);
	} else {
		fputs("\n---\n\n# ", d->f);
		md_text(d->f, title);
		fputs("\n\n", d->f);
	}
	d->sections = 0;
}

int wf_doc_end(struct wf_doc *d)
{
	end_facts(d);
	if (d->html) {
		if (d->sections)
			wf_html_section_end(d->f);
		wf_html_end(d->f);
	}
	return ferror(d->f) ? WF_EX_IOERR : 0;
}
