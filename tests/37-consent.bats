#!/usr/bin/env bats
# Consents per purpose and recipient, and sharing as a recorded act: the
# final report goes to the referrer or a host only with the person's
# consent (or, to the referrer, under a public task), and each time it
# goes is kept.

load helpers

# A WORKFLOW case referred by caritas-vigevano, with a work grant at
# coop-betania.
placed() {
	seed
	to_plan Ada workflow-lomellina 2026-09-01 work_grant > /dev/null
	wf-place add -q --case 2026-0001 --kind work_grant --host coop-betania --hours 10 --stipend 400 --start 2026-10-01 --end 2027-03-31
}

@test "consent: the final report goes to the referrer only with the person's consent, and each time is kept" {
	placed
	run -65 --separate-stderr wf-report case 2026-0001 --for referrer
	assert_equal "$stderr" "wf-report: case '2026-0001': the person has not given consent to share the final report with 'caritas-vigevano' (record it with 'wf consent give 2026-0001 --purpose share_final_report --to caritas-vigevano')"
	[ -z "$output" ]
	assert_equal "$(sql 'SELECT count(*) FROM disclosure')" 0
	run -0 wf consent give 2026-0001 --purpose share_final_report --to caritas-vigevano --date 2026-09-02 -o tsv
	assert_equal "$output" $'id\tcase\tpurpose\tto\tanswer\tdate\n1\t2026-0001\tshare_final_report\tcaritas-vigevano\tgiven\t2026-09-02'
	run -0 wf-report case 2026-0001 --for referrer
	[[ "$output" == *$'## Shared\n\n| Date | With | Basis |\n| --- | --- | --- |\n| 2026-11-22 | Caritas Diocesana di Vigevano | consent |'* ]]
	run -0 wf-report case 2026-0001 -o json --fields shared
	assert_equal "$output" '{"shared":[{"date":"2026-11-22","what":"final_report","to":"caritas-vigevano","basis":"consent","by":"tester"}]}'
	assert_equal "$(sql 'SELECT count(*) FROM disclosure')" 1
	run -0 wf audit log --action disclose -o json --fields case,detail
	assert_equal "$output" '{"case":"2026-0001","detail":{"what":"final_report","to":"caritas-vigevano","basis":"consent"}}'
	run -0 wf person export 2026-0001 -o tsv --fields kind,purpose,to
	[[ "$output" == *$'consent\tshare_final_report\tcaritas-vigevano'* ]]
	[[ "$output" == *$'disclosure\t\tcaritas-vigevano'* ]]
}

@test "consent: withdrawn or refused, the report is refused again; given for any recipient, it goes" {
	placed
	wf consent give -q 2026-0001 --purpose share_final_report --to caritas-vigevano --date 2026-09-02
	wf consent withdraw -q 2026-0001 --purpose share_final_report --to caritas-vigevano
	run -65 --separate-stderr wf-report case 2026-0001 --for referrer
	[[ "$stderr" == "wf-report: case '2026-0001': the person has withdrawn consent"* ]]
	wf consent refuse -q 2026-0001 --purpose share_final_report
	run -65 --separate-stderr wf-report case 2026-0001 --for referrer
	[[ "$stderr" == "wf-report: case '2026-0001': the person has refused consent"* ]]
	wf consent give -q 2026-0001 --purpose share_final_report --note "signed form"
	run -0 wf-report case 2026-0001 --for referrer -o json --fields shared
	run -0 wf consent list 2026-0001 -o tsv --fields purpose,to,answer
	assert_equal "$output" $'purpose\tto\tanswer\nshare_final_report\tcaritas-vigevano\tgiven\nshare_final_report\tcaritas-vigevano\twithdrawn\nshare_final_report\t\trefused\nshare_final_report\t\tgiven'
}

@test "consent: under a public task the report goes to the referrer without it, never to a host" {
	placed
	sed 's/^name:/legal_basis: public_task\nname:/' "$EX/programmes/workflow-lomellina.yaml" | wf programme load -q -
	run -0 wf-report case 2026-0001 --for referrer -o json --fields shared
	assert_equal "$output" '{"shared":[{"date":"2026-11-22","what":"final_report","to":"caritas-vigevano","basis":"public_task"}]}'
	run -65 --separate-stderr wf-report case 2026-0001 --for host
	assert_equal "$stderr" "wf-report: case '2026-0001': the person has not given consent to share the final report with 'coop-betania' (record it with 'wf consent give 2026-0001 --purpose share_with_host --to coop-betania')"
	wf consent give -q 2026-0001 --purpose share_with_host --to coop-betania
	run -0 wf-report case 2026-0001 --for host -o json --fields shared
	[[ "$output" == *'"to":"coop-betania","basis":"consent"'* ]]
}

@test "consent: which host, and what a consent must say" {
	placed
	wf-place add -q --case 2026-0001 --kind work_grant --host coop-aironi --hours 10 --stipend 400 --start 2026-10-01 --end 2027-03-31
	run -64 --separate-stderr wf-report case 2026-0001 --for host
	assert_equal "${stderr_lines[0]}" "wf-report: case '2026-0001' has 2 hosts: say which with --to"
	run -65 --separate-stderr wf-report case 2026-0001 --for host --to coop-s-ambrogio
	assert_equal "$stderr" "wf-report: case '2026-0001': 'coop-s-ambrogio' is not a host of its placements"
	run -64 wf-report case 2026-0001 --for family
	run -64 wf-report case 2026-0001 --to coop-aironi
	run -64 --separate-stderr wf consent give 2026-0001 --purpose marketing
	[[ "${stderr_lines[0]}" == "wf: --purpose: 'marketing' is not one of: information_notice, "* ]]
	run -65 --separate-stderr wf consent give 2026-0001 --purpose share_with_host --to nobody
	assert_equal "$stderr" "wf: unknown organisation 'nobody' (register it with 'wf org add --id nobody --name NAME --role ROLE')"
	run -65 --separate-stderr wf consent withdraw 2026-0001 --purpose family_involvement
	assert_equal "$stderr" "wf: case '2026-0001': no consent to family_involvement is given on 2026-11-22: nothing to withdraw"
	run -0 wf consent give 2026-0001 --purpose information_notice --date 2026-09-01 -o tsv --fields purpose,answer,date
	assert_equal "${lines[1]}" $'information_notice\tgiven\t2026-09-01'
	run -0 wf audit log --action given -o tsv --fields entity,case
	assert_equal "${lines[1]}" $'consent\t2026-0001'
	assert_equal "$(sql 'SELECT count(*) FROM disclosure')" 0
}
