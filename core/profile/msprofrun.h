#pragma once

#include "process/toolinvocation.h"

#include <QProcessEnvironment>
#include <QString>

namespace wb {

// msprof: `explicitPath` when given (and executable); else msprof on PATH (of `env`, else the application's), in
// $ASCEND_TOOLKIT_HOME/tools/profiler/bin, $ASCEND_HOME_PATH/tools/profiler/bin or
// /usr/local/Ascend/ascend-toolkit/latest/tools/profiler/bin. Empty when none is found.
QString findMsprof(const QString& explicitPath, const QProcessEnvironment& env = {});

// `runner` run under msprof: msprof --output=DIR --application="<runner's argv, shell-quoted>" (msprof starts the
// application through a shell and, in current CANN, exports op_summary / op_statistic CSVs into DIR/PROF_*/
// mindstudio_profiler_output when it ends). Environment, working folder and timeout stay the runner's.
ToolInvocation msprofInvocation(const ToolInvocation& runner, const QString& msprof, const QString& outputDir);

} // namespace wb
