#!/usr/bin/env bash
# Runs the README's examples and compares them with what the README prints.
#   readme_examples.sh README.md EXAMPLES_DIR BIN_DIR...
# In the README:
#   - a fenced block whose info string is `console` is a terminal session: each line starting
#     with "$ " is a command, run by bash in EXAMPLES_DIR with BIN_DIR on PATH; the lines after
#     it, up to the next "$ " line or the block's end, are exactly what it prints (stdout and
#     stderr together).
#   - a fenced block right after a line `<!-- example file: NAME -->` is the text of
#     EXAMPLES_DIR/NAME, byte for byte.
# Fails when any example disagrees, or when the README has none.
set -uo pipefail
readme=$1 examples=$2
shift 2
for dir in "$@"; do PATH="$(cd "$dir" && pwd):$PATH"; done
export PATH LC_ALL=C.UTF-8

passed=0 failed=0
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }

check_command() {  # check_command LINE COMMAND EXPECTED
    local actual
    actual=$(cd "$examples" && bash -c "$2" 2>&1; printf x)
    actual=${actual%x}
    if [ "$actual" == "$3" ]; then
        passed=$((passed + 1))
    else
        fail "README.md:$1: \$ $2"
        diff -u --label "README.md:$1" --label "what it prints" <(printf '%s' "$3") <(printf '%s' "$actual")
    fi
}

check_console() {  # check_console: the block in $block, starting at line $block_line
    local n=$block_line cmd="" cmd_line=0 expected="" line
    while IFS= read -r line; do
        n=$((n + 1))
        if [[ $line == '$ '* ]]; then
            [ -n "$cmd" ] && check_command "$cmd_line" "$cmd" "$expected"
            cmd=${line#'$ '} cmd_line=$n expected=""
        elif [ -n "$cmd" ]; then
            expected+="$line"$'\n'
        fi
    done <<< "${block%$'\n'}"
    [ -n "$cmd" ] && check_command "$cmd_line" "$cmd" "$expected"
}

check_file() {  # check_file NAME: the block in $block
    local actual
    if ! actual=$(cat "$examples/$1" && printf x); then
        fail "README.md:$block_line: example file $1 is missing"
        return
    fi
    if [ "${actual%x}" == "$block" ]; then
        passed=$((passed + 1))
    else
        fail "README.md:$block_line: the block differs from examples/$1"
        diff -u --label "README.md:$block_line" --label "examples/$1" <(printf '%s' "$block") "$examples/$1"
    fi
}

line_no=0 in_block=0 kind="" file="" block_file="" block="" block_line=0
while IFS= read -r line; do
    line_no=$((line_no + 1))
    if [ $in_block -eq 1 ]; then
        if [[ $line == '```' ]]; then
            in_block=0
            case $kind in
            console) check_console ;;
            file) check_file "$block_file" ;;
            esac
        else
            block+="$line"$'\n'
        fi
        continue
    fi
    if [[ $line =~ ^\<!--\ example\ file:\ ([^ ]+)\ --\>$ ]]; then
        file=${BASH_REMATCH[1]}
        continue
    fi
    if [[ $line == '```'* ]]; then
        in_block=1 block="" block_line=$line_no kind=""
        if [[ $line == '```console' ]]; then
            kind=console
        elif [ -n "$file" ]; then
            kind=file block_file=$file
        fi
    fi
    file=""
done < "$readme"

[ $((passed + failed)) -eq 0 ] && fail "no examples found in $readme"
echo "readme: $passed passed, $failed failed"
[ $failed -eq 0 ]
