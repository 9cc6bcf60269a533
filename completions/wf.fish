# fish completion for workflow's commands. The words come from the commands
# themselves ('CMD --complete WORDS...', built from their option tables);
# where they have none to offer (a file operand), paths are offered.

function __wf_complete
    set -l tokens (commandline -opc)
    set -l cmd $tokens[1]
    set -e tokens[1]
    if test (basename $cmd) = wf; and test (count $tokens) -gt 0; and contains -- $tokens[1] refer assess place monitor report
        set cmd wf-$tokens[1]
        set -e tokens[1]
    end
    set -l cur (commandline -ct)
    set -l words ($cmd --complete $tokens 2>/dev/null)
    # Options where an option is begun; subcommands and values as they
    # come; else (an operand) paths.
    if string match -q -- '-*' $cur; or begin; test (count $words) -gt 0; and not string match -q -- '--*' $words[1]; end
        printf '%s\n' $words
    else
        __fish_complete_path $cur
    end
end

for c in wf wf-refer wf-assess wf-place wf-monitor wf-report
    complete -c $c -f -a '(__wf_complete)'
end
