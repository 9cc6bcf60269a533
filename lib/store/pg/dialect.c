/*
 * dialect.c - the library's SQL, as PostgreSQL reads it. The statements
 * are written once, in the SQL both engines share; what SQLite says its
 * own way is said again here, a token at a time, so that a statement
 * means the same on either engine: parameters, where NULLs sort, value
 * comparison with IS, the types of a table's columns, the store's
 * settings (PRAGMA), and the audit's guard triggers. The functions of
 * SQLite's the statements call are given to the database (compat.c).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pg.h"

struct buf {
	char *s;
	size_t n, cap;
	int oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *t = realloc(b->s, cap);

		if (!t) {
			b->oom = 1;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Append fmt as printf makes it. */
static void putf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(struct buf *b, const char *fmt, ...)
{
	char small[256], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if ((size_t)n >= sizeof small) {
		if (!(big = malloc((size_t)n + 1))) {
			b->oom = 1;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	put(b, big ? big : small, (size_t)n);
	free(big);
}

/* The text made, or NULL (freed) when memory ran out. */
static char *done(struct buf *b)
{
	if (b->oom || !b->s) {
		free(b->s);
		return NULL;
	}
	return b->s;
}

static int is_word(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The length of the word at p (0 if none). */
static size_t word_len(const char *p)
{
	size_t n = 0;

	if (!isalpha((unsigned char)*p) && *p != '_')
		return 0;
	while (is_word(p[n]))
		n++;
	return n;
}

static int word_eq(const char *p, size_t n, const char *w)
{
	return strlen(w) == n && !strncasecmp(p, w, n);
}

/* The word after the blanks after p (and its length in *n). */
static const char *next_word(const char *p, size_t *n)
{
	while (isspace((unsigned char)*p))
		p++;
	*n = word_len(p);
	return p;
}

/* The end of the quoted text at p ('...' with '' inside, or "..."). */
static const char *quoted_end(const char *p)
{
	char q = *p++;

	for (; *p; p++)
		if (*p == q && p[1] != q)
			return p + 1;
		else if (*p == q)
			p++;
	return p;
}

/* Whether s begins with the words of w (blanks between them, any case). */
static const char *starts(const char *s, const char *w)
{
	while (*w) {
		size_t n, m = strcspn(w, " ");
		const char *p = next_word(s, &n);

		if (n != m || strncasecmp(p, w, n))
			return NULL;
		s = p + n;
		w += m;
		while (*w == ' ')
			w++;
	}
	return s;
}

char *wf_pg_next(const char **pp, int *oom)
{
	const char *p = *pp, *start, *end = NULL;
	int trigger;
	char *out;

	*oom = 0;
	while (isspace((unsigned char)*p) || *p == ';')
		p++;
	if (!*p) {
		*pp = p;
		return NULL;
	}
	start = p;
	trigger = starts(p, "CREATE TRIGGER") != NULL;
	while (*p && !end) {
		size_t n = word_len(p);

		if (*p == '\'' || *p == '"')
			p = quoted_end(p);
		else if (n && trigger && word_eq(p, n, "END"))
			end = p += n;
		else if (n)
			p += n;
		else if (*p == ';' && !trigger)
			end = p;
		else
			p++;
	}
	if (!end)
		end = p;
	if (!(out = malloc(end - start + 1))) {
		*oom = 1;
		return NULL;
	}
	memcpy(out, start, end - start);
	out[end - start] = '\0';
	*pp = *end == ';' ? end + 1 : end;
	return out;
}

/* ---- a statement, token by token ---------------------------------------- */

/* Where an ORDER BY stands: each open one's parenthesis depth, and
 * whether its current term said DESC. */
struct order {
	int depth[16];
	int desc[16];
	size_t start[16];     /* where the current term begins in the text */
	int n;
};

/* Whether the term s (n long) is a record's id, a bare or qualified
 * column named id, ASC or DESC: a primary key, never NULL. */
static int is_id(const char *s, size_t n)
{
	size_t w;

	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	for (w = n; w && is_word(s[w - 1]); w--)
		;
	if (word_eq(s + w, n - w, "DESC") || word_eq(s + w, n - w, "ASC"))
		for (n = w; n && isspace((unsigned char)s[n - 1]); n--)
			;
	while (*s && isspace((unsigned char)*s) && n)
		s++, n--;
	if (n >= 3 && !strncmp(s + n - 3, ".id", 3))
		return word_len(s) == n - 3;
	return word_eq(s, n, "id");
}

/* The end of a term: NULLs where SQLite sorts them (first going up,
 * last going down), but after an id, which is never NULL and whose
 * primary key index keeps PostgreSQL's own order: asked for NULLs
 * first, the planner could not read it in order (a sort of the whole
 * table, where the audit's last entry is looked up for every new one). */
static void end_term(struct buf *b, struct order *o)
{
	int k = o->n - 1;

	if (!is_id(b->s + o->start[k], b->n - o->start[k])) {
		while (b->s && b->n > o->start[k] && b->s[b->n - 1] == ' ')
			b->n--;
		puts_(b, o->desc[k] ? " NULLS LAST" : " NULLS FIRST");
	}
	o->desc[k] = 0;
	o->start[k] = b->n + 1;      /* past the comma that follows */
}

static int in_order(const struct order *o, int depth)
{
	return o->n && o->depth[o->n - 1] == depth;
}

struct tr {
	struct buf b;
	struct order o;
	int depth;
	struct wf_pg_params p;
	unsigned long long seen;  /* the parameters met so far */
	int ddl, temp;        /* a table's definition, a temporary one */
	int index;            /* an index's definition (2: in its columns) */
	int row_ids;          /* numbered by wf_row_id() */
	int from;             /* the last word was FROM or JOIN */
	unsigned long long sub;   /* depths whose ( began a FROM's query */
	int nsub;                 /* the aliases given */
	int after_id;         /* the last word was id */
	char table[64];       /* its name */
};

/* Terms in order begin here, at this depth (ORDER BY's, an index's). */
static void open_order(struct tr *t)
{
	if (t->o.n < 16) {
		t->o.depth[t->o.n] = t->depth;
		t->o.start[t->o.n] = t->b.n;
		t->o.desc[t->o.n++] = 0;
	}
}

/* The word at p (n long): said again, and how much was read. */
static size_t word(struct tr *t, const char *p, size_t n)
{
	size_t m, k;
	const char *q = next_word(p + n, &m);

	if (word_eq(p, n, "ORDER") && word_eq(q, m, "BY") && !t->ddl) {
		puts_(&t->b, "ORDER BY");
		open_order(t);
		return q + m - p;
	}
	if (in_order(&t->o, t->depth) &&
	    (word_eq(p, n, "LIMIT") || word_eq(p, n, "OFFSET") ||
	     word_eq(p, n, "UNION") || word_eq(p, n, "EXCEPT") ||
	     word_eq(p, n, "INTERSECT"))) {
		end_term(&t->b, &t->o);
		t->o.n--;
		puts_(&t->b, " ");
	}
	if (in_order(&t->o, t->depth))
		t->o.desc[t->o.n - 1] = word_eq(p, n, "DESC");
	if (word_eq(p, n, "CROSS") && word_eq(q, m, "JOIN")) {
		puts_(&t->b, "JOIN");
		t->p.loop = 1;
		return q + m - p;
	}
	if (word_eq(p, n, "IS")) {
		if (word_eq(q, m, "NOT")) {
			const char *r = next_word(q + m, &k);

			if (word_eq(r, k, "NULL") || word_eq(r, k, "DISTINCT"))
				put(&t->b, p, n);
			else {
				puts_(&t->b, "IS DISTINCT FROM");
				return q + m - p;
			}
		} else if (word_eq(q, m, "NULL") || word_eq(q, m, "DISTINCT") ||
		           word_eq(q, m, "TRUE") || word_eq(q, m, "FALSE"))
			put(&t->b, p, n);
		else
			puts_(&t->b, "IS NOT DISTINCT FROM");
		return n;
	}
	if (word_eq(p, n, "json_object") && *q == '(') {
		puts_(&t->b, "json_build_object");
		return n;
	}
	if (t->ddl && word_eq(p, n, "INTEGER") && word_eq(q, m, "PRIMARY")) {
		const char *r = next_word(q + m, &k);

		if (!word_eq(r, k, "KEY")) {
			puts_(&t->b, "BIGINT");
			return n;
		}
		if (t->temp)
			puts_(&t->b, "BIGINT GENERATED BY DEFAULT AS IDENTITY"
			      " PRIMARY KEY");
		else {
			puts_(&t->b, "BIGINT PRIMARY KEY");
			t->row_ids |= t->after_id;
		}
		return r + k - p;
	}
	if (t->ddl && word_eq(p, n, "WITHOUT") && word_eq(q, m, "ROWID"))
		return q + m - p;     /* every table is one in PostgreSQL */
	if (t->ddl && word_eq(p, n, "INTEGER"))
		puts_(&t->b, "BIGINT");
	else if (t->ddl && word_eq(p, n, "REAL"))
		puts_(&t->b, "DOUBLE PRECISION");
	else if (t->ddl && word_eq(p, n, "TEXT"))
		puts_(&t->b, "TEXT COLLATE \"C\"");
	else
		put(&t->b, p, n);
	return n;
}

/* An index's columns, ordered as ORDER BY's terms are: NULLs where
 * SQLite puts them, so that the planner reads the index in the order a
 * statement asks for (forwards, or backwards for DESC) instead of
 * sorting what it found. */
static void index_columns(struct tr *t)
{
	t->index = 2;
	open_order(t);
}

/* A table's definition: which, and its name. */
static void ddl_of(struct tr *t, const char *sql)
{
	const char *p, *q;
	size_t n;

	if (starts(sql, "CREATE INDEX") || starts(sql, "CREATE UNIQUE INDEX")) {
		t->index = 1;
		return;
	}
	if ((p = starts(sql, "CREATE TEMP TABLE")))
		t->temp = 1;
	else if (!(p = starts(sql, "CREATE TABLE")) &&
	         !(p = starts(sql, "ALTER TABLE")))
		return;
	t->ddl = 1;
	if ((q = starts(p, "IF NOT EXISTS")))
		p = q;
	p = next_word(p, &n);
	snprintf(t->table, sizeof t->table, "%.*s", (int)n, p);
}

/* Whether a + about to be written is a sign (nothing to add to before
 * it), not an addition. */
static int unary(const struct buf *b)
{
	size_t i = b->n;

	while (i && isspace((unsigned char)b->s[i - 1]))
		i--;
	if (!i)
		return 1;
	if (is_word(b->s[i - 1])) {
		static const char *const ops[] = {
			"AND", "OR", "NOT", "WHERE", "ON", "WHEN", "THEN", "ELSE",
			"SELECT", NULL
		};
		size_t j = i;

		while (j && is_word(b->s[j - 1]))
			j--;
		for (int k = 0; ops[k]; k++)
			if (word_eq(b->s + j, i - j, ops[k]))
				return 1;
		return 0;
	}
	return !strchr(")'\"", b->s[i - 1]);
}

/* Whether what follows a FROM's query names it (AS, or a name that is
 * no keyword). */
static int aliased(const char *p)
{
	static const char *const after[] = {
		"WHERE", "GROUP", "ORDER", "LIMIT", "UNION", "JOIN", "LEFT",
		"CROSS", "INNER", "ON", "HAVING", "EXCEPT", "INTERSECT", NULL
	};
	size_t n;
	const char *w = next_word(p, &n);

	if (!n)
		return 0;
	for (int i = 0; after[i]; i++)
		if (word_eq(w, n, after[i]))
			return 0;
	return 1;
}

/* Parameter k, met at p (just past it): counted, and marked untyped
 * when it stands before IS [NOT] NULL, where the server cannot tell its
 * type unless something before told it. */
static void param(struct tr *t, int k, const char *p)
{
	unsigned long long bit = k <= 64 ? 1ULL << (k - 1) : 0;
	size_t n, m;
	const char *w = next_word(p, &n), *x;

	if (k > t->p.n)
		t->p.n = k;
	t->seen |= bit;
	if (!bit || !word_eq(w, n, "IS"))
		return;
	x = next_word(w + n, &m);
	if (word_eq(x, m, "NOT"))
		x = next_word(x + m, &m);
	if (word_eq(x, m, "NULL"))
		t->p.untyped |= bit;
}

static char *tokens(const char *sql, struct wf_pg_params *params)
{
	struct tr t = { 0 };
	const char *p = sql;

	ddl_of(&t, sql);
	while (*p) {
		size_t n = word_len(p);

		if (n) {
			int id = word_eq(p, n, "id");

			t.from = word_eq(p, n, "FROM") || word_eq(p, n, "JOIN");
			p += word(&t, p, n);
			t.after_id = id;
			continue;
		} else if (*p == '\'' || *p == '"') {
			const char *e = quoted_end(p);

			put(&t.b, p, e - p);
			p = e;
		} else if (*p == '?') {
			char num[16];
			int k = 0;

			for (p++; isdigit((unsigned char)*p); p++)
				k = k * 10 + (*p - '0');
			if (!k)
				k = t.p.n + 1;
			param(&t, k, p);
			snprintf(num, sizeof num, "$%d", k);
			puts_(&t.b, num);
		} else if (*p == '+' && unary(&t.b) && word_len(p + 1)) {
			p++;      /* SQLite's +col, which keeps an index unused */
		} else {
			if (*p == '(' && t.from && t.depth < 64)
				t.sub |= 1ULL << (t.depth + 1);
			if (*p == ')' && t.depth < 64 && (t.sub >> t.depth & 1)) {
				t.sub &= ~(1ULL << t.depth);
				if (!aliased(p + 1)) {
					char as[24];

					snprintf(as, sizeof as, ") AS wf_q%d", ++t.nsub);
					if (in_order(&t.o, t.depth))
						end_term(&t.b, &t.o), t.o.n--;
					t.depth--;
					puts_(&t.b, as);
					p++;
					continue;
				}
			}
			if (*p == ')' && in_order(&t.o, t.depth)) {
				end_term(&t.b, &t.o);
				t.o.n--;
			} else if (*p == ',' && in_order(&t.o, t.depth))
				end_term(&t.b, &t.o);
			if (*p == '(')
				t.depth++;
			else if (*p == ')')
				t.depth--;
			put(&t.b, p++, 1);
			if (p[-1] == '(' && t.index == 1)
				index_columns(&t);
		}
	}
	while (t.o.n)
		end_term(&t.b, &t.o), t.o.n--;
	if (t.row_ids)
		putf(&t.b, ";\nCREATE TRIGGER wf_id_%s BEFORE INSERT ON %s"
		     " FOR EACH ROW EXECUTE FUNCTION wf_row_id()", t.table, t.table);
	if (params) {
		*params = t.p;
		/* a number no statement uses has no type to be given either */
		if (t.p.n < 64)
			params->untyped |= ~t.seen & ((1ULL << t.p.n) - 1);
	}
	return done(&t.b);
}

/* ---- whole statements SQLite says its own way ---------------------------- */

/* PRAGMA name [= value]: the store's own settings, in wf_meta. */
static char *pragma(const char *p)
{
	struct buf b = { 0 };
	size_t n;
	const char *name = next_word(p, &n), *v = name + n;

	puts_(&b, "SELECT wf_pragma('");
	put(&b, name, n);
	puts_(&b, "'");
	while (isspace((unsigned char)*v))
		v++;
	if (*v == '=') {
		puts_(&b, ", ");
		for (v++; isspace((unsigned char)*v); v++)
			;
		put(&b, v, strspn(v, "-0123456789"));
	}
	puts_(&b, ")");
	return done(&b);
}

/* Text as a SQL string literal. */
static void literal(struct buf *b, const char *s, size_t n)
{
	puts_(b, "'");
	for (size_t i = 0; i < n; i++) {
		put(b, s + i, 1);
		if (s[i] == '\'')
			put(b, "'", 1);
	}
	puts_(b, "'");
}

/* Find the word w after p, outside quotes (NULL if none). */
static const char *find_word(const char *p, const char *w)
{
	while (*p) {
		size_t n = word_len(p);

		if (*p == '\'' || *p == '"')
			p = quoted_end(p);
		else if (n && word_eq(p, n, w))
			return p;
		else
			p += n ? n : 1;
	}
	return NULL;
}

/* CREATE TRIGGER name BEFORE op ON table [WHEN cond] BEGIN SELECT
 * RAISE(ABORT, 'msg'); END: the guards the audit has. A function that
 * raises when cond holds, its trigger, and the text as given kept in
 * wf_ddl with the function's source as made, for sqlite_master to show
 * only while neither was changed. */
static char *trigger(const char *sql, const char *p)
{
	struct buf b = { 0 };
	size_t nn, nw, no, nt;
	const char *name = next_word(p, &nn), *when = next_word(name + nn, &nw);
	const char *op = next_word(when + nw, &no), *on = next_word(op + no, &nt);
	const char *table = next_word(on + nt, &nt), *rest = table + nt;
	const char *cond = starts(rest, "WHEN"), *begin = find_word(rest, "BEGIN");
	const char *msg = begin ? strstr(begin, "RAISE(ABORT, '") : NULL;
	const char *msg_end = msg ? quoted_end(msg + 13) : NULL;
	char *c = NULL;

	if (!begin || !msg)
		return tokens(sql, NULL);   /* not a guard: PostgreSQL says why */
	if (cond) {
		char *raw = strndup(cond, begin - cond);

		c = raw ? tokens(raw, NULL) : NULL;
		free(raw);
		if (!c)
			return NULL;
	}
	putf(&b, "CREATE OR REPLACE FUNCTION wf_trg_%.*s() RETURNS trigger"
	     " LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT"
	     " AS $wf$BEGIN IF %s THEN RAISE EXCEPTION USING"
	     " ERRCODE = 'restrict_violation', MESSAGE = %.*s; END IF;"
	     " RETURN %s; END$wf$;\n", (int)nn, name, c ? c : "true",
	     (int)(msg_end - (msg + 13)), msg + 13,
	     word_eq(op, no, "DELETE") ? "OLD" : "NEW");
	putf(&b, "CREATE TRIGGER %.*s %.*s %.*s ON %.*s FOR EACH ROW EXECUTE"
	     " FUNCTION wf_trg_%.*s();\n", (int)nn, name, (int)nw, when,
	     (int)no, op, (int)nt, table, (int)nn, name);
	puts_(&b, "INSERT INTO wf_ddl (name, tbl, sql, body) VALUES (");
	literal(&b, name, nn);
	puts_(&b, ", ");
	literal(&b, table, nt);
	puts_(&b, ", ");
	literal(&b, sql, strlen(sql));
	putf(&b, ", (SELECT prosrc FROM pg_proc WHERE oid = 'wf_trg_%.*s'"
	     "::regproc)) ON CONFLICT (name) DO UPDATE SET tbl = excluded.tbl,"
	     " sql = excluded.sql, body = excluded.body", (int)nn, name);
	free(c);
	return done(&b);
}

char *wf_pg_translate(const char *sql, struct wf_pg_params *params)
{
	const char *p;
	size_t n;

	if (params)
		*params = (struct wf_pg_params){ 0, 0, 0 };
	if ((p = starts(sql, "PRAGMA")))
		return pragma(p);
	if ((p = starts(sql, "CREATE TRIGGER")))
		return trigger(sql, p);
	if ((p = starts(sql, "DROP TRIGGER"))) {
		struct buf b = { 0 };
		const char *name = next_word(p, &n);

		puts_(&b, "SELECT wf_drop_trigger(");
		literal(&b, name, n);
		puts_(&b, ")");
		return done(&b);
	}
	return tokens(sql, params);
}
