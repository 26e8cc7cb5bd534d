// ModelLoader: loads on a worker thread, reports on the caller's thread, drops stale results.
#include "onnx/modelloader.h"
#include "testutil.h"

#include <QThread>

using namespace wb;

class TestModelLoader : public QObject {
    Q_OBJECT
private slots:
    void loadsOnWorker();
    void reportsFailure();
    void newestRequestWins();
};

void TestModelLoader::loadsOnWorker()
{
    ModelLoader loader;
    QSignalSpy loaded(&loader, &ModelLoader::loaded);
    QSignalSpy failed(&loader, &ModelLoader::loadFailed);
    QSignalSpy busy(&loader, &ModelLoader::busyChanged);
    QThread* callerThread = QThread::currentThread();
    QThread* reportThread = nullptr;
    connect(&loader, &ModelLoader::loaded, this, [&] { reportThread = QThread::currentThread(); });

    loader.load(wbtest::modelPath(QStringLiteral("resnet_static.onnx")));
    QVERIFY(loader.isLoading()); // returns at once, the parse runs elsewhere
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(reportThread, callerThread);
    const auto model = loaded.first().first().value<OnnxModelPtr>();
    QVERIFY(model);
    QCOMPARE(model->summary().inputs.first().name, QStringLiteral("input"));
    QTRY_COMPARE(busy.count(), 2);
    QCOMPARE(busy.at(0).first().toBool(), true);
    QCOMPARE(busy.at(1).first().toBool(), false);
    QVERIFY(!loader.isLoading());
}

void TestModelLoader::reportsFailure()
{
    ModelLoader loader;
    QSignalSpy loaded(&loader, &ModelLoader::loaded);
    QSignalSpy failed(&loader, &ModelLoader::loadFailed);
    loader.load(wbtest::modelPath(QStringLiteral("truncated.onnx")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    QCOMPARE(loaded.count(), 0);
    const auto error = failed.first().first().value<Error>();
    QCOMPARE(error.code, QStringLiteral("parse_error"));
    QVERIFY(error.message.contains(QStringLiteral("truncated.onnx")));
}

void TestModelLoader::newestRequestWins()
{
    ModelLoader loader;
    QSignalSpy loaded(&loader, &ModelLoader::loaded);
    QSignalSpy failed(&loader, &ModelLoader::loadFailed);
    QSignalSpy busy(&loader, &ModelLoader::busyChanged);
    loader.load(wbtest::modelPath(QStringLiteral("resnet_static.onnx")));
    loader.load(wbtest::modelPath(QStringLiteral("corrupt.onnx")));
    loader.load(wbtest::modelPath(QStringLiteral("two_inputs.onnx")));
    QCOMPARE(loader.currentPath(), wbtest::modelPath(QStringLiteral("two_inputs.onnx")));
    QTRY_VERIFY_WITH_TIMEOUT(!loader.isLoading(), 20000);
    QCOMPARE(failed.count(), 0); // the corrupt file's result was stale
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(loaded.first().first().value<OnnxModelPtr>()->summary().inputs.size(), 2);
    QCOMPARE(busy.count(), 2); // one busy period for the three overlapping loads
}

QTEST_GUILESS_MAIN(TestModelLoader)
#include "tst_modelloader.moc"
