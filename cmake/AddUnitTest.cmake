# add_unit_test(NAME tst_foo SOURCES tst_foo.cpp [LIBS extra...] [LABELS ...])
# One executable and one CTest test per test file, run offscreen.
function(add_unit_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE ocs_core Qt6::Test ${T_LIBS})
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    if(NOT T_LABELS)
        set(T_LABELS unit)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        LABELS "${T_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;OCS_SOURCE_DIR=${PROJECT_SOURCE_DIR};QT_LOGGING_RULES=ocs.*.debug=true;OCS_TEST_ALLOW_ROOT=1")
endfunction()
