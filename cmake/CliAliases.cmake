# The reference scripts' names of ocs commands (ocs-init runs `ocs init`, …), from the one list
# in src/cli/aliases.txt. Sets
#   OCS_CLI_ALIASES        the link names (for the links, the packages and their tests)
#   OCS_CLI_ALIAS_ENTRIES  the C++ initialiser of Cli::aliases() (src/cli/cli_aliases.h.in)
set(_ocs_aliases_file ${PROJECT_SOURCE_DIR}/src/cli/aliases.txt)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
    ${_ocs_aliases_file})
file(STRINGS ${_ocs_aliases_file} _ocs_alias_lines REGEX "^[^#]")
set(OCS_CLI_ALIASES "")
set(_ocs_entries "")
foreach(_line IN LISTS _ocs_alias_lines)
    if(NOT _line MATCHES "^(ocs-[a-z-]+)[ \t]+([a-z-]+)[ \t]*$")
        message(FATAL_ERROR "${_ocs_aliases_file}: not \"LINK COMMAND\": ${_line}")
    endif()
    list(APPEND OCS_CLI_ALIASES ${CMAKE_MATCH_1})
    list(APPEND _ocs_entries
        "{QStringLiteral(\"${CMAKE_MATCH_1}\"), QStringLiteral(\"${CMAKE_MATCH_2}\")}")
endforeach()
list(JOIN _ocs_entries ", " OCS_CLI_ALIAS_ENTRIES)
