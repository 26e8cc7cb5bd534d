// MainWindow's part in the OM inspector: opening an .om (or OM JSON), its source ONNX model, and its engines, marks
// and sidebar sections on the Graph page. Kept apart from mainwindow.cpp, which only composes.
#include "mainwindow.h"

#include "graph/overlaymodel.h"
#include "om/ommapping.h"
#include "pages/convertpage.h"
#include "pages/graphpage.h"
#include "pages/ompage.h"
#include "settings/settings.h"
#include "widgets/messagebar.h"

#include <QDir>
#include <QFileInfo>
#include <QStatusBar>

namespace wb {

void MainWindow::openOm(const QString& path)
{
    m_messageBar->dismiss();
    m_omPage->open(QFileInfo(path).absoluteFilePath());
}

void MainWindow::connectOm()
{
    connect(m_omPage, &OmPage::loaded, this, [this](const QString& path) {
        m_settings.addRecentFile(path);
        m_settings.setLastOpenDir(QFileInfo(path).absolutePath());
        refreshRecent();
        const std::shared_ptr<const OmModel> om = m_omPage->om();
        if (!om->warnings.isEmpty())
            m_messageBar->showMessage(
                MessageBar::Kind::Warning, tr("The OM opened with warnings"), om->warnings.join(QLatin1Char('\n')));
        // The ONNX model it came from: the open one, else the one its atc_cmdline names when it is found.
        const QString source = om->sourceModelFromCmdline();
        QString found;
        if (!m_model && !source.isEmpty()) {
            const QDir omDir = QFileInfo(path).absoluteDir();
            for (const QString& candidate :
                { source, omDir.filePath(source), omDir.filePath(QFileInfo(source).fileName()) }) {
                if (QFileInfo(candidate).isFile()) {
                    found = QFileInfo(candidate).absoluteFilePath();
                    break;
                }
            }
        }
        showPage(QStringLiteral("om"));
        if (!found.isEmpty())
            openModel(found); // applyOm() runs once its graph is laid out
        else
            applyOm();
        emit loadFinished(true);
    });
    connect(m_omPage, &OmPage::failed, this, [this](const QString&, const Error& error) {
        m_messageBar->showMessage(MessageBar::Kind::Error, tr("Could not open the OM"), error.message);
        emit loadFinished(false);
    });
    connect(m_omPage, &OmPage::findingsChanged, this, [this](const QList<AtcFinding>& findings) {
        QList<graph::OverlayModel::Mark> marks;
        for (const AtcFinding& f : findings) {
            const auto severity = f.severity == AtcSeverity::Error ? graph::OverlayModel::Severity::Error
                : f.severity == AtcSeverity::Warning               ? graph::OverlayModel::Severity::Warning
                                                                   : graph::OverlayModel::Severity::Info;
            for (const QString& node : f.nodes)
                marks.append({ node, severity, f.message, QStringLiteral("om") });
        }
        m_graphPage->overlay()->setMarks(QStringLiteral("om"), marks);
        m_graphPage->setNodeColouring(QStringLiteral("om"), m_omPage->nodeFills(), m_omPage->nodeSidebar());
    });
    connect(m_omPage, &OmPage::nodeActivated, this, [this](const QString& node) {
        if (m_model && showPage(QStringLiteral("graph")))
            m_graphPage->selectNode(node);
    });
    connect(m_graphPage, &GraphPage::layoutFinished, this, [this](bool ok) {
        if (ok && m_omPage->om())
            applyOm();
    });
}

void MainWindow::applyOm()
{
    if (!m_omPage->om())
        return;
    const auto scene = m_graphPage->scene();
    if (m_model && scene && scene->doc)
        m_omPage->setOnnxModel(m_model->summary().path, onnxNodeNames(*scene->doc));
    else
        m_omPage->setOnnxModel({}, {});
    const AtcOptions options = m_convertPage->options();
    m_omPage->setTarget(options.socVersion, options.inputShape); // emits findingsChanged: marks and colours follow
}

} // namespace wb
