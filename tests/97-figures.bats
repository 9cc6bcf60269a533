#!/usr/bin/env bats
# Report figures held to their definitions (wf-report(1), wf-monitor(1)):
# each case starts from one WORKFLOW case referred on 2026-01-05,
# screened, assessed, found eligible and given a plan by 2026-01-09, and
# a host; today is 2026-09-30.

load helpers

# The case, 2026-0001, planned on 2026-01-09.
planned_case() {
	export WF_TODAY=2026-09-30
	seed
	wf org add -q --id host-a --name A --role host --employees 1000
	to_plan Ada workflow-lomellina 2026-01-05 work_grant >/dev/null
}

grant() {
	wf-place add -q --case 2026-0001 --kind work_grant --host host-a --hours 10 --stipend 400 "$@"
}

monitoring() {
	wf-report "$@" --section monitoring -o json --fields monitoring.due,monitoring.on_time,monitoring.on_time_percent
}

@test "monthly: a contact held early counts in the month it was due, and the months add up" {
	planned_case
	grant --start 2026-02-01 --end 2026-06-30
	wf-place start -q 2026-0001.1 --date 2026-02-01
	# Both due on 2026-03-03: the tutor met six days early, the person on
	# the day. The tutor is next due 30 days after the 25th: 2026-03-27,
	# not met by the end of March; the person on 2026-04-02.
	wf-monitor log -q 2026-0001 --with tutor --date 2026-02-25
	wf-monitor log -q 2026-0001 --with person --date 2026-03-03
	run -0 monitoring monthly --month 2026-02
	assert_equal "$output" '{"monitoring":{"due":0,"on_time":0,"on_time_percent":null}}'
	run -0 monitoring monthly --month 2026-03
	assert_equal "$output" '{"monitoring":{"due":3,"on_time":2,"on_time_percent":67}}'
	run -0 monitoring range --from 2026-02-01 --to 2026-03-31
	assert_equal "$output" '{"monitoring":{"due":3,"on_time":2,"on_time_percent":67}}'
	# April: the person's of 2 April, missed. Nothing else falls due: a
	# contact missed stays due until one is held, and counts once, on its
	# own day.
	run -0 monitoring monthly --month 2026-04
	assert_equal "$output" '{"monitoring":{"due":1,"on_time":0,"on_time_percent":0}}'
	run -0 adds_up 2026-02 2026-06
	[ -z "$output" ]
}

@test "monthly: a placement that never started, cancelled with the case, is no interruption" {
	planned_case
	grant --start 2026-05-01 --end 2026-09-30
	wf case close -q 2026-0001 --outcome hired --date 2026-03-10 --end-placements
	run -0 wf-report monthly --month 2026-03 --section placements -o json --fields placements
	assert_equal "$output" '{"placements":{"started":{},"ended":{},"cancelled":1,"active_on_last_day":{"by_kind":{},"by_host":{},"total":0},"hires":0}}'
	run -0 wf-place show 2026-0001.1 -o json --fields status,status_date,outcome,reason
	assert_equal "$output" '{"status":"cancelled","status_date":"2026-03-10","reason":"case closed: hired"}'
}

@test "indicators: a situation on leaving learnt after the span counts, and says when" {
	planned_case
	grant --start 2026-02-01 --end 2026-06-30
	wf-place start -q 2026-0001.1 --date 2026-02-01
	wf case close -q 2026-0001 --outcome completed --date 2026-03-25 --end-placements
	wf-monitor follow-up -q 2026-0001 --at leaving --situation job_searching --date 2026-04-10
	run -0 wf-report indicators --from 2026-01-01 --to 2026-03-31 --section on_leaving -o csv --fields indicator,total,as_of
	assert_equal "$output" $'indicator,total,as_of\nleft,1,2026-09-30\njob_searching,1,2026-09-30\neducation,0,2026-09-30\nqualification,0,2026-09-30\nemployed,0,2026-09-30\nnone,0,2026-09-30\nnot_recorded,0,2026-09-30'
}

@test "monthly: contacts due and held on time over five months, worked out by hand" {
	planned_case
	wf programme load -q "$BATS_TEST_DIRNAME/fixtures/lombardia.yaml"
	wf org add -q --id nocount --name "No count" --role host
	# Ada (WORKFLOW, every 30 days with the person and the tutor): a work
	# grant from 1 February, due with both on 3 March.
	grant --start 2026-02-01 --end 2026-06-30
	wf-place start -q 2026-0001.1 --date 2026-02-01
	# March: the person met early on the 1st (on time); the tutor late,
	# on the 10th (missed). Suspended from the 20th, when the person's
	# next (the 31st) had not fallen due; resumed on 1 April.
	wf-monitor log -q 2026-0001 --with person --date 2026-03-01
	wf-monitor log -q 2026-0001 --with tutor --date 2026-03-10
	wf-place suspend -q 2026-0001.1 --date 2026-03-20 --reason illness
	wf-place resume -q 2026-0001.1 --date 2026-04-01
	# April: the person, 18 active days before the suspension and 12
	# after, on the 12th: met that day. The tutor, 9 and 21: the 21st,
	# missed.
	wf-monitor log -q 2026-0001 --with person --date 2026-04-12
	# May: a lab beside the grant from the 4th, its tutor due on 3 June.
	# A tutor met on the 5th about neither: the grant's of 21 April late,
	# the lab's early (on time, in June); both next on 4 June. The
	# person's of 12 May missed, met on the 20th.
	wf-place add -q --case 2026-0001 --kind motivational_lab --host coop-betania --start 2026-05-04 --end 2026-08-31 --hours 6
	wf-place start -q 2026-0001.2 --date 2026-05-04
	wf-monitor log -q 2026-0001 --with tutor --date 2026-05-05
	wf-monitor log -q 2026-0001 --with person --date 2026-05-20
	# June: both tutors' of the 4th missed; closed on the 10th, before
	# the person's of the 19th.
	wf case close -q 2026-0001 --outcome completed --date 2026-06-10 --end-placements
	# Bea (Lombardy rules: follow-ups 30, 90 and 180 days after a hire
	# with the person and the employer), hired on 1 March: due on 31
	# March and 30 May. The employer met early for the first, never for
	# the second; the person late for the first (15 April), early for the
	# second (28 May).
	bea=$(referral Bea Rota 1990-01-01 programme=lombardia-test date=2026-01-05 | new_case)
	wf-refer screen -q "$bea" --date 2026-01-06
	session "$bea" 2026-01-07 | wf-assess add -q
	wf-assess decide -q "$bea" --eligible --date 2026-01-08
	printf 'case: %s\nagreed_on: 2026-01-09\ngoals: [{id: g1, description: work, outcome: hired, target_date: 2027-12-31}]\nactions: [{kind: internship, provider: coop-s-ambrogio, start: 2026-03-01, end: 2026-08-31, goal: g1}]\n' "$bea" | wf-assess plan -q
	wf-place add -q --case "$bea" --kind hire --host nocount --start 2026-03-01 --end 2027-02-28 --hours 30
	wf-place start -q "$bea.1" --date 2026-03-01
	wf-monitor log -q "$bea" --with employer --date 2026-03-25
	wf-monitor log -q "$bea" --with person --date 2026-04-15
	wf-monitor log -q "$bea" --with person --date 2026-05-28
	# Due (on time): February 0; March Ada 2 (1), Bea 2 (1); April 2
	# (1); May Ada 1 (0), Bea 2 (1); June 3 (1).
	run -0 monitoring monthly --month 2026-02
	assert_equal "$output" '{"monitoring":{"due":0,"on_time":0,"on_time_percent":null}}'
	run -0 monitoring monthly --month 2026-03
	assert_equal "$output" '{"monitoring":{"due":4,"on_time":2,"on_time_percent":50}}'
	run -0 monitoring monthly --month 2026-04
	assert_equal "$output" '{"monitoring":{"due":2,"on_time":1,"on_time_percent":50}}'
	run -0 monitoring monthly --month 2026-05
	assert_equal "$output" '{"monitoring":{"due":3,"on_time":1,"on_time_percent":33}}'
	run -0 monitoring monthly --month 2026-06
	assert_equal "$output" '{"monitoring":{"due":3,"on_time":1,"on_time_percent":33}}'
	run -0 monitoring range --from 2026-02-01 --to 2026-06-30
	assert_equal "$output" '{"monitoring":{"due":12,"on_time":5,"on_time_percent":42}}'
	run -0 monitoring monthly --month 2026-05 --programme lombardia-test
	assert_equal "$output" '{"monitoring":{"due":2,"on_time":1,"on_time_percent":50}}'
	run -0 adds_up 2026-01 2026-09
	[ -z "$output" ]
	# The same figures whatever the order the contacts were typed in.
	run -0 wf-report range --from 2026-02-01 --to 2026-06-30 -o json
	first=$output
	sql "CREATE TABLE k AS SELECT * FROM contact ORDER BY id DESC; DELETE FROM contact; INSERT INTO contact (case_id, placement_id, date, party, how, operator, provider_id, risk, next_steps, notes, next_date, recorded_at, recorded_by) SELECT case_id, placement_id, date, party, how, operator, provider_id, risk, next_steps, notes, next_date, recorded_at, recorded_by FROM k; DROP TABLE k"
	run -0 wf-report range --from 2026-02-01 --to 2026-06-30 -o json
	assert_equal "$output" "$first"
}

@test "monthly: nothing falls due once the case is closed, even met early" {
	planned_case
	grant --start 2026-02-01 --end 2026-06-30
	wf-place start -q 2026-0001.1 --date 2026-02-01
	# Both due on 3 March; the tutor met early, on 25 February, and the
	# case closed on the 27th: nothing was due in March.
	wf-monitor log -q 2026-0001 --with tutor --date 2026-02-25
	wf case close -q 2026-0001 --outcome moved --date 2026-02-27 --end-placements
	run -0 monitoring range --from 2026-02-01 --to 2026-03-31
	assert_equal "$output" '{"monitoring":{"due":0,"on_time":0,"on_time_percent":null}}'
	run -1 wf-monitor due --on 2026-03-03 --kind contact
}
