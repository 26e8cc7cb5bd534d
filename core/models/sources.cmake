# Table models exposing semantic roles (no colours, no icons).
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/tensortablemodel.h ${CMAKE_CURRENT_LIST_DIR}/tensortablemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/optypemodel.h ${CMAKE_CURRENT_LIST_DIR}/optypemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/roles.h ${CMAKE_CURRENT_LIST_DIR}/roles.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tensorshapemodel.h ${CMAKE_CURRENT_LIST_DIR}/tensorshapemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/inputshapemodel.h ${CMAKE_CURRENT_LIST_DIR}/inputshapemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/modelshapes.h ${CMAKE_CURRENT_LIST_DIR}/modelshapes.cpp
    ${CMAKE_CURRENT_LIST_DIR}/profilesmodel.h ${CMAKE_CURRENT_LIST_DIR}/profilesmodel.cpp
)
