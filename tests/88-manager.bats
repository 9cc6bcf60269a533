#!/usr/bin/env bats
# Operators and case managers: registered operators, cases assigned to
# one from a date, and the lists and reports that name the one in charge.

load helpers

demo_store() {
	cached demo_store_run
}
demo_store_run() {
	DEMO_DB="$WF_DB" sh "$EX/demo.sh" >/dev/null 2>&1
}

@test "operator: registered from flags or records, updated, listed, shown" {
	seed
	run -0 wf operator add --id anna --name "Anna Verdi" --role "case manager" --organisation ssd-dalmine -o json
	assert_equal "$output" '{"kind":"operator","id":"anna","name":"Anna Verdi","role":"case manager","organisation":"ssd-dalmine","active":true}'
	printf 'kind: operator\nid: luca\nname: Luca Neri\nactive: false\n' > "$T/o.yaml"
	wf operator add -q "$T/o.yaml"
	run -0 wf operator list -o tsv --fields id,active
	assert_equal "$output" $'id\tactive\nanna\ttrue\nluca\tfalse'
	run -0 wf operator list --active -o tsv --fields id
	assert_equal "$output" $'id\nanna'
	wf operator add -q --id anna --name "Anna Verdi Rossi"
	run -0 wf operator show anna -o json --fields name,role
	assert_equal "$output" '{"name":"Anna Verdi Rossi"}'
	[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'operator'")" = 3 ]
	run -65 --separate-stderr wf operator add --id x --name X --organisation nope
	assert_equal "$stderr" "wf: organisation: unknown organisation 'nope' (register it with 'wf org add --id nope --name NAME --role ROLE')"
	run -1 --separate-stderr wf operator show nobody
	assert_equal "$stderr" "wf: operator 'nobody' not found"
}

@test "case assign: effective-dated, the history kept and audited; refusals" {
	demo_store
	wf operator add -q --id anna --name "Anna Verdi"
	wf operator add -q --id luca --name "Luca Neri"
	wf operator add -q --id old --name "Old Hand" --inactive
	run -0 wf case assign 2026-0005 --to anna --date 2026-11-10 -o json --fields id,manager
	assert_equal "$output" '{"id":"2026-0005","manager":"anna"}'
	wf case assign -q 2026-0005 --to luca --date 2026-11-20 --note "Anna on leave"
	run -0 wf case show 2026-0005 -o json --fields manager
	assert_equal "$output" '{"manager":"luca"}'
	[ "$(sql "SELECT group_concat(entry, ' ') FROM (SELECT o.code || '@' || m.effective_date AS entry FROM case_manager m JOIN operator o ON o.id = m.operator_id ORDER BY m.id) AS e")" = "anna@2026-11-10 luca@2026-11-20" ]
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'assign' AND entity_id = '2026-0005'")" = 2 ]
	run -65 --separate-stderr wf case assign 2026-0005 --to bob
	assert_equal "$stderr" "wf: unknown operator 'bob' (register them with 'wf operator add --id bob --name NAME')"
	run -65 --separate-stderr wf case assign 2026-0005 --to old
	assert_equal "$stderr" "wf: operator 'old' is no longer active"
	run -65 --separate-stderr wf case assign 2026-0002 --to anna
	assert_equal "$stderr" "wf: case '2026-0002' is closed: only an open case is assigned"
	run -65 --separate-stderr wf case assign 2026-0005 --to anna --date 2026-10-01
	assert_equal "$stderr" "wf: case '2026-0005': date 2026-10-01 is before it was opened, 2026-10-08"
	run -65 --separate-stderr wf case assign 2026-0005 --to anna --date 2026-12-01
	assert_equal "$stderr" "wf: --date: '2026-12-01' is in the future"
	run -64 --separate-stderr wf case assign 2026-0005
	assert_equal "${stderr_lines[0]}" "wf: assign needs --to OPERATOR"
	assert_equal "$(sql 'SELECT count(*) FROM case_manager')" 2
}

@test "the manager assigned is the one in charge: due, caseload and the monthly report, the rest derived and said so" {
	demo_store
	wf operator add -q --id anna --name "Anna Verdi"
	run -0 wf-monitor due --within 30d -o tsv --fields case,operator,assigned
	assert_equal "$output" $'case\toperator\tassigned\n2026-0005\ttester\tfalse\n2026-0005\ttester\tfalse'
	wf case assign -q 2026-0005 --to anna --date 2026-11-21
	run -0 wf-monitor due --within 30d --operator anna -o tsv --fields case,operator,assigned
	assert_equal "$output" $'case\toperator\tassigned\n2026-0005\tanna\ttrue\n2026-0005\tanna\ttrue'
	run -0 wf-report caseload -o tsv --fields operator,cases,placed,assigned,derived
	assert_equal "$output" $'operator\tcases\tplaced\tassigned\tderived\nanna\t1\t1\t1\t0\ntester\t3\t0\t0\t3'
	# as of a day before it was assigned, the case was the derived one's
	run -0 wf-report caseload --on 2026-11-20 -o tsv --fields operator,cases,assigned,derived
	assert_equal "$output" $'operator\tcases\tassigned\tderived\ntester\t5\t0\t5'
	run -0 wf-report monthly --month 2026-11 -o json --fields caseload
	assert_equal "$output" '{"caseload":{"open_by_operator":{"anna":1,"tester":3},"open":4,"open_without_manager":3}}'
	run -0 wf-report monthly --month 2026-10 -o json --fields caseload.open_without_manager
	assert_equal "$output" '{"caseload":{"open_without_manager":7}}'
}
