# fish completion for workflow's commands. The words come from the commands
# themselves ('CMD --complete WORDS...', built from their option tables).

function __wf_complete
    set -l tokens (commandline -opc)
    set -l cmd $tokens[1]
    set -e tokens[1]
    if test (basename $cmd) = wf; and test (count $tokens) -gt 0; and contains -- $tokens[1] refer assess place monitor report
        set cmd wf-$tokens[1]
        set -e tokens[1]
    end
    $cmd --complete $tokens 2>/dev/null
end

for c in wf wf-refer wf-assess wf-place wf-monitor wf-report
    complete -c $c -a '(__wf_complete)'
end
