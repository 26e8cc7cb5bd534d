# Remote hosts over SSH: the Host value, ssh/ssh-keyscan invocations (quoting through shellQuote), host keys
# against the app's own known_hosts, the probe (its remote script, a pure parser, the asynchronous HostProbe),
# uploads and downloads (remotefiles) and a tool run on a host (remotetool: ATC, om-runner, ais_bench, msame).
find_package(Qt6 REQUIRED COMPONENTS Network)
target_link_libraries(wb_core PUBLIC Qt6::Network)
target_sources(wb_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/host.h ${CMAKE_CURRENT_LIST_DIR}/host.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ssh.h ${CMAKE_CURRENT_LIST_DIR}/ssh.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hostkeys.h ${CMAKE_CURRENT_LIST_DIR}/hostkeys.cpp
    ${CMAKE_CURRENT_LIST_DIR}/probe.h ${CMAKE_CURRENT_LIST_DIR}/probe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/hostprobe.h ${CMAKE_CURRENT_LIST_DIR}/hostprobe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/remotetarget.h
    ${CMAKE_CURRENT_LIST_DIR}/remotefiles.h ${CMAKE_CURRENT_LIST_DIR}/remotefiles.cpp
    ${CMAKE_CURRENT_LIST_DIR}/remotetool.h ${CMAKE_CURRENT_LIST_DIR}/remotetool.cpp
    ${CMAKE_CURRENT_LIST_DIR}/remotetext.h
    ${CMAKE_CURRENT_LIST_DIR}/omrunnerhost.h ${CMAKE_CURRENT_LIST_DIR}/omrunnerhost.cpp
)

# om-runner's portable sources under :/omrunner-src/ (main.cpp, run/omfileheader.h, ...): built on a host that no
# shipped om-runner fits (omrunnerhost.h).
include(${PROJECT_SOURCE_DIR}/app/omrunner/portable-sources.cmake)
set(_wb_omrunner_resources)
foreach(_wb_file IN LISTS WB_OMRUNNER_PORTABLE_SOURCES)
    string(REGEX REPLACE "^(app/omrunner|core)/" "" _wb_alias "${_wb_file}")
    set_source_files_properties(${PROJECT_SOURCE_DIR}/${_wb_file} PROPERTIES QT_RESOURCE_ALIAS "${_wb_alias}")
    list(APPEND _wb_omrunner_resources ${PROJECT_SOURCE_DIR}/${_wb_file})
endforeach()
qt_add_resources(wb_core "omrunner_sources" PREFIX "/omrunner-src" FILES ${_wb_omrunner_resources})
