# The one list of om-runner's portable sources (paths relative to the project): what builds om-runner anywhere with
# a C++17 compiler, libdl and threads. core/remote/sources.cmake embeds them in the app (:/omrunner-src/, app/omrunner's
# files at the top, core's headers as run/... and util/...) so that `atcwb bench --on HOST` can build om-runner on a
# host no shipped binary fits (core/remote/omrunnerhost.h); app/omrunner/CMakeLists.txt checks that every source of
# its folder is listed here.
set(WB_OMRUNNER_PORTABLE_SOURCES
    app/omrunner/acl.h
    app/omrunner/aclerrors.h app/omrunner/aclerrors.cpp
    app/omrunner/acllib.h app/omrunner/acllib.cpp
    app/omrunner/bundlerun.h app/omrunner/bundlerun.cpp
    app/omrunner/inputs.cpp
    app/omrunner/main.cpp
    app/omrunner/measure.cpp
    app/omrunner/om_dispatch.h app/omrunner/om_dispatch.cpp
    app/omrunner/opprofiler.h app/omrunner/opprofiler.cpp
    app/omrunner/options.h app/omrunner/options.cpp
    app/omrunner/output.h app/omrunner/output.cpp
    app/omrunner/report.h app/omrunner/report.cpp
    app/omrunner/runner.h app/omrunner/runner.cpp
    app/omrunner/stats.h app/omrunner/stats.cpp
    app/omrunner/tensors.h app/omrunner/tensors.cpp
    core/run/dispatchplan.h
    core/run/omfileheader.h
    core/util/splitmix64.h
    core/util/percentile.h
)
