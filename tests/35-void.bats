#!/usr/bin/env bats
# Records entered by mistake: voided with a reason, out of every list, due
# computation and report, kept in the audit; restored as they were when
# the rules still accept them.

load helpers

# A WORKFLOW case with a work grant running from 2026-02-01 (the tutor and
# the person due every 30 days) and the contacts of 3 March; today is
# 2026-03-20.
running() {
	export WF_TODAY=2026-03-20
	seed
	wf org add -q --id host-a --name A --role host --employees 1000
	to_plan Ada workflow-lomellina 2026-01-05 work_grant >/dev/null
	wf-place add -q --case 2026-0001 --kind work_grant --host host-a --hours 10 --stipend 400 --start 2026-02-01 --end 2026-06-30
	wf-place start -q 2026-0001.1 --date 2026-02-01
	wf-monitor log -q 2026-0001 --with tutor --date 2026-03-03
	wf-monitor log -q 2026-0001 --with person --date 2026-03-03
}

@test "void: a contact leaves the lists, what is due and the reports, and the trail says why" {
	running
	run -0 wf-monitor due --within 30d -o tsv --fields with,due
	assert_equal "$output" $'with\tdue\nperson\t2026-04-02\ntutor\t2026-04-02'
	run -0 wf-report monthly --month 2026-03 --section monitoring -o json --fields monitoring.due,monitoring.on_time
	assert_equal "$output" '{"monitoring":{"due":2,"on_time":2}}'
	run -0 wf void --kind contact --id 1 --reason "logged twice" -o json --fields kind,id,case,voided,reason,voided_by
	assert_equal "$output" '{"kind":"contact","id":"1","case":"2026-0001","voided":true,"reason":"logged twice","voided_by":"tester"}'
	run -0 wf-monitor list -o tsv --fields id,with
	assert_equal "$output" $'id\twith\n2\tperson'
	run -0 wf-monitor due --within 30d -o tsv --fields with,due
	assert_equal "$output" $'with\tdue\ntutor\t2026-03-03\nperson\t2026-04-02'
	run -0 wf-report monthly --month 2026-03 --section monitoring -o json --fields monitoring.due,monitoring.on_time
	assert_equal "$output" '{"monitoring":{"due":2,"on_time":1}}'
	run -1 wf-monitor show 1
	run -0 wf audit log --action void -o json --fields entity,entity_id,case,detail
	assert_equal "$output" '{"entity":"contact","entity_id":"1","case":"2026-0001","detail":{"reason":"logged twice"}}'
	run -0 wf case show 2026-0001 -o json --fields timeline
	[[ "$output" == *'"step":"void","event":"contact","ref":"1","note":"logged twice"}'* ]]
	run -0 wf audit verify -q
}

@test "void --undo: the contact comes back under its own number, which nobody took meanwhile" {
	running
	wf void -q --kind contact --id 2 --reason "wrong person"
	wf-monitor log -q 2026-0001 --with family --date 2026-03-10
	run -0 wf-monitor list -o tsv --fields id,with
	assert_equal "$output" $'id\twith\n1\ttutor\n3\tfamily'
	run -0 wf void --undo --kind contact --id 2 --reason "it was the person" -o json --fields kind,id,with,voided
	assert_equal "$output" '{"kind":"contact","id":2,"with":"person","voided":false}'
	run -0 wf-monitor list -o tsv --fields id,with,date
	assert_equal "$output" $'id\twith\tdate\n1\ttutor\t2026-03-03\n2\tperson\t2026-03-03\n3\tfamily\t2026-03-10'
	run -0 wf audit log --case 2026-0001 --action restore -o tsv --fields entity_id
	assert_equal "${lines[1]}" 2
	run -65 --separate-stderr wf void --undo --kind contact --id 2 --reason again
	assert_equal "$stderr" "wf: id: contact 2 is not voided"
}

@test "void --undo: refused when the rules no longer accept the record, nothing written" {
	running
	wf void -q --kind contact --id 2 --reason "wrong person"
	wf case close -q 2026-0001 --outcome dropped_out --date 2026-03-02 --end-placements
	before=$(sql 'SELECT count(*) FROM audit')
	run -65 --separate-stderr wf void --undo --kind contact --id 2 --reason back
	assert_equal "$stderr" "wf: id: contact 2 cannot be restored as things stand: case '2026-0001' is closed since 2026-03-02: a contact after that is refused"
	[ "$(sql "SELECT count(*) FROM voided WHERE record_id = '2'")" = 1 ]
	assert_equal "$(sql 'SELECT count(*) FROM contact WHERE id = 2')" 0
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$before"
}

@test "void: from records, -n, and what a voiding must say" {
	running
	printf 'kind: contact\nid: 1\nreason: test\n' > "$T/v.yaml"
	run -0 wf void -n "$T/v.yaml" -o tsv --fields id,voided
	assert_equal "$output" $'id\tvoided\n1\ttrue'
	assert_equal "$(sql 'SELECT count(*) FROM contact')" 2
	run -64 --separate-stderr wf void --kind contact --id 1
	assert_equal "${stderr_lines[0]}" "wf: voiding needs --reason"
	printf 'kind: contact\nid: 1\n' > "$T/v.yaml"
	run -65 --separate-stderr wf void "$T/v.yaml"
	assert_equal "$stderr" "wf: $T/v.yaml:1:1: reason: a reason is needed (--reason, or reason: in the record)"
	run -64 --separate-stderr wf void --kind placement --id 2026-0001.1 --reason x
	assert_equal "${stderr_lines[0]}" "wf: --kind: 'placement' is not one of: contact, follow_up, attendance, session"
	run -65 --separate-stderr wf void --kind contact --id 9 --reason x
	assert_equal "$stderr" "wf: id: contact 9 not found"
	assert_equal "$(sql 'SELECT count(*) FROM voided')" 0
}

@test "void: a follow-up leaves the indicators; restored under its own number" {
	seed
	referral Ada Neri 1990-01-01 date=2026-04-01 | wf-refer add -q
	wf case close -q 2026-0001 --outcome dropped_out --date 2026-05-10
	wf-monitor follow-up -q 2026-0001 --at leaving --date 2026-06-07 --situation employed
	run -0 wf void --kind follow_up --id 1 --reason "another person's" -o json --fields kind,id,case,voided
	assert_equal "$output" '{"kind":"follow_up","id":"1","case":"2026-0001","voided":true}'
	assert_equal "$(sql 'SELECT count(*) FROM follow_up')" 0
	run -0 wf-monitor follow-up 2026-0001 --at leaving --date 2026-06-01 --situation job_searching -o json --fields id
	assert_equal "$output" '{"id":2}'
	run -0 wf void --undo --kind follow_up --id 1 --reason "it was hers after all" -o json --fields id,voided,situation
	assert_equal "$output" '{"id":1,"voided":false,"situation":["employed"]}'
	assert_equal "$(sql "SELECT id || ' ' || date FROM follow_up ORDER BY id" | paste -sd, -)" "1 2026-06-07,2 2026-06-01"
	run -0 wf audit verify -q
}

@test "void: an attendance leaves the stipends; restored only while the month is free" {
	running
	wf-place attend -q 2026-0001.1 --month 2026-02 --hours 40
	run -0 wf-place stipends --month 2026-02 -o tsv --fields placement,due
	assert_equal "$output" $'placement\tdue\n2026-0001.1\t400.00'
	run -0 wf void --kind attendance --id 2026-0001.1/2026-02 --reason "the wrong placement's sheet" -o json --fields kind,id,case
	assert_equal "$output" '{"kind":"attendance","id":"2026-0001.1/2026-02","case":"2026-0001"}'
	run -1 wf-place stipends --month 2026-02
	wf-place attend -q 2026-0001.1 --month 2026-02 --hours 20
	run -65 --separate-stderr wf void --undo --kind attendance --id 2026-0001.1/2026-02 --reason x
	assert_equal "$stderr" "wf: id: attendance 2026-0001.1/2026-02 was recorded again since it was voided: void that one first"
	assert_equal "$(sql 'SELECT hours_attended FROM attendance')" 20
	assert_equal "$(sql 'SELECT count(*) FROM voided')" 1
}

@test "void: a session on the wrong case; the assessment's opening follows, and comes back" {
	seed
	referral Marco Rossi 1998-04-12 | wf-refer add -q
	referral Lucia Verdi 2000-06-01 | wf-refer add -q
	wf-refer screen -q 2026-0001 --date 2026-10-02
	wf-refer screen -q 2026-0002 --date 2026-10-02
	{ session 2026-0001 2026-10-05; printf 'profile: [{area: housing, level: high, note: lives alone}]\nskills: [{name: forklift, type: hard, level: basic}]\n'; } | wf-assess add -q
	session 2026-0001 2026-10-08 | wf-assess add -q
	session 2026-0002 2026-10-06 | wf-assess add -q
	# not the first: the opening moves to the next one
	run -0 wf void --kind session --id 1 --reason "Lucia's interview" -o json --fields kind,id,case,voided
	assert_equal "$output" '{"kind":"session","id":"1","case":"2026-0001","voided":true}'
	assert_equal "$(sql "SELECT effective_date FROM case_status WHERE case_id = '2026-0001' AND status = 'assessing'")" 2026-10-08
	assert_equal "$(sql 'SELECT count(*) FROM fragility') $(sql 'SELECT count(*) FROM skill')" "0 0"
	run -0 wf-assess show 2026-0001 -o json --fields sessions
	[[ "$output" != *'"id":1'* ]]
	# the only one: the case goes back to screened
	run -0 wf void --kind session --id 3 --reason "wrong case too"
	assert_equal "$(sql "SELECT status || ' ' || status_date FROM cases WHERE id = '2026-0002'")" "screened 2026-10-02"
	# a new session does not take a voided one's number
	session 2026-0002 2026-10-07 | wf-assess add -q
	assert_equal "$(sql 'SELECT max(id) FROM assessment_session')" 4
	# restored, with its lists, and the opening back on its date
	run -0 wf void --undo --kind session --id 1 --reason "it was Marco's" -o json --fields id,voided,profile,skills
	assert_equal "$output" '{"id":1,"voided":false,"profile":[{"area":"housing","level":"high","note":"lives alone"}],"skills":[{"name":"forklift","type":"hard","level":"basic"}]}'
	assert_equal "$(sql "SELECT effective_date FROM case_status WHERE case_id = '2026-0001' AND status = 'assessing'")" 2026-10-05
	run -0 wf audit verify -q
}

@test "void: the only session of a case that moved on is refused, nothing written" {
	seed
	referral Marco Rossi 1998-04-12 | wf-refer add -q
	wf-refer screen -q 2026-0001 --date 2026-10-02
	session 2026-0001 2026-10-05 | wf-assess add -q
	wf-assess decide -q 2026-0001 --eligible --date 2026-10-10
	run -65 --separate-stderr wf void --kind session --id 1 --reason x
	assert_equal "$stderr" "wf: id: case '2026-0001' moved on from assessing on 2026-10-10: only its latest step can be changed"
	assert_equal "$(sql 'SELECT count(*) FROM assessment_session') $(sql 'SELECT count(*) FROM voided')" "1 0"
}
