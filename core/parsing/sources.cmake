# Pure parsers for tool output (ATC log, msame, ais_bench, npu-smi) and the ATC error catalogue.
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/lines.h ${CMAKE_CURRENT_LIST_DIR}/lines.cpp
    ${CMAKE_CURRENT_LIST_DIR}/atccatalogue.h ${CMAKE_CURRENT_LIST_DIR}/atccatalogue.cpp
    ${CMAKE_CURRENT_LIST_DIR}/atclog.h ${CMAKE_CURRENT_LIST_DIR}/atclog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pastedlog.h ${CMAKE_CURRENT_LIST_DIR}/pastedlog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/atclines_p.h ${CMAKE_CURRENT_LIST_DIR}/atclines.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runnerreport.h ${CMAKE_CURRENT_LIST_DIR}/runnerlines_p.h ${CMAKE_CURRENT_LIST_DIR}/runnerlines.cpp
    ${CMAKE_CURRENT_LIST_DIR}/msame.h ${CMAKE_CURRENT_LIST_DIR}/msame.cpp
    ${CMAKE_CURRENT_LIST_DIR}/aisbench.h ${CMAKE_CURRENT_LIST_DIR}/aisbench.cpp
    ${CMAKE_CURRENT_LIST_DIR}/npusmi.h ${CMAKE_CURRENT_LIST_DIR}/npusmi.cpp
    ${CMAKE_CURRENT_LIST_DIR}/logkind.h ${CMAKE_CURRENT_LIST_DIR}/logkind.cpp
    ${CMAKE_CURRENT_LIST_DIR}/parsingjson.h ${CMAKE_CURRENT_LIST_DIR}/parsingjson.cpp
    ${CMAKE_CURRENT_LIST_DIR}/parsingtext.h ${CMAKE_CURRENT_LIST_DIR}/parsingtext.cpp
)

# The error catalogue is data, compiled in as :/data/parsing/atc_errors.json.
qt_add_resources(wb_core "parsing_data"
    PREFIX "/data/parsing"
    BASE ${PROJECT_SOURCE_DIR}/resources/data/parsing
    FILES ${PROJECT_SOURCE_DIR}/resources/data/parsing/atc_errors.json)
