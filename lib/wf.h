/*
 * wf.h - the one public header of libwf, the library behind every wf command.
 *
 * Map of the library: a folder a layer, lowest first, one job a file
 * (lib/README says which layer may call which; make check checks it).
 *
 * base/      err.c        error values, exit codes, message formatting
 *            i18n.c       the language of messages and human forms
 *            labels.c     the labels of enum values and dates
 *            date.c       ISO 8601 dates, ages, months, working days
 *            money.c      euros as integer cents
 *            taxcode.c    the codice fiscale; names folded, their letters
 *            country.c    ISO 3166 countries, the EU member states
 * records/   record.c     the in-memory record (cJSON tree, positions)
 *            yaml_in.c, json_in.c   YAML, JSON and JSON Lines -> records
 *            json_locate.c  where a field is in a JSON record's text
 *            reader.c     operands or stdin, formats, bare case ids
 *            validate.c   record schemas: types, enums, required fields
 *            out.c, html.c  records -> yaml, json, csv, tsv, table, md,
 *                         html; --fields; the HTML page
 * store/     store.h      the statement interface; dispatch.c its calls
 *                         handed to the engine a location names, the
 *                         statement cache; engine.h what an engine gives;
 *                         store.c what the modules build on the
 *                         interface; sql.c the statements several run
 *            sqlite/engine.c, sqlite/copy.c   SQLite behind it: opening,
 *                         pragmas, transactions, errors, statements; a
 *                         copy while others write, the integrity check
 * domain/    ctx.c        the context of a call, the record sink (wf_emit)
 *            schema.c     the tables and their forward migrations
 *            audit.c, auditchain.c, auditlog.c, auditverify.c   who did
 *                         or read what; the seal; the trail read, checked
 *            org.c, programme.c, target.c, reason.c   organisations,
 *                         programmes, target rules and their words
 *            orggrant.c, scope.c   the roles that act for each
 *                         organisation; what each sees of a shared store
 *            person.c, duplicate.c, operator.c   people, possible
 *                         duplicates, operators and case managers
 *            casefile.c, casestep.c, caserecord.c   cases: ids, the
 *                         state machine, the record, list and show
 *            refer.c, referamend.c   step 1: referrals
 *            assess.c, assessamend.c, assessrecord.c, plan.c   step 2
 *            place.c, placerules.c, placerecord.c, attend.c   step 3
 *            monitor.c, followup.c, duerule.c, duestore.c, due.c   step 4
 *                         and what is due
 *            caseclose.c, closeamend.c, softexit.c   the case as a whole
 *            amend.c, void.c   corrections; records entered by mistake
 *            consent.c, erase.c, personexport.c, storeio.c, backup.c
 *                         consents, erasure, a person's data, the whole
 *                         store as records, backup and restore
 * reports/   reportperiod.c, reportindicators.c, reportviews.c,
 *            reportform.c, reporthtml.c   a period's figures, the ESF+
 *                         indicators, the short views, their HTML
 *            quality.c    data quality
 *            reportcase.c, casedoc.c   the final report of a path
 *            doc.c, chart.c   documents for people, SVG charts
 * cli/       cli.c        option tables: parsing, --help, completion
 *            run.c        a context from a command line; the record
 *                         loop: one transaction, --keep-going, --dry-run
 *
 * Internal headers: store/store.h (the statement interface), store/sql.h
 * (what statements share), domain/casefile.h (cases and people, for the
 * steps), domain/duecase.h (what is due), domain/auditchain.h (the
 * audit's seal), store/sqlite/sqlite.h (the engine's own).
 *
 * Rules: nothing in the library exits, and the domain modules never
 * print; they return a status (0 or a WF_EX_* code) and fill a struct
 * wf_err. Records go out through the context's sink (wf_emit, to out.c)
 * on the stream its caller chose; --help, usage and diagnostics are the
 * command-line layer's (cli/), on the streams cmd/'s main hands
 * wf_cli_main.
 */
#ifndef WF_H
#define WF_H

#include <stddef.h>
#include <stdio.h>
#include <libintl.h>
#include <cjson/cJSON.h>

/* The version of this build (tools/version.sh, compiled in by make). */
extern const char wf_version[];

/* Exit codes: sysexits.h values, defined once here (design, section 4). */
enum {
	WF_EX_OK = 0,
	WF_EX_NOMATCH = 1,      /* nothing matched, not found (as grep) */
	WF_EX_USAGE = 64,
	WF_EX_DATAERR = 65,     /* bad data or a refused transition */
	WF_EX_NOINPUT = 66,
	WF_EX_UNAVAILABLE = 69, /* store unavailable */
	WF_EX_SOFTWARE = 70,
	WF_EX_CANTCREAT = 73,
	WF_EX_IOERR = 74,
	WF_EX_TEMPFAIL = 75,    /* store busy past the timeout */
	WF_EX_NOPERM = 77,
	WF_EX_CONFIG = 78
};

/* ---- i18n.c ----------------------------------------------------------- */

/* Every string a person reads goes through gettext: _() where it is
 * used, N_() where it is only defined (an option's help in a table) and
 * translated where it is shown. Keys and values of records never are. */
struct wf_err;
#define WF_DOMAIN "workflow"
#define _(s) gettext(s)
#define N_(s) (s)
/* A label in a context (the field an enum value belongs to): the same
 * English word may need two Italian ones. NC_() marks one in a table. */
#define C_(ctx, s) wf_pgettext(ctx, s)
#define NC_(ctx, s) (s)
const char *wf_pgettext(const char *ctx, const char *id)
	__attribute__((format_arg(2)));

/* Pick the language from WF_LANG (en, it) or the locale, and bind the
 * catalogue. Call once, first. Returns 0, or WF_EX_CONFIG for a WF_LANG
 * this build has no catalogue for. */
int wf_i18n_init(struct wf_err *e);
/* The language in use: "en" or "it". */
const char *wf_lang(void);
/* The folder of the running program (build/rel/bin, PREFIX/bin) into
 * buf: where its siblings and, one up, its share/ are. 0, or -1. */
int wf_self_dir(char *buf, size_t len);

/* ---- labels.c --------------------------------------------------------- */

/* The label of value, an enum code of the record key field (NULL: of
 * any), in the reader's language; the value itself when it has none. */
const char *wf_label(const char *field, const char *value);
/* The header of a table's column at path (its last key), translated. */
const char *wf_column_label(const char *path);
/* An ISO date as people write it: 23/11/2026 in Italian, unchanged in
 * English and when it is not a date (cut to len). Returns 1 when it was
 * rewritten, else 0. */
int wf_date_human(const char *iso, char *buf, size_t len);

/* ---- err.c ------------------------------------------------------------ */

/* An error or warning as a value: where it is, which field, what. */
struct wf_err {
	int code;          /* WF_EX_* */
	char file[256];    /* input name, "" when not from a file */
	long line, col;    /* 1-based; 0 when unknown */
	char field[128];   /* dotted path of the field, "" when none */
	char msg[1024];    /* lower case, no full stop, subject quoted */
};

/* Clear e. */
void wf_err_clear(struct wf_err *e);
/* Set e's code and message (printf style); keeps position and field.
 * Returns code, so that 'return wf_err_set(e, ...)' reads naturally. */
int wf_err_set(struct wf_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* " (did you mean 'NEAR'?)" in the reader's language, into buf; "" when
 * near is NULL. Returns buf. */
const char *wf_err_near(const char *near, char *buf, size_t len);
/* Set the field path of e. */
void wf_err_field(struct wf_err *e, const char *field);
/* Format e as "FILE:LINE:COL: FIELD: MSG" (parts that are unknown left
 * out) into buf. */
void wf_err_format(const struct wf_err *e, char *buf, size_t len);
/* Print e to f as "prog: warning: message" or "prog: message". */
void wf_err_print(FILE *f, const char *prog, const struct wf_err *e,
                  int warning);

/* ---- date.c ----------------------------------------------------------- */

/* A calendar date as days since 1970-01-01 (may be negative). */
typedef long wf_day;

/* Parse an ISO 8601 calendar date YYYY-MM-DD that exists. Returns 0 and
 * sets *d, or -1. */
int wf_date_parse(const char *s, wf_day *d);
/* Format d as YYYY-MM-DD into buf (at least 11 bytes). */
void wf_date_format(wf_day d, char *buf);
/* Days from civil date; month 1-12. No range check. */
wf_day wf_date_from_ymd(int y, int m, int dd);
void wf_date_to_ymd(wf_day d, int *y, int *m, int *dd);
/* Today in local time, or $WF_TODAY (YYYY-MM-DD) when set: tests and
 * back-dated batch runs need a fixed "today". */
wf_day wf_date_today(void);
/* Whole years of age on day 'on' of someone born on 'birth'. */
int wf_date_age(wf_day birth, wf_day on);
/* The day n calendar months after d, the day of the month clamped to the
 * month's length (31 January + 1 month = 28 or 29 February). */
wf_day wf_date_add_months(wf_day d, int n);
/* Working days (Monday to Friday) from a to b, both included. */
int wf_workdays(wf_day a, wf_day b);
/* Parse YYYY-MM: the first and last day of the month. Returns 0 or -1. */
int wf_month_parse(const char *s, wf_day *first, wf_day *last);
/* Current UTC time as YYYY-MM-DDTHH:MM:SSZ into buf (21 bytes). */
void wf_timestamp(char *buf, size_t len);

/* ---- money.c ---------------------------------------------------------- */

/* An amount in euros (a number, or text with a dot for the cents) as
 * integer cents. Returns 0, or -1 with why (a phrase) set. */
int wf_money_parse(const cJSON *v, long long *cents, const char **why);
/* Cents as euros with two decimals: "650.00". */
void wf_money_format(long long cents, char *buf, size_t len);

/* ---- record.c --------------------------------------------------------- */

/* Where one field of a record stands in its input. */
struct wf_pos {
	const cJSON *item;
	long line, col;
};

/* One input record: a cJSON tree (object, or a string for a bare case id)
 * and the means to find any field's line and column for a message. */
struct wf_record {
	cJSON *root;
	const char *file;          /* as shown in messages */
	long line, col;            /* start of the record */
	struct wf_pos *pos;        /* YAML: positions recorded while parsing */
	size_t npos, cappos;
	const char *text;          /* JSON: the record's text, located lazily */
	size_t textlen;
};

/* Line and column of item (the key of a member, or an element) in rec;
 * the record's start when unknown. */
void wf_record_where(const struct wf_record *rec, const cJSON *item,
                     long *line, long *col);
/* Fill e's position from item of rec and its field path; returns code. */
int wf_record_err(const struct wf_record *rec, const cJSON *item,
                  const char *field, struct wf_err *e, int code,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Place an error already set (by a lookup that knew no record) at item
 * of rec and its field path; returns e->code. */
int wf_record_at(const struct wf_record *rec, const cJSON *item,
                 const char *field, struct wf_err *e);
/* Remember item's position (used by the YAML reader). Returns 0 or -1. */
int wf_record_addpos(struct wf_record *rec, const cJSON *item, long line,
                     long col);
/* Move (*line, *col) over the first n bytes of text; columns count
 * characters, not bytes. */
void wf_text_advance(const char *text, size_t n, long *line, long *col);
/* Free the tree and positions; the record can be reused. */
void wf_record_reset(struct wf_record *rec);
/* Free all a record holds, when it is no longer used. */
void wf_record_free(struct wf_record *rec);

/* Room for element n of the array *v (v: the address of the array
 * pointer) of *cap elements of size bytes, doubling it as needed. Returns
 * 0, or -1 out of memory (the array is left as it was): the one way the
 * library grows an array, and its callers then fail with "out of
 * memory" (WF_EX_SOFTWARE). */
int wf_grow(void *v, int *cap, int n, size_t size);
/* Whether d is a whole number a double holds exactly (|d| <= 2^53): only
 * then may it be cast to an integer, as a cast of 1e300 is undefined. */
int wf_whole(double d);
/* Append a message, translated, to the list (a broken rule). */
void wf_json_addf(cJSON *list, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Add n to the number obj[key], made 0 first when missing: a tally. */
void wf_json_count(cJSON *obj, const char *key, double n);
/* A list of strings from text separated by sep ("a,b" -> ["a", "b"]);
 * empty items are dropped. */
cJSON *wf_json_split(const char *text, char sep);
/* The string value of member name of obj, or NULL. */
const char *wf_json_str(const cJSON *obj, const char *name);
/* The value at a dotted path ("person.tax_code"), or NULL. */
const cJSON *wf_json_path(const cJSON *obj, const char *path);

/* ---- reader.c: records from operands or standard input ---------------- */

struct wf_reader;

/* Open a reader over the files named (argv, argc); none or "-" means
 * standard input. With ids set, operands are case ids, not files, and "-"
 * reads records from standard input. */
int wf_reader_open(struct wf_reader **r, char **argv, int argc, int ids,
                   struct wf_err *e);
/* A reader over an open stream f (taken over: closed with the reader),
 * named name in messages; its format is detected as for a file. */
int wf_reader_stream(struct wf_reader **r, FILE *f, const char *name,
                     struct wf_err *e);
/* A reader that yields one given record (taken over) and nothing else. */
int wf_reader_single(struct wf_reader **r, cJSON *root, struct wf_err *e);
/* Read the next record into rec (reset first). Returns 1 when a record was
 * read, 0 at the end, or -1 with e set. A bare scalar becomes a string
 * root (a case id). */
int wf_reader_next(struct wf_reader *r, struct wf_record *rec,
                   struct wf_err *e);
void wf_reader_close(struct wf_reader *r);

/* The most a record may hold, in either format (workflow(7), LIMITS):
 * far above any real record, so that a hostile input is refused at once
 * and memory stays bounded. An alias counts as the nodes it expands to. */
#define WF_MAX_NODES   100000      /* values in one record */
#define WF_MAX_DEPTH   32          /* mappings and lists inside each other */
#define WF_MAX_KEYS    1000        /* keys in one mapping */
#define WF_MAX_SCALAR  (1L << 20)  /* bytes in one scalar */
#define WF_MAX_RECORD  (4L << 20)  /* bytes of one JSON record's text */
/* What each reader says past them, in step with the figures above. */
#define WF_TOO_MANY_VALUES N_("the record holds more than 100000 values")
#define WF_TOO_DEEP        N_("nesting deeper than 32")
#define WF_TOO_MANY_KEYS   N_("a mapping with more than 1000 keys")
#define WF_TOO_LONG        N_("a value longer than 1 MiB")
#define WF_RECORD_TOO_LONG N_("a record longer than 4 MiB")

/* Lower-level sources, one per input (used by reader.c). */
struct wf_src;
/* prefix: bytes already read from f (to detect the format), replayed
 * first. */
struct wf_src *wf_yaml_open(FILE *f, const char *name, const char *prefix,
                            size_t plen);
int wf_yaml_next(struct wf_src *s, struct wf_record *rec, struct wf_err *e);
void wf_yaml_close(struct wf_src *s);
struct wf_src *wf_json_open(FILE *f, const char *name, const char *prefix,
                            size_t plen);
int wf_json_next(struct wf_src *s, struct wf_record *rec, struct wf_err *e);
void wf_json_close(struct wf_src *s);
/* Offset in text of item's key or element, for JSON records. Returns 0 and
 * sets *off, or -1 when not found. */
int wf_json_locate(const char *text, size_t len, const cJSON *root,
                   const cJSON *item, size_t *off);
/* YAML 1.2 core resolution of a plain scalar: 0 string, 1 null, 2 bool,
 * 3 number. Shared by the reader and the writer so round trips hold. */
int wf_yaml_resolve(const char *s, size_t len);

/* ---- out.c: records out ----------------------------------------------- */

enum wf_format { WF_FMT_YAML, WF_FMT_JSON, WF_FMT_CSV, WF_FMT_TSV,
                 WF_FMT_TABLE, WF_FMT_MD, WF_FMT_HTML };

struct wf_out;

extern const char *const wf_format_names[];  /* NULL-terminated */

/* Parse a format name. Returns 0 or -1. */
int wf_format_parse(const char *name, enum wf_format *f);
/* The format used when -o is not given: $WF_FORMAT, else YAML on a
 * terminal and JSON Lines elsewhere. Returns 0 or -1 (bad $WF_FORMAT). */
int wf_format_default(FILE *f, enum wf_format *fmt, struct wf_err *e);
/* Open an output on f. fields: comma-separated dotted paths or NULL;
 * deflt: the columns tabular formats use when fields is NULL. */
int wf_out_open(struct wf_out **o, FILE *f, enum wf_format fmt,
                const char *fields, const char *deflt, struct wf_err *e);
/* The stream an output writes to, for documents written whole (a
 * report in Markdown). */
FILE *wf_out_file(struct wf_out *o);
/* The title of an HTML page of records (the command that wrote it). */
void wf_out_title(struct wf_out *o, const char *title);
/* Write one record. Returns 0 or WF_EX_IOERR. */
int wf_out_record(struct wf_out *o, const cJSON *rec, struct wf_err *e);
/* Finish (tables are aligned and written here) and free. */
int wf_out_close(struct wf_out *o, struct wf_err *e);

/* ---- validate.c ------------------------------------------------------- */

enum wf_type {
	WF_T_STRING,   /* text; a plain YAML number is taken as its text */
	WF_T_DATE,     /* YYYY-MM-DD that exists */
	WF_T_INT,      /* integer in [min, max] */
	WF_T_BOOL,
	WF_T_ENUM,     /* one of enums */
	WF_T_ENUMS,    /* a list of enums (a single one is accepted) */
	WF_T_STRINGS,  /* a list of strings (a single one is accepted) */
	WF_T_INTS,     /* a list of whole numbers in [min, max] */
	WF_T_OBJECT,   /* a mapping checked against sub */
	WF_T_LIST,     /* a list of mappings checked against sub */
	WF_T_TAXCODE,  /* codice fiscale, normalised to upper case */
	WF_T_MONEY,    /* euros: 650, 650.5 or "650.50"; see money.c */
	WF_T_CODE,     /* a code: 1 to 64 of A-Z a-z 0-9 - _ ., from a letter
	                * or digit (programmes, organisations) */
	WF_T_COUNTRY,  /* an ISO 3166-1 alpha-2 code, normalised to upper case,
	                  or "stateless" or "declined" */
	WF_T_ANY       /* anything: checked by its owner */
};

#define WF_F_REQUIRED 1u  /* must be present */
#define WF_F_OUTPUT   2u  /* written by the commands; ignored on input */

struct wf_schema;

struct wf_field {
	const char *name;
	enum wf_type type;
	unsigned flags;
	const char *const *enums;       /* NULL-terminated, for enum types */
	const struct wf_schema *sub;    /* for OBJECT and LIST */
	long min, max;                  /* for INT (both 0: no range) */
};

struct wf_schema {
	const char *kind;               /* record kind, or NULL for nested */
	const struct wf_field *fields;  /* terminated by a NULL name */
};

/* Check obj (a member of rec at path, "" for the top) against s:
 * unknown fields (with the nearest name suggested), required fields, types,
 * enums, dates. Normalises in place (numbers to strings where text is
 * wanted, tax codes to upper case, single values to lists). Returns 0 or
 * WF_EX_DATAERR with e filled. */
int wf_validate(const struct wf_record *rec, cJSON *obj,
                const struct wf_schema *s, const char *path,
                struct wf_err *e);
/* The candidate nearest to word by edit distance, or NULL when none is
 * close enough to be a plausible typo. */
const char *wf_nearest(const char *word, const char *const *cands);
/* Whether s has the form of a code (WF_T_CODE). */
int wf_code_ok(const char *s);
/* Join a NULL-terminated list as "a, b, c" into buf. */
void wf_join(const char *const *list, char *buf, size_t len);

/* ---- taxcode.c -------------------------------------------------------- */

/* Check a codice fiscale (16 characters, upper case): format, omocodia
 * letters, a real birth date, the check character. On success fills the
 * birth year modulo 100, month, day and sex ('M' or 'F'). Returns 0 or -1
 * with why (a short phrase) set. */
struct wf_taxcode {
	int yy, month, day;
	char sex;
	char why[64];    /* a message that names a character: *why points here */
};
int wf_taxcode_check(const char *code, struct wf_taxcode *tc,
                     const char **why);
/* A person (a record's object) with a valid tax_code and no birth_date
 * gets the birth date the code gives: its two-digit year in the later
 * century that makes the person at least 15 on date (NULL: today).
 * wf_person_check_taxcode then adds the sex. */
void wf_person_fill(cJSON *person, const char *date);
/* The check character for the first 15 characters of code. */
char wf_taxcode_checkchar(const char *code);

/* Fold a name as the match key does (letters only, lower case, no
 * accents), so that a search can be compared with it. */
void wf_name_fold(const char *s, char *buf, size_t len);
/* The six letters a tax code opens with, from a person's names: three
 * of the surname (its consonants, then vowels, then X), three of the first
 * name (the 1st, 3rd and 4th consonants when it has four or more). Accents
 * are taken off and what is not a letter is left out. out: 7 bytes. */
void wf_taxcode_name_letters(const char *last, const char *first, char *out);

/* ---- country.c -------------------------------------------------------- */

/* A country of ISO 3166-1: its codes and its names in English and
 * Italian. */
struct wf_country {
	const char *alpha2, *alpha3, *en, *it;
};
/* The country of a two-letter code, in any case, or NULL. */
const struct wf_country *wf_country_find(const char *code);
/* The country a text names (a code of two or three letters, the English
 * or Italian name, in any case), or NULL. */
const struct wf_country *wf_country_match(const char *text);
/* Whether a two-letter code is a member state of the European Union. */
int wf_country_eu(const char *code);
/* The country's name in the reader's language. */
const char *wf_country_name(const struct wf_country *c);

/* ---- store.c ---------------------------------------------------------- */

struct wf_store;

#define WF_OPEN_CREATE 1u  /* create the store when missing */
#define WF_OPEN_READ   2u  /* only reads: a store the user may not write
                              is opened read-only */

/* The engine beneath the store: "sqlite". */
const char *wf_store_engine(const struct wf_store *st);
/* The path the store was opened at. */
const char *wf_store_file(const struct wf_store *st);
/* The store's path: --db, else $WF_DB, else
 * $XDG_DATA_HOME/workflow/workflow.db (~/.local/share/...). */
int wf_store_path(const char *opt, char *buf, size_t len, struct wf_err *e);
/* Open (and with WF_OPEN_CREATE create, 0600 in a 0700 folder) the store,
 * set WAL, the busy timeout and foreign keys: the engine's part, the
 * schema left as it is. */
int wf_store_open(struct wf_store **st, const char *path, unsigned flags,
                  struct wf_err *e);
/* wf_store_open(), then the pending migrations (domain/schema.c): a
 * store as this build reads it, which is what every caller wants. */
int wf_schema_open(struct wf_store **st, const char *path, unsigned flags,
                   struct wf_err *e);
/* Whether opening found the store open to other users and made it 0600
 * (its owner's commands do; the command warns). */
int wf_store_tightened(const struct wf_store *st);
/* Whether the store was opened read-only (WF_OPEN_READ). */
int wf_store_readonly(const struct wf_store *st);
/* A store read without locks (read-only, in a folder the user may not
 * write) must not have changed while it was read: 0, or WF_EX_TEMPFAIL. */
int wf_store_unchanged(const struct wf_store *st, struct wf_err *e);
void wf_store_close(struct wf_store *st);
/* A snapshot for a command that only reads, ended by wf_store_rollback:
 * every statement sees the store as the first one did, whatever is
 * committed meanwhile. */
int wf_store_snapshot(struct wf_store *st, struct wf_err *e);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK; savepoints for --keep-going. */
int wf_store_begin(struct wf_store *st, struct wf_err *e);
int wf_store_commit(struct wf_store *st, struct wf_err *e);
/* End a reading snapshot, if one is open: a commit, which writes nothing
 * but keeps what the reads noted in the connection's temporary store. */
int wf_store_end_read(struct wf_store *st, struct wf_err *e);
void wf_store_rollback(struct wf_store *st);
int wf_store_savepoint(struct wf_store *st, struct wf_err *e);
int wf_store_release(struct wf_store *st, struct wf_err *e);
void wf_store_rollback_to(struct wf_store *st);
/* The schema version of the store. */
int wf_store_version(struct wf_store *st);

/* ---- cli.c: command lines from tables ----------------------------------- */

/* What an option's value must be: the parser checks it, with one message
 * and exit 64 for every command, before the command runs. */
enum wf_opt_type {
	WF_OPT_TEXT,     /* any text */
	WF_OPT_DATE,     /* YYYY-MM-DD that exists */
	WF_OPT_MONTH,    /* YYYY-MM */
	WF_OPT_ENUM,     /* one of values */
	WF_OPT_ENUMS,    /* some of values, comma-separated */
	WF_OPT_NUMBER,   /* a whole number in min..max */
	WF_OPT_DAYS,     /* a number of days in min..max: "7" or "7d" */
	WF_OPT_CODE      /* a code or a case id: the form of WF_T_CODE */
};

struct wf_opt {
	const char *lng;              /* long name, without "--" */
	int shrt;                     /* short letter, or 0 */
	const char *arg;              /* name of its value; NULL for a flag */
	const char *help;
	const char *const *values;    /* its values (enums), also completed */
	enum wf_opt_type type;
	long min, max;                /* WF_OPT_NUMBER, WF_OPT_DAYS */
};

struct wf_cli;

/* A subcommand: its operands, a line of help, its option tables (a
 * NULL-terminated list, e.g. common options then its own), its handler. */
struct wf_cmd;
struct wf_sub {
	const char *name;
	const char *operands;
	const char *summary;
	const struct wf_opt *const *opts;
	/* Run it: returns an exit code, with e set when it is not 0. NULL
	 * for a command of its own (wf refer -> wf-refer). */
	int (*run)(struct wf_cli *cli, struct wf_err *e);
	const struct wf_cmd *group;   /* a group of subcommands instead */
	const char *tty_format;       /* default on a terminal, if not YAML;
	                                 "=FORMAT": the default everywhere */
};

#define WF_CLI_EXEC (-2)  /* wf_cli_parse: the subcommand is a program */

struct wf_cmd {
	const char *name;             /* "wf-refer" */
	const char *summary;
	const struct wf_sub *subs;    /* terminated by a NULL name */
};

/* A parsed command line. */
struct wf_cli {
	const struct wf_cmd *cmd;
	const struct wf_sub *sub;
	struct {
		const struct wf_opt *opt;
		const char *val;      /* "" for a flag */
	} v[32];
	int nv;
	char **args;                  /* operands, in order */
	int nargs;
	FILE *err;                    /* where diagnostics go (stderr) */
};

extern const struct wf_opt wf_opts_common[]; /* -h --db -o --fields -q */
extern const struct wf_opt wf_opts_write[];  /* -n --keep-going */

/* Parse argv (argv[1] names the subcommand; a group takes the next word
 * too). Returns 0 to run cli->sub; -1 when help, the version or completion
 * words were written to out (exit 0); WF_CLI_EXEC when cli->sub is a
 * program of its own; or WF_EX_USAGE with e set. */
int wf_cli_parse(struct wf_cli *cli, const struct wf_cmd *cmd, int argc,
                 char **argv, FILE *out, struct wf_err *e);
/* The value of option lng ("" for a flag given), or NULL when absent. */
const char *wf_cli_opt(const struct wf_cli *cli, const char *lng);
/* Typed values, already checked by the parser: 1 and the value when the
 * option was given, 0 when not (the out-parameter is left alone). */
int wf_cli_date(const struct wf_cli *cli, const char *lng, wf_day *d);
int wf_cli_month(const struct wf_cli *cli, const char *lng, wf_day *first,
                 wf_day *last);
int wf_cli_number(const struct wf_cli *cli, const char *lng, long *n);
/* The usage line of cmd, or of one subcommand. */
void wf_cli_usage(FILE *f, const struct wf_cmd *cmd, const struct wf_sub *sub);
void wf_cli_free(struct wf_cli *cli);
/* The main of every command: parse, run, print the error if any to err
 * (usage errors with a pointer to --help), flush out and turn a write
 * error into WF_EX_IOERR. Returns the exit code. With WF_CLI_EXEC the
 * caller runs the program named by sub (see wf.c); *sub is set then. */
int wf_cli_main(const struct wf_cmd *cmd, int argc, char **argv, FILE *out,
                FILE *err, const struct wf_sub **sub);

/* ---- run.c: the context every command works in ------------------------- */

struct wf_ctx;
typedef void (*wf_diag_fn)(struct wf_ctx *ctx, const struct wf_err *e,
                           int warning);

/* Rows gathered to be written many at a time (store.h, wf_batch_add),
 * WF_BATCH_ROWS a statement. */
#define WF_BATCH_ROWS 512
struct wf_batch {
	cJSON *rows;             /* a JSON list, or NULL */
	int n;
};

/* What one invocation is: which command, its store, its output, and how
 * it treats bad records. wf_ctx_init() fills it from the command line. */
struct wf_ctx {
	const char *prog;        /* "wf-refer", for messages */
	char progbuf[32];
	char command[64];        /* "wf-refer add", for the audit */
	char operator_[128];     /* $WF_OPERATOR, else the login name */
	char login[64];          /* the login of the process, never declared */
	struct wf_store *st;
	struct wf_out *out;      /* NULL with -q: records are not printed */
	enum wf_format fmt;
	const char *fields;      /* --fields */
	int dry_run, keep_going, quiet;
	wf_diag_fn diag;         /* prints errors and warnings */
	long nbad;               /* records refused under --keep-going */
	long nomatch;            /* records a check found wanting */
	int readonly;            /* wf_run: no transaction, nothing written */
	const struct wf_cli *cli;     /* NULL for a caller of the library */
	FILE *err;                    /* where diagnostics go (NULL: stderr) */
	int log_reads;           /* wf_emit notes special-category reads */
	int reads;               /* some are waiting to be written */
	int read_table;          /* ... some of them in the temporary table */
	unsigned read_what;      /* what of them (WF_READ_*) */
	struct wf_batch read_batch;   /* reads noted, not yet in the store */
};

/* Fill ctx from a parsed command line: operator, flags, output format,
 * and the store, opened with flags (WF_OPEN_CREATE for commands that
 * write). */
int wf_ctx_init(struct wf_ctx *ctx, const struct wf_cli *cli, unsigned flags,
                struct wf_err *e);
/* The parts of the two: ctx emptied and named (prog in diagnostics,
 * command in the audit), the operator and login found, YAML out; then
 * the store db names opened, created with WF_OPEN_CREATE, and brought to
 * this build's schema. */
void wf_ctx_begin(struct wf_ctx *ctx, const char *prog, const char *command);
int wf_ctx_store(struct wf_ctx *ctx, const char *db, unsigned flags,
                 struct wf_err *e);
/* Fill ctx for a program that calls the library without a command
 * line: prog names it in diagnostics and the audit ("my-import"), db is
 * as --db takes it (NULL: WF_DB, else the default store), flags as for
 * wf_store_open(). Records are written once wf_ctx_output() is called;
 * YAML unless fmt is set before. Close with wf_ctx_finish(). */
int wf_ctx_open(struct wf_ctx *ctx, const char *prog, const char *db,
                unsigned flags, struct wf_err *e);
/* Open ctx's output straight on f, for commands that only read. deflt:
 * the columns of tabular formats. */
int wf_ctx_output(struct wf_ctx *ctx, FILE *f, const char *deflt,
                  struct wf_err *e);
/* Close the output and the store. Returns 0 or the first error. */
int wf_ctx_finish(struct wf_ctx *ctx, struct wf_err *e);
/* Emit a warning through ctx->diag, unless quiet. */
void wf_warn(struct wf_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Apply fn to every record of r in one transaction. Bad records abort and
 * roll back everything, or with keep_going are reported and skipped (a
 * savepoint each). Output written by fn is held back (in a temporary file,
 * not in memory) until the commit, so that nothing is printed for a
 * transaction that is rolled back. With dry_run the transaction is rolled
 * back at the end and the output printed. Returns 0, WF_EX_DATAERR when
 * any record was bad, or the first fatal code. */
typedef int (*wf_record_fn)(struct wf_ctx *ctx, const void *arg,
                            struct wf_record *rec, struct wf_err *e);
int wf_run(struct wf_ctx *ctx, struct wf_reader *r, wf_record_fn fn,
           const void *arg, FILE *out, const char *deflt, struct wf_err *e);
/* A writing subcommand from start to end: refuse a terminal on standard
 * input when there are no operands, open the store (creating it), read
 * records (or case ids, when ids is set) from the operands, and wf_run()
 * fn over them, handing it arg. */
int wf_cli_records(struct wf_cli *cli, wf_record_fn fn, int ids,
                   const void *arg, const char *deflt, struct wf_err *e);
/* The same for a subcommand that reads records and writes nothing: the
 * store must exist, no transaction is taken, and the result is
 * WF_EX_NOMATCH when fn found any record wanting (ctx->nomatch). Operands
 * from first on are the input files. */
int wf_cli_check(struct wf_cli *cli, wf_record_fn fn, int first,
                 const void *arg, const char *deflt, struct wf_err *e);
/* The same record, built from flags (tmpl), for each case id read: the
 * batch form ('wf-assess list | wf-place add --kind ... -'). fn is handed
 * arg. */
int wf_cli_template(struct wf_cli *cli, wf_record_fn fn, const cJSON *tmpl,
                    const void *arg, const char *deflt, struct wf_err *e);
/* The same for one record built from the command line's flags (taken
 * over and freed). */
int wf_cli_record(struct wf_cli *cli, wf_record_fn fn, cJSON *given,
                  const char *deflt, struct wf_err *e);
/* A reading subcommand: open the store (an existing one, unless flags say
 * WF_OPEN_CREATE) and the output on stdout, call fn, close. */
typedef int (*wf_query_fn)(struct wf_ctx *ctx, const void *arg,
                           struct wf_err *e);
int wf_cli_query(struct wf_cli *cli, wf_query_fn fn, const void *arg,
                 const char *deflt, unsigned flags, struct wf_err *e);
/* The same for a subcommand that reads and names records by their ids
 * (at least one, else WF_EX_USAGE): fn is called with the operands. */
struct wf_ids;
typedef int (*wf_ids_fn)(struct wf_ctx *ctx, const struct wf_ids *ids,
                         struct wf_err *e);
int wf_cli_show(struct wf_cli *cli, wf_ids_fn fn, const char *deflt,
                unsigned flags, struct wf_err *e);
/* The operands of a cli, as ids. */
void wf_cli_ids(const struct wf_cli *cli, struct wf_ids *ids);

/* Adapters for cmd/: a typed domain call as the command line's generic
 * wf_record_fn (WF_RECORD_ADAPTER: without options, _OPTS: with a
 * pointer to type) or wf_query_fn. The casts from const void * live
 * here, in the command-line layer, and nowhere in the domain. */
#define WF_RECORD_ADAPTER(name, fn)                                      \
	static int name(struct wf_ctx *ctx_, const void *arg_,               \
	                struct wf_record *rec_, struct wf_err *e_)           \
	{ (void)arg_; return fn(ctx_, rec_, e_); }
#define WF_RECORD_ADAPTER_OPTS(name, fn, type)                           \
	static int name(struct wf_ctx *ctx_, const void *arg_,               \
	                struct wf_record *rec_, struct wf_err *e_)           \
	{ return fn(ctx_, (type *)arg_, rec_, e_); }
#define WF_QUERY_ADAPTER(name, fn, type)                                 \
	static int name(struct wf_ctx *ctx_, const void *arg_,               \
	                struct wf_err *e_)                                   \
	{ return fn(ctx_, (type *)arg_, e_); }
#define WF_QUERY_ADAPTER0(name, fn)                                      \
	static int name(struct wf_ctx *ctx_, const void *arg_,               \
	                struct wf_err *e_)                                   \
	{ (void)arg_; return fn(ctx_, e_); }

/* Ids named on a command line or by a caller: case ids, placement or
 * contact numbers, people, organisation or programme codes. */
struct wf_ids {
	const char *const *v;
	int n;
};
/* Emit get(id) for each of ids; the unknown ones are reported and the
 * result is WF_EX_NOMATCH. For 'show' subcommands. */
typedef cJSON *(*wf_get_fn)(struct wf_store *st, const char *id,
                            struct wf_err *e);
int wf_show_each(struct wf_ctx *ctx, const struct wf_ids *ids, wf_get_fn get,
                 struct wf_err *e);
/* The same where an operand may also be a case, whose items sql (one
 * parameter, the case id) lists: 'wf-place show 2026-0005'. */
struct wf_case_items {
	int (*is_item)(const char *operand);  /* else it is a case id */
	const char *sql;
	const char *what;                     /* "placements", for messages */
};
int wf_show_items(struct wf_ctx *ctx, const struct wf_ids *ids, wf_get_fn get,
                  const struct wf_case_items *items, struct wf_err *e);
/* Create the store if need be and emit what it is (path, schema). */
int wf_store_info(struct wf_ctx *ctx, int counts, struct wf_err *e);
/* wf store info: with counts, the engine too, and under "records" how
 * many of each kind the store holds (people, cases, open cases,
 * referrals, ... audit entries), each counted where it is kept. */
extern const char wf_store_info_columns[];
int wf_store_counts(struct wf_store *st, cJSON *into, struct wf_err *e);

/* Write one result record to the invocation's output. */
int wf_emit(struct wf_ctx *ctx, const cJSON *rec, struct wf_err *e);

/* ---- audit.c ---------------------------------------------------------- */

/* Record that ctx's operator did action on entity id, with detail (a JSON
 * object; may be NULL) of what was written: the values of personal and
 * health fields are withheld from the copy the audit keeps. The entry is
 * chained to the one before it. */
int wf_audit(struct wf_ctx *ctx, const char *action, const char *entity,
             const char *id, const cJSON *detail, struct wf_err *e);

/* The special categories a reading command can show, one bit each. */
enum {
	WF_READ_CERTIFICATIONS = 1u << 0,  /* certifications, invalidity */
	WF_READ_DISABILITY = 1u << 1,
	WF_READ_FRAGILITY = 1u << 2,       /* the work-fragility profile */
	WF_READ_NOTES = 1u << 3,           /* free text, which may hold health */
	WF_READ_REPORT = 1u << 4,          /* the final report */
	WF_READ_ORIGIN = 1u << 5           /* minority, foreign background */
};
/* Note that ctx showed what of case_id; written by wf_audit_reads_flush,
 * one entry a case and invocation. */
int wf_audit_read(struct wf_ctx *ctx, const char *case_id, unsigned what,
                  struct wf_err *e);
/* The same from a record about to be shown, by its fields. */
int wf_audit_shown(struct wf_ctx *ctx, const cJSON *rec, struct wf_err *e);
/* Write the reads noted, in a transaction of their own. */
int wf_audit_reads_flush(struct wf_ctx *ctx, struct wf_err *e);

/* Options of wf audit log: each NULL when not given. */
struct wf_audit_filter {
	const char *case_id, *person, *operator_, *since, *until, *action;
};
extern const char wf_audit_columns[];
/* Emit the entries that pass every filter, oldest first; WF_EX_NOMATCH
 * when none; WF_EX_USAGE for a time that is not a date or timestamp. */
int wf_audit_log(struct wf_ctx *ctx, const struct wf_audit_filter *f,
                 struct wf_err *e);
/* Options of wf audit verify. */
struct wf_audit_verify_opts {
	const char *head;   /* a hash noted earlier that must be in the chain */
};
extern const char wf_audit_verify_columns[];
/* Check the guards and the whole chain; emit what was checked, or
 * WF_EX_DATAERR naming the first entry changed, removed or inserted. */
int wf_audit_verify(struct wf_ctx *ctx, const struct wf_audit_verify_opts *o,
                    struct wf_err *e);

/* ---- backup.c: the whole store copied, and brought back --------------- */

extern const char wf_backup_columns[];
/* Copy the store (file: the path of the copy, a const char *) while
 * others write: a new file, 0600, checked; never over an existing one.
 * Audited; emits what was copied. */
int wf_backup(struct wf_ctx *ctx, const char *file, struct wf_err *e);
/* Before the store is opened: refuse to restore over a store that is
 * there unless force, and a file that is not a workflow store this build
 * reads or fails its integrity check (65; 66 when it cannot be read). */
int wf_restore_check(const char *db_opt, const char *file, int force,
                     struct wf_err *e);
/* wf store check: SQLite's integrity check of the whole store, a record
 * when it passes, WF_EX_UNAVAILABLE ("damaged") when it does not. */
extern const char wf_store_check_columns[];
int wf_store_check(struct wf_ctx *ctx, struct wf_err *e);
/* Replace the store's content with file's (checked by wf_restore_check
 * first), upgrade it to this build's schema, audit it; emits what was
 * restored. */
int wf_restore(struct wf_ctx *ctx, const char *file, struct wf_err *e);

/* ---- amend.c: corrections ------------------------------------------- */

/* Options of wf amend: the reason of every correction that gives none. */
struct wf_amend_opts {
	const char *reason;
};
extern const char wf_amend_columns[];
/* The kinds of record a correction, and a voiding, can name. */
extern const char *const wf_amend_kinds[];
extern const char *const wf_void_kinds[];
/* Correct one record: {kind, id, fields...}; a field set to null is
 * removed. Checked as when the record was added, refused (65, nothing
 * written) when it would not have been accepted or changes nothing;
 * audited with the reason and each field's old and new value. Emits the
 * correction: before, after, what changed. */
int wf_amend(struct wf_ctx *ctx, const struct wf_amend_opts *o,
             struct wf_record *rec, struct wf_err *e);
/* The record of --kind, --id and --set FIELD=VALUE (an empty value
 * removes the field); NULL with e set (WF_EX_USAGE). */
cJSON *wf_amend_flags(const char *kind, const char *id, const char *set,
                      struct wf_err *e);

/* ---- personexport.c: a person's data, and how long it is kept --------- */

/* Emit everything the store holds about the person ref names (number,
 * case, or tax code: a const char *) and their audit entries; audited as
 * an export. */
int wf_person_export(struct wf_ctx *ctx, const char *ref, struct wf_err *e);
/* Emit the people named by the operands. */
int wf_person_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                   struct wf_err *e);
extern const char wf_retention_columns[];
/* Emit the people whose every case is over, and over longer than its
 * programme's retention_years, as of a day (a const char *, NULL:
 * today); WF_EX_NOMATCH when none. */
int wf_retention(struct wf_ctx *ctx, const char *as_of, struct wf_err *e);

/* ---- storeio.c: the whole store as records ---------------------------- */

/* Emit the whole store: a record of its schema, then every row of every
 * table. Audited. */
int wf_store_export(struct wf_ctx *ctx, struct wf_err *e);
/* Read one record of an export into an empty store of its schema; the
 * first must be the export's schema record. im: zeroed before the
 * first record, shared by the records of one import, and given to
 * wf_import_end() after the last. */
struct wf_import {
	int head;
	cJSON *columns;     /* each table's columns, as first met */
};
int wf_store_import(struct wf_ctx *ctx, struct wf_import *im,
                    struct wf_record *rec, struct wf_err *e);
void wf_import_end(struct wf_import *im);
/* Copy every row of the store into the store at to (a path or a
 * PostgreSQL location, on either engine), new or empty, of the same
 * schema version, in one transaction there; emit what was copied
 * (kind store_copy). Audited in the source. */
int wf_store_copy(struct wf_ctx *ctx, const char *to, struct wf_err *e);
extern const char wf_store_copy_columns[];

/* ---- consent.c: consents and disclosures ----------------------------- */

extern const char *const wf_consent_purposes[];
extern const char *const wf_consent_answers[];
extern const char *const wf_legal_bases[];
extern const char wf_consent_columns[];
/* Options of wf consent give|refuse|withdraw. */
struct wf_consent_opts {
	const char *answer;        /* given, refused, withdrawn */
	const char *purpose, *to, *date, *note;
};
/* Check the purpose (WF_EX_USAGE). */
int wf_consent_opts_check(const struct wf_consent_opts *o, struct wf_err *e);
/* Record the answer of the person of the case a record names; withdrawn
 * only what is given. Audited; emits the consent. */
int wf_consent_record(struct wf_ctx *ctx, const struct wf_consent_opts *o,
                      struct wf_record *rec, struct wf_err *e);
/* Emit the consents of the people the operands name. */
int wf_consent_list(struct wf_ctx *ctx, const struct wf_ids *ids,
                    struct wf_err *e);
/* A disclosure of a case's final report: to whom and on what basis. */
struct wf_disclosure {
	char case_id[32], to[128], basis[16];
	long long to_id;
};
/* May the final report of case_id go to its referrer or host (for_, and
 * to: the host, when it has several)? 0 with d filled, or WF_EX_DATAERR
 * naming the command that records the consent. */
int wf_disclosure_check(struct wf_store *st, const char *case_id,
                        const char *for_, const char *to,
                        struct wf_disclosure *d, struct wf_err *e);
/* Keep the disclosure, and audit it. */
int wf_disclosure_record(struct wf_ctx *ctx, const struct wf_disclosure *d,
                         struct wf_err *e);

/* ---- erase.c: a person erased ---------------------------------------- */

/* Options of wf person erase: why (required). */
struct wf_erase_opts {
	const char *reason;
};
extern const char wf_erase_columns[];
/* Erase the person a record names (their number, a case, a tax code):
 * refused (65) while a case of theirs is open or when erased already.
 * Removes their identity, contacts, free text and health details, in the
 * records and in the audit's details; keeps what the figures count. */
int wf_person_erase(struct wf_ctx *ctx, const struct wf_erase_opts *o,
                    struct wf_record *rec, struct wf_err *e);

/* ---- duplicate.c: possible duplicates reviewed ------------------------ */

extern const char wf_duplicate_columns[];
/* The pairs of persons flagged as possible duplicates, each with their
 * names, birth dates and cases: those not yet reviewed, or (all) every
 * one with its decision. None: WF_EX_NOMATCH. */
int wf_person_duplicates(struct wf_ctx *ctx, int all, struct wf_err *e);
/* Record the review of a pair {person, other, decision: same|different,
 * date, note} (persons as wf_person_find takes them): never a merge; the
 * same person is linked for the indicators. Audited; prints the pair. */
int wf_person_review(struct wf_ctx *ctx, struct wf_record *rec,
                     struct wf_err *e);

/* ---- void.c: records entered by mistake ------------------------------ */

/* Options of wf void: the reason of every record that gives none; undo
 * restores instead. */
struct wf_void_opts {
	const char *reason;
	int undo;
};
extern const char wf_void_columns[];
/* Void (or restore) one record {kind, id, reason}: moved out of every
 * list and report, or back when the rules still accept it. Audited. */
int wf_void(struct wf_ctx *ctx, const struct wf_void_opts *o,
            struct wf_record *rec, struct wf_err *e);
int wf_unvoid(struct wf_ctx *ctx, const struct wf_void_opts *o,
              struct wf_record *rec, struct wf_err *e);

/* ---- org.c ------------------------------------------------------------ */

extern const char *const wf_org_roles[];
/* Add or update an organisation from a record; emits the stored record. */
int wf_org_add(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e);
/* Emit organisations, optionally only those with role. Returns 0, or
 * WF_EX_NOMATCH when none. */
int wf_org_list(struct wf_ctx *ctx, const char *role, struct wf_err *e);
/* Emit each organisation of ids; the unknown ones are reported and the
 * result is WF_EX_NOMATCH. */
int wf_org_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                struct wf_err *e);
/* The organisation record of code, or NULL with e set (WF_EX_NOMATCH). */
cJSON *wf_org_get(struct wf_store *st, const char *code, struct wf_err *e);
/* Check that code names a registered organisation having role; the
 * message names the command that would register it. Returns 0 or
 * WF_EX_DATAERR; sets *id to its row id. */
int wf_org_require(struct wf_store *st, const char *code, const char *role,
                   long long *id, struct wf_err *e);

/* ---- orggrant.c ------------------------------------------------------- */

/* Let a database role act for an organisation, from a record
 * {organisation, role}: on a shared store (PostgreSQL) the role may
 * then use the store's tables, and sees the cases the organisation
 * holds. Granted again: nothing changes. A SQLite store refuses (64);
 * a role the server does not know is 65. Audited; emits the grant. */
int wf_org_grant(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e);
/* The role no longer acts for the organisation; with none left, it may
 * use the store's tables no more. 65 when it did not act for it. */
int wf_org_revoke(struct wf_ctx *ctx, struct wf_record *rec,
                  struct wf_err *e);
/* Emit the grants (of org only, unless NULL) the caller may see: all of
 * them for the store's owner, its own for an agency's role.
 * WF_EX_NOMATCH when none. */
int wf_org_grants(struct wf_ctx *ctx, const char *org, struct wf_err *e);

/* ---- programme.c and target.c ----------------------------------------- */

/* Check a programme record by its schema and its target rules, without
 * a store; sets *code. Returns 0 or WF_EX_DATAERR with the position. */
int wf_programme_valid(struct wf_record *rec, const char **code,
                       struct wf_err *e);
/* Load (add or replace) a programme from a record, checked as by
 * wf_programme_valid; audited with what changed; emits its summary. */
int wf_programme_load(struct wf_ctx *ctx, struct wf_record *rec,
                      struct wf_err *e);
/* Emit the summary of every programme loaded; WF_EX_NOMATCH when none. */
int wf_programme_list(struct wf_ctx *ctx, struct wf_err *e);
/* Emit each programme of ids as loaded; the unknown ones are reported
 * and the result is WF_EX_NOMATCH. */
int wf_programme_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                      struct wf_err *e);
/* The programme record (the file as loaded, with kind and id), or NULL
 * with e set (WF_EX_NOMATCH when unknown). */
cJSON *wf_programme_get(struct wf_store *st, const char *code,
                        struct wf_err *e);
/* Options of wf programme check. */
struct wf_check_opts {
	const char *programme;
	const char *date;     /* --date; NULL: the record's date, else today */
};
/* Evaluate a programme's target on the person of a record (a person, a
 * referral or a case record) at a date, and emit whether it holds and
 * every rule that fails. Writes nothing. */
int wf_programme_check(struct wf_ctx *ctx, const struct wf_check_opts *o,
                       struct wf_record *rec, struct wf_err *e);
extern const char wf_check_columns[];

/* A programme a report is asked for must be in the store: 0 when code
 * is NULL or known, else WF_EX_DATAERR naming the codes there are. */
int wf_programme_known(struct wf_store *st, const char *code,
                       struct wf_err *e);
/* The row id of programme code into *id, or WF_EX_DATAERR with the
 * command that loads it. */
int wf_programme_require(struct wf_store *st, const char *code,
                         long long *id, struct wf_err *e);

extern const char *const wf_employment_statuses[];
extern const char *const wf_certifications[];
extern const char *const wf_invalidities[];
extern const char *const wf_genders[];
extern const char *const wf_education_levels[];
extern const char *const wf_yes_no_declined[];
/* The ESF+ facts a referral records besides disability (Regulation (EU)
 * 2021/1057, Annex I), each yes, no or declined, in table order. */
extern const char *const wf_esf_facts[];
extern const char *const wf_placement_kinds[];
extern const char *const wf_case_statuses[];    /* every status of a case */
extern const char *const wf_parties[];

/* The facts a target rule looks at. */
struct wf_subject {
	wf_day birth;                 /* birth date */
	const char *employment;       /* employment status at the date */
	const char *const *certs;     /* certification kinds, NULL-terminated */
	const char *municipality;     /* residence, may be NULL */
	const struct wf_certs *cert_refused; /* a certification that did
	                                        not count, or NULL */
};

/* A person's certifications as a target counts them: each known kind
 * once; a Law 68/1999 one only when its percent is more than the
 * programme's threshold for its invalidity (law_68_thresholds), else
 * why says so. */
struct wf_certs {
	const char *kinds[4];         /* wf_certifications' own strings */
	char refused[32];             /* the invalidity of a Law 68/1999 one
	                                 under the threshold ("" unnamed) */
	int refused_percent;          /* its percent, -1 when none */
	int refused_limit;            /* the threshold; -1: none refused */
};
void wf_certs_init(struct wf_certs *c);
/* Check what a certification's fields say together (list at path of
 * rec): not certified after date (the referral's; NULL: today); a percent
 * only of a civil or work-injury invalidity, named. */
int wf_certs_check(const struct wf_record *rec, const cJSON *list,
                   const char *path, const char *date, struct wf_err *e);
/* percent < 0: none recorded. */
void wf_certs_add(struct wf_certs *c, const cJSON *prog, const char *kind,
                  const char *invalidity, int percent);
/* Check a target definition (used when a programme is loaded). */
int wf_target_check(const struct wf_record *rec, const cJSON *target,
                    struct wf_err *e);
/* Evaluate target on s at day on. Returns 1 when it matches; 0 when not,
 * with every failing rule appended to reasons (a cJSON array) as an
 * object: rule (age, employment, certification, municipality, any), its
 * facts, and text, in English; -1 on a malformed target. */
int wf_target_eval(const cJSON *target, const struct wf_subject *s,
                   wf_day on, cJSON *reasons);

/* ---- reason.c --------------------------------------------------------- */

/* A reason (a failed rule of wf_target_eval, or free text) as text into
 * buf: in the reader's language when human, in English else. */
void wf_reason_text(const cJSON *reason, int human, char *buf, size_t len);
/* To rec, from a stored list of reasons: "reasons", each as its English
 * text, and "rules", the failed rules' codes and facts (and the text of
 * those kept without facts), when any. */
void wf_reasons_add(cJSON *rec, const cJSON *stored);
/* The code a report counts a reason by: its rule, else "other". */
const char *wf_reason_rule(const cJSON *reason);

/* ---- refer.c ---------------------------------------------------------- */

/* Options of the referral subcommands that act on cases. */
struct wf_refer_opts {
	const char *date;     /* --date, effective date; NULL: today */
	const char *note;     /* --note */
	const char *reason;   /* --reason */
};
/* Filters of wf-refer list. */
struct wf_case_filter {
	const char *status, *programme, *referrer, *since, *until, *name;
};

/* Take in a referral record: the person found (tax code, else names
 * and birth date) or added, checked as the referral schema says; a case
 * opened as referred (or the person's open case of the programme
 * referred again). Audited; emits the case record. */
int wf_refer_add(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e);
/* Screen the case a record names against its programme's target as of
 * its referral: screened, or rejected with every failed rule; on o's
 * date (NULL: today), with o's note. Emits the case record. */
int wf_refer_screen(struct wf_ctx *ctx, const struct wf_refer_opts *o,
                    struct wf_record *rec, struct wf_err *e);
/* Withdraw the referred or screened case a record names, for o's
 * reason, on o's date. Emits the case record. */
int wf_refer_withdraw(struct wf_ctx *ctx, const struct wf_refer_opts *o,
                      struct wf_record *rec, struct wf_err *e);
/* Emit the matching cases; WF_EX_NOMATCH when none. */
int wf_case_list(struct wf_ctx *ctx, const struct wf_case_filter *f,
                 struct wf_err *e);
/* Emit each case named by the operands, with its history; the unknown
 * ones are reported and the result is WF_EX_NOMATCH. */
int wf_case_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                 struct wf_err *e);
/* Check a name filter (the command line checks dates and statuses). */
int wf_case_filter_check(const struct wf_case_filter *f, struct wf_err *e);

/* ---- assess.c, plan.c, assessrecord.c: step 2 ---------------------------- */

extern const char *const wf_session_types[];
extern const char *const wf_skill_levels[];
extern const char *const wf_decisions[];
extern const char *const wf_default_prerequisites[];
extern const char *const wf_action_kinds[];
extern const char wf_assessment_columns[];
extern const char wf_skill_columns[];

/* Options of wf-assess decide. */
struct wf_decide_opts {
	const char *decision;  /* eligible, ineligible, deferred */
	const char *reason;    /* --reason (required for ineligible) */
	const char *date;      /* --date; NULL: today */
	const char *review;    /* --review, the date to look again (deferred) */
	const char *by;        /* --by, who decided; NULL: the operator */
};
/* Filters of wf-assess list. */
struct wf_assess_filter {
	const char *status, *programme, *decision, *assessor, *since, *until;
};

/* Record a session (or the sessions of an assessment record); the first
 * moves a screened case into assessment. Emits the session as stored. */
int wf_assess_add(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e);
/* Record the decision o on the case a record names. */
int wf_assess_decide(struct wf_ctx *ctx, const struct wf_decide_opts *o,
                     struct wf_record *rec, struct wf_err *e);
/* Record or revise the project and plan of an eligible, planned or placed
 * case (a plan record, or the plan of an assessment record). */
int wf_assess_plan(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e);
/* Emit the assessment of each operand (arg non-NULL: with history). */
int wf_assess_show(struct wf_ctx *ctx, const struct wf_ids *ids, int history,
                   struct wf_err *e);
/* Emit the summary of each case with an assessment that passes f;
 * WF_EX_NOMATCH when none. */
int wf_assess_list(struct wf_ctx *ctx, const struct wf_assess_filter *f,
                   struct wf_err *e);
/* Emit the current skills of the one operand case. */
int wf_assess_skills(struct wf_ctx *ctx, const char *case_id,
                     struct wf_err *e);

/* ---- place.c, placerecord.c: step 3 ------------------------------------- */

extern const char *const wf_placement_statuses[];
extern const char *const wf_place_outcomes[];
extern const char wf_placement_columns[];

/* Options of the wf-place subcommands. */
struct wf_place_opts {
	const char *action;   /* start, suspend, resume, end */
	const char *date;     /* --date; NULL: today */
	const char *outcome;  /* end: completed, interrupted, hired */
	const char *reason;
	const char *hire;     /* end --outcome hired: the hire that follows */
	const char *note;
	const char *end;      /* extend --end */
};
/* Filters of wf-place list. */
struct wf_place_filter {
	const char *status, *type, *host, *active_on, *ending_within, *case_id;
	char from[11], until[11];   /* --ending-within as dates, by the check */
};

/* Add a placement from a record; checked against the programme's rules,
 * every broken one named. */
int wf_place_add(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e);
/* Start, suspend, resume or end the placement a record names. */
int wf_place_move(struct wf_ctx *ctx, const struct wf_place_opts *o,
                  struct wf_record *rec, struct wf_err *e);
/* Move the planned end of the placement a record names (opts->end). */
int wf_place_extend(struct wf_ctx *ctx, const struct wf_place_opts *o,
                    struct wf_record *rec, struct wf_err *e);
/* Emit the placements that pass f (dates from
 * wf_place_filter_dates); WF_EX_NOMATCH when none. */
int wf_place_list(struct wf_ctx *ctx, const struct wf_place_filter *f,
                  struct wf_err *e);
/* Turn --ending-within (a number of days, "30" or "30d", checked by the
 * command line) into dates. */
void wf_place_filter_dates(struct wf_place_filter *f);
/* Emit each operand: a placement with its history, or all of a case's. */
int wf_place_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                  struct wf_err *e);
/* Record a month's attendance (an attendance record: placement, month,
 * hours) and the stipend due for it; emits the attendance record. */
int wf_place_attend(struct wf_ctx *ctx, struct wf_record *rec,
                    struct wf_err *e);
/* Emit what is due for the month (YYYY-MM), person by person. */
int wf_place_stipends(struct wf_ctx *ctx, const char *month, struct wf_err *e);
extern const char wf_stipend_columns[];

/* ---- caseclose.c: the case as a whole ----------------------------------- */

extern const char *const wf_close_outcomes[];

/* Options of wf case close and reopen. */
struct wf_close_opts {
	const char *outcome;          /* close: hired, completed, ... */
	const char *date;             /* --date; NULL: today */
	const char *recommendations;  /* close: for the final report */
	const char *reason;           /* reopen: why (required) */
	const char *note;
	int end_placements;           /* close: end running placements too */
	const cJSON *situation;       /* close: on leaving; NULL: not known */
	int soft_exit;                /* close: as of the last service, with
	                                 outcome no_contact */
};

/* Emit each operand case with its closure and its timeline: every event
 * of every step, in order of effective date. */
int wf_case_timeline(struct wf_ctx *ctx, const struct wf_ids *ids,
                     struct wf_err *e);
/* Close the case a record names (refused while placements run, unless
 * end_placements), or reopen it to the status it had before. */
int wf_case_close(struct wf_ctx *ctx, const struct wf_close_opts *o,
                  struct wf_record *rec, struct wf_err *e);
/* Check the options of a close before any case is read: an outcome of
 * wf_close_outcomes, a situation on leaving that wf_situation_check
 * takes (WF_EX_USAGE, naming the option). */
int wf_case_close_check(const struct wf_close_opts *o, struct wf_err *e);
/* Reopen the closed case a record names to the status it had before,
 * for o's reason, on o's date. Emits the case record. */
int wf_case_reopen(struct wf_ctx *ctx, const struct wf_close_opts *o,
                   struct wf_record *rec, struct wf_err *e);

/* ---- monitor.c, due.c: step 4 ------------------------------------------- */

extern const char *const wf_contact_ways[];
extern const char *const wf_risk_levels[];
extern const char wf_contact_columns[];

/* Filters of wf-monitor list. */
struct wf_contact_filter {
	const char *case_id, *with, *operator_, *since, *until;
};
/* What wf-monitor due lists: items due on or before limit, as of on. */
struct wf_due_filter {
	wf_day on, limit;
	int overdue;                 /* only those due before on */
	const char *with, *operator_;
	const char *kind;            /* contact, follow_up, or NULL: both */
};
extern const char *const wf_due_kinds[];         /* contact, follow_up */
/* The cases of programme (NULL: all) with a contact overdue on on, and
 * the closed ones with a follow-up whose window ended before on with
 * none recorded: their ids appended to the lists, each once, by id. */
int wf_due_overdue(struct wf_store *st, wf_day on, const char *programme,
                   cJSON *contacts, cJSON *follow_ups, struct wf_err *e);

/* After a path (followup.c): the situation on leaving and six months
 * after, for the funder's result indicators. */
extern const char *const wf_follow_up_times[];   /* leaving, six_months */
extern const char *const wf_situations[];        /* employed, ... none */
extern const char wf_follow_up_columns[];
/* Check a list of situations for a follow-up at 'at': -1 with why when
 * one is unknown, 'none' comes with another, or 'improved' is given on
 * leaving. */
int wf_situation_check(const cJSON *list, const char *at, char *why,
                       size_t len);
/* The days a follow-up at 'at' may be dated in, for a case closed on
 * left. */
void wf_follow_up_window(const char *at, wf_day left, wf_day *from,
                         wf_day *to);
/* Record a follow_up record (case, at, date, situation, notes): the case
 * closed, the date in the window (four weeks from closing for 'leaving',
 * six to nine months for 'six_months'). */
int wf_follow_up(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e);

/* Record a contact (case, date, with, how, operator, risk, next...). */
int wf_monitor_log(struct wf_ctx *ctx, struct wf_record *rec, struct wf_err *e);
/* Emit the contacts that pass f, by date; WF_EX_NOMATCH when none. */
int wf_monitor_list(struct wf_ctx *ctx, const struct wf_contact_filter *f,
                    struct wf_err *e);
/* Emit each operand: a contact by its number, or all of a case's. */
int wf_monitor_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                    struct wf_err *e);
/* Emit, for each open case, the latest risk seen if at or above level
 * (a string; NULL: high). */
int wf_monitor_risks(struct wf_ctx *ctx, const char *level, struct wf_err *e);
/* Emit what is due (see due.c), by due date; WF_EX_NOMATCH when nothing. */
int wf_monitor_due(struct wf_ctx *ctx, const struct wf_due_filter *f,
                   struct wf_err *e);
/* The rank of a risk level (low 0, medium 1, high 2), -1 if unknown. */
int wf_risk_rank(const char *level);

/* ---- html.c, chart.c, doc.c: documents for people ----------------------- */

/* Write s with &, <, >, " and ' escaped, control characters replaced. */
void wf_html_text(FILE *f, const char *s);
/* Open a self-contained, printable page: its style, the service's name
 * and the date atop each printed page, page numbers, and title as h1. */
void wf_html_begin(FILE *f, const char *title, const char *service,
                   const char *date);
void wf_html_end(FILE *f);
/* A section (a new printed page unless first), with title as h2. */
void wf_html_section(FILE *f, const char *title, int first);
void wf_html_section_end(FILE *f);
/* A table cell: th when head, right-aligned when number. */
void wf_html_cell(FILE *f, const char *text, int number, int head);
/* The service named atop the pages: $WF_SERVICE, else the programme's
 * name when the report is of one, else "workflow". */
const char *wf_html_service(const char *programme_name);

/* One bar of a chart: its label, in the reader's language; its value,
 * unless hidden by --min-cell (then value is never read). */
struct wf_bar {
	char label[160];
	double value;
	int hidden;
};
/* One line of a chart: its name and a value (or hidden) a month. */
struct wf_series {
	const char *name;
	const double *values;
	const int *hidden;
};
/* A figure: horizontal bars as SVG, the numbers in a table beside them
 * (head: the label column's title), the text alternative below. id is
 * the figure's element id. */
void wf_chart_bars(FILE *f, const char *id, const char *title,
                   const char *head, const struct wf_bar *b, int n,
                   int min_cell);
/* A figure: one line a series over the months x, the same way. */
void wf_chart_lines(FILE *f, const char *id, const char *title,
                    const char *const *x, int nx, const struct wf_series *s,
                    int ns, int min_cell);

/* A document for people, as Markdown or HTML. */
struct wf_doc {
	FILE *f;
	int html;                     /* else Markdown */
	int sections, facts, para;    /* what was written last */
};
void wf_doc_begin(struct wf_doc *d, const char *title, const char *service,
                  const char *date);
/* A second document's title in the same output (Markdown: after a rule;
 * HTML: on a new page). */
void wf_doc_part(struct wf_doc *d, const char *title);
void wf_doc_fact(struct wf_doc *d, const char *label, const char *value);
void wf_doc_section(struct wf_doc *d, const char *title);
void wf_doc_para(struct wf_doc *d, const char *text);
/* A table: its heads (NULL-terminated), then rows of n cells. */
void wf_doc_table(struct wf_doc *d, const char *const *heads);
void wf_doc_row(struct wf_doc *d, const char *const *cells, int n);
void wf_doc_table_end(struct wf_doc *d);
/* Close the document. Returns 0 or WF_EX_IOERR. */
int wf_doc_end(struct wf_doc *d);

/* ---- softexit.c: cases with no service for too long ---------------------- */

struct wf_view_opts;
extern const char wf_stale_columns[];
/* The open cases, as of o->on (struct wf_view_opts), of programmes that
 * set soft_exit_days, with no service for longer: id, last_service,
 * days; exit 1 when none. */
int wf_case_stale(struct wf_ctx *ctx, const struct wf_view_opts *o,
                  struct wf_err *e);

/* ---- operator.c: operators and case managers --------------------------- */

extern const char wf_operator_columns[];
/* Register or update operator records (id, name, role, organisation,
 * active); audited. */
int wf_operator_add(struct wf_ctx *ctx, struct wf_record *rec,
                    struct wf_err *e);
/* The operator record of code, or NULL with e set (WF_EX_NOMATCH). */
cJSON *wf_operator_get(struct wf_store *st, const char *code,
                       struct wf_err *e);
/* Every operator (active: the active ones only). */
int wf_operator_list(struct wf_ctx *ctx, int active, struct wf_err *e);
/* Emit each operator of ids; the unknown ones are reported and the
 * result is WF_EX_NOMATCH. */
int wf_operator_show(struct wf_ctx *ctx, const struct wf_ids *ids,
                     struct wf_err *e);
/* wf case assign: the operator to assign, from when, why. */
struct wf_assign_opts {
	const char *to, *date, *note;
};
/* Assign the case a record names to o's operator (registered and
 * active), effective on its date (not before the case opened, not in the
 * future); the history is kept and the assignment audited. */
int wf_case_assign(struct wf_ctx *ctx, const struct wf_assign_opts *o,
                   struct wf_record *rec, struct wf_err *e);

/* ---- reportcase.c, casedoc.c: step 5 ------------------------------------ */

/* Options of wf-report case: for whom (NULL: the service itself;
 * "referrer" or "host"), and which host when the case has several. */
struct wf_report_case_opts {
	const char *for_, *to;
};
/* Emit the final report of each operand case: a document with -o md or
 * -o html, else the record (kind case_report), with when it was shared.
 * For a referrer or host, refused (65) unless the person consented or
 * the programme's legal basis allows it, and each disclosure kept. */
int wf_report_case(struct wf_ctx *ctx, const struct wf_ids *ids,
                   const struct wf_report_case_opts *o, struct wf_err *e);
/* Write the case report record r into d: its beginning when first, else
 * as a further part. */
void wf_report_case_doc(struct wf_doc *d, const cJSON *r, int first);

/* Options of the period reports (monthly, range). */
struct wf_period_opts {
	wf_day from, to;
	const char *id;          /* "monthly/2026-10", "range/A..B" */
	const char *programme;   /* or NULL: all */
	const char *section;     /* only this section, or NULL */
	int min_cell;            /* hide counts below it (0: none) */
	int compare;             /* the month before and a year before too */
};
/* The figures of the period as one report record (YAML, JSON), or as
 * rows (section, item, value) in the tabular formats. */
int wf_report_period(struct wf_ctx *ctx, const struct wf_period_opts *o,
                     struct wf_err *e);
/* The period's report record, as wf_report_period gives it (after
 * --min-cell; section and compare are not looked at). */
struct wf_store;
cJSON *wf_report_period_record(struct wf_store *st,
                               const struct wf_period_opts *o,
                               struct wf_err *e);
/* The HTML pages (reporthtml.c) of a period's record r (with the month
 * before and a year before when others), of the indicators, and of the
 * funnel's rows. */
int wf_report_period_html(struct wf_ctx *ctx, const cJSON *r,
                          const cJSON *const *others,
                          const struct wf_period_opts *o, struct wf_err *e);
int wf_report_indicators_html(struct wf_ctx *ctx, const cJSON *r,
                              const struct wf_period_opts *o,
                              struct wf_err *e);
int wf_report_funnel_html(struct wf_ctx *ctx, const cJSON *rows,
                          const char *programme, struct wf_err *e);
/* Of an indicator (section, figure) the regulation names: its SFC2021
 * code (EECO01...) and its words in the reader's language; NULL for the
 * figures the service keeps besides. */
const char *wf_indicator_code(const char *section, const char *figure);
/* A figure's or section's label in the reader's language (its key when
 * it has none). */
const char *wf_figure_label(const char *key);
const char *wf_indicator_words(const char *section, const char *figure);
/* The European Social Fund Plus common indicators of the participants
 * who entered or left in the period (from, to, programme, section,
 * min_cell of opts), each figure by gender: one record (YAML, JSON), or
 * rows (section, indicator, total, women, men, non_binary, not_stated). */
int wf_report_indicators(struct wf_ctx *ctx, const struct wf_period_opts *o,
                         struct wf_err *e);

/* Options of the short views. */
struct wf_view_opts {
	wf_day on;               /* as of this date */
	const char *programme;   /* only this programme's cases, or NULL */
};
/* The funnel: how many cases reached each step, and left it where. */
int wf_report_funnel(struct wf_ctx *ctx, const struct wf_view_opts *o,
                     struct wf_err *e);
/* Options of wf-report quality: as of on, of a programme (or all), of
 * the cases in an operator's charge (or anyone's). */
struct wf_quality_opts {
	wf_day on;
	const char *programme, *operator_;
};
extern const char wf_quality_columns[];
/* The data quality lines: fields missing or declined in open and closed
 * cases, and the cases a rule finds late (quality.c). */
int wf_report_quality(struct wf_ctx *ctx, const struct wf_quality_opts *o,
                      struct wf_err *e);
/* The open cases in each operator's charge, by status. */
int wf_report_caseload(struct wf_ctx *ctx, const struct wf_view_opts *o,
                       struct wf_err *e);

/* The case id a record names: the string of a bare id, "id" of a case
 * record, else its "case" member. NULL with e set when none. */
const char *wf_record_case_id(const struct wf_record *rec, struct wf_err *e);

/* Default columns of tabular output for each record kind. */
extern const char wf_case_columns[];
extern const char wf_org_columns[];
extern const char wf_org_grant_columns[];
extern const char wf_programme_columns[];

#endif
