#!/usr/bin/env bats
# wf case: the timeline of a case across every step; closing and reopening.

load helpers

# The SIL case of the examples through every step up to a running
# internship (2026-0005.1, started 2026-11-20).
placed_sil() {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18 --by "evaluation unit"
	wf-assess plan -q "$EX/plan.yaml"
	wf-place add -q --case 2026-0005 --kind internship --host coop-s-ambrogio --start 2026-11-20 --end 2027-05-19 --hours 20 --stipend 350
	wf-place start -q 2026-0005.1 --date 2026-11-20
}

@test "wf case show: a case through every step, in order of effective date" {
	placed_sil
	wf case close -q 2026-0005 --outcome hired --date 2026-11-21 --end-placements --recommendations "Keep the tutor for six months."
	run -0 wf case show 2026-0005 -o tsv --fields timeline
	want='[{"date":"2026-10-08","step":"referral","event":"referred","ref":"ssd-dalmine"},'
	want+='{"date":"2026-11-05","step":"case","event":"screened"},'
	want+='{"date":"2026-11-10","step":"assessment","event":"interview","ref":"1","note":"First interview. Motivated; worried about the travel to Bergamo."},'
	want+='{"date":"2026-11-10","step":"case","event":"assessing"},'
	want+='{"date":"2026-11-17","step":"assessment","event":"evaluation_unit","ref":"2"},'
	want+='{"date":"2026-11-18","step":"decision","event":"eligible","ref":"evaluation unit"},'
	want+='{"date":"2026-11-18","step":"case","event":"eligible"},'
	want+='{"date":"2026-11-20","step":"plan","event":"version","ref":"2026-0005/1","note":"Agreed with Paolo and his social worker at the SIL office."},'
	want+='{"date":"2026-11-20","step":"placement","event":"planned","ref":"2026-0005.1"},'
	want+='{"date":"2026-11-20","step":"placement","event":"active","ref":"2026-0005.1"},'
	want+='{"date":"2026-11-20","step":"case","event":"planned"},'
	want+='{"date":"2026-11-20","step":"case","event":"placed"},'
	want+='{"date":"2026-11-21","step":"placement","event":"ended","ref":"2026-0005.1","note":"completed"},'
	want+='{"date":"2026-11-21","step":"closure","event":"hired","note":"Keep the tutor for six months."},'
	want+='{"date":"2026-11-21","step":"case","event":"closed"}]'
	assert_equal "${lines[1]}" "$want"
	run -0 wf case show 2026-0005 -o json --fields status,closure
	assert_equal "$output" '{"status":"closed","closure":{"id":1,"date":"2026-11-21","outcome":"hired","recommendations":"Keep the tutor for six months."}}'
}

@test "wf case close: refused while a placement is running, unless asked to end it" {
	placed_sil
	run -65 --separate-stderr wf case close 2026-0005 --outcome dropped_out --date 2026-11-21
	assert_equal "$stderr" "wf: case '2026-0005' has placements still running: '2026-0005.1' (end them, or give --end-placements)"
	assert_equal "$(sql "SELECT status FROM cases WHERE id = '2026-0005'")" placed
	run -0 wf case close 2026-0005 --outcome dropped_out --date 2026-11-21 --end-placements -o json --fields status,status_date,reasons
	assert_equal "$output" '{"status":"closed","status_date":"2026-11-21","reasons":["dropped_out"]}'
	run -0 wf-place show 2026-0005.1 -o json --fields status,outcome,reason
	assert_equal "$output" '{"status":"ended","outcome":"interrupted","reason":"case closed: dropped_out"}'
}

@test "wf case close: placements not started are cancelled with the case" {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18
	wf-assess plan -q "$EX/plan.yaml"
	wf-place add -q --case 2026-0005 --kind internship --host coop-s-ambrogio --start 2027-01-07 --end 2027-06-30 --hours 20 --stipend 350
	run -0 wf case close 2026-0005 --outcome moved --date 2026-11-21 -o json --fields status
	assert_equal "$output" '{"status":"closed"}'
	[ "$(sql "SELECT status || ' ' || coalesce(outcome, '-') || ' ' || reason FROM placement")" = "cancelled - case closed: moved" ]
	run -0 wf case show 2026-0005 -o json --fields timeline
	[[ "$output" == *'{"date":"2026-11-21","step":"placement","event":"cancelled","ref":"2026-0005.1","note":"case closed: moved"}'* ]]
}

@test "wf case close: an already closed case, a rejected one, bad options" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf case close -q 2026-0001 --outcome withdrawn --date 2026-11-01
	run -65 --separate-stderr wf case close 2026-0001 --outcome other
	assert_equal "$stderr" "wf: case '2026-0001' is closed: close needs a case that is referred, screened, assessing, eligible, planned, placed"
	wf-refer screen -q 2026-0003
	run -65 --separate-stderr wf case close 2026-0003 --outcome other
	assert_equal "$stderr" "wf: case '2026-0003' is rejected: close needs a case that is referred, screened, assessing, eligible, planned, placed"
	run -64 --separate-stderr wf case close 2026-0002
	assert_equal "${stderr_lines[0]}" "wf: close needs --outcome"
	run -64 --separate-stderr wf case close 2026-0002 --outcome finished
	assert_equal "${stderr_lines[0]}" "wf: --outcome: 'finished' is not one of: hired, completed, dropped_out, withdrawn, moved, no_contact, other"
	run -65 --separate-stderr wf case close 2026-0002 --outcome other --date 2026-09-01
	assert_equal "$stderr" "wf: case '2026-0002': date 2026-09-01 is before its referred date 2026-09-21"
}

@test "wf case close --situation: the situation on leaving, a follow-up in the timeline" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	run -0 wf case close 2026-0001 --outcome hired --date 2026-11-01 --situation employed,qualification -o json --fields status
	assert_equal "$output" '{"status":"closed"}'
	assert_equal "$(sql "SELECT at, date, situation, operator FROM follow_up")" 'leaving|2026-11-01|["employed","qualification"]|tester'
	run -0 wf case show 2026-0001 -o json --fields timeline
	[[ "$output" == *'{"date":"2026-11-01","step":"follow_up","event":"leaving","note":"employed, qualification"}'* ]]
	run -64 --separate-stderr wf case close 2026-0002 --outcome other --situation hired
	assert_equal "${stderr_lines[0]}" "wf: --situation: 'hired' is not one of: employed, job_searching, education, qualification, improved, none"
	run -64 --separate-stderr wf case close 2026-0002 --outcome other --situation improved
	assert_equal "${stderr_lines[0]}" "wf: --situation: 'improved' is recorded six months after leaving, not on leaving"
	run -64 --separate-stderr wf case close 2026-0002 --outcome other --situation none,employed
	assert_equal "${stderr_lines[0]}" "wf: --situation: 'none' does not go with another situation"
	run -64 --separate-stderr wf case close 2026-0002 --outcome other --situation ,
	assert_equal "${stderr_lines[0]}" "wf: --situation: give at least one situation (or 'none')"
	[ "$(sql "SELECT count(*) FROM follow_up")" = 1 ]
	assert_equal "$(sql "SELECT status FROM cases WHERE id = '2026-0002'")" referred
}

@test "wf case reopen: back to the status before, with the reason; closing again works" {
	placed_sil
	wf case close -q 2026-0005 --outcome hired --date 2026-11-21 --end-placements
	run -64 --separate-stderr wf case reopen 2026-0005
	assert_equal "${stderr_lines[0]}" "wf: reopen needs --reason"
	run -0 wf case reopen 2026-0005 --reason "the hire fell through" -o json --fields status,reasons
	assert_equal "$output" '{"status":"placed","reasons":["the hire fell through"]}'
	run -65 --separate-stderr wf case reopen 2026-0005 --reason again
	assert_equal "$stderr" "wf: case '2026-0005' is placed: reopen needs a case that is closed, withdrawn"
	run -0 wf case close 2026-0005 --outcome completed -o json --fields status
	assert_equal "$output" '{"status":"closed"}'
}

@test "wf case reopen: a withdrawn referral goes back to screening" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer withdraw -q 2026-0001 --reason "not reachable" --date 2026-10-01
	run -0 wf case reopen 2026-0001 --reason "called back" -o json --fields status
	assert_equal "$output" '{"status":"referred"}'
	run -0 wf-refer screen 2026-0001 -o json --fields status
	assert_equal "$output" '{"status":"screened"}'
}
