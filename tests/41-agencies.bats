#!/usr/bin/env bats
# Agencies on a shared store: the database roles that act for each
# organisation (wf org grant), and what the server lets each see and
# change. On SQLite one file is one service's: there are no roles.

load helpers

teardown() {
	pg_drop
	[ -z "${WF_PG_DB:-}" ] || for r in a b h; do
		psql -X -q -d postgres -c "DROP ROLE IF EXISTS ${WF_PG_DB}_$r" >/dev/null
	done
}

# pg_only: the rest of the test needs the server's roles.
pg_only() {
	[ -n "${WF_TEST_PG:-}" ] || skip "PostgreSQL only: database roles and row-level security"
}

# The two example programmes, each run by a service of its own.
programmes() {
	sed 's/^programme: workflow-lomellina$/&\nservice: comune-vigevano/' \
		"$EX/programmes/workflow-lomellina.yaml" > "$T/lomellina.yaml"
	sed 's/^programme: sil-bergamo$/&\nservice: ssd-dalmine/' \
		"$EX/programmes/sil-bergamo.yaml" > "$T/sil.yaml"
	wf org add -q "$EX/organisations.yaml"
	wf programme load -q "$T/lomellina.yaml" "$T/sil.yaml"
}

# A, B, H: a command run as agency A (the Comune di Vigevano, which runs
# the Lomellina's programme), agency B (the social service of Dalmine,
# which runs the SIL) or H (a host, the Cooperativa S. Ambrogio).
A() { PGUSER=${WF_PG_DB}_a "$@"; }
B() { PGUSER=${WF_PG_DB}_b "$@"; }
H() { PGUSER=${WF_PG_DB}_h "$@"; }

# Three roles on the server, granted; each service with a case of its
# own, B's placed with the host; and a case A referred to B's programme.
agencies() {
	local r
	for r in a b h; do
		psql -X -q -d postgres -c "CREATE ROLE ${WF_PG_DB}_$r LOGIN" >/dev/null
	done
	wf init -q
	programmes
	wf org grant -q comune-vigevano "${WF_PG_DB}_a"
	wf org grant -q ssd-dalmine "${WF_PG_DB}_b"
	wf org grant -q coop-s-ambrogio "${WF_PG_DB}_h"
	referral Ada Rossi 1998-04-12 referrer=comune-vigevano cert=law_68_1999 \
		tax=RSSDAA98D52L872A disability=yes | A wf-refer add -q
	referral Bruno Gritti 1979-03-08 programme=sil-bergamo referrer=ssd-dalmine \
		cert=law_68_1999 municipality=Dalmine | B wf-refer add -q
	B wf-refer screen -q 2026-0002 --date 2026-10-05
	session 2026-0002 2026-10-06 | B wf-assess add -q
	B wf-assess decide -q 2026-0002 --eligible --date 2026-10-07
	printf 'case: 2026-0002\nagreed_on: 2026-10-08\ngoals: [{id: g1, description: work, outcome: hired, target_date: 2027-12-31}]\nactions: [{kind: internship, provider: mestieri-lombardia, start: 2026-10-10, end: 2027-03-31, goal: g1}]\n' |
		B wf-assess plan -q
	B wf-place add -q --case 2026-0002 --kind internship --host coop-s-ambrogio \
		--start 2026-10-10 --end 2027-03-31 --hours 20 --stipend 400
	referral Carla Neri 1970-01-01 programme=sil-bergamo referrer=comune-vigevano \
		cert=law_68_1999 | A wf-refer add -q
}

@test "org grant: a SQLite store has no roles to grant" {
	sqlite_only "the roles of a PostgreSQL server are tested below"
	wf init -q
	programmes
	run -64 --separate-stderr wf org grant comune-vigevano agency
	[[ "$stderr" == *"is a SQLite store, one service's: it has no database roles"* ]]
	run -1 --separate-stderr wf org grants
	[[ "$stderr" == *"no roles act for any organisation"* ]]
	assert_equal "$(sql 'SELECT count(*) FROM org_grant')" 0
}

@test "org grant: the organisation must be registered, the role a plain name" {
	wf init -q
	programmes
	run -65 --separate-stderr wf org grant nowhere agency
	[[ "$stderr" == *"unknown organisation 'nowhere'"* ]]
	run -65 --separate-stderr wf org grant comune-vigevano 'a"; DROP TABLE cases; --'
	[[ "$stderr" == *"is not a role name"* ]]
	run -65 --separate-stderr wf org grant comune-vigevano public
	run -65 --separate-stderr wf org grant comune-vigevano pg_monitor
	run -64 --separate-stderr wf org grant comune-vigevano
	[[ "$stderr" == *"give an organisation and a role"* ]]
	assert_equal "$(sql 'SELECT count(*) FROM org_grant')" 0
}

@test "programme: the service that runs it is a registered organisation" {
	wf init -q
	run -0 programmes
	run -0 wf programme show sil-bergamo -o tsv --fields id,service
	assert_equal "$output" $'id\tservice\nsil-bergamo\tssd-dalmine'
	assert_equal "$(sql "SELECT o.code FROM programme p JOIN organisation o ON o.id = p.service_id WHERE p.code = 'workflow-lomellina'")" comune-vigevano
	sed 's/^service: ssd-dalmine$/service: nowhere/' "$T/sil.yaml" > "$T/bad.yaml"
	run -65 --separate-stderr wf programme load "$T/bad.yaml"
	[[ "$stderr" == *"service: unknown organisation 'nowhere'"* ]]
	assert_equal "$(sql "SELECT o.code FROM programme p JOIN organisation o ON o.id = p.service_id WHERE p.code = 'sil-bergamo'")" ssd-dalmine
}

@test "agencies: each role reads only the cases its organisations hold" {
	pg_only
	agencies
	run -0 wf-refer list -o tsv --fields id,referrer
	assert_equal "$output" $'id\treferrer\n2026-0001\tcomune-vigevano\n2026-0002\tssd-dalmine\n2026-0003\tcomune-vigevano'
	# A: its own case, and the one it referred to B's programme
	run -0 A wf-refer list -o tsv --fields id,referrer
	assert_equal "$output" $'id\treferrer\n2026-0001\tcomune-vigevano\n2026-0003\tcomune-vigevano'
	run -0 B wf-refer list -o tsv --fields id,referrer
	assert_equal "$output" $'id\treferrer\n2026-0002\tssd-dalmine\n2026-0003\tcomune-vigevano'
	run -1 --separate-stderr A wf-refer show 2026-0002
	[[ "$stderr" == *"case '2026-0002' not found"* ]]
	run -1 --separate-stderr B wf-refer show 2026-0001
	run -1 B wf person show 1
	# the server says the same to any program: a role sees no row of
	# another's case, health data or not
	assert_equal "$(A sql 'SELECT count(*) FROM certification')" 2
	assert_equal "$(A sql 'SELECT count(*) FROM assessment_session')" 0
	assert_equal "$(B sql "SELECT count(*) FROM referral WHERE disability IS NOT NULL")" 0
	assert_equal "$(B sql 'SELECT count(*) FROM person')" 2
	assert_equal "$(sql 'SELECT count(*) FROM person')" 3
	run -0 B wf store info -o json --fields acts_for,records.cases,records.assessment_sessions
	assert_equal "$output" '{"acts_for":["ssd-dalmine"],"records":{"cases":2,"assessment_sessions":1}}'
	run -0 wf store info -o json --fields acts_for,records.cases
	assert_equal "$output" '{"records":{"cases":3}}'
}

@test "agencies: a host sees its placements, without health data" {
	pg_only
	agencies
	run -0 H wf-place list -o tsv --fields id,host,status
	assert_equal "$output" $'id\thost\tstatus\n2026-0002.1\tcoop-s-ambrogio\tplanned'
	run -1 --separate-stderr H wf-refer list
	[[ "$stderr" == *"no cases match"* ]]
	run -1 H wf-refer show 2026-0002
	assert_equal "$(H sql 'SELECT count(*) FROM referral')|$(H sql 'SELECT count(*) FROM certification')|$(H sql 'SELECT count(*) FROM assessment_session')|$(H sql 'SELECT count(*) FROM case_status')" "0|0|0|0"
	assert_equal "$(H sql 'SELECT count(*) FROM placement')|$(H sql 'SELECT count(*) FROM cases')" "1|1"
	# the host records its attendance
	B wf-place start -q 2026-0002.1 --date 2026-10-10
	run -0 --separate-stderr H wf-place attend -o tsv --fields placement,hours < <(echo '{"placement": "2026-0002.1", "month": "2026-10", "hours": 40}')
	assert_equal "$output" $'placement\thours\n2026-0002.1\t40'
}

@test "agencies: writes to a case a role does not hold are refused, the store unchanged" {
	pg_only
	agencies
	# everything but the trail, which the export itself writes to
	state() { wf export | grep -v '"table":"audit' ; }
	before=$(state)
	run -65 --separate-stderr A wf-assess decide 2026-0002 --ineligible --reason "not ours" --date 2026-10-20
	[[ "$stderr" == *"case '2026-0002' not found"* ]]
	run -65 --separate-stderr A wf-monitor log 2026-0002 --with tutor --date 2026-10-20 --how phone
	# A referred 2026-0003, but B runs its programme: A may not screen it
	run -77 --separate-stderr A wf-refer screen 2026-0003 --date 2026-10-20
	[[ "$stderr" == *"row-level security"* ]]
	# nor refer on behalf of an organisation it does not act for
	run -77 A wf-refer add < <(referral Dario Neri 1990-01-01 programme=sil-bergamo referrer=ssd-dalmine cert=law_68_1999)
	# the server refuses a program that is not workflow the same way
	assert_equal "$(A sql "UPDATE cases SET status = 'closed' WHERE id = '2026-0002' RETURNING id")" ""
	run -1 A sql "INSERT INTO fragility (session_id, area, level) VALUES (1, 'health', 'high')"
	[[ "$output" == *"row-level security"* ]]
	run -77 --separate-stderr A wf programme load "$T/lomellina.yaml"
	[[ "$stderr" == *"permission denied for table programme"* ]]
	run -1 A sql "INSERT INTO org_grant VALUES ('${WF_PG_DB}_a', 9, 'now', 'me')"
	# nor the registry: no agency renames another's organisation
	run -77 --separate-stderr A wf org add --id ssd-dalmine --name Renamed --role referrer
	[[ "$stderr" == *"permission denied for table organisation"* ]]
	run -77 A wf operator add --id mallory --name Mallory
	run -0 A wf org show ssd-dalmine -o tsv --fields name
	assert_equal "${lines[1]}" "Servizio Sociale di Dalmine"
	diff <(echo "$before") <(state)
	# and what B may do, it does
	run -0 B wf-refer screen -q 2026-0003 --date 2026-10-20
	run -0 A wf-refer show 2026-0003 -o tsv --fields id,status
	assert_equal "$output" $'id\tstatus\n2026-0003\tscreened'
}

@test "agencies: the reports of each count its own" {
	pg_only
	agencies
	count() {
		"$@" wf-report monthly --month 2026-10 -o tsv --fields id,value |
			awk -F'\t' '$1 == "referrals.received" { print $2 }'
	}
	assert_equal "$(count env)|$(count A)|$(count B)|$(count H)" "3|2|2|0"
	run -0 A wf-report funnel -o tsv --fields id,cases
	assert_equal "${lines[1]}" $'referred\t2'
	run -0 B wf-report funnel -o tsv --fields id,cases
	assert_equal "${lines[1]}" $'referred\t2'
	run -0 wf-report funnel -o tsv --fields id,cases
	assert_equal "${lines[1]}" $'referred\t3'
	run -0 A wf-report caseload -o tsv
	run -0 B wf-report quality -o tsv
}

@test "agencies: only the owner grants; a role's grants, revoked, leave it nothing" {
	pg_only
	agencies
	run -77 --separate-stderr A wf org grant ssd-dalmine "${WF_PG_DB}_a"
	[[ "$stderr" == *"granted and revoked by the store's owner"* ]]
	run -0 A wf org grants -o tsv --fields organisation,role
	assert_equal "$output" "$(printf 'organisation\trole\ncomune-vigevano\t%s' "${WF_PG_DB}_a")"
	run -0 wf org grants -o tsv --fields organisation
	assert_equal "$output" $'organisation\ncomune-vigevano\ncoop-s-ambrogio\nssd-dalmine'
	# granted twice: once
	run -0 wf org grant -q comune-vigevano "${WF_PG_DB}_a"
	assert_equal "$(sql "SELECT count(*) FROM org_grant WHERE role = '${WF_PG_DB}_a'")" 1
	run -65 --separate-stderr wf org grant comune-vigevano "${WF_PG_DB}_nobody"
	[[ "$stderr" == *"the server has no role"* ]]
	run -65 --separate-stderr wf org revoke ssd-dalmine "${WF_PG_DB}_a"
	[[ "$stderr" == *"does not act for 'ssd-dalmine'"* ]]
	run -0 wf org revoke comune-vigevano "${WF_PG_DB}_a" -o tsv --fields organisation,revoked
	assert_equal "$output" $'organisation\trevoked\ncomune-vigevano\ttrue'
	run -77 --separate-stderr A wf-refer list
	[[ "$stderr" == *"permission denied"* ]]
	run -0 wf audit log --action grant -o tsv --fields entity_id
	assert_equal "$(printf '%s\n' "${lines[@]}" | sort | uniq -c | awk '{print $1 $2}' | tr '\n' ' ')" "1comune-vigevano 1coop-s-ambrogio 1entity_id 1ssd-dalmine "
	run -0 wf audit log --action revoke -o tsv --fields entity_id
	assert_equal "${lines[1]}" comune-vigevano
}

@test "agencies: the trail stays one chain; verifying and erasing are the owner's" {
	pg_only
	agencies
	run -0 wf audit verify -o tsv --fields entries
	n=${lines[1]}
	[ "$n" -gt 10 ]
	run -77 --separate-stderr A wf audit verify
	[[ "$stderr" == *"verified by its owner"* ]]
	run -77 --separate-stderr A wf person erase 1 --reason "asked"
	[[ "$stderr" == *"erased from a shared store by its owner"* ]]
	# each role reads its own cases' part of the trail
	run -0 A wf audit log --case 2026-0001 -o tsv --fields action
	[ "${#lines[@]}" -gt 1 ]
	run -1 A wf audit log --case 2026-0002
	run -0 wf audit verify -q
}

@test "agencies: a person on another agency's case is not shown to a referrer" {
	pg_only
	agencies
	run -65 --separate-stderr B wf-refer add < <(referral Ada Rossi 1998-04-12 \
		programme=sil-bergamo referrer=ssd-dalmine cert=law_68_1999 tax=RSSDAA98D52L872A)
	[[ "$stderr" == *"tax code RSSDAA98D52L872A is on a case your organisations do not hold"* ]]
	[[ "$stderr" != *"Rossi"* ]]
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 3
}
