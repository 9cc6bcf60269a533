#!/bin/sh
# Mail the monitoring contacts and the follow-ups after leaving that are
# overdue to the coordinators; send nothing
# when nothing is overdue; fail loudly when the store cannot be
# read, so that cron mails the error instead of keeping quiet.
#
#   30 7 * * 1-5  WF_DB=/srv/workflow/workflow.db /usr/local/share/doc/workflow/overdue-mail.sh coordinators@example.org
#
# MAILER (default: mail) is called as: $MAILER -s SUBJECT ADDRESS < body.
set -u
to=${1:?usage: overdue-mail.sh ADDRESS}
mailer=${MAILER:-mail}

wf-monitor due --overdue -q
case $? in
0) ;;
1) exit 0 ;;
*) echo "overdue-mail: cannot read the store (wf-monitor exited $?)" >&2; exit 1 ;;
esac
body=$(mktemp) || exit 1
trap 'rm -f "$body"' EXIT
{
	echo "Monitoring contacts and follow-ups after leaving overdue on $(date +%Y-%m-%d):"
	echo
	wf-monitor due --overdue -o table \
	    --fields case,person,item,with,due,days_overdue,reason,last_contact,operator
} > "$body" || exit 1
"$mailer" -s "workflow: contacts overdue" "$to" < "$body"
