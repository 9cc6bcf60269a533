# bash completion for workflow's commands (wf, wf-refer and the other
# steps). The words come from the commands themselves ('CMD --complete
# WORDS...', built from their option tables), so they never go stale.

_wf_steps="refer assess place monitor report"

_wf_complete()
{
	local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[0]}
	local -a words=("${COMP_WORDS[@]:1:COMP_CWORD-1}")

	# "--opt=value": complete the value of --opt.
	if [[ $cur != -* && ${COMP_WORDS[COMP_CWORD-1]} == "=" ]]; then
		words=("${COMP_WORDS[@]:1:COMP_CWORD-3}" "${COMP_WORDS[COMP_CWORD-2]}")
	elif [[ $cur == "=" ]]; then
		cur=
	fi
	# "wf refer ..." completes as "wf-refer ...".
	if [[ ${cmd##*/} == wf && ${#words[@]} -gt 0 && " $_wf_steps " == *" ${words[0]} "* ]]; then
		cmd=wf-${words[0]}
		words=("${words[@]:1}")
	fi
	local IFS=$'\n'
	COMPREPLY=($(compgen -W "$("$cmd" --complete "${words[@]}" 2>/dev/null)" -- "$cur"))
}

complete -o default -F _wf_complete wf wf-refer wf-assess wf-place wf-monitor wf-report
