#!/usr/bin/env bats
# Records in and out: YAML streams, JSON objects, arrays and lines, bare
# case ids; where a message says the error is; round trips.

load helpers

@test "records: a YAML stream, one record a document" {
	seed
	{ referral Marco Rossi 1998-04-12; referral Giulia Bianchi 1972-11-03; } > "$T/r.yaml"
	run -0 wf-refer add "$T/r.yaml" -o tsv --fields id,person.last_name
	assert_equal "$output" $'id\tperson.last_name\n2026-0001\tRossi\n2026-0002\tBianchi'
}

@test "records: one JSON object, a JSON array, JSON Lines, pretty objects in a row" {
	seed
	one='{"programme":"workflow-lomellina","date":"2026-10-01","referrer":"caritas-vigevano","person":{"first_name":"A","last_name":"Uno","birth_date":"2000-01-01","employment_status":"unemployed"}}'
	two=${one//Uno/Due}
	echo "$one" > "$T/one.json"
	printf '[\n %s,\n %s\n]\n' "$one" "$two" > "$T/array.json"
	printf '%s\n%s\n' "$one" "$two" > "$T/lines.jsonl"
	printf '{\n  "programme": "workflow-lomellina", "date": "2026-10-01",\n  "referrer": "caritas-vigevano",\n  "person": {"first_name": "B", "last_name": "Tre", "birth_date": "2000-01-01",\n             "employment_status": "unemployed"}\n}\n{"programme": "workflow-lomellina", "date": "2026-10-01", "referrer": "caritas-vigevano", "person": {"first_name": "C", "last_name": "Quattro", "birth_date": "2001-01-01", "employment_status": "unemployed"}}\n' > "$T/pretty.json"
	run -0 wf-refer add -n -o tsv --fields person.last_name "$T/one.json"
	assert_equal "$output" $'person.last_name\nUno'
	run -0 wf-refer add -n -o tsv --fields person.last_name "$T/array.json"
	assert_equal "$output" $'person.last_name\nUno\nDue'
	run -0 wf-refer add -n -o tsv --fields person.last_name "$T/lines.jsonl"
	assert_equal "$output" $'person.last_name\nUno\nDue'
	run -0 wf-refer add -n -o tsv --fields person.last_name "$T/pretty.json"
	assert_equal "$output" $'person.last_name\nTre\nQuattro'
}

@test "records: several files in one invocation, YAML and JSON mixed" {
	seed
	referral Marco Rossi 1998-04-12 > "$T/a.yaml"
	referral Giulia Bianchi 1972-11-03 | wf-refer add -n -o json > "$T/b.json"
	run -0 wf-refer add -o tsv --fields person.last_name "$T/a.yaml" "$T/b.json"
	assert_equal "$output" $'person.last_name\nRossi\nBianchi'
}

@test "bare ids: operands, lines on stdin, YAML scalars, JSON strings, records" {
	seed
	{ referral A Uno 2000-01-01; referral B Due 2000-01-01; referral C Tre 2000-01-01; referral D Quattro 2000-01-01; } | wf-refer add -q
	run -0 wf-refer screen 2026-0001 -o tsv --fields id,status
	assert_equal "$output" $'id\tstatus\n2026-0001\tscreened'
	run -0 bash -c 'printf "2026-0002\n2026-0003\n" | wf-refer screen - -o tsv --fields id'
	assert_equal "$output" $'id\n2026-0002\n2026-0003'
	run -0 bash -c 'echo "\"2026-0004\"" | wf-refer withdraw --reason moved -o tsv --fields id,status'
	assert_equal "$output" $'id\tstatus\n2026-0004\twithdrawn'
}

@test "YAML syntax error: file, line and column, exit 65, nothing written" {
	seed
	{ referral A Uno 2000-01-01; printf -- '---\nprogramme: [unclosed\n'; } > "$T/bad.yaml"
	run -65 --separate-stderr wf-refer add "$T/bad.yaml"
	[[ "$stderr" == "wf-refer: $T/bad.yaml:"*":"*": "* ]]
	[[ "$stderr" == *"flow sequence"* ]]
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 0
}

@test "JSON syntax error: line and column of the fault" {
	seed
	printf '{"programme": "workflow-lomellina",\n "date": 2026-10-01}\n' > "$T/bad.json"
	run -65 --separate-stderr wf-refer add "$T/bad.json"
	assert_equal "$stderr" "wf-refer: $T/bad.json:2:14: not valid JSON"
}

@test "unknown field: refused with the nearest valid name, at its line and column (YAML)" {
	seed
	referral Marco Rossi 1998-04-12 | sed 's/employment_status/employment_stauts/' > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	assert_equal "$stderr" "wf-refer: $T/r.yaml:10:3: person.employment_stauts: unknown field (did you mean 'employment_status'?)"
}

@test "unknown field: the same in JSON Lines, on the record's own line" {
	seed
	{ referral A Uno 2000-01-01; referral B Due 2000-01-01; } | wf-refer add -n -o json > "$T/r.jsonl"
	sed -i '2s/"notes"/"note"/; 2s/"needs"/"neds"/; 2s/"date"/"dtae"/' "$T/r.jsonl"
	run -65 --separate-stderr wf-refer add "$T/r.jsonl"
	[[ "$stderr" == "wf-refer: $T/r.jsonl:2:"*": dtae: unknown field (did you mean 'date'?)" ]]
	col=$(awk 'NR==2 { print index($0, "\"dtae\"") }' "$T/r.jsonl")
	assert_equal "$stderr" "wf-refer: $T/r.jsonl:2:$col: dtae: unknown field (did you mean 'date'?)"
}

@test "dates: must be real calendar days in ISO form" {
	seed
	for d in 2026-02-29 2026-13-01 01/10/2026 2026-1-1; do
		referral A Uno "$d" > "$T/r.yaml"
		run -65 --separate-stderr wf-refer add "$T/r.yaml"
		[[ "$stderr" == *"person.birth_date: "*"is not a date (YYYY-MM-DD)" ]]
	done
	referral A Uno 2024-02-29 > "$T/r.yaml"
	run -0 wf-refer add -q "$T/r.yaml"
}

@test "enums: refused with the allowed values and a suggestion" {
	seed
	referral A Uno 2000-01-01 employment=unemploued > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	assert_equal "$stderr" "wf-refer: $T/r.yaml:10:3: person.employment_status: 'unemploued' is not one of: unemployed, never_employed, inactive, student, employed (did you mean 'unemployed'?)"
}

@test "required fields: named when missing" {
	seed
	referral A Uno 2000-01-01 | grep -v '^date:' > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	[[ "$stderr" == "wf-refer: $T/r.yaml:"*": date: required field is missing" ]]
	referral A Uno 2000-01-01 | grep -v 'last_name' > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	[[ "$stderr" == *": person.last_name: required field is missing" ]]
}

@test "a phone number with a leading zero stays text; a quoted number too" {
	seed
	{ referral A Uno 2000-01-01; echo "  phone: 0381123456"; } > "$T/r.yaml"
	run -0 wf-refer add "$T/r.yaml" -o json --fields person.phone
	assert_equal "$output" '{"person":{"phone":"0381123456"}}'
}

@test "round trip: show -o yaml into a new store gives the same record" {
	seed
	cp "$EX/referrals.yaml" "$T/r.yaml"
	wf-refer add -q "$T/r.yaml"
	wf-refer show 2026-0005 -o yaml > "$T/a.yaml"
	f=kind,id,status,status_date,programme,date,referrer,referrer_contact,person,needs,notes
	wf-refer show 2026-0005 -o json --fields $f > "$T/a.json"
	export WF_DB="$T/other.db"
	seed
	run -0 wf-refer add -o yaml "$T/a.yaml"
	# The new store numbers its first case 2026-0001.
	diff <(grep -v -e '^id:' -e '^history' -e '^- ' -e '^  ' "$T/a.yaml") \
	     <(echo "$output" | grep -v -e '^id:' -e '^history' -e '^- ' -e '^  ')
	run -0 wf-refer show 2026-0001 -o json --fields $f
	assert_equal "${output/2026-0001/2026-0005}" "$(cat "$T/a.json")"
}

@test "round trip: JSON output read back as input, the same" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer list -o json > "$T/all.json"
	export WF_DB="$T/other.db"
	seed
	wf-refer add -q "$T/all.json"
	run -0 wf-refer list -o json
	assert_equal "$output" "$(cat "$T/all.json")"
}

@test "round trip: YAML output of every kind reads back as the same JSON" {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer list -o yaml > "$T/all.yaml"
	wf programme list -o yaml > "$T/p.yaml"
	local first=$WF_DB
	export WF_DB="$T/other.db"
	wf programme load -q "$T/p.yaml"
	wf org add -q "$EX/organisations.yaml"
	wf-refer add -q "$T/all.yaml"
	WF_DB="$first" wf-refer list -o json > "$T/want.json"
	run -0 wf-refer list -o json
	assert_equal "$output" "$(cat "$T/want.json")"
	WF_DB="$first" wf programme list -o json > "$T/wantp.json"
	run -0 wf programme list -o json
	assert_equal "$output" "$(cat "$T/wantp.json")"
}

@test "text that looks like another type is quoted in YAML and read back as text" {
	seed
	printf 'id: t\nname: "true"\nroles: host\nnotes: "007"\nphone: "null"\n' > "$T/o.yaml"
	wf org add -q "$T/o.yaml"
	run -0 wf org show t -o yaml
	[[ "$output" == *"name: 'true'"* ]]
	[[ "$output" == *"notes: '007'"* ]]
	[[ "$output" == *"phone: 'null'"* ]]
	wf org show t -o yaml | wf org add -q -
	run -0 wf org show t -o json
	assert_equal "$output" '{"kind":"organisation","id":"t","name":"true","roles":["host"],"phone":"null","notes":"007"}'
}

@test "limits: a YAML alias bomb is refused at once, in bounded memory" {
	seed
	{ echo '---'; echo 'a0: &a0 [x, x, x, x, x, x, x, x, x]'
	  for i in 1 2 3 4 5 6 7 8 9; do
		printf 'a%d: &a%d [' "$i" "$i"
		for j in 1 2 3 4 5 6 7 8; do printf '*a%d, ' $((i - 1)); done
		printf '*a%d]\n' $((i - 1))
	  done; } > "$T/lol.yaml"
	run -65 --separate-stderr timeout 10 wf-refer add "$T/lol.yaml"
	assert_equal "$stderr" "wf-refer: $T/lol.yaml:7:10: the record holds more than 100000 values (aliases count as what they expand to)"
	assert_equal "$(sql 'SELECT count(*) FROM referral')" 0
}

@test "limits: nesting, keys and value length, in YAML and JSON alike" {
	seed
	python3 -c "print('x: ' + '['*40 + ']'*40)" > "$T/deep.yaml"
	run -65 --separate-stderr wf-refer add "$T/deep.yaml"
	[[ "$stderr" == "wf-refer: $T/deep.yaml:1:"*": nesting deeper than 32" ]]
	python3 -c "print('{\"x\":' + '['*40 + ']'*40 + '}')" > "$T/deep.json"
	run -65 --separate-stderr wf-refer add "$T/deep.json"
	[[ "$stderr" == "wf-refer: $T/deep.json:1:"*": nesting deeper than 32" ]]
	python3 -c "print('{' + ','.join('\"k%d\":1' % i for i in range(1001)) + '}')" > "$T/keys.json"
	run -65 --separate-stderr wf-refer add "$T/keys.json"
	[[ "$stderr" == *": a mapping with more than 1000 keys" ]]
	python3 -c "print('notes: ' + 'a' * (1 << 20 | 1))" > "$T/long.yaml"
	run -65 --separate-stderr wf-refer add "$T/long.yaml"
	assert_equal "$stderr" "wf-refer: $T/long.yaml:1:8: a value longer than 1 MiB"
	python3 -c "print('{\"notes\":\"' + 'a' * (5 << 20) + '\"}')" > "$T/huge.json"
	run -65 --separate-stderr wf-refer add "$T/huge.json"
	assert_equal "$stderr" "wf-refer: $T/huge.json:1:1: a record longer than 4 MiB"
}

@test "JSON: bytes that are not UTF-8, control characters, NUL and a key twice are refused where they are" {
	seed
	printf '{"kind":"referral","notes":"\xff\xfe"}\n' > "$T/a.json"
	run -65 --separate-stderr wf-refer add "$T/a.json"
	assert_equal "$stderr" "wf-refer: $T/a.json:1:29: not UTF-8"
	printf '{"a":"\xc0\xaf"}\n' > "$T/a.json"
	run -65 --separate-stderr wf-refer add "$T/a.json"
	assert_equal "$stderr" "wf-refer: $T/a.json:1:7: not UTF-8"
	printf '{"last_name":"Nul\\u0000Cut"}\n' > "$T/a.json"
	run -65 --separate-stderr wf-refer add "$T/a.json"
	assert_equal "$stderr" "wf-refer: $T/a.json:1:18: a NUL character in text"
	printf '{"last_name":"A\x1b[2Jb"}\n' > "$T/a.json"
	run -65 --separate-stderr wf-refer add "$T/a.json"
	assert_equal "$stderr" "wf-refer: $T/a.json:1:16: a control character (write it escaped, or leave it out)"
	printf '{"kind":"referral",\n "date":"2026-10-01", "date":"2026-10-02"}\n' > "$T/a.json"
	run -65 --separate-stderr wf-refer add "$T/a.json"
	assert_equal "$stderr" "wf-refer: $T/a.json:2:23: key 'date' appears twice"
	printf '{"person":{"first_name":"A","first_name":"B"}}\n' > "$T/a.json"
	run -65 --separate-stderr wf-refer add "$T/a.json"
	assert_equal "$stderr" "wf-refer: $T/a.json:1:29: key 'first_name' appears twice"
	assert_equal "$(sql 'SELECT count(*) FROM referral')" 0
}
