# ONNX Runtime for the CPU reference backend (core/reference): headers at build time, library at run time only.
#
# scripts/fetch-ort.sh puts ORT 1.29 into ${WB_ORT_ROOT}/{include,lib}. When the headers are there, the reference
# backend is compiled for real (WB_HAVE_ORT_HEADERS) and libonnxruntime.so.1 is copied next to the binaries
# (<build>/lib, the "app's own lib folder") and installed to lib/atc-workbench. Nothing ever links libonnxruntime:
# wb_core dlopen()s it and resolves OrtGetApiBase with dlsym, so the build and the tests work without the download.
#
# Sets: WB_ORT_FOUND, WB_ORT_INCLUDE_DIR, WB_ORT_LIBRARY (may be empty even when the headers are found),
#       WB_ORT_INSTALLED (the library is installed, with its licence: packaging/Packaging.cmake names it in the
#       copyright file), WB_ORT_VERSION, WB_ORT_PACKAGE (from the cache's SOURCE.txt),
#       target wb_ort_runtime (copies the library into <build>/lib; a no-op target when there is none).
include_guard(GLOBAL)

if(DEFINED ENV{WB_ORT_CACHE} AND NOT "$ENV{WB_ORT_CACHE}" STREQUAL "")
    set(_wb_ort_default "$ENV{WB_ORT_CACHE}")
elseif(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
    set(_wb_ort_default "$ENV{XDG_CACHE_HOME}/atc-workbench/ort-1.29.0")
else()
    set(_wb_ort_default "$ENV{HOME}/.cache/atc-workbench/ort-1.29.0")
endif()
set(WB_ORT_ROOT "${_wb_ort_default}" CACHE PATH
    "ONNX Runtime 1.29 folder with include/ and lib/ (scripts/fetch-ort.sh fills the default one)")
option(WB_ORT_BUNDLE "Copy libonnxruntime.so.1 into <build>/lib and install it to lib/atc-workbench" ON)

# Checked on every configure (no cached find_path result), so running fetch-ort.sh and reconfiguring is enough.
set(WB_ORT_FOUND OFF)
set(WB_ORT_INCLUDE_DIR "")
set(WB_ORT_LIBRARY "")
if(EXISTS "${WB_ORT_ROOT}/include/onnxruntime_c_api.h")
    file(STRINGS "${WB_ORT_ROOT}/include/onnxruntime_c_api.h" _wb_ort_api REGEX "^#define ORT_API_VERSION [0-9]+")
    string(REGEX REPLACE "^#define ORT_API_VERSION ([0-9]+).*" "\\1" _wb_ort_api "${_wb_ort_api}")
    if(_wb_ort_api GREATER_EQUAL 16)
        set(WB_ORT_FOUND ON)
        set(WB_ORT_INCLUDE_DIR "${WB_ORT_ROOT}/include")
    else()
        message(WARNING "ONNX Runtime headers in ${WB_ORT_ROOT} have ORT_API_VERSION '${_wb_ort_api}' (need >= 16): "
            "the CPU reference backend is left out. Run scripts/fetch-ort.sh --force.")
    endif()
endif()
if(WB_ORT_FOUND AND EXISTS "${WB_ORT_ROOT}/lib/libonnxruntime.so.1")
    set(WB_ORT_LIBRARY "${WB_ORT_ROOT}/lib/libonnxruntime.so.1")
endif()

if(WB_ORT_FOUND)
    message(STATUS "ONNX Runtime headers: ${WB_ORT_INCLUDE_DIR} (API ${_wb_ort_api}); library to bundle: "
        "${WB_ORT_LIBRARY}; loaded at run time only")
else()
    message(STATUS "ONNX Runtime not found in ${WB_ORT_ROOT}: the CPU reference backend is a stub "
        "(run scripts/fetch-ort.sh and reconfigure to enable it)")
endif()

set(WB_ORT_INSTALLED OFF)
set(WB_ORT_VERSION "1.29.0")
set(WB_ORT_PACKAGE "")
if(EXISTS "${WB_ORT_ROOT}/SOURCE.txt")
    file(STRINGS "${WB_ORT_ROOT}/SOURCE.txt" WB_ORT_PACKAGE REGEX "^source: npm " LIMIT_COUNT 1)
    string(REGEX REPLACE "^source: npm " "" WB_ORT_PACKAGE "${WB_ORT_PACKAGE}")
endif()
set(_wb_ort_outputs "")
if(WB_ORT_LIBRARY AND WB_ORT_BUNDLE)
    set(_wb_ort_libdir "${CMAKE_BINARY_DIR}/lib")
    set(_wb_ort_copies "${WB_ORT_LIBRARY}")
    set(_wb_ort_outputs "${_wb_ort_libdir}/libonnxruntime.so.1")
    if(EXISTS "${WB_ORT_ROOT}/lib/libonnxruntime_providers_shared.so")
        list(APPEND _wb_ort_copies "${WB_ORT_ROOT}/lib/libonnxruntime_providers_shared.so")
        list(APPEND _wb_ort_outputs "${_wb_ort_libdir}/libonnxruntime_providers_shared.so")
    endif()
    add_custom_command(
        OUTPUT ${_wb_ort_outputs}
        COMMAND ${CMAKE_COMMAND} -E make_directory "${_wb_ort_libdir}"
        COMMAND ${CMAKE_COMMAND} -E copy_if_different ${_wb_ort_copies} "${_wb_ort_libdir}/"
        DEPENDS ${_wb_ort_copies}
        COMMENT "Copying ONNX Runtime into ${_wb_ort_libdir}"
        VERBATIM)
    # Shipped only with its licence and third-party notices (fetch-ort.sh keeps them beside lib/ and include/).
    if(EXISTS "${WB_ORT_ROOT}/LICENSE" AND EXISTS "${WB_ORT_ROOT}/ThirdPartyNotices.txt")
        install(FILES ${_wb_ort_copies} DESTINATION lib/atc-workbench)
        wb_install_gzipped("${WB_ORT_ROOT}/ThirdPartyNotices.txt" share/doc/atc-workbench
            RENAME onnxruntime-ThirdPartyNotices.txt)
        set(WB_ORT_INSTALLED ON)
    else()
        message(WARNING "${WB_ORT_ROOT} has no LICENSE and ThirdPartyNotices.txt, so ONNX Runtime is not installed "
            "(nor packaged): run scripts/fetch-ort.sh, which refreshes a cache made by an older version, and "
            "reconfigure")
    endif()
endif()
add_custom_target(wb_ort_runtime ALL DEPENDS ${_wb_ort_outputs})

# Compile settings for the reference backend's own sources (core/reference/reference.cmake applies them). Only
# those files see the ORT headers, so the rest of <target> is not rebuilt when ORT appears or goes. Call it from
# the directory that creates <target> (source file properties are per directory).
function(wb_ort_configure_sources target)
    if(WB_ORT_FOUND)
        set_source_files_properties(${ARGN} PROPERTIES
            COMPILE_OPTIONS "-isystem;${WB_ORT_INCLUDE_DIR}"
            COMPILE_DEFINITIONS "WB_HAVE_ORT_HEADERS;ORT_API_MANUAL_INIT")
    endif()
    target_link_libraries(${target} PRIVATE ${CMAKE_DL_LIBS})
    add_dependencies(${target} wb_ort_runtime)
endfunction()
