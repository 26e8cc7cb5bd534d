# Layout benchmarks (bench_layout.cpp, see README-layout.md). Programs to run by hand or through
# scripts/bench-layout.sh, not ctest tests. Included from bench/CMakeLists.txt (WB_BUILD_BENCH=ON), after the top level
# found Protobuf, ONNX and Qt.
#
#   wb_bench_layout     wb::graph::layoutGraph against dagre (node, bench/layout/) and Graphviz dot, on generated
#                       graphs and the test models. wb_core only.
#   wb_bench_graphview  frame time of wb::GraphView while panning a generated 20k-node model (offscreen Qt).
#                       Same source with WB_BENCH_GRAPHVIEW, plus ui/graph's view and scene; onnx to write the model.

set(_wb_bench_layout_defs
    WB_BENCH_LAYOUT_SCRIPT="${CMAKE_CURRENT_LIST_DIR}/layout/dagre_layout.js"
    WB_BENCH_MODELS_DIR="${CMAKE_BINARY_DIR}/models")

add_executable(wb_bench_layout ${CMAKE_CURRENT_LIST_DIR}/bench_layout.cpp)
set_target_properties(wb_bench_layout PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
target_compile_definitions(wb_bench_layout PRIVATE ${_wb_bench_layout_defs})
target_link_libraries(wb_bench_layout PRIVATE wb_core wb_project_options)
if(TARGET wb_models)
    add_dependencies(wb_bench_layout wb_models) # the test models it lays out
endif()

# The view and scene are compiled in directly rather than linking wb_ui: wb_ui's single moc object pulls in every
# widget of the app, and with them areas (atc, ...) that a build may leave out with WB_SKIP_AREAS.
add_executable(wb_bench_graphview ${CMAKE_CURRENT_LIST_DIR}/bench_layout.cpp
    ${PROJECT_SOURCE_DIR}/ui/graph/graphview.h ${PROJECT_SOURCE_DIR}/ui/graph/graphview.cpp
    ${PROJECT_SOURCE_DIR}/ui/graph/graphscene.h ${PROJECT_SOURCE_DIR}/ui/graph/graphscene.cpp
    ${PROJECT_SOURCE_DIR}/ui/theme.h ${PROJECT_SOURCE_DIR}/ui/theme.cpp)
set_target_properties(wb_bench_graphview PROPERTIES AUTOMOC ON AUTOUIC OFF AUTORCC OFF)
target_compile_definitions(wb_bench_graphview PRIVATE WB_BENCH_GRAPHVIEW ${_wb_bench_layout_defs})
target_include_directories(wb_bench_graphview PRIVATE ${PROJECT_SOURCE_DIR}/ui)
target_link_libraries(wb_bench_graphview PRIVATE wb_core Qt6::Widgets wb_project_options onnx onnx_proto
    protobuf::libprotobuf)
