/*
 * scope.c - which cases each agency sees on a store the agencies of a
 * region share: row-level policies the server enforces for every role
 * that acts for organisations (wf org grant, orggrant.c), whatever
 * program it connects with. Made by migration 18 where the engine has
 * roles (PostgreSQL); on SQLite one file is one service's, and the
 * engine runs none of it. The SQL here is PostgreSQL's.
 *
 * A role holds a case through its organisations (case_holder, schema.c),
 * at the closest level any of them gives: 1 a host, its own placements
 * and their attendance, no health data; 2 the referrer, its referrals
 * and the case's status; 3 a recipient of the final report, also the
 * placements, the closing and the follow-ups; 4 the service that runs
 * the programme, the whole file. The store's owner, who made it, is not
 * bound by the policies and sees everything; it alone changes the
 * registry (programmes, organisations, operators) and the grants.
 *
 * A migration that adds a table of case data adds its rule here.
 */
#include <stdio.h>

#include "scope.h"

/* A row this transaction wrote (xmin is the writer's 32-bit xid). */
#define MINE(x) x "xmin::text::bigint"\
	" = pg_current_xact_id_if_assigned()::text::bigint % 4294967296"

/* The cases the connected role holds, and a case this transaction
 * opened, whose referral has yet to say who holds it: a case is changed
 * only by a role that holds it whole, so that a row this transaction
 * wrote gives no role more than it had. The view reads as its owner,
 * past the policies it serves. */
static const char SQL_CASE_SCOPE[] =
	"CREATE VIEW case_scope AS"
	" SELECT h.case_id, max(h.level) AS level, false AS new"
	" FROM case_holder h"
	" JOIN org_grant g ON g.organisation_id = h.organisation_id"
	" WHERE g.role = current_user GROUP BY h.case_id"
	" UNION ALL SELECT c.id, 4, true FROM cases c WHERE " MINE("c.");

#define HOLDS(n) "(SELECT case_id FROM case_scope WHERE level >= " #n ")"
#define ACTS_FOR \
	"(SELECT organisation_id FROM org_grant WHERE role = current_user)"
#define CASE_AT(n) "case_id IN " HOLDS(n)
/* held through an organisation, not merely opened just now */
#define HELD_AT_4 \
	"case_id IN (SELECT case_id FROM case_scope WHERE level >= 4" \
	" AND NOT new)"
#define PERSON_AT_4 \
	"person_id IN (SELECT c.person_id FROM cases c WHERE c.id IN " \
	HOLDS(4) ")"

enum {
	ADD_ANY = 1,   /* anyone adds a row (the policies then say who sees) */
	APPEND = 2,    /* anyone appends; those who see a row may redact it */
	READ_ONLY = 4  /* changed by the store's owner only */
};

static const struct rule {
	const char *table, *sees, *writes;
	unsigned how;
} rules[] = {
	{ "cases", "id IN " HOLDS(1), "id IN " HOLDS(4), ADD_ANY },
	/* a person is seen with a case; a new one before it */
	{ "person", "id IN (SELECT person_id FROM cases) OR "
	  MINE(""), NULL, ADD_ANY },
	{ "person_duplicate", "person_id IN (SELECT id FROM person)"
	  " AND other_id IN (SELECT id FROM person)", NULL, 0 },
	/* a referral is recorded by its referrer, or by the service */
	{ "referral", CASE_AT(4) " OR referrer_id IN " ACTS_FOR,
	  HELD_AT_4 " OR referrer_id IN " ACTS_FOR, 0 },
	{ "certification", "referral_id IN (SELECT id FROM referral)", NULL, 0 },
	{ "case_status", CASE_AT(2), CASE_AT(4), 0 },
	{ "disclosure", CASE_AT(4) " OR recipient_id IN " ACTS_FOR, CASE_AT(4),
	  0 },
	{ "case_closure", CASE_AT(3), CASE_AT(4), 0 },
	{ "follow_up", CASE_AT(3), CASE_AT(4), 0 },
	{ "placement", CASE_AT(3) " OR host_id IN " ACTS_FOR,
	  CASE_AT(4) " OR host_id IN " ACTS_FOR, 0 },
	{ "placement_status", "placement_id IN (SELECT id FROM placement)",
	  "placement_id IN (SELECT id FROM placement WHERE " CASE_AT(4)
	  " OR host_id IN " ACTS_FOR ")", 0 },
	{ "attendance", "placement_id IN (SELECT id FROM placement)",
	  "placement_id IN (SELECT id FROM placement WHERE " CASE_AT(4)
	  " OR host_id IN " ACTS_FOR ")", 0 },
	{ "assessment_session", CASE_AT(4), NULL, 0 },
	{ "skill", "session_id IN (SELECT id FROM assessment_session)", NULL,
	  0 },
	{ "prerequisite", "session_id IN (SELECT id FROM assessment_session)",
	  NULL, 0 },
	{ "fragility", "session_id IN (SELECT id FROM assessment_session)",
	  NULL, 0 },
	{ "decision", CASE_AT(4), NULL, 0 },
	{ "plan", CASE_AT(4), NULL, 0 },
	{ "plan_goal", "plan_id IN (SELECT id FROM plan)", NULL, 0 },
	{ "plan_action", "plan_id IN (SELECT id FROM plan)", NULL, 0 },
	{ "contact", CASE_AT(4), NULL, 0 },
	{ "case_manager", CASE_AT(4), NULL, 0 },
	{ "consent", PERSON_AT_4, NULL, 0 },
	{ "voided", CASE_AT(4), NULL, 0 },
	/* every role writes to the trail; each reads its cases' part */
	{ "audit", CASE_AT(4) " OR " PERSON_AT_4, NULL, APPEND },
	{ "audit_cases", CASE_AT(4), NULL, APPEND },
	/* the registry is the owner's: which organisation runs a programme
	 * decides who holds its cases, and no agency renames another */
	{ "programme", "true", NULL, READ_ONLY },
	{ "organisation", "true", NULL, READ_ONLY },
	{ "organisation_role", "true", NULL, READ_ONLY },
	{ "operator", "true", NULL, READ_ONLY },
	{ "org_grant", "role = current_user", NULL, READ_ONLY },
};

/* Each statement is short: the longest rule is some 300 bytes. */
#define SQL_MAX 2048

static int table_rules(struct wf_store *st, const struct rule *r,
                       struct wf_err *e)
{
	const char *t = r->table, *w = r->writes ? r->writes : r->sees;
	char sql[4][SQL_MAX];
	int n = 0, rc = 0;

	snprintf(sql[n++], SQL_MAX, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY",
	         t);
	snprintf(sql[n++], SQL_MAX, "CREATE POLICY wf_sees ON %s FOR SELECT"
	         " USING (%s)", t, r->sees);
	if (r->how & (ADD_ANY | APPEND))
		snprintf(sql[n++], SQL_MAX, "CREATE POLICY wf_adds ON %s FOR INSERT"
		         " WITH CHECK (true)", t);
	if (r->how & APPEND)
		snprintf(sql[n++], SQL_MAX, "CREATE POLICY wf_redacts ON %s FOR"
		         " UPDATE USING (%s) WITH CHECK (%s)", t, r->sees, r->sees);
	else if (!(r->how & READ_ONLY))
		snprintf(sql[n++], SQL_MAX, "CREATE POLICY wf_writes ON %s FOR ALL"
		         " USING (%s) WITH CHECK (%s)", t, w, w);
	for (int i = 0; !rc && i < n; i++)
		rc = wf_store_scope(st, sql[i], e);
	return rc;
}

int wf_scope_install(struct wf_store *st, struct wf_err *e)
{
	int rc = wf_store_scope(st, SQL_CASE_SCOPE, e);

	for (size_t i = 0; !rc && i < sizeof rules / sizeof rules[0]; i++)
		rc = table_rules(st, &rules[i], e);
	return rc;
}
