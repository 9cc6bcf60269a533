/*
 * sql.c - the statements of the store, in the SQLite dialect (see sql.h).
 * Kept portable where it costs nothing: no RETURNING, no INSERT OR ...,
 * upserts as ON CONFLICT. The schema is in schema.c.
 */
#include "sql.h"

/* ---- audit.c ------------------------------------------------------------- */

const char WF_SQL_AUDIT_ADD[] =
	"INSERT INTO audit (at, operator, command, action, entity, entity_id,"
	" detail) VALUES (?, ?, ?, ?, ?, ?, ?)";

/* ---- org.c --------------------------------------------------------------- */

const char WF_SQL_ORG_ID[] =
	"SELECT id FROM organisation WHERE code = ?";

const char WF_SQL_ORG_INSERT[] =
	"INSERT INTO organisation (code, name, employees, municipality, address,"
	" email, phone, notes, created_at, updated_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

const char WF_SQL_ORG_UPDATE[] =
	"UPDATE organisation SET name = ?, employees = ?, municipality = ?,"
	" address = ?, email = ?, phone = ?, notes = ?, updated_at = ?"
	" WHERE id = ?";

const char WF_SQL_ORG_ROLE_CLEAR[] =
	"DELETE FROM organisation_role WHERE organisation_id = ?";

const char WF_SQL_ORG_ROLE_ADD[] =
	"INSERT INTO organisation_role (organisation_id, role)"
	" VALUES (?, ?) ON CONFLICT DO NOTHING";

const char WF_SQL_ORG_GET[] =
	"SELECT id, code, name, employees, municipality, address, email, phone,"
	" notes FROM organisation WHERE code = ?";

const char WF_SQL_ORG_ALL[] =
	"SELECT code FROM organisation o WHERE ? IS NULL OR EXISTS"
	" (SELECT 1 FROM organisation_role r WHERE r.organisation_id = o.id"
	"  AND r.role = ?) ORDER BY code";

const char WF_SQL_ORG_ROLE[] =
	"SELECT o.id, EXISTS (SELECT 1 FROM organisation_role r"
	"  WHERE r.organisation_id = o.id AND r.role = ?)"
	" FROM organisation o WHERE o.code = ?";

const char WF_SQL_ORG_ROLES[] =
	"SELECT role FROM organisation_role WHERE organisation_id = ?"
	" ORDER BY role";

/* ---- programme.c --------------------------------------------------------- */

const char WF_SQL_PROG_ID[] =
	"SELECT id FROM programme WHERE code = ?";

const char WF_SQL_PROG_GET[] =
	"SELECT definition FROM programme WHERE code = ?";

const char WF_SQL_PROG_INSERT[] =
	"INSERT INTO programme (code, name, definition, loaded_at)"
	" VALUES (?, ?, ?, ?)";

const char WF_SQL_PROG_UPDATE[] =
	"UPDATE programme SET name = ?, definition = ?, loaded_at = ?"
	" WHERE code = ?";

const char WF_SQL_PROG_ALL[] =
	"SELECT definition FROM programme ORDER BY code";

/* ---- person.c ------------------------------------------------------------ */

const char WF_SQL_PERSON_BY_TAXCODE[] =
	"SELECT id FROM person WHERE tax_code = ?";

const char WF_SQL_PERSON_BY_KEY[] =
	"SELECT id FROM person WHERE match_key = ? AND id <> ?"
	" AND (tax_code IS NULL OR ? IS NULL)";

const char WF_SQL_PERSON_INSERT[] =
	"INSERT INTO person (tax_code, first_name, last_name, birth_date, sex,"
	" birth_place, citizenship, municipality, address, phone, email,"
	" match_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

const char WF_SQL_PERSON_CONTACTS[] =
	"UPDATE person SET municipality = coalesce(?, municipality),"
	" address = coalesce(?, address), phone = coalesce(?, phone),"
	" email = coalesce(?, email) WHERE id = ?";

const char WF_SQL_PERSON_DUP[] =
	"INSERT INTO person_duplicate (person_id, other_id)"
	" VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING";

const char WF_SQL_PERSON_CASES_OF[] =
	"SELECT id FROM cases WHERE person_id = ? ORDER BY id";

/* ---- casefile.c ---------------------------------------------------------- */

const char WF_SQL_CASE_LOAD[] =
	"SELECT c.id, c.status, c.status_date, c.opened_on, c.person_id,"
	" c.programme_id, p.code,"
	" (SELECT min(r.id) FROM referral r WHERE r.case_id = c.id)"
	" FROM cases c JOIN programme p ON p.id = c.programme_id WHERE c.id = ?";

/* No RETURNING and no NOT IN (...) on the per-record path: SQLite opens
 * a temporary b-tree for each, which costs more than the rest of a
 * referral together. */
const char WF_SQL_CASE_NEXT_ID[] =
	"INSERT INTO case_seq (year, last) VALUES (?, 1)"
	" ON CONFLICT (year) DO UPDATE SET last = last + 1";

const char WF_SQL_CASE_LAST_ID[] =
	"SELECT last FROM case_seq WHERE year = ?";

const char WF_SQL_CASE_INSERT[] =
	"INSERT INTO cases (id, person_id, programme_id, status, status_date,"
	" opened_on, created_at) VALUES (?, ?, ?, 'referred', ?, ?, ?)";

const char WF_SQL_CASE_SET_STATUS[] =
	"UPDATE cases SET status = ?, status_date = ? WHERE id = ?";

const char WF_SQL_CASE_HISTORY_ADD[] =
	"INSERT INTO case_status (case_id, status, effective_date, recorded_at,"
	" operator, note, reasons) VALUES (?, ?, ?, ?, ?, ?, ?)";

const char WF_SQL_CASE_FIND_OPEN[] =
	"SELECT min(id) FROM cases WHERE person_id = ? AND programme_id = ?"
	" AND status <> 'rejected' AND status <> 'withdrawn'"
	" AND status <> 'ineligible' AND status <> 'closed'";

/* ---- caserecord.c -------------------------------------------------------- */

const char WF_SQL_CASEREC_HEAD[] =
	"SELECT c.id, c.status, c.status_date, p.code, r.date, o.code,"
	" r.referrer_contact, c.person_id, r.id, r.employment_status,"
	" r.employment_since, r.needs, r.notes,"
	" (SELECT count(*) FROM referral x WHERE x.case_id = c.id)"
	" FROM cases c JOIN programme p ON p.id = c.programme_id"
	" JOIN referral r ON r.id ="
	"  (SELECT min(x.id) FROM referral x WHERE x.case_id = c.id)"
	" JOIN organisation o ON o.id = r.referrer_id WHERE c.id = ?";

const char WF_SQL_CASEREC_PERSON[] =
	"SELECT first_name, last_name, tax_code, birth_date, sex, birth_place,"
	" citizenship, municipality, address, phone, email FROM person"
	" WHERE id = ?";

const char WF_SQL_CASEREC_CERTS[] =
	"SELECT kind, since, invalidity_percent, issued_by, details"
	" FROM certification WHERE referral_id = ? ORDER BY id";

const char WF_SQL_CASEREC_DUPS[] =
	"SELECT DISTINCT c.id FROM person_duplicate d"
	" JOIN cases c ON c.person_id = d.other_id WHERE d.person_id = ?"
	" ORDER BY c.id";

const char WF_SQL_CASEREC_LAST[] =
	"SELECT note, reasons FROM case_status WHERE case_id = ?"
	" ORDER BY id DESC LIMIT 1";

const char WF_SQL_CASEREC_HISTORY[] =
	"SELECT status, effective_date, note, reasons, recorded_at, operator"
	" FROM case_status WHERE case_id = ? ORDER BY effective_date, id";

const char WF_SQL_CASEREC_LIST[] =
	"SELECT c.id FROM cases c JOIN programme p ON p.id = c.programme_id"
	" JOIN person pe ON pe.id = c.person_id"
	" WHERE (?1 IS NULL OR c.status = ?1)"
	" AND (?2 IS NULL OR p.code = ?2)"
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM referral r"
	"  JOIN organisation o ON o.id = r.referrer_id"
	"  WHERE r.case_id = c.id AND o.code = ?3))"
	" AND (?4 IS NULL OR c.opened_on >= ?4)"
	" AND (?5 IS NULL OR c.opened_on <= ?5)"
	" AND (?6 IS NULL OR instr(pe.match_key, ?6) > 0)"
	" AND (?7 IS NULL OR instr(pe.match_key, ?7) > 0)"
	" AND (?8 IS NULL OR instr(pe.match_key, ?8) > 0)"
	" AND (?9 IS NULL OR instr(pe.match_key, ?9) > 0)"
	" ORDER BY c.opened_on, c.id";

/* ---- refer.c ------------------------------------------------------------- */

const char WF_SQL_REFER_REFERRAL[] =
	"INSERT INTO referral (case_id, person_id, referrer_id, referrer_contact,"
	" date, employment_status, employment_since, needs, notes, recorded_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

const char WF_SQL_REFER_CERT[] =
	"INSERT INTO certification (referral_id, kind, since, invalidity_percent,"
	" issued_by, details) VALUES (?, ?, ?, ?, ?, ?)";

const char WF_SQL_REFER_SUBJECT[] =
	"SELECT pe.birth_date, r.employment_status, pe.municipality, r.date"
	" FROM referral r JOIN person pe ON pe.id = r.person_id WHERE r.id = ?";

const char WF_SQL_REFER_CERT_KINDS[] =
	"SELECT DISTINCT kind FROM certification WHERE referral_id = ?";
