# core/process: ToolRunner (the only QProcess owner), LineSplitter, ToolInvocation, ToolResult, RunningTools,
# runToCompletion (blocking capture for short probes).
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/toolinvocation.h ${CMAKE_CURRENT_LIST_DIR}/toolinvocation.cpp
    ${CMAKE_CURRENT_LIST_DIR}/linesplitter.h ${CMAKE_CURRENT_LIST_DIR}/linesplitter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/toolresult.h ${CMAKE_CURRENT_LIST_DIR}/toolresult.cpp
    ${CMAKE_CURRENT_LIST_DIR}/toolresulttext.h
    ${CMAKE_CURRENT_LIST_DIR}/processgroup_p.h ${CMAKE_CURRENT_LIST_DIR}/processgroup.cpp
    ${CMAKE_CURRENT_LIST_DIR}/toolrunner.h ${CMAKE_CURRENT_LIST_DIR}/toolrunner.cpp
    ${CMAKE_CURRENT_LIST_DIR}/runningtools.h ${CMAKE_CURRENT_LIST_DIR}/runningtools.cpp
    ${CMAKE_CURRENT_LIST_DIR}/toolcapture.h ${CMAKE_CURRENT_LIST_DIR}/toolcapture.cpp
)
