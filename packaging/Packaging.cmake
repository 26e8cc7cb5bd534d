# Installation layout and a Debian package (cpack -G DEB, in any configured build folder). Test doubles are never
# installed. tests/setup/tst_package builds the package, unpacks it with dpkg -x and runs the programs from there.
include(GNUInstallDirs)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/atc-workbench.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/io.github.atcworkbench.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/atc-workbench.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(page atc-workbench.1 atcwb.1 om-runner.1)
    wb_install_gzipped(${PROJECT_SOURCE_DIR}/packaging/man/${page} ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()

# Debian's doc folder: the copyright file (ours, plus the licence of the bundled ONNX Runtime when it is
# installed, see cmake/WbOrt.cmake) and the changelog.
set(_wb_doc_dir ${CMAKE_INSTALL_DATADIR}/doc/atc-workbench)
file(READ ${PROJECT_SOURCE_DIR}/packaging/copyright _wb_copyright)
if(WB_ORT_INSTALLED)
    file(READ ${WB_ORT_ROOT}/LICENSE _wb_ort_license)
    string(REGEX REPLACE "\n+$" "" _wb_ort_license "${_wb_ort_license}")
    string(REPLACE "\n\n" "\n.\n" _wb_ort_license "${_wb_ort_license}")
    string(REPLACE "\n" "\n " _wb_ort_license "${_wb_ort_license}")
    string(APPEND _wb_copyright "\n"
        "Files: usr/lib/atc-workbench/libonnxruntime*\n"
        "Comment: ONNX Runtime ${WB_ORT_VERSION}, Microsoft's Linux x64 build, as shipped in the npm package\n"
        " ${WB_ORT_PACKAGE} (fetched and checksum-verified by scripts/fetch-ort.sh). The notices of the third-party\n"
        " code it contains are in /usr/share/doc/atc-workbench/onnxruntime-ThirdPartyNotices.txt.gz.\n"
        "Copyright: Microsoft Corporation\n"
        "License: MIT\n"
        " ${_wb_ort_license}\n")
endif()
file(WRITE ${CMAKE_BINARY_DIR}/packaging/copyright "${_wb_copyright}")
install(FILES ${CMAKE_BINARY_DIR}/packaging/copyright DESTINATION ${_wb_doc_dir})
wb_install_gzipped(${PROJECT_SOURCE_DIR}/packaging/changelog ${_wb_doc_dir})
# The lintian tags that remain, each with its reason (tests/setup/tst_package runs lintian).
install(FILES ${PROJECT_SOURCE_DIR}/packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
    RENAME atc-workbench)

set(CPACK_PACKAGE_NAME atc-workbench)
set(CPACK_PACKAGE_VENDOR "ATC Workbench developers")
# The project has no public homepage and no contact address yet: the Homepage field is left out, and the
# maintainer is named without an address rather than with an invented one (lintian: packaging/lintian-overrides).
set(CPACK_PACKAGE_CONTACT "ATC Workbench developers")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "ATC Workbench developers")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "A Qt 6 desktop workbench (atc-workbench) and its command-line twin (atcwb)\n"
    "for deploying ONNX models to Huawei Ascend NPUs: see a model's inputs,\n"
    "outputs and the dynamic dimensions ATC refuses; prepare an ATC conversion\n"
    "checked as you type; run ATC with live log parsing; run the converted OM\n"
    "(om-runner) or the ONNX model on the CPU with the bundled ONNX Runtime, chart\n"
    "the latency and compare outputs. The Ascend toolkit (CANN) is not included:\n"
    "without it everything but conversion and NPU runs works.")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Libraries the programs link: found by dpkg-shlibdeps (Qt, QCustomPlot, ONNX, protobuf, spdlog, fmt, libstdc++).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded at run time, which dpkg-shlibdeps cannot see: Qt's SVG icon engine and image plugin (the window icon and
# every icon are SVG) are in libqt6svg6; the platform plugins (xcb, offscreen, minimal) in libqt6gui6.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6 (>= 6.4), libqt6gui6 (>= 6.4)")
# Also loaded at run time, but only where they apply: Wayland sessions (else XWayland's xcb is used), the VNC
# platform, and a CJK font for the Simplified Chinese interface.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-qpa-plugins, qt6-wayland, fonts-wqy-microhei | fonts-noto-cjk")
include(CPack)
