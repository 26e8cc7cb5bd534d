# Small shared pieces: Result, LatestOnly, checked sizes, atomic file writes, safe paths, units, texts kept in English
# and translated when shown.
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/result.h ${CMAKE_CURRENT_LIST_DIR}/latestonly.h ${CMAKE_CURRENT_LIST_DIR}/checkedsize.h
    ${CMAKE_CURRENT_LIST_DIR}/atomicfile.h ${CMAKE_CURRENT_LIST_DIR}/atomicfile.cpp ${CMAKE_CURRENT_LIST_DIR}/safepath.h
    ${CMAKE_CURRENT_LIST_DIR}/safepath.cpp ${CMAKE_CURRENT_LIST_DIR}/units.h ${CMAKE_CURRENT_LIST_DIR}/units.cpp
    ${CMAKE_CURRENT_LIST_DIR}/releaseinbackground.h ${CMAKE_CURRENT_LIST_DIR}/showntext.h
    ${CMAKE_CURRENT_LIST_DIR}/showntext.cpp
)
