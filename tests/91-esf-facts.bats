#!/usr/bin/env bats
# The ESF+ facts of a participant: citizenship as an ISO 3166 code (older
# free text read as a country where it names one), foreign background,
# minority, housing exclusion and rural area at the referral; and a tax
# code whose letters the names do not make.

load helpers

@test "citizenship: an ISO 3166 code, upper-cased; a name refused with its code; stateless and declined" {
	seed
	referral Ada Neri 1990-01-01 citizenship=ma | wf-refer add -q
	assert_equal "$(sql 'SELECT citizenship FROM person')" MA
	run -65 --separate-stderr wf-refer add < <(referral Bea Neri 1991-01-01 citizenship=Marocco)
	[[ "$stderr" == *"person.citizenship: 'Marocco' is not a country code: give MA (Morocco)" ]]
	run -65 --separate-stderr wf-refer add < <(referral Bea Neri 1991-01-01 citizenship=Atlantis)
	[[ "$stderr" == *"person.citizenship: 'Atlantis' is not an ISO 3166 country code (two letters, as IT or MA), 'stateless' or 'declined'" ]]
	WF_LANG=it run -65 --separate-stderr wf-refer add < <(referral Bea Neri 1991-01-01 citizenship=Marocco)
	[[ "$stderr" == *"'Marocco' non è un codice di paese: indicare MA (Marocco)" ]]
	referral Bea Neri 1991-01-01 citizenship=stateless | wf-refer add -q
	referral Cy Neri 1992-01-01 citizenship=declined | wf-refer add -q
	assert_equal "$(sql 'SELECT group_concat(citizenship) FROM (SELECT citizenship FROM person ORDER BY id) AS p')" "MA,stateless,declined"
	# people read the country's name, in their language
	run -0 wf person show 1 -o md --fields citizenship
	assert_equal "${lines[2]}" '| Morocco |'
	WF_LANG=it run -0 wf person show 1 -o md --fields citizenship
	assert_equal "${lines[2]}" '| Marocco |'
	run -0 wf person show 1 -o json --fields citizenship
	assert_equal "$output" '{"citizenship":"MA"}'
}

@test "ESF+ facts at referral: kept, shown, corrected; withheld from the audit's copy" {
	seed
	referral Ada Neri 1990-01-01 foreign_background=yes minority=yes homeless=declined rural=no | wf-refer add -q
	run -0 wf-refer show 2026-0001 -o json --fields person.foreign_background,person.minority,person.homeless,person.rural
	assert_equal "$output" '{"person":{"foreign_background":"yes","minority":"yes","homeless":"declined","rural":"no"}}'
	run -65 --separate-stderr wf-refer add < <(referral Bea Neri 1991-01-01 rural=maybe)
	[[ "$stderr" == *"person.rural: 'maybe' is not one of: yes, no, declined" ]]
	# ethnic origin is of the special categories: not copied to the audit
	[[ "$(sql "SELECT detail FROM audit WHERE action = 'add' AND entity = 'case'")" == *'"foreign_background":"[withheld]","minority":"[withheld]","homeless":"declined"'* ]]
	run -0 wf amend --kind referral --id 2026-0001 --set rural=yes --reason "lives in a hamlet" -o json --fields changed
	assert_equal "$output" '{"changed":["rural"]}'
	assert_equal "$(sql 'SELECT rural FROM referral')" yes
	# the human forms say them in words
	WF_LANG=it run -0 wf-refer show 2026-0001 -o md --fields person.homeless
	assert_equal "${lines[2]}" '| preferisce non dirlo |'
}

@test "tax code: letters the names do not make are kept, warned about and flagged" {
	seed
	run -0 --separate-stderr wf-refer add < <(referral Marco Bianchi 1998-04-12 tax=RSSMRC98D12L872O)
	assert_equal "$stderr" "wf-refer: warning: tax code 'RSSMRC98D12L872O' opens with RSSMRC, but the names given (Marco Bianchi) make BNCMRC: a possible error, both kept as given and listed by wf-report quality"
	assert_equal "$(sql "SELECT tax_code || ' ' || last_name || ' ' || name_letters FROM person")" "RSSMRC98D12L872O Bianchi BNCMRC"
	# a person's letters as the code has them: no word
	run -0 --separate-stderr wf-refer add < <(referral Mario Rossi 1985-12-10 tax=RSSMRA85T10A562S)
	[ -z "$stderr" ]
	# the names corrected, the flag goes
	wf amend --kind person --id 1 --set last_name=Rossi --reason "typed the wrong surname" -q
	assert_equal "$(sql 'SELECT count(name_letters) FROM person')" 0
	# name letters: consonants, then vowels, then X; the first name's
	# 1st, 3rd and 4th consonant when it has four
	referral Bo Fo 1990-01-01 tax=FOXBOX90A01L872V | wf-refer add -q
	referral Gianfranco Fo 1990-01-01 tax=FOXGFR90A01L872W | wf-refer add -q
	assert_equal "$(sql 'SELECT count(name_letters) FROM person')" 0
}

@test "store: a version 16 store: citizenship read as a country, the rest kept apart and flagged" {
	sqlite_only "an older store is made with sqlite3"
	seed
	for who in "Ada Neri 1990-01-01" "Bea Neri 1991-01-01" "Cy Neri 1992-01-01" \
	    "Dea Neri 1993-01-01" "Ed Neri 1994-01-01" "Flo Neri 1995-01-01"; do
		referral $who | wf-refer add -q
	done
	referral Marco Bianchi 1998-04-12 tax=RSSMRC98D12L872O | wf-refer add -q 2>/dev/null
	undo_17
	sql "UPDATE person SET citizenship = CASE id WHEN 1 THEN 'Marocco'
	       WHEN 2 THEN ' morocco ' WHEN 3 THEN 'ita' WHEN 4 THEN 'italiana'
	       WHEN 5 THEN 'stateless' WHEN 6 THEN 'Costa d''Avorio' END;
	     PRAGMA user_version = 16"
	run -0 wf person show 1 -o json --fields citizenship
	assert_equal "$(sql 'PRAGMA user_version')" "$SCHEMA"
	[ "$(sql "SELECT group_concat(coalesce(citizenship, '-') || '|' || coalesce(citizenship_as_written, '-'), ' ') FROM (SELECT citizenship, citizenship_as_written FROM person ORDER BY id) AS p")" = "MA|- MA|- IT|- -|italiana stateless|- CI|- -|-" ]
	assert_equal "$(sql 'SELECT name_letters FROM person WHERE id = 7')" BNCMRC
	run -0 wf-report quality -o tsv --fields check,state,open
	assert_equal "${lines[5]}" $'citizenship\tnot_a_country\t1'
}

@test "erasure: the citizenship code stays for the figures, the text as written goes" {
	seed
	referral Ada Neri 1990-01-01 citizenship=MA | wf-refer add -q
	sql "UPDATE person SET citizenship_as_written = 'marocchina'"
	wf case close -q 2026-0001 --outcome withdrawn --date 2026-11-01
	wf person erase -q 1 --reason "asked to"
	[ "$(sql "SELECT citizenship || ' ' || coalesce(citizenship_as_written, '-') FROM person")" = "MA -" ]
}
