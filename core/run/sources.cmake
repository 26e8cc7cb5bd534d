target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/latencystats.h ${CMAKE_CURRENT_LIST_DIR}/latencystats.cpp
)
