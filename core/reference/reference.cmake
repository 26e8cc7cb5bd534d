# CPU reference backend: ONNX Runtime loaded at run time (dlopen), never linked. See cmake/WbOrt.cmake.
include(${PROJECT_SOURCE_DIR}/cmake/WbOrt.cmake)

set(_wb_reference_sources
    ${CMAKE_CURRENT_LIST_DIR}/tensordata.h ${CMAKE_CURRENT_LIST_DIR}/tensordata.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tensorfile.h ${CMAKE_CURRENT_LIST_DIR}/tensorfile.cpp
    ${CMAKE_CURRENT_LIST_DIR}/accuracy.h ${CMAKE_CURRENT_LIST_DIR}/accuracy.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ortruntime.h ${CMAKE_CURRENT_LIST_DIR}/ortruntime.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ortapi_p.h
    ${CMAKE_CURRENT_LIST_DIR}/ortsession_p.h ${CMAKE_CURRENT_LIST_DIR}/ortsession.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runinputs_p.h ${CMAKE_CURRENT_LIST_DIR}/runinputs.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cpurunner.h ${CMAKE_CURRENT_LIST_DIR}/cpurunner.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cpudispatch.h ${CMAKE_CURRENT_LIST_DIR}/cpudispatch.cpp
)
target_sources(wb_core PRIVATE ${_wb_reference_sources})
# Only these files see the ORT headers (WB_HAVE_ORT_HEADERS when scripts/fetch-ort.sh has filled the cache).
wb_ort_configure_sources(wb_core
    ${CMAKE_CURRENT_LIST_DIR}/ortruntime.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ortsession.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cpurunner.cpp
    ${CMAKE_CURRENT_LIST_DIR}/cpudispatch.cpp)
