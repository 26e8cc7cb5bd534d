# Benchmark runs (BenchRequest/BenchResult, BenchRun over ONNX Runtime, om-runner, ais_bench and msame), the
# om-runner protocol parser and the run history store.
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/bench.h ${CMAKE_CURRENT_LIST_DIR}/bench.cpp ${CMAKE_CURRENT_LIST_DIR}/benchjson.cpp
    ${CMAKE_CURRENT_LIST_DIR}/benchtools.h ${CMAKE_CURRENT_LIST_DIR}/benchtools.cpp
    ${CMAKE_CURRENT_LIST_DIR}/benchoutcome.cpp
    ${CMAKE_CURRENT_LIST_DIR}/benchrun_p.h ${CMAKE_CURRENT_LIST_DIR}/benchrun.cpp ${CMAKE_CURRENT_LIST_DIR}/benchcpu.cpp
    ${CMAKE_CURRENT_LIST_DIR}/omrunnerparser.h ${CMAKE_CURRENT_LIST_DIR}/omrunnerparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runhistory.h ${CMAKE_CURRENT_LIST_DIR}/runhistory.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runexplain.h ${CMAKE_CURRENT_LIST_DIR}/runexplain.cpp
    ${CMAKE_CURRENT_LIST_DIR}/benchtext.h ${CMAKE_CURRENT_LIST_DIR}/benchtext.cpp
)
