target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/layout.h ${CMAKE_CURRENT_LIST_DIR}/layout.cpp
    ${CMAKE_CURRENT_LIST_DIR}/graphdocument.h ${CMAKE_CURRENT_LIST_DIR}/graphdocument.cpp
    ${CMAKE_CURRENT_LIST_DIR}/visiblegraph.h ${CMAKE_CURRENT_LIST_DIR}/visiblegraph.cpp
    ${CMAKE_CURRENT_LIST_DIR}/spatialindex.h ${CMAKE_CURRENT_LIST_DIR}/spatialindex.cpp
    ${CMAKE_CURRENT_LIST_DIR}/overlaymodel.h ${CMAKE_CURRENT_LIST_DIR}/overlaymodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/overlaymarks.h ${CMAKE_CURRENT_LIST_DIR}/overlaymarks.cpp
)
