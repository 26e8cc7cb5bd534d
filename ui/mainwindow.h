#pragma once

#include "onnx/shapespec.h"

#include "atc/atcoptions.h"
#include "onnx/onnxmodel.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTimer;

namespace wb {

class CompareDialog;

class LogPanel;
class MessageBar;
class ModelLoader;
class ModelPage;
class ModelShapes;
class ShapesPage;
class GraphPage;
class ConvertPage;
class ConversionPage;
class ConvertManyPage;
class RunPage;
struct RemoteTarget;
class HostConnections;
class TargetHostCombo;
class ConnectionIndicator;
class OmPage;
class ProfilePage;
class ToolkitController;
class Settings;
class WelcomePage;

// Composes pages and docks; the work itself lives in wb_core.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Settings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void openModel(const QString& path);
    // Opens an OM (.om, or the JSON of atc --mode=1) on the OM page; openModel() and openRecipe() send OMs here.
    void openOm(const QString& path);
    // Opens a conversion recipe (<om>.recipe.json): its model, with the Convert page restored from it.
    void openRecipe(const QString& path);
    // Tools > Compare Outputs…: the accuracy dialog, with the folders filled and compared when both are given.
    CompareDialog* showCompare(const QString& reference = {}, const QString& actual = {});
    // A per-operator profile (a PROF_* folder or an op_summary / op_statistic / kernel_details CSV) on the Profile
    // page, on the Graph page's nodes when a model is open (File > Open Profile…, a dropped CSV or folder).
    void openProfile(const QString& path);
    // A saved ATC console log, shown on the ATC Run page (File > Open ATC Log…, a dropped .log/.txt file).
    void openAtcLog(const QString& path);
    // Convert Many: the .onnx files under `paths` (folders searched recursively), one row each on the Convert Many
    // page (a drop of several files or a folder, File > Convert Many…, atc-workbench --convert-many DIR).
    void convertMany(const QStringList& paths);
    // Gives the open model's inputs these static shapes on the Shapes and Convert pages (atc-workbench --input-shape).
    void setInputShapes(const QList<InputShapeSpec>& specs);
    // Pages by name: "welcome" (no model), "model", "shapes", "graph", "convert", "atc", "run", "om", "convertmany",
    // "profile". False for an unknown name.
    bool showPage(const QString& name);
    QString currentPageName() const;
    static QStringList pageNames();

    OnnxModelPtr currentModel() const { return m_model; }
    // The open model's one set of shapes (inputs, profile, batch variants), shared by Shapes, Convert, Graph and Run.
    ModelShapes* shapes() const { return m_shapeState; }
    bool isLoading() const;
    // Loading, or background work on the open model (shape inference) still under way.
    bool isBusy() const;
    MessageBar* messageBar() const { return m_messageBar; }
    ModelPage* modelPage() const { return m_modelPage; }
    ShapesPage* shapesPage() const { return m_shapesPage; }
    GraphPage* graphPage() const { return m_graphPage; }
    ConvertPage* convertPage() const { return m_convertPage; }
    ConversionPage* conversionPage() const { return m_conversionPage; }
    RunPage* runPage() const { return m_runPage; }
    OmPage* omPage() const { return m_omPage; }
    ConvertManyPage* convertManyPage() const { return m_convertManyPage; }
    ProfilePage* profilePage() const { return m_profilePage; }
    // Asked on quit while tools run; returns true to stop them and quit. Replaceable for tests.
    void setQuitConfirmation(std::function<bool(const QStringList& running)> confirm);
    ToolkitController* toolkit() const { return m_toolkit; }
    // Remote hosts (mainwindow_hosts.cpp): the session's connections, Convert on, the status bar's indicator.
    HostConnections* hostConnections() const { return m_hosts; }
    TargetHostCombo* convertOn() const { return m_convertOn; }
    ConnectionIndicator* connectionIndicator() const { return m_connectionIndicator; }
    void refreshHostTargets(); // probes every host for the Run page's targets (asynchronously)
    void reloadHosts(); // the settings' host list changed (Settings > Hosts): Convert on and the Run page follow
    LogPanel* logPanel() const { return m_logPanel; }
    QMenu* recentMenu() const { return m_recentMenu; }

signals:
    // Emitted after every load attempt, once the window shows its result.
    void loadFinished(bool ok);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createDocks();
    void onLoaded(const OnnxModelPtr& model);
    void onInferenceFinished(bool ok);
    void connectSelection();
    void connectConversion();
    void connectOm(); // mainwindow_om.cpp
    void applyOm(); // the open OM onto the open ONNX model's graph
    void connectProfile();
    void connectHosts(); // mainwindow_hosts.cpp
    void onLoadFailed(const QString& code, const QString& message, const QString& detail);
    void chooseFile();
    void closeModel();
    void rebuildRecentMenu();
    void refreshRecent();
    void showAbout();
    void showSettings(bool hosts = false); // hosts: with the Hosts tab in front
    void startConversionOn(const std::shared_ptr<const RemoteTarget>& remote); // mainwindow_hosts.cpp
    void stopToolsThenClose(); // quitting with tools running: stops them without blocking, then closes

    Settings& m_settings;
    ModelLoader* m_loader;
    OnnxModelPtr m_model;
    ModelShapes* m_shapeState;
    MessageBar* m_messageBar;
    QStackedWidget* m_pages;
    QListWidget* m_nav;
    WelcomePage* m_welcome;
    ModelPage* m_modelPage;
    ShapesPage* m_shapesPage;
    GraphPage* m_graphPage;
    ConvertPage* m_convertPage;
    ConversionPage* m_conversionPage;
    RunPage* m_runPage;
    OmPage* m_omPage;
    ConvertManyPage* m_convertManyPage;
    ProfilePage* m_profilePage;
    std::function<bool(const QStringList&)> m_confirmQuit;
    QPointer<CompareDialog> m_compare;
    AtcOptions m_pendingRecipe;
    QString m_pendingRecipePath; // shown by the Convert page when the recipe writes elsewhere
    bool m_hasPendingRecipe = false;
    ToolkitController* m_toolkit;
    LogPanel* m_logPanel;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_statusPath;
    QProgressBar* m_busy;
    QTimer* m_stopping = nullptr; // while tools stop for quitting: closes the window once none runs
    HostConnections* m_hosts = nullptr;
    TargetHostCombo* m_convertOn = nullptr;
    ConnectionIndicator* m_connectionIndicator = nullptr;
    QString m_conversionHost; // the host the running conversion went to ("" for this machine)
    QString m_runHost; // the host the running run went to
    bool m_hostTargetsAsked = false; // the Run page asked the hosts for their NPUs once
};

} // namespace wb
