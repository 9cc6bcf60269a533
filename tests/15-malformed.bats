#!/usr/bin/env bats
# Malformed input, generated: every truncation of a valid record in each
# format, bytes that are not UTF-8 at each kind of position, the wrong
# type in each field, values out of range, control characters, CRLF and
# a byte-order mark, empty files, a bad record in a good stream. For each
# input: exit 65, a message with the file, line and column (and the field
# where the fault is a field's), and nothing written to the store. Runs
# under make check and make check SAN=1 alike.

load helpers

# The valid records every input is made from: the person last, and its
# last field required, so that a record cut anywhere lacks something.
yaml_record() {
	printf 'kind: referral\nprogramme: workflow-lomellina\ndate: 2026-10-01\n'
	printf 'referrer: caritas-vigevano\nnotes: first \xc3\xa8 second\n'
	printf 'person:\n  first_name: Marco\n  last_name: Rossi\n'
	printf '  tax_code: RSSMRC98D12L872O\n  birth_date: 1998-04-12\n'
	printf '  employment_status: unemployed\n'
}

json_record() {
	printf '{"kind":"referral","programme":"workflow-lomellina","date":"2026-10-01",'
	printf '"referrer":"caritas-vigevano","notes":"first \\u00e8 second",'
	printf '"person":{"first_name":"Marco","last_name":"Rossi",'
	printf '"tax_code":"RSSMRC98D12L872O","birth_date":"1998-04-12",'
	printf '"employment_status":"unemployed"}}\n'
}

# refused FILE [FIELD]: wf-refer add FILE exits 65 with FILE:LINE:COL and,
# when given, FIELD in its message; counts the input. Without bats' run,
# which would cost twice the command here, a thousand times over: its
# standard error is kept in stderr_lines as run keeps it.
refused() {
	local f=$1 field=${2:-}
	status=0
	wf-refer add -q "$f" 2> "$T/stderr" >/dev/null || status=$?
	mapfile -t stderr_lines < "$T/stderr"
	if [ "$status" -ne 65 ] || [[ "${stderr_lines[0]}" != "wf-refer: $f:"[0-9]*:[0-9]*": "* ]] ||
	   { [ -n "$field" ] && [[ "${stderr_lines[0]}" != *": "$field": "* ]]; }; then
		echo "input: $(head -c 400 "$f" | cat -v)"
		echo "exit $status: ${stderr_lines[0]:-}"
		return 1
	fi
	INPUTS=$((INPUTS + 1))
}

# nothing_written: the store holds no case, no person, and only the
# entries the set-up wrote.
nothing_written() {
	assert_equal "$(sql 'SELECT count(*) FROM cases')" 0
	assert_equal "$(sql 'SELECT count(*) FROM person')" 0
	assert_equal "$(sql 'SELECT count(*) FROM audit')" "$ENTRIES"
}

begin() {
	seed
	ENTRIES=$(sql 'SELECT count(*) FROM audit')
	INPUTS=0
	# the records are valid as they stand
	yaml_record > "$T/ok.yaml"
	json_record > "$T/ok.json"
	wf-refer add -n -q "$T/ok.yaml"
	wf-refer add -n -q "$T/ok.json"
}

@test "malformed: every truncation of a valid record, in YAML, JSON and JSON Lines" {
	begin
	# bytes, so that a cut may split a character; "at", as bats' run
	# has an i of its own
	local text n at LC_ALL=C
	for fmt in yaml json; do
		text=$(cat "$T/ok.$fmt")
		n=${#text}
		# from one byte to all but the last (the last complete line is
		# the whole record); a cut inside the UTF-8 of the notes too
		for ((at = 1; at < n; at++)); do
			printf '%s' "${text:0:at}" > "$T/cut.$fmt"
			refused "$T/cut.$fmt"
		done
	done
	# JSON Lines: a good record, then the second cut at every 5th byte
	text=$(json_record)
	n=${#text}
	for ((at = 1; at < n; at += 5)); do
		{ json_record; printf '%s' "${text:0:at}"; } > "$T/cut.jsonl"
		refused "$T/cut.jsonl"
	done
	nothing_written
	echo "# $INPUTS inputs" >&3
	[ "$INPUTS" -ge 560 ]
}

@test "malformed: bytes that are not UTF-8, at each kind of position, at their line and column" {
	begin
	local bad=('\xff' '\xc3' '\xc3\x28' '\xed\xa0\x80' '\xf8\x88\x80\x80\x80' '\xc0\xaf' '\xe2\x82')
	for b in "${bad[@]}"; do
		# YAML: a key, a plain value (start, middle), a quoted one, a
		# comment, a flow list, a block scalar
		printf "kind: referral\nnot${b}es: x\n" > "$T/u1.yaml"
		printf "kind: referral\nnotes: ${b}x\n" > "$T/u2.yaml"
		printf "kind: referral\nnotes: ab${b}cd\n" > "$T/u3.yaml"
		printf "kind: referral\nnotes: \"ab${b}\"\n" > "$T/u4.yaml"
		printf "kind: referral\n# a comment ${b}\nnotes: x\n" > "$T/u5.yaml"
		printf "kind: referral\nneeds: [a, b${b}]\n" > "$T/u6.yaml"
		printf "kind: referral\nnotes: |\n  line\n  li${b}ne\n" > "$T/u7.yaml"
		# JSON: a key, a value, an escape's neighbour, a second line
		printf "{\"kind\":\"referral\",\"no${b}tes\":\"x\"}\n" > "$T/u1.json"
		printf "{\"kind\":\"referral\",\"notes\":\"${b}\"}\n" > "$T/u2.json"
		printf "{\"kind\":\"referral\",\"notes\":\"\\\\n${b}\"}\n" > "$T/u3.json"
		{ json_record; printf "{\"notes\":\"ab${b}\"}\n"; } > "$T/u4.json"
		for f in "$T"/u?.yaml "$T"/u?.json; do
			refused "$f"
			[[ "${stderr_lines[0]}" == *": not UTF-8"* ]] || { echo "${stderr_lines[0]}"; return 1; }
			# never the start of the file: the line and column of the byte
			[[ "${stderr_lines[0]}" != "wf-refer: $f:1:1: "* ]] || { echo "${stderr_lines[0]}"; return 1; }
		done
	done
	nothing_written
	echo "# $INPUTS inputs" >&3
	[ "$INPUTS" -ge 70 ]
}

@test "malformed: the wrong type in each field, named by its path" {
	begin
	local fields=(programme date referrer notes person.first_name person.last_name
	              person.tax_code person.birth_date person.employment_status
	              person.municipality person.gender person.certifications needs)
	for path in "${fields[@]}"; do
		for wrong in '{"a":1}' '[1,2]' 'true'; do
			# certifications take a list; needs a list of text
			case "$path:$wrong" in
			person.certifications:'[1,2]') wrong='[1]' ;;
			needs:'[1,2]') wrong='[{"a":1}]' ;;
			esac
			json_record | jq -c --argjson v "$wrong" "setpath(\"$path\" | split(\".\"); \$v)" > "$T/t.json"
			refused "$T/t.json" "$path*"
			# the same through the YAML reader (JSON is YAML's flow
			# style; the document marker sends it there)
			{ printf -- '--- '; cat "$T/t.json"; } > "$T/t.yaml"
			refused "$T/t.yaml" "$path*"
		done
	done
	nothing_written
	echo "# $INPUTS inputs" >&3
	[ "$INPUTS" -ge 78 ]
}

@test "malformed: values out of range and implausible, with the field" {
	begin
	# without the tax code, which would speak first of a birth date
	set_field() { json_record | jq -c --argjson v "$2" "del(.person.tax_code) | setpath(\"$1\" | split(\".\"); \$v)"; }
	local cases=(
		'date "2026-02-30"' 'date "2026-13-01"' 'date "0000-01-01"'
		'date "10000-01-01"' 'date "2026-11-23"' 'date "26-10-01"'
		'person.birth_date "2027-01-01"' 'person.birth_date "1998-4-12"'
		'person.tax_code "RSSMRC98D12L872X"' 'person.tax_code "RSSMRC98D12L87"'
		'person.employment_since "2026-10-02"'
		'person.certifications [{"kind":"law_68_1999","invalidity":"civil","invalidity_percent":0}]'
		'person.certifications [{"kind":"law_68_1999","invalidity":"civil","invalidity_percent":101}]'
		'person.certifications [{"kind":"law_68_1999","invalidity":"civil","invalidity_percent":1.5}]'
		'person.certifications [{"kind":"law_68_1999","invalidity":"civil","invalidity_percent":1e300}]'
		'person.certifications [{"kind":"law_68_1999","since":"9999-12-31"}]'
		'person.certifications [{"kind":"law_68_1999","invalidity_percent":60}]'
		'person.certifications [{"kind":"law_68"}]'
		'person.first_name ""' 'person.last_name "   "'
		'programme "no such programme"' 'referrer "nobody"'
		'person.employment_status "retired"'
	)
	for c in "${cases[@]}"; do
		set_field "${c%% *}" "${c#* }" > "$T/r.json"
		refused "$T/r.json" "${c%% *}*"
		{ printf -- '--- '; cat "$T/r.json"; } > "$T/r.yaml"
		refused "$T/r.yaml" "${c%% *}*"
	done
	nothing_written
	echo "# $INPUTS inputs" >&3
	[ "$INPUTS" -ge 46 ]
}

@test "malformed: control characters in one-line fields, in YAML and JSON" {
	begin
	local c hex
	for c in $(seq 1 31) 127; do
		[ "$c" = 10 ] && continue   # a line break ends a YAML line
		hex=$(printf '%02x' "$c")
		# JSON escapes every control character the same way
		json_record | sed "s/\"Rossi\"/\"Ro\\\\u00${hex}ssi\"/" > "$T/c.json"
		refused "$T/c.json" person.last_name
	done
	for c in 1 7 8 11 12 27 127; do
		printf "kind: referral\nprogramme: workflow-lomellina\ndate: 2026-10-01\nreferrer: caritas-vigevano\nperson:\n  first_name: \"Ma\\\\x%02xrco\"\n  last_name: Rossi\n  birth_date: 1998-04-12\n  employment_status: unemployed\n" "$c" > "$T/c.yaml"
		refused "$T/c.yaml" person.first_name
	done
	# a line break inside a one-line field, and a carriage return
	json_record | sed 's/"Rossi"/"Ro\\nssi"/' > "$T/n.json"
	refused "$T/n.json" person.last_name
	json_record | sed 's/"Marco"/"Ma\\rrco"/' > "$T/r.json"
	refused "$T/r.json" person.first_name
	nothing_written
	echo "# $INPUTS inputs" >&3
	[ "$INPUTS" -ge 40 ]
}

@test "malformed: empty and white-space files, and a bad record amid good ones" {
	begin
	local empty=('' ' ' '\n\n' '  \n \n' '---\n' '# only a comment\n' '[]' '[ ]\n' '---\n---\n')
	for x in "${empty[@]}"; do
		printf -- "$x" > "$T/e.yaml"
		refused "$T/e.yaml"
		[[ "${stderr_lines[0]}" == *"the file holds no records" ]] || { echo "${stderr_lines[0]}"; return 1; }
	done
	# a tab cannot start YAML, nor a document end a stream: refused as such
	printf '\t\n' > "$T/tab.yaml"
	refused "$T/tab.yaml"
	printf '...\n' > "$T/end.yaml"
	refused "$T/end.yaml"
	# standard input may be empty: nothing upstream is not an error
	run -0 wf-refer add < /dev/null
	# the third of five is bad: the first two are not kept either
	for fmt in yaml jsonl; do
		if [ "$fmt" = yaml ]; then
			{ for n in Uno Due; do referral "$n" Test 1990-01-01; done
			  referral Tre Test 1990-02-30
			  for n in Quattro Cinque; do referral "$n" Test 1990-01-01; done; } > "$T/s.yaml"
			refused "$T/s.yaml" person.birth_date
			[[ "${stderr_lines[0]}" == "wf-refer: $T/s.yaml:28:"* ]]
		else
			{ json_record; json_record | sed 's/Marco/Luca/; s/RSSMRC98D12L872O/VRDLCU98D12L872X/'; json_record | sed 's/Marco/Anna/; s/,"tax_code":"[A-Z0-9]*"//'; } > "$T/s.jsonl"
			refused "$T/s.jsonl" person.tax_code
			[[ "${stderr_lines[0]}" == "wf-refer: $T/s.jsonl:2:"* ]]
		fi
	done
	nothing_written
	echo "# $INPUTS inputs" >&3
	[ "$INPUTS" -ge 12 ]
}

@test "malformed: CRLF line ends and a byte-order mark are read as any file" {
	begin
	# these are not malformed: a file from a Windows spreadsheet reads
	yaml_record | sed 's/$/\r/' > "$T/crlf.yaml"
	{ printf '\xef\xbb\xbf'; yaml_record; } > "$T/bom.yaml"
	{ printf '\xef\xbb\xbf'; printf '[\r\n'; json_record | tr -d '\n'; printf '\r\n]\r\n'; } > "$T/bom.json"
	for f in crlf.yaml bom.yaml bom.json; do
		run -0 wf-refer add -n -q "$T/$f"
	done
	# but a carriage return inside a name is a control character
	yaml_record | sed 's/Rossi/"Ro\\rssi"/' > "$T/cr.yaml"
	refused "$T/cr.yaml" person.last_name
	nothing_written
}
