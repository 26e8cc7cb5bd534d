# OM header parser: omheader.h (Qt API of wb_core) over omfileheader.h (Qt-free, header-only, also compiled into
# app/omrunner's om-runner so both check OM files the same way).
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/omfileheader.h
    ${CMAKE_CURRENT_LIST_DIR}/omheader.h ${CMAKE_CURRENT_LIST_DIR}/omheader.cpp
)
