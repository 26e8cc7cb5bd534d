# Deployment bundles (run/bundle.h: OMs + deploy.json for om_dispatch), the dispatch plan shared with om-runner
# (run/dispatchplan.h, header-only) and strategy runs (run/dispatchrun.h, CPU or om-runner --bundle). Reads
# conversion recipes and ONNX models.
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/bundle.h ${CMAKE_CURRENT_LIST_DIR}/bundle.cpp
    ${CMAKE_CURRENT_LIST_DIR}/dispatchplan.h ${CMAKE_CURRENT_LIST_DIR}/subsetsearch.h
    ${CMAKE_CURRENT_LIST_DIR}/dispatchrun.h ${CMAKE_CURRENT_LIST_DIR}/dispatchrun.cpp
)
