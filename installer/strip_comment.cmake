# CPack pre-build script: after CPACK_STRIP_FILES, also drop the compiler's .comment section
# from the packaged programs, as Debian's dh_strip does.
file(GLOB programs "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/usr/bin/*")
foreach(program IN LISTS programs)
    execute_process(COMMAND ${CPACK_LEVLAB_OBJCOPY} --remove-section=.comment --remove-section=.note "${program}"
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "objcopy ${program} failed: ${rc}")
    endif()
endforeach()
if(NOT programs)
    message(FATAL_ERROR "no programs under ${CPACK_TEMPORARY_INSTALL_DIRECTORY}/usr/bin")
endif()
