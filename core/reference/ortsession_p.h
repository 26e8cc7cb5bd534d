#pragma once

// Private to core/reference: one ONNX Runtime inference session on the CPU, over the C API table.
#ifdef WB_HAVE_ORT_HEADERS

#include "ortapi_p.h"
#include "runinputs_p.h"

#include <vector>

namespace wb::ort {

class Session {
public:
    // Creates the session (CPU execution provider, full graph optimisation, `intraOpThreads` 0 = ORT default,
    // one inter-op thread) and reads the declared inputs and outputs. Errors: ort_session_failed.
    static Result<std::unique_ptr<Session>> open(const QString& modelPath, int intraOpThreads);

    const QList<detail::IoSpec>& inputs() const { return m_inputs; }
    const QList<detail::IoSpec>& outputs() const { return m_outputs; }

    // Wraps `tensors` (model input order, kept alive by the session) as the inputs of the next runs.
    std::optional<Error> bind(QList<HostTensor> tensors);

    // One Run; `ms` is the steady-clock time around OrtApi::Run only. When `outputs` is given it receives copies
    // of the output tensors. Errors: ort_run_failed, unsupported_type (a non-tensor or string output).
    std::optional<Error> run(double* ms, QList<HostTensor>* outputs);

private:
    Session() = default;
    Result<QList<detail::IoSpec>> readIo(bool inputs);

    Ptr<OrtSession> m_session;
    QList<detail::IoSpec> m_inputs;
    QList<detail::IoSpec> m_outputs;
    QList<QByteArray> m_inputNames; // UTF-8, storage for the pointer arrays below
    QList<QByteArray> m_outputNames;
    std::vector<const char*> m_inputNamePtrs;
    std::vector<const char*> m_outputNamePtrs;
    QList<HostTensor> m_bound;
    std::vector<Ptr<OrtValue>> m_inputValues;
};

} // namespace wb::ort

#endif // WB_HAVE_ORT_HEADERS
