#!/usr/bin/env bats
# Corrections: a record read back as it was given, the fields merged, and
# the whole checked by the rules it was added by; the reason and the old
# and new values kept in the audit.

load helpers

# Two cases, a contact logged on the first.
two_cases() {
	seed
	referral Marco Rossi 1998-04-12 tax=RSSMRC98D12L872O | wf-refer add -q
	referral Lucia Bianchi 1990-06-01 | wf-refer add -q
	wf-monitor log 2026-0001 --with person --date 2026-10-05 --risk low -q
}

@test "amend: a contact logged on the wrong case is moved, and the trail says why" {
	two_cases
	run -0 wf amend --kind contact --id 1 --set case=2026-0002 --reason "logged on the wrong case" -o json --fields entity,id,case,changed,reason,before.case,after.case
	assert_equal "$output" '{"entity":"contact","id":"1","case":"2026-0002","changed":["case"],"reason":"logged on the wrong case","before":{"case":"2026-0001"},"after":{"case":"2026-0002"}}'
	run -0 wf-monitor list --case 2026-0002 -o tsv --fields id,case,date
	assert_equal "$output" $'id\tcase\tdate\n1\t2026-0002\t2026-10-05'
	run -1 wf-monitor list --case 2026-0001
	run -0 wf audit log --action correct -o json --fields operator,entity,entity_id,case,detail
	assert_equal "$output" '{"operator":"tester","entity":"contact","entity_id":"1","case":"2026-0002","detail":{"reason":"logged on the wrong case","changes":{"case":{"old":"2026-0001","new":"2026-0002"}}}}'
	run -0 wf case show 2026-0002 -o json --fields timeline
	[[ "$output" == *'{"date":"'"$(date -u +%F)"'","step":"correction","event":"contact","ref":"1","note":"logged on the wrong case"}'* ]]
	run -0 wf audit verify -q
}

@test "amend: from records, several fields, a field removed with null" {
	two_cases
	printf -- '---\nkind: contact\nid: 1\nwith: tutor\nrisk: null\nnotes: met at the host\nreason: it was the tutor\n' > "$T/fix.yaml"
	run -0 wf amend "$T/fix.yaml" -o json --fields changed,after
	assert_equal "$output" '{"changed":["with","notes","risk"],"after":{"kind":"contact","id":1,"case":"2026-0001","date":"2026-10-05","with":"tutor","how":"in_person","operator":"tester","notes":"met at the host"}}'
	assert_equal "$(sql "SELECT party, coalesce(risk, '-'), notes FROM contact WHERE id = 1")" "tutor|-|met at the host"
}

@test "amend: -n shows the record before and after and writes nothing" {
	two_cases
	before=$(sql 'SELECT count(*) FROM audit')
	run -0 wf amend -n --kind contact --id 1 --set date=2026-10-06 --reason "typed the day after" -o json --fields before.date,after.date
	assert_equal "$output" '{"before":{"date":"2026-10-05"},"after":{"date":"2026-10-06"}}'
	assert_equal "$(sql 'SELECT date FROM contact WHERE id = 1')" 2026-10-05
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$before"
}

@test "amend: refused by the record's own checks, with the field and position, nothing written" {
	two_cases
	before=$(sql 'SELECT count(*) FROM audit')
	printf 'kind: contact\nid: 1\nwiht: tutor\nreason: x\n' > "$T/a.yaml"
	run -65 --separate-stderr wf amend "$T/a.yaml"
	assert_equal "$stderr" "wf: $T/a.yaml:3:1: wiht: unknown field (did you mean 'with'?)"
	run -65 --separate-stderr wf amend --kind contact --id 1 --set with=boss --reason x
	assert_equal "$stderr" "wf: with: 'boss' is not one of: person, tutor, family, referrer, employer"
	run -65 --separate-stderr wf amend --kind contact --id 1 --set date=2026-13-01 --reason x
	[[ "$stderr" == "wf: date: "* ]]
	run -65 --separate-stderr wf amend --kind contact --id 1 --set date=2026-12-01 --reason x
	assert_equal "$stderr" "wf: date: '2026-12-01' is in the future"
	run -65 --separate-stderr wf amend --kind contact --id 1 --set case=2026-0099 --reason x
	assert_equal "$stderr" "wf: case: case '2026-0099' not found"
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$before"
	assert_equal "$(sql "SELECT case_id || ' ' || date || ' ' || party FROM contact")" "2026-0001 2026-10-05 person"
}

@test "amend: refused by the state machine: a contact moved to a case withdrawn before it" {
	two_cases
	wf-refer withdraw -q 2026-0002 --date 2026-10-02 --reason "moved away"
	run -65 --separate-stderr wf amend --kind contact --id 1 --set case=2026-0002 --reason x
	assert_equal "$stderr" "wf: date: case '2026-0002' is withdrawn since 2026-10-02: a contact after that is refused"
	assert_equal "$(sql 'SELECT case_id FROM contact WHERE id = 1')" 2026-0001
}

@test "amend: a person's birth date, checked against the tax code and the referral" {
	two_cases
	run -65 --separate-stderr wf amend --kind person --id 1 --set birth_date=1998-04-13 --reason typo
	assert_equal "$stderr" "wf: tax_code: 'RSSMRC98D12L872O' does not match birth_date 1998-04-13 (it says day 12, month 04, year ..98)"
	printf 'kind: person\nid: 2\nbirth_date: 2026-10-02\nreason: typo\n' > "$T/p.yaml"
	run -65 --separate-stderr wf amend "$T/p.yaml"
	assert_equal "$stderr" "wf: $T/p.yaml:3:1: birth_date: '2026-10-02' is after the person's first referral, 2026-10-01"
	printf 'kind: person\nid: 2\ntax_code: RSSMRC98D12L872O\nbirth_date: 1998-04-12\nreason: x\n' > "$T/p.yaml"
	run -65 --separate-stderr wf amend "$T/p.yaml"
	assert_equal "$stderr" "wf: $T/p.yaml:3:1: tax_code: 'RSSMRC98D12L872O' is the tax code of person 1 already"
	run -0 wf amend --kind person --id 2 --set birth_date=1991-06-01 --reason "wrong year" -o tsv --fields entity,id,changed
	assert_equal "${lines[1]}" $'person\t2\tbirth_date'
	run -0 wf-refer show 2026-0002 -o tsv --fields person.birth_date
	assert_equal "${lines[1]}" 1991-06-01
}

@test "amend: a person named by tax code; a screened case must still meet its target" {
	two_cases
	wf-refer screen -q 2026-0001
	printf 'kind: person\nid: RSSMRC98D12L872O\ntax_code: null\nbirth_date: 1985-04-12\nreason: wrong year\n' > "$T/p.yaml"
	run -65 --separate-stderr wf amend "$T/p.yaml"
	assert_equal "$stderr" "wf: case '2026-0001' was screened into 'workflow-lomellina'; so corrected, it would fail its target (age 41 at 2026-10-01 is not in 0..34 nor 50..)"
	assert_equal "$(sql 'SELECT birth_date FROM person WHERE id = 1')" 1998-04-12
	run -0 wf amend --kind person --id rssmrc98d12l872o --set first_name=Marcello --reason "a nickname was given" -o tsv --fields id,changed
	assert_equal "${lines[1]}" $'1\tfirst_name'
	run -0 wf audit log --person 1 --action correct -o json --fields entity,person,detail
	assert_equal "$output" '{"entity":"person","person":1,"detail":{"reason":"a nickname was given","changes":{"first_name":{"old":"Marco","new":"Marcello"}}}}'
}

@test "amend: what a correction must say" {
	two_cases
	run -64 --separate-stderr wf amend --kind contact --id 1 --set with=tutor
	assert_equal "${stderr_lines[0]}" "wf: a correction needs --reason"
	run -64 --separate-stderr wf amend --kind contact --id 1 --set with --reason x
	assert_equal "${stderr_lines[0]}" "wf: --set: 'with' is not FIELD=VALUE"
	printf 'kind: contact\nid: 1\nwith: tutor\n' > "$T/a.yaml"
	run -65 --separate-stderr wf amend "$T/a.yaml"
	assert_equal "$stderr" "wf: $T/a.yaml:1:1: reason: a reason is needed (--reason, or reason: in the record)"
	run -64 --separate-stderr wf amend --kind plan --id 1 --set a=b --reason x
	assert_equal "${stderr_lines[0]}" "wf: --kind: 'plan' is not one of: contact, person, placement, follow_up, referral, session, decision, attendance, closing"
	run -65 --separate-stderr wf amend --kind contact --id 7 --set with=tutor --reason x
	assert_equal "$stderr" "wf: id: contact 7 not found"
	run -65 --separate-stderr wf amend --kind contact --id 1 --set with=person --reason x
	assert_equal "$stderr" "wf: the correction of contact '1' changes nothing"
}

@test "amend: --keep-going applies the good corrections and reports each bad one" {
	two_cases
	wf-monitor log 2026-0002 --with person --date 2026-10-07 -q
	{ printf -- '---\nkind: contact\nid: 1\nhow: phone\nreason: r\n'; printf -- '---\nkind: contact\nid: 2\nhow: fax\nreason: r\n'; } > "$T/b.yaml"
	run -65 --separate-stderr wf amend --keep-going "$T/b.yaml" -o tsv --fields id,changed
	assert_equal "$output" $'id\tchanged\n1\thow'
	assert_equal "${stderr_lines[0]}" "wf: $T/b.yaml:9:1: how: 'fax' is not one of: in_person, phone, video"
	assert_equal "${stderr_lines[1]}" "wf: 1 record refused"
	assert_equal "$(sql 'SELECT group_concat(how) FROM (SELECT how FROM contact ORDER BY id) AS k')" "phone,in_person"
}

@test "amend: a placement with the wrong host, checked against the programme's rules and the host's capacity" {
	seed
	to_plan Ada workflow-lomellina 2026-09-01 work_grant > /dev/null
	to_plan Bea workflow-lomellina 2026-09-01 work_grant > /dev/null
	wf-place add -q --case 2026-0001 --kind work_grant --host coop-betania --hours 10 --stipend 400 --start 2026-10-01 --end 2027-03-31
	wf org add -q --id host5 --name Five --role host --employees 5
	wf-place add -q --case 2026-0002 --kind work_grant --host host5 --hours 10 --stipend 400 --start 2026-10-01 --end 2027-03-31
	# host5, 5 employees, takes one trainee: Bea's
	run -65 --separate-stderr wf amend --kind placement --id 2026-0001.1 --set host=host5 --reason "wrong host"
	[[ "$stderr" == "wf: case '2026-0001': the work_grant at 'host5' breaks the rules of 'workflow-lomellina': "*"host5"* ]]
	run -0 wf amend --kind placement --id 2026-0001.1 --set host=coop-s-ambrogio --reason "wrong host" -o json --fields changed,before.host,after.host
	assert_equal "$output" '{"changed":["host"],"before":{"host":"coop-betania"},"after":{"host":"coop-s-ambrogio"}}'
	run -0 wf-place list --host coop-s-ambrogio -o tsv --fields id
	assert_equal "$output" $'id\n2026-0001.1'
	run -65 --separate-stderr wf amend --kind placement --id 2026-0001.1 --set stipend=100 --reason x
	assert_equal "$stderr" "wf: case '2026-0001': the work_grant at 'coop-s-ambrogio' breaks the rules of 'workflow-lomellina': stipend: 100.00 is below the least of 400.00 a month for 'work_grant'"
	run -65 --separate-stderr wf amend --kind placement --id 2026-0001.1 --set case=2026-0002 --reason x
	assert_equal "$stderr" "wf: case: a placement stays with its case: cancel it and add it to the right one"
	run -65 --separate-stderr wf amend --kind placement --id 2026-0001.1 --set host=caritas-vigevano --reason x
	[[ "$stderr" == "wf: host: organisation 'caritas-vigevano' is not registered as a host"* ]]
	run -0 wf audit log --action correct -o json --fields entity,entity_id,case,detail
	assert_equal "$output" '{"entity":"placement","entity_id":"2026-0001.1","case":"2026-0001","detail":{"reason":"wrong host","changes":{"host":{"old":"coop-betania","new":"coop-s-ambrogio"}}}}'
}

@test "amend: a follow-up's situation, and its date kept in its window" {
	seed
	to_plan Ada workflow-lomellina 2026-09-01 work_grant > /dev/null
	wf case close -q 2026-0001 --outcome withdrawn --date 2026-10-05 --situation job_searching
	run -0 wf-report indicators --from 2026-10-01 --to 2026-10-31 -o json --fields on_leaving.employed.total
	assert_equal "$output" '{"on_leaving":{"employed":{"total":0}}}'
	run -0 wf amend --kind follow_up --id 1 --set situation=employed --reason "hired the week after" -o json --fields changed,before.situation,after.situation
	assert_equal "$output" '{"changed":["situation"],"before":{"situation":["job_searching"]},"after":{"situation":["employed"]}}'
	run -0 wf-report indicators --from 2026-10-01 --to 2026-10-31 -o json --fields on_leaving.employed.total
	assert_equal "$output" '{"on_leaving":{"employed":{"total":1}}}'
	run -65 --separate-stderr wf amend --kind follow_up --id 1 --set date=2026-11-20 --reason x
	assert_equal "$stderr" "wf: date: 2026-11-20 is outside the window of the situation on leaving (2026-10-05 to 2026-11-02, for a case closed on 2026-10-05)"
	run -65 --separate-stderr wf amend --kind follow_up --id 1 --set situation=improved --reason x
	assert_equal "$stderr" "wf: situation: 'improved' is recorded six months after leaving, not on leaving"
}
