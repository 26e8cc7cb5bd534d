// The binary .om reader against OM files generated with our own .proto (omgen): every field round-trips, both
// partition-table layouts read, and damaged files give clear errors.
#include "om/ommodel.h"
#include "omgen.h"
#include "omtestutil.h"
#include "testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

class TestOmBinary : public QObject {
    Q_OBJECT

private:
    omtest::Scratch m_dir;

    QString write(const QString& name, const QByteArray& bytes) { return m_dir.write(name, bytes); }

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<bool>("tiny");
        QTest::newRow("current table (64-bit offsets)") << false;
        QTest::newRow("legacy tiny table (32-bit offsets)") << true;
    }

    void roundTrip()
    {
        QFETCH(bool, tiny);
        const OmModel model = omgen::sampleModel();
        omgen::Options options;
        options.tinyTable = tiny;
        const QString path = write(QStringLiteral("sample%1.om").arg(tiny), omgen::omFile(model, options));
        const Result<OmModel> read = readOmFile(path);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        const OmModel& m = read.value();
        QCOMPARE(m.source, OmModel::Source::OmFile);
        QCOMPARE(m.path, path);
        // Partitions: model def, weights (4096 bytes, never read), task info, in file order.
        QCOMPARE(m.partitions.size(), 3);
        QCOMPARE(m.partitions.at(0).type, 0);
        QCOMPARE(m.partitions.at(1).type, 1);
        QCOMPARE(m.partitions.at(1).size, quint64(4096));
        QCOMPARE(m.partitions.at(1).offset, m.partitions.at(0).offset + m.partitions.at(0).size);
        QCOMPARE(m.partitions.at(2).offset + m.partitions.at(2).size, quint64(QFileInfo(path).size()));

        OmModel expected = model;
        expected.path = path;
        expected.partitions = m.partitions;
        QCOMPARE(m.name, expected.name);
        QCOMPARE(m.socVersion, expected.socVersion);
        QCOMPARE(m.atcVersion, expected.atcVersion);
        QCOMPARE(m.oppVersion, expected.oppVersion);
        QCOMPARE(m.atcCmdline, expected.atcCmdline);
        QCOMPARE(m.frameworkType, QStringLiteral("Onnx"));
        QCOMPARE(m.memorySize, expected.memorySize);
        QCOMPARE(m.outNodes, expected.outNodes);
        QCOMPARE(m.ops.size(), expected.ops.size());
        for (qsizetype i = 0; i < m.ops.size(); ++i)
            QVERIFY2(m.ops.at(i) == expected.ops.at(i), qPrintable(m.ops.at(i).name));
        QVERIFY(m.inputs == expected.inputs);
        QVERIFY(m.outputs == expected.outputs);
        QVERIFY(m == expected);
        QCOMPARE(m.engineCounts()[std::size_t(OmEngine::AiCpu)], 1);
        QCOMPARE(m.engineCounts()[std::size_t(OmEngine::AiCore)], 2);
        QCOMPARE(m.engineCounts()[std::size_t(OmEngine::GeLocal)], 2);
        QCOMPARE(m.sourceModelFromCmdline(), QStringLiteral("/models/sample.onnx"));
        QCOMPARE(m.inputShapeFromCmdline(), QStringLiteral("x:1,3,8,8"));
    }

    // An older OM without versions, sizes or out nodes: null, not guessed; framework_type as an int.
    void olderOmLacksAttributes()
    {
        OmModel model = omgen::sampleModel();
        model.atcVersion.reset();
        model.oppVersion.reset();
        model.memorySize.reset();
        model.outNodes.reset();
        model.atcCmdline.reset();
        omgen::Options options;
        options.frameworkTypeAsInt = true;
        const Result<OmModel> read = readOmFile(write(QStringLiteral("old.om"), omgen::omFile(model, options)));
        QVERIFY(read.ok());
        QVERIFY(!read.value().atcVersion);
        QVERIFY(!read.value().memorySize);
        QVERIFY(!read.value().outNodes);
        QCOMPARE(read.value().frameworkType, QStringLiteral("Onnx"));
        QCOMPARE(read.value().sourceModelFromCmdline(), QString());
        const QJsonObject json = omModelToJson(read.value());
        QVERIFY(json.value(QStringLiteral("atc_version")).isNull());
        QVERIFY(json.value(QStringLiteral("atc_cmdline")).isNull());
        QVERIFY(json.value(QStringLiteral("memory_size")).isNull());
        QCOMPARE(json.value(QStringLiteral("soc_version")).toString(), QStringLiteral("Ascend310B4"));
    }

    void multiModelWarns()
    {
        omgen::Options options;
        options.modelNum = 3;
        const Result<OmModel> read
            = readOmFile(write(QStringLiteral("dynamic.om"), omgen::omFile(omgen::sampleModel(), options)));
        QVERIFY(read.ok());
        QCOMPARE(read.value().warnings.size(), 1);
        QVERIFY(read.value().warnings.first().contains(QStringLiteral("3 models")));
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("says");
        const QByteArray good = omgen::omFile(omgen::sampleModel());
        QTest::newRow("truncated") << good.left(good.size() - 100) << "truncated"
                                   << "100 bytes missing";
        QTest::newRow("header only") << good.left(200) << "not_om"
                                     << "too short";
        omgen::Options noDef;
        noDef.withModelDef = false;
        QTest::newRow("no model def") << omgen::omFile(omgen::sampleModel(), noDef) << "bad_partitions"
                                      << "no model-definition partition";
        omgen::Options garbage;
        garbage.modelDefOverride = QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff garbage", 18);
        QTest::newRow("model def not protobuf") << omgen::omFile(omgen::sampleModel(), garbage) << "bad_model_def"
                                                << "not a GE ModelDef";
        omgen::Options encrypted;
        encrypted.encrypted = true;
        QTest::newRow("encrypted") << omgen::omFile(omgen::sampleModel(), encrypted) << "encrypted"
                                   << "encrypted OM";
        QByteArray badTable = good;
        badTable[256] = char(200); // 200 partitions: more than any OM has, and they do not fit
        QTest::newRow("bad partition table") << badTable << "bad_partitions"
                                             << "no readable partition table";
    }

    void badFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        QFETCH(QString, says);
        const QString why = omtest::refusal(write(QStringLiteral("bad.om"), bytes), code, says);
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    // The fake ATC writes an OM with a valid header and an empty partition table: no model definition to read.
    void headerOnlyOmSaysSo()
    {
        QByteArray bytes(256 + 4 + 2048, '.');
        const QByteArray good = omgen::omFile(omgen::sampleModel());
        bytes.replace(0, 256, good.left(256));
        for (int i = 0; i < 4; ++i)
            bytes[256 + i] = 0;
        for (int i = 0; i < 8; ++i) // model_length = every byte after the header
            bytes[184 + i] = char(((quint64(bytes.size()) - 256) >> (8 * i)) & 0xff);
        const Result<OmModel> read = readOmFile(write(QStringLiteral("empty-table.om"), bytes));
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, QStringLiteral("bad_partitions"));
    }
};

WB_TEST_APPLESS_MAIN(TestOmBinary)
#include "tst_ombinary.moc"
