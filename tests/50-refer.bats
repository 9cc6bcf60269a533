#!/usr/bin/env bats
# wf-refer: referrals in, cases opened or attached, screening against the
# programme's target at the referral date, withdrawal, lists.

load helpers

screen_one() {
	# screen_one FIRST BIRTH [key=value...]: add one referral, screen it,
	# and leave "status|reasons" in $output.
	local first=$1 birth=$2
	shift 2
	id=$(referral "$first" Test "$birth" "$@" | new_case)
	run -0 wf-refer screen "$id" -o json --fields status,reasons
}

@test "add: opens a case in 'referred', id YYYY-NNNN by the referral year" {
	seed
	{ referral A Uno 2000-01-01 date=2025-12-30; referral B Due 2000-01-01; referral C Tre 2000-01-01 date=2025-12-31; } > "$T/r.yaml"
	run -0 wf-refer add "$T/r.yaml" -o tsv --fields id,status,status_date,date
	assert_equal "$output" $'id\tstatus\tstatus_date\tdate\n2025-0001\treferred\t2025-12-30\t2025-12-30\n2026-0001\treferred\t2026-10-01\t2026-10-01\n2025-0002\treferred\t2025-12-31\t2025-12-31'
}

@test "add: the case record carries the referral as given" {
	seed
	run -0 wf-refer add "$EX/referrals.yaml" -o yaml
	wf-refer show 2026-0005 -o yaml > "$T/show.yaml"
	run -0 cat "$T/show.yaml"
	[[ "$output" == *$'\nperson:\n  first_name: Paolo\n  last_name: Gritti\n  tax_code: GRTPLA79C08A794U\n  birth_date: 1979-03-08\n  sex: M\n  municipality: Dalmine\n  employment_status: unemployed\n  employment_since: 2023-06-30\n  certifications:\n  - kind: law_68_1999\n    since: 2019-05-20\n    invalidity: civil\n    invalidity_percent: 67\n    issued_by: INPS Bergamo\nneeds:\n- sheltered first placement\n'* ]]
	[[ "$output" == *$'\nreferrer_contact: Roberto Carrara\n'* ]]
}

@test "add: the funder's fields at entry: declined is kept apart from blank" {
	seed
	referral Ada Neri 1990-01-01 gender=declined education=isced_3_4 disability=no | wf-refer add -q
	referral Bea Neri 1991-01-01 | wf-refer add -q
	run -0 wf-refer show 2026-0001 -o json --fields person.gender,person.education,person.disability
	assert_equal "$output" '{"person":{"gender":"declined","education":"isced_3_4","disability":"no"}}'
	# NULL (unknown), not a blank nor a word
	[ "$(sql "SELECT count(*) FROM referral WHERE case_id = '2026-0002' AND gender IS NULL AND education IS NULL")" = 1 ]
	run -65 --separate-stderr wf-refer add <(referral Cy Neri 1992-01-01 education=degree)
	[[ "$stderr" == *"person.education: 'degree' is not one of: isced_0_2, isced_3_4, isced_5_8, declined"* ]]
	run -65 --separate-stderr wf-refer add <(referral Cy Neri 1992-01-01 gender=F)
	[[ "$stderr" == *"person.gender: 'F' is not one of: female, male, non_binary, declined"* ]]
}

@test "add: a person with an open case in the programme gets no second case" {
	seed
	referral Marco Rossi 1998-04-12 tax=RSSMRC98D12L872O | wf-refer add -q
	referral Marco Rossi 1998-04-12 tax=RSSMRC98D12L872O date=2026-11-02 referrer=comune-vigevano > "$T/again.yaml"
	run -0 --separate-stderr wf-refer add "$T/again.yaml" -o json --fields id,date,referrals
	assert_equal "$output" '{"id":"2026-0001","date":"2026-10-01","referrals":2}'
	assert_equal "$stderr" "wf-refer: warning: $T/again.yaml:2: Marco Rossi already has open case '2026-0001' in 'workflow-lomellina': the referral is attached to it"
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 1
	# show names who referred the case, and when
	run -0 wf-refer show 2026-0001 -o json --fields referrals,referred
	assert_equal "$output" '{"referrals":2,"referred":[{"id":"2026-0001/1","date":"2026-10-01","referrer":"caritas-vigevano"},{"id":"2026-0001/2","date":"2026-11-02","referrer":"comune-vigevano"}]}'
	assert_equal "$(sql 'SELECT count(*) FROM referral')" 2
	run -0 wf-refer list --referrer comune-vigevano -o tsv --fields id
	assert_equal "${lines[1]}" 2026-0001
}

@test "add: the same person may have a case in another programme, or a new one after a closed one" {
	seed
	referral Paolo Gritti 1979-03-08 tax=GRTPLA79C08A794U employment=unemployed > "$T/a.yaml"
	wf-refer add -q "$T/a.yaml"
	wf-refer screen -q 2026-0001
	assert_equal "$(sql "SELECT status FROM cases WHERE id = '2026-0001'")" rejected
	referral Paolo Gritti 1979-03-08 tax=GRTPLA79C08A794U date=2026-11-10 > "$T/b.yaml"
	run -0 --separate-stderr wf-refer add "$T/b.yaml" -o tsv --fields id
	assert_equal "${lines[1]}" 2026-0002
	[ -z "$stderr" ]
	referral Paolo Gritti 1979-03-08 tax=GRTPLA79C08A794U programme=sil-bergamo referrer=ssd-dalmine cert=law_68_1999 > "$T/c.yaml"
	run -0 wf-refer add "$T/c.yaml" -o tsv --fields id
	assert_equal "${lines[1]}" 2026-0003
	assert_equal "$(sql 'SELECT count(*) FROM person')" 1
}

@test "add: without a tax code, a match on names and birth date is flagged, never merged" {
	seed
	referral Youssef "El Amrani" 2001-07-30 | wf-refer add -q
	referral "YOUSSEF" "El-Amrani" 2001-07-30 programme=sil-bergamo referrer=ssd-dalmine cert=uncertified_disadvantage > "$T/b.yaml"
	run -0 --separate-stderr wf-refer add "$T/b.yaml" -o json --fields id,possible_duplicate_of
	assert_equal "$output" '{"id":"2026-0002","possible_duplicate_of":["2026-0001"]}'
	assert_equal "$stderr" "wf-refer: warning: YOUSSEF El-Amrani, born 2001-07-30, matches the person of case '2026-0001' by name and birth date: flagged as a possible duplicate, not merged"
	assert_equal "$(sql 'SELECT count(*) FROM person')" 2
	run -0 wf-refer show 2026-0001 -o json --fields possible_duplicate_of
	assert_equal "$output" '{"possible_duplicate_of":["2026-0002"]}'
}

@test "add: the referrer must be registered as a referrer" {
	seed
	referral A Uno 2000-01-01 referrer=coop-betania > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	assert_equal "$stderr" "wf-refer: $T/r.yaml:4:1: referrer: organisation 'coop-betania' is not registered as a referrer (add the role with 'wf org add')"
	referral A Uno 2000-01-01 referrer=caritas > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	assert_equal "$stderr" "wf-refer: $T/r.yaml:4:1: referrer: unknown organisation 'caritas' (register it with 'wf org add --id caritas --name NAME --role referrer')"
}

@test "add: dates after the referral, or a referral in the future, are refused" {
	seed
	referral A Uno 2000-01-01 date=2026-11-23 > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	assert_equal "$stderr" "wf-refer: $T/r.yaml:3:1: date: '2026-11-23' is in the future"
	referral A Uno 2000-01-01 since=2026-10-02 > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	assert_equal "$stderr" "wf-refer: $T/r.yaml:11:3: person.employment_since: '2026-10-02' is after the referral date 2026-10-01"
}

@test "add: a bare id is not a referral" {
	seed
	run -65 --separate-stderr bash -c 'echo 2026-0001 | wf-refer add'
	assert_equal "$stderr" "wf-refer: <stdin>:1:1: expected a referral record"
}

@test "screen: WORKFLOW at the age boundaries (34 in, 35 out; 50 in, 49 out)" {
	seed
	screen_one A 1991-10-02
	assert_equal "$output" '{"status":"screened"}'
	screen_one B 1991-10-01
	assert_equal "$output" '{"status":"rejected","reasons":["age 35 at 2026-10-01 is not in 0..34 nor 50.."]}'
	screen_one C 1976-10-01
	assert_equal "$output" '{"status":"screened"}'
	screen_one D 1976-10-02
	assert_equal "$output" '{"status":"rejected","reasons":["age 49 at 2026-10-01 is not in 0..34 nor 50.."]}'
}

@test "screen: WORKFLOW wants the unemployed or never employed, and says every reason" {
	seed
	screen_one A 2000-01-01 employment=never_employed
	assert_equal "$output" '{"status":"screened"}'
	screen_one B 1980-01-01 employment=employed
	assert_equal "$output" '{"status":"rejected","reasons":["age 46 at 2026-10-01 is not in 0..34 nor 50..","employment status '"'"'employed'"'"' is not one of: unemployed, never_employed"]}'
}

@test "screen: SIL at the age of majority (18 in, 17 out), with a certification" {
	seed
	screen_one A 2008-10-01 programme=sil-bergamo referrer=ssd-dalmine cert=law_381_1991
	assert_equal "$output" '{"status":"screened"}'
	screen_one B 2008-10-02 programme=sil-bergamo referrer=ssd-dalmine cert=law_381_1991
	assert_equal "$output" '{"status":"rejected","reasons":["age 17 at 2026-10-01 is not in 18.."]}'
}

@test "screen: born on 29 February comes of age on 1 March" {
	seed
	screen_one A 2008-02-29 programme=sil-bergamo referrer=ssd-dalmine cert=law_68_1999 date=2026-02-28
	assert_equal "$output" '{"status":"rejected","reasons":["age 17 at 2026-02-28 is not in 18.."]}'
	screen_one B 2008-02-29 programme=sil-bergamo referrer=ssd-dalmine cert=law_68_1999 date=2026-03-01
	assert_equal "$output" '{"status":"screened"}'
}

@test "screen: SIL needs a certification or an uncertified disadvantage" {
	seed
	screen_one A 1990-01-01 programme=sil-bergamo referrer=ssd-dalmine
	assert_equal "$output" '{"status":"rejected","reasons":["no certification; needs a certification among: law_381_1991, law_68_1999, uncertified_disadvantage"]}'
	screen_one B 1990-01-01 programme=sil-bergamo referrer=ssd-dalmine cert=uncertified_disadvantage employment=inactive
	assert_equal "$output" '{"status":"screened"}'
}

@test "screen: the reasons are stored with the status and shown in the history" {
	seed
	referral A Uno 1980-01-01 | wf-refer add -q
	wf-refer screen -q 2026-0001 --date 2026-11-02 --note "checked with the referrer"
	run -0 wf-refer show 2026-0001 -o json --fields status,status_date,note,reasons
	assert_equal "$output" '{"status":"rejected","status_date":"2026-11-02","note":"checked with the referrer","reasons":["age 46 at 2026-10-01 is not in 0..34 nor 50.."]}'
	assert_equal "$(sql "SELECT reasons FROM case_status WHERE status = 'rejected'")" '[{"rule":"age","age":46,"on":"2026-10-01","ranges":["0..34","50.."],"text":"age 46 at 2026-10-01 is not in 0..34 nor 50.."}]'
	run -0 wf-refer show 2026-0001 -o json --fields rules
	assert_equal "$output" '{"rules":[{"rule":"age","age":46,"on":"2026-10-01","ranges":["0..34","50.."]}]}'
	run -0 wf-refer show 2026-0001 -o yaml
	[[ "$output" == *$'history:\n- status: referred\n  date: 2026-10-01\n'*$'- status: rejected\n  date: 2026-11-02\n  note: checked with the referrer\n  reasons:\n  - age 46 at 2026-10-01 is not in 0..34 nor 50..\n'* ]]
}

@test "screen: only a referred case; the message names the case, its status and what is needed" {
	seed
	referral A Uno 2000-01-01 | wf-refer add -q
	wf-refer screen -q 2026-0001
	run -65 --separate-stderr wf-refer screen 2026-0001
	assert_equal "$stderr" "wf-refer: case '2026-0001' is screened: screen needs a case that is referred"
	[ "$(sql "SELECT count(*) FROM case_status WHERE case_id = '2026-0001'")" = 2 ]
}

@test "screen: unknown case -> exit 65; nothing is written for the others" {
	seed
	referral A Uno 2000-01-01 | wf-refer add -q
	run -65 --separate-stderr wf-refer screen 2026-0001 2026-0099
	assert_equal "$stderr" "wf-refer: case '2026-0099' not found"
	[ -z "$output" ]
	assert_equal "$(sql "SELECT status FROM cases")" referred
}

@test "screen: a date before the referral or in the future is refused" {
	seed
	referral A Uno 2000-01-01 | wf-refer add -q
	run -65 --separate-stderr wf-refer screen 2026-0001 --date 2026-09-30
	assert_equal "$stderr" "wf-refer: case '2026-0001': date 2026-09-30 is before its referred date 2026-10-01"
	run -65 --separate-stderr wf-refer screen 2026-0001 --date 2026-11-23
	assert_equal "$stderr" "wf-refer: --date: '2026-11-23' is in the future"
	run -64 --separate-stderr wf-refer screen 2026-0001 --date 2026-11-31
	assert_equal "${stderr_lines[0]}" "wf-refer: --date: '2026-11-31' is not a date (YYYY-MM-DD)"
}

@test "withdraw: needs a reason; a referred or screened case only" {
	seed
	{ referral A Uno 2000-01-01; referral B Due 1980-01-01; } | wf-refer add -q
	run -64 --separate-stderr wf-refer withdraw 2026-0001
	assert_equal "${stderr_lines[0]}" "wf-refer: withdraw needs --reason"
	run -0 wf-refer withdraw 2026-0001 --reason "found a job" -o json --fields status,reasons
	assert_equal "$output" '{"status":"withdrawn","reasons":["found a job"]}'
	wf-refer screen -q 2026-0002
	run -65 --separate-stderr wf-refer withdraw 2026-0002 --reason x
	assert_equal "$stderr" "wf-refer: case '2026-0002' is rejected: withdraw needs a case that is referred, screened"
	run -65 --separate-stderr wf-refer screen 2026-0001
	assert_equal "$stderr" "wf-refer: case '2026-0001' is withdrawn: screen needs a case that is referred"
}

@test "list: filters by status, programme, referrer, dates and name" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer screen -q 2026-0001 2026-0003 2026-0005
	run -0 wf-refer list --status rejected -o tsv --fields id
	assert_equal "$output" $'id\n2026-0003'
	run -0 wf-refer list --programme sil-bergamo -o tsv --fields id
	assert_equal "$output" $'id\n2026-0005\n2026-0007\n2026-0008'
	run -0 wf-refer list --referrer caritas-vigevano -o tsv --fields id
	assert_equal "$output" $'id\n2026-0001\n2026-0004\n2026-0006'
	run -0 wf-refer list --since 2026-10-05 --until 2026-10-20 -o tsv --fields id
	assert_equal "$output" $'id\n2026-0004\n2026-0005\n2026-0006\n2026-0007'
	run -0 wf-refer list --name "el amrani" -o tsv --fields id
	assert_equal "$output" $'id\n2026-0006'
	run -0 wf-refer list --name COLOMBO -o tsv --fields person.first_name
	assert_equal "${lines[1]}" Anna
	run -0 wf-refer list --name "marco rossi" -o tsv --fields id
	assert_equal "$output" $'id\n2026-0001'
	run -1 wf-refer list --name "marco bianchi"
	run -0 wf-refer list --name "colómbo" -o tsv --fields id
	assert_equal "$output" $'id\n2026-0004'
}

@test "list: bad filters are usage errors" {
	seed
	run -64 --separate-stderr wf-refer list --status open
	[[ "${stderr_lines[0]}" == "wf-refer: --status: 'open' is not one of: referred, screened, rejected, withdrawn,"* ]]
	run -64 --separate-stderr wf-refer list --since 2026-02-30
	assert_equal "${stderr_lines[0]}" "wf-refer: --since: '2026-02-30' is not a date (YYYY-MM-DD)"
	run -64 --separate-stderr wf-refer list extra
	assert_equal "${stderr_lines[0]}" "wf-refer: list takes no operands: 'extra'"
}

@test "show: several cases; an unknown one is reported, exit 1" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	run -1 --separate-stderr wf-refer show 2026-0001 2026-0042 2026-0002 -o tsv --fields id
	assert_equal "$output" $'id\n2026-0001\n2026-0002'
	assert_equal "$stderr" "wf-refer: case '2026-0042' not found"
}

@test "list --name: a search with no letters is refused, not a match of every case" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	for name in % _ "'" 100 --; do
		run -64 --separate-stderr wf-refer list --name="$name"
		assert_equal "${stderr_lines[0]}" "wf-refer: --name: '$name' has no letters to look for"
	done
	run -0 wf-refer list --name "gritti %" -o tsv --fields id
	assert_equal "$output" $'id\n2026-0005'
}

# law68 FIRST INVALIDITY PERCENT [extra certification lines]: a referral to
# sil-bergamo with a Law 68/1999 certification.
law68() {
	printf 'kind: referral\nprogramme: sil-bergamo\nreferrer: ssd-dalmine\ndate: 2026-10-01\n'
	printf 'person:\n  first_name: %s\n  last_name: Test\n  birth_date: 1980-01-01\n' "$1"
	printf '  employment_status: unemployed\n  certifications:\n    - kind: law_68_1999\n'
	[ -z "$2" ] || printf '      invalidity: %s\n' "$2"
	[ -z "$3" ] || printf '      invalidity_percent: %s\n' "$3"
	[ -z "${4:-}" ] || printf '%s\n' "$4"
	printf -- '---\n'
}

@test "Law 68/1999: each invalidity counts above the programme's threshold" {
	seed
	{ law68 Civ45 civil 45; law68 Civ46 civil 46; law68 Inail33 work_injury 33
	  law68 Inail34 work_injury 34; law68 Sight sight ""; } | wf-refer add -q
	wf-refer screen -q 2026-0001 2026-0002 2026-0003 2026-0004 2026-0005
	run -0 wf-refer list -o tsv --fields id,status
	assert_equal "$output" $'id\tstatus\n2026-0001\trejected\n2026-0002\tscreened\n2026-0003\trejected\n2026-0004\tscreened\n2026-0005\tscreened'
	run -0 wf-refer show 2026-0001 -o json --fields reasons
	assert_equal "$output" '{"reasons":["no certification that counts among: law_381_1991, law_68_1999, uncertified_disadvantage (a Law 68/1999 certification of civil invalidity at 45% does not count: the programme asks more than 45%)"]}'
	# wf programme check says the same before any referral
	law68 Civ40 civil 40 | sed 's/^kind: referral/kind: referral\nid: x/' > "$T/p.yaml"
	run -1 wf programme check sil-bergamo "$T/p.yaml" -o json --fields eligible,reasons
	[[ "$output" == *'"eligible":false'*"civil invalidity at 40% does not count"* ]]
}

@test "Law 68/1999: the thresholds are the programme's data, checked on load" {
	seed
	sed 's/law_68_thresholds: {civil: 45, work_injury: 33}/law_68_thresholds: {civil: 60}/' \
		"$EX/programmes/sil-bergamo.yaml" > "$T/p.yaml"
	wf programme load -q "$T/p.yaml"
	law68 Civ50 civil 50 | wf-refer add -q
	law68 Inail20 work_injury 20 | wf-refer add -q
	wf-refer screen -q 2026-0001 2026-0002
	run -0 wf-refer list -o tsv --fields id,status
	assert_equal "$output" $'id\tstatus\n2026-0001\trejected\n2026-0002\tscreened'
	sed 's/law_68_thresholds: {civil: 45, work_injury: 33}/law_68_thresholds: {civil: 145, sight: 10}/' \
		"$EX/programmes/sil-bergamo.yaml" > "$T/bad.yaml"
	run -65 --separate-stderr wf programme load "$T/bad.yaml"
	[[ "$stderr" == "wf: $T/bad.yaml:"*": law_68_thresholds.civil: 145 is not in 0..99" ]]
}

@test "certifications: implausible values are refused with the field, nothing written" {
	seed
	run -65 --separate-stderr wf-refer add < <(law68 NoKind "" 60)
	assert_equal "$stderr" "wf-refer: <stdin>:12:7: person.certifications[0].invalidity_percent: say which invalidity it is of (invalidity: civil or work_injury): Law 68/1999 sets a threshold for each"
	run -65 --separate-stderr wf-refer add < <(law68 Zero civil 0)
	assert_equal "$stderr" "wf-refer: <stdin>:13:7: person.certifications[0].invalidity_percent: 0 is not in 1..100"
	run -65 --separate-stderr wf-refer add < <(law68 Sight sight 50)
	assert_equal "$stderr" "wf-refer: <stdin>:13:7: person.certifications[0].invalidity_percent: a percent goes with civil or work_injury invalidity, not 'sight'"
	run -65 --separate-stderr wf-refer add < <(law68 Later civil 60 '      since: 9999-12-31')
	assert_equal "$stderr" "wf-refer: <stdin>:14:7: person.certifications[0].since: '9999-12-31' is after the referral date 2026-10-01"
	run -65 --separate-stderr wf-refer add < <(law68 War war "" '      invalidity_percent: 50')
	[[ "$stderr" == *"a percent goes with civil or work_injury invalidity, not 'war'" ]]
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 0
	assert_equal "$(sql 'SELECT count(*) FROM certification')" 0
}

@test "a list piped into a screen: the list's audit entry waits for the screen, and every case is screened" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	# the screen holds the write lock while it reads; the list, which
	# shows certifications, needs it afterwards for the audit trail
	{ sleep 0.3; exec wf-refer list --status referred -o json; } 2>"$T/list.err" |
		WF_BUSY_TIMEOUT=2000 wf-refer screen - --date 2026-11-05 -q
	cat "$T/list.err"; [ ! -s "$T/list.err" ]
	[ "$(sql "SELECT count(*) FROM cases WHERE status IN ('screened', 'rejected')")" = 8 ]
	[ "$(sql "SELECT count(*) FROM audit WHERE action = 'read' AND entity = 'cases'")" = 1 ]
}

@test "add: a valid tax code gives the birth date and sex left out; without one they are required" {
	seed
	printf 'programme: workflow-lomellina\ndate: 2026-10-01\nreferrer: caritas-vigevano\nperson:\n  first_name: Marco\n  last_name: Rossi\n  tax_code: rssmrc98d12l872o\n  municipality: Vigevano\n  employment_status: unemployed\n' > "$T/r.yaml"
	run -0 wf-refer add "$T/r.yaml" -o json --fields person.birth_date,person.sex,person.tax_code
	assert_equal "$output" '{"person":{"birth_date":"1998-04-12","sex":"M","tax_code":"RSSMRC98D12L872O"}}'
	# two digits of a year: the century that makes the person at least 15
	sed -e 's/rssmrc98d12l872o/BNCGLI25S43F754B/' -e 's/Marco/Giulia/' -e 's/Rossi/Bianchi/' "$T/r.yaml" > "$T/old.yaml"
	run -0 wf-refer add "$T/old.yaml" -o json --fields person.birth_date,person.sex
	assert_equal "$output" '{"person":{"birth_date":"1925-11-03","sex":"F"}}'
	sed -e '/tax_code/d' -e 's/Marco/Anna/' "$T/r.yaml" > "$T/none.yaml"
	run -65 --separate-stderr wf-refer add "$T/none.yaml"
	assert_equal "$stderr" "wf-refer: $T/none.yaml:4:1: person.birth_date: required field is missing"
}

@test "add: a known tax code with other names goes to the person the code is, said with both names" {
	seed
	referral Marco Rossi 1998-04-12 tax=RSSMRC98D12L872O | wf-refer add -q
	referral Mario Rosso 1998-04-12 tax=RSSMRC98D12L872O programme=sil-bergamo referrer=ssd-dalmine cert=uncertified_disadvantage > "$T/other.yaml"
	run -0 --separate-stderr wf-refer add "$T/other.yaml" -o json --fields id,person.first_name
	assert_equal "$output" '{"id":"2026-0002","person":{"first_name":"Marco"}}'
	assert_equal "$stderr" "wf-refer: warning: $T/other.yaml:2: tax code 'RSSMRC98D12L872O' is Marco Rossi's (person 1), not Mario Rosso's: the referral goes to Marco Rossi, the names sent kept with it; check them"
	assert_equal "$(sql "SELECT sent_names FROM referral WHERE case_id = '2026-0002'")" "Mario Rosso"
	[ "$(sql "SELECT count(sent_names) FROM referral WHERE case_id = '2026-0001'")" = 0 ]
	# in the same programme, the warning names the person as stored
	referral Mario Rosso 1998-04-12 tax=RSSMRC98D12L872O date=2026-11-02 > "$T/same.yaml"
	run -0 --separate-stderr wf-refer add "$T/same.yaml" -o json --fields id
	assert_equal "${stderr_lines[1]}" "wf-refer: warning: $T/same.yaml:2: Marco Rossi already has open case '2026-0001' in 'workflow-lomellina': the referral is attached to it"
	run -0 wf-refer show 2026-0001 -o json --fields referred
	assert_equal "$output" '{"referred":[{"id":"2026-0001/1","date":"2026-10-01","referrer":"caritas-vigevano"},{"id":"2026-0001/2","date":"2026-11-02","referrer":"caritas-vigevano","sent_names":"Mario Rosso"}]}'
}
