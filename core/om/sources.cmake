# OM inspector: an .om's partitions and model definition (our own .proto of GE's schema), the JSON of
# `atc --mode=1`, mapping to the ONNX graph, lint. The generated protobuf code is a library of its own, built
# without the project's warning flags (generated code is not ours to fix), linked privately into wb_core.
set(WB_OM_PROTO_DIR ${CMAKE_BINARY_DIR}/generated-proto)
file(MAKE_DIRECTORY ${WB_OM_PROTO_DIR})
add_library(wb_omproto STATIC ${CMAKE_CURRENT_LIST_DIR}/ge_ir_min.proto)
protobuf_generate(TARGET wb_omproto LANGUAGE cpp IMPORT_DIRS ${CMAKE_CURRENT_LIST_DIR}/.. PROTOC_OUT_DIR ${WB_OM_PROTO_DIR})
# The generated header is om/ge_ir_min.pb.h under WB_OM_PROTO_DIR.
target_include_directories(wb_omproto PUBLIC ${WB_OM_PROTO_DIR})
target_link_libraries(wb_omproto PUBLIC protobuf::libprotobuf)
set_target_properties(wb_omproto PROPERTIES POSITION_INDEPENDENT_CODE ON AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
target_link_libraries(wb_core PRIVATE wb_omproto)

target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ommodel.h ${CMAKE_CURRENT_LIST_DIR}/ommodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/omraw_p.h
    ${CMAKE_CURRENT_LIST_DIR}/omjson.cpp ${CMAKE_CURRENT_LIST_DIR}/ombinary.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ommapping.h ${CMAKE_CURRENT_LIST_DIR}/ommapping.cpp
    ${CMAKE_CURRENT_LIST_DIR}/omlint.h ${CMAKE_CURRENT_LIST_DIR}/omlint.cpp
    ${CMAKE_CURRENT_LIST_DIR}/omcrosscheck.h ${CMAKE_CURRENT_LIST_DIR}/omcrosscheck.cpp
)
