#!/usr/bin/env bats
# -o html: one self-contained page a report, with its charts, checked in a
# real browser: headless Chromium renders it to PNG and PDF and dumps the
# DOM it built.

load helpers

demo_store() {
	cached demo_store_run
}
demo_store_run() {
	DEMO_DB="$WF_DB" sh "$EX/demo.sh" >/dev/null 2>&1
}

# browser ARGS... URL: headless Chromium, with a profile of the test's own;
# its log, console messages among them, goes to the test's chromium.log.
browser() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--user-data-dir="$T/chromium" --enable-logging=stderr --v=0 \
		--no-first-run --hide-scrollbars "$@" 2>>"$T/chromium.log"
}

# count PATTERN FILE: how many times PATTERN occurs in FILE.
count() {
	grep -o -- "$1" "$2" | wc -l
}

# Nothing fetched, nothing run: no script, no element or attribute that
# refers to another file, nothing the style would load.
self_contained() {
	! grep -qiE '<(script|link|img|iframe|object|embed)|<[^>]*[[:space:]](src|href)=' "$1" &&
		! sed -n '/<style>/,/<\/style>/p' "$1" | grep -qiE 'url\(|@import'
}

@test "html: the month's report in Italian, rendered by Chromium: title, sections, bars, PNG, PDF" {
	demo_store
	italian
	run -0 wf-report monthly --month 2026-11 -o html
	printf '%s\n' "$output" > "$T/m.html"
	self_contained "$T/m.html"
	browser --dump-dom "file://$T/m.html" > "$T/dom.html"
	grep -q '<title>Rapporto mensile, dal 01/11/2026 al 30/11/2026</title>' "$T/dom.html"
	grep -q '<html lang="it">' "$T/dom.html"
	for h in "Il percorso" "Segnalazioni" "Verifica dei requisiti" "Valutazione" "Progetti" "Inserimenti" "Monitoraggio" "Chiusure, per esito" "Carico di lavoro" "Giorni mediani tra le fasi"; do
		grep -q "<h2>$h</h2>" "$T/dom.html" || { echo "no section $h"; return 1; }
	done
	# the charts, each with as many bars as its table has rows: the path
	# (7 steps), referrers (1), target groups (5), active by kind (1),
	# contacts held against due (3)
	assert_equal "$(count '<svg' "$T/dom.html")" 5
	assert_equal "$(count '<rect class="bar' "$T/dom.html")" 17
	assert_equal "$(count '<figure class="chart"' "$T/dom.html")" 5
	grep -q '<text x="194" y="17" text-anchor="end">segnalazioni ricevute</text>' "$T/dom.html"
	grep -q 'Segnalazioni per servizio inviante: Servizio Sociale di Dalmine 1.' "$T/dom.html"
	! grep -q CONSOLE "$T/chromium.log"
	browser --screenshot="$T/m.png" --window-size=1000,1400 "file://$T/m.html"
	assert_equal "$(head -c 8 "$T/m.png" | od -An -tx1 | tr -d ' \n')" 89504e470d0a1a0a
	[ "$(stat -c %s "$T/m.png")" -gt 20000 ]
	browser --no-pdf-header-footer --print-to-pdf="$T/m.pdf" "file://$T/m.html"
	# every section begins a page, and none runs over one
	run -0 pdfinfo "$T/m.pdf"
	[[ "$output" == *$'\nPages:           10\n'* ]]
	[[ "$output" == *"Page size:       "*" pts (A4)"* ]]
}

@test "html: a span month by month, the indicators by gender, the funnel" {
	demo_store
	run -0 wf-report range --from 2026-01-01 --to 2026-12-31 -o html
	printf '%s\n' "$output" > "$T/r.html"
	self_contained "$T/r.html"
	browser --dump-dom "file://$T/r.html" > "$T/r.dom"
	grep -q '<h2>Month by month</h2>' "$T/r.dom"
	# three lines over twelve months, in pieces where none is hidden
	assert_equal "$(count '<polyline class="line s' "$T/r.dom")" 3
	assert_equal "$(count '<circle class="point s' "$T/r.dom")" 36
	grep -q '<td>2026-10</td><td class="n">5</td><td class="n">0</td><td class="n">0</td>' "$T/r.dom"
	run -0 wf-report indicators --from 2026-01-01 --to 2026-12-31 -o html
	printf '%s\n' "$output" > "$T/i.html"
	browser --dump-dom "file://$T/i.html" > "$T/i.dom"
	grep -q '<h2>Participants</h2>' "$T/i.dom"
	# four bars an indicator: women, men, non-binary, not stated
	wf-report indicators --from 2026-01-01 --to 2026-12-31 -o csv > "$T/i.csv"
	assert_equal "$(count '<rect class="bar' "$T/i.dom")" "$(( 4 * ($(wc -l < "$T/i.csv") - 1) ))"
	run -0 wf-report funnel -o html
	printf '%s\n' "$output" > "$T/f.html"
	browser --dump-dom "file://$T/f.html" > "$T/f.dom"
	assert_equal "$(count '<rect class="bar' "$T/f.dom")" 8
	! grep -q CONSOLE "$T/chromium.log"
}

@test "html: the final report in Italian, as a printable page" {
	demo_store
	italian
	run -0 wf-report case 2026-0005 -o html
	printf '%s\n' "$output" > "$T/c.html"
	self_contained "$T/c.html"
	browser --dump-dom "file://$T/c.html" > "$T/c.dom"
	grep -q '<title>Relazione finale del percorso: caso 2026-0005</title>' "$T/c.dom"
	for h in "Cronologia del percorso" "Competenze" "Prerequisiti lavorativi" "Profilo di fragilità lavorativa" "Esito della valutazione" "Progetto individuale" "Inserimenti" "Monitoraggio"; do
		grep -q "<h2>$h</h2>" "$T/c.dom" || { echo "no section $h"; return 1; }
	done
	grep -q '<li><strong>Servizio inviante</strong>: Servizio Sociale di Dalmine, il 08/10/2026</li>' "$T/c.dom"
	browser --no-pdf-header-footer --print-to-pdf="$T/c.pdf" "file://$T/c.html"
	run -0 pdfinfo "$T/c.pdf"
	[[ "$output" == *"(A4)"* ]]
	! grep -q CONSOLE "$T/chromium.log"
}

@test "html: every text from the store is escaped" {
	seed
	referral '<script>alert(1)</script>' 'O"Brien & <b>Sons</b>' 1990-01-01 > "$T/r.yaml"
	wf-refer add -q "$T/r.yaml"
	wf org add -q --id evil --name '<img src=x onerror=alert(1)> & "co"' --role referrer
	referral Ada Neri 1995-01-01 referrer=evil | wf-refer add -q
	run -0 wf-refer list -o html --fields id,person.first_name,person.last_name,referrer
	printf '%s\n' "$output" > "$T/l.html"
	self_contained "$T/l.html"
	grep -q '<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>O&quot;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;</td><td>Caritas Diocesana di Vigevano</td>' "$T/l.html"
	grep -q '<td>Ada</td><td>Neri</td><td>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;co&quot;</td>' "$T/l.html"
	run -0 wf-report monthly --month 2026-10 -o html
	printf '%s\n' "$output" > "$T/m.html"
	self_contained "$T/m.html"
	grep -q '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;co&quot;' "$T/m.html"
	WF_SERVICE='</title><script>x</script>"' run -0 wf-report case 2026-0001 -o html
	printf '%s\n' "$output" > "$T/c.html"
	self_contained "$T/c.html"
	browser --dump-dom "file://$T/c.html" > "$T/c.dom"
	grep -q '<h1>Final report of the path: case 2026-0001</h1>' "$T/c.dom"
	grep -q '<li><strong>Person</strong>: &lt;script&gt;alert(1)&lt;/script&gt; O"Brien &amp; &lt;b&gt;Sons&lt;/b&gt;</li>' "$T/c.dom"
	! grep -q CONSOLE "$T/chromium.log"
}

@test "html: a count hidden by --min-cell is drawn as hidden, never as its true value" {
	demo_store
	run -0 wf-report monthly --month 2026-11 --min-cell 3 -o html
	printf '%s\n' "$output" > "$T/m.html"
	# one referral from Dalmine: a dashed bar as long as 2, marked <3
	grep -q '<rect class="bar suppressed" x="200" y="7" width="300" height="13"/><text x="504" y="17">&lt;3</text>' "$T/m.html"
	grep -q '<tr><td>Servizio Sociale di Dalmine</td><td class="n">&lt;3</td></tr>' "$T/m.html"
	grep -q 'Referrals by referring service: Servizio Sociale di Dalmine &lt;3.' "$T/m.html"
	# and the path: eight screened is shown, the one referral is not
	grep -q '<tr><td>referrals received</td><td class="n">&lt;3</td></tr>' "$T/m.html"
	grep -q '<tr><td>screened</td><td class="n">8</td></tr>' "$T/m.html"
}

@test "html: a list as a page of one table, cells as people read them" {
	seed
	referral Ada Neri 1995-01-01 | wf-refer add -q
	run -0 wf-refer list -o html --fields id,status,date
	[[ "${lines[0]}" == '<!DOCTYPE html>' ]]
	[[ "$output" == *'<tr><th>id</th><th>status</th><th>date</th></tr>'* ]]
	[[ "$output" == *'<tr><td>2026-0001</td><td>referred</td><td>2026-10-01</td></tr>'* ]]
	[[ "${lines[-1]}" == '</html>' ]]
	WF_FORMAT=html run -0 wf org list --fields id
	[[ "$output" == *'<tr><td>caritas-vigevano</td></tr>'* ]]
}
