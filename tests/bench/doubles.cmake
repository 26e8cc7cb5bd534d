# fake_msame and fake_ais_bench (tests/doubles/): msame's and ais_bench's command lines and console output, with
# failure modes, for the bench tests. Test doubles: plain C++ executables in WB_BIN_DIR, no Qt, no install() rule,
# never linked into the application. Tests find them with DEFINES WB_FAKE_MSAME="$<TARGET_FILE:fake_msame>" (and
# WB_FAKE_AIS_BENCH) and add_dependencies(<test> fake_msame fake_ais_bench).
foreach(double fake_msame fake_ais_bench fake_msprof)
    add_executable(${double} ${PROJECT_SOURCE_DIR}/tests/doubles/${double}.cpp)
    target_link_libraries(${double} PRIVATE wb_project_options)
    set_target_properties(${double} PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
endforeach()
