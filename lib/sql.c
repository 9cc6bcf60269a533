/*
 * sql.c - the statements of the store, in the SQLite dialect (see sql.h).
 * Kept portable where it costs nothing: no RETURNING, no INSERT OR ...,
 * upserts as ON CONFLICT. The schema is in schema.c.
 */
#include "sql.h"

/* ---- what stood on a day ------------------------------------------------- */

/* The statuses of a case still open. */
#define OPEN_STATUSES \
	"('referred', 'screened', 'assessing', 'eligible', 'planned', 'placed')"

/* A case's or a placement's changes never go back in time (but for the
 * planning of a placement typed in late, which may be dated after it
 * started or was cancelled: the order recorded decides). So one that has
 * not changed since day d stood on d as it stands now, and only the rest
 * look at their history: the status on d is the last change recorded
 * among those effective by then. */
#define CASE_STATUS_ON(c, d) \
	" (CASE WHEN " c ".status_date <= " d " THEN " c ".status ELSE" \
	"  (SELECT s.status FROM case_status s WHERE s.case_id = " c ".id" \
	"  AND s.effective_date <= " d \
	"  ORDER BY s.effective_date DESC, s.id DESC LIMIT 1) END)"
#define PLACEMENT_STATUS_ON(p, d) \
	" (CASE WHEN " p ".status_date <= " d " THEN " p ".status ELSE" \
	"  (SELECT s.status FROM placement_status s WHERE s.placement_id = " \
	p ".id AND s.effective_date <= " d " ORDER BY s.id DESC LIMIT 1) END)"

/* The ids of the cases that may be open on day d, and of the placements
 * that may be active then: all but those closed (ended, cancelled) on or
 * before it, two ranges of an index each. */
#define CASES_OVER "('rejected', 'withdrawn', 'ineligible', 'closed')"
#define CASES_OPEN_BY(d) \
	" (SELECT id FROM cases WHERE status IN " OPEN_STATUSES \
	"  UNION ALL SELECT id FROM cases WHERE status IN " CASES_OVER \
	"  AND " WF_SQL_PAST_REFERRAL " AND status_date > " d ")"
#define PLACEMENTS_RUNNING_BY(d) \
	" (SELECT id FROM placement WHERE status IN ('planned', 'active'," \
	"  'suspended') UNION ALL SELECT id FROM placement WHERE status IN" \
	"  ('ended', 'cancelled') AND status_date > " d ")"

/* ---- audit.c ------------------------------------------------------------- */

/* The manager of case ?1 on day ?2: the latest assignment effective
 * then; a later record of the same day wins. */
#define MANAGER_ON(c, day) \
	" (SELECT mo.code FROM case_manager m JOIN operator mo" \
	"  ON mo.id = m.operator_id WHERE m.case_id = " c \
	"  AND m.effective_date <= " day \
	"  ORDER BY m.effective_date DESC, m.id DESC LIMIT 1)"

const char WF_SQL_AUDIT_ADD[] =
	"INSERT INTO audit (id, at, operator, login, command, action, entity,"
	" entity_id, case_id, person_id, detail, detail_sha, prev, hash)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";

const char WF_SQL_AUDIT_HEAD[] =
	"SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1";

const char WF_SQL_AUDIT_PERSON_OF[] =
	"SELECT person_id FROM cases WHERE id = ?";

/* The columns an entry is read by, for its record and its check. */
#define AUDIT_COLUMNS \
	" id, at, operator, login, command, action, entity, entity_id," \
	" case_id, person_id, detail, detail_sha, prev, hash, redacted_by"

/* The log, by the index that narrows it most: a case's entries, a
 * person's, or all in order; the other filters are NULL when not given,
 * the times bounded by the empty string and a high one. */
#define AUDIT_OF_CASE \
	" (case_id = ?1 OR id IN (SELECT audit_id FROM audit_cases" \
	"  WHERE case_id = ?1))"
#define AUDIT_OF_PERSON \
	" (person_id = ?2 OR id IN (SELECT a.audit_id FROM audit_cases a" \
	"  JOIN cases c ON c.id = a.case_id WHERE c.person_id = ?2))"
#define AUDIT_LOG_REST \
	" AND (?1 IS NULL OR" AUDIT_OF_CASE ")" \
	" AND (?2 IS NULL OR" AUDIT_OF_PERSON ")" \
	" AND (?3 IS NULL OR operator = ?3 OR login = ?3)" \
	" AND at >= ?4 AND at <= ?5 AND (?6 IS NULL OR action = ?6)" \
	" ORDER BY id"

const char WF_SQL_AUDIT_LOG_CASE[] =
	"SELECT" AUDIT_COLUMNS " FROM audit WHERE" AUDIT_OF_CASE AUDIT_LOG_REST;

const char WF_SQL_AUDIT_LOG_PERSON[] =
	"SELECT" AUDIT_COLUMNS " FROM audit WHERE" AUDIT_OF_PERSON AUDIT_LOG_REST;

const char WF_SQL_AUDIT_LOG_ALL[] =
	"SELECT" AUDIT_COLUMNS " FROM audit WHERE 1" AUDIT_LOG_REST;

const char WF_SQL_AUDIT_CHAIN[] =
	"SELECT" AUDIT_COLUMNS " FROM audit WHERE id > ? ORDER BY id LIMIT 512";

const char WF_SQL_AUDIT_ALL[] =
	"SELECT" AUDIT_COLUMNS " FROM audit ORDER BY id";

const char WF_SQL_AUDIT_ERASER[] =
	"SELECT person_id FROM audit WHERE id = ? AND action = 'erase'"
	" AND entity = 'person'";

const char WF_SQL_AUDIT_SEAL[] =
	"UPDATE audit SET case_id = ?2, person_id = ?3, detail = ?4,"
	" detail_sha = ?5, prev = ?6, hash = ?7 WHERE id = ?1";

const char WF_SQL_AUDIT_GUARD[] =
	"SELECT sql FROM sqlite_master WHERE type = 'trigger'"
	" AND tbl_name IN ('audit', 'audit_cases') AND name = ?";

const char WF_SQL_PERSON_EXISTS[] =
	"SELECT id FROM person WHERE id = ?";

/* The reads of special-category data an invocation made, a case each,
 * held in the connection's temporary store until they are written. */
const char WF_SQL_READ_LOG_TABLE[] =
	"CREATE TEMP TABLE IF NOT EXISTS read_log (case_id TEXT PRIMARY KEY,"
	" what INTEGER NOT NULL) WITHOUT ROWID";

const char WF_SQL_READ_LOG_ADD[] =
	"INSERT INTO temp.read_log (case_id, what) VALUES (?1, ?2)"
	" ON CONFLICT (case_id) DO UPDATE SET what = what | excluded.what";

const char WF_SQL_READ_LOG_LIST[] =
	"SELECT case_id, what FROM temp.read_log ORDER BY case_id";

const char WF_SQL_READ_LOG_COUNT[] =
	"SELECT count(*), min(case_id) FROM temp.read_log";

/* The cases an entry about many is about, beside it. */
const char WF_SQL_READ_LOG_CASES[] =
	"INSERT INTO audit_cases (audit_id, case_id)"
	" SELECT ?1, case_id FROM temp.read_log";

const char WF_SQL_AUDIT_CASES_OF[] =
	"SELECT case_id FROM audit_cases WHERE audit_id = ? ORDER BY case_id";

const char WF_SQL_AUDIT_CASE_GUARD_DELETE[] =
	"CREATE TRIGGER audit_cases_append_only_d BEFORE DELETE ON audit_cases"
	" BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END";

const char WF_SQL_AUDIT_CASE_GUARD_UPDATE[] =
	"CREATE TRIGGER audit_cases_append_only_u BEFORE UPDATE ON audit_cases"
	" BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END";

const char WF_SQL_READ_LOG_CLEAR[] =
	"DELETE FROM temp.read_log";

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
	" match_key, created_at, name_letters)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

const char WF_SQL_PERSON_CONTACTS[] =
	"UPDATE person SET municipality = coalesce(?, municipality),"
	" address = coalesce(?, address), phone = coalesce(?, phone),"
	" email = coalesce(?, email) WHERE id = ?";

const char WF_SQL_PERSON_DUP[] =
	"INSERT INTO person_duplicate (person_id, other_id)"
	" VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING";

const char WF_SQL_REFER_SCREENED_IN[] =
	"SELECT count(*) FROM case_status WHERE case_id = ?"
	" AND status = 'screened'";

const char WF_SQL_PERSON_GET[] =
	"SELECT id, tax_code, first_name, last_name, birth_date, sex,"
	" birth_place, citizenship, municipality, address, phone, email,"
	" citizenship_as_written, name_letters, same_as"
	" FROM person WHERE id = ?";

const char WF_SQL_PERSON_UPDATE[] =
	"UPDATE person SET tax_code = ?1, first_name = ?2, last_name = ?3,"
	" birth_date = ?4, sex = ?5, birth_place = ?6, citizenship = ?7,"
	" municipality = ?8, address = ?9, phone = ?10, email = ?11,"
	" match_key = ?12, name_letters = ?14, citizenship_as_written ="
	" CASE WHEN ?7 IS NULL THEN citizenship_as_written END WHERE id = ?13";

const char WF_SQL_PERSON_TAKEN[] =
	"SELECT id FROM person WHERE tax_code = ?1 AND id <> ?2";

/* The earliest referral of a person: nothing about them may be dated
 * after it that the referral gives as before it. */
const char WF_SQL_PERSON_FIRST_REFERRAL[] =
	"SELECT min(date) FROM referral WHERE person_id = ?";

/* The people whose every case is over, and was over before ?1 by the
 * years its programme keeps a case file; a programme without
 * retention_years keeps its files. */
const char WF_SQL_RETENTION[] =
	"SELECT c.person_id, group_concat(c.id, ' '), max(c.status_date),"
	" max(date(c.status_date, '+' || (g.definition ->> '$.retention_years')"
	" || ' years')) AS keep_until FROM cases c"
	" JOIN programme g ON g.id = c.programme_id"
	" JOIN person pe ON pe.id = c.person_id AND pe.erased_at IS NULL"
	" GROUP BY c.person_id"
	" HAVING sum(c.status IN " OPEN_STATUSES ") = 0"
	" AND sum((g.definition ->> '$.retention_years') IS NULL) = 0"
	" AND keep_until < ?1 ORDER BY c.person_id";

/* ---- storeio.c ----------------------------------------------------------- */

const char WF_SQL_STORE_TABLES[] =
	"SELECT name FROM sqlite_master WHERE type = 'table'"
	" AND name NOT LIKE 'sqlite_%'";

const char WF_SQL_STORE_COLUMNS[] =
	"SELECT name FROM pragma_table_info(?) ORDER BY cid";

/* Whether anything was recorded yet. */
const char WF_SQL_STORE_ANY[] =
	"SELECT (SELECT count(*) FROM audit) + (SELECT count(*) FROM"
	" organisation) + (SELECT count(*) FROM programme)"
	" + (SELECT count(*) FROM cases)";

/* ---- consent.c ----------------------------------------------------------- */

const char WF_SQL_CONSENT_ADD[] =
	"INSERT INTO consent (person_id, case_id, purpose, recipient_id, answer,"
	" date, note, recorded_at, operator)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

#define CONSENT_COLUMNS \
	" k.id, k.case_id, k.person_id, k.purpose, o.code, k.answer, k.date," \
	" k.note, k.operator"

const char WF_SQL_CONSENT_GET[] =
	"SELECT" CONSENT_COLUMNS " FROM consent k"
	" LEFT JOIN organisation o ON o.id = k.recipient_id WHERE k.id = ?";

const char WF_SQL_CONSENT_OF_PERSON[] =
	"SELECT k.id FROM consent k WHERE k.person_id = ?"
	" ORDER BY k.date, k.id";

/* The answer that holds for a purpose and recipient on a day: the latest
 * given for that recipient or for any. */
const char WF_SQL_CONSENT_NOW[] =
	"SELECT answer FROM consent WHERE person_id = ?1 AND purpose = ?2"
	" AND (recipient_id IS NULL OR recipient_id = ?3) AND date <= ?4"
	" ORDER BY date DESC, id DESC LIMIT 1";

const char WF_SQL_DISCLOSURE_ADD[] =
	"INSERT INTO disclosure (case_id, what, recipient_id, basis, date,"
	" recorded_at, operator) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

const char WF_SQL_DISCLOSURES_OF_CASE[] =
	"SELECT d.date, d.what, o.code, d.basis, d.operator FROM disclosure d"
	" JOIN organisation o ON o.id = d.recipient_id WHERE d.case_id = ?"
	" ORDER BY d.date, d.id";

/* Who a case's final report may go to: its referrer, its hosts. */
const char WF_SQL_CASE_REFERRER[] =
	"SELECT o.code FROM referral r JOIN organisation o"
	" ON o.id = r.referrer_id WHERE r.case_id = ? ORDER BY r.id LIMIT 1";

const char WF_SQL_CASE_HOSTS[] =
	"SELECT DISTINCT o.code FROM placement p JOIN organisation o"
	" ON o.id = p.host_id WHERE p.case_id = ? ORDER BY o.code";

const char WF_SQL_CASE_BASIS[] =
	"SELECT coalesce(g.definition ->> '$.legal_basis', 'consent'),"
	" c.person_id FROM cases c JOIN programme g ON g.id = c.programme_id"
	" WHERE c.id = ?";

/* ---- erase.c: what erasing a person removes, table by table ---------- */

#define CASES_OF_PERSON " (SELECT id FROM cases WHERE person_id = ?1)"
#define SESSIONS_OF_PERSON \
	" (SELECT s.id FROM assessment_session s JOIN cases c" \
	" ON c.id = s.case_id WHERE c.person_id = ?1)"
#define PLANS_OF_PERSON \
	" (SELECT p.id FROM plan p JOIN cases c ON c.id = p.case_id" \
	" WHERE c.person_id = ?1)"
#define PLACEMENTS_OF_PERSON \
	" (SELECT p.id FROM placement p JOIN cases c ON c.id = p.case_id" \
	" WHERE c.person_id = ?1)"

const char WF_SQL_ERASE_STATE[] =
	"SELECT erased_at, (SELECT group_concat(id || ' (' || status || ')',"
	" ', ') FROM cases WHERE person_id = ?1 AND status IN " OPEN_STATUSES
	"), (SELECT group_concat(id, ' ') FROM cases WHERE person_id = ?1)"
	" FROM person WHERE id = ?1";

/* The days a person's age is counted on: referrals, and plans (entry). */
const char WF_SQL_ERASE_AGE_DAYS[] =
	"SELECT date FROM referral WHERE person_id = ?1 UNION"
	" SELECT p.agreed_on FROM plan p JOIN cases c ON c.id = p.case_id"
	" WHERE c.person_id = ?1";

const char WF_SQL_ERASE_PERSON[] =
	"UPDATE person SET first_name = '[erased]', last_name = '[erased]',"
	" tax_code = NULL, birth_date = ?2, birth_place = NULL,"
	" citizenship_as_written = NULL, name_letters = NULL, address = NULL,"
	" phone = NULL, email = NULL, match_key = '', erased_at = ?3"
	" WHERE id = ?1";

/* Free text, contacts and health details, and what ties the person to
 * others; codes, dates and outcomes, which the figures count, stay. A
 * screening's reasons are the rules it applied, counted by rule. */
const char WF_SQL_ERASE_DATA[] =
	"DELETE FROM person_duplicate WHERE (person_id = ?1 OR other_id = ?1)"
	" AND decision IS NOT 'same';"
	"UPDATE person_duplicate SET note = NULL WHERE person_id = ?1"
	" OR other_id = ?1;"
	"UPDATE referral SET referrer_contact = NULL, needs = NULL, notes = NULL,"
	" sent_names = NULL WHERE person_id = ?1;"
	"UPDATE certification SET invalidity = NULL, invalidity_percent = NULL,"
	" issued_by = NULL, details = NULL WHERE referral_id IN (SELECT id FROM referral"
	" WHERE person_id = ?1);"
	"UPDATE case_status SET note = NULL, reasons = CASE WHEN status IN"
	" ('screened', 'rejected') THEN reasons END WHERE case_id IN"
	CASES_OF_PERSON ";"
	"UPDATE assessment_session SET participants = NULL, notes = NULL"
	" WHERE case_id IN" CASES_OF_PERSON ";"
	"UPDATE skill SET evidence = NULL WHERE session_id IN"
	SESSIONS_OF_PERSON ";"
	"UPDATE prerequisite SET note = NULL WHERE session_id IN"
	SESSIONS_OF_PERSON ";"
	"UPDATE fragility SET note = NULL WHERE session_id IN"
	SESSIONS_OF_PERSON ";"
	"UPDATE decision SET reason = NULL WHERE case_id IN" CASES_OF_PERSON ";"
	"UPDATE plan SET notes = NULL WHERE case_id IN" CASES_OF_PERSON ";"
	"UPDATE plan_goal SET description = '[erased]' WHERE plan_id IN"
	PLANS_OF_PERSON ";"
	"UPDATE plan_action SET notes = NULL WHERE plan_id IN"
	PLANS_OF_PERSON ";"
	"UPDATE placement SET host_tutor = NULL, host_tutor_contact = NULL,"
	" notes = NULL, reason = NULL WHERE case_id IN" CASES_OF_PERSON ";"
	"UPDATE placement_status SET reason = NULL, note = NULL"
	" WHERE placement_id IN" PLACEMENTS_OF_PERSON ";"
	"UPDATE case_closure SET recommendations = NULL WHERE case_id IN"
	CASES_OF_PERSON ";"
	"UPDATE contact SET next_steps = NULL, notes = NULL WHERE case_id IN"
	CASES_OF_PERSON ";"
	"UPDATE follow_up SET notes = NULL WHERE case_id IN" CASES_OF_PERSON ";"
	"DELETE FROM voided WHERE case_id IN" CASES_OF_PERSON ";"
	"UPDATE consent SET note = NULL WHERE person_id = ?1";

const char WF_SQL_ERASE_AUDIT_NEXT[] =
	"SELECT id, detail FROM audit WHERE person_id = ?1 AND id > ?2"
	" AND id < ?3 AND redacted_by IS NULL ORDER BY id LIMIT 256";

const char WF_SQL_ERASE_AUDIT_SET[] =
	"UPDATE audit SET detail = ?2, redacted_by = ?3 WHERE id = ?1";

const char WF_SQL_FOLLOW_OF_CASE[] =
	"SELECT id FROM follow_up WHERE case_id = ? ORDER BY date, id";

const char WF_SQL_VOIDED_OF_CASE[] =
	"SELECT kind, record_id, data, reason, voided_at, operator FROM voided"
	" WHERE case_id = ? ORDER BY id";

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
	" (SELECT count(*) FROM referral x WHERE x.case_id = c.id),"
	" r.gender, r.education, r.disability, r.foreign_background,"
	" r.minority, r.homeless, r.rural"
	" FROM cases c JOIN programme p ON p.id = c.programme_id"
	" JOIN referral r ON r.id ="
	"  (SELECT min(x.id) FROM referral x WHERE x.case_id = c.id)"
	" JOIN organisation o ON o.id = r.referrer_id WHERE c.id = ?";

const char WF_SQL_CASEREC_PERSON[] =
	"SELECT first_name, last_name, tax_code, birth_date, sex, birth_place,"
	" citizenship, municipality, address, phone, email FROM person"
	" WHERE id = ?";

const char WF_SQL_CASEREC_CERTS[] =
	"SELECT kind, since, invalidity, invalidity_percent, issued_by, details"
	" FROM certification WHERE referral_id = ? ORDER BY id";

/* A case's referrals in the order they came, each with its id (CASE/N,
 * as wf amend names it), date and referrer. */
const char WF_SQL_REFERRAL_SENT_NAMES[] =
	"UPDATE referral SET sent_names = ?1 WHERE id = (SELECT max(id)"
	" FROM referral WHERE case_id = ?2)";

const char WF_SQL_CASEREC_REFERRALS[] =
	"SELECT r.case_id || '/' || row_number() OVER (ORDER BY r.id), r.date,"
	"  o.code, r.referrer_contact, r.sent_names FROM referral r"
	" JOIN organisation o ON o.id = r.referrer_id"
	" WHERE r.case_id = ? ORDER BY r.id";

const char WF_SQL_CASEREC_DUPS[] =
	"SELECT DISTINCT c.id FROM person_duplicate d"
	" JOIN cases c ON c.person_id = d.other_id WHERE d.person_id = ?"
	" AND d.decision IS NULL"
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
	" date, employment_status, employment_since, needs, notes, recorded_at,"
	" gender, education, disability, foreign_background, minority, homeless,"
	" rural) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

const char WF_SQL_REFER_CERT[] =
	"INSERT INTO certification (referral_id, kind, since, invalidity_percent,"
	" issued_by, details, invalidity) VALUES (?, ?, ?, ?, ?, ?, ?)";

const char WF_SQL_REFER_SUBJECT[] =
	"SELECT pe.birth_date, r.employment_status, pe.municipality, r.date"
	" FROM referral r JOIN person pe ON pe.id = r.person_id WHERE r.id = ?";

const char WF_SQL_REFER_CERT_KINDS[] =
	"SELECT kind, invalidity, invalidity_percent FROM certification"
	" WHERE referral_id = ? ORDER BY id";

/* ---- assess.c ------------------------------------------------------------ */

/* A new session's number is past every session's, voided ones too. */
const char WF_SQL_ASSESS_SESSION[] =
	"INSERT INTO assessment_session (case_id, date, type, assessor_id,"
	" participants, notes, recorded_at, operator, id)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
	" 1 + max(coalesce((SELECT max(id) FROM assessment_session), 0),"
	" coalesce((SELECT max(record_num) FROM voided"
	" WHERE kind = 'session'), 0)))";

const char WF_SQL_ASSESS_SKILL[] =
	"INSERT INTO skill (session_id, name, kind, level, evidence)"
	" VALUES (?, ?, ?, ?, ?)";

const char WF_SQL_ASSESS_PREREQ[] =
	"INSERT INTO prerequisite (session_id, item, value, note)"
	" VALUES (?, ?, ?, ?)";

const char WF_SQL_ASSESS_FRAGILITY[] =
	"INSERT INTO fragility (session_id, area, level, note) VALUES (?, ?, ?, ?)";

const char WF_SQL_ASSESS_DECISION[] =
	"INSERT INTO decision (case_id, date, decision, reason, review_on,"
	" decided_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

/* ---- plan.c -------------------------------------------------------------- */

const char WF_SQL_PLAN_LAST[] =
	"SELECT coalesce(max(version), 0), max(agreed_on) FROM plan"
	" WHERE case_id = ?";

const char WF_SQL_PLAN_INSERT[] =
	"INSERT INTO plan (case_id, version, agreed_on, notes, recorded_at,"
	" operator) VALUES (?, ?, ?, ?, ?, ?)";

const char WF_SQL_PLAN_GOAL[] =
	"INSERT INTO plan_goal (plan_id, ref, description, outcome, target_date)"
	" VALUES (?, ?, ?, ?, ?)";

const char WF_SQL_PLAN_ACTION[] =
	"INSERT INTO plan_action (plan_id, kind, provider_id, start, end_date,"
	" hours, goal, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

/* ---- assessrecord.c ------------------------------------------------------ */

const char WF_SQL_AREC_HEAD[] =
	"SELECT c.id, c.status, p.code, pe.first_name, pe.last_name"
	" FROM cases c JOIN programme p ON p.id = c.programme_id"
	" JOIN person pe ON pe.id = c.person_id WHERE c.id = ?";

const char WF_SQL_AREC_SESSIONS[] =
	"SELECT id FROM assessment_session WHERE case_id = ? ORDER BY date, id";

const char WF_SQL_AREC_SESSION[] =
	"SELECT s.id, s.case_id, s.date, s.type, o.code, s.participants, s.notes"
	" FROM assessment_session s LEFT JOIN organisation o"
	" ON o.id = s.assessor_id WHERE s.id = ?";

const char WF_SQL_AREC_SKILLS_OF[] =
	"SELECT name, kind, level, evidence FROM skill WHERE session_id = ?"
	" ORDER BY id";

const char WF_SQL_AREC_PREREQS_OF[] =
	"SELECT item, value, note FROM prerequisite WHERE session_id = ?"
	" ORDER BY id";

const char WF_SQL_AREC_AREAS_OF[] =
	"SELECT area, level, note FROM fragility WHERE session_id = ? ORDER BY id";

/* The current view: for each skill, item or area, its latest value (the
 * latest session, and within one the last row). */
const char WF_SQL_AREC_SKILLS_NOW[] =
	"SELECT k.name, k.kind, k.level, k.evidence, s.date FROM skill k"
	" JOIN assessment_session s ON s.id = k.session_id WHERE s.case_id = ?"
	" AND NOT EXISTS (SELECT 1 FROM skill k2 JOIN assessment_session s2"
	"  ON s2.id = k2.session_id WHERE s2.case_id = s.case_id"
	"  AND k2.name = k.name"
	"  AND (s2.date > s.date OR (s2.date = s.date AND k2.id > k.id)))"
	" ORDER BY k.name";

const char WF_SQL_AREC_PREREQS_NOW[] =
	"SELECT q.item, q.value, q.note, s.date FROM prerequisite q"
	" JOIN assessment_session s ON s.id = q.session_id WHERE s.case_id = ?"
	" AND NOT EXISTS (SELECT 1 FROM prerequisite q2 JOIN assessment_session s2"
	"  ON s2.id = q2.session_id WHERE s2.case_id = s.case_id"
	"  AND q2.item = q.item"
	"  AND (s2.date > s.date OR (s2.date = s.date AND q2.id > q.id)))"
	" ORDER BY q.id";

const char WF_SQL_AREC_AREAS_NOW[] =
	"SELECT f.area, f.level, f.note, s.date FROM fragility f"
	" JOIN assessment_session s ON s.id = f.session_id WHERE s.case_id = ?"
	" AND NOT EXISTS (SELECT 1 FROM fragility f2 JOIN assessment_session s2"
	"  ON s2.id = f2.session_id WHERE s2.case_id = s.case_id"
	"  AND f2.area = f.area"
	"  AND (s2.date > s.date OR (s2.date = s.date AND f2.id > f.id)))"
	" ORDER BY f.id";

const char WF_SQL_AREC_DECISIONS[] =
	"SELECT id, decision, date, reason, review_on, decided_by FROM decision"
	" WHERE case_id = ? ORDER BY date, id";

const char WF_SQL_AREC_PLANS[] =
	"SELECT id FROM plan WHERE case_id = ? ORDER BY version";

const char WF_SQL_AREC_PLAN[] =
	"SELECT id, case_id, version, agreed_on, notes FROM plan WHERE id = ?";

const char WF_SQL_AREC_GOALS[] =
	"SELECT ref, description, outcome, target_date FROM plan_goal"
	" WHERE plan_id = ? ORDER BY id";

const char WF_SQL_AREC_ACTIONS[] =
	"SELECT a.kind, o.code, a.start, a.end_date, a.hours, a.goal, a.notes"
	" FROM plan_action a JOIN organisation o ON o.id = a.provider_id"
	" WHERE a.plan_id = ? ORDER BY a.id";

const char WF_SQL_AREC_LIST[] =
	"SELECT c.id FROM cases c JOIN programme p ON p.id = c.programme_id"
	" WHERE (EXISTS (SELECT 1 FROM assessment_session s WHERE s.case_id = c.id)"
	"  OR EXISTS (SELECT 1 FROM decision d WHERE d.case_id = c.id))"
	" AND (?1 IS NULL OR c.status = ?1)"
	" AND (?2 IS NULL OR p.code = ?2)"
	" AND (?3 IS NULL OR (SELECT d.decision FROM decision d"
	"  WHERE d.case_id = c.id ORDER BY d.date DESC, d.id DESC LIMIT 1) = ?3)"
	" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM assessment_session s"
	"  JOIN organisation o ON o.id = s.assessor_id"
	"  WHERE s.case_id = c.id AND o.code = ?4))"
	" AND ((?5 IS NULL AND ?6 IS NULL) OR EXISTS (SELECT 1"
	"  FROM assessment_session s WHERE s.case_id = c.id"
	"  AND (?5 IS NULL OR s.date >= ?5) AND (?6 IS NULL OR s.date <= ?6)))"
	" ORDER BY c.opened_on, c.id";

/* ---- place.c, placerules.c ----------------------------------------------- */

const char WF_SQL_PLACE_COUNT[] =
	"SELECT count(*) FROM placement WHERE case_id = ?";

const char WF_SQL_PLACE_INSERT[] =
	"INSERT INTO placement (id, case_id, type, host_id, host_tutor,"
	" host_tutor_contact, service_tutor, start, end_date, hours_week,"
	" stipend_cents, meals, funding, plan_action, contract, law68_quota,"
	" status, status_date, notes, created_at)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?,"
	" ?)";

/* A correction, numbered as the insert is; the case (?2), the status
 * date (?17) and when it was recorded (?19) stay as they are. */
const char WF_SQL_PLACE_AMEND[] =
	"UPDATE placement SET type = ?3, host_id = ?4, host_tutor = ?5,"
	" host_tutor_contact = ?6, service_tutor = ?7, start = ?8,"
	" end_date = ?9, hours_week = ?10, stipend_cents = ?11, meals = ?12,"
	" funding = ?13, plan_action = ?14, contract = ?15, law68_quota = ?16,"
	" notes = ?18 WHERE id = ?1";

const char WF_SQL_PLACE_LOAD[] =
	"SELECT p.id, p.case_id, p.type, o.code, p.host_id, o.employees, p.start,"
	" p.end_date, p.hours_week, p.stipend_cents, p.meals, p.status,"
	" p.status_date FROM placement p JOIN organisation o ON o.id = p.host_id"
	" WHERE p.id = ?";

const char WF_SQL_PLACE_SET[] =
	"UPDATE placement SET status = ?, status_date = ?, outcome = ?,"
	" reason = ?, hire = ? WHERE id = ?";

const char WF_SQL_PLACE_STARTED[] =
	"UPDATE placement SET start = ? WHERE id = ?";

const char WF_SQL_PLACE_EXTEND[] =
	"UPDATE placement SET end_date = ? WHERE id = ?";

const char WF_SQL_PLACE_HISTORY_ADD[] =
	"INSERT INTO placement_status (placement_id, status, effective_date,"
	" outcome, reason, note, recorded_at, operator)"
	" VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

/* The kind of action number ?2 (from 1) of the case's current plan. */
const char WF_SQL_PLACE_ACTION[] =
	"SELECT a.kind FROM plan_action a WHERE a.plan_id ="
	" (SELECT id FROM plan WHERE case_id = ?1 ORDER BY version DESC LIMIT 1)"
	" ORDER BY a.id LIMIT 1 OFFSET ?2 - 1";

/* Placements at a host, other than ?2, not ended, meeting ?3..?4. */
const char WF_SQL_PLACE_HOST_OVERLAP[] =
	"SELECT id, type FROM placement WHERE host_id = ?1 AND id <> ?2"
	" AND status <> 'ended' AND status <> 'cancelled'"
	" AND start <= ?4 AND end_date >= ?3";

/* Another placement of the case running (active or suspended) when ?2
 * starts. */
const char WF_SQL_PLACE_CASE_OVERLAP[] =
	"SELECT id, type, start, end_date FROM placement WHERE case_id = ?1"
	" AND id <> ?2 AND (status = 'active' OR status = 'suspended')";

const char WF_SQL_PLACE_CERTS[] =
	"SELECT DISTINCT kind FROM certification WHERE referral_id ="
	" (SELECT min(id) FROM referral WHERE case_id = ?)";

const char WF_SQL_PLACE_PLANNED[] =
	"SELECT id FROM placement WHERE case_id = ? AND status = 'planned'"
	" ORDER BY rowid";

const char WF_SQL_PLACE_ACTIVE[] =
	"SELECT id FROM placement WHERE case_id = ?"
	" AND (status = 'active' OR status = 'suspended') ORDER BY rowid";

/* ---- placerecord.c ------------------------------------------------------- */

const char WF_SQL_PREC_GET[] =
	"SELECT p.id, p.case_id, p.type, o.code, p.host_tutor,"
	" p.host_tutor_contact, p.service_tutor, p.start, p.end_date,"
	" p.hours_week, p.stipend_cents, p.meals, p.funding, p.plan_action,"
	" p.contract, p.law68_quota, p.status, p.status_date, p.outcome,"
	" p.reason, p.hire, p.notes"
	" FROM placement p JOIN organisation o ON o.id = p.host_id WHERE p.id = ?";

const char WF_SQL_PREC_HISTORY[] =
	"SELECT status, effective_date, outcome, reason, note, recorded_at,"
	" operator FROM placement_status WHERE placement_id = ?"
	" ORDER BY id";

const char WF_SQL_PREC_OF_CASE[] =
	"SELECT id FROM placement WHERE case_id = ? ORDER BY rowid";

const char WF_SQL_PREC_LIST[] =
	"SELECT p.id FROM placement p JOIN organisation o ON o.id = p.host_id"
	" WHERE (?1 IS NULL OR p.status = ?1)"
	" AND (?2 IS NULL OR p.type = ?2)"
	" AND (?3 IS NULL OR o.code = ?3)"
	" AND (?4 IS NULL OR (p.id IN" PLACEMENTS_RUNNING_BY("?4")
	"  AND" PLACEMENT_STATUS_ON("p", "?4") " = 'active'))"
	" AND (?5 IS NULL OR (p.status <> 'ended' AND p.status <> 'cancelled'"
	"  AND p.end_date >= ?5 AND p.end_date <= ?6))"
	" AND (?7 IS NULL OR p.case_id = ?7)"
	" ORDER BY p.start, p.rowid";

/* ---- attend.c ------------------------------------------------------------ */

const char WF_SQL_ATTEND_PUT[] =
	"INSERT INTO attendance (placement_id, month, hours_attended,"
	" hours_planned, due_cents, recorded_at, operator)"
	" VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (placement_id, month)"
	" DO UPDATE SET hours_attended = excluded.hours_attended,"
	" hours_planned = excluded.hours_planned, due_cents = excluded.due_cents,"
	" recorded_at = excluded.recorded_at, operator = excluded.operator";

const char WF_SQL_ATTEND_MONTH[] =
	"SELECT a.placement_id, p.case_id, pe.last_name, pe.first_name,"
	" pe.tax_code, o.code, a.month, a.hours_planned, a.hours_attended,"
	" p.stipend_cents, a.due_cents"
	" FROM attendance a JOIN placement p ON p.id = a.placement_id"
	" JOIN cases c ON c.id = p.case_id JOIN person pe ON pe.id = c.person_id"
	" JOIN organisation o ON o.id = p.host_id WHERE a.month = ?"
	" ORDER BY pe.last_name, pe.first_name, a.placement_id";

/* ---- caseclose.c --------------------------------------------------------- */

const char WF_SQL_CLOSE_ADD[] =
	"INSERT INTO case_closure (case_id, date, outcome, recommendations,"
	" recorded_at, operator) VALUES (?, ?, ?, ?, ?, ?)";

/* The status a case had before its latest change. */
const char WF_SQL_CLOSE_BEFORE[] =
	"SELECT status FROM case_status WHERE case_id = ?"
	" ORDER BY id DESC LIMIT 1 OFFSET 1";

const char WF_SQL_CLOSE_LAST[] =
	"SELECT date, outcome, recommendations, id FROM case_closure"
	" WHERE case_id = ? ORDER BY id DESC LIMIT 1";

/* Every event of a case, from every step, in order of effective date;
 * within a day the steps' events come first, the case status they led to
 * after, and each table's rows in the order they were recorded. */
const char WF_SQL_CLOSE_TIMELINE[] =
	"SELECT r.date, 0, 'referral', 'referred', o.code, r.notes, r.id"
	"  FROM referral r JOIN organisation o ON o.id = r.referrer_id"
	"  WHERE r.case_id = ?1"
	" UNION ALL SELECT date, 2, 'assessment', type, CAST(id AS TEXT), notes,"
	"  id FROM assessment_session WHERE case_id = ?1"
	" UNION ALL SELECT date, 3, 'decision', decision, decided_by, reason, id"
	"  FROM decision WHERE case_id = ?1"
	" UNION ALL SELECT agreed_on, 4, 'plan', 'version', case_id || '/' ||"
	"  version, notes, id FROM plan WHERE case_id = ?1"
	" UNION ALL SELECT s.effective_date, 5, 'placement', s.status,"
	"  s.placement_id, coalesce(s.outcome, s.reason), s.id"
	"  FROM placement_status s JOIN placement p ON p.id = s.placement_id"
	"  WHERE p.case_id = ?1"
	" UNION ALL SELECT date, 6, 'closure', outcome, NULL, recommendations, id"
	"  FROM case_closure WHERE case_id = ?1"
	" UNION ALL SELECT effective_date, 7, 'case', status, NULL, note, id"
	"  FROM case_status WHERE case_id = ?1 AND status <> 'referred'"
	" UNION ALL SELECT date, 8, 'follow_up', at, NULL,"
	"  (SELECT group_concat(value, ', ') FROM json_each(situation)), id"
	"  FROM follow_up WHERE case_id = ?1"
	" UNION ALL SELECT substr(at, 1, 10), 9, CASE action WHEN 'correct'"
	"  THEN 'correction' ELSE action END, entity,"
	"  entity_id, json_extract(detail, '$.reason'), id FROM audit"
	"  WHERE case_id = ?1 AND action IN ('correct', 'void', 'restore')"
	" ORDER BY 1, 2, 7";

/* ---- followup.c ---------------------------------------------------------- */

/* A new follow-up's number is past every follow-up's, voided ones too. */
const char WF_SQL_FOLLOW_INSERT[] =
	"INSERT INTO follow_up (case_id, at, date, situation, notes, operator,"
	" recorded_at, id) VALUES (?, ?, ?, ?, ?, ?, ?,"
	" 1 + max(coalesce((SELECT max(id) FROM follow_up), 0),"
	" coalesce((SELECT max(record_num) FROM voided"
	" WHERE kind = 'follow_up'), 0)))";

const char WF_SQL_FOLLOW_AMEND[] =
	"UPDATE follow_up SET case_id = ?1, at = ?2, date = ?3, situation = ?4,"
	" notes = ?5, operator = ?6 WHERE id = ?7";

/* With the closing it follows: the latest on or before its date. */
const char WF_SQL_FOLLOW_GET[] =
	"SELECT f.id, f.case_id, f.at, f.date,"
	" (SELECT max(c.date) FROM case_closure c"
	"  WHERE c.case_id = f.case_id AND c.date <= f.date),"
	" f.situation, f.operator, f.notes FROM follow_up f WHERE f.id = ?";

/* ---- monitor.c, due.c ---------------------------------------------------- */

/* A new contact's number is past every contact's, voided ones too. */
const char WF_SQL_MON_INSERT[] =
	"INSERT INTO contact (case_id, placement_id, date, party, how, operator,"
	" provider_id, risk, next_steps, notes, next_date, recorded_at,"
	" recorded_by, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	" ?11, ?12, ?13, 1 + max(coalesce((SELECT max(id) FROM contact), 0),"
	" coalesce((SELECT max(record_num) FROM voided"
	" WHERE kind = 'contact'), 0)))";

/* A contact voided: the row moved whole into voided, and back. */
const char WF_SQL_VOID_CONTACT[] =
	"INSERT INTO voided (kind, record_id, record_num, case_id, data, reason,"
	" voided_at, operator) SELECT 'contact', CAST(id AS TEXT), id, case_id,"
	" json_object('id', id, 'case_id', case_id, 'placement_id',"
	" placement_id, 'date', date, 'party', party, 'how', how, 'operator',"
	" operator, 'provider_id', provider_id, 'risk', risk, 'next_steps',"
	" next_steps, 'notes', notes, 'next_date', next_date, 'recorded_at',"
	" recorded_at, 'recorded_by', recorded_by), ?2, ?3, ?4"
	" FROM contact WHERE id = ?1";

const char WF_SQL_VOID_CONTACT_DEL[] =
	"DELETE FROM contact WHERE id = ?";

const char WF_SQL_UNVOID_CONTACT[] =
	"INSERT INTO contact (id, case_id, placement_id, date, party, how,"
	" operator, provider_id, risk, next_steps, notes, next_date,"
	" recorded_at, recorded_by) SELECT d ->> 'id', d ->> 'case_id',"
	" d ->> 'placement_id', d ->> 'date', d ->> 'party', d ->> 'how',"
	" d ->> 'operator', d ->> 'provider_id', d ->> 'risk',"
	" d ->> 'next_steps', d ->> 'notes', d ->> 'next_date',"
	" d ->> 'recorded_at', d ->> 'recorded_by'"
	" FROM (SELECT data AS d FROM voided WHERE kind = 'contact'"
	" AND record_id = ?1)";

const char WF_SQL_VOIDED_GET[] =
	"SELECT case_id, reason, voided_at, operator FROM voided"
	" WHERE kind = ?1 AND record_id = ?2";

const char WF_SQL_VOIDED_DEL[] =
	"DELETE FROM voided WHERE kind = ?1 AND record_id = ?2";

const char WF_SQL_MON_UPDATE[] =
	"UPDATE contact SET case_id = ?1, placement_id = ?2, date = ?3,"
	" party = ?4, how = ?5, operator = ?6, provider_id = ?7, risk = ?8,"
	" next_steps = ?9, notes = ?10, next_date = ?11 WHERE id = ?12";

const char WF_SQL_MON_PLACEMENT_CASE[] =
	"SELECT case_id FROM placement WHERE id = ?";

const char WF_SQL_MON_GET[] =
	"SELECT k.id, k.case_id, k.placement_id, k.date, k.party, k.how,"
	" k.operator, o.code, k.risk, k.next_steps, k.notes, k.next_date"
	" FROM contact k LEFT JOIN organisation o ON o.id = k.provider_id"
	" WHERE k.id = ?";

const char WF_SQL_MON_OF_CASE[] =
	"SELECT id FROM contact WHERE case_id = ? ORDER BY date, id";

const char WF_SQL_MON_LIST[] =
	"SELECT id FROM contact WHERE (?1 IS NULL OR case_id = ?1)"
	" AND (?2 IS NULL OR party = ?2) AND (?3 IS NULL OR operator = ?3)"
	" AND (?4 IS NULL OR date >= ?4) AND (?5 IS NULL OR date <= ?5)"
	" ORDER BY date, id";

/* The latest contact that judged the risk, for each open case. */
const char WF_SQL_MON_RISKS[] =
	"SELECT k.id, k.risk FROM cases c JOIN contact k ON k.id ="
	" (SELECT l.id FROM contact l WHERE l.case_id = c.id"
	"  AND l.risk IS NOT NULL ORDER BY l.date DESC, l.id DESC LIMIT 1)"
	" WHERE c.status IN " OPEN_STATUSES " ORDER BY k.date DESC, k.id DESC";

/* The cases open on some day from ?1 to ?2 (of programme ?3, or all),
 * held in id order for the four statements that read their histories,
 * each up to ?1, for the due rule to merge (duestore.c): opened by ?2 and
 * not rejected, withdrawn, found ineligible or closed before ?1 (a
 * case's changes never go back in time, so its status now tells). CROSS
 * JOIN keeps these cases the outer loop, so that each one's rows are
 * looked up by index and no history is read whole. */
const char WF_SQL_DUE_KEEP[] =
	"CREATE TEMP TABLE IF NOT EXISTS due_case (id TEXT, programme TEXT,"
	" person INTEGER, manager TEXT);"
	"DELETE FROM temp.due_case";

#define DUE_CHOSEN \
	" SELECT c.id, g.code, c.person_id," MANAGER_ON("c.id", "?2") \
	" FROM cases c" \
	" JOIN programme g ON g.id = c.programme_id" \
	" WHERE c.opened_on <= ?2 AND (?3 IS NULL OR g.code = ?3) AND "

/* In id order, so that the order of their rows is the order of the ids,
 * which SQLite knows to be distinct: the histories then come in order
 * from their indexes, with nothing to sort. */
const char WF_SQL_DUE_CHOOSE[] =
	"INSERT INTO temp.due_case (id, programme, person, manager)"
	DUE_CHOSEN "c.status IN " OPEN_STATUSES
	" UNION ALL" DUE_CHOSEN "c.status IN " CASES_OVER
	" AND c." WF_SQL_PAST_REFERRAL " AND c.status_date >= ?1 ORDER BY 1";

const char WF_SQL_DUE_CASES[] =
	"SELECT id, programme, person, manager FROM temp.due_case"
	" ORDER BY rowid";

/* A person's names, "First Last": for what is due with them, and for a
 * referral that names them otherwise. */
const char WF_SQL_PERSON_NAME[] =
	"SELECT first_name || ' ' || last_name FROM person WHERE id = ?";

const char WF_SQL_DUE_STATUSES[] =
	"SELECT t.id, s.status, s.effective_date, s.operator"
	" FROM temp.due_case t CROSS JOIN case_status s ON s.case_id = t.id"
	" WHERE s.effective_date <= ?1 ORDER BY t.rowid, s.effective_date, s.id";

const char WF_SQL_DUE_PLACEMENTS[] =
	"SELECT t.id, p.id, p.type, s.status, s.effective_date"
	" FROM temp.due_case t CROSS JOIN placement p ON p.case_id = t.id"
	" CROSS JOIN placement_status s ON s.placement_id = p.id"
	" WHERE s.effective_date <= ?1 ORDER BY t.rowid, p.rowid, s.id";

const char WF_SQL_DUE_CONTACTS[] =
	"SELECT t.id, k.date, k.party, k.next_date, k.operator, k.placement_id"
	" FROM temp.due_case t CROSS JOIN contact k ON k.case_id = t.id"
	" WHERE k.date <= ?1 ORDER BY t.rowid, k.date, k.id";

/* What wf-monitor due lists, held to be sorted by date whatever its size. */
/* Closed cases, as of ?1, with the follow-ups recorded after their
 * latest closing; people erased are owed none. */
const char WF_SQL_DUE_FOLLOW_UPS[] =
	"SELECT c.id, cl.date, p.first_name || ' ' || p.last_name,"
	"  cl.operator, pr.code,"
	"  EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id"
	"   AND f.at = 'leaving'),"
	"  EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = c.id"
	"   AND f.at = 'six_months')"
	" FROM cases c"
	" JOIN case_closure cl ON cl.id = (SELECT max(id) FROM case_closure"
	"  WHERE case_id = c.id)"
	" JOIN person p ON p.id = c.person_id"
	" JOIN programme pr ON pr.id = c.programme_id"
	" WHERE c.status = 'closed' AND cl.date <= ?1 AND p.erased_at IS NULL"
	" ORDER BY c.id";

const char WF_SQL_DUE_OUT_CREATE[] =
	"CREATE TEMP TABLE IF NOT EXISTS due_out (due TEXT, id TEXT, rec TEXT)";

const char WF_SQL_DUE_OUT_ADD[] =
	"INSERT INTO due_out (due, id, rec) VALUES (?, ?, ?)";

const char WF_SQL_DUE_OUT_SORTED[] =
	"SELECT rec FROM due_out ORDER BY due, id";

/* ---- reportcase.c -------------------------------------------------------- */

const char WF_SQL_RCASE_PROGRAMME[] =
	"SELECT p.code, p.name FROM cases c JOIN programme p"
	" ON p.id = c.programme_id WHERE c.id = ?";

/* The names of the organisations a case's report names: its referrer,
 * its hosts, the providers of its plan's actions, whom it was shared
 * with. */
const char WF_SQL_RCASE_ORGS[] =
	"SELECT o.code, o.name FROM organisation o WHERE o.id IN ("
	"  SELECT referrer_id FROM referral WHERE case_id = ?1"
	"  UNION SELECT host_id FROM placement WHERE case_id = ?1"
	"  UNION SELECT recipient_id FROM disclosure WHERE case_id = ?1"
	"  UNION SELECT a.provider_id FROM plan_action a JOIN plan p"
	"   ON p.id = a.plan_id WHERE p.case_id = ?1)"
	" ORDER BY o.code";

/* ---- operator.c ------------------------------------------------------------ */

const char WF_SQL_OPERATOR_GET[] =
	"SELECT p.code, p.name, p.role, o.code, p.active, p.id FROM operator p"
	" LEFT JOIN organisation o ON o.id = p.organisation_id WHERE p.code = ?";

const char WF_SQL_OPERATOR_ID[] =
	"SELECT id FROM operator WHERE code = ?";

const char WF_SQL_OPERATOR_PUT[] =
	"INSERT INTO operator (code, name, role, organisation_id, active,"
	" created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
	" ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	" role = excluded.role, organisation_id = excluded.organisation_id,"
	" active = excluded.active, updated_at = excluded.updated_at";

/* ?1: 1 for the active ones only. */
const char WF_SQL_OPERATOR_ALL[] =
	"SELECT code FROM operator WHERE ?1 = 0 OR active ORDER BY code";

const char WF_SQL_CASE_ASSIGN[] =
	"INSERT INTO case_manager (case_id, operator_id, effective_date, note,"
	" recorded_at, operator) VALUES (?, ?, ?, ?, ?, ?)";

const char WF_SQL_CASE_MANAGER[] =
	"SELECT" MANAGER_ON("?1", "?2");

/* ---- softexit.c ------------------------------------------------------------ */

/* The open cases (of ?2, or all; ?3, or all) of programmes that set
 * soft_exit_days, whose last service on or before ?1 (a status change,
 * a session, a contact, a placement change, the last day of a month of
 * attendance) is more than that many days before it; oldest first. */
const char WF_SQL_CASE_STALE[] =
	"SELECT id, programme, days, last, julianday(?1) - julianday(last)"
	" FROM (SELECT c.id AS id, pr.code AS programme,"
	"  json_extract(pr.definition, '$.soft_exit_days') AS days,"
	"  (SELECT max(d) FROM ("
	"   SELECT s.effective_date AS d FROM case_status s"
	"    WHERE s.case_id = c.id AND s.effective_date <= ?1"
	"   UNION ALL SELECT a.date FROM assessment_session a"
	"    WHERE a.case_id = c.id AND a.date <= ?1"
	"   UNION ALL SELECT k.date FROM contact k"
	"    WHERE k.case_id = c.id AND k.date <= ?1"
	"   UNION ALL SELECT ps.effective_date FROM placement_status ps"
	"    JOIN placement p ON p.id = ps.placement_id"
	"    WHERE p.case_id = c.id AND ps.effective_date <= ?1"
	"   UNION ALL SELECT min(date(t.month || '-01', '+1 month', '-1 day'),"
	"    ?1) FROM attendance t JOIN placement p ON p.id = t.placement_id"
	"    WHERE p.case_id = c.id AND t.month || '-01' <= ?1)) AS last"
	"  FROM cases c JOIN programme pr ON pr.id = c.programme_id"
	"  WHERE c.status IN " OPEN_STATUSES
	"  AND (?2 IS NULL OR pr.code = ?2) AND (?3 IS NULL OR c.id = ?3)"
	"  AND json_extract(pr.definition, '$.soft_exit_days') IS NOT NULL)"
	" WHERE julianday(?1) - julianday(last) > days ORDER BY last, id";

const char WF_SQL_ORG_NAME[] =
	"SELECT name FROM organisation WHERE code = ?";
const char WF_SQL_PROG_NAME[] =
	"SELECT name FROM programme WHERE code = ?";

const char WF_SQL_RCASE_CONTACTS[] =
	"SELECT date, party, how, risk, next_steps FROM contact"
	" WHERE case_id = ? ORDER BY date, id";

/* ---- quality.c ------------------------------------------------------------- */

/* The operator in charge of case c on ?1: the manager assigned, else who
 * met the person last, else who recorded the referral. */
#define IN_CHARGE \
	" coalesce(" MANAGER_ON("c.id", "?1") "," \
	"  (SELECT k.operator FROM contact k WHERE k.case_id = c.id" \
	"   AND k.date <= ?1 ORDER BY k.date DESC, k.id DESC LIMIT 1)," \
	"  (SELECT s.operator FROM case_status s WHERE s.case_id = c.id" \
	"   ORDER BY s.id LIMIT 1))"

/* The open and closed cases of programme ?2 (or all) in the charge of
 * ?3 (or anyone) on ?1 that meet cond: id, closed, then cols. */
#define QUALITY_CASES(cols, joins, cond) \
	"SELECT * FROM (SELECT c.id, c.status = 'closed'" cols "," IN_CHARGE \
	" AS op FROM cases c JOIN programme pr ON pr.id = c.programme_id" joins \
	" WHERE (c.status = 'closed' OR c.status IN " OPEN_STATUSES ")" \
	" AND (?2 IS NULL OR pr.code = ?2) AND " cond ")" \
	" WHERE ?3 IS NULL OR op = ?3 ORDER BY id"

/* The fields the reports need, of the people not erased. */
const char WF_SQL_QUALITY_FIELDS[] = QUALITY_CASES(
	", pe.tax_code, pe.citizenship, pe.citizenship_as_written,"
	" pe.name_letters, r.gender, r.education, r.disability,"
	" r.foreign_background, r.minority, r.homeless, r.rural,"
	" r.employment_status, r.employment_since",
	" JOIN person pe ON pe.id = c.person_id"
	" JOIN referral r ON r.id ="
	"  (SELECT min(x.id) FROM referral x WHERE x.case_id = c.id)",
	"pe.erased_at IS NULL");

/* Referred on or before ?4 and not screened since. */
const char WF_SQL_QUALITY_UNSCREENED[] = QUALITY_CASES("", "",
	"c.status = 'referred' AND c.status_date <= ?4");

/* A placement going on past its planned end. */
const char WF_SQL_QUALITY_PLACEMENTS[] = QUALITY_CASES("", "",
	"c.id IN (SELECT p.case_id FROM placement p"
	" WHERE p.status IN ('active', 'suspended') AND p.end_date < ?1)");

/* A person flagged as a possible duplicate, not yet reviewed. */
const char WF_SQL_QUALITY_DUPLICATES[] = QUALITY_CASES("", "",
	"c.person_id IN (SELECT person_id FROM person_duplicate"
	" WHERE decision IS NULL)");

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

/* The cases of ?2 (or all) opened by ?1, by their status then. */
const char WF_SQL_VIEW_STATUSES[] =
	"SELECT" CASE_STATUS_ON("c", "?1") ", count(*) FROM cases c"
	" JOIN programme pr ON pr.id = c.programme_id"
	" WHERE c.opened_on <= ?1 AND (?2 IS NULL OR pr.code = ?2) GROUP BY 1";

#define VIEW_PROGRAMME_OF(col) \
	" AND (?2 IS NULL OR EXISTS (SELECT 1 FROM cases oc" \
	"  JOIN programme og ON og.id = oc.programme_id WHERE oc.id = " col \
	"  AND og.code = ?2))"

/* How many cases of ?2 (or all) reached each step by ?1: screened,
 * assessing, eligible (the decision), planned (a plan), placed. */
const char WF_SQL_VIEW_STEPS[] =
	"SELECT (SELECT count(DISTINCT s.case_id) FROM case_status s"
	"  WHERE s.status = 'screened' AND s." WF_SQL_PAST_REFERRAL
	"  AND s.effective_date <= ?1"
	VIEW_PROGRAMME_OF("s.case_id") "),"
	" (SELECT count(DISTINCT s.case_id) FROM case_status s"
	"  WHERE s.status = 'assessing' AND s." WF_SQL_PAST_REFERRAL
	"  AND s.effective_date <= ?1"
	VIEW_PROGRAMME_OF("s.case_id") "),"
	" (SELECT count(DISTINCT d.case_id) FROM decision d"
	"  WHERE d.decision = 'eligible' AND d.date <= ?1"
	VIEW_PROGRAMME_OF("d.case_id") "),"
	" (SELECT count(DISTINCT p.case_id) FROM plan p WHERE p.agreed_on <= ?1"
	VIEW_PROGRAMME_OF("p.case_id") "),"
	" (SELECT count(DISTINCT s.case_id) FROM case_status s"
	"  WHERE s.status = 'placed' AND s." WF_SQL_PAST_REFERRAL
	"  AND s.effective_date <= ?1"
	VIEW_PROGRAMME_OF("s.case_id") ")";

/* ---- reportperiod.c ------------------------------------------------------ */
/* Every query: ?1 the first day, ?2 the last, ?3 a programme or NULL. */

/* One programme's (?3) or all: looked up for each row read, not by
 * listing the programme's cases. */
#define PROGRAMME_OF(col) \
	" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM cases oc" \
	"  JOIN programme og ON og.id = oc.programme_id WHERE oc.id = " col \
	"  AND og.code = ?3))"

const char WF_SQL_PERIOD_REFERRERS[] =
	"SELECT o.code, count(*) FROM referral r"
	" JOIN organisation o ON o.id = r.referrer_id"
	" WHERE r.date BETWEEN ?1 AND ?2" PROGRAMME_OF("r.case_id")
	" GROUP BY o.code ORDER BY o.code";

const char WF_SQL_PERIOD_EMPLOYMENT[] =
	"SELECT r.employment_status, count(*) FROM referral r"
	" WHERE r.date BETWEEN ?1 AND ?2" PROGRAMME_OF("r.case_id")
	" GROUP BY 1 ORDER BY 1";

/* Each referral's date, birth date and certifications, for the groups. */
const char WF_SQL_PERIOD_GROUPS[] =
	"SELECT r.date, pe.birth_date,"
	" (SELECT group_concat(k.kind, ' ') FROM certification k"
	"  WHERE k.referral_id = r.id)"
	" FROM referral r JOIN person pe ON pe.id = r.person_id"
	" WHERE r.date BETWEEN ?1 AND ?2" PROGRAMME_OF("r.case_id");

const char WF_SQL_PERIOD_SCREENING[] =
	"SELECT s.status, s.reasons FROM case_status s"
	" WHERE (s.status = 'screened' OR s.status = 'rejected')"
	" AND s." WF_SQL_PAST_REFERRAL
	" AND s.effective_date BETWEEN ?1 AND ?2" PROGRAMME_OF("s.case_id");

const char WF_SQL_PERIOD_SESSIONS[] =
	"SELECT count(*), count(DISTINCT a.case_id) FROM assessment_session a"
	" WHERE a.date BETWEEN ?1 AND ?2" PROGRAMME_OF("a.case_id");

const char WF_SQL_PERIOD_DECISIONS[] =
	"SELECT d.decision, count(*) FROM decision d"
	" WHERE d.date BETWEEN ?1 AND ?2" PROGRAMME_OF("d.case_id")
	" GROUP BY 1 ORDER BY 1";

const char WF_SQL_PERIOD_PLANS[] =
	"SELECT CASE WHEN p.version = 1 THEN 'agreed' ELSE 'revised' END,"
	" count(*) FROM plan p WHERE p.agreed_on BETWEEN ?1 AND ?2"
	PROGRAMME_OF("p.case_id") " GROUP BY 1 ORDER BY 1";

/* Placements whose first start falls in the period, by kind. */
const char WF_SQL_PERIOD_STARTED[] =
	"SELECT p.type, count(*) FROM placement_status s"
	" JOIN placement p ON p.id = s.placement_id"
	" WHERE s.status = 'active' AND s.effective_date BETWEEN ?1 AND ?2"
	" AND NOT EXISTS (SELECT 1 FROM placement_status t"
	"  WHERE t.placement_id = s.placement_id AND +t.status = 'active'"
	"  AND t.id < s.id)" PROGRAMME_OF("p.case_id")
	" GROUP BY 1 ORDER BY 1";

const char WF_SQL_PERIOD_ENDED[] =
	"SELECT s.outcome, count(*) FROM placement_status s"
	" JOIN placement p ON p.id = s.placement_id"
	" WHERE s.status = 'ended' AND s.effective_date BETWEEN ?1 AND ?2"
	PROGRAMME_OF("p.case_id") " GROUP BY 1 ORDER BY 1";

/* Placements active on the last day: kind and host. */
const char WF_SQL_PERIOD_ACTIVE[] =
	"SELECT p.type, o.code FROM placement p"
	" JOIN organisation o ON o.id = p.host_id"
	" WHERE p.id IN" PLACEMENTS_RUNNING_BY("?2")
	" AND" PLACEMENT_STATUS_ON("p", "?2") " = 'active'"
	" AND ?1 IS NOT NULL" PROGRAMME_OF("p.case_id");

/* Placements that never started, cancelled in the period (with the case,
 * mostly): no outcome, so apart from the ended. */
const char WF_SQL_PERIOD_CANCELLED[] =
	"SELECT count(*) FROM placement_status s"
	" JOIN placement p ON p.id = s.placement_id"
	" WHERE s.status = 'cancelled' AND s.effective_date BETWEEN ?1 AND ?2"
	PROGRAMME_OF("p.case_id");

const char WF_SQL_PERIOD_CONTACTS[] =
	"SELECT k.party, count(*) FROM contact k"
	" WHERE k.date BETWEEN ?1 AND ?2" PROGRAMME_OF("k.case_id")
	" GROUP BY 1 ORDER BY 1";

/* Cases open on the last day whose latest risk seen by then is high. */
const char WF_SQL_PERIOD_HIGH_RISK[] =
	"SELECT count(*) FROM cases c WHERE c.id IN" CASES_OPEN_BY("?2")
	" AND c.opened_on <= ?2 AND ?1 IS NOT NULL"
	" AND" CASE_STATUS_ON("c", "?2") " IN " OPEN_STATUSES
	" AND (SELECT k.risk FROM contact k WHERE k.case_id = c.id"
	"  AND k.risk IS NOT NULL AND k.date <= ?2"
	"  ORDER BY k.date DESC, k.id DESC LIMIT 1) = 'high'"
	PROGRAMME_OF("c.id");

const char WF_SQL_PERIOD_CLOSURES[] =
	"SELECT z.outcome, count(*) FROM case_closure z"
	" WHERE z.date BETWEEN ?1 AND ?2" PROGRAMME_OF("z.case_id")
	" GROUP BY 1 ORDER BY 1";

/* The day each case that took a step in the period reached each step:
 * referral, screening, the eligibility decision, the first plan, the
 * first placement started. */
const char WF_SQL_PERIOD_STEPS[] =
	"WITH k (id) AS (SELECT s.case_id FROM case_status s"
	"  WHERE s.status IN ('screened', 'rejected') AND s." WF_SQL_PAST_REFERRAL
	"  AND s.effective_date BETWEEN ?1 AND ?2"
	" UNION SELECT d.case_id FROM decision d WHERE d.decision <> 'deferred'"
	"  AND d.date BETWEEN ?1 AND ?2"
	" UNION SELECT p.case_id FROM plan p WHERE p.agreed_on BETWEEN ?1 AND ?2"
	" UNION SELECT p.case_id FROM placement_status s"
	"  JOIN placement p ON p.id = s.placement_id WHERE s.status = 'active'"
	"  AND s.effective_date BETWEEN ?1 AND ?2)"
	" SELECT c.opened_on,"
	" (SELECT min(s.effective_date) FROM case_status s WHERE s.case_id = c.id"
	"  AND (s.status = 'screened' OR s.status = 'rejected')),"
	" (SELECT min(d.date) FROM decision d WHERE d.case_id = c.id"
	"  AND d.decision <> 'deferred'),"
	" (SELECT min(p.agreed_on) FROM plan p WHERE p.case_id = c.id),"
	" (SELECT min(s.effective_date) FROM placement_status s"
	"  JOIN placement p ON p.id = s.placement_id WHERE p.case_id = c.id"
	"  AND +s.status = 'active')"
	" FROM cases c JOIN k ON k.id = c.id WHERE 1 = 1" PROGRAMME_OF("c.id");

/* ---- reportindicators.c -------------------------------------------------- */

/* The cases of the people who, in a programme (?2, or any), agreed a
 * plan or closed a case from ?3 to ?1: each that entered (agreed a plan)
 * by ?1, with the facts at entry from its first referral and its status
 * as of ?1; grouped by person and programme, first entry first, so that
 * re-entries follow the first. */
const char WF_SQL_ESF_CASES[] =
	"WITH pp (person_key, programme_id) AS (SELECT"
	"  coalesce(w.same_as, w.id), c.programme_id FROM plan p"
	"  JOIN cases c ON c.id = p.case_id JOIN person w ON w.id = c.person_id"
	"  WHERE p.agreed_on BETWEEN ?3 AND ?1"
	" UNION SELECT coalesce(w.same_as, w.id), c.programme_id"
	"  FROM case_closure z JOIN cases c ON c.id = z.case_id"
	"  JOIN person w ON w.id = c.person_id WHERE z.date BETWEEN ?3 AND ?1)"
	" SELECT e.person_key, e.programme_id, e.id, e.entered,"
	CASE_STATUS_ON("e", "?1") ","
	" (CASE WHEN e.status_date <= ?1 THEN e.status_date ELSE"
	"  (SELECT s.effective_date FROM case_status s WHERE s.case_id = e.id"
	"  AND s.effective_date <= ?1 ORDER BY s.effective_date DESC, s.id DESC"
	"  LIMIT 1) END),"
	" pe.birth_date, r.employment_status, r.employment_since, r.gender,"
	" r.education, r.disability, pe.citizenship, r.foreign_background,"
	" r.minority, r.homeless, r.rural"
	" FROM (SELECT c.id, c.person_id, pp.person_key, c.programme_id,"
	"  c.status, c.status_date, (SELECT min(p.agreed_on) FROM plan p"
	"  WHERE p.case_id = c.id AND p.agreed_on <= ?1) AS entered"
	"  FROM pp JOIN person w ON w.id = pp.person_key"
	"  OR w.same_as = pp.person_key"
	"  JOIN cases c ON c.person_id = w.id"
	"  AND c.programme_id = pp.programme_id"
	"  JOIN programme g ON g.id = c.programme_id"
	"  WHERE ?2 IS NULL OR g.code = ?2) e"
	" JOIN person pe ON pe.id = e.person_id"
	" JOIN referral r ON r.id ="
	"  (SELECT min(x.id) FROM referral x WHERE x.case_id = e.id)"
	" WHERE e.entered IS NOT NULL"
	" ORDER BY e.person_key, e.programme_id, e.entered, e.id";

const char WF_SQL_ESF_FOLLOW_UPS[] =
	"SELECT at, date, situation FROM follow_up WHERE case_id = ?"
	" ORDER BY date, id";

/* ---- casestep.c -------------------------------------------------------- */

/* A case's step to a status on a day (the latest such), with the status
 * and date of the step before it and the date of the one after. */
const char WF_SQL_STEP_FIND[] =
	"SELECT s.id,"
	" (SELECT p.status FROM case_status p WHERE p.case_id = s.case_id"
	"  AND p.id < s.id ORDER BY p.id DESC LIMIT 1),"
	" (SELECT p.effective_date FROM case_status p WHERE p.case_id = s.case_id"
	"  AND p.id < s.id ORDER BY p.id DESC LIMIT 1),"
	" (SELECT n.effective_date FROM case_status n WHERE n.case_id = s.case_id"
	"  AND n.id > s.id ORDER BY n.id LIMIT 1)"
	" FROM case_status s WHERE s.case_id = ? AND s.status = ?"
	" AND s.effective_date = ? ORDER BY s.id DESC LIMIT 1";

const char WF_SQL_STEP_REDATE[] =
	"UPDATE case_status SET effective_date = ? WHERE id = ?";

const char WF_SQL_STEP_DEL[] =
	"DELETE FROM case_status WHERE id = ?";

/* The case is what its latest step says. */
const char WF_SQL_STEP_SYNC[] =
	"UPDATE cases SET (status, status_date) = (SELECT status, effective_date"
	"  FROM case_status WHERE case_id = cases.id ORDER BY id DESC LIMIT 1)"
	" WHERE id = ?1";

/* ---- assessamend.c ----------------------------------------------------- */

const char WF_SQL_ASSESS_SESSION_SET[] =
	"UPDATE assessment_session SET case_id = ?, date = ?, type = ?,"
	" assessor_id = ?, participants = ?, notes = ? WHERE id = ?";

/* A corrected session's lists go, to be written again as corrected. */
const char WF_SQL_ASSESS_SESSION_CLEAR[] =
	"DELETE FROM skill WHERE session_id = ?1;"
	"DELETE FROM prerequisite WHERE session_id = ?1;"
	"DELETE FROM fragility WHERE session_id = ?1";

/* The earliest session of a case: the one that opened its assessment. */
const char WF_SQL_ASSESS_FIRST_SESSION[] =
	"SELECT min(date) FROM assessment_session WHERE case_id = ?";

/* The status a case had on a day: its latest step effective by then. */
const char WF_SQL_CASE_STATUS_ON[] =
	"SELECT status FROM case_status WHERE case_id = ? AND effective_date <= ?"
	" ORDER BY effective_date DESC, id DESC LIMIT 1";

const char WF_SQL_DECISION_GET[] =
	"SELECT id, case_id, date, decision, reason, review_on, decided_by"
	" FROM decision WHERE id = ?";

/* The case's decision after this one, if any. */
const char WF_SQL_DECISION_LATER[] =
	"SELECT count(*) FROM decision d, decision x WHERE x.id = ?"
	" AND d.case_id = x.case_id AND (d.date > x.date"
	"  OR (d.date = x.date AND d.id > x.id))";

const char WF_SQL_DECISION_SET[] =
	"UPDATE decision SET date = ?, decision = ?, reason = ?, review_on = ?,"
	" decided_by = ? WHERE id = ?";

const char WF_SQL_STEP_REASONS[] =
	"UPDATE case_status SET reasons = ? WHERE id = ?";

/* ---- referamend.c ------------------------------------------------------ */

/* A case's Nth referral (from 0), with its referrer's code. */
const char WF_SQL_REFERRAL_NTH[] =
	"SELECT r.id, r.case_id, r.date, o.code, r.referrer_contact,"
	" r.employment_status, r.employment_since, r.gender, r.education,"
	" r.disability, r.needs, r.notes, r.foreign_background, r.minority,"
	" r.homeless, r.rural"
	" FROM referral r JOIN organisation o ON o.id = r.referrer_id"
	" WHERE r.case_id = ? ORDER BY r.id LIMIT 1 OFFSET ?";

const char WF_SQL_REFERRAL_BIRTH[] =
	"SELECT p.birth_date FROM cases c JOIN person p ON p.id = c.person_id"
	" WHERE c.id = ?";

const char WF_SQL_REFERRAL_SET[] =
	"UPDATE referral SET referrer_id = ?, referrer_contact = ?, date = ?,"
	" employment_status = ?, employment_since = ?, needs = ?, notes = ?,"
	" gender = ?, education = ?, disability = ?10, foreign_background = ?12,"
	" minority = ?13, homeless = ?14, rural = ?15 WHERE id = ?11";

const char WF_SQL_REFERRAL_CERTS_DEL[] =
	"DELETE FROM certification WHERE referral_id = ?1";

const char WF_SQL_REFERRAL_OPENED[] =
	"UPDATE cases SET opened_on = ? WHERE id = ?";

/* ---- closeamend.c ------------------------------------------------------ */

const char WF_SQL_CLOSING_GET[] =
	"SELECT id, case_id, date, outcome, recommendations FROM case_closure"
	" WHERE id = ?";

const char WF_SQL_CLOSING_SET[] =
	"UPDATE case_closure SET date = ?, outcome = ?, recommendations = ?"
	" WHERE id = ?";

/* A placement of the case ended or cancelled on the closing's date. */
const char WF_SQL_CLOSING_PLACEMENT[] =
	"SELECT ps.placement_id FROM placement_status ps"
	" JOIN placement p ON p.id = ps.placement_id WHERE p.case_id = ?"
	" AND ps.effective_date = ? AND ps.status IN ('ended', 'cancelled')"
	" ORDER BY ps.id LIMIT 1";

/* A contact after a day, before the next step (a reopening) if any. */
const char WF_SQL_CLOSING_CONTACT[] =
	"SELECT id FROM contact WHERE case_id = ? AND date > ?2"
	" AND (?3 IS NULL OR date < ?3) ORDER BY date, id LIMIT 1";

const char WF_SQL_ATTEND_GET[] =
	"SELECT a.placement_id, p.case_id, a.month, a.hours_attended,"
	" a.hours_planned, a.due_cents, p.stipend_cents"
	" FROM attendance a JOIN placement p ON p.id = a.placement_id"
	" WHERE a.placement_id = ? AND a.month = ?";

/* A follow-up voided, and restored. */
const char WF_SQL_VOID_FOLLOW_UP[] =
	"INSERT INTO voided (kind, record_id, record_num, case_id, data, reason,"
	" voided_at, operator) SELECT 'follow_up', CAST(id AS TEXT), id, case_id,"
	" json_object('id', id, 'case_id', case_id, 'at', at, 'date', date,"
	" 'situation', situation, 'notes', notes, 'operator', operator,"
	" 'recorded_at', recorded_at), ?2, ?3, ?4"
	" FROM follow_up WHERE id = ?1";

const char WF_SQL_VOID_FOLLOW_UP_DEL[] =
	"DELETE FROM follow_up WHERE id = ?";

const char WF_SQL_UNVOID_FOLLOW_UP[] =
	"INSERT INTO follow_up (id, case_id, at, date, situation, notes,"
	" operator, recorded_at) SELECT d ->> 'id', d ->> 'case_id', d ->> 'at',"
	" d ->> 'date', d ->> 'situation', d ->> 'notes', d ->> 'operator',"
	" d ->> 'recorded_at'"
	" FROM (SELECT data AS d FROM voided WHERE kind = 'follow_up'"
	" AND record_id = ?1)";

/* An attendance voided, and restored: its id is PLACEMENT/MONTH. */
const char WF_SQL_VOID_ATTENDANCE[] =
	"INSERT INTO voided (kind, record_id, case_id, data, reason, voided_at,"
	" operator) SELECT 'attendance', a.placement_id || '/' || a.month,"
	" p.case_id, json_object('placement_id', a.placement_id, 'month',"
	" a.month, 'hours_attended', a.hours_attended, 'hours_planned',"
	" a.hours_planned, 'due_cents', a.due_cents, 'recorded_at',"
	" a.recorded_at, 'operator', a.operator), ?2, ?3, ?4"
	" FROM attendance a JOIN placement p ON p.id = a.placement_id"
	" WHERE a.placement_id || '/' || a.month = ?1";

const char WF_SQL_VOID_ATTENDANCE_DEL[] =
	"DELETE FROM attendance WHERE placement_id || '/' || month = ?";

const char WF_SQL_UNVOID_ATTENDANCE[] =
	"INSERT INTO attendance (placement_id, month, hours_attended,"
	" hours_planned, due_cents, recorded_at, operator)"
	" SELECT d ->> 'placement_id', d ->> 'month', d ->> 'hours_attended',"
	" d ->> 'hours_planned', d ->> 'due_cents', d ->> 'recorded_at',"
	" d ->> 'operator'"
	" FROM (SELECT data AS d FROM voided WHERE kind = 'attendance'"
	" AND record_id = ?1)";

/* A session voided with its skills, prerequisites and profile, and back;
 * its number stays taken. */
const char WF_SQL_VOID_SESSION[] =
	"INSERT INTO voided (kind, record_id, record_num, case_id, data, reason,"
	" voided_at, operator) SELECT 'session', CAST(s.id AS TEXT), s.id,"
	" s.case_id, json_object('id', s.id, 'case_id', s.case_id, 'date',"
	" s.date, 'type', s.type, 'assessor_id', s.assessor_id, 'participants',"
	" s.participants, 'notes', s.notes, 'recorded_at', s.recorded_at,"
	" 'operator', s.operator,"
	" 'skills', (SELECT json_group_array(json_object('name', name, 'kind',"
	"  kind, 'level', level, 'evidence', evidence)) FROM skill"
	"  WHERE session_id = s.id),"
	" 'prerequisites', (SELECT json_group_array(json_object('item', item,"
	"  'value', value, 'note', note)) FROM prerequisite"
	"  WHERE session_id = s.id),"
	" 'fragility', (SELECT json_group_array(json_object('area', area,"
	"  'level', level, 'note', note)) FROM fragility"
	"  WHERE session_id = s.id)), ?2, ?3, ?4"
	" FROM assessment_session s WHERE s.id = ?1";

const char WF_SQL_VOID_SESSION_DEL[] =
	"DELETE FROM assessment_session WHERE id = ?";

const char WF_SQL_UNVOID_SESSION[] =
	"INSERT INTO assessment_session (id, case_id, date, type, assessor_id,"
	" participants, notes, recorded_at, operator)"
	" SELECT d ->> 'id', d ->> 'case_id', d ->> 'date', d ->> 'type',"
	" d ->> 'assessor_id', d ->> 'participants', d ->> 'notes',"
	" d ->> 'recorded_at', d ->> 'operator'"
	" FROM (SELECT data AS d FROM voided WHERE kind = 'session'"
	" AND record_id = ?1)";

#define VOIDED_SESSION \
	" FROM (SELECT data AS d FROM voided WHERE kind = 'session'" \
	" AND record_num = ?1)"
const char WF_SQL_UNVOID_SESSION_ROWS[] =
	"INSERT INTO skill (session_id, name, kind, level, evidence)"
	" SELECT ?1, j.value ->> 'name', j.value ->> 'kind', j.value ->> 'level',"
	" j.value ->> 'evidence'" VOIDED_SESSION ", json_each(d, '$.skills') j"
	" ORDER BY j.key;"
	"INSERT INTO prerequisite (session_id, item, value, note)"
	" SELECT ?1, j.value ->> 'item', j.value ->> 'value', j.value ->> 'note'"
	VOIDED_SESSION ", json_each(d, '$.prerequisites') j ORDER BY j.key;"
	"INSERT INTO fragility (session_id, area, level, note)"
	" SELECT ?1, j.value ->> 'area', j.value ->> 'level', j.value ->> 'note'"
	VOIDED_SESSION ", json_each(d, '$.fragility') j ORDER BY j.key";

const char WF_SQL_PROG_CODES[] =
	"SELECT group_concat(code, ', ') FROM (SELECT code FROM programme"
	" ORDER BY code)";
