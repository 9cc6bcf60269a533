#!/usr/bin/env bats
# Italian for the people who use workflow: every message is in the
# catalogue and translated, the locale or WF_LANG picks the language, the
# human forms speak it, and no record changes with it.

load helpers

ROOT="$BATS_TEST_DIRNAME/.."

# The full history of the demo: every step of the path.
demo_store() {
	cached demo_store_run
}
demo_store_run() {
	DEMO_DB="$WF_DB" sh "$EX/demo.sh" >/dev/null
}

@test "i18n: the Italian catalogue translates every message, none fuzzy" {
	run -0 msgfmt --check --statistics -o /dev/null "$ROOT/po/it.po"
	[[ "$output" =~ ^[0-9]+\ translated\ messages\.$ ]]
}

@test "i18n: every message the code marks is in the catalogue, and the code marks every message" {
	# the messages of the code now, as 'make po' extracts them
	make -s -C "$ROOT" POT="$T/workflow.pot" "$T/workflow.pot" 2>/dev/null
	run -0 msgcmp "$ROOT/po/it.po" "$T/workflow.pot"
	# text that reads as a message but goes through no marker
	run -0 "$BATS_TEST_DIRNAME/i18n-unmarked.sh" "$T/workflow.pot"
	assert_equal "$output" ""
}

@test "i18n: the check finds a message left unmarked" {
	mkdir -p "$T/src/lib"
	printf '#include "wf.h"\nint f(struct wf_err *e);\nint f(struct wf_err *e)\n{\n\tputs("this message was left unmarked");\n\treturn wf_err_set(e, 65, "a marked message");\n}\n' > "$T/src/lib/x.c"
	xgettext -o "$T/x.pot" -k_ -kwf_err_set:3 "$T/src/lib/x.c"
	run -1 "$BATS_TEST_DIRNAME/i18n-unmarked.sh" "$T/x.pot" "$T/src/lib/x.c"
	assert_equal "$output" "$T/src/lib/x.c:5: this message was left unmarked"
}

@test "i18n: the locale picks the language; WF_LANG overrides it; C is English" {
	run -64 --separate-stderr wf-refer list --status bogus
	assert_equal "${stderr_lines[0]}" "wf-refer: --status: 'bogus' is not one of: referred, screened, rejected, withdrawn, assessing, eligible, ineligible, planned, placed, closed"
	italian
	run -64 --separate-stderr wf-refer list --status bogus
	assert_equal "${stderr_lines[0]}" "wf-refer: --status: 'bogus' non è uno tra: referred, screened, rejected, withdrawn, assessing, eligible, ineligible, planned, placed, closed"
	assert_equal "${stderr_lines[1]}" "vedere 'wf-refer list --help'"
	WF_LANG=en run -64 --separate-stderr wf-refer list --status bogus
	assert_equal "${stderr_lines[1]}" "see 'wf-refer list --help'"
	LANG=C LANGUAGE= WF_LANG=it run -0 wf-refer --help
	assert_equal "${lines[0]}" "uso: wf-refer <comando> [opzioni] [argomenti]"
	LC_ALL=C LANGUAGE=it run -0 wf-refer --help
	assert_equal "${lines[0]}" "usage: wf-refer <command> [options] [args]"
	WF_LANG=fr run -78 --separate-stderr wf-refer list
	assert_equal "$stderr" "wf-refer: WF_LANG: 'fr' is not one of: en, it"
}

@test "i18n: --help of every command and subcommand is in Italian" {
	italian
	for c in wf wf-refer wf-assess wf-place wf-monitor wf-report; do
		run -0 "$c" --help
		[[ "${lines[0]}" == "uso: $c <comando> [opzioni] [argomenti]" ]]
		[[ "$output" == *$'\ncomandi:\n'* ]]
		for sub in $("$c" --complete); do
			run -0 "$c" "$sub" --help
			[[ "$output" == *$'opzioni:\n'* ]] || [[ "$output" == *$'comandi:\n'* ]]
			[[ "$output" == *"mostra questo aiuto ed esce"* ]] || [[ "$output" == *"comandi:"* ]]
		done
	done
}

@test "i18n: every report's record forms are the same in English and in Italian" {
	demo_store
	local forms="json yaml csv tsv" cmd f
	for cmd in "wf-report monthly --month 2026-11" \
		"wf-report range --from 2026-01-01 --to 2026-12-31" \
		"wf-report indicators --from 2026-01-01 --to 2026-12-31" \
		"wf-report funnel" "wf-report caseload" "wf-report case 2026-0005" \
		"wf-report case 2026-0003" "wf-refer show 2026-0003" \
		"wf-refer list" "wf-place list" "wf-monitor due --within 30d" \
		"wf programme check sil-bergamo $EX/referrals.yaml"; do
		for f in $forms; do
			LANG=C run $cmd -o "$f"
			local en=$output en_status=$status
			LANG=it_IT.UTF-8 run $cmd -o "$f"
			assert_equal "$status" "$en_status"
			[ "$output" = "$en" ] || { echo "differs: $cmd -o $f"; return 1; }
		done
	done
}

@test "i18n: the human forms show labels, names and Italian dates" {
	demo_store
	italian
	run -0 wf-refer list -o table --fields id,status,date,referrer
	assert_equal "${lines[0]}" "ID         STATO     DATA        SERVIZIO INVIANTE"
	assert_equal "${lines[3]}" "2026-0003  respinto  02/10/2026  Comune di Vigevano - Servizi Sociali e SIL"
	run -0 wf-report case 2026-0005
	assert_equal "${lines[0]}" "# Relazione finale del percorso: caso 2026-0005"
	assert_equal "${lines[3]}" "- **Servizio inviante**: Servizio Sociale di Dalmine, il 08/10/2026"
	[[ "$output" == *"## Progetto individuale"* ]]
	[[ "$output" == *"## Piano di intervento (versione 1, concordato il 20/11/2026)"* ]]
	[[ "$output" == *"| tirocinio extracurricolare |"* ]]
	[[ "$output" == *"unità di valutazione multiprofessionale"* ]]
	[[ "$output" != *"evaluation_unit"* ]]
	run -0 wf-report case 2026-0003
	[[ "$output" == *"- **Motivo**: "*" non è "* ]]
	WF_LANG=en run -0 wf-report case 2026-0005
	assert_equal "${lines[0]}" "# Final report of the path: case 2026-0005"
	[[ "$output" == *"| extracurricular internship |"* ]]
}

# Each refusal in both languages: the same exit status, and the Italian
# message one the catalogue makes (not the English one left as it was).
@test "i18n: refusals say in Italian what they say in English, with the same exit status" {
	demo_store
	"$BATS_TEST_DIRNAME/i18n-patterns.sh" "$ROOT/po/it.po" > "$T/patterns"
	printf 'kind: referral\nnotes: "ab\377c"\n' > "$T/utf8.yaml"
	printf '{"kind":"referral","a":1,"a":2}\n' > "$T/dup.json"
	printf '{"kind":"referral","programme":"workflow-lomellina"' > "$T/cut.json"
	: > "$T/empty.yaml"
	referral Ada Neri 1990-02-30 > "$T/baddate.yaml"
	referral Ada Neri 1990-01-01 tax=RSSMRC98D12L872X > "$T/badtax.yaml"
	referral Ada Neri 1990-01-01 programme=nope > "$T/badprog.yaml"
	local n=0 cmd
	while IFS= read -r cmd; do
		LANG=C run --separate-stderr sh -c "$cmd"
		local en_status=$status en=${stderr_lines[0]:-}
		LANG=it_IT.UTF-8 run --separate-stderr sh -c "$cmd"
		[ "$status" = "$en_status" ] || { echo "$cmd: $status, not $en_status"; return 1; }
		[ "$status" -ne 0 ] || { echo "$cmd: not refused"; return 1; }
		[ "${stderr_lines[0]}" != "$en" ] || { echo "$cmd: not translated: $en"; return 1; }
		printf '%s\n' "${stderr_lines[0]}" | grep -qEf "$T/patterns" ||
			{ echo "$cmd: not from the catalogue: ${stderr_lines[0]}"; return 1; }
		n=$((n + 1))
	done <<-EOF
		wf-refer add "$T/utf8.yaml"
		wf-refer add "$T/dup.json"
		wf-refer add "$T/cut.json"
		wf-refer add "$T/empty.yaml"
		wf-refer add "$T/baddate.yaml"
		wf-refer add "$T/badtax.yaml"
		wf-refer add "$T/badprog.yaml"
		wf-refer add "$T/missing.yaml"
		wf-place list --kind bogus
		wf-report monthly --month 2026-13
		wf-report monthly
		wf-refer screen 2026-9999
		wf-refer screen 2026-0005
		wf-refer withdraw 2026-0001
		wf-refer list --name %%%
		wf amend --kind contact --id 999 --set with=tutor --reason x
		wf-assess decide 2026-0001
		wf-place end 2026-0005.9
		wf-monitor log 2026-0001 --with boss
		wf-report case 2026-0099
		wf-report case 2026-0005 --for referrer
		wf case close 2026-0005
		wf consent give 2026-0005
		wf org add --id x --role assessor --role provider
		wf init --db /proc/nope/wf.db
		wf-refer lisst
		wf-refer list --bogus
	EOF
	assert_equal "$n" 27
}
