#!/bin/sh
# The main job of a work-inclusion service, on a fresh demo store: set up
# the two seed services, take in the referrals, screen them, and look at
# the result as a coordinator would. Run by 'make demo'.
set -eu
here=$(dirname "$0")
# A store of its own, never the one in $WF_DB: the demo starts afresh.
WF_DB=${DEMO_DB:-build/demo/workflow.db}
export WF_DB
# A file is removed first, and the month's page goes beside it; a
# PostgreSQL database (DEMO_DB=postgresql:...) is an empty one its
# administrator made, and the page goes in the current folder.
case $WF_DB in
postgres*:*) dir=. ;;
*)
	rm -f "$WF_DB" "$WF_DB-wal" "$WF_DB-shm"
	dir=$(dirname "$WF_DB")
	;;
esac
# The example referrals are dated in autumn 2026.
: "${WF_TODAY:=2026-11-22}"
export WF_TODAY WF_OPERATOR="${WF_OPERATOR:-coordinator}"

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold='\033[1m' off='\033[0m'; else bold= off=; fi
say() { printf "\n${bold}\$ %s${off}\n" "$*"; }
run() { say "$*"; "$@"; }

run wf init -o yaml
run wf programme load "$here"/programmes/*.yaml -o table
run wf org add "$here"/organisations.yaml -o table
run wf-refer add "$here"/referrals.yaml -o table

say "wf-refer list --status referred -o json | wf-refer screen - --date 2026-11-05 -o table"
wf-refer list --status referred -o json | wf-refer screen - --date 2026-11-05 -o table

run wf-refer list --status rejected -o table --fields id,person.last_name,reasons
run wf-refer show 2026-0003 -o yaml
run wf-refer list --status screened --programme sil-bergamo -o csv --fields id,person.last_name,person.first_name,date

# Step 2: the evaluation unit assesses Paolo Gritti, decides, agrees a plan.
run wf-assess add "$here"/assessment.yaml -o table
run wf-assess decide 2026-0005 --eligible --date 2026-11-18 --by "evaluation unit" -o table
run wf-assess plan "$here"/plan.yaml -o table
run wf-assess skills 2026-0005 -o table
run wf-assess show 2026-0005 -o yaml --fields status,decision,plan.version,plan.goals

# Step 3: the internship, started, and November's attendance from the
# host's sheet; what the accounts office pays; the whole path so far.
run wf-place add "$here"/placement.yaml -o table
run wf-place start 2026-0005.1 --date 2026-11-20 -o table
run wf-place attend "$here"/attendance.jsonl -o table
run wf-place stipends --month 2026-11 -o csv
# Step 4: keeping in touch, and what is due.
run wf-monitor log 2026-0005 --with tutor --date 2026-11-21 --how phone --risk medium --next-steps "Check the route to the warehouse with Paolo" --next 2026-12-05 -o table
run wf-monitor due --within 30d -o table
run wf-monitor risks --level medium -o table --fields case,date,risk,with,next_steps
run wf case show 2026-0005 -o table --fields id,status,status_date
# Step 5: the final report of the path so far, as the referrer gets it;
# a referral that went nowhere closed, with the situation on leaving; and
# what the coordinator sends at the start of December: November's figures.
run wf-report case 2026-0005
run wf case close 2026-0002 --outcome moved --date 2026-11-21 --situation job_searching -o table --fields id,status,status_date
run wf-report funnel -o table
run wf-report quality -o table
run wf-report monthly --month 2026-11 -o md
# The same month as a page to print or mail, with its charts.
html=$dir/monthly-2026-11.html
say "wf-report monthly --month 2026-11 -o html > $html"
wf-report monthly --month 2026-11 -o html > "$html"
# A line to try that works as typed, from anywhere: the programs the demo
# ran and its store, by their full paths.
bin=$(cd "$(dirname "$(command -v wf-refer)")" && pwd)
dir=$(cd "$dir" && pwd)
case $WF_DB in
postgres*:*) db=$WF_DB ;;
*) db=$dir/$(basename "$WF_DB") ;;
esac
html=$dir/$(basename "$html")
try="PATH=$bin:\$PATH WF_DB=$db wf-refer list -o table"
# In the operators' language: Italian under an Italian locale or WF_LANG=it.
case ${WF_LANG:-${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}} in
it*) printf '\nL'"'"'archivio della demo è %s; il rapporto del mese è %s.\nProvare: %s\n' "$db" "$html" "$try" ;;
*) printf '\nThe demo store is %s; the month'"'"'s report is %s.\nTry: %s\n' "$db" "$html" "$try" ;;
esac
