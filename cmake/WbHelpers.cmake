# wb_add_test(NAME <name> SOURCES <files...> [LIBS <libs...>] [LABELS <labels...>] [TIMEOUT <s>])
# One executable per unit; runs offscreen so no display is needed. A program whose main is WB_TEST_MAIN,
# WB_TEST_GUILESS_MAIN or WB_TEST_APPLESS_MAIN (tests/testutil.h) exits 77 when it skipped for a missing requirement
# and nothing failed: ctest then reports it as skipped (SKIP_RETURN_CODE), not passed.
function(wb_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;DEFINES" ${ARGN})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test wb_project_options ${T_LIBS})
    # tests/testutil.h and tests/ortrequired.h, shared by every area's tests.
    target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
    # Test tables read better with plain string literals; the shipped code keeps QT_NO_CAST_FROM_ASCII.
    target_compile_options(${T_NAME} PRIVATE -UQT_NO_CAST_FROM_ASCII)
    target_compile_definitions(${T_NAME} PRIVATE
        WB_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
        WB_TEST_MODELS_DIR="${WB_MODELS_DIR}"
        WB_BIN_DIR="${CMAKE_BINARY_DIR}/bin"
        ${T_DEFINES})
    add_dependencies(${T_NAME} wb_models)
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${T_LABELS}"
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;WB_LOG_DIR=${CMAKE_BINARY_DIR}/test-logs;QT_LOGGING_RULES=qt.qpa.*=false")
    foreach(source ${T_SOURCES})
        get_filename_component(source "${source}" ABSOLUTE)
        if(source MATCHES "\\.cpp$" AND EXISTS "${source}")
            file(STRINGS "${source}" skip_aware_main REGEX "^WB_TEST_(GUILESS_|APPLESS_)?MAIN\\(")
            if(skip_aware_main)
                set_tests_properties(${T_NAME} PROPERTIES SKIP_RETURN_CODE 77) # wbtest::kSkipExitCode
            endif()
        endif()
    endforeach()
endfunction()

# wb_install_gzipped(<file> <destination> [RENAME <name>]): installs <file> compressed with gzip -9n (no name or
# time stamp, so the package is reproducible) as <destination>/<name or file's name>.gz, as Debian wants man pages
# and documentation. Compressed when configuring; a change to <file> reconfigures.
function(wb_install_gzipped file destination)
    cmake_parse_arguments(G "" "RENAME" "" ${ARGN})
    get_filename_component(name "${file}" NAME)
    if(G_RENAME)
        set(name "${G_RENAME}")
    endif()
    string(MAKE_C_IDENTIFIER "${destination}" subdir)
    set(out "${CMAKE_BINARY_DIR}/gzipped/${subdir}/${name}.gz")
    get_filename_component(out_dir "${out}" DIRECTORY)
    file(MAKE_DIRECTORY "${out_dir}")
    execute_process(COMMAND gzip -9nc "${file}" OUTPUT_FILE "${out}" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "gzip could not compress ${file} (exit ${rc})")
    endif()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
    install(FILES "${out}" DESTINATION "${destination}")
endfunction()

# Collects every library a target reaches through LINK_LIBRARIES / INTERFACE_LINK_LIBRARIES.
function(_wb_collect_links target out)
    set(seen "")
    set(queue ${target})
    while(queue)
        list(POP_FRONT queue cur)
        if(cur IN_LIST seen OR NOT TARGET ${cur})
            list(APPEND seen ${cur})
            continue()
        endif()
        list(APPEND seen ${cur})
        get_target_property(aliased ${cur} ALIASED_TARGET)
        if(aliased)
            list(APPEND queue ${aliased})
        endif()
        foreach(prop LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
            get_target_property(libs ${cur} ${prop})
            if(libs)
                foreach(lib ${libs})
                    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" lib "${lib}")
                    list(APPEND queue ${lib})
                endforeach()
            endif()
        endforeach()
    endwhile()
    set(${out} ${seen} PARENT_SCOPE)
endfunction()

# Fails the configure step when <target> links (directly or transitively) any of the forbidden targets.
function(wb_assert_not_linked target)
    _wb_collect_links(${target} reached)
    foreach(forbidden ${ARGN})
        if(forbidden IN_LIST reached)
            message(FATAL_ERROR "${target} must not link ${forbidden}: keep the core library free of GUI code.")
        endif()
    endforeach()
    message(STATUS "Checked: ${target} links none of ${ARGN}")
endfunction()
