# Per-operator profiles: msprof / torch_npu CSV readers, per-op aggregation, mapping to ONNX nodes, comparison,
# exports (CSV, JSON contract, Model Explorer node data, an annotated ONNX copy for Netron).
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/opprofile.h
    ${CMAKE_CURRENT_LIST_DIR}/profilecsv.h ${CMAKE_CURRENT_LIST_DIR}/profilecsv.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profilefiles.h ${CMAKE_CURRENT_LIST_DIR}/profilefiles.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profilemap.h ${CMAKE_CURRENT_LIST_DIR}/profilemap.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profilejson.h ${CMAKE_CURRENT_LIST_DIR}/profilejson.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profilenetron.h ${CMAKE_CURRENT_LIST_DIR}/profilenetron.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profiletext.h ${CMAKE_CURRENT_LIST_DIR}/profiletext.cpp
    ${CMAKE_CURRENT_LIST_DIR}/opprofilemodel.h ${CMAKE_CURRENT_LIST_DIR}/opprofilemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profilemarks.h ${CMAKE_CURRENT_LIST_DIR}/profilemarks.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profileom.h ${CMAKE_CURRENT_LIST_DIR}/profileom.cpp
    ${CMAKE_CURRENT_LIST_DIR}/msprofrun.h ${CMAKE_CURRENT_LIST_DIR}/msprofrun.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runnerprofile.h ${CMAKE_CURRENT_LIST_DIR}/runnerprofile.cpp
)
