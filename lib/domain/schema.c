/*
 * schema.c - the tables of the store and their forward migrations. The
 * schema version is PRAGMA user_version: migration N takes a store from
 * version N-1 to N, inside one transaction, in place. A store newer than
 * this build is refused rather than misread. Add migrations at the end;
 * never edit one that has shipped.
 *
 * SQL here keeps to types PostgreSQL has too, for the engine to come;
 * "cases" is plural because CASE is a keyword.
 */
#include <stdio.h>
#include <string.h>

#include "auditchain.h"
#include "scope.h"

static const char *const migrations[] = {
	/* 1: organisations, programmes, people, cases, referrals, audit */
	"PRAGMA application_id = 1464224855;"
	"CREATE TABLE organisation ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  employees INTEGER,"
	"  municipality TEXT, address TEXT, email TEXT, phone TEXT, notes TEXT,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL);"
	"CREATE TABLE organisation_role ("
	"  organisation_id INTEGER NOT NULL REFERENCES organisation(id)"
	"    ON DELETE CASCADE,"
	"  role TEXT NOT NULL,"
	"  PRIMARY KEY (organisation_id, role));"
	"CREATE TABLE programme ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  definition TEXT NOT NULL,"         /* the file as loaded, JSON */
	"  loaded_at TEXT NOT NULL);"
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  tax_code TEXT UNIQUE,"
	"  first_name TEXT NOT NULL,"
	"  last_name TEXT NOT NULL,"
	"  birth_date TEXT NOT NULL,"
	"  sex TEXT, birth_place TEXT, citizenship TEXT,"
	"  municipality TEXT, address TEXT, phone TEXT, email TEXT,"
	"  match_key TEXT NOT NULL,"          /* folded names and birth date */
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX person_match ON person(match_key);"
	"CREATE TABLE person_duplicate ("      /* flagged, never merged */
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  other_id INTEGER NOT NULL REFERENCES person(id),"
	"  PRIMARY KEY (person_id, other_id));"
	"CREATE TABLE case_seq ("
	"  year INTEGER PRIMARY KEY,"
	"  last INTEGER NOT NULL);"
	"CREATE TABLE cases ("
	"  id TEXT PRIMARY KEY,"              /* YYYY-NNNN */
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  programme_id INTEGER NOT NULL REFERENCES programme(id),"
	"  status TEXT NOT NULL,"
	"  status_date TEXT NOT NULL,"        /* effective date of status */
	"  opened_on TEXT NOT NULL,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX cases_person ON cases(person_id, programme_id);"
	"CREATE INDEX cases_status ON cases(status);"
	"CREATE TABLE case_status ("           /* every change, effective dated */
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  status TEXT NOT NULL,"
	"  effective_date TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  note TEXT,"
	"  reasons TEXT);"                    /* JSON list, for rejections */
	"CREATE INDEX case_status_case ON case_status(case_id, effective_date);"
	"CREATE TABLE referral ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  referrer_id INTEGER NOT NULL REFERENCES organisation(id),"
	"  referrer_contact TEXT,"
	"  date TEXT NOT NULL,"
	"  employment_status TEXT NOT NULL,"  /* the situation at referral */
	"  employment_since TEXT,"
	"  needs TEXT,"                       /* JSON list */
	"  notes TEXT,"
	"  recorded_at TEXT NOT NULL);"
	"CREATE INDEX referral_case ON referral(case_id);"
	"CREATE TABLE certification ("
	"  id INTEGER PRIMARY KEY,"
	"  referral_id INTEGER NOT NULL REFERENCES referral(id),"
	"  kind TEXT NOT NULL,"
	"  since TEXT,"
	"  invalidity_percent INTEGER,"
	"  issued_by TEXT,"
	"  details TEXT);"
	"CREATE INDEX certification_referral ON certification(referral_id);"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  command TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  entity_id TEXT NOT NULL,"
	"  detail TEXT);"
	"CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;"
	"CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;",

	/* 2: assessment sessions, skills, prerequisites, fragility profile,
	 * decisions, and the versioned project and plan */
	"CREATE TABLE assessment_session ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  date TEXT NOT NULL,"
	"  type TEXT NOT NULL,"
	"  assessor_id INTEGER REFERENCES organisation(id),"
	"  participants TEXT,"                /* JSON list of {name, role} */
	"  notes TEXT,"
	"  recorded_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL);"
	"CREATE INDEX assessment_session_case ON assessment_session(case_id, date);"
	"CREATE TABLE skill ("
	"  id INTEGER PRIMARY KEY,"
	"  session_id INTEGER NOT NULL REFERENCES assessment_session(id),"
	"  name TEXT NOT NULL, kind TEXT NOT NULL, level TEXT NOT NULL,"
	"  evidence TEXT);"
	"CREATE INDEX skill_session ON skill(session_id);"
	"CREATE TABLE prerequisite ("
	"  id INTEGER PRIMARY KEY,"
	"  session_id INTEGER NOT NULL REFERENCES assessment_session(id),"
	"  item TEXT NOT NULL, value TEXT NOT NULL, note TEXT);"
	"CREATE INDEX prerequisite_session ON prerequisite(session_id);"
	"CREATE TABLE fragility ("
	"  id INTEGER PRIMARY KEY,"
	"  session_id INTEGER NOT NULL REFERENCES assessment_session(id),"
	"  area TEXT NOT NULL, level TEXT NOT NULL, note TEXT);"
	"CREATE INDEX fragility_session ON fragility(session_id);"
	"CREATE TABLE decision ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  date TEXT NOT NULL,"
	"  decision TEXT NOT NULL,"           /* eligible, ineligible, deferred */
	"  reason TEXT, review_on TEXT, decided_by TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL);"
	"CREATE INDEX decision_case ON decision(case_id, date);"
	"CREATE TABLE plan ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  version INTEGER NOT NULL,"
	"  agreed_on TEXT NOT NULL,"
	"  notes TEXT,"
	"  recorded_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  UNIQUE (case_id, version));"
	"CREATE TABLE plan_goal ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plan(id),"
	"  ref TEXT NOT NULL, description TEXT NOT NULL, outcome TEXT NOT NULL,"
	"  target_date TEXT NOT NULL);"
	"CREATE INDEX plan_goal_plan ON plan_goal(plan_id);"
	"CREATE TABLE plan_action ("
	"  id INTEGER PRIMARY KEY,"
	"  plan_id INTEGER NOT NULL REFERENCES plan(id),"
	"  kind TEXT NOT NULL,"
	"  provider_id INTEGER NOT NULL REFERENCES organisation(id),"
	"  start TEXT NOT NULL, end_date TEXT NOT NULL, hours INTEGER,"
	"  goal TEXT, notes TEXT);"
	"CREATE INDEX plan_action_plan ON plan_action(plan_id);",

	/* 3: placements, their life, attendance; closing a case */
	"CREATE TABLE placement ("
	"  id TEXT PRIMARY KEY,"              /* CASE.N, 2026-0005.1 */
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  type TEXT NOT NULL,"
	"  host_id INTEGER NOT NULL REFERENCES organisation(id),"
	"  host_tutor TEXT, host_tutor_contact TEXT, service_tutor TEXT,"
	"  start TEXT NOT NULL,"
	"  end_date TEXT NOT NULL,"           /* planned end, extended */
	"  hours_week INTEGER,"
	"  stipend_cents INTEGER,"
	"  meals INTEGER NOT NULL DEFAULT 0,"
	"  funding TEXT,"
	"  plan_action INTEGER,"              /* number in the current plan */
	"  contract TEXT, law68_quota INTEGER,"
	"  status TEXT NOT NULL,"
	"  status_date TEXT NOT NULL,"
	"  outcome TEXT, reason TEXT, hire TEXT,"
	"  notes TEXT,"
	"  created_at TEXT NOT NULL);"
	"CREATE INDEX placement_case ON placement(case_id);"
	"CREATE INDEX placement_host ON placement(host_id, status);"
	"CREATE TABLE placement_status ("
	"  id INTEGER PRIMARY KEY,"
	"  placement_id TEXT NOT NULL REFERENCES placement(id),"
	"  status TEXT NOT NULL,"
	"  effective_date TEXT NOT NULL,"
	"  outcome TEXT, reason TEXT, note TEXT,"
	"  recorded_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL);"
	"CREATE INDEX placement_status_placement"
	"  ON placement_status(placement_id, effective_date);"
	"CREATE TABLE attendance ("
	"  placement_id TEXT NOT NULL REFERENCES placement(id),"
	"  month TEXT NOT NULL,"              /* YYYY-MM */
	"  hours_attended INTEGER NOT NULL,"
	"  hours_planned INTEGER NOT NULL,"
	"  due_cents INTEGER NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  PRIMARY KEY (placement_id, month));"
	"CREATE TABLE case_closure ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  date TEXT NOT NULL,"
	"  outcome TEXT NOT NULL,"
	"  recommendations TEXT,"
	"  recorded_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL);"
	"CREATE INDEX case_closure_case ON case_closure(case_id);",

	/* 4: monitoring contacts */
	"CREATE TABLE contact ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  placement_id TEXT REFERENCES placement(id),"
	"  date TEXT NOT NULL,"
	"  party TEXT NOT NULL,"              /* person, tutor, family, ... */
	"  how TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"           /* who met them */
	"  provider_id INTEGER REFERENCES organisation(id),"
	"  risk TEXT,"
	"  next_steps TEXT, notes TEXT,"
	"  next_date TEXT,"                   /* the next contact agreed */
	"  recorded_at TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL);"
	"CREATE INDEX contact_case ON contact(case_id, party, date);",

	/* 5: what the funder's indicators need: the sensitive fields at entry
	 * (NULL is unknown; 'declined' is a refusal, counted apart), and the
	 * situation after leaving, within four weeks and six months on */
	"ALTER TABLE referral ADD COLUMN gender TEXT;"
	"ALTER TABLE referral ADD COLUMN education TEXT;"   /* ISCED band */
	"ALTER TABLE referral ADD COLUMN disability TEXT;"
	"CREATE TABLE follow_up ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  at TEXT NOT NULL,"                 /* leaving, six_months */
	"  date TEXT NOT NULL,"
	"  situation TEXT NOT NULL,"          /* JSON list */
	"  notes TEXT,"
	"  operator TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL);"
	"CREATE INDEX follow_up_case ON follow_up(case_id, at, date);",

	/* 6: a placement that never started is cancelled, not ended: only
	 * one that ran has an outcome, and the interruptions funders see
	 * are real ones */
	"UPDATE placement_status SET status = 'cancelled', outcome = NULL"
	"  WHERE status = 'ended' AND NOT EXISTS (SELECT 1"
	"  FROM placement_status a WHERE a.status = 'active'"
	"  AND a.placement_id = placement_status.placement_id);"
	"UPDATE placement SET status = 'cancelled', outcome = NULL, hire = NULL"
	"  WHERE status = 'ended' AND NOT EXISTS (SELECT 1"
	"  FROM placement_status a WHERE a.status = 'active'"
	"  AND a.placement_id = placement.id);",

	/* 7: the indexes the reports and the working lists read by: what
	 * happened in a period by its effective date; what stood on a day,
	 * from the cases and placements not closed before it; a case's
	 * contacts in date order, and the latest that judged the risk. The
	 * referrals have none by date: a period's are counted by reading
	 * them all, a small table, so that taking them in pays for nothing */
	"CREATE INDEX case_status_status ON case_status(status, effective_date)"
	"  WHERE " WF_SQL_PAST_REFERRAL ";"
	"CREATE INDEX cases_status_date ON cases(status, status_date)"
	"  WHERE " WF_SQL_PAST_REFERRAL ";"
	"CREATE INDEX assessment_session_date ON assessment_session(date);"
	"CREATE INDEX decision_date ON decision(date);"
	"CREATE INDEX plan_agreed ON plan(agreed_on);"
	"CREATE INDEX placement_status_status"
	"  ON placement_status(status, effective_date);"
	"CREATE INDEX placement_status_date ON placement(status, status_date);"
	"CREATE INDEX contact_date ON contact(date, party);"
	/* what the due rule reads of a case's contacts, statuses and
	 * placement changes, in the order it reads them, in the index
	 * itself: a page or two a case, and nothing to sort */
	"CREATE INDEX contact_case_date ON contact(case_id, date, id, party,"
	"  next_date, operator, placement_id);"
	"DROP INDEX case_status_case;"
	"CREATE INDEX case_status_case"
	"  ON case_status(case_id, effective_date, id, status, operator);"
	"DROP INDEX placement_status_placement;"
	"CREATE INDEX placement_status_placement"
	"  ON placement_status(placement_id, id, effective_date, status);"
	"CREATE INDEX contact_risk ON contact(case_id, date)"
	"  WHERE risk IS NOT NULL;"
	"DROP INDEX contact_case;"
	"CREATE INDEX case_closure_date ON case_closure(date);",

	/* 8: the audit trail as a record: the login of the process beside
	 * the declared operator, the case and person an entry is about, and
	 * each entry sealed to the one before it (the seal and the guards
	 * follow, in steps[]) */
	"ALTER TABLE audit ADD COLUMN login TEXT;"
	"ALTER TABLE audit ADD COLUMN case_id TEXT;"
	"ALTER TABLE audit ADD COLUMN person_id INTEGER;"
	"ALTER TABLE audit ADD COLUMN detail_sha TEXT;"
	"ALTER TABLE audit ADD COLUMN prev TEXT;"
	"ALTER TABLE audit ADD COLUMN hash TEXT;"
	"ALTER TABLE audit ADD COLUMN redacted_by INTEGER;"
	"DROP TRIGGER audit_append_only_u;"
	"DROP TRIGGER audit_append_only_d;",

	/* 9: records voided, entered by mistake: moved here whole, out of
	 * every list, due computation and report, until restored; their
	 * numbers stay taken (record_num), so that no new record takes the
	 * number the audit knows a voided one by */
	"CREATE TABLE voided ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  record_id TEXT NOT NULL,"
	"  record_num INTEGER,"
	"  case_id TEXT,"
	"  data TEXT NOT NULL,"               /* the row, JSON */
	"  reason TEXT NOT NULL,"
	"  voided_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  UNIQUE (kind, record_id));"
	"CREATE INDEX voided_num ON voided(kind, record_num);",

	/* 10: a person erased: when, so that nobody is erased twice and
	 * retention passes them by */
	"ALTER TABLE person ADD COLUMN erased_at TEXT;",

	/* 11: the person's consents, per purpose and recipient, given,
	 * refused or withdrawn on a date (the latest answer holds); and
	 * every disclosure of their data: what, to whom, on what basis */
	"CREATE TABLE consent ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  case_id TEXT REFERENCES cases(id),"
	"  purpose TEXT NOT NULL,"
	"  recipient_id INTEGER REFERENCES organisation(id),"  /* NULL: any */
	"  answer TEXT NOT NULL,"             /* given, refused, withdrawn */
	"  date TEXT NOT NULL,"
	"  note TEXT,"
	"  recorded_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL);"
	"CREATE INDEX consent_person ON consent(person_id, purpose, date);"
	"CREATE TABLE disclosure ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  what TEXT NOT NULL,"               /* final_report */
	"  recipient_id INTEGER NOT NULL REFERENCES organisation(id),"
	"  basis TEXT NOT NULL,"              /* consent, public_task */
	"  date TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL);"
	"CREATE INDEX disclosure_case ON disclosure(case_id);",

	/* 12: an invocation that read many cases' special-category data (a
	 * list) is one entry in the audit, and the cases it read are kept
	 * beside it, for the log of a case or person to find it; the entry's
	 * detail seals their list (the guards follow, in steps[]) */
	"CREATE TABLE audit_cases ("
	"  audit_id INTEGER NOT NULL REFERENCES audit(id),"
	"  case_id TEXT NOT NULL,"
	"  PRIMARY KEY (audit_id, case_id));"
	"CREATE INDEX audit_cases_case ON audit_cases(case_id);",

	/* 13: which invalidity a certification is of (civil, work injury,
	 * sight, hearing, war, service): Law 68/1999 sets a threshold for
	 * each, which a programme holds */
	"ALTER TABLE certification ADD COLUMN invalidity TEXT;",

	/* 14: a screening's reasons are the rules that failed, each with its
	 * code (reports count by it, whatever the language they are read
	 * in) and its facts; those kept as text before get the code their
	 * words begin with, and keep their words */
	"UPDATE case_status SET reasons = ("
	"  SELECT json_group_array(json_object('rule', CASE"
	"    WHEN substr(value, 1, 4) = 'age ' THEN 'age'"
	"    WHEN substr(value, 1, 17) = 'employment status' THEN 'employment'"
	"    WHEN substr(value, 1, 16) = 'no certification' THEN 'certification'"
	"    WHEN substr(value, 1, 12) = 'municipality' THEN 'municipality'"
	"    WHEN substr(value, 1, 29) = 'none of the alternatives hold'"
	"      THEN 'any'"
	"    ELSE 'other' END, 'text', value))"
	"  FROM json_each(case_status.reasons) WHERE type = 'text')"
	" WHERE status = 'rejected' AND json_valid(reasons)"
	"  AND json_type(reasons) = 'array';",

	/* 15: the service's operators, registered; and the case manager
	 * assigned to each case, effective-dated (the latest on a day is
	 * the one in charge that day) */
	"CREATE TABLE operator ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"       /* the name they log in with */
	"  name TEXT NOT NULL,"
	"  role TEXT,"
	"  organisation_id INTEGER REFERENCES organisation(id),"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL);"
	"CREATE TABLE case_manager ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases(id),"
	"  operator_id INTEGER NOT NULL REFERENCES operator(id),"
	"  effective_date TEXT NOT NULL,"
	"  note TEXT,"
	"  recorded_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL);"          /* who recorded it */
	"CREATE INDEX case_manager_case ON case_manager(case_id,"
	"  effective_date);",

	/* 16: the names a referral sent for a person known by tax code,
	 * when they are not the person's: both versions are kept */
	"ALTER TABLE referral ADD COLUMN sent_names TEXT;",

	/* 17: citizenship as an ISO 3166 code, with older free text that
	 * names no country kept apart and flagged; the letters the names
	 * give when a tax code's differ; the ESF+ facts a referral records;
	 * the review of possible duplicates, and the persons found to be one
	 * (same_as: the lowest id of them, on each of them) */
	"ALTER TABLE person ADD COLUMN citizenship_as_written TEXT;"
	"ALTER TABLE person ADD COLUMN name_letters TEXT;"
	"ALTER TABLE person ADD COLUMN same_as INTEGER;"
	"CREATE INDEX person_same_as ON person(same_as)"
	"  WHERE same_as IS NOT NULL;"
	"ALTER TABLE referral ADD COLUMN foreign_background TEXT;"
	"ALTER TABLE referral ADD COLUMN minority TEXT;"
	"ALTER TABLE referral ADD COLUMN homeless TEXT;"
	"ALTER TABLE referral ADD COLUMN rural TEXT;"
	"ALTER TABLE person_duplicate ADD COLUMN decision TEXT;"
	"ALTER TABLE person_duplicate ADD COLUMN decided_on TEXT;"
	"ALTER TABLE person_duplicate ADD COLUMN note TEXT;"
	"ALTER TABLE person_duplicate ADD COLUMN recorded_at TEXT;"
	"ALTER TABLE person_duplicate ADD COLUMN operator TEXT;",

	/* 18: the agencies of a shared store: which database roles act for
	 * which organisation; the organisation that runs a programme; who
	 * holds each case and how closely (1 a host, 2 the referrer, 3 a
	 * recipient of its final report, 4 the service that runs its
	 * programme), which the row-level policies read (scope.c); and the
	 * audit trail's last entry, read through a view so that a role that
	 * sees only part of the trail still chains to the whole of it */
	"CREATE TABLE org_grant ("
	"  role TEXT NOT NULL,"
	"  organisation_id INTEGER NOT NULL REFERENCES organisation(id),"
	"  granted_at TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  PRIMARY KEY (role, organisation_id));"
	"ALTER TABLE programme ADD COLUMN service_id INTEGER"
	"  REFERENCES organisation(id);"
	"CREATE VIEW case_holder AS"
	"  SELECT case_id, host_id AS organisation_id, 1 AS level"
	"  FROM placement"
	"  UNION ALL SELECT case_id, referrer_id, 2 FROM referral"
	"  UNION ALL SELECT case_id, recipient_id, 3 FROM disclosure"
	"  UNION ALL SELECT c.id, p.service_id, 4 FROM cases c"
	"  JOIN programme p ON p.id = c.programme_id"
	"  WHERE p.service_id IS NOT NULL;"
	"CREATE VIEW audit_head AS"
	"  SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1;",
};

/* What a migration needs of C after its SQL, and the SQL after that. */
static const char *const after_8[] = {
	"CREATE INDEX audit_case ON audit(case_id) WHERE case_id IS NOT NULL",
	"CREATE INDEX audit_person ON audit(person_id)"
	"  WHERE person_id IS NOT NULL",
	WF_SQL_AUDIT_GUARD_DELETE, WF_SQL_AUDIT_GUARD_UPDATE,
	WF_SQL_AUDIT_GUARD_INSERT, NULL
};

static const char *const after_12[] = {
	WF_SQL_AUDIT_CASE_GUARD_DELETE, WF_SQL_AUDIT_CASE_GUARD_UPDATE, NULL
};

static const char WF_SQL_MIGRATE_PERSONS[] =
	"SELECT id, citizenship, tax_code, first_name, last_name FROM person"
	" WHERE erased_at IS NULL";
enum {
	MIG_ID, MIG_CITIZENSHIP, MIG_TAX_CODE, MIG_FIRST_NAME, MIG_LAST_NAME
};

static const char WF_SQL_MIGRATE_PERSON_SET[] =
	"UPDATE person SET citizenship = ?1, citizenship_as_written = ?2,"
	" name_letters = ?3 WHERE id = ?4";

/* Each person's citizenship read as a country (a code, a name in
 * English or Italian), the text that names none kept apart; and a tax
 * code whose name letters the names do not give, flagged. */
static int persons_17(struct wf_store *st, struct wf_err *e)
{
	struct wf_stmt *s = wf_sql(st, WF_SQL_MIGRATE_PERSONS, e), *u;
	int rc, bad = 0;

	if (!s)
		return e->code;
	while ((rc = wf_step(s)) == WF_ROW) {
		const char *cit = wf_col_str(s, MIG_CITIZENSHIP);
		const char *tc = wf_col_str(s, MIG_TAX_CODE);
		const struct wf_country *c = wf_country_match(cit);
		int kept = cit && (!strcmp(cit, "stateless") ||
		                   !strcmp(cit, "declined"));
		char letters[7];

		wf_taxcode_name_letters(wf_col_str(s, MIG_LAST_NAME),
		                        wf_col_str(s, MIG_FIRST_NAME),
		                        letters);
		if ((bad = !(u = wf_sql(st, WF_SQL_MIGRATE_PERSON_SET, e))))
			break;
		wf_bind_text(u, 1, c ? c->alpha2 : kept ? cit : NULL);
		wf_bind_text(u, 2, cit && !c && !kept ? cit : NULL);
		wf_bind_text(u, 3, tc && strlen(tc) == 16 && strncmp(tc, letters, 6)
		                   ? letters : NULL);
		wf_bind_int64(u, 4, wf_col_int64(s, MIG_ID));
		if ((bad = wf_sql_done(st, u, e) != 0))
			break;
	}
	wf_reset(s);
	if (bad)
		return e->code;
	return rc == WF_DONE ? 0 : wf_sql_err(st, rc, e);
}

static const char *const after_none[] = { NULL };

static int nothing(struct wf_store *st, struct wf_err *e)
{
	(void)st, (void)e;
	return 0;
}

static const struct step {
	int version;
	int (*fn)(struct wf_store *st, struct wf_err *e);
	const char *const *after;
} steps[] = {
	/* the entries made before the chain: their copies of health data
	 * removed, then sealed in order */
	{ 8, wf_audit_seal, after_8 },
	{ 12, nothing, after_12 },
	{ 17, persons_17, after_none },
	{ 18, wf_scope_install, after_none },
};

static int run_steps(struct wf_store *st, int version, struct wf_err *e)
{
	int rc = 0;

	for (size_t i = 0; i < sizeof steps / sizeof steps[0] && !rc; i++) {
		if (steps[i].version != version)
			continue;
		rc = steps[i].fn(st, e);
		for (int j = 0; !rc && steps[i].after[j]; j++)
			rc = wf_sql_exec(st, steps[i].after[j], e);
	}
	return rc;
}

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int wf_schema_latest(void)
{
	return NMIGRATIONS;
}

int wf_schema_migrate(struct wf_store *st, struct wf_err *e)
{
	int v = wf_store_version(st), rc;
	char sql[64];

	if (v > NMIGRATIONS)
		return wf_err_set(e, WF_EX_UNAVAILABLE,
		                  "the store is at schema version %d, newer than this "
		                  "build knows (%d): upgrade workflow", v, NMIGRATIONS);
	if (v == NMIGRATIONS)
		return 0;
	if (wf_store_readonly(st))
		return wf_err_set(e, WF_EX_NOPERM, "the store is at schema version "
		                  "%d and needs upgrading to %d, which only a user "
		                  "who may write it can do", v, NMIGRATIONS);
	if ((rc = wf_store_begin(st, e)))
		return rc;
	/* Another process may have migrated while we waited for the lock. */
	for (v = wf_store_version(st); v < NMIGRATIONS; v++) {
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
		if ((rc = wf_sql_exec(st, migrations[v], e)) ||
		    (rc = run_steps(st, v + 1, e)) ||
		    (rc = wf_sql_exec(st, sql, e))) {
			wf_store_rollback(st);
			return rc;
		}
	}
	return wf_store_commit(st, e);
}

int wf_schema_open(struct wf_store **st, const char *path, unsigned flags,
                   struct wf_err *e)
{
	int rc = wf_store_open(st, path, flags, e);

	if (!rc && (rc = wf_schema_migrate(*st, e))) {
		wf_store_close(*st);
		*st = NULL;
	}
	return rc;
}
