#include "comparedialog.h"

#include "theme.h"
#include "util/latestonly.h"
#include "widgets/pathfield.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace wb {

namespace {

QString number(double v, int precision = 6)
{
    if (std::isnan(v))
        return QStringLiteral("—"); // undefined (cosine with an all-zero side)
    return std::isfinite(v) ? QString::number(v, 'g', precision) : QStringLiteral("∞");
}

// The outcome of a comparison on the worker: the report or the error's sentence.
struct CompareOutcome {
    AccuracyReport report;
    QString error;
};

} // namespace

CompareDialog::CompareDialog(QWidget* parent)
    : QDialog(parent)
    , m_reference(new QLineEdit(this))
    , m_actual(new QLineEdit(this))
    , m_atol(new QDoubleSpinBox(this))
    , m_rtol(new QDoubleSpinBox(this))
    , m_cosine(new QDoubleSpinBox(this))
    , m_compare(new QPushButton(tr("Compare"), this))
    , m_table(new QTableWidget(0, 7, this))
    , m_status(new QLabel(this))
    , m_runner(new LatestOnlyRunner(this))
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(tr("Compare Outputs"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Compare a run's outputs with the reference's, on the same inputs: ONNX Runtime's "
                                "output_N.pb (Run page or `atcwb bench --output-dir`) against the OM's "
                                "output_N.bin (om-runner, msame, ais_bench)."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    auto pathRow = [this](QLineEdit* edit, const QString& title) {
        return withBrowseButton(
            edit,
            [this, title](const QString& current) { return QFileDialog::getExistingDirectory(this, title, current); },
            this);
    };
    m_reference->setObjectName(QStringLiteral("referencePath"));
    m_actual->setObjectName(QStringLiteral("actualPath"));
    m_reference->setPlaceholderText(tr("Folder with output_0.pb, output_1.pb, …"));
    m_actual->setPlaceholderText(tr("Folder with output_0.bin, … (or .pb)"));
    form->addRow(tr("Reference outputs:"), pathRow(m_reference, tr("Reference Outputs")));
    form->addRow(tr("Outputs to check:"), pathRow(m_actual, tr("Outputs to Check")));
    const AccuracyTolerance defaults;
    auto* tolerances = new QHBoxLayout;
    for (auto [box, value, max] : { std::tuple { m_atol, defaults.atol, 1e6 },
             std::tuple { m_rtol, defaults.rtol, 1e6 }, std::tuple { m_cosine, defaults.minCosine, 1.0 } }) {
        box->setDecimals(6);
        box->setRange(0.0, max);
        box->setSingleStep(0.001);
        box->setValue(value);
    }
    tolerances->addWidget(new QLabel(tr("atol"), this));
    tolerances->addWidget(m_atol);
    tolerances->addWidget(new QLabel(tr("rtol"), this));
    tolerances->addWidget(m_rtol);
    tolerances->addWidget(new QLabel(tr("min cosine"), this));
    tolerances->addWidget(m_cosine);
    tolerances->addStretch();
    tolerances->addWidget(m_compare);
    form->addRow(tr("Tolerance:"), tolerances);
    layout->addLayout(form);
    m_table->setObjectName(QStringLiteral("accuracyTable"));
    // A not-compared reason spans the figure columns: when they are resized, its row is refitted to the wrapped text.
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, m_table, [this] {
        for (int row = 0; row < m_table->rowCount(); ++row) {
            if (m_table->columnSpan(row, 1) > 1)
                m_table->resizeRowToContents(row);
        }
    });
    m_table->setHorizontalHeaderLabels({ tr("Output"), tr("Cosine"), tr("Max abs"), tr("Max rel"), tr("Mean abs"),
        tr("Out of tolerance"), tr("Result") });
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_table, 1);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_compare, &QPushButton::clicked, this, &CompareDialog::compare);
    resize(820, 460);
}

void CompareDialog::setPaths(const QString& reference, const QString& actual)
{
    m_reference->setText(reference);
    m_actual->setText(actual);
}

bool CompareDialog::isComparing() const
{
    return m_runner->isBusy();
}

QString CompareDialog::statusText() const
{
    return m_status->text();
}

void CompareDialog::compare()
{
    const QString reference = m_reference->text().trimmed(), actual = m_actual->text().trimmed();
    if (reference.isEmpty() || actual.isEmpty()) {
        m_status->setText(tr("Choose both folders (or files) first."));
        return;
    }
    AccuracyTolerance tolerance;
    tolerance.atol = m_atol->value();
    tolerance.rtol = m_rtol->value();
    tolerance.minCosine = m_cosine->value();
    m_status->setText(tr("Comparing…"));
    m_status->setStyleSheet(QString());
    m_runner->submit<CompareOutcome>(
        [reference, actual, tolerance] {
            const Result<AccuracyReport> r = compareOutputs(reference, actual, tolerance);
            return r.ok() ? CompareOutcome { r.value(), {} } : CompareOutcome { {}, r.error().message };
        },
        [this](const CompareOutcome& outcome) {
            if (!outcome.error.isEmpty()) {
                m_table->setRowCount(0);
                m_status->setText(outcome.error);
                m_status->setStyleSheet(QStringLiteral("color:%1;").arg(theme::text(theme::Tone::Error).name()));
                emit compared(false);
                return;
            }
            showReport(outcome.report);
            emit compared(outcome.report.pass);
        });
}

void CompareDialog::showReport(const AccuracyReport& report)
{
    m_table->clearSpans();
    m_table->setRowCount(int(report.outputs.size()));
    int passed = 0;
    for (int row = 0; row < report.outputs.size(); ++row) {
        const TensorAccuracy& t = report.outputs.at(row);
        passed += t.pass ? 1 : 0;
        const bool compared = t.problem.isEmpty();
        const QStringList cells { QStringLiteral("%1  %2 (%3, %4)").arg(t.index).arg(t.name, t.dtype).arg(t.elements),
            compared ? number(t.cosine, 8) : QStringLiteral("—"), compared ? number(t.maxAbs) : QStringLiteral("—"),
            compared ? number(t.maxRel) : QStringLiteral("—"), compared ? number(t.meanAbs) : QStringLiteral("—"),
            compared ? QString::number(t.mismatches) : QStringLiteral("—"), t.pass ? tr("PASS") : tr("FAIL") };
        QString tip = t.problem.isEmpty() ? t.note : t.problem;
        tip += QStringLiteral("\n%1\n%2").arg(t.referenceFile, t.actualFile);
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(tip.trimmed());
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, c, item);
        }
        m_table->item(row, 6)->setForeground(theme::text(t.pass ? theme::Tone::Success : theme::Tone::Error));
    }
    m_table->resizeColumnsToContents();
    for (int row = 0; row < report.outputs.size(); ++row) {
        const TensorAccuracy& t = report.outputs.at(row);
        if (t.problem.isEmpty())
            continue;
        // Not compared (shapes or types differ): the reason in the row itself, across the figures it replaces (set
        // after sizing the columns, so that a long reason does not widen one figure column).
        m_table->item(row, 1)->setText(t.problem);
        m_table->item(row, 1)->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        m_table->setSpan(row, 1, 1, 5);
        m_table->resizeRowToContents(row); // the whole reason, wrapped, not cut off with "…"
    }
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_status->setText(report.pass
            ? tr("PASS: all %n output(s) within tolerance.", nullptr, int(report.outputs.size()))
            : tr("FAIL: %1 of %2 output(s) passed; hover a row for the files.").arg(passed).arg(report.outputs.size()));
    m_status->setStyleSheet(
        QStringLiteral("color:%1;").arg(theme::text(report.pass ? theme::Tone::Success : theme::Tone::Error).name()));
}

} // namespace wb
