#!/usr/bin/env bats
# Corrections of the records that carry the case along its path: a
# referral, a session, a decision, an attendance, a closing. Each is
# checked as when it was added; its step in the case's history moves
# with it, within the steps before and after, or is refused.

load helpers

# A case (2026-0001, Marco Rossi) referred 2026-10-01, screened 10-02,
# sessions on 10-05 and 10-08, found eligible on 10-10.
decided() {
	seed
	referral Marco Rossi 1998-04-12 tax=RSSMRC98D12L872O since=2025-01-01 | wf-refer add -q
	wf-refer screen -q 2026-0001 --date 2026-10-02
	session 2026-0001 2026-10-05 | wf-assess add -q
	session 2026-0001 2026-10-08 skills_assessment | wf-assess add -q
	wf-assess decide -q 2026-0001 --eligible --date 2026-10-10
}

steps() {
	sql "SELECT status || ' ' || effective_date FROM case_status WHERE case_id = '$1' ORDER BY id" | paste -sd, -
}

@test "amend referral: the first referral's date is the case's opening, and moves it" {
	decided
	run -0 wf amend --kind referral --id 2026-0001 --set date=2026-09-28 --reason "typed the day it arrived" -o json --fields entity,id,case,changed,before.date,after.date
	assert_equal "$output" '{"entity":"referral","id":"2026-0001","case":"2026-0001","changed":["date"],"before":{"date":"2026-10-01"},"after":{"date":"2026-09-28"}}'
	assert_equal "$(steps 2026-0001)" "referred 2026-09-28,screened 2026-10-02,assessing 2026-10-05,eligible 2026-10-10"
	run -0 wf-refer show 2026-0001 -o tsv --fields date
	assert_equal "$output" $'date\n2026-09-28'
	assert_equal "$(sql "SELECT opened_on FROM cases WHERE id = '2026-0001'")" 2026-09-28
	run -65 --separate-stderr wf amend --kind referral --id 2026-0001 --set date=2026-10-03 --reason x
	assert_equal "$stderr" "wf: date: case '2026-0001' moved on from referred on 2026-10-02: a date after that is refused"
	run -65 --separate-stderr wf amend --kind referral --id 2026-0001 --set employment_since=2026-10-01 --reason x
	assert_equal "$stderr" "wf: employment_since: '2026-10-01' is after the referral date 2026-09-28"
	run -0 wf audit verify -q
}

@test "amend referral: the situation and certifications, checked and kept in the audit; the target checked again" {
	seed
	referral Ada Neri 1990-01-01 programme=sil-bergamo cert=law_68_1999 | wf-refer add -q
	wf-refer screen -q 2026-0001 --date 2026-10-02
	assert_equal "$(sql "SELECT status FROM cases")" screened
	printf 'kind: referral\nid: 2026-0001\ncertifications:\n  - kind: law_68_1999\n    invalidity: civil\n    invalidity_percent: 67\nneeds: [transport]\n' > "$T/r.yaml"
	run -0 wf amend "$T/r.yaml" --reason "the percentage came later" -o json --fields changed
	assert_equal "$output" '{"changed":["needs","certifications"]}'
	assert_equal "$(sql "SELECT kind || ' ' || invalidity_percent FROM certification")" "law_68_1999 67"
	run -65 --separate-stderr wf amend --kind referral --id 2026-0001 --set certifications= --reason x
	[[ "$stderr" == "wf: case '2026-0001' was screened into 'sil-bergamo'; so corrected, it would fail its target ("* ]]
	assert_equal "$(sql 'SELECT count(*) FROM certification')" 1
	printf 'kind: referral\nid: 2026-0001\ncertifications:\n  - kind: law_68_1999\n    invalidity_percent: 167\n' > "$T/r.yaml"
	run -65 --separate-stderr wf amend "$T/r.yaml" --reason x
	assert_equal "$stderr" "wf: $T/r.yaml:5:5: certifications[0].invalidity_percent: 167 is not in 1..100"
	run -65 --separate-stderr wf amend --kind referral --id 2026-0001 --set referrer=nobody --reason x
	[[ "$stderr" == "wf: referrer: "*"nobody"* ]]
	run -65 --separate-stderr wf amend --kind referral --id 2026-0001 --set case=2026-0002 --reason x
	assert_equal "$stderr" "wf: case: a referral stays with its case '2026-0001'"
	run -65 --separate-stderr wf amend --kind referral --id 2026-0001/2 --set notes=x --reason x
	assert_equal "$stderr" "wf: id: referral '2026-0001/2' not found"
	run -0 wf audit log --action correct -o json --fields entity_id,detail.changes.needs
	assert_equal "$output" '{"entity_id":"2026-0001","detail":{"changes":{"needs":{"old":null,"new":["transport"]}}}}'
}

@test "amend session: checked as added; the first one carries the assessment's opening" {
	decided
	run -0 wf amend --kind session --id 1 --set date=2026-10-09 --reason "the interview was moved" -o json --fields changed
	assert_equal "$output" '{"changed":["date"]}'
	assert_equal "$(steps 2026-0001)" "referred 2026-10-01,screened 2026-10-02,assessing 2026-10-08,eligible 2026-10-10"
	printf 'kind: session\nid: 2\nprerequisites: [{item: punctuality, value: met}]\nprofile: [{area: housing, level: high}]\n' > "$T/s.yaml"
	run -0 wf amend "$T/s.yaml" --reason "the sheet was filled in later" -o json --fields changed
	assert_equal "$output" '{"changed":["prerequisites","profile"]}'
	assert_equal "$(sql "SELECT area || ' ' || level FROM fragility WHERE session_id = 2")" "housing high"
	printf 'kind: session\nid: 2\nprerequisites: [{item: punctually, value: met}]\n' > "$T/s.yaml"
	run -65 --separate-stderr wf amend "$T/s.yaml" --reason x
	[[ "$stderr" == "wf: $T/s.yaml:3:"*": prerequisites[0].item: 'punctually' is not on the programme's checklist: "*"(did you mean 'punctuality'?)" ]]
	run -65 --separate-stderr wf amend --kind session --id 2 --set date=2026-10-01 --reason x
	assert_equal "$stderr" "wf: date: case '2026-0001' was screened on 2026-10-02: a date before that is refused"
	run -65 --separate-stderr wf amend --kind session --id 2 --set case=2026-0002 --reason x
	assert_equal "$stderr" "wf: case: a session stays with its case '2026-0001': void it and add it to the right one"
	assert_equal "$(sql 'SELECT date FROM assessment_session ORDER BY id' | paste -sd, -)" "2026-10-09,2026-10-08"
	assert_equal "$(steps 2026-0001)" "referred 2026-10-01,screened 2026-10-02,assessing 2026-10-08,eligible 2026-10-10"
}

@test "amend session: refused on a day the case took no sessions" {
	decided
	wf case close -q 2026-0001 --outcome withdrawn --date 2026-10-20
	run -65 --separate-stderr wf amend --kind session --id 2 --set date=2026-10-21 --reason x
	assert_equal "$stderr" "wf: date: case '2026-0001' was closed on 2026-10-21: a session then is refused"
	assert_equal "$(sql 'SELECT date FROM assessment_session WHERE id = 2')" 2026-10-08
}

@test "amend decision: its date moves its step; a changed decision changes the case" {
	decided
	run -0 wf-assess show 2026-0001 -o json --fields decision.id,decision.decision
	assert_equal "$output" '{"decision":{"id":1,"decision":"eligible"}}'
	run -0 wf amend --kind decision --id 1 --set date=2026-10-09 --reason typo -o json --fields changed
	assert_equal "$output" '{"changed":["date"]}'
	run -65 --separate-stderr wf amend --kind decision --id 1 --set date=2026-10-04 --reason x
	assert_equal "$stderr" "wf: date: case '2026-0001' was assessing on 2026-10-05: a date before that is refused"
	run -65 --separate-stderr wf amend --kind decision --id 1 --set decision=ineligible --reason x
	assert_equal "$stderr" "wf: grounds: an ineligible decision needs its grounds"
	printf 'kind: decision\nid: 1\ndecision: ineligible\ngrounds: lives too far\n' > "$T/d.yaml"
	run -0 wf amend "$T/d.yaml" --reason "the wrong button" -o json --fields changed,after.decision
	assert_equal "$output" '{"changed":["decision","grounds"],"after":{"decision":"ineligible"}}'
	assert_equal "$(steps 2026-0001)" "referred 2026-10-01,screened 2026-10-02,assessing 2026-10-05,ineligible 2026-10-09"
	run -0 wf-refer show 2026-0001 -o json --fields status,reasons
	assert_equal "$output" '{"status":"ineligible","reasons":["lives too far"]}'
	printf 'kind: decision\nid: 1\ndecision: deferred\ngrounds: null\nreview_on: 2026-12-01\n' > "$T/d.yaml"
	run -0 wf amend "$T/d.yaml" --reason "deferred in fact"
	assert_equal "$(steps 2026-0001)" "referred 2026-10-01,screened 2026-10-02,assessing 2026-10-05"
	run -65 --separate-stderr wf amend --kind decision --id 1 --set review_on=2026-10-01 --reason x
	assert_equal "$stderr" "wf: review_on: 2026-10-01 is not after the decision date 2026-10-09"
	run -0 wf audit verify -q
}

@test "amend decision: refused by the state machine once the case moved on" {
	decided
	printf 'case: 2026-0001\nagreed_on: 2026-10-12\ngoals: [{id: g1, description: work, outcome: hired, target_date: 2027-12-31}]\nactions: [{kind: work_grant, provider: coop-s-ambrogio, start: 2026-11-01, end: 2027-04-30, goal: g1}]\n' | wf-assess plan -q
	printf 'kind: decision\nid: 1\ndecision: ineligible\ngrounds: x\n' > "$T/d.yaml"
	run -65 --separate-stderr wf amend "$T/d.yaml" --reason x
	assert_equal "$stderr" "wf: $T/d.yaml:1:1: date: case '2026-0001' moved on from eligible on 2026-10-12: only its latest step can be changed"
	run -65 --separate-stderr wf amend --kind decision --id 1 --set date=2026-10-13 --reason x
	assert_equal "$stderr" "wf: date: case '2026-0001' moved on from eligible on 2026-10-12: a date after that is refused"
	assert_equal "$(steps 2026-0001)" "referred 2026-10-01,screened 2026-10-02,assessing 2026-10-05,eligible 2026-10-10,planned 2026-10-12"
	assert_equal "$(sql "SELECT decision || ' ' || date FROM decision")" "eligible 2026-10-10"
}

@test "amend attendance: the hours, and what is due worked out again" {
	lombardia
	id=$(planned Ada)
	place "$id" --hours 20 --stipend 500 -q
	wf-place start -q "$id.1" --date 2026-10-01
	wf-place attend -q "$id.1" --month 2026-10 --hours 71
	run -0 wf amend --kind attendance --id "$id.1/2026-10" --set hours=70 --reason "the sheet said 70" -o json --fields changed,before.due,after.due
	assert_equal "$output" '{"changed":["hours","due"],"before":{"due":"500.00"},"after":{"due":"397.73"}}'
	run -65 --separate-stderr wf amend --kind attendance --id "$id.1/2026-10" --set hours=89 --reason x
	assert_equal "$stderr" "wf: hours: placement '$id.1': 89 hours is more than the 88 possible in 2026-10 (20 a week, 22 working days)"
	run -65 --separate-stderr wf amend --kind attendance --id "$id.1/2026-10" --set month=2026-11 --reason x
	assert_equal "$stderr" "wf: month: an attendance is its placement's month: void it and record the right one"
	run -65 --separate-stderr wf amend --kind attendance --id "$id.1/2026-09" --set hours=1 --reason x
	assert_equal "$stderr" "wf: id: attendance '$id.1/2026-09' not found"
	assert_equal "$(sql "SELECT hours_attended || ' ' || due_cents FROM attendance")" "70 39773"
}

@test "amend attendance: refused once the placement, ended since, did not run that month" {
	lombardia
	id=$(planned Ada)
	place "$id" --hours 20 --stipend 500 -q
	wf-place start -q "$id.1" --date 2026-10-01
	wf-place attend -q "$id.1" --month 2026-11 --hours 40
	wf-place end -q "$id.1" --date 2026-10-30 --outcome interrupted --reason "moved away"
	run -65 --separate-stderr wf amend --kind attendance --id "$id.1/2026-11" --set hours=30 --reason x
	assert_equal "$stderr" "wf: month: placement '$id.1' (ended, 2026-10-01..2027-03-31) did not run in 2026-11"
	assert_equal "$(sql 'SELECT hours_attended FROM attendance')" 40
}

@test "amend closing: date and outcome move the closed step; refused where the closing ended placements" {
	decided
	wf-monitor log -q 2026-0001 --with person --date 2026-10-20
	wf case close -q 2026-0001 --outcome moved --date 2026-10-25 --recommendations "see the job centre"
	run -0 wf case show 2026-0001 -o json --fields closure
	assert_equal "$output" '{"closure":{"id":1,"date":"2026-10-25","outcome":"moved","recommendations":"see the job centre"}}'
	run -0 wf amend --kind closing --id 1 --set date=2026-10-21 --reason typo -o json --fields changed
	assert_equal "$output" '{"changed":["date"]}'
	run -0 wf amend --kind closing --id 1 --set outcome=withdrawn --reason "they withdrew"
	run -0 wf-refer show 2026-0001 -o json --fields status,status_date,reasons
	assert_equal "$output" '{"status":"closed","status_date":"2026-10-21","reasons":["withdrawn"]}'
	run -65 --separate-stderr wf amend --kind closing --id 1 --set date=2026-10-15 --reason x
	assert_equal "$stderr" "wf: date: contact 1 is dated after 2026-10-15, while the case was open"
	run -65 --separate-stderr wf amend --kind closing --id 1 --set outcome=gone --reason x
	assert_equal "$stderr" "wf: outcome: 'gone' is not one of: hired, completed, dropped_out, withdrawn, moved, no_contact, other"
	run -65 --separate-stderr wf amend --kind closing --id 1 --set date=2026-12-01 --reason x
	assert_equal "$stderr" "wf: date: '2026-12-01' is in the future"
}

@test "amend closing: a closing that ended a placement is reopened and closed again instead" {
	lombardia
	id=$(planned Ada)
	place "$id" -q
	wf-place start -q "$id.1" --date 2026-10-01
	wf case close -q "$id" --outcome dropped_out --date 2026-11-02 --end-placements
	run -65 --separate-stderr wf amend --kind closing --id 1 --set outcome=completed --reason x
	assert_equal "$stderr" "wf: date: the closing ended placement '$id.1' with it: reopen the case and close it again"
	run -0 wf amend --kind closing --id 1 --set recommendations="a course first" --reason "added later" -o json --fields changed
	assert_equal "$output" '{"changed":["recommendations"]}'
}
