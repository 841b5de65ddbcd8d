#!/usr/bin/env bash
# The bash completion offers what levlab-cli accepts:
#   completion_test.sh COMPLETION_FILE LEVLAB_CLI
# the commands of `levlab-cli --help`, each command's long options as its --help lists them,
# long/short after --side, and scenario files (*.json, *.levlab) after evaluate and shock.
set -uo pipefail
completion=$1 cli=$(realpath "$2")
# shellcheck source=/dev/null
source "$completion"
failed=0 passed=0

complete_words() {  # complete_words WORD... : what <Tab> offers after them (the last word is being typed)
    COMP_WORDS=(levlab-cli "$@")
    COMP_CWORD=$#
    COMPREPLY=()
    _levlab_cli
    printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

expect() {  # expect WHAT EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL: $1"
        diff <(echo "$2") <(echo "$3") | sed 's/^</  expected/; s/^>/  offered /'
        failed=$((failed + 1))
    fi
}

commands=$("$cli" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]\+\).*/\1/p')
expect "commands" "$(printf '%s\n' $commands --help --version | LC_ALL=C sort)" "$(complete_words '')"
declare -A options
for command in $commands; do
    options[$command]=$("$cli" "$command" --help | grep -o '^  \(-[a-z], \)\?--[a-z-]\+' | grep -o -- '--[a-z-]\+' | LC_ALL=C sort)
    expect "$command options" "${options[$command]}" "$(complete_words "$command" --)"
done
expect "--side" "$(printf '%s\n' long short)" "$(complete_words size --side '')"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
touch "$dir/plan.levlab" "$dir/case.json" "$dir/notes.txt"
mkdir "$dir/more"
cd "$dir" || exit 1
for command in evaluate shock; do
    expect "$command files" "$(printf '%s\n' case.json more plan.levlab)" "$(complete_words "$command" '')"
done
expect "size offers options, not files" "${options[size]}" "$(complete_words size '')"

echo "completion: $passed passed, $failed failed"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
