# Conversion jobs (staging folder, OM moved into place on success, recipe and log beside it), batch variants and
# the queue that runs them; ATC's own pre-check (--mode=3) and ConvertChecks (the Convert page's checks), over
# process (ToolRunner), parsing (ATC log) and run (OM header).
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/conversion.h
    ${CMAKE_CURRENT_LIST_DIR}/conversionplan.cpp
    ${CMAKE_CURRENT_LIST_DIR}/conversionrecipe.h ${CMAKE_CURRENT_LIST_DIR}/conversionrecipe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/conversionjob_p.h ${CMAKE_CURRENT_LIST_DIR}/conversionjob.cpp
    ${CMAKE_CURRENT_LIST_DIR}/conversionqueue.cpp
    ${CMAKE_CURRENT_LIST_DIR}/conversiontext.h ${CMAKE_CURRENT_LIST_DIR}/conversiontext.cpp
    ${CMAKE_CURRENT_LIST_DIR}/atcprecheck.h ${CMAKE_CURRENT_LIST_DIR}/atcprecheck.cpp
    ${CMAKE_CURRENT_LIST_DIR}/convertchecks.h ${CMAKE_CURRENT_LIST_DIR}/convertchecks.cpp
)
