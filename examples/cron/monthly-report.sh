#!/bin/sh
# Write last month's report into FOLDER as YYYY-MM.md (for people and
# mail) and YYYY-MM.json (for the funder's systems); exit non-zero, with a
# message, when the store cannot be read, so that cron mails the error.
#
#   15 6 1 * *  WF_DB=/srv/workflow/workflow.db /usr/local/share/doc/workflow/monthly-report.sh /srv/workflow/reports
#
# WF_MIN_CELL, when set, hides counts below it (reports that leave the
# service). WF_TODAY, when set, is taken as today.
set -u
dir=${1:?usage: monthly-report.sh FOLDER}
today=${WF_TODAY:-$(date +%Y-%m-%d)}
y=${today%%-*}
m=${today#*-}
m=${m%%-*}
m=${m#0}
if [ "$m" -eq 1 ]; then
	y=$((y - 1))
	m=12
else
	m=$((m - 1))
fi
month=$(printf '%04d-%02d' "$y" "$m")

mkdir -p "$dir" || exit 1
# A damaged store would give figures all the same: check it first.
wf store check -q || { echo "monthly-report: the store is not whole" >&2; exit 1; }
for fmt in md json; do
	if ! wf-report monthly --month "$month" -o "$fmt" \
	    ${WF_MIN_CELL:+--min-cell "$WF_MIN_CELL"} > "$dir/.$month.$fmt"; then
		rm -f "$dir/.$month.$fmt"
		echo "monthly-report: cannot write the report for $month" >&2
		exit 1
	fi
	mv "$dir/.$month.$fmt" "$dir/$month.$fmt" || exit 1
done
