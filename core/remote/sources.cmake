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
)
