/*
 * html.c - the frame of an HTML document: one self-contained file, with
 * its style inline (no script, nothing fetched), readable on a screen and
 * printable on A4: the service's name and the date atop each page, page
 * numbers at the foot, a page break before each section. Every text from
 * the store goes through wf_html_text, which escapes it.
 */
#include <stdlib.h>
#include <string.h>

#include "wf.h"

void wf_html_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* control characters are never written raw */
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				fprintf(f, "&#xFFFD;");
			else
				putc(*s, f);
		}
	}
}

/* Text inside a CSS string ("..."): quotes, backslashes and control
 * characters as CSS escapes, and '<' too, so that it cannot end the
 * style element. */
static void css_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\' || c == '<' || c < 0x20 || c == 0x7f)
			fprintf(f, "\\%x ", c);
		else
			putc(c, f);
	}
}

static const char style[] =
	"body{font:10.5pt/1.45 \"DejaVu Sans\",\"Liberation Sans\",Arial,"
	"sans-serif;color:#1d1d1d;max-width:62em;margin:1.5em auto;"
	"padding:0 1em}"
	"header.page{display:flex;justify-content:space-between;"
	"border-bottom:1px solid #8a8a8a;color:#444;font-size:9pt;"
	"padding-bottom:.3em}"
	"h1{font-size:17pt;margin:.8em 0 .4em}"
	"h2{font-size:13pt;margin:1.4em 0 .4em;border-bottom:1px solid #ccc}"
	"ul.facts{list-style:none;padding:0}ul.facts li{margin:.15em 0}"
	"table{border-collapse:collapse;margin:.4em 0 1em;font-size:9.5pt}"
	"th,td{border:1px solid #b5b5b5;padding:.15em .5em;text-align:left;"
	"vertical-align:top}th{background:#eef1f5}td.n{text-align:right}"
	"figure.chart{margin:.6em 0 1.2em;display:flex;flex-wrap:wrap;"
	"gap:1.2em;align-items:flex-start}"
	"figure.chart figcaption{flex-basis:100%;font-size:9pt;color:#444}"
	"svg text{font-size:10px;fill:#1d1d1d}"
	"svg .bar{fill:#31689e}svg .s1{fill:#d08a2e;stroke:#d08a2e}"
	"svg .s2{fill:#5b9a52;stroke:#5b9a52}svg .s3{fill:#8d6cab}"
	"svg .bar.suppressed{fill:none;stroke:#31689e;stroke-dasharray:3 2}"
	"svg .line{fill:none;stroke-width:2}svg .s0{stroke:#31689e;"
	"fill:#31689e}svg .axis{stroke:#888}"
	"svg rect.s0,svg circle.s0{fill:#31689e}"
	"@page{size:A4;margin:18mm 14mm 18mm}"
	"@media print{body{max-width:none;margin:0;padding:0}"
	"header.page{display:none}section{break-before:page}"
	"section.first{break-before:auto}h1.part{break-before:page}"
	"figure,table,tr{break-inside:avoid}"
	"h2{break-after:avoid}}";

void wf_html_begin(FILE *f, const char *title, const char *service,
                   const char *date)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	        "<meta charset=\"utf-8\">\n<title>", wf_lang());
	wf_html_text(f, title);
	fprintf(f, "</title>\n<meta name=\"generator\" content=\"workflow %s\">\n"
	        "<style>%s", wf_version, style);
	/* the header and the page numbers of the printed pages */
	fputs("@page{@top-left{content:\"", f);
	css_text(f, service);
	fputs("\";font-size:8.5pt;color:#444}@top-right{content:\"", f);
	css_text(f, date);
	fprintf(f, "\";font-size:8.5pt;color:#444}@bottom-center{content:"
	        "counter(page) \" / \" counter(pages);font-size:8.5pt}}"
	        "</style>\n</head>\n<body>\n<header class=\"page\"><span>");
	wf_html_text(f, service);
	fputs("</span><span>", f);
	wf_html_text(f, date);
	fputs("</span></header>\n<main>\n<h1>", f);
	wf_html_text(f, title);
	fputs("</h1>\n", f);
}

void wf_html_end(FILE *f)
{
	fputs("</main>\n</body>\n</html>\n", f);
}

void wf_html_section(FILE *f, const char *title, int first)
{
	fprintf(f, "<section%s>\n<h2>", first ? " class=\"first\"" : "");
	wf_html_text(f, title);
	fputs("</h2>\n", f);
}

void wf_html_section_end(FILE *f)
{
	fputs("</section>\n", f);
}

void wf_html_cell(FILE *f, const char *text, int number, int head)
{
	fprintf(f, "<%s%s>", head ? "th" : "td", number ? " class=\"n\"" : "");
	wf_html_text(f, text);
	fprintf(f, "</%s>", head ? "th" : "td");
}

const char *wf_html_service(const char *programme_name)
{
	const char *s = getenv("WF_SERVICE");

	if (s && *s)
		return s;
	return programme_name && *programme_name ? programme_name : "workflow";
}
