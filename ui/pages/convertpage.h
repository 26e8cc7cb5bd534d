#pragma once

#include "atc/atccheck.h"
#include "atc/atcoptions.h"
#include "atc/toolkit.h"
#include "onnx/onnxmodel.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace wb {

class FindingsList;
class InputShapeModel;
class LatestOnlyRunner;

// The Convert page: every ATC option in a form, checked as you type (ATC's rules, the model, the toolkit), the
// exact command it will run, and Run (disabled with the reason while any check fails).
class ConvertPage : public QWidget {
    Q_OBJECT
public:
    explicit ConvertPage(QWidget* parent = nullptr);

    void setModel(const OnnxModelPtr& model);
    void setToolkit(const AtcToolkit& toolkit);
    const AtcToolkit& toolkit() const { return m_toolkit; } // the one the checks and the preview used
    void clear();

    AtcOptions options() const; // what the form says
    void setOptions(const AtcOptions& options); // restores a recipe
    QList<qint64> batchVariants() const; // empty: one conversion
    const AtcCheckResult& lastCheck() const { return m_check; }
    QString commandPreview() const;
    bool canRun() const;
    QString runBlockedReason() const;
    QString fieldMessage(const QString& flag) const; // the finding shown at a field ("" when none)
    bool isChecking() const;
    InputShapeModel* shapeModel() const { return m_shapes; }
    void setField(const QString& flag, const QString& value); // for tests and recipes: a typed flag's text
    void setBatchVariants(const QString& text);
    void setOutNodes(const QString& text);
    // An attached NPU's SoC, offered as the default until the user picks one.
    void preselectSoc(const QString& socVersion);

signals:
    void checked(); // findings and preview are up to date
    void findingsChanged(const QList<wb::AtcFinding>& findings);
    void runRequested(const wb::AtcOptions& options, const QList<qint64>& batches);
    void nodeActivated(const QString& node);

private:
    QWidget* buildBasic();
    QWidget* buildAdvanced();
    QWidget* buildPreview();
    void schedule();
    void runCheck();
    void exportScript();
    void updateRunState();
    void markFields(const QList<AtcFinding>& findings); // the worst finding of each field, shown at the field
    QWidget* fieldWidget(const QString& flag) const;
    QString defaultOutputName() const;

    OnnxModelPtr m_model;
    AtcToolkit m_toolkit;
    AtcCheckResult m_check;
    InputShapeModel* m_shapes;
    LatestOnlyRunner* m_runner;
    QTimer* m_debounce;
    QLabel* m_toolkitBanner;
    QLabel* m_modelLabel;
    QComboBox* m_soc;
    QLineEdit* m_outDir;
    QLineEdit* m_outName;
    QLineEdit* m_batches;
    QTableView* m_shapeView;
    QComboBox* m_profileKind;
    QLineEdit* m_profile;
    QComboBox* m_inputFormat;
    QComboBox* m_outputType;
    QComboBox* m_precision;
    QLineEdit* m_outNodes;
    QLineEdit* m_aipp;
    QComboBox* m_log;
    QLineEdit* m_extra;
    FindingsList* m_findings;
    QPlainTextEdit* m_preview;
    QLabel* m_runReason;
    QPushButton* m_run;
    bool m_restoring = false;
    bool m_socChosen = false;
};

} // namespace wb
