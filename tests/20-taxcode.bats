#!/usr/bin/env bats
# The Italian tax code (codice fiscale) in full: format, check character,
# omocodia, consistency with birth date and sex.

load helpers

add_tc() {
	referral Mario Rossi "$2" tax="$1" ${3:+sex=$3} > "$T/r.yaml"
	run --separate-stderr wf-refer add -o json --fields person.tax_code,person.sex "$T/r.yaml"
}

@test "tax code: a valid one is accepted; sex is taken from it when not given" {
	seed
	add_tc RSSMRA85T10A562S 1985-12-10
	[ "$status" -eq 0 ]
	assert_equal "$output" '{"person":{"tax_code":"RSSMRA85T10A562S","sex":"M"}}'
}

@test "tax code: lower case is accepted and stored in upper case" {
	seed
	add_tc rssmra85t10a562s 1985-12-10
	[ "$status" -eq 0 ]
	assert_equal "$output" '{"person":{"tax_code":"RSSMRA85T10A562S","sex":"M"}}'
}

@test "tax code: a wrong check character -> exit 65" {
	seed
	add_tc RSSMRA85T10A562X 1985-12-10
	[ "$status" -eq 65 ]
	assert_equal "$stderr" "wf-refer: $T/r.yaml:9:3: person.tax_code: 'RSSMRA85T10A562X' is not a valid tax code: the check character is X; these 15 characters give S"
	assert_equal "$(sql 'SELECT count(*) FROM person')" 0
}

@test "tax code: omocodia letters stand for digits (check computed on the letters)" {
	seed
	# The 7th digit from the left (2) replaced by N, then 6 by S.
	add_tc RSSMRA85T10A56NH 1985-12-10
	[ "$status" -eq 0 ]
	add_tc RSSMRA85T10A5SNT 1985-12-10
	[ "$status" -eq 0 ]
	# A letter that is not an omocodia letter where a digit belongs.
	add_tc RSSMRA85T10A56AX 1985-12-10
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"must be digits or omocodia letters (LMNPQRSTUV)" ]]
}

@test "tax code: a woman's day of birth is 40 more" {
	seed
	add_tc BNCGLI72S43F754K 1972-11-03
	[ "$status" -eq 0 ]
	assert_equal "$output" '{"person":{"tax_code":"BNCGLI72S43F754K","sex":"F"}}'
}

@test "tax code: inconsistent with the birth date -> exit 65, says what it says" {
	seed
	add_tc RSSMRA85T10A562S 1985-12-11
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"person.tax_code: 'RSSMRA85T10A562S' does not match birth_date 1985-12-11 (it says day 10, month 12, year ..85)" ]]
}

@test "tax code: inconsistent with the sex given -> exit 65" {
	seed
	add_tc RSSMRA85T10A562S 1985-12-10 F
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"person.tax_code: 'RSSMRA85T10A562S' is a code for sex M, not F" ]]
}

@test "tax code: wrong length, letters where digits go, a bad month letter" {
	seed
	add_tc RSSMRA85T10A562 1985-12-10
	[[ "$stderr" == *"it must be 16 characters long" ]]
	add_tc RSSMR485T10A562S 1985-12-10
	[[ "$stderr" == *"characters 1-6 must be letters" ]]
	add_tc RSSMRA85Z10A562S 1985-12-10
	[[ "$stderr" == *"character 9 is not a month letter (ABCDEHLMPRST)" ]]
	add_tc RSSMRA85B30A562S 1985-12-10
	[[ "$stderr" == *"characters 9-11 are not a day of birth" ]]
	[ "$status" -eq 65 ]
}

@test "tax code: the same code is the same person, whatever the spelling" {
	seed
	referral Mario Rossi 1985-12-10 tax=RSSMRA85T10A562S > "$T/a.yaml"
	referral "Mario Luigi" Rossi 1985-12-10 tax=RSSMRA85T10A562S programme=sil-bergamo referrer=ssd-dalmine cert=law_68_1999 > "$T/b.yaml"
	wf-refer add -q "$T/a.yaml" "$T/b.yaml"
	assert_equal "$(sql 'SELECT count(*) FROM person')" 1
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 2
}
