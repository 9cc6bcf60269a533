#!/usr/bin/env bats
# A person's right of access: everything the store holds about them, to
# hand over; and the people whose case files are past their retention.

load helpers

# Marco in two programmes, with a contact, a follow-up after the first
# closed, and a contact voided.
two_paths() {
	seed
	referral Marco Rossi 1998-04-12 tax=RSSMRC98D12L872O cert=law_381_1991 programme=sil-bergamo referrer=ssd-dalmine date=2026-03-01 | wf-refer add -q
	wf-monitor log -q 2026-0001 --with person --date 2026-03-05 --notes "first meeting"
	wf-monitor log -q 2026-0001 --with person --date 2026-03-06
	wf void -q --kind contact --id 2 --reason "logged twice"
	wf case close -q 2026-0001 --outcome withdrawn --date 2026-04-01 --situation job_searching
	referral Marco Rossi 1998-04-12 tax=RSSMRC98D12L872O date=2026-10-01 | wf-refer add -q
	referral Lucia Bianchi 1990-06-01 | wf-refer add -q
}

@test "person export: every record of both cases, then the audit about them, and the export audited" {
	two_paths
	n=$(sql "SELECT count(*) FROM audit WHERE person_id = 1")
	run -0 wf person export RSSMRC98D12L872O -o tsv --fields kind,id,case
	assert_equal "${lines[0]}" $'kind\tid\tcase'
	assert_equal "${lines[1]}" $'person\t1\t'
	assert_equal "${lines[2]}" $'case\t2026-0001\t'
	assert_equal "${lines[3]}" $'assessment\t2026-0001\t2026-0001'
	assert_equal "${lines[4]}" $'contact\t1\t2026-0001'
	assert_equal "${lines[5]}" $'follow_up\t1\t2026-0001'
	assert_equal "${lines[6]}" $'voided\t2\t2026-0001'
	assert_equal "${lines[7]}" $'case\t2026-0002\t'
	assert_equal "${lines[8]}" $'assessment\t2026-0002\t2026-0002'
	# then the trail: every entry about Marco, none about Lucia
	[ "${#lines[@]}" -eq $((9 + n)) ]
	[[ "${lines[9]}" == $'audit\t'* ]]
	[[ "$output" != *2026-0003* ]]
	run -0 wf audit log --action export -o json --fields entity,entity_id,person,detail
	assert_equal "$output" '{"entity":"person","entity_id":"1","person":1,"detail":{"cases":["2026-0001","2026-0002"]}}'
	run -0 wf audit log --action read --person 1 -o tsv --fields command,case
	assert_equal "$output" $'command\tcase\nwf person export\t2026-0001'
}

@test "person export: the records as the person can read them, in YAML" {
	two_paths
	run -0 wf person export 2026-0002 -o yaml
	[[ "$output" == *$'kind: person\nid: 1\ntax_code: RSSMRC98D12L872O\nfirst_name: Marco'* ]]
	[[ "$output" == *"notes: first meeting"* ]]
	[[ "$output" == *$'kind: voided\nentity: contact\nid: \'2\''* ]]
	[[ "$output" == *"situation: [job_searching]"* ]]
	run -1 --separate-stderr wf person export 99
	assert_equal "$stderr" "wf: no person '99' (give the person's number, a case of theirs, or their tax code)"
	run -64 wf person export 1 2
}

@test "person show: by number, case or tax code" {
	two_paths
	run -0 wf person show 1 2026-0003 rssmrc98d12l872o -o tsv --fields id,last_name
	assert_equal "$output" $'id\tlast_name\n1\tRossi\n2\tBianchi\n1\tRossi'
}

@test "retention: the people whose every case is over longer than their programmes keep files" {
	seed
	sed 's/^name:/retention_years: 2\nname:/' "$EX/programmes/workflow-lomellina.yaml" | wf programme load -q -
	WF_TODAY=2023-06-30
	# over in 2023-03: kept until 2025-03
	referral Anna Uno 1995-01-01 date=2023-02-01 | WF_TODAY=$WF_TODAY wf-refer add -q
	WF_TODAY=$WF_TODAY wf-refer withdraw -q 2023-0001 --date 2023-03-15 --reason moved
	# over in 2023-03, but a case of another programme, which keeps its
	# files, is over too
	referral Marco Rossi 1998-04-12 tax=RSSMRC98D12L872O date=2023-02-01 | WF_TODAY=$WF_TODAY wf-refer add -q
	WF_TODAY=$WF_TODAY wf-refer withdraw -q 2023-0002 --date 2023-03-15 --reason moved
	referral Marco Rossi 1998-04-12 tax=RSSMRC98D12L872O date=2023-04-01 programme=sil-bergamo cert=law_381_1991 | WF_TODAY=$WF_TODAY wf-refer add -q
	WF_TODAY=$WF_TODAY wf-refer withdraw -q 2023-0003 --date 2023-04-15 --reason moved
	# still open
	referral Carla Tre 1995-01-01 date=2023-02-01 | WF_TODAY=$WF_TODAY wf-refer add -q
	WF_TODAY=2026-11-22
	run -0 wf retention -o tsv
	assert_equal "$output" $'id\tcases\tover_since\tkeep_until\n1\t2023-0001\t2023-03-15\t2025-03-15'
	run -1 --separate-stderr wf retention --as-of 2025-03-15
	assert_equal "$stderr" "wf: nobody's case file is past its retention on 2025-03-15"
	run -0 wf retention --as-of 2025-03-16 -o tsv --fields id
	assert_equal "$output" $'id\n1'
}

@test "retention: a programme's retention_years is a number of years" {
	seed
	sed 's/^name:/retention_years: 0\nname:/' "$EX/programmes/workflow-lomellina.yaml" > "$T/p.yaml"
	run -65 --separate-stderr wf programme load "$T/p.yaml"
	[[ "$stderr" == "wf: $T/p.yaml:"*": retention_years: "* ]]
}
