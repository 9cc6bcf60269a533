#!/usr/bin/env bats
# wf-monitor: contacts, what is due (cadence in active days, suspension,
# agreed dates, hire follow-ups, month ends and leap years, --on), risks,
# exit codes for cron.

load helpers

# running FIRST: a lombardia-test case with an internship started on
# 2026-10-01 (a Thursday); prints the case id.
running() {
	local id
	id=$(planned "$1")
	place "$id" -q
	wf-place start -q "$id.1" --date 2026-10-01
	echo "$id"
}

due() {
	wf-monitor due -o tsv --fields case,with,due,overdue,reason "$@"
}

@test "due: every 30 days of placement, counted from its start" {
	lombardia
	id=$(running Ada)
	run -0 due --on 2026-11-22
	assert_equal "$output" $'case\twith\tdue\toverdue\treason\n'"$id"$'\tperson\t2026-10-31\ttrue\tevery 30 days\n'"$id"$'\ttutor\t2026-10-31\ttrue\tevery 30 days'
	run -0 wf-monitor due --on 2026-11-22 --with tutor -o json --fields days_overdue
	assert_equal "$output" '{"days_overdue":22}'
}

@test "due: a contact restarts that party's clock" {
	lombardia
	id=$(running Ada)
	wf-monitor log -q "$id" --with person --date 2026-11-10
	run -0 due --on 2026-11-22
	assert_equal "$output" $'case\twith\tdue\toverdue\treason\n'"$id"$'\ttutor\t2026-10-31\ttrue\tevery 30 days'
	run -0 due --on 2026-11-22 --within 30d --with person
	assert_equal "${lines[1]}" "$id"$'\tperson\t2026-12-10\tfalse\tevery 30 days'
}

@test "due: a suspension stops the clock; nothing is due while suspended" {
	lombardia
	id=$(running Ada)
	wf-place suspend -q "$id.1" --date 2026-10-11
	run -1 --separate-stderr due --on 2026-10-15 --within 60d
	assert_equal "$stderr" "wf-monitor: nothing due by 2026-12-14"
	wf-place resume -q "$id.1" --date 2026-10-21
	# 9 active days before the suspension, 21 after it: 2026-11-10.
	run -0 due --on 2026-11-22 --with person
	assert_equal "${lines[1]}" "$id"$'\tperson\t2026-11-10\ttrue\tevery 30 days'
}

@test "due: a next contact agreed overrides the cadence" {
	lombardia
	id=$(running Ada)
	wf-monitor log -q "$id" --with tutor --date 2026-11-10 --next 2026-11-20
	run -0 due --on 2026-11-22 --with tutor
	assert_equal "${lines[1]}" "$id"$'\ttutor\t2026-11-20\ttrue\tagreed'
	# An agreed date holds whatever the step, even with no placement.
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-monitor log -q 2026-0003 --with family --date 2026-11-15 --next 2026-11-25
	run -0 due --on 2026-11-22 --within 7d --with family
	assert_equal "${lines[1]}" $'2026-0003\tfamily\t2026-11-25\tfalse\tagreed'
}

@test "due: follow-ups at 30, 90 and 180 days after a hire, each met in turn" {
	lombardia
	id=$(planned Ada)
	wf-place add -q --case "$id" --kind hire --host nocount --start 2026-09-07 --end 2027-09-06 --hours 30
	wf-place start -q "$id.1" --date 2026-09-07
	wf-monitor log -q "$id" --with person --date 2026-09-10
	# The person's first follow-up (2026-10-07) is met by the contact of
	# 2026-09-10; the second falls on 2026-12-06. The employer has had
	# none: 2026-10-07. A hire has no 30-day cadence.
	run -0 due --on 2026-11-22
	assert_equal "$output" $'case\twith\tdue\toverdue\treason\n'"$id"$'\temployer\t2026-10-07\ttrue\t30 days after the hire'
	run -0 due --on 2026-11-22 --within 30d --with person
	assert_equal "${lines[1]}" "$id"$'\tperson\t2026-12-06\tfalse\t90 days after the hire'
	wf-monitor log -q "$id" --with person --date 2026-11-01
	run -0 due --on 2026-11-22 --within 120d --with person
	assert_equal "${lines[1]}" "$id"$'\tperson\t2027-03-06\tfalse\t180 days after the hire'
}

@test "due: across month ends and a leap day" {
	export WF_TODAY=2028-03-15
	lombardia
	id=$(planned Ada)
	place "$id" --start 2028-01-01 --end 2028-06-30 -q
	wf-place start -q "$id.1" --date 2028-01-01
	wf-monitor log -q "$id" --with person --date 2028-01-31
	# 2028-01-31 + 30 days, February having 29: 2028-03-01.
	run -0 due --on 2028-03-01 --with person
	assert_equal "${lines[1]}" "$id"$'\tperson\t2028-03-01\tfalse\tevery 30 days'
	run -0 wf-monitor due --on 2028-03-02 --with person -o json --fields days_overdue
	assert_equal "$output" '{"days_overdue":1}'
	run -1 due --on 2028-02-29 --with person
}

@test "due: --on in the past sees only what was known then; in the future, what will be late" {
	lombardia
	id=$(running Ada)
	wf-monitor log -q "$id" --with person --date 2026-11-10
	run -0 due --on 2026-10-20 --within 15d --with person
	assert_equal "${lines[1]}" "$id"$'\tperson\t2026-10-31\tfalse\tevery 30 days'
	run -0 due --on 2027-01-15 --with person
	assert_equal "${lines[1]}" "$id"$'\tperson\t2026-12-10\ttrue\tevery 30 days'
	run -1 due --on 2026-09-30
}

@test "due: closed cases have no contact due from the day they closed, only the follow-ups owed" {
	lombardia
	id=$(running Ada)
	wf case close -q "$id" --outcome dropped_out --date 2026-11-15 --end-placements
	run -1 due --on 2026-11-22 --kind contact
	run -0 due --on 2026-11-14
	[ "${#lines[@]}" -eq 3 ]
	# the situation on leaving is owed within four weeks, in its own kind
	run -0 wf-monitor due --on 2026-11-22 -o tsv --fields id,item,due,with,at,from,overdue,reason
	assert_equal "$output" $'id\titem\tdue\twith\tat\tfrom\toverdue\treason\n'"$id"$'/follow_up/leaving\tfollow_up\t2026-12-13\tperson\tleaving\t2026-11-15\tfalse\twithin four weeks of leaving'
	run -0 wf-monitor due --on 2026-12-20 --overdue -o tsv --fields id,days_overdue
	assert_equal "${lines[1]}" "$id/follow_up/leaving	7"
	run -1 wf-monitor due --on 2026-11-22 --with tutor -q
	# recorded, it is no longer owed; six months on, the next one is
	wf-monitor follow-up -q "$id" --at leaving --date 2026-11-20 --situation job_searching
	run -1 wf-monitor due --on 2026-11-22 -q
	run -0 wf-monitor due --on 2027-05-20 --kind follow_up -o tsv --fields id,from,due
	assert_equal "${lines[1]}" "$id/follow_up/six_months	2027-05-15	2027-08-15"
	# a follow-up owed is not a contact due in the monthly report
	run -0 wf-report monthly --month 2026-12 -o json --fields monitoring.due
	assert_equal "$output" '{"monitoring":{"due":0}}'
	run -64 --separate-stderr wf-monitor due --kind visit
	assert_equal "${stderr_lines[0]}" "wf-monitor: --kind: 'visit' is not one of: contact, follow_up"
}

@test "due: exit 0 when something is listed, 1 when nothing is, for cron" {
	lombardia
	run -1 --separate-stderr wf-monitor due --overdue -q
	[ -z "$output" ]
	[ -z "$stderr" ]
	id=$(running Ada)
	run -0 wf-monitor due --overdue -q
	[ -z "$output" ]
	wf-monitor log -q "$id" --with person --date 2026-11-20
	wf-monitor log -q "$id" --with tutor --date 2026-11-20
	run -1 wf-monitor due --overdue -q
	run -0 wf-monitor due --within 30d -q
}

@test "due: by operator and by party; the design's TSV loop reads case, person, due" {
	lombardia
	a=$(running Ada)
	b=$(planned Bea)
	place "$b" --host host20 -q
	wf-place start -q "$b.1" --date 2026-10-01
	WF_OPERATOR=luca wf-monitor log -q "$a" --with person --date 2026-10-05
	# Ada's items go to luca, who met her last; Bea's to the referral's.
	run -0 wf-monitor due --operator luca -o tsv --fields case,with,due
	assert_equal "$output" $'case\twith\tdue\n'"$a"$'\ttutor\t2026-10-31\n'"$a"$'\tperson\t2026-11-04'
	run -0 wf-monitor due --operator tester -o tsv --fields case
	assert_equal "$output" $'case\n'"$b"$'\n'"$b"
	wf-monitor due -o tsv > "$T/due.tsv"
	run -0 bash -c 'tail -n +2 "$1" | while IFS=$'"'"'\t'"'"' read -r case person due rest; do echo "$case|$person|$due"; done' _ "$T/due.tsv"
	assert_equal "${lines[0]}" "$a|Ada Test|2026-10-31"
	assert_equal "${lines[3]}" "$a|Ada Test|2026-11-04"
}

@test "log: refused for a closed case after it closed, in the future, with bad values" {
	lombardia
	id=$(running Ada)
	wf case close -q "$id" --outcome moved --date 2026-11-15 --end-placements
	run -0 wf-monitor log "$id" --with person --date 2026-11-15 -q
	run -65 --separate-stderr wf-monitor log "$id" --with person --date 2026-11-16
	assert_equal "$stderr" "wf-monitor: date: case '$id' is closed since 2026-11-15: a contact after that is refused"
	run -65 --separate-stderr wf-monitor log "$id" --with person --date 2026-11-23
	assert_equal "$stderr" "wf-monitor: date: '2026-11-23' is in the future"
	run -64 --separate-stderr wf-monitor log "$id" --with famliy --date 2026-11-10
	assert_equal "${stderr_lines[0]}" "wf-monitor: --with: 'famliy' is not one of: person, tutor, family, referrer, employer (did you mean 'family'?)"
	run -64 --separate-stderr wf-monitor log "$id" --with person --date 2026-11-10 --risk severe
	assert_equal "${stderr_lines[0]}" "wf-monitor: --risk: 'severe' is not one of: low, medium, high"
	assert_equal "$(sql 'SELECT count(*) FROM contact')" 1
}

@test "log: a placement of another case is refused; records in a batch" {
	lombardia
	a=$(running Ada); b=$(planned Bea)
	run -65 --separate-stderr wf-monitor log "$b" --with tutor --placement "$a.1" --date 2026-11-10
	assert_equal "$stderr" "wf-monitor: placement: '$a.1' is a placement of case '$a', not of '$b'"
	printf '{"case":"%s","date":"2026-11-10","with":"family","how":"phone","provider":"caritas-vigevano","notes":"Family counselling session."}\n{"case":"%s","date":"2026-11-12","with":"tutor","placement":"%s.1","risk":"high","next_steps":"Meet the host with the person."}\n' "$a" "$a" "$a" > "$T/c.jsonl"
	run -0 wf-monitor log "$T/c.jsonl" -o tsv --fields case,with,how,provider,risk
	assert_equal "$output" $'case\twith\thow\tprovider\trisk\n'"$a"$'\tfamily\tphone\tcaritas-vigevano\t\n'"$a"$'\ttutor\tin_person\t\thigh'
}

@test "risks: the latest risk seen of each open case, at or above a level" {
	lombardia
	a=$(running Ada); b=$(running Bea)
	wf-monitor log -q "$a" --with tutor --date 2026-11-01 --risk high
	wf-monitor log -q "$b" --with person --date 2026-11-02 --risk high
	wf-monitor log -q "$b" --with person --date 2026-11-09 --risk low --next-steps "Settled in"
	run -0 wf-monitor risks -o tsv --fields case,date,risk,with
	assert_equal "$output" $'case\tdate\trisk\twith\n'"$a"$'\t2026-11-01\thigh\ttutor'
	run -0 wf-monitor risks --level low -o tsv --fields case,risk,next_steps
	assert_equal "$output" $'case\trisk\tnext_steps\n'"$b"$'\tlow\tSettled in\n'"$a"$'\thigh\t'
	wf case close -q "$a" --outcome dropped_out --end-placements
	run -1 --separate-stderr wf-monitor risks
	assert_equal "$stderr" "wf-monitor: no open case at risk high or above"
}

@test "list and show: contacts by case, party, operator and dates" {
	lombardia
	a=$(running Ada)
	wf-monitor log -q "$a" --with person --date 2026-11-01
	WF_OPERATOR=luca wf-monitor log -q "$a" --with tutor --date 2026-11-05 --operator luca
	run -0 wf-monitor list --with tutor -o tsv --fields id,with,operator
	assert_equal "$output" $'id\twith\toperator\n2\ttutor\tluca'
	run -0 wf-monitor list --since 2026-11-02 -o tsv --fields id
	assert_equal "$output" $'id\n2'
	run -0 wf-monitor show "$a" -o tsv --fields id,date
	assert_equal "$output" $'id\tdate\n1\t2026-11-01\n2\t2026-11-05'
	run -0 wf-monitor show 2 -o json --fields kind,id,case
	assert_equal "$output" '{"kind":"contact","id":2,"case":"'"$a"'"}'
	run -1 --separate-stderr wf-monitor show 9
	assert_equal "$stderr" "wf-monitor: contact 9 not found"
}

@test "cron: the example script mails the overdue list, and only when there is one" {
	lombardia
	printf '#!/bin/sh\n{ echo "to: $3 subject: $2"; cat; } > "%s/mail.out"\n' "$T" > "$T/fakemail"
	chmod +x "$T/fakemail"
	script="$BATS_TEST_DIRNAME/../examples/cron/overdue-mail.sh"
	MAILER="$T/fakemail" run -0 "$script" coord@example.org
	[ ! -e "$T/mail.out" ]
	id=$(running Ada)
	MAILER="$T/fakemail" run -0 "$script" coord@example.org
	run -0 cat "$T/mail.out"
	assert_equal "${lines[0]}" "to: coord@example.org subject: workflow: contacts overdue"
	[[ "${lines[2]}" == "CASE"*"PERSON"*"WITH"*"DUE"* ]]
	[[ "${lines[3]}" == "$id  Ada Test  contact  the person  2026-10-31  22"* ]]
	MAILER="$T/fakemail" WF_DB="$T/missing.db" run -1 --separate-stderr "$script" coord@example.org
	[[ "$stderr" == *"overdue-mail: cannot read the store"* ]]
}

@test "follow-up: on leaving within four weeks, six months on within a quarter" {
	seed
	referral Ada Neri 1990-01-01 date=2026-04-01 | wf-refer add -q
	wf case close -q 2026-0001 --outcome dropped_out --date 2026-05-10
	run -0 wf-monitor follow-up 2026-0001 --at leaving --date 2026-06-07 --situation job_searching,education -o json
	assert_equal "$output" '{"kind":"follow_up","id":1,"case":"2026-0001","at":"leaving","date":"2026-06-07","left_on":"2026-05-10","situation":["job_searching","education"],"operator":"tester"}'
	run -65 --separate-stderr wf-monitor follow-up 2026-0001 --at leaving --date 2026-06-08 --situation none
	assert_equal "$stderr" "wf-monitor: date: 2026-06-08 is outside the window of the situation on leaving (2026-05-10 to 2026-06-07, for a case closed on 2026-05-10)"
	run -65 --separate-stderr wf-monitor follow-up 2026-0001 --at six_months --date 2026-11-09 --situation employed
	assert_equal "$stderr" "wf-monitor: date: 2026-11-09 is outside the window of the situation six months after leaving (2026-11-10 to 2027-02-10, for a case closed on 2026-05-10)"
	run -0 wf-monitor follow-up 2026-0001 --at six_months --date 2026-11-10 --situation employed,improved --notes "Warehouse, open-ended" -o json --fields id,at,situation,notes
	assert_equal "$output" '{"id":2,"at":"six_months","situation":["employed","improved"],"notes":"Warehouse, open-ended"}'
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'follow-up'")" = 2 ]
}

@test "follow-up: records; refused for an open case, in the future, with bad values" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf case close -q 2026-0001 --outcome moved --date 2026-11-01
	printf 'kind: follow_up\ncase: 2026-0001\nat: leaving\ndate: 2026-11-20\nsituation: employed\noperator: luca\n' > "$T/f.yaml"
	run -0 wf-monitor follow-up "$T/f.yaml" -o tsv --fields case,at,situation,operator
	assert_equal "${lines[1]}" $'2026-0001\tleaving\temployed\tluca'
	run -65 --separate-stderr wf-monitor follow-up 2026-0002 --at leaving --situation none
	assert_equal "$stderr" "wf-monitor: case: case '2026-0002' is referred, not closed: a follow-up comes after leaving"
	run -65 --separate-stderr wf-monitor follow-up 2026-0001 --at leaving --situation none --date 2026-11-23
	assert_equal "$stderr" "wf-monitor: date: '2026-11-23' is in the future"
	run -65 --separate-stderr wf-monitor follow-up 2026-0001 --at leaving --situation improved --date 2026-11-20
	assert_equal "$stderr" "wf-monitor: situation: 'improved' is recorded six months after leaving, not on leaving"
	printf 'kind: follow_up\ncase: 2026-0001\nat: later\ndate: 2026-11-20\nsituation: [employed]\n' > "$T/g.yaml"
	run -65 --separate-stderr wf-monitor follow-up "$T/g.yaml"
	[[ "$stderr" == "wf-monitor: $T/g.yaml:3:1: at: 'later' is not one of: leaving, six_months"* ]]
	run -64 --separate-stderr wf-monitor follow-up 2026-0001 --at leaving
	assert_equal "${stderr_lines[0]}" "wf-monitor: follow-up --at needs --situation"
	[ "$(sql "SELECT count(*) FROM follow_up")" = 1 ]
}

@test "due: the tutor's clock starts with each placement; the person's runs across them" {
	lombardia
	id=$(running Ada)
	wf-monitor log -q "$id" --with person --date 2026-10-21
	wf-monitor log -q "$id" --with tutor --date 2026-10-21
	wf-place end -q "$id.1" --date 2026-10-31 --outcome interrupted --reason "host closed"
	place "$id" --host host20 --start 2026-11-02 --end 2027-03-31 -q
	wf-place start -q "$id.2" --date 2026-11-02
	# The person: 9 active days after the contact (22 to 30 October; the
	# day a placement ends is not one of them), then 21 more from 2
	# November: 22 November. The new tutor: 30 days from the start of the
	# placement, whatever the old one was told.
	run -0 wf-monitor due --on 2026-11-22 --within 30d -o tsv --fields id,with,placement,due,last_contact
	assert_equal "$output" $'id\twith\tplacement\tdue\tlast_contact\n'"$id/person"$'\tperson\t\t2026-11-22\t2026-10-21\n'"$id/tutor/$id.2"$'\ttutor\t'"$id.2"$'\t2026-12-02\t'
}

@test "due: placements side by side each have their tutor; a contact counts for the one it names" {
	seed
	wf org add -q --id host-a --name A --role host --employees 1000
	to_plan Ada workflow-lomellina 2026-09-01 work_grant >/dev/null
	wf-place add -q --case 2026-0001 --kind work_grant --host host-a --start 2026-10-01 --end 2027-03-31 --hours 20 --stipend 400
	wf-place add -q --case 2026-0001 --kind motivational_lab --host coop-betania --start 2026-10-11 --end 2027-01-31 --hours 6
	wf-place start -q 2026-0001.1 --date 2026-10-01
	wf-place start -q 2026-0001.2 --date 2026-10-11
	# A tutor met about the lab: the work grant's tutor is still due.
	wf-monitor log -q 2026-0001 --with tutor --placement 2026-0001.2 --date 2026-10-25
	run -0 wf-monitor due --on 2026-11-05 --with tutor -o tsv --fields placement,due,overdue
	assert_equal "$output" $'placement\tdue\toverdue\n2026-0001.1\t2026-10-31\ttrue'
	run -0 wf-monitor due --on 2026-11-05 --within 30d --with tutor -o tsv --fields placement,due
	assert_equal "${lines[2]}" $'2026-0001.2\t2026-11-24'
	# A tutor met about neither counts for both running that day.
	wf-monitor log -q 2026-0001 --with tutor --date 2026-11-06
	run -0 wf-monitor due --on 2026-11-06 --within 30d --with tutor -o tsv --fields placement,due
	assert_equal "$output" $'placement\tdue\n2026-0001.1\t2026-12-06\n2026-0001.2\t2026-12-06'
	# A suspended lab stops its own tutor's clock only.
	wf-place suspend -q 2026-0001.2 --date 2026-11-10
	wf-place resume -q 2026-0001.2 --date 2026-11-20
	run -0 wf-monitor due --on 2026-11-22 --within 30d --with tutor -o tsv --fields placement,due
	assert_equal "$output" $'placement\tdue\n2026-0001.1\t2026-12-06\n2026-0001.2\t2026-12-16'
}

@test "due: after a hire, one late contact meets every follow-up fallen due" {
	export WF_TODAY=2027-06-30
	lombardia
	id=$(planned Ada)
	wf-place add -q --case "$id" --kind hire --host nocount --start 2026-09-07 --end 2027-09-06 --hours 30
	wf-place start -q "$id.1" --date 2026-09-07
	# No contact with the person: the 30-day follow-up (2026-10-07) is
	# due; once the 90-day one (2026-12-06) falls due, that is the one.
	run -0 wf-monitor due --on 2026-12-05 --with person -o tsv --fields id,due,reason
	assert_equal "${lines[1]}" "$id/person/$id.1/30d"$'\t2026-10-07\t30 days after the hire'
	run -0 wf-monitor due --on 2026-12-06 --with person -o tsv --fields id,due,reason
	assert_equal "${lines[1]}" "$id/person/$id.1/90d"$'\t2026-12-06\t90 days after the hire'
	# A contact on day 100 meets both, late; next, the 180-day one.
	wf-monitor log -q "$id" --with person --date 2026-12-16
	run -0 wf-monitor due --on 2026-12-16 --within 120d --with person -o tsv --fields due,reason
	assert_equal "${lines[1]}" $'2027-03-06\t180 days after the hire'
	# One more before it falls due meets it early; then nothing is left.
	wf-monitor log -q "$id" --with person --date 2027-03-01
	run -1 wf-monitor due --on 2027-03-01 --within 365d --with person
}
