// wb::parseOmHeader / readOmHeaderFile: the 256-byte OM header and the loader's checks on it.
#include "omfile.h"
#include "run/omheader.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace wb;
using wbtest::makeOm;
using wbtest::OmSpec;

class TestOmHeader : public QObject {
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void matchesPublishedSample();
    void versionString_data();
    void versionString();
    void readFile_data();
    void readFile();
};

void TestOmHeader::parse_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("fileSize"); // -1: bytes is the whole file
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("dynamic");
    QTest::addColumn<qint64>("partitions");
    QTest::addColumn<quint64>("modelLength");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("messagePart"); // "" for a valid header

    const QByteArray om = makeOm({});
    QTest::newRow("valid") << om << qint64(-1) << true << "" << false << qint64(3) << quint64(2034) << "fake_resnet"
                           << "";
    QTest::newRow("valid, only the first 260 bytes read")
        << om.left(260) << qint64(om.size()) << true << "" << false << qint64(3) << quint64(2034) << "fake_resnet"
        << "";
    OmSpec legacy;
    legacy.legacyLength = true;
    QTest::newRow("valid, legacy 32-bit length")
        << makeOm(legacy) << qint64(-1) << true << "" << false << qint64(3) << quint64(2034) << "fake_resnet"
        << "";
    OmSpec unknown;
    unknown.unknowModel = true;
    QTest::newRow("dynamic: is_unknow_model")
        << makeOm(unknown) << qint64(-1) << true << "" << true << qint64(3) << quint64(2034) << "fake_resnet"
        << "";
    OmSpec multi;
    multi.modelNum = 3;
    QTest::newRow("dynamic: model_num 3")
        << makeOm(multi) << qint64(-1) << true << "" << true << qint64(3) << quint64(2034) << "fake_resnet"
        << "";
    OmSpec longName;
    longName.name = QByteArray(32, 'n'); // fills the field: no NUL terminator
    QTest::newRow("name of 32 bytes") << makeOm(longName) << qint64(-1) << true << "" << false << qint64(3)
                                      << quint64(2034) << QString(32, 'n') << "";
    OmSpec tiny;
    tiny.payload = 2;
    QTest::newRow("valid, no room for a partition table")
        << makeOm(tiny) << qint64(-1) << true << "" << false << qint64(-1) << quint64(2) << "fake_resnet"
        << "";

    QTest::newRow("empty") << QByteArray() << qint64(-1) << false << "empty" << false << qint64(-1) << quint64(0) << ""
                           << "is empty (0 bytes)";
    QTest::newRow("3 bytes") << QByteArray("IMO") << qint64(-1) << false << "too_short" << false << qint64(-1)
                             << quint64(0) << ""
                             << "too short to be an OM model: 3 bytes";
    QTest::newRow("cut inside the header")
        << om.left(100) << qint64(-1) << false << "too_short" << false << qint64(-1) << quint64(0) << ""
        << "cut off while copying";
    QTest::newRow("text") << QByteArray("hello, this is not a model at all") << qint64(-1) << false << "not_om" << false
                          << qint64(-1) << quint64(0) << ""
                          << "starts with bytes 68 65 6c 6c 6f 2c 20 74 instead of \"IMOD\"";
    QTest::newRow("onnx") << QByteArray::fromHex("0807120e707974") + QByteArray(300, 'x') << qint64(-1) << false
                          << "not_om" << false << qint64(-1) << quint64(0) << ""
                          << "looks like an ONNX model: convert it with ATC";
    OmSpec headSize;
    headSize.headSize = 512;
    QTest::newRow("headsize 512") << makeOm(headSize) << qint64(-1) << false << "bad_headsize" << false << qint64(3)
                                  << quint64(2034) << "fake_resnet"
                                  << "declares 512 header bytes instead of 256";
    OmSpec empty;
    empty.payload = 0;
    QTest::newRow("no model data") << makeOm(empty) << qint64(-1) << false << "no_model_data" << false << qint64(-1)
                                   << quint64(0) << "fake_resnet"
                                   << "declares no model data";
    QTest::newRow("truncated copy") << om.left(1290) << qint64(-1) << false << "truncated" << false << qint64(3)
                                    << quint64(2034) << "fake_resnet"
                                    << "declares 2034 bytes of model data after the 256-byte header, but the file has "
                                       "only 1034 (1000 bytes missing)";
    OmSpec trailing;
    trailing.declaredDelta = -10;
    QTest::newRow("trailing bytes") << makeOm(trailing) << qint64(-1) << false << "trailing_bytes" << false << qint64(3)
                                    << quint64(2024) << "fake_resnet"
                                    << "has 10 bytes more than its OM header declares";
}

void TestOmHeader::parse()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, fileSize);
    QFETCH(bool, valid);
    QFETCH(QString, code);
    QFETCH(bool, dynamic);
    QFETCH(qint64, partitions);
    QFETCH(quint64, modelLength);
    QFETCH(QString, name);
    QFETCH(QString, messagePart);

    const OmHeader header = parseOmHeader(bytes, fileSize);
    QCOMPARE(header.valid, valid);
    QCOMPARE(header.errorCode(), code);
    QCOMPARE(header.fileSize, quint64(fileSize >= 0 ? fileSize : bytes.size()));
    QCOMPARE(header.dynamic, dynamic);
    QCOMPARE(header.partitionCount, partitions);
    QCOMPARE(header.modelLength, modelLength);
    QCOMPARE(header.name, name);
    if (valid) {
        QVERIFY(header.magicOk);
        QCOMPARE(header.headSize, 256u);
        QCOMPARE(header.versionString(), QString("2.0"));
        QVERIFY2(header.message.isEmpty(), qPrintable(header.message));
    } else {
        QVERIFY2(header.message.contains(messagePart), qPrintable(header.message));
        // Every refusal says what to do about it.
        QVERIFY2(header.message.contains("ATC") || header.message.contains("copy", Qt::CaseInsensitive),
            qPrintable(header.message));
    }
}

// The bytes runners.md §5.1 quotes from GE's public test file root_model.om (2290 bytes).
void TestOmHeader::matchesPublishedSample()
{
    OmSpec spec;
    spec.name = "test_graph_cache";
    const QByteArray om = makeOm(spec);
    QCOMPARE(om.size(), 2290);
    QCOMPARE(om.left(12).toHex(' '), QByteArray("49 4d 4f 44 00 01 00 00 00 00 00 20"));
    QCOMPARE(om.mid(0xB8, 8).toHex(), QByteArray("f207000000000000"));
    const OmHeader header = parseOmHeader(om);
    QVERIFY(header.valid);
    QCOMPARE(header.name, QString("test_graph_cache"));
    QCOMPARE(header.version, 0x20000000u);
    QCOMPARE(header.partitionCount, qint64(3));
}

void TestOmHeader::versionString_data()
{
    QTest::addColumn<quint32>("version");
    QTest::addColumn<QString>("text");
    QTest::newRow("current GE") << 0x20000000u << "2.0";
    QTest::newRow("mobile helper") << 0x10000000u << "1.0";
    QTest::newRow("minor") << 0x21000000u << "2.1";
    QTest::newRow("other") << 0x00000102u << "0x00000102";
    QTest::newRow("zero") << 0u << "0x00000000";
}

void TestOmHeader::versionString()
{
    QFETCH(quint32, version);
    QFETCH(QString, text);
    OmHeader header;
    header.version = version;
    QCOMPARE(header.versionString(), text);
}

void TestOmHeader::readFile_data()
{
    QTest::addColumn<QString>("file"); // created in the temporary folder unless "missing" / "folder"
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");

    QTest::newRow("valid") << "model.om" << makeOm({}) << ""
                           << "";
    QTest::newRow("missing") << "missing" << QByteArray() << "not_found"
                             << "does not exist";
    QTest::newRow("folder") << "folder" << QByteArray() << "unreadable"
                            << "is a folder";
    QTest::newRow("truncated") << "cut.om" << makeOm({}).left(2000) << "truncated"
                               << "is truncated";
}

void TestOmHeader::readFile()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(file + ".om");
    if (file == "folder")
        QVERIFY(QDir().mkpath(path));
    else if (file != "missing")
        QVERIFY(wbtest::writeFile(path, bytes));

    const OmHeader header = readOmHeaderFile(path);
    QCOMPARE(header.errorCode(), code);
    QCOMPARE(header.valid, code.isEmpty());
    if (code.isEmpty()) {
        QCOMPARE(header.fileSize, quint64(bytes.size()));
        QCOMPARE(header.name, QString("fake_resnet"));
    } else {
        QVERIFY2(header.message.startsWith(path + " "), qPrintable(header.message));
        QVERIFY2(header.message.contains(messagePart), qPrintable(header.message));
    }
}

QTEST_APPLESS_MAIN(TestOmHeader)
#include "tst_omheader.moc"
