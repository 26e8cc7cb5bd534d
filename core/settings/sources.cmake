# The typed facade over QSettings and every key in one file.
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/settings.h ${CMAKE_CURRENT_LIST_DIR}/settings.cpp ${CMAKE_CURRENT_LIST_DIR}/settingskeys.h
)
