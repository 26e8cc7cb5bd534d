// `npu-smi info`: golden JSON for every layout sample, one row per layout quirk, chip name -> soc_version.
#include "parsing/npusmi.h"
#include "parsing/parsingjson.h"
#include "parsingtestutil.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace wb;

namespace {

const char* const kHeader310P
    = "+-----------------------+-----------------+------------------------------------------------------+\n"
      "| NPU     Name          | Health          | Power(W)     Temp(C)           Hugepages-Usage(page) |\n"
      "| Chip    Device        | Bus-Id          | AICore(%)    Memory-Usage(MB)                        |\n"
      "+=======================+=================+======================================================+\n";
const char* const kHeader910B
    = "+---------------------------+---------------+----------------------------------------------------+\n"
      "| NPU   Name                | Health        | Power(W)    Temp(C)           Hugepages-Usage(page)|\n"
      "| Chip                      | Bus-Id        | AICore(%)   Memory-Usage(MB)  HBM-Usage(MB)        |\n"
      "+===========================+===============+====================================================+\n";

QByteArray compact(const QJsonValue& value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact).chopped(1).mid(1);
}

} // namespace

class TestNpuSmi : public QObject {
    Q_OBJECT
private slots:
    void golden_data();
    void golden();
    void layouts_data();
    void layouts();
    void socVersion_data();
    void socVersion();
    void notNpuSmi_data();
    void notNpuSmi();
};

void TestNpuSmi::golden_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = wbtest::dataFiles(QStringLiteral("runners"), { QStringLiteral("npu_smi*.txt") });
    QVERIFY(files.size() >= 5);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void TestNpuSmi::golden()
{
    QFETCH(QString, file);
    const QByteArray data = wbtest::readFile(wbtest::dataPath(QStringLiteral("runners/") + file));
    const Result<NpuSmiInfo> info = parseNpuSmiInfo(data);
    QVERIFY2(info.ok(), qPrintable(info.ok() ? QString() : info.error().message));
    QVERIFY(!info.value().devices.isEmpty());
    const QByteArray json = QJsonDocument(npuSmiToJson(info.value())).toJson(QJsonDocument::Indented);
    QString why;
    QVERIFY2(wbtest::compareGolden(
                 json, wbtest::dataPath(QStringLiteral("runners/%1.expected.json").arg(file.chopped(4))), &why),
        qPrintable(why));
    // \r\n line ends give the same result.
    QByteArray crlf = data;
    crlf.replace("\n", "\r\n");
    QCOMPARE(QJsonDocument(npuSmiToJson(parseNpuSmiInfo(crlf).value())).toJson(QJsonDocument::Indented), json);
}

void TestNpuSmi::layouts_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("device");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray p310 = QByteArray(kHeader310P)
        + "| 2144    310P3         | OK              | NA           47                0    / 0              |\n"
          "| 0       0             | 0000:86:00.0    | 0            1807 / 21527                            |\n";
    QTest::newRow("310P3 power NA") << p310 << 0 << "power_w" << QByteArray("null");
    QTest::newRow("310P3 id is the NPU column") << p310 << 0 << "id" << QByteArray("2144");
    QTest::newRow("310P3 memory") << p310 << 0 << "memory_total_mb" << QByteArray("21527");
    QTest::newRow("310P3 no HBM column") << p310 << 0 << "hbm_used_mb" << QByteArray("null");
    QTest::newRow("310P3 soc") << p310 << 0 << "soc_version" << QByteArray("\"Ascend310P3\"");
    QTest::newRow("310P3 logical device") << p310 << 0 << "device_id" << QByteArray("0");
    const QByteArray glued = QByteArray(kHeader910B)
        + "| 3     910B3               | OK            | 95.1        44                0    / 0             |\n"
          "| 0                         | 0000:82:00.0  | 87          0    / 0          41052/ 65536         |\n";
    QTest::newRow("910B glued pair used") << glued << 0 << "hbm_used_mb" << QByteArray("41052");
    QTest::newRow("910B glued pair total") << glued << 0 << "hbm_total_mb" << QByteArray("65536");
    QTest::newRow("910B AI Core") << glued << 0 << "aicore_pct" << QByteArray("87");
    QTest::newRow("910B has no Device column") << glued << 0 << "device_id" << QByteArray("null");
    QTest::newRow("910B chip") << glued << 0 << "chip_id" << QByteArray("0");
    const QByteArray fullyGlued = QByteArray(kHeader910B)
        + "| 0     910B1               | OK            | 95.1        44                0/0                     |\n"
          "| 0                         | NA            | NA          0/0               12345/65536         |\n";
    QTest::newRow("pair glued on both sides") << fullyGlued << 0 << "hbm_used_mb" << QByteArray("12345");
    QTest::newRow("Bus-Id NA") << fullyGlued << 0 << "bus_id" << QByteArray("null");
    QTest::newRow("AI Core NA") << fullyGlued << 0 << "aicore_pct" << QByteArray("null");
    const QByteArray irregular = QByteArray(kHeader310P)
        + "| 0       310B1         | OK              | 10.4          66                15    / 15          |\n"
          "| 0       0             | NA              | 0            3841 / 11577                            |\n";
    QTest::newRow("irregular spacing: power") << irregular << 0 << "power_w" << QByteArray("10.4");
    QTest::newRow("irregular spacing: temperature") << irregular << 0 << "temp_c" << QByteArray("66");
    QTest::newRow("hugepages") << irregular << 0 << "hugepages_total" << QByteArray("15");
    const QByteArray cut = QByteArray(kHeader310P)
        + "| 1       310P3         | Critical        | 30.0         90                0    / 0              |\n";
    QTest::newRow("row B missing (cut off)") << cut << 0 << "health" << QByteArray("\"Critical\"");
    QTest::newRow("row B missing: memory unknown") << cut << 0 << "memory_used_mb" << QByteArray("null");
    const QByteArray noVersion = QByteArray("(base) user@host:~$ npu-smi info\n") + kHeader910B
        + "| 0     910B3               | OK            | 101.8       43                0    / 0             |\n"
          "| 0                         | 0000:C1:00.0  | 0           0    / 0          3318 / 65536         |\n"
          "+===========================+===============+====================================================+\n"
          "| 1     910B3               | OK            | 92.0        39                0    / 0             |\n"
          "| 0                         | 0000:C2:00.0  | 0           0    / 0          3314 / 65536         |\n";
    QTest::newRow("second device, no version line") << noVersion << 1 << "id" << QByteArray("1");
    QTest::newRow("second device temperature") << noVersion << 1 << "temp_c" << QByteArray("39");
}

void TestNpuSmi::layouts()
{
    QFETCH(QByteArray, text);
    QFETCH(int, device);
    QFETCH(QString, key);
    QFETCH(QByteArray, expected);
    const Result<NpuSmiInfo> info = parseNpuSmiInfo(text);
    QVERIFY(info.ok());
    const QJsonArray devices = npuSmiToJson(info.value()).value(QLatin1String("devices")).toArray();
    QVERIFY(device < devices.size());
    const QJsonObject d = devices.at(device).toObject();
    QVERIFY2(d.contains(key), qPrintable(key));
    QCOMPARE(compact(d.value(key)), expected);
}

void TestNpuSmi::socVersion_data()
{
    QTest::addColumn<QString>("chip");
    QTest::addColumn<QString>("soc");
    QTest::newRow("310") << "310"
                         << "Ascend310";
    QTest::newRow("310P3") << "310P3"
                           << "Ascend310P3";
    QTest::newRow("310B1") << "310B1"
                           << "Ascend310B1";
    QTest::newRow("310B4") << "310B4"
                           << "Ascend310B4";
    QTest::newRow("910B3") << "910B3"
                           << "Ascend910B3";
    QTest::newRow("910ProB") << "910ProB"
                             << "Ascend910ProB";
    QTest::newRow("910B4-1") << "910B4-1"
                             << "Ascend910B4-1";
    QTest::newRow("already prefixed") << "Ascend910_9391"
                                      << "Ascend910_9391";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("not a chip") << "GeForce"
                                << "";
}

void TestNpuSmi::socVersion()
{
    QFETCH(QString, chip);
    QTEST(socVersionForChipName(chip), "soc");
}

void TestNpuSmi::notNpuSmi_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("driver error") << QByteArray("dcmi module initialize failed. ret is -8005\n");
    QTest::newRow("an ATC log") << wbtest::readFile(wbtest::dataPath("atc/fail_e19010_no_parser_msit_fixture.log"));
    QTest::newRow("binary noise") << QByteArray("\xff\xfe|\x00|\x80\n+===+\n| | |\n", 18);
}

void TestNpuSmi::notNpuSmi()
{
    QFETCH(QByteArray, text);
    const Result<NpuSmiInfo> info = parseNpuSmiInfo(text);
    QVERIFY(!info.ok());
    QCOMPARE(info.error().code, QStringLiteral("not_npu_smi"));
}

QTEST_APPLESS_MAIN(TestNpuSmi)
#include "tst_npusmi.moc"
