# helpers.bash - loaded by every suite. Puts the fresh build first on PATH,
# gives each test its own store, a fixed "today" and operator, and makes
# records to feed the commands.

bats_require_minimum_version 1.5.0
# assert_equal: a failure shows what was expected and what came
# (Debian's bats-support and bats-assert). Sourced file by file, as their
# load.bash would run dirname for each, for every test.
for _lib in bats-support/src/output.bash bats-support/src/error.bash \
    bats-support/src/lang.bash bats-assert/src/assert_equal.bash; do
	# shellcheck source=/dev/null
	source "/usr/lib/bats/$_lib"
done
unset _lib

# The schema version this build's stores are at (lib/schema.c): bumped
# here, once, with each migration.
SCHEMA=18

setup() {
	: "${WF_BUILD:?run the suites with 'make check'}"
	export PATH="$WF_BUILD/bin:$PATH"
	export WF_DB="$BATS_TEST_TMPDIR/store/wf.db"
	export WF_TODAY=2026-11-22
	export WF_OPERATOR=tester
	unset WF_FORMAT XDG_DATA_HOME WF_LANG LANGUAGE LC_ALL LC_MESSAGES
	# English, unless a test asks for Italian; the Italian locale is
	# the one 'make check' builds (LOCPATH), none need be installed.
	export LANG=C
	if [ -n "${WF_LOCPATH:-}" ]; then export LOCPATH="$WF_LOCPATH"; fi
	EX="$BATS_TEST_DIRNAME/../examples"
	T="$BATS_TEST_TMPDIR"
	# the engine the store is on, as wf store info names it
	ENGINE=sqlite
	# make check-pg (tests/pg-suite): the store is a database of its own
	# on the throwaway server, dropped after the test
	if [ -n "${WF_TEST_PG:-}" ]; then
		WF_PG_DB=t_$(printf '%s' "$BATS_TEST_TMPDIR" | md5sum | cut -c1-20)
		psql -X -q -d postgres -c "CREATE DATABASE $WF_PG_DB" >/dev/null
		export WF_DB="postgresql:///$WF_PG_DB"
		ENGINE=postgresql
		# what a test makes beside its store (the demo's page) lands in
		# its own folder, not in a folder named after the URI
		cd "$T" || return
	fi
}

teardown() {
	pg_drop
}

# pg_drop: the test's database dropped (make check-pg); a suite with a
# teardown of its own calls it.
pg_drop() {
	[ -z "${WF_PG_DB:-}" ] ||
		psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $WF_PG_DB WITH (FORCE)" >/dev/null
}

# sqlite_only WHY: a test of what only a store in a file has (its mode,
# its copy, SQLite itself), skipped on PostgreSQL with why.
sqlite_only() {
	[ -z "${WF_TEST_PG:-}" ] || skip "SQLite only: $1"
}

# cached FUNCTION [ARG...]: run a set-up once for the file and copy what
# it left for each test after: the store's folder, and what the set-up
# printed (printed again). Keyed by the set-up, its arguments and the
# environment the commands read, so that a test that changes them gets
# its own. For set-ups that leave nothing else behind (no variables, no
# files elsewhere).
cached() {
	local key dir store tmp
	store=$(dirname "$WF_DB")
	key=$(printf '%s\0' "$WF_TODAY" "$WF_OPERATOR" "${WF_LANG:-}" "$LANG" \
	      "${WF_DB##*/}" "$@" | md5sum)
	dir="$BATS_FILE_TMPDIR/cached-${key%% *}"
	if [ -n "${WF_PG_DB:-}" ]; then
		cached_pg "$dir" "$@"
		return
	fi
	if [ -d "$dir" ]; then
		# the files, not the folder's own mode: the test made it
		mkdir -p "$store"
		cp -p "$dir"/store/* "$store/"
		cat "$dir/out"
		return 0
	fi
	"$@" > "$T/cached.out" || return
	tmp=$(mktemp -d "$dir.XXXXXX")
	cp -a "$store" "$tmp/store"
	cp "$T/cached.out" "$tmp/out"
	# another test may have made it meanwhile: theirs is as good
	mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
	cat "$T/cached.out"
}

# cached_pg DIR FUNCTION [ARG...]: cached, on PostgreSQL: the set-up's
# database kept as a template the next test's is made from.
cached_pg() {
	local dir=$1 tmpl
	shift
	tmpl=c_$(printf '%s' "$dir" | md5sum | cut -c1-20)
	if [ -f "$dir/out" ]; then
		psql -X -q -d postgres -c "DROP DATABASE $WF_PG_DB" \
			-c "CREATE DATABASE $WF_PG_DB TEMPLATE $tmpl" >/dev/null || return
		cat "$dir/out"
		return 0
	fi
	"$@" > "$T/cached.out" || return
	psql -X -q -d postgres -c "CREATE DATABASE $tmpl TEMPLATE $WF_PG_DB" \
		>/dev/null || return
	mkdir -p "$dir"
	cp "$T/cached.out" "$dir/out"
	cat "$T/cached.out"
}

# last_line COMMAND [ARG...]: the last line COMMAND prints (a tsv's one
# value), failing when COMMAND does: a pipe into tail would hide that.
last_line() {
	local out
	out=$("$@") || return
	printf '%s\n' "${out##*$'\n'}"
}

# new_case: add the referral on standard input; print its case id.
new_case() {
	last_line wf-refer add -o tsv --fields id
}

# The two example programmes and the organisations of the seeds (two
# commands: cheaper run than copied).
seed() {
	wf programme load -q "$EX"/programmes/*.yaml
	wf org add -q "$EX"/organisations.yaml
}

# referral FIRST LAST BIRTH [key=value...]: one referral as a YAML
# document. Keys: programme, date, referrer, employment, tax, sex, since,
# cert (a certification kind), municipality, citizenship, and the
# funder's gender, education, disability, foreign_background, minority,
# homeless, rural.
referral() {
	local first=$1 last=$2 birth=$3
	shift 3
	local programme=workflow-lomellina date=2026-10-01 referrer=caritas-vigevano
	local employment=unemployed tax= sex= since= cert= municipality=Vigevano kv
	local gender= education= disability= citizenship= esf=
	for kv in "$@"; do
		case $kv in
		programme=*) programme=${kv#*=} ;;
		date=*) date=${kv#*=} ;;
		referrer=*) referrer=${kv#*=} ;;
		employment=*) employment=${kv#*=} ;;
		tax=*) tax=${kv#*=} ;;
		sex=*) sex=${kv#*=} ;;
		since=*) since=${kv#*=} ;;
		cert=*) cert=${kv#*=} ;;
		municipality=*) municipality=${kv#*=} ;;
		gender=*) gender=${kv#*=} ;;
		education=*) education=${kv#*=} ;;
		disability=*) disability=${kv#*=} ;;
		citizenship=*) citizenship=${kv#*=} ;;
		foreign_background=*|minority=*|homeless=*|rural=*)
			esf="$esf  ${kv%%=*}: ${kv#*=}"$'\n' ;;
		esac
	done
	echo "---"
	echo "programme: $programme"
	echo "date: $date"
	echo "referrer: $referrer"
	echo "person:"
	echo "  first_name: $first"
	echo "  last_name: $last"
	echo "  birth_date: $birth"
	[ -n "$tax" ] && echo "  tax_code: $tax"
	[ -n "$sex" ] && echo "  sex: $sex"
	echo "  municipality: $municipality"
	echo "  employment_status: $employment"
	[ -n "$since" ] && echo "  employment_since: $since"
	[ -n "$gender" ] && echo "  gender: $gender"
	[ -n "$education" ] && echo "  education: $education"
	[ -n "$disability" ] && echo "  disability: $disability"
	[ -n "$citizenship" ] && echo "  citizenship: $citizenship"
	[ -n "$esf" ] && printf '%s' "$esf"
	if [ -n "$cert" ]; then
		echo "  certifications:"
		echo "    - kind: $cert"
	fi
	return 0
}

# italian: the rest of the test runs in the Italian locale.
italian() {
	export LANG=it_IT.UTF-8
	unset LC_ALL LC_MESSAGES LANGUAGE WF_LANG
}

# sql QUERY: what the store holds, for assertions after a command.
# SEP: the columns' separator ('|' unless given).
sql() {
	if [ -n "${WF_PG_DB:-}" ]; then
		psql -X -q -At -F "${2:-|}" -v ON_ERROR_STOP=1 -d "$WF_PG_DB" -c "$1"
	else
		sqlite3 -batch -noheader -separator "${2:-|}" "$WF_DB" "$1"
	fi
}

# sql_refused QUERY: run QUERY behind the commands' back, as bats' run
# (status, output, stderr), expecting the store to refuse it: a broken
# constraint (sqlite3 exits 19; psql 1, with the server's ERROR).
sql_refused() {
	if [ -n "${WF_PG_DB:-}" ]; then
		run -1 --separate-stderr sql "$1"
	else
		run -19 --separate-stderr sql "$1"
	fi
}

# drop_trigger NAME TABLE: a guard removed behind the commands' back.
drop_trigger() {
	if [ -n "${WF_PG_DB:-}" ]; then
		sql "DROP TRIGGER $1 ON $2"
	else
		sql "DROP TRIGGER $1"
	fi
}

# tamper SQL: run SQL on the store with the trail's guards lifted, and put
# them back as they were, as someone with the file in hand could.
tamper() {
	local guards
	if [ -n "${WF_PG_DB:-}" ]; then
		# the guards are the table's triggers: off, and on again
		sql "ALTER TABLE audit DISABLE TRIGGER USER; $1; ALTER TABLE audit ENABLE TRIGGER USER"
		return
	fi
	guards=$(sql "SELECT group_concat(sql, ';') FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")
	sql "DROP TRIGGER audit_append_only_d; DROP TRIGGER audit_append_only_u; DROP TRIGGER audit_chained; $1; $guards"
}

# hold_write_lock: the store's write lock held from another connection
# for four seconds, in the background; returns once it is held.
hold_write_lock() {
	local i
	if [ -n "${WF_PG_DB:-}" ]; then
		# the advisory lock writers take, keyed by the application id
		psql -X -q -d "$WF_PG_DB" -c "SELECT pg_advisory_lock(1464224855)" \
			-c "SELECT pg_sleep(4)" >/dev/null &
		for i in $(seq 100); do
			# this database's: the suite's other tests take theirs
			[ "$(sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 0 ] || break
			sleep 0.05
		done
		return
	fi
	sqlite3 "$WF_DB" "BEGIN IMMEDIATE; SELECT 1; " ".shell sleep 4" "COMMIT;" >/dev/null &
	# wait until the lock is really held, however slow the machine
	for i in $(seq 100); do
		sqlite3 -cmd ".timeout 0" "$WF_DB" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null || break
		sleep 0.05
	done
}

# undo_17: take the store back to how schema 16 kept it, the data of
# the columns 17 (and 18) added lost, for tests of its migration.
undo_17() {
	sql "DROP VIEW audit_head; DROP VIEW case_holder; DROP TABLE org_grant;
	     ALTER TABLE programme DROP COLUMN service_id;
	     DROP INDEX person_same_as;
	     ALTER TABLE person DROP COLUMN citizenship_as_written;
	     ALTER TABLE person DROP COLUMN name_letters;
	     ALTER TABLE person DROP COLUMN same_as;
	     ALTER TABLE referral DROP COLUMN foreign_background;
	     ALTER TABLE referral DROP COLUMN minority;
	     ALTER TABLE referral DROP COLUMN homeless;
	     ALTER TABLE referral DROP COLUMN rural;
	     ALTER TABLE person_duplicate DROP COLUMN decision;
	     ALTER TABLE person_duplicate DROP COLUMN decided_on;
	     ALTER TABLE person_duplicate DROP COLUMN note;
	     ALTER TABLE person_duplicate DROP COLUMN recorded_at;
	     ALTER TABLE person_duplicate DROP COLUMN operator;
	     PRAGMA user_version = 16"
}

# A screened case of the SIL (2026-0005, Paolo Gritti) from the examples,
# ready to be assessed.
screened_sil() {
	cached screened_sil_store
}
screened_sil_store() {
	seed
	wf-refer add -q "$EX/referrals.yaml"
	wf-refer screen -q 2026-0005 --date 2026-11-05
}

# session CASE DATE [TYPE]: a minimal session record.
session() {
	printf -- '---\nkind: session\ncase: %s\ndate: %s\ntype: %s\nassessor: mestieri-lombardia\n' \
	    "$1" "$2" "${3:-interview}"
}

# to_plan FIRST PROGRAMME DATE KIND [key=value...]: a case of PROGRAMME
# referred on DATE (keys as in referral()), screened, assessed, found
# eligible and given a plan with an action of KIND, on each of the four
# days after; prints its id.
to_plan() {
	local first=$1 programme=$2 day=$3 kind=$4 id
	shift 4
	after() { date -d "$day +$1 days" +%F; }
	id=$(referral "$first" Test 1995-01-01 programme="$programme" date="$day" "$@" |
	     new_case)
	wf-refer screen -q "$id" --date "$(after 1)"
	session "$id" "$(after 2)" | wf-assess add -q
	wf-assess decide -q "$id" --eligible --date "$(after 3)"
	printf 'case: %s\nagreed_on: %s\ngoals: [{id: g1, description: work, outcome: hired, target_date: 2027-12-31}]\nactions: [{kind: %s, provider: coop-s-ambrogio, start: %s, end: %s, goal: g1}]\n' \
	    "$id" "$(after 4)" "$kind" "$(after 30)" "$(after 210)" | wf-assess plan -q
	echo "$id"
}

# planned FIRST [cert]: a case of the lombardia-test programme taken to
# 'planned' (referral 2026-09-01, screened, assessed, eligible, a plan
# with an internship); prints its id.
planned() {
	to_plan "$1" lombardia-test 2026-09-01 internship ${2:+cert=$2}
}

# Load the test programme with Lombardy's rules, and hosts of the sizes
# at the capacity boundaries.
lombardia() {
	cached lombardia_store
}
lombardia_store() {
	seed
	wf programme load -q "$BATS_TEST_DIRNAME/fixtures/lombardia.yaml"
	wf org add -q --id host5 --name "Five" --role host --employees 5
	wf org add -q --id host20 --name "Twenty" --role host --employees 20
	wf org add -q --id host30 --name "Thirty" --role host --employees 30
	wf org add -q --id nocount --name "No count" --role host
}

# place CASE [flag...]: an internship at host30 from 2026-10-01 to
# 2027-03-31, 30 hours, 500 euros, unless flags say otherwise.
place() {
	local id=$1 opt given=" $* " defaults=()
	shift
	# the defaults the arguments do not give (an option is given once)
	for opt in "--kind internship" "--host host30" "--start 2026-10-01" \
	    "--end 2027-03-31" "--hours 30" "--stipend 500"; do
		[[ $given == *" ${opt%% *} "* ]] || defaults+=($opt)
	done
	wf-place add --case "$id" "${defaults[@]}" "$@"
}

# adds_up FIRST LAST: every additive figure of the period reports (counts
# of what happened on a day, not states on the last day, medians or
# shares) is the same for the range from month FIRST to month LAST
# (YYYY-MM) as the sum of its months. Prints the figures that differ, as
# "section.item range sum", and fails when any does.
adds_up() {
	local m=$1 last=$2 to
	to=$(date -d "$last-01 +1 month -1 day" +%F)
	wf-report range --from "$1-01" --to "$to" -o tsv --fields id,value > "$T/range.tsv" || return
	: > "$T/months.tsv"
	while [[ ! "$m" > "$last" ]]; do
		wf-report monthly --month "$m" -o tsv --fields id,value >> "$T/months.tsv" || return
		m=$(date -d "$m-01 +1 month" +%Y-%m)
	done
	awk -F '\t' '
		$1 == "id" || $1 ~ /^(assessment\.cases_assessed|placements\.active_on_last_day\.|monitoring\.high_risk_cases|monitoring\.on_time_percent|caseload\.|median_days\.)/ { next }
		FNR == NR { range[$1] = $2; next }
		{ sum[$1] += $2 }
		END {
			for (k in sum) if (!(k in range)) range[k] = 0
			for (k in range) if (range[k] != sum[k] + 0) { print k, range[k], sum[k] + 0; bad = 1 }
			exit bad
		}' "$T/range.tsv" "$T/months.tsv"
}
