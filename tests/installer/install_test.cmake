# Installs the build into a staging root (as DESTDIR does for a package) and checks
# that the installed levlab-cli runs and that desktop integration is in place.
file(REMOVE_RECURSE "${STAGE}")
execute_process(COMMAND ${CMAKE_COMMAND} -E env DESTDIR=${STAGE} ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix /usr
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
foreach(f usr/bin/levlab usr/bin/levlab-cli usr/share/applications/leverage-lab.desktop
          usr/share/icons/hicolor/scalable/apps/leverage-lab.svg usr/share/doc/leverage-lab/copyright usr/share/doc/leverage-lab/changelog.gz)
    if(NOT EXISTS "${STAGE}/${f}")
        message(FATAL_ERROR "not installed: /${f}")
    endif()
endforeach()
execute_process(COMMAND "${STAGE}/usr/bin/levlab-cli" --version OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "levlab-cli ${VERSION}\n")
    message(FATAL_ERROR "installed levlab-cli --version: exit ${rc}, printed '${out}'")
endif()
message(STATUS "installed levlab-cli prints: ${out}")
