#pragma once

#include "atc/atcoptions.h"
#include "atc/convertchecks.h"
#include "atc/toolkit.h"
#include "onnx/onnxmodel.h"

#include <QPair>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace wb {

class ExtraFlagsEditor;
class FindingsList;
class ProfilesEditor;
class InputShapeModel;
class ModelShapes;

// The Convert page: every ATC option in a form, checked as you type (ATC's rules, the model, the toolkit), the
// exact command it will run, and Run (disabled with the reason while any check fails). The checks and ATC's
// pre-check are run by its ConvertChecks; the page shows them.
class ConvertPage : public QWidget {
    Q_OBJECT
public:
    explicit ConvertPage(QWidget* parent = nullptr); // with shapes of its own
    // Edits `shapes` (input shapes, profile, batch variants), the open model's one set of shapes.
    explicit ConvertPage(ModelShapes* shapes, QWidget* parent = nullptr);

    void setModel(const OnnxModelPtr& model);
    void setToolkit(const AtcToolkit& toolkit);
    // A row above the toolkit banner that says where ATC runs (the window's "Convert on" selector).
    void setTargetSelector(QWidget* selector);
    // The host ATC runs on ("" for this machine): ATC's own pre-check runs with this machine's toolkit only.
    void setConvertHost(const QString& host);
    const AtcToolkit& toolkit() const { return m_checks->toolkit(); } // the one the checks and the preview used
    void clear();

    AtcOptions options() const; // what the form says
    // Restores a recipe. With `recipePath` (the recipe file it came from), a notice above the form says where the
    // OMs will be written whenever that is not the recipe's own folder (a recipe can name any output folder).
    void setOptions(const AtcOptions& options, const QString& recipePath = {});
    QString recipeNotice() const; // the notice's text, "" while hidden
    QList<qint64> batchVariants() const; // empty: one conversion
    const AtcCheckResult& lastCheck() const { return m_checks->result(); }
    QString commandPreview() const;
    bool canRun() const;
    QString runBlockedReason() const;
    QString findingDetail() const; // the full text shown below the checks ("" when none is selected)
    QString fieldMessage(const QString& flag) const; // the finding shown at a field ("" when none)
    bool isChecking() const;
    InputShapeModel* shapeModel() const { return m_shapes; }
    ModelShapes* shapes() const { return m_state; }
    void setField(const QString& flag, const QString& value); // for tests and recipes: a typed flag's text
    void setBatchVariants(const QString& text);
    void setOutNodes(const QString& text);
    // An attached NPU's SoC, offered as the default until the user picks one.
    void preselectSoc(const QString& socVersion);

    // ATC's own pre-check (atc --mode=3) for the current options; its findings join the checks until the options
    // change. Needs a toolkit; cancels when asked again while running.
    void runAtcPrecheck();
    bool isPrechecking() const;
    QString precheckStatus() const; // the line under the checks ("" before the first pre-check)
    QPushButton* precheckButton() const { return m_precheckButton; }

signals:
    void checked(); // findings and preview are up to date
    void findingsChanged(const QList<wb::AtcFinding>& findings);
    void runRequested(const wb::AtcOptions& options, const QList<qint64>& batches);
    void precheckFinished(const wb::PrecheckOutcome& outcome);
    void nodeActivated(const QString& node);

private:
    QWidget* buildBasic();
    QWidget* buildAdvanced();
    QWidget* buildPreview();
    void schedule();
    void exportScript();
    void updateRunState();
    void showFindings(const QList<AtcFinding>& findings); // our checks plus the pre-check's, while they apply
    void onPrecheckFinished(const PrecheckOutcome& outcome);
    void updatePrecheckButton();
    void updateDimLabels(); // the profiles table's dims columns, one per -1 in the input shapes
    // Fields (and profile kinds) for flags this ATC's --help does not list are disabled while empty, so the form
    // offers only what this ATC accepts; one holding a value stays editable (flag_unsupported marks it).
    void updateSupportedFields();
    void hidePrecheckStatus(); // the pre-check's results are forgotten
    void markFields(const QList<AtcFinding>& findings); // the worst finding of each field, shown at the field
    QWidget* fieldWidget(const QString& flag) const;
    QStringList formFlags() const; // the flags with a field here; the rest go through "Other flags"
    QString defaultOutputName() const;
    void updateRecipeNotice();
    void pullSharedShapes(); // the profile and batch variants of m_state into their fields

    ConvertChecks* m_checks; // the model, the toolkit, the checks and the pre-check
    QTimer* m_precheckTicker; // refreshes the running pre-check's status line (not once per output line)
    QString m_workDir; // the recipe's work_dir, kept through options()
    QString m_proposedName; // the output name proposed for the model and SoC (it follows the SoC until edited)
    ModelShapes* m_state;
    InputShapeModel* m_shapes; // m_state's
    QLabel* m_toolkitBanner;
    QString m_convertHost; // "" for this machine
    QLabel* m_recipeNotice;
    QString m_recipeFolder; // the folder of the recipe the form was restored from ("" when none)
    QLabel* m_modelLabel;
    QComboBox* m_soc;
    QLineEdit* m_outDir;
    QLineEdit* m_outName;
    QLineEdit* m_batches;
    QTableView* m_shapeView;
    ProfilesEditor* m_profiles;
    QComboBox* m_inputFormat;
    QComboBox* m_outputType;
    QComboBox* m_precision;
    QLineEdit* m_outNodes;
    QLineEdit* m_aipp;
    QComboBox* m_log;
    ExtraFlagsEditor* m_extraFlags;
    QList<QPair<QString, QWidget*>> m_fields; // typed flag -> its plain field (choice or line)
    FindingsList* m_findings;
    QLabel* m_findingDetail; // the selected finding's full text, below the list
    QPlainTextEdit* m_preview;
    QLabel* m_runReason;
    QPushButton* m_run;
    QPushButton* m_precheckButton;
    QLabel* m_precheckStatus;
    bool m_restoring = false;
    bool m_socChosen = false;
};

} // namespace wb
