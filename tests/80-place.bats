#!/usr/bin/env bats
# wf-place: placements through their whole life, the programme's rules at
# their boundaries, attendance and stipends, money.

load helpers

@test "add: a placement from flags, printed as stored, money in euros" {
	lombardia
	id=$(planned Ada)
	run -0 place "$id" --tutor "Anna Rota" --tutor-contact "035 123456" --service-tutor "Luisa" --meals --stipend 650.50 --action 1 -o yaml
	assert_equal "$output" $'---\nkind: placement\nid: '"$id"$'.1\ncase: '"$id"$'\ntype: internship\nhost: host30\nhost_tutor:\n  name: Anna Rota\n  contact: 035 123456\nservice_tutor: Luisa\nstart: 2026-10-01\nend: 2027-03-31\nhours_week: 30\nstipend: \'650.50\'\nmeals: true\nplan_action: 1\nstatus: planned\nstatus_date: 2026-10-01'
	assert_equal "$(sql "SELECT stipend_cents FROM placement")" 65050
}

@test "money: 650 and 650.00 and 650.5 are accepted; 650,50 and three decimals are refused" {
	lombardia
	id=$(planned Ada)
	for m in 650 650.00 650.5; do
		run -0 place "$id" --stipend "$m" -n -o json --fields stipend
		[[ "$output" == '{"stipend":"650.'[05]'0"}' ]]
	done
	run -65 --separate-stderr place "$id" --stipend 650,50
	assert_equal "$stderr" "wf-place: stipend: '650,50' use a dot for the cents (650.50), not a comma"
	run -65 --separate-stderr place "$id" --stipend 650.505
	assert_equal "$stderr" "wf-place: stipend: '650.505' has more than two decimals"
	printf 'case: %s\ntype: internship\nhost: host30\nstart: 2026-10-01\nend: 2027-03-31\nstipend: 650\n' "$id" > "$T/p.yaml"
	run -0 wf-place add "$T/p.yaml" -o json --fields stipend
	assert_equal "$output" '{"stipend":"650.00"}'
}

@test "rules: an internship lasts at most 6 months (end the day before)" {
	lombardia
	id=$(planned Ada)
	run -0 place "$id" --start 2026-10-01 --end 2027-03-31 -n -q
	run -65 --separate-stderr place "$id" --start 2026-10-01 --end 2027-04-01
	assert_equal "$stderr" "wf-place: case '$id': the internship at 'host30' breaks the rules of 'lombardia-test': end: 2026-10-01..2027-04-01 is longer than 6 months, the longest internship (end by 2027-03-31)"
}

@test "rules: 12 months for a disadvantaged person, 24 with disabilities" {
	lombardia
	a=$(planned Ada law_381_1991)
	b=$(planned Bea law_68_1999)
	run -0 place "$a" --start 2026-10-01 --end 2027-09-30 -n -q
	run -65 --separate-stderr place "$a" --start 2026-10-01 --end 2027-10-01
	[[ "$stderr" == *"is longer than 12 months, the longest internship for a disadvantaged person (end by 2027-09-30)" ]]
	run -0 place "$b" --host host20 --start 2026-10-01 --end 2028-09-30 -n -q
	run -65 --separate-stderr place "$b" --host host20 --start 2026-10-01 --end 2028-10-01
	[[ "$stderr" == *"is longer than 24 months, the longest internship for a person with disabilities (end by 2028-09-30)" ]]
}

@test "rules: at least 2 months, and an end before the start" {
	lombardia
	id=$(planned Ada)
	run -0 place "$id" --start 2026-10-01 --end 2026-11-30 -n -q
	run -65 --separate-stderr place "$id" --start 2026-10-01 --end 2026-11-29
	[[ "$stderr" == *"end: 2026-10-01..2026-11-29 is shorter than 2 months, the shortest internship" ]]
	run -65 --separate-stderr place "$id" --start 2026-10-01 --end 2026-09-30
	[[ "$stderr" == *"end: 2026-09-30 is before the start 2026-10-01" ]]
}

@test "rules: the least stipend is 500, 400 with meals, 350 at 20 hours a week or less" {
	lombardia
	id=$(planned Ada)
	run -0 place "$id" --stipend 500 -n -q
	run -65 --separate-stderr place "$id" --stipend 499.99
	[[ "$stderr" == *"stipend: 499.99 is below the least of 500.00 a month for 'internship'" ]]
	run -0 place "$id" --stipend 400 --meals -n -q
	run -65 --separate-stderr place "$id" --stipend 399.99 --meals
	[[ "$stderr" == *"stipend: 399.99 is below the least of 400.00 a month for 'internship' with meals" ]]
	run -0 place "$id" --stipend 350 --hours 20 -n -q
	run -65 --separate-stderr place "$id" --stipend 349.99 --hours 20
	[[ "$stderr" == *"stipend: 349.99 is below the least of 350.00 a month for 'internship' part time" ]]
	run -65 --separate-stderr place "$id" --stipend 350 --hours 21
	[[ "$stderr" == *"stipend: 350.00 is below the least of 500.00 a month for 'internship'" ]]
	printf 'case: %s\ntype: internship\nhost: host30\nstart: 2026-10-01\nend: 2027-03-31\n' "$id" > "$T/p.yaml"
	run -65 --separate-stderr wf-place add "$T/p.yaml"
	[[ "$stderr" == *"stipend: the least for 'internship' is 500.00 a month" ]]
}

@test "rules: at most 40 hours a week" {
	lombardia
	id=$(planned Ada)
	run -0 place "$id" --hours 40 -n -q
	run -65 --separate-stderr place "$id" --hours 41
	[[ "$stderr" == *"hours_week: 41 is more than 40 hours a week, the most for 'internship'" ]]
}

@test "rules: trainees at once: 1 up to 5 employees, 2 up to 20, 10% above" {
	lombardia
	a=$(planned Ada); b=$(planned Bea); c=$(planned Cleo); d=$(planned Dora)
	place "$a" --host host5 -q
	run -65 --separate-stderr place "$b" --host host5
	[[ "$stderr" == *"host: 'host5' (5 employees) may have 1 trainee at once; 1 already overlap 2026-10-01..2027-03-31" ]]
	# Not at once: after the first one ends, the next may start.
	run -0 place "$b" --host host5 --start 2027-04-01 --end 2027-09-30 -q
	place "$c" --host host20 -q
	place "$d" --host host20 -q
	e=$(planned Eva)
	run -65 --separate-stderr place "$e" --host host20 --start 2026-12-01 --end 2027-02-28
	[[ "$stderr" == *"host: 'host20' (20 employees) may have 2 trainees at once; 2 already overlap"* ]]
	f=$(planned Flo); g=$(planned Gea)
	place "$e" --host host30 -q
	place "$f" --host host30 -q
	place "$g" --host host30 -q
	h=$(planned Hana)
	run -65 --separate-stderr place "$h" --host host30
	[[ "$stderr" == *"'host30' (30 employees) may have 3 trainees at once; 3 already overlap"* ]]
	# Hires do not count as trainees.
	run -0 place "$h" --host host30 --kind hire --stipend 1200 -n -q
}

@test "rules: a host with no employee count cannot take trainees; an unknown host is refused" {
	lombardia
	id=$(planned Ada)
	run -65 --separate-stderr place "$id" --host nocount
	[[ "$stderr" == *"host: 'nocount' has no employee count, which the trainee limit needs (record it with 'wf org add --id nocount ... --employees N')" ]]
	run -65 --separate-stderr place "$id" --host nowhere
	assert_equal "$stderr" "wf-place: host: unknown organisation 'nowhere' (register it with 'wf org add --id nowhere --name NAME --role host')"
	run -0 place "$id" --host nocount --kind hire --stipend 1200 -n -q
}

@test "rules: every broken rule is named at once; nothing is written" {
	lombardia
	id=$(planned Ada)
	run -65 --separate-stderr place "$id" --kind work_grant --stipend 250 --start 2027-03-01 --end 2028-06-30 --host host30
	assert_equal "$stderr" "wf-place: case '$id': the work_grant at 'host30' breaks the rules of 'lombardia-test': end: 2027-03-01..2028-06-30 is longer than 12 months, the longest work_grant (end by 2028-02-29); stipend: 250.00 is below the least of 300.00 a month for 'work_grant'"
	assert_equal "$(sql 'SELECT count(*) FROM placement')" 0
}

@test "rules: two placements of a case run at once only where the programme allows it" {
	lombardia
	id=$(planned Ada)
	place "$id" -q
	place "$id" --kind work_grant --stipend 300 --host host20 -q
	wf-place start -q "$id.1" --date 2026-10-01
	run -65 --separate-stderr wf-place start "$id.2" --date 2026-10-02
	assert_equal "$stderr" "wf-place: starting placement '$id.2' breaks the rules of 'lombardia-test': the case's internship placement '$id.1' (2026-10-01..2027-03-31) is still running, and programme 'lombardia-test' does not allow placements to overlap (end it first)"
	wf-place end -q "$id.1" --date 2026-10-30
	run -0 wf-place start "$id.2" --date 2026-11-02 -o tsv --fields status
	# WORKFLOW lets a lab run beside a work grant.
	assert_equal "$(wf programme show workflow-lomellina -o json --fields overlapping_placements)" '{"overlapping_placements":true}'
}

@test "add: refused for a case that is not planned or placed; a kind the programme does not offer" {
	lombardia
	wf-refer add -q "$EX/referrals.yaml"
	run -65 --separate-stderr wf-place add --case 2026-0001 --kind work_grant --host coop-betania --start 2026-12-01 --end 2027-05-31 --stipend 400
	assert_equal "$stderr" "wf-place: case: case '2026-0001' is referred: place needs a case that is planned, placed"
	id=$(planned Ada)
	run -65 --separate-stderr place "$id" --kind occupational_lab --stipend 0
	[[ "$stderr" == *"type: programme 'lombardia-test' does not offer placements of kind 'occupational_lab'" ]]
}

@test "add: the plan action must exist and be of the placement's kind" {
	lombardia
	id=$(planned Ada)
	run -65 --separate-stderr place "$id" --action 2
	assert_equal "$stderr" "wf-place: plan_action: the current plan of case '$id' has no action 2"
	run -65 --separate-stderr place "$id" --kind work_grant --stipend 300 --end 2027-03-31 --action 1
	assert_equal "$stderr" "wf-place: plan_action: action 1 of the plan is internship, not work_grant"
}

@test "add: a batch, the same placement for each case id read from a pipe" {
	lombardia
	a=$(planned Ada); b=$(planned Bea)
	wf-assess list --status planned -o json > "$T/planned.json"
	run -0 wf-place add --kind work_grant --host host30 --start 2026-12-01 --end 2027-05-31 --stipend 300 -o tsv --fields id,case - < "$T/planned.json"
	assert_equal "$output" $'id\tcase\n'"$a.1"$'\t'"$a"$'\n'"$b.1"$'\t'"$b"
}

@test "life: start places the case; suspend, resume, end, each dated" {
	lombardia
	id=$(planned Ada)
	place "$id" -q
	run -0 wf-place start "$id.1" --date 2026-10-01 -o tsv --fields status,status_date,start
	assert_equal "${lines[1]}" $'active\t2026-10-01\t2026-10-01'
	run -0 wf-refer show "$id" -o json --fields status,status_date
	assert_equal "$output" '{"status":"placed","status_date":"2026-10-01"}'
	wf-place suspend -q "$id.1" --date 2026-11-02 --reason illness
	wf-place resume -q "$id.1" --date 2026-11-16
	run -0 wf-place end "$id.1" --date 2026-11-20 --outcome interrupted --reason "moved away" -o json --fields status,outcome,reason
	assert_equal "$output" '{"status":"ended","outcome":"interrupted","reason":"moved away"}'
	run -0 wf-place show "$id.1" -o tsv --fields history
	[[ "$output" == *'"status":"planned"'*'"status":"active","date":"2026-10-01"'*'"status":"suspended","date":"2026-11-02","reason":"illness"'*'"status":"active","date":"2026-11-16"'*'"status":"ended","date":"2026-11-20","outcome":"interrupted","reason":"moved away"'* ]]
}

@test "life: refused moves name the placement, its status and what is needed" {
	lombardia
	id=$(planned Ada)
	place "$id" -q
	run -65 --separate-stderr wf-place suspend "$id.1"
	assert_equal "$stderr" "wf-place: placement '$id.1' is planned: suspend needs one that is active"
	wf-place start -q "$id.1" --date 2026-10-01
	run -65 --separate-stderr wf-place resume "$id.1"
	assert_equal "$stderr" "wf-place: placement '$id.1' is active: resume needs one that is suspended"
	run -65 --separate-stderr wf-place suspend "$id.1" --date 2026-09-30
	assert_equal "$stderr" "wf-place: placement '$id.1': date 2026-09-30 is before its active date 2026-10-01"
	run -64 --separate-stderr wf-place end "$id.1" --outcome interrupted
	assert_equal "${stderr_lines[0]}" "wf-place: --outcome interrupted needs --reason"
	wf-place end -q "$id.1" --date 2026-11-20
	run -65 --separate-stderr wf-place start "$id.1"
	assert_equal "$stderr" "wf-place: placement '$id.1' is ended: start needs one that is planned"
	run -65 --separate-stderr wf-place start "$id.9"
	assert_equal "$stderr" "wf-place: placement '$id.9' not found"
}

@test "life: ended as hired, naming the hire that follows" {
	lombardia
	id=$(planned Ada)
	place "$id" -q
	wf-place start -q "$id.1" --date 2026-10-01
	wf-place add -q --case "$id" --kind hire --host host30 --start 2026-11-21 --end 2027-11-20 --hours 30
	run -65 --separate-stderr wf-place end "$id.1" --outcome hired --hire "$id.1"
	assert_equal "$stderr" "wf-place: --hire: '$id.1' is not a hire of case '$id'"
	run -0 wf-place end "$id.1" --date 2026-11-20 --outcome hired --hire "$id.2" -o json --fields outcome,hire
	assert_equal "$output" '{"outcome":"hired","hire":"'"$id"'.2"}'
}

@test "cancel: a placement that never started is cancelled, not ended" {
	lombardia
	id=$(planned Ada)
	place "$id" -q
	place "$id" --kind work_grant --stipend 300 --host host20 -q
	run -65 --separate-stderr wf-place end "$id.1" --outcome interrupted --reason "never came"
	assert_equal "$stderr" "wf-place: placement '$id.1' is planned: end needs one that is active, suspended (one that never started is cancelled: 'wf-place cancel')"
	run -0 wf-place cancel "$id.1" --date 2026-09-20 --reason "host closed" -o json --fields status,status_date,outcome,reason
	assert_equal "$output" '{"status":"cancelled","status_date":"2026-09-20","reason":"host closed"}'
	run -65 --separate-stderr wf-place start "$id.1" --date 2026-10-01
	assert_equal "$stderr" "wf-place: placement '$id.1' is cancelled: start needs one that is planned"
	wf-place start -q "$id.2" --date 2026-10-01
	run -65 --separate-stderr wf-place cancel "$id.2"
	assert_equal "$stderr" "wf-place: placement '$id.2' is active: cancel needs one that is planned (one that started is ended: 'wf-place end')"
	# A cancelled placement takes no attendance, and no trainee's place.
	run -1 wf-place list --status cancelled --host host20
	run -0 wf-place list --status cancelled -o tsv --fields id
	assert_equal "$output" $'id\n'"$id.1"
	assert_equal "$(sql "SELECT action FROM audit WHERE entity_id = '$id.1' ORDER BY id DESC LIMIT 1")" cancel
}

@test "extend: a later end within the rules; beyond them refused" {
	lombardia
	id=$(planned Ada law_381_1991)
	place "$id" -q
	run -0 wf-place extend "$id.1" --end 2027-09-30 -o json --fields end
	assert_equal "$output" '{"end":"2027-09-30"}'
	run -65 --separate-stderr wf-place extend "$id.1" --end 2027-10-01
	[[ "$stderr" == "wf-place: placement '$id.1' extended to 2027-10-01 breaks the rules of 'lombardia-test': end: 2026-10-01..2027-10-01 is longer than 12 months"* ]]
	run -65 --separate-stderr wf-place extend "$id.1" --end 2027-01-01
	assert_equal "$stderr" "wf-place: placement '$id.1': --end 2027-01-01 is not after its planned end 2027-09-30"
	run -64 --separate-stderr wf-place extend "$id.1"
	assert_equal "${stderr_lines[0]}" "wf-place: extend needs --end DATE"
}

@test "list: by status, kind, host, case, active on a date, ending soon" {
	lombardia
	a=$(planned Ada); b=$(planned Bea)
	place "$a" -q
	place "$b" --host host20 --kind work_grant --stipend 300 --end 2026-12-15 -q
	wf-place start -q "$a.1" --date 2026-10-01
	run -0 wf-place list --status active -o tsv --fields id
	assert_equal "$output" $'id\n'"$a.1"
	run -0 wf-place list --kind work_grant -o tsv --fields id
	assert_equal "$output" $'id\n'"$b.1"
	run -0 wf-place list --host host20 -o tsv --fields id
	assert_equal "$output" $'id\n'"$b.1"
	run -0 wf-place list --active-on 2026-11-01 -o tsv --fields id
	assert_equal "$output" $'id\n'"$a.1"
	run -1 wf-place list --active-on 2026-09-30
	run -0 wf-place list --ending-within 30d -o tsv --fields id,end
	assert_equal "$output" $'id\tend\n'"$b.1"$'\t2026-12-15'
	run -64 --separate-stderr wf-place list --ending-within soon
	assert_equal "${stderr_lines[0]}" "wf-place: --ending-within: 'soon' is not a number of days (7 or 7d) in 0..3660"
}

@test "show: a placement, or every placement of a case" {
	lombardia
	id=$(planned Ada)
	place "$id" -q
	place "$id" --kind hire --stipend 1000 --start 2027-04-01 --end 2028-03-31 -q
	run -0 wf-place show "$id" -o tsv --fields id,type
	assert_equal "$output" $'id\ttype\n'"$id.1"$'\tinternship\n'"$id.2"$'\thire'
	run -1 --separate-stderr wf-place show "$id.7"
	assert_equal "$stderr" "wf-place: placement '$id.7' not found"
}

@test "attendance: hours planned over the working days; in full at 80%, pro rata below" {
	lombardia
	id=$(planned Ada)
	place "$id" --hours 20 --stipend 500 -q
	wf-place start -q "$id.1" --date 2026-10-01
	# October 2026 has 22 working days: 20 hours a week is 88 hours.
	run -0 wf-place attend "$id.1" --month 2026-10 --hours 71 -o json --fields hours_planned,percent,stipend,due
	assert_equal "$output" '{"hours_planned":88,"percent":80,"stipend":"500.00","due":"500.00"}'
	run -0 --separate-stderr wf-place attend "$id.1" --month 2026-10 --hours 70 -o json --fields percent,due,pay
	assert_equal "$output" '{"percent":79,"due":"397.73","pay":"pro_rata"}'
	assert_equal "$stderr" "wf-place: warning: $id.1/2026-10: 79% attendance: paid pro rata, full pay needs 80%"
	LANG=it_IT.UTF-8 LOCPATH=$WF_LOCPATH run -0 --separate-stderr wf-place attend "$id.1" --month 2026-10 --hours 70 -o table --fields percent,due,pay
	assert_equal "$stderr" "wf-place: avviso: $id.1/2026-10: presenza al 79%: pagata in proporzione, la paga piena richiede una presenza di almeno 80%"
	assert_equal "${lines[1]}" "79           397.73    pagato in proporzione"
	run -65 --separate-stderr wf-place attend "$id.1" --month 2026-10 --hours 89
	assert_equal "$stderr" "wf-place: hours: placement '$id.1': 89 hours is more than the 88 possible in 2026-10 (20 a week, 22 working days)"
	run -65 --separate-stderr wf-place attend "$id.1" --month 2026-09 --hours 10
	assert_equal "$stderr" "wf-place: month: placement '$id.1' (active, 2026-10-01..2027-03-31) did not run in 2026-09"
	run -65 --separate-stderr wf-place attend "$id.1" --month 2026-12 --hours 10
	assert_equal "$stderr" "wf-place: month: 2026-12 has not begun"
}

@test "attendance: a month run in part earns its share; records from the host's sheet" {
	lombardia
	id=$(planned Ada)
	place "$id" --hours 20 --stipend 500 -q
	wf-place start -q "$id.1" --date 2026-10-16
	wf-place end -q "$id.1" --date 2026-11-13
	# 16-31 October: 11 working days of 22; 1-13 November: 10 of 21.
	printf '{"placement":"%s.1","month":"2026-10","hours":44}\n{"placement":"%s.1","month":"2026-11","hours":20}\n' "$id" "$id" > "$T/sheet.jsonl"
	run -0 --separate-stderr wf-place attend "$T/sheet.jsonl" -o tsv --fields month,hours_planned,hours,stipend,due,pay
	assert_equal "$output" $'month\thours_planned\thours\tstipend\tdue\tpay\n2026-10\t44\t44\t250.00\t250.00\tfull\n2026-11\t40\t20\t238.10\t119.05\tpro_rata'
	assert_equal "$stderr" "wf-place: warning: $id.1/2026-11: 50% attendance: paid pro rata, full pay needs 80%"
}

@test "stipends: what is due for a month, person by person, in CSV too" {
	lombardia
	a=$(planned Ada); b=$(planned Bea)
	place "$a" --hours 20 --stipend 500 -q
	place "$b" --hours 20 --stipend 600 --host host20 -q
	wf-place start -q "$a.1" "$b.1" --date 2026-10-01
	wf-place attend -q "$a.1" --month 2026-10 --hours 88
	wf-place attend -q "$b.1" --month 2026-10 --hours 44
	run -0 wf-place stipends --month 2026-10 -o csv
	assert_equal "${lines[0]}" "case,placement,person.last_name,person.first_name,person.tax_code,host,month,hours_planned,hours_attended,percent,stipend,due"
	assert_equal "${lines[1]}" "$a,$a.1,Test,Ada,,host30,2026-10,88,88,100,500.00,500.00"
	assert_equal "${lines[2]}" "$b,$b.1,Test,Bea,,host20,2026-10,88,44,50,600.00,300.00"
	run -1 --separate-stderr wf-place stipends --month 2026-09
	assert_equal "$stderr" "wf-place: no attendance recorded for 2026-09"
	run -64 wf-place stipends
}

@test "attendance: below the threshold the programme may pay nothing" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer screen -q 2026-0001 --date 2026-09-20
	session 2026-0001 2026-09-21 | sed 's/mestieri-lombardia/csf-vigevano/' | wf-assess add -q
	wf-assess decide -q 2026-0001 --eligible --date 2026-09-22
	printf 'case: 2026-0001\nagreed_on: 2026-09-23\ngoals: [{id: g1, description: work, outcome: hired, target_date: 2027-12-31}]\nactions: [{kind: work_grant, provider: coop-betania, start: 2026-10-01, end: 2027-03-31, goal: g1}]\n' | wf-assess plan -q
	wf-place add -q --case 2026-0001 --kind work_grant --host coop-betania --start 2026-10-01 --end 2027-03-31 --hours 20 --stipend 400
	wf-place start -q 2026-0001.1 --date 2026-10-01
	run -0 --separate-stderr wf-place attend 2026-0001.1 --month 2026-10 --hours 70 -o json --fields percent,due,pay
	assert_equal "$output" '{"percent":79,"due":"0.00","pay":"none"}'
	assert_equal "$stderr" "wf-place: warning: 2026-0001.1/2026-10: 79% attendance: not paid, pay needs 80%"
}

@test "list --active-on: what the reports count active on a day, as of that day" {
	lombardia
	a=$(planned Ada); b=$(planned Bea)
	place "$a" -q
	place "$b" --host host20 -q
	wf-place start -q "$a.1" --date 2026-10-01
	wf-place suspend -q "$a.1" --date 2026-10-20 --reason illness
	wf-place resume -q "$a.1" --date 2026-11-03
	# Typed in late: planned as of its start, 2026-10-01, but it started
	# on 2026-09-28, before that; ended on 2026-10-31.
	wf-place start -q "$b.1" --date 2026-09-28
	wf-place end -q "$b.1" --date 2026-10-31
	run -0 wf-place list --active-on 2026-09-30 -o tsv --fields id
	assert_equal "$output" $'id\n'"$b.1"
	run -0 wf-place list --active-on 2026-10-25 -o tsv --fields id
	assert_equal "$output" $'id\n'"$b.1"
	run -0 wf-report monthly --month 2026-10 -o json --fields placements.active_on_last_day.total
	assert_equal "$output" '{"placements":{"active_on_last_day":{"total":0}}}'
	run -1 wf-place list --active-on 2026-10-31
	run -0 wf-place list --active-on 2026-11-03 -o tsv --fields id
	assert_equal "$output" $'id\n'"$a.1"
	run -0 wf-report range --from 2026-10-01 --to 2026-11-03 -o json --fields placements.active_on_last_day.total
	assert_equal "$output" '{"placements":{"active_on_last_day":{"total":1}}}'
}
