#!/usr/bin/env bats
# wf-report case: the final report of a path, in Markdown, YAML and JSON.

load helpers

# The SIL case of the examples through every step, closed as hired.
complete_path() {
	screened_sil
	wf-assess add -q "$EX/assessment.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18 --by "evaluation unit"
	wf-assess plan -q "$EX/plan.yaml"
	wf-place add -q "$EX/placement.yaml"
	wf-place start -q 2026-0005.1 --date 2026-11-20
	wf-monitor log -q 2026-0005 --with tutor --date 2026-11-21 --how phone --risk low --next-steps "All well"
	wf case close -q 2026-0005 --outcome hired --date 2026-11-22 --end-placements --recommendations "Keep the tutor for six months."
}

@test "report case: a complete path, Markdown by default, every section" {
	complete_path
	run -0 wf-report case 2026-0005
	assert_equal "${lines[0]}" "# Final report of the path: case 2026-0005"
	assert_equal "${lines[1]}" "- **Person**: Paolo Gritti (GRTPLA79C08A794U)"
	assert_equal "${lines[2]}" "- **Programme**: SIL - Servizio Inserimento Lavorativo Dalmine e Bergamo (sil-bergamo)"
	assert_equal "${lines[3]}" "- **Referring service**: Servizio Sociale di Dalmine, on 2026-10-08"
	assert_equal "${lines[5]}" "- **Status**: closed since 2026-11-22"
	for h in "## Timeline" "## Skills" "## Work prerequisites" "## Work-fragility profile" "## Decision" "## Individual project" "## Intervention plan (version 1, agreed on 2026-11-20)" "## Placements" "## Monitoring" "## Outcome of the path"; do
		[[ "$output" == *$'\n'"$h"$'\n'* ]]
	done
	[[ "$output" == *$'| 2026-0005.1 | extracurricular internship | Cooperativa S. Ambrogio | 2026-11-20 | 2027-05-19 | 350.00 | ended | completed |'* ]]
	[[ "$output" == *$'| 2026-11-21 | the tutor | phone | low | All well |'* ]]
	[[ "$output" == *$'## Outcome of the path\n\nhired on 2026-11-22\n\n- **Recommendations**: Keep the tutor for six months.'* ]]
	[[ "$output" == *$'## Decision\n\neligible on 2026-11-18, by evaluation unit'* ]]
}

@test "report case: YAML and JSON carry the same content as one record" {
	complete_path
	run -0 wf-report case 2026-0005 -o json --fields kind,id,status,closure,programme
	assert_equal "$output" '{"kind":"case_report","id":"2026-0005","status":"closed","closure":{"id":1,"date":"2026-11-22","outcome":"hired","recommendations":"Keep the tutor for six months."},"programme":{"id":"sil-bergamo","name":"SIL - Servizio Inserimento Lavorativo Dalmine e Bergamo"}}'
	run -0 wf-report case 2026-0005 -o json --fields placements,monitoring
	assert_equal "$output" '{"placements":[{"id":"2026-0005.1","type":"internship","host":"coop-s-ambrogio","start":"2026-11-20","end":"2027-05-19","hours_week":20,"stipend":"350.00","status":"ended","status_date":"2026-11-22","outcome":"completed"}],"monitoring":[{"date":"2026-11-21","with":"tutor","how":"phone","risk":"low","next_steps":"All well"}]}'
}

@test "report case: a rejected referral tells why, and nothing more" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer screen -q 2026-0003 --date 2026-11-20
	run -0 wf-report case 2026-0003
	assert_equal "${lines[4]}" "- **Status**: rejected since 2026-11-20"
	assert_equal "${lines[5]}" "- **Reason**: age 41 at 2026-10-02 is not in 0..34 nor 50.."
	[[ "$output" != *"## Skills"* ]]
	[[ "$output" != *"## Placements"* ]]
	[[ "$output" != *"## Outcome of the path"* ]]
}

@test "report case: an unknown case -> exit 1; several cases in one document" {
	complete_path
	run -1 --separate-stderr wf-report case 2026-0099
	assert_equal "$stderr" "wf-report: case '2026-0099' not found"
	run -0 wf-report case 2026-0005 2026-0001
	[[ "$output" == *$'\n---\n\n# Final report of the path: case 2026-0001'* ]]
}

@test "funnel: cases that reached each step, and where they left, as of a date" {
	complete_path
	wf-refer screen -q 2026-0001 2026-0002 2026-0003 2026-0004 --date 2026-11-06
	wf-refer withdraw -q 2026-0006 --reason moved --date 2026-11-07
	run -0 wf-report funnel -o tsv
	# The rejected never reached 'screened'; 0001, 0002 and 0005 did.
	assert_equal "$output" $'id\tcases\tpercent\nreferred\t8\t100\nscreened\t3\t38\nassessing\t1\t13\neligible\t1\t13\nplanned\t1\t13\nplaced\t1\t13\nrejected\t2\t25\nwithdrawn\t1\t13\nclosed\t1\t13'
	run -0 wf-report funnel --on 2026-10-10 -o tsv --fields id,cases
	assert_equal "$output" $'id\tcases\nreferred\t5\nscreened\t0\nassessing\t0\neligible\t0\nplanned\t0\nplaced\t0'
	run -0 wf-report funnel --programme sil-bergamo -o tsv --fields id,cases
	assert_equal "${lines[1]}" $'referred\t3'
	run -1 --separate-stderr wf-report funnel --on 2026-01-01
	assert_equal "$stderr" "wf-report: no cases by 2026-01-01"
}

@test "caseload: open cases in each operator's charge, by status" {
	complete_path
	wf-refer screen -q 2026-0001 --date 2026-11-06
	WF_OPERATOR=luca wf-monitor log -q 2026-0001 --with person --date 2026-11-10
	run -0 wf-report caseload -o tsv --fields operator,cases,referred,screened
	assert_equal "$output" $'operator\tcases\treferred\tscreened\nluca\t1\t0\t1\ntester\t6\t6\t0'
	# The day before it closed, 2026-0005 was placed.
	run -0 wf-report caseload --on 2026-11-21 -o tsv --fields operator,cases,placed
	assert_equal "$output" $'operator\tcases\tplaced\nluca\t1\t0\ntester\t7\t1'
}

# A history across autumn 2026, typed in late with past effective dates.
# Referrals (examples): 0001 09-14 caritas, 0002 09-21 mortara, 0003
# 10-02 vigevano, 0004 10-05 caritas, 0005 10-08 dalmine (law 68), 0006
# 10-12 caritas (25, never employed), 0007 10-20 dalmine (31), 0008 11-03
# dalmine (uncertified, inactive).
history() {
	cached history_store
}
history_store() {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer screen -q 2026-0001 --date 2026-09-20
	wf-refer screen -q 2026-0002 --date 2026-09-25
	wf-refer screen -q 2026-0003 --date 2026-10-05
	wf-refer screen -q 2026-0004 --date 2026-10-06
	wf-refer screen -q 2026-0005 --date 2026-10-10
	wf-refer screen -q 2026-0006 --date 2026-10-15
	wf-refer screen -q 2026-0007 --date 2026-10-25
	wf-refer screen -q 2026-0008 --date 2026-11-05
	{ session 2026-0001 2026-10-20; session 2026-0006 2026-10-22; } | sed 's/mestieri-lombardia/csf-vigevano/' | wf-assess add -q
	wf-assess decide -q 2026-0001 --eligible --date 2026-10-25
	wf-assess decide -q 2026-0006 --ineligible --reason "not ready" --date 2026-10-30
	printf 'case: 2026-0001\nagreed_on: 2026-10-28\ngoals: [{id: g1, description: work, outcome: hired, target_date: 2027-06-30}]\nactions: [{kind: work_grant, provider: coop-betania, start: 2026-11-02, end: 2027-04-30, goal: g1}]\n' | wf-assess plan -q
	wf-place add -q --case 2026-0001 --kind work_grant --host coop-betania --start 2026-11-02 --end 2027-04-30 --hours 20 --stipend 400
	wf-place start -q 2026-0001.1 --date 2026-11-02
	wf-assess add -q "$EX/assessment.yaml"
	wf-assess decide -q 2026-0005 --eligible --date 2026-11-18
	wf-assess plan -q "$EX/plan.yaml"
	wf-place add -q "$EX/placement.yaml"
	wf-place start -q 2026-0005.1 --date 2026-11-20
	WF_OPERATOR=luca wf-monitor log -q 2026-0001 --with person --date 2026-11-15 --risk high
	wf-refer withdraw -q 2026-0002 --reason moved --date 2026-11-12
}

@test "monthly: every figure of October, worked out by hand" {
	history
	run -0 wf-report monthly --month 2026-10 -o json
	want='{"kind":"report","id":"monthly/2026-10","from":"2026-10-01","to":"2026-10-31","programme":"all",'
	want+='"referrals":{"received":5,"by_referrer":{"caritas-vigevano":2,"comune-vigevano":1,"ssd-dalmine":2},'
	want+='"by_target_group":{"age_up_to_34":2,"age_50_and_over":0,"law_68_1999":1,"law_381_1991":0,"uncertified_disadvantage":0},'
	want+='"by_employment":{"employed":1,"never_employed":1,"unemployed":3}},'
	want+='"screening":{"screened":5,"accepted":2,"rejected":3,"rejected_by_rule":{"age":2,"employment":1,"certification":1}},'
	want+='"assessment":{"sessions":2,"cases_assessed":2,"decisions":{"eligible":1,"ineligible":1}},'
	want+='"plans":{"agreed":1},'
	want+='"placements":{"started":{},"ended":{},"cancelled":0,"active_on_last_day":{"by_kind":{},"by_host":{},"total":0},"hires":0},'
	want+='"monitoring":{"contacts_by_party":{},"contacts":0,"high_risk_cases":0,"due":0,"on_time":0,"on_time_percent":null},'
	want+='"closures":{},'
	want+='"caseload":{"open_by_operator":{"tester":3},"open":3,"open_without_manager":3},'
	want+='"median_days":{"referral_to_screening":3,"screening_to_decision":25,"decision_to_plan":3,"plan_to_placement":null}}'
	assert_equal "$output" "$want"
}

@test "monthly: every figure of November, worked out by hand" {
	history
	run -0 wf-report monthly --month 2026-11 -o json
	want='{"kind":"report","id":"monthly/2026-11","from":"2026-11-01","to":"2026-11-30","programme":"all",'
	want+='"referrals":{"received":1,"by_referrer":{"ssd-dalmine":1},'
	want+='"by_target_group":{"age_up_to_34":0,"age_50_and_over":0,"law_68_1999":0,"law_381_1991":0,"uncertified_disadvantage":1},'
	want+='"by_employment":{"inactive":1}},'
	want+='"screening":{"screened":1,"accepted":1,"rejected":0,"rejected_by_rule":{}},'
	want+='"assessment":{"sessions":2,"cases_assessed":1,"decisions":{"eligible":1}},'
	want+='"plans":{"agreed":1},'
	want+='"placements":{"started":{"internship":1,"work_grant":1},"ended":{},"cancelled":0,"active_on_last_day":{"by_kind":{"work_grant":1,"internship":1},"by_host":{"coop-betania":1,"coop-s-ambrogio":1},"total":2},"hires":0},'
	want+='"monitoring":{"contacts_by_party":{"person":1},"contacts":1,"high_risk_cases":1,"due":0,"on_time":0,"on_time_percent":null},'
	want+='"closures":{},'
	want+='"caseload":{"open_by_operator":{"luca":1,"tester":2},"open":3,"open_without_manager":3},'
	want+='"median_days":{"referral_to_screening":2,"screening_to_decision":39,"decision_to_plan":2,"plan_to_placement":2.5}}'
	assert_equal "$output" "$want"
}

@test "monthly: contacts due against those held on time, replaying what was due" {
	lombardia
	id=$(planned Ada)
	place "$id" -q
	wf-place start -q "$id.1" --date 2026-10-01
	# Every 30 active days with the person and the tutor: both due on
	# 2026-10-31. The tutor is met that day (on time), the person late, on
	# 2026-11-03; the tutor is next due on 2026-11-30 and met on the 20th.
	wf-monitor log -q "$id" --with tutor --date 2026-10-31
	wf-monitor log -q "$id" --with person --date 2026-11-03
	wf-monitor log -q "$id" --with family --date 2026-11-05
	# October: the tutor's on time; the person's still open at the end.
	run -0 wf-report monthly --month 2026-10 -o json --fields monitoring
	assert_equal "$output" '{"monitoring":{"contacts_by_party":{"tutor":1},"contacts":1,"high_risk_cases":0,"due":2,"on_time":1,"on_time_percent":50}}'
	# November, before the tutor's second meeting: the person's late
	# contact met October's due; the tutor's of the 30th is open.
	run -0 wf-report monthly --month 2026-11 -o json --fields monitoring.due,monitoring.on_time,monitoring.on_time_percent
	assert_equal "$output" '{"monitoring":{"due":1,"on_time":0,"on_time_percent":0}}'
	wf-monitor log -q "$id" --with tutor --date 2026-11-20
	run -0 wf-report monthly --month 2026-11 -o json --fields monitoring.due,monitoring.on_time,monitoring.on_time_percent
	assert_equal "$output" '{"monitoring":{"due":1,"on_time":1,"on_time_percent":100}}'
	# Hidden small counts; the share is not a count.
	run -0 wf-report monthly --month 2026-10 --min-cell 5 -o json --fields monitoring.due,monitoring.on_time_percent
	assert_equal "$output" '{"monitoring":{"due":"<5","on_time_percent":50}}'
}

@test "monthly: the months of a span add up to the span, for every figure that adds up" {
	history
	run -0 adds_up 2026-08 2026-12
	[ -z "$output" ]
	# Not vacuous: in December 2026-0001's person was met early (on 15
	# November) for the 2nd, and missed on the 15th; its tutor missed on
	# the 2nd; 2026-0005's person and tutor missed on the 20th.
	run -0 wf-report range --from 2026-08-01 --to 2026-12-31 -o tsv --fields id,value
	[[ "$output" == *$'referrals.received\t8'* && "$output" == *$'placements.started.internship\t1'* ]]
	[[ "$output" == *$'monitoring.due\t5\nmonitoring.on_time\t1\n'* ]]
}

@test "range: the same figures for a span; one programme's; a month before any data" {
	history
	run -0 wf-report range --from 2026-09-01 --to 2026-11-30 -o tsv --section referrals
	assert_equal "${lines[1]}" $'referrals\treceived\t8'
	run -0 wf-report monthly --month 2026-11 --programme sil-bergamo -o json --fields referrals.received,placements.started,caseload.open
	assert_equal "$output" '{"referrals":{"received":1},"placements":{"started":{"internship":1}},"caseload":{"open":2}}'
	# The high risk and the medians of each programme's own cases: 2026-0001
	# (WORKFLOW) at high risk, placed 5 days after its plan; 2026-0005 (the
	# SIL) the day of its plan, 2026-0008 screened 2 days after referral.
	run -0 wf-report monthly --month 2026-11 --programme sil-bergamo -o json --fields monitoring.high_risk_cases,median_days
	assert_equal "$output" '{"monitoring":{"high_risk_cases":0},"median_days":{"referral_to_screening":2,"screening_to_decision":39,"decision_to_plan":2,"plan_to_placement":0}}'
	run -0 wf-report monthly --month 2026-11 --programme workflow-lomellina -o json --fields monitoring.high_risk_cases,median_days.plan_to_placement
	assert_equal "$output" '{"monitoring":{"high_risk_cases":1},"median_days":{"plan_to_placement":5}}'
	run -0 wf-report monthly --month 2026-01 -o json --fields referrals.received,caseload.open,median_days
	assert_equal "$output" '{"referrals":{"received":0},"caseload":{"open":0},"median_days":{"referral_to_screening":null,"screening_to_decision":null,"decision_to_plan":null,"plan_to_placement":null}}'
	run -64 --separate-stderr wf-report range --from 2026-11-30 --to 2026-11-01
	assert_equal "${stderr_lines[0]}" "wf-report: range: --to 2026-11-01 is before --from 2026-11-30"
}

@test "monthly: CSV and Markdown rows, one section, names never printed" {
	history
	run -0 wf-report monthly --month 2026-10 -o csv --section screening
	assert_equal "$output" $'section,item,value\nscreening,screened,5\nscreening,accepted,2\nscreening,rejected,3\nscreening,rejected_by_rule.age,2\nscreening,rejected_by_rule.employment,1\nscreening,rejected_by_rule.certification,1'
	run -0 wf-report monthly --month 2026-10 -o md --section plans
	assert_equal "$output" $'| section | item | value |\n| --- | --- | --- |\n| plans | agreed | 1 |'
	run -0 wf-report monthly --month 2026-11
	[[ "$output" != *Gritti* && "$output" != *Rossi* && "$output" != *GRTPLA* ]]
	run -64 --separate-stderr wf-report monthly --month 2026-11 --section people
	[[ "${stderr_lines[0]}" == "wf-report: --section: unknown section 'people' (one of: referrals, screening,"* ]]
}

@test "monthly: --min-cell hides small counts, and one more where one would be alone" {
	history
	# In screening, 'accepted' (2) would be hidden alone and could be
	# worked out as screened - rejected: 'rejected' (3) is hidden with it.
	run -0 wf-report monthly --month 2026-10 --min-cell 3 -o json --fields referrals,screening
	assert_equal "$output" '{"referrals":{"received":5,"by_referrer":{"caritas-vigevano":"<3","comune-vigevano":"<3","ssd-dalmine":"<3"},"by_target_group":{"age_up_to_34":"<3","age_50_and_over":0,"law_68_1999":"<3","law_381_1991":0,"uncertified_disadvantage":0},"by_employment":{"employed":"<3","never_employed":"<3","unemployed":3}},"screening":{"screened":5,"accepted":"<3","rejected":"<3","rejected_by_rule":{"age":"<3","employment":"<3","certification":"<3"}}}'
	# Counts of N or more stay; zeros stay.
	run -0 wf-report monthly --month 2026-10 --min-cell 2 -o json --fields assessment,screening.rejected_by_rule
	assert_equal "$output" '{"assessment":{"sessions":2,"cases_assessed":2,"decisions":{"eligible":"<2","ineligible":"<2"}},"screening":{"rejected_by_rule":{"age":2,"employment":"<2","certification":"<2"}}}'
	run -64 wf-report monthly --month 2026-10 --min-cell 1
}

@test "cron: the example script writes last month's report as .md and .json" {
	history
	script="$BATS_TEST_DIRNAME/../examples/cron/monthly-report.sh"
	WF_TODAY=2026-12-01 run -0 "$script" "$T/reports"
	[ -f "$T/reports/2026-11.md" ]
	run -0 cat "$T/reports/2026-11.json"
	assert_equal "$output" "$(wf-report monthly --month 2026-11 -o json)"
	run -0 head -3 "$T/reports/2026-11.md"
	assert_equal "${lines[0]}" "| section | item | value |"
	assert_equal "${lines[2]}" "| referrals | received | 1 |"
	# In January, last month is December of the year before.
	WF_TODAY=2027-01-01 run -0 "$script" "$T/reports"
	[ -f "$T/reports/2026-12.json" ]
	WF_DB="$T/missing.db" WF_TODAY=2026-12-01 run -1 --separate-stderr "$script" "$T/other"
	[[ "$stderr" == *"monthly-report: the store is not whole" ]]
	[ ! -e "$T/other/2026-11.md" ]
}

@test "cron: a damaged store gives no report of wrong figures" {
	sqlite_only "a file's pages overwritten"
	history
	script="$BATS_TEST_DIRNAME/../examples/cron/monthly-report.sh"
	cp "$WF_DB" "$T/bad.db"
	sqlite3 "$T/bad.db" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
	root=$(sqlite3 "$T/bad.db" "SELECT rootpage FROM sqlite_master WHERE name = 'contact_date'")
	dd if=/dev/zero of="$T/bad.db" bs=4096 seek=$((root - 1)) count=1 conv=notrunc status=none
	WF_DB="$T/bad.db" WF_TODAY=2026-12-01 run -1 --separate-stderr "$script" "$T/third"
	[[ "$stderr" == *"is damaged"*"monthly-report: the store is not whole" ]]
	[ ! -e "$T/third/2026-11.md" ]
}

@test "monthly --compare: the month before and the same month a year before, beside" {
	history
	run -0 wf-report monthly --month 2026-11 --compare --section referrals -o tsv --fields item,value,previous_month,year_before
	assert_equal "${lines[1]}" $'received\t1\t5\t0'
	assert_equal "${lines[2]}" $'by_referrer.ssd-dalmine\t1\t2\t0'
	run -0 wf-report monthly --month 2026-11 --compare --section plans -o json
	assert_equal "$output" '{"kind":"report","id":"monthly/2026-11","from":"2026-11-01","to":"2026-11-30","programme":"all","plans":{"agreed":1},"previous_month":{"kind":"report","id":"monthly/2026-10","from":"2026-10-01","to":"2026-10-31","programme":"all","plans":{"agreed":1}},"year_before":{"kind":"report","id":"monthly/2025-11","from":"2025-11-01","to":"2025-11-30","programme":"all","plans":{}}}'
	# January compares with December of the year before.
	run -0 wf-report monthly --month 2027-01 --compare -o json --fields previous_month.id,year_before.id
	assert_equal "$output" '{"previous_month":{"id":"monthly/2026-12"},"year_before":{"id":"monthly/2026-01"}}'
}

@test "reports: an unknown --programme is refused with the codes there are, not a report of zeros" {
	seed
	for r in "monthly --month 2026-10" "range --from 2026-01-01 --to 2026-10-31" "indicators --from 2026-01-01 --to 2026-10-31" funnel caseload; do
		run -65 --separate-stderr wf-report $r --programme nope
		assert_equal "$stderr" "wf-report: unknown programme 'nope' (the store has: sil-bergamo, workflow-lomellina)"
	done
	run -0 wf-report monthly --month 2026-10 --programme sil-bergamo -q
}
