# Project-wide options and the shared warning/option interface target.
option(WB_BUILD_TESTS "Build the test suite" ON)
option(WB_BUILD_BENCH "Build the benchmark programs" OFF)
option(WB_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
option(WB_ENABLE_ASAN "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(WB_FUZZ "Build the libFuzzer targets of tests/fuzz (clang only; the fuzz preset, scripts/fuzz.sh)" OFF)

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
    set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

find_program(WB_CCACHE ccache)
if(WB_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${WB_CCACHE}")
    message(STATUS "Using ccache: ${WB_CCACHE}")
endif()

add_library(wb_project_options INTERFACE)
target_compile_options(wb_project_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference)
target_compile_definitions(wb_project_options INTERFACE QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT QT_DISABLE_DEPRECATED_BEFORE=0x060400)
if(WB_WARNINGS_AS_ERRORS)
    target_compile_options(wb_project_options INTERFACE -Werror)
endif()
if(WB_ENABLE_ASAN)
    target_compile_options(wb_project_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(wb_project_options INTERFACE -fsanitize=address,undefined)
endif()

# Fuzzing: every object gets libFuzzer's coverage hooks plus ASan and UBSan (any UB aborts, so libFuzzer counts it
# as a crash); the fuzz_* executables add libFuzzer's main (tests/fuzz/CMakeLists.txt).
if(WB_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "WB_FUZZ needs clang (libFuzzer): use the fuzz preset or scripts/fuzz.sh")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
        -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()
