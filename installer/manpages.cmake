# Writes levlab.1.gz and levlab-cli.1.gz into OUT_DIR from the built programs' own
# --help and --version (help2man), so the pages say what the programs do:
#   cmake -DHELP2MAN=… -DGZIP=… -DGUI=path/levlab -DCLI=path/levlab-cli -DOUT_DIR=…
#         [-DCHANGELOG=installer/changelog] -P manpages.cmake
# The levlab-cli page adds a COMMANDS section made from each command's --help.
cmake_minimum_required(VERSION 3.25)

get_filename_component(gui_dir "${GUI}" DIRECTORY)
get_filename_component(cli_dir "${CLI}" DIRECTORY)
# Run by name from PATH, the usage lines say "levlab", not the build path. The window needs no
# display for --help; C.UTF-8 keeps the help's ×, − and … intact.
set(env ${CMAKE_COMMAND} -E env "PATH=${gui_dir}:${cli_dir}:$ENV{PATH}" QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8)
find_program(DPKG_PARSECHANGELOG dpkg-parsechangelog)
if(DPKG_PARSECHANGELOG AND CHANGELOG)
    # The page's date is the release's, not the build's: the same source gives the same page.
    execute_process(COMMAND ${DPKG_PARSECHANGELOG} -l "${CHANGELOG}" -S Timestamp
                    OUTPUT_VARIABLE stamp OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    if(rc EQUAL 0)
        list(APPEND env SOURCE_DATE_EPOCH=${stamp})
    endif()
endif()
file(MAKE_DIRECTORY "${OUT_DIR}")

# The first line of the help after "Usage: …", without its full stop: the page's NAME line.
function(help_summary program args out)
    execute_process(COMMAND ${env} ${program} ${args} OUTPUT_VARIABLE help RESULT_VARIABLE rc ERROR_QUIET)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "${program} ${args} failed: ${rc}")
    endif()
    string(REGEX MATCH "^Usage: [^\n]*\n\n?([^\n]+)" _ "${help}")
    string(REGEX REPLACE "\\.$" "" summary "${CMAKE_MATCH_1}")
    set(${out} "${summary}" PARENT_SCOPE)
endfunction()

# help2man reads "-0.45" in a description as an option; it is a number.
function(unbold_numbers var)
    string(REGEX REPLACE "\\\\fB\\\\-([0-9][0-9.]*)\\\\fR" "\\\\-\\1" text "${${var}}")
    set(${var} "${text}" PARENT_SCOPE)
endfunction()

function(help2man program name include out)
    set(extra)
    if(include)
        set(extra "--include=${include}")
    endif()
    execute_process(COMMAND ${env} ${HELP2MAN} --locale=C.UTF-8 --no-info --section=1 "--name=${name}" ${extra} ${program}
                    OUTPUT_VARIABLE page RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "help2man ${program} failed: ${err}")
    endif()
    unbold_numbers(page)
    file(WRITE "${OUT_DIR}/${out}" "${page}")
    execute_process(COMMAND ${GZIP} -9n -f "${OUT_DIR}/${out}" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "gzip ${out} failed: ${rc}")
    endif()
endfunction()

# levlab-cli: its commands, each from its own --help.
set(commands "[COMMANDS]\n")
foreach(command evaluate size stress shock)
    execute_process(COMMAND ${env} levlab-cli ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "levlab-cli ${command} --help failed: ${rc}")
    endif()
    string(REGEX MATCH "^Usage: ([^\n]*)" _ "${help}")
    set(usage "${CMAKE_MATCH_1}")
    execute_process(COMMAND ${env} ${HELP2MAN} --locale=C.UTF-8 --no-info "--help-option=${command} --help" levlab-cli
                    OUTPUT_VARIABLE page RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "help2man levlab-cli ${command} failed: ${rc}")
    endif()
    # Keep the description and the option list; the page's own headings become paragraphs.
    string(FIND "${page}" ".SH DESCRIPTION\n" at)
    string(SUBSTRING "${page}" ${at} -1 body)
    string(REPLACE ".SH DESCRIPTION\n" "" body "${body}")
    string(REPLACE ".SH OPTIONS\n" ".PP\nOptions:\n" body "${body}")
    string(REGEX REPLACE "\\.SS \"([^\"]*)\"\n" ".PP\n\\1\n" body "${body}")
    string(REPLACE "-" "\\-" usage "${usage}")
    string(APPEND commands ".SS \"${usage}\"\n${body}")
endforeach()
file(WRITE "${OUT_DIR}/levlab-cli.h2m" "${commands}[SEE ALSO]\n.BR levlab (1)\n")
file(WRITE "${OUT_DIR}/levlab.h2m" "[SEE ALSO]\n.BR levlab\\-cli (1)\n")

help_summary(levlab-cli --help cli_name)
help_summary(levlab --help gui_name)
help2man(levlab-cli "${cli_name}" "${OUT_DIR}/levlab-cli.h2m" levlab-cli.1)
help2man(levlab "${gui_name}" "${OUT_DIR}/levlab.h2m" levlab.1)
