#!/usr/bin/env bats
# What every command does the same way: help, version, bad options, output
# formats, standard input, exit codes.

load helpers

@test "every command: --help prints the usage on stdout, exit 0" {
	for c in wf wf-refer wf-assess wf-place wf-monitor wf-report; do
		run --separate-stderr "$c" --help
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "usage: $c <command> [options] [args]" ]]
		[ -z "$stderr" ]
	done
}

@test "every subcommand: --help lists its options" {
	run --separate-stderr wf-refer add --help
	[ "$status" -eq 0 ]
	assert_equal "${lines[0]}" "usage: wf-refer add [options] [FILE...]"
	[[ "$output" == *"--keep-going"* ]]
	[[ "$output" == *"-n, --dry-run"* ]]
	run --separate-stderr wf programme load -h
	[ "$status" -eq 0 ]
	assert_equal "${lines[0]}" "usage: wf programme load [options] [FILE...]"
	assert_equal "${lines[-1]}" "See wf(1)."
}

@test "every command: --version and -V" {
	run wf --version
	[ "$status" -eq 0 ]
	# git describe's (a tag, commits since, the commit, -dirty), else
	# the VERSION file's
	[[ "$output" =~ ^wf\ \(workflow\)\ [0-9]+\.[0-9]+\.[0-9]+(-[0-9]+)?(-g[0-9a-f]+)?(-dirty)?$ ]]
	[[ "$output" == "wf (workflow) $(cat "$BATS_TEST_DIRNAME/../VERSION")"* ]]
	run wf-refer -V
	[[ "$output" =~ ^wf-refer\ \(workflow\)\ [0-9] ]]
}

@test "unknown option -> exit 64, one line and a pointer to --help" {
	run -64 --separate-stderr wf-refer list --stauts referred
	assert_equal "${stderr_lines[0]}" "wf-refer: unknown option '--stauts' (did you mean '--status'?)"
	assert_equal "${stderr_lines[1]}" "see 'wf-refer list --help'"
	[ -z "$output" ]
}

@test "unknown command -> exit 64 with the nearest one" {
	run -64 --separate-stderr wf-refer scren 2026-0001
	assert_equal "${stderr_lines[0]}" "wf-refer: unknown command 'scren' (did you mean 'screen'?)"
	run -64 --separate-stderr wf
	[[ "$stderr" == *"missing command"* ]]
}

@test "option needing a value, and a flag given one -> exit 64" {
	run -64 --separate-stderr wf-refer list --status
	assert_equal "${stderr_lines[0]}" "wf-refer: option '--status' needs STATUS"
	run -64 --separate-stderr wf-refer list --quiet=yes
	assert_equal "${stderr_lines[0]}" "wf-refer: option '--quiet' takes no value"
}

@test "--opt=value, --opt value, -ovalue and grouped flags all parse" {
	seed
	referral Marco Rossi 1998-04-12 > "$T/r.yaml"
	run -0 wf-refer add -nq "$T/r.yaml"
	[ -z "$output" ]
	run -0 wf-refer add "$T/r.yaml" -ojson
	[[ "$output" == '{"kind":"case","id":"2026-0001"'* ]]
	run -0 wf-refer list --output=tsv --fields=id,status
	assert_equal "$output" $'id\tstatus\n2026-0001\treferred'
}

@test "an option with a value is given once, in every command; a flag may repeat" {
	seed
	run -64 --separate-stderr wf org add --id x --name X --role assessor --role provider
	assert_equal "${stderr_lines[0]}" "wf: --role given twice ('assessor', 'provider'): give it once, the values comma-separated"
	run -64 --separate-stderr wf-refer list -o json --output=tsv
	assert_equal "${stderr_lines[0]}" "wf-refer: --output given twice ('json', 'tsv'): give it once"
	run -64 --separate-stderr wf-report monthly --month 2026-10 --month 2026-11
	assert_equal "${stderr_lines[0]}" "wf-report: --month given twice ('2026-10', '2026-11'): give it once"
	run -0 wf org add --id x --name X --role assessor,provider -q -q
	[ "$(sql "SELECT group_concat(role) FROM (SELECT role FROM organisation_role r JOIN organisation o ON o.id = r.organisation_id WHERE o.code = 'x' ORDER BY role) AS roles")" = "assessor,provider" ]
}

@test "-- ends the options" {
	seed
	referral Marco Rossi 1998-04-12 > "$T/-r.yaml"
	cd "$T"
	run -0 wf-refer add -o tsv --fields id -- -r.yaml
	assert_equal "${lines[1]}" "2026-0001"
}

@test "output: JSON Lines off a terminal by default, WF_FORMAT and -o choose" {
	seed
	run -0 wf org list --role host
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[0]}" == '{"kind":"organisation","id":"coop-aironi",'* ]]
	WF_FORMAT=tsv run -0 wf org list --role host --fields id,employees
	assert_equal "$output" $'id\temployees\ncoop-aironi\t9\ncoop-betania\t18\ncoop-s-ambrogio\t42'
	WF_FORMAT=tsv run -0 wf org list --role host --fields id -o csv
	assert_equal "${lines[1]}" "coop-aironi"
}

@test "a bad WF_FORMAT -> exit 78; a bad -o -> exit 64" {
	seed
	WF_FORMAT=xml run -78 --separate-stderr wf org list
	assert_equal "$stderr" "wf: WF_FORMAT: unknown format 'xml' (one of: yaml, json, csv, tsv, table, md, html)"
	run -64 --separate-stderr wf org list -o xml
	assert_equal "${stderr_lines[0]}" "wf: --output: 'xml' is not one of: yaml, json, csv, tsv, table, md, html (did you mean 'yaml'?)"
}

@test "every output format, same fields in the same order" {
	seed
	run -0 wf org show coop-betania -o yaml
	assert_equal "$output" $'---\nkind: organisation\nid: coop-betania\nname: Cooperativa Betania\nroles: [host]\nemployees: 18'
	run -0 wf org show coop-betania -o json
	assert_equal "$output" '{"kind":"organisation","id":"coop-betania","name":"Cooperativa Betania","roles":["host"],"employees":18}'
	run -0 wf org show coop-betania caritas-vigevano -o csv --fields id,name,roles
	assert_equal "$output" $'id,name,roles\ncoop-betania,Cooperativa Betania,host\ncaritas-vigevano,Caritas Diocesana di Vigevano,provider; referrer'
	run -0 wf org show coop-betania caritas-vigevano -o table --fields id,roles,employees
	assert_equal "${lines[0]}" "ID                ROLES               EMPLOYEES"
	assert_equal "${lines[1]}" "coop-betania      host                18"
	assert_equal "${lines[2]}" "caritas-vigevano  provider; referrer  "
}

@test "md: a Markdown table, pipes escaped" {
	seed
	wf org add -q --id x --name 'Coop | Rete' --role host --employees 3
	run -0 wf org show x coop-aironi -o md --fields id,name,employees
	assert_equal "$output" $'| id | name | employees |\n| --- | --- | --- |\n| x | Coop \\| Rete | 3 |\n| coop-aironi | Cooperativa Gli Aironi | 9 |'
}

@test "csv quotes what needs quoting; tsv flattens tabs and line breaks" {
	seed
	wf org add -q --id x --name 'Coop "La Rete", Pavia' --role host
	run -0 wf org show x -o csv --fields id,name
	assert_equal "${lines[1]}" 'x,"Coop ""La Rete"", Pavia"'
	printf 'id: y\nname: Y\nnotes: "two\\tparts\\nand lines"\nroles: host\n' > "$T/o.yaml"
	wf org add -q "$T/o.yaml"
	run -0 wf org show y -o tsv --fields id,notes
	assert_equal "${lines[1]}" $'y\ttwo parts and lines'
}

@test "output: a table shows line breaks escaped; CSV keeps a formula from a spreadsheet" {
	seed
	printf 'id: y\nname: "=HYPERLINK(\\"http://x\\")"\nnotes: "two\\tparts\\nand lines"\nroles: host\n' > "$T/o.yaml"
	wf org add -q "$T/o.yaml"
	run -0 wf org show y -o table --fields id,notes
	assert_equal "$output" $'ID  NOTES\ny   two\\tparts\\nand lines'
	run -0 wf org show y -o csv --fields id,name
	assert_equal "${lines[1]}" "y,\"'=HYPERLINK(\"\"http://x\"\")\""
	run -0 wf org show y -o tsv --fields id,name
	assert_equal "${lines[1]}" $'y\t=HYPERLINK("http://x")'
	# numbers are not formulas
	wf org add -q --id n --name N --role host --employees 5
	run -0 wf org show n -o csv --fields id,employees
	assert_equal "${lines[1]}" "n,5"
}

@test "text: control characters and line breaks refused in one-line fields, blanks and lengths too" {
	seed
	printf 'id: y\nname: "Anna\\nMaria"\nroles: host\n' > "$T/o.yaml"
	run -65 --separate-stderr wf org add "$T/o.yaml"
	assert_equal "$stderr" "wf: $T/o.yaml:2:1: name: a line break in a one-line field"
	printf 'id: y\nname: "A\\e[2Jb"\nroles: host\n' > "$T/o.yaml"
	run -65 --separate-stderr wf org add "$T/o.yaml"
	assert_equal "$stderr" "wf: $T/o.yaml:2:1: name: a control character"
	referral Marco Rossi 1998-04-12 | sed 's/first_name: Marco/first_name: "   "/' > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	assert_equal "$stderr" "wf-refer: $T/r.yaml:6:3: person.first_name: is blank"
	referral "$(printf 'a%.0s' {1..257})" Rossi 1998-04-12 > "$T/r.yaml"
	run -65 --separate-stderr wf-refer add "$T/r.yaml"
	assert_equal "$stderr" "wf-refer: $T/r.yaml:6:3: person.first_name: longer than 256 bytes"
	printf '{"id":"z","name":"Z","roles":"host","employees":1e300}\n' > "$T/o.json"
	run -65 --separate-stderr wf org add "$T/o.json"
	[[ "$stderr" == *"employees: expected a whole number" ]]
	[ "$(sql 'SELECT count(*) FROM referral') $(sql "SELECT count(*) FROM organisation WHERE code IN ('y', 'z')")" = "0 0" ]
}

@test "--fields keeps the nesting in YAML and JSON" {
	seed
	referral Marco Rossi 1998-04-12 | wf-refer add -q
	run -0 wf-refer show 2026-0001 -o json --fields id,person.last_name,status
	assert_equal "$output" '{"id":"2026-0001","person":{"last_name":"Rossi"},"status":"referred"}'
}

@test "'-' reads standard input; a missing file -> exit 66" {
	seed
	run -0 bash -c "referral() { :; }; wf-refer add -o tsv --fields id - < <(printf 'programme: workflow-lomellina\ndate: 2026-10-01\nreferrer: caritas-vigevano\nperson: {first_name: A, last_name: B, birth_date: 2000-01-01, employment_status: unemployed}\n')"
	assert_equal "${lines[1]}" "2026-0001"
	run -66 --separate-stderr wf-refer add "$T/nope.yaml"
	assert_equal "$stderr" "wf-refer: cannot open '$T/nope.yaml': No such file or directory"
}

@test "a full disk is an error: exit 74" {
	seed
	run -74 --separate-stderr bash -c 'wf org list -o json > /dev/full'
	[[ "$stderr" == *"cannot write output"* ]]
}

@test "-q prints nothing; the exit status tells" {
	seed
	run -0 wf org list -q
	[ -z "$output" ]
	run -1 --separate-stderr wf-refer list -q
	[ -z "$output" ]
	[ -z "$stderr" ]
}

@test "nothing matched -> exit 1, as grep" {
	seed
	run -1 --separate-stderr wf-refer list --status screened
	[ -z "$output" ]
	assert_equal "$stderr" "wf-refer: no cases match"
}

@test "--complete lists subcommands, options and option values" {
	run -0 wf-refer --complete
	assert_equal "$output" $'add\nscreen\nwithdraw\nlist\nshow'
	run -0 wf-refer --complete list
	[[ "$output" == *$'\n--status\n'* ]]
	[[ "$output" == *"--help"* ]]
	run -0 wf-refer --complete list --programme x --status
	assert_equal "${lines[0]}" "referred"
	run -0 wf-refer --complete list --status referred
	[[ "$output" == *$'\n--since\n'* ]]
	run -0 wf --complete programme
	assert_equal "$output" $'load\nlist\nshow\ncheck'
	run -0 wf --complete org add --role
	assert_equal "$output" $'referrer\nhost\nassessor\nprovider\nfunder'
}

@test "bash completion: subcommands, options, values, and wf STEP as wf-STEP" {
	source "$BATS_TEST_DIRNAME/../completions/wf.bash"
	comp() {
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_wf_complete
		echo "${COMPREPLY[*]}"
	}
	assert_equal "$(comp wf pro)" "programme"
	assert_equal "$(comp wf programme '')" "load list show check"
	assert_equal "$(comp wf refer '')" "add screen withdraw list show"
	assert_equal "$(comp wf-refer list --sta)" "--status"
	assert_equal "$(comp wf refer list --status s)" "screened"
	assert_equal "$(comp wf-refer list --status = re)" "referred rejected"
	assert_equal "$(comp wf assess '')" "add decide plan show list skills"
	assert_equal "$(comp wf-assess list --decision '')" "eligible ineligible deferred"
	assert_equal "$(comp wf place end --outcome '')" "completed interrupted hired"
	assert_equal "$(comp wf case '')" "show close reopen assign stale"
	assert_equal "$(comp wf monitor log --with f)" "family"
}

@test "a command that wants piped input says so when it finds a terminal" {
	command -v script >/dev/null || skip "script(1) is not installed"
	seed
	run -64 script -qec "wf-refer add" /dev/null
	[[ "$output" == *"wf-refer: no input: give [FILE...] or pipe records in (see 'wf-refer add --help')"* ]]
}

@test "zsh completion: the same words, files for operands" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	cat > "$T/drive.zsh" <<-'ZSH'
		compadd() { shift; print -r -- "${(P)1}"; }
		_files() { print -r -- "<files>"; }
		_wf() { :; }
		source "$1"
		t() { words=("${@}"); CURRENT=${#words}; _wf; }
		t wf programme ''
		t wf refer list --status ''
		t wf-refer add --ke
		t wf-refer add ''
	ZSH
	run -0 zsh "$T/drive.zsh" "$BATS_TEST_DIRNAME/../completions/_wf"
	assert_equal "${lines[0]}" "<files>"
	assert_equal "${lines[1]}" "load list show check"
	[[ "${lines[2]}" == "referred screened rejected "* ]]
	[[ "${lines[3]}" == "--help --db --output --fields --quiet --dry-run --keep-going" ]]
	assert_equal "${lines[4]}" "<files>"
}

@test "fish completion: the same words, paths for operands" {
	command -v fish >/dev/null || skip "fish is not installed"
	cd "$T"
	touch referrals.yaml
	run -0 fish -c "source $BATS_TEST_DIRNAME/../completions/wf.fish
		complete -C 'wf programme '; echo =
		complete -C 'wf refer list --status sc'; echo =
		complete -C 'wf-refer add --kee'; echo =
		complete -C 'wf-refer add ref'"
	assert_equal "$output" $'check\nlist\nload\nshow\n=\nscreened\n=\n--keep-going\n=\nreferrals.yaml'
}

@test "option values are typed in the tables: one message, exit 64, for every command" {
	seed
	local before
	before=$(sql "SELECT count(*) FROM audit")
	check() { # expected-message command...
		local want=$1; shift
		run -64 --separate-stderr "$@"
		[ "${stderr_lines[0]}" = "$want" ] || { echo "got: ${stderr_lines[0]}"; return 1; }
	}
	check "wf: --role: 'bogus' is not one of: referrer, host, assessor, provider, funder" wf org list --role bogus
	check "wf-monitor: --with: 'bogus' is not one of: person, tutor, family, referrer, employer" wf-monitor list --with bogus
	check "wf-place: --kind: 'bogus' is not one of: work_grant, internship, occupational_lab, motivational_lab, hire" wf-place list --kind bogus
	check "wf-assess: --decision: 'bogus' is not one of: eligible, ineligible, deferred" wf-assess list --decision bogus
	check "wf-monitor: --level: 'bogus' is not one of: low, medium, high" wf-monitor risks --level bogus
	check "wf-refer: --since: '2026-02-30' is not a date (YYYY-MM-DD)" wf-refer list --since 2026-02-30
	check "wf-report: --month: '2026-13' is not a month (YYYY-MM)" wf-report monthly --month 2026-13
	check "wf-report: --min-cell: '1' is not a whole number in 2..1000" wf-report monthly --month 2026-10 --min-cell 1
	check "wf-report: --min-cell: '5x' is not a whole number in 2..1000" wf-report range --from 2026-01-01 --to 2026-10-31 --min-cell 5x
	check "wf-monitor: --within: '-3' is not a number of days (7 or 7d) in 0..3660" wf-monitor due --within -3
	check "wf-report: --programme: 'a b' is not a code: 1 to 64 letters, digits, '-', '_' or '.', from a letter or digit" wf-report funnel --programme 'a b'
	check "wf-report: --on: 'today' is not a date (YYYY-MM-DD)" wf-report caseload --on today
	check "wf: --purpose: 'sharing' is not one of: information_notice, share_final_report, share_with_host, family_involvement" wf consent give 2026-0001 --purpose sharing
	# the tables say which subcommands take no operands
	check "wf-monitor: due takes no operands: 'x'" wf-monitor due x
	check "wf: retention takes no operands: 'x'" wf retention x
	check "wf: store check takes no operands: 'x'" wf store check x
	# nothing was written by any of them, not even a read
	[ "$(sql "SELECT count(*) FROM audit")" = "$before" ]
	# --help still answers whatever the values
	run -0 wf-report monthly --month nope --help
	[[ "$output" == usage:* ]]
}

@test "the build's bin holds the programs and nothing else" {
	run -0 ls "$WF_BUILD/bin"
	assert_equal "$output" $'wf\nwf-assess\nwf-monitor\nwf-place\nwf-refer\nwf-report'
}

@test "only the store's engines include a database's header: make fails otherwise" {
	src="$BATS_TEST_DIRNAME/.."
	mkdir -p "$T/tree"
	cp -r "$src/Makefile" "$src/lib" "$src/cmd" "$T/tree/"
	run -0 make -s -C "$T/tree" engine-headers
	printf '#include <stdio.h>\n#include "sqlite3.h"\n' > "$T/tree/lib/reportx.c"
	printf '  #  include <libpq-fe.h>\n' > "$T/tree/cmd/wf-x.c"
	run make -s -C "$T/tree" engine-headers
	[ "$status" -ne 0 ]
	[[ "$output" == *"only lib/store/sqlite/ and lib/store/pg/ may include an engine's header:"* ]]
	[[ "$output" == *lib/reportx.c* ]]
	[[ "$output" == *cmd/wf-x.c* ]]
	# inside an engine's folder it is what the engine is for
	rm "$T/tree/lib/reportx.c" "$T/tree/cmd/wf-x.c"
	mkdir -p "$T/tree/lib/store/pg"
	printf '#include <libpq-fe.h>\n' > "$T/tree/lib/store/pg/engine.c"
	run -0 make -s -C "$T/tree" engine-headers
}

@test "no file of lib/ calls a layer above its own; the check names one that does" {
	cd "$BATS_TEST_DIRNAME/.."
	run -0 tools/layers.sh "$WF_BUILD"
	assert_equal "$output" ""
	# a tree where a base file calls the command line's layer, and the
	# command line calls base, as it may
	mkdir -p "$T/tree/lib/base" "$T/tree/lib/cli" "$T/tree/b"
	printf 'void cli_fn(void);\nvoid base_fn(void);\nvoid base_fn(void) { cli_fn(); }\n' > "$T/tree/lib/base/low.c"
	printf 'void base_fn(void);\nvoid cli_fn(void);\nvoid cli_fn(void) { base_fn(); }\n' > "$T/tree/lib/cli/high.c"
	cc -c -o "$T/tree/b/low.o" "$T/tree/lib/base/low.c"
	cc -c -o "$T/tree/b/high.o" "$T/tree/lib/cli/high.c"
	ar rcs "$T/tree/b/libwf.a" "$T/tree/b/low.o" "$T/tree/b/high.o"
	cd "$T/tree"
	run -1 "$BATS_TEST_DIRNAME/../tools/layers.sh" b
	assert_equal "$output" "lib/base/low.c: cli_fn (cli)"
}
