# spdlog named loggers, sinks and the Qt message bridge.
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/logging.h ${CMAKE_CURRENT_LIST_DIR}/logging.cpp
)
