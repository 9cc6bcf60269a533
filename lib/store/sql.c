/*
 * sql.c - the statements several modules of lib/ share, in the SQLite
 * dialect (see sql.h). A statement one module uses is written beside the
 * code that reads it. Kept portable where it costs nothing: no RETURNING,
 * no INSERT OR ..., upserts as ON CONFLICT. The schema is in schema.c.
 */
#include "sql.h"

/* ---- audit.c ------------------------------------------------------------- */

const char WF_SQL_AUDIT_PERSON_OF[] =
	"SELECT person_id FROM cases WHERE id = ?";

const char WF_SQL_AUDIT_CASE_GUARD_DELETE[] =
	"CREATE TRIGGER audit_cases_append_only_d BEFORE DELETE ON audit_cases"
	" BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END";

const char WF_SQL_AUDIT_CASE_GUARD_UPDATE[] =
	"CREATE TRIGGER audit_cases_append_only_u BEFORE UPDATE ON audit_cases"
	" BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END";

/* The guards that keep the trail append-only, as created and as checked:
 * no entry is deleted; none is changed but for erasing personal data
 * from its detail, which keeps every column its hash covers; and a new
 * one chains to the last. */
const char WF_SQL_AUDIT_GUARD_DELETE[] =
	"CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END";

const char WF_SQL_AUDIT_GUARD_UPDATE[] =
	"CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit"
	" WHEN old.redacted_by IS NOT NULL OR new.redacted_by IS NULL"
	" OR new.id IS NOT old.id OR new.at IS NOT old.at"
	" OR new.operator IS NOT old.operator OR new.login IS NOT old.login"
	" OR new.command IS NOT old.command OR new.action IS NOT old.action"
	" OR new.entity IS NOT old.entity OR new.entity_id IS NOT old.entity_id"
	" OR new.case_id IS NOT old.case_id"
	" OR new.person_id IS NOT old.person_id"
	" OR new.detail_sha IS NOT old.detail_sha OR new.prev IS NOT old.prev"
	" OR new.hash IS NOT old.hash"
	" BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END";

const char WF_SQL_AUDIT_GUARD_INSERT[] =
	"CREATE TRIGGER audit_chained BEFORE INSERT ON audit"
	" WHEN new.hash IS NULL OR new.prev IS NOT coalesce((SELECT hash"
	" FROM audit ORDER BY id DESC LIMIT 1), '" WF_SQL_GENESIS "')"
	" OR new.id IS NOT coalesce((SELECT max(id) FROM audit), 0) + 1"
	" BEGIN SELECT RAISE(ABORT, 'an audit entry must chain to the last');"
	" END";

/* ---- org.c --------------------------------------------------------------- */

const char WF_SQL_ORG_ID[] =
	"SELECT id FROM organisation WHERE code = ?";

/* ---- consent.c ----------------------------------------------------------- */

const char WF_SQL_DISCLOSURES_OF_CASE[] =
	"SELECT d.date, d.what, o.code AS \"to\", d.basis, d.operator AS \"by\""
	" FROM disclosure d"
	" JOIN organisation o ON o.id = d.recipient_id WHERE d.case_id = ?"
	" ORDER BY d.date, d.id";

/* ---- erase.c: what erasing a person removes, table by table ---------- */

const char WF_SQL_PERSON_CASES_OF[] =
	"SELECT id FROM cases WHERE person_id = ? ORDER BY id";

/* ---- caserecord.c -------------------------------------------------------- */

const char WF_SQL_CASEREC_CERTS[] =
	"SELECT kind, since, invalidity, invalidity_percent, issued_by, details"
	" FROM certification WHERE referral_id = ? ORDER BY id";

/* ---- placerecord.c ------------------------------------------------------- */

const char WF_SQL_PREC_OF_CASE[] =
	"SELECT id FROM placement WHERE case_id = ?"
	" ORDER BY " WF_SQL_PLACEMENT_NUM("placement");

/* ---- monitor.c, due.c ---------------------------------------------------- */

const char WF_SQL_MON_OF_CASE[] =
	"SELECT id FROM contact WHERE case_id = ? ORDER BY date, id";

/* A person's names, "First Last": for what is due with them, and for a
 * referral that names them otherwise. */
const char WF_SQL_PERSON_NAME[] =
	"SELECT first_name || ' ' || last_name FROM person WHERE id = ?";

/* ---- softexit.c ------------------------------------------------------------ */

const char WF_SQL_ORG_NAME[] =
	"SELECT name FROM organisation WHERE code = ?";
const char WF_SQL_PROG_NAME[] =
	"SELECT name FROM programme WHERE code = ?";

/* ---- reportviews.c ------------------------------------------------------- */

/* The cases of ?2 (or all) open on ?1, by the operator in charge (the
 * case manager assigned then; for a case never assigned by then, who met
 * the person last, else who recorded the referral), status, and whether
 * the manager was assigned. */
const char WF_SQL_VIEW_CASELOAD[] =
	"SELECT coalesce(mgr, op), status, count(*), mgr IS NOT NULL"
	" FROM (SELECT" CASE_STATUS_ON("c", "?1") " AS status,"
	MANAGER_ON("c.id", "?1") " AS mgr,"
	" coalesce((SELECT k.operator FROM contact k WHERE k.case_id = c.id"
	"  AND k.date <= ?1 ORDER BY k.date DESC, k.id DESC LIMIT 1),"
	"  (SELECT s.operator FROM case_status s WHERE s.case_id = c.id"
	"   ORDER BY s.id LIMIT 1)) AS op"
	" FROM cases c JOIN programme pr ON pr.id = c.programme_id"
	" WHERE c.id IN" CASES_OPEN_BY("?1") " AND c.opened_on <= ?1"
	" AND (?2 IS NULL OR pr.code = ?2))"
	" WHERE status IN " OPEN_STATUSES
	" GROUP BY 1, status, 4 ORDER BY 1";

/* ---- reportperiod.c ------------------------------------------------------ */
/* Every query: ?1 the first day, ?2 the last, ?3 a programme or NULL. */

/* ---- assessamend.c ----------------------------------------------------- */

/* A corrected session's lists go, to be written again as corrected. */
const char WF_SQL_ASSESS_SESSION_CLEAR[] =
	"DELETE FROM skill WHERE session_id = ?1;"
	"DELETE FROM prerequisite WHERE session_id = ?1;"
	"DELETE FROM fragility WHERE session_id = ?1";
