# ATC options (the recipe), their validation, the command line, toolkit discovery and the ONNX operator check.
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/atcoptions.h ${CMAKE_CURRENT_LIST_DIR}/atcoptions.cpp
    ${CMAKE_CURRENT_LIST_DIR}/atcsyntax.h ${CMAKE_CURRENT_LIST_DIR}/atcsyntax.cpp
    ${CMAKE_CURRENT_LIST_DIR}/atcfinding.h ${CMAKE_CURRENT_LIST_DIR}/atcfinding.cpp
    ${CMAKE_CURRENT_LIST_DIR}/omname.h ${CMAKE_CURRENT_LIST_DIR}/omname.cpp
    ${CMAKE_CURRENT_LIST_DIR}/modelfacts.h ${CMAKE_CURRENT_LIST_DIR}/modelfacts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/validate.h ${CMAKE_CURRENT_LIST_DIR}/validate_p.h ${CMAKE_CURRENT_LIST_DIR}/validate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/checkstr_p.h
    ${CMAKE_CURRENT_LIST_DIR}/flagchoices.h ${CMAKE_CURRENT_LIST_DIR}/validateflags.cpp ${CMAKE_CURRENT_LIST_DIR}/validateshapes.cpp
    ${CMAKE_CURRENT_LIST_DIR}/validateinputs.cpp
    ${CMAKE_CURRENT_LIST_DIR}/opsupport.h ${CMAKE_CURRENT_LIST_DIR}/opsupport.cpp ${CMAKE_CURRENT_LIST_DIR}/opcheck.cpp
    ${CMAKE_CURRENT_LIST_DIR}/invocation.h ${CMAKE_CURRENT_LIST_DIR}/invocation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/toolkit.h ${CMAKE_CURRENT_LIST_DIR}/toolkit.cpp ${CMAKE_CURRENT_LIST_DIR}/toolkitprobe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/atccheck.h ${CMAKE_CURRENT_LIST_DIR}/atccheck.cpp
    ${CMAKE_CURRENT_LIST_DIR}/toolkitcontroller.h ${CMAKE_CURRENT_LIST_DIR}/toolkitcontroller.cpp
)

# The operator table (atc.md §7) and the built-in SoC list, compiled in under :/data/atc/.
qt_add_resources(wb_core "atc_data"
    PREFIX "/data/atc"
    BASE ${PROJECT_SOURCE_DIR}/resources/data/atc
    FILES
        ${PROJECT_SOURCE_DIR}/resources/data/atc/onnx_ops.json
        ${PROJECT_SOURCE_DIR}/resources/data/atc/soc_versions.json)
