// TensorProto .pb files (libonnx-testdata layout), generated input data and the float16/bfloat16 conversions
// of the CPU reference backend. Pure code: needs no ONNX Runtime.
#include "reference/tensordata.h"
#include "reference/tensorfile.h"

#include <onnx/onnx_pb.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <set>

using namespace wb;

namespace {

const QString kTestData = QStringLiteral("/usr/share/libonnx-testdata/data/node");

bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

bool writeProto(const QString& path, const onnx::TensorProto& proto)
{
    return writeBytes(path, QByteArray::fromStdString(proto.SerializeAsString()));
}

} // namespace

class TestTensorFile : public QObject {
    Q_OBJECT

private slots:
    void roundTripEveryType_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<int>("size");
        QTest::newRow("float32") << 1 << "float32" << 4;
        QTest::newRow("uint8") << 2 << "uint8" << 1;
        QTest::newRow("int8") << 3 << "int8" << 1;
        QTest::newRow("int32") << 6 << "int32" << 4;
        QTest::newRow("int64") << 7 << "int64" << 8;
        QTest::newRow("bool") << 9 << "bool" << 1;
        QTest::newRow("float16") << 10 << "float16" << 2;
        QTest::newRow("float64") << 11 << "float64" << 8;
        QTest::newRow("uint64") << 13 << "uint64" << 8;
        QTest::newRow("bfloat16") << 16 << "bfloat16" << 2;
    }
    void roundTripEveryType()
    {
        QFETCH(int, type);
        QFETCH(QString, dtype);
        QFETCH(int, size);
        QTemporaryDir dir;
        const HostTensor t = makeTensor(QStringLiteral("x"), type, { 2, 3, 4 }, InputFill::Random, 42);
        QCOMPARE(t.dtype(), dtype);
        QCOMPARE(t.elementCount(), 24);
        QCOMPARE(t.data.size(), 24 * size);
        const QString path = dir.filePath(QStringLiteral("input_0.pb"));
        QVERIFY(writeTensorFile(t, path).ok());

        // What onnx itself reads back.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        onnx::TensorProto proto;
        QVERIFY(proto.ParseFromString(f.readAll().toStdString()));
        QCOMPARE(proto.name(), std::string("x"));
        QCOMPARE(proto.data_type(), type);
        QCOMPARE(proto.dims_size(), 3);
        QCOMPARE(proto.dims(2), 4);
        QCOMPARE(QByteArray::fromStdString(proto.raw_data()), t.data);

        auto back = readTensorFile(path);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QCOMPARE(back.value(), t);
    }

    // libonnx-testdata mostly stores typed fields, not raw_data.
    void readsTypedFields()
    {
        QTemporaryDir dir;
        onnx::TensorProto f;
        f.set_data_type(onnx::TensorProto::FLOAT);
        f.add_dims(3);
        for (float v : { 1.5f, -2.0f, 0.25f })
            f.add_float_data(v);
        QVERIFY(writeProto(dir.filePath(QStringLiteral("f.pb")), f));
        auto rf = readTensorFile(dir.filePath(QStringLiteral("f.pb")));
        QVERIFY(rf.ok());
        QCOMPARE(elementAsDouble(rf.value(), 0), 1.5);
        QCOMPARE(elementAsDouble(rf.value(), 1), -2.0);
        QCOMPARE(elementAsDouble(rf.value(), 2), 0.25);

        onnx::TensorProto h; // float16 as bit patterns in int32_data
        h.set_data_type(onnx::TensorProto::FLOAT16);
        h.add_dims(2);
        h.add_int32_data(0x3C00);
        h.add_int32_data(0xC000);
        QVERIFY(writeProto(dir.filePath(QStringLiteral("h.pb")), h));
        auto rh = readTensorFile(dir.filePath(QStringLiteral("h.pb")));
        QVERIFY(rh.ok());
        QCOMPARE(rh.value().data.size(), 4);
        QCOMPARE(elementAsDouble(rh.value(), 0), 1.0);
        QCOMPARE(elementAsDouble(rh.value(), 1), -2.0);

        onnx::TensorProto b; // bool widened to int32
        b.set_data_type(onnx::TensorProto::BOOL);
        b.add_dims(2);
        b.add_dims(2);
        for (int v : { 1, 0, 0, 1 })
            b.add_int32_data(v);
        QVERIFY(writeProto(dir.filePath(QStringLiteral("b.pb")), b));
        auto rb = readTensorFile(dir.filePath(QStringLiteral("b.pb")));
        QVERIFY(rb.ok());
        QCOMPARE(rb.value().data, QByteArray("\x01\x00\x00\x01", 4));

        onnx::TensorProto i; // int64 scalar
        i.set_data_type(onnx::TensorProto::INT64);
        i.add_int64_data(-7);
        QVERIFY(writeProto(dir.filePath(QStringLiteral("i.pb")), i));
        auto ri = readTensorFile(dir.filePath(QStringLiteral("i.pb")));
        QVERIFY(ri.ok());
        QVERIFY(ri.value().shape.isEmpty());
        QCOMPARE(ri.value().elementCount(), 1);
        QCOMPARE(elementAsDouble(ri.value(), 0), -7.0);
    }

    void readsLibonnxTestdata()
    {
        const QString path = kTestData + QStringLiteral("/test_relu/test_data_set_0/input_0.pb");
        if (!QFile::exists(path))
            QSKIP("libonnx-testdata is not installed (scripts/install-deps.sh installs it)");
        auto t = readTensorFile(path);
        QVERIFY2(t.ok(), qPrintable(t.ok() ? QString() : t.error().message));
        QCOMPARE(t.value().dtype(), QStringLiteral("float32"));
        QCOMPARE(t.value().shape, (QList<qint64> { 3, 4, 5 }));
        QCOMPARE(t.value().data.size(), 60 * 4);
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("fragment");
        onnx::TensorProto noType;
        noType.add_dims(2);
        onnx::TensorProto str;
        str.set_data_type(onnx::TensorProto::STRING);
        str.add_string_data()->assign(1, 'a');
        onnx::TensorProto shortData;
        shortData.set_data_type(onnx::TensorProto::FLOAT);
        shortData.add_dims(4);
        shortData.set_raw_data(std::string(8, '\0'));
        onnx::TensorProto external;
        external.set_data_type(onnx::TensorProto::FLOAT);
        external.set_data_location(onnx::TensorProto::EXTERNAL);
        QTest::newRow("empty") << QByteArray() << "bad_tensor_file"
                               << "empty";
        QTest::newRow("garbage") << QByteArray("\xff\xff\xff\xff not protobuf") << "bad_tensor_file"
                                 << "not a serialized onnx.TensorProto";
        QTest::newRow("no type") << QByteArray::fromStdString(noType.SerializeAsString()) << "bad_tensor_file"
                                 << "SequenceProto";
        QTest::newRow("string") << QByteArray::fromStdString(str.SerializeAsString()) << "bad_tensor_file"
                                << "element type string is not supported";
        QTest::newRow("short") << QByteArray::fromStdString(shortData.SerializeAsString()) << "bad_tensor_file"
                               << "8 bytes of float32 data for shape [4], expected 16";
        QTest::newRow("external") << QByteArray::fromStdString(external.SerializeAsString()) << "bad_tensor_file"
                                  << "stored externally";
        onnx::TensorProto huge; // dims whose element count overflows 64 bits (and no data)
        huge.set_data_type(onnx::TensorProto::FLOAT);
        huge.add_dims(qint64(1) << 62);
        huge.add_dims(4);
        QTest::newRow("overflowing dims") << QByteArray::fromStdString(huge.SerializeAsString()) << "bad_tensor_file"
                                          << "hold more elements than any file can";
    }
    void badFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.pb"));
        QVERIFY(writeBytes(path, bytes));
        auto r = readTensorFile(path);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, code);
        QVERIFY2(r.error().message.contains(fragment), qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(path), qPrintable(r.error().message));
    }

    void missingAndUnwritable()
    {
        QTemporaryDir dir;
        auto r = readTensorFile(dir.filePath(QStringLiteral("nope.pb")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("not_found"));
        auto d = readTensorFile(dir.path());
        QVERIFY(!d.ok());
        QCOMPARE(d.error().code, QStringLiteral("unreadable"));

        const HostTensor t = makeTensor(QStringLiteral("x"), 1, { 2 }, InputFill::Zeros, 0);
        auto w = writeTensorFile(t, dir.filePath(QStringLiteral("no/such/folder/x.pb")));
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, QStringLiteral("write_failed"));
        HostTensor broken = t;
        broken.data.chop(1);
        auto b = writeTensorFile(broken, dir.filePath(QStringLiteral("x.pb")));
        QVERIFY(!b.ok());
        QCOMPARE(b.error().code, QStringLiteral("bad_tensor"));
    }

    void dataSetOrder()
    {
        QTemporaryDir dir;
        for (const char* name : { "input_10.pb", "input_2.pb", "input_0.pb", "output_0.pb", "input_x.pb" })
            QVERIFY(writeBytes(dir.filePath(QLatin1String(name)), "x"));
        auto files = dataSetInputFiles(dir.path());
        QVERIFY(files.ok());
        QCOMPARE(files.value(),
            (QStringList { dir.filePath("input_0.pb"), dir.filePath("input_2.pb"), dir.filePath("input_10.pb") }));
        QCOMPARE(dataSetInputFiles(dir.filePath("missing")).error().code, QStringLiteral("not_found"));
        QTemporaryDir empty;
        QCOMPARE(dataSetInputFiles(empty.path()).error().code, QStringLiteral("no_inputs"));
    }

    void generatedData()
    {
        const HostTensor a = makeTensor(QStringLiteral("a"), 1, { 1000 }, InputFill::Random, 5);
        const HostTensor b = makeTensor(QStringLiteral("a"), 1, { 1000 }, InputFill::Random, 5);
        const HostTensor c = makeTensor(QStringLiteral("a"), 1, { 1000 }, InputFill::Random, 6);
        QCOMPARE(a.data, b.data);
        QVERIFY(a.data != c.data);
        double lo = 1, hi = -1, sum = 0;
        for (int i = 0; i < 1000; ++i) {
            const double v = elementAsDouble(a, i);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            sum += v;
        }
        QVERIFY(lo >= -1.0 && lo < -0.9);
        QVERIFY(hi < 1.0 && hi > 0.9);
        QVERIFY(std::abs(sum / 1000) < 0.1);
        // A fixed generator: these bytes are the same on every machine and compiler.
        QCOMPARE(a.data.left(8).toHex(), QByteArray("28e667be632e013f"));

        const HostTensor ints = makeTensor(QStringLiteral("i"), 7, { 500 }, InputFill::Random, 1);
        std::set<double> seen;
        for (int i = 0; i < 500; ++i)
            seen.insert(elementAsDouble(ints, i));
        QCOMPARE(seen.size(), size_t(10)); // 0..9
        QCOMPARE(*seen.begin(), 0.0);
        QCOMPARE(*seen.rbegin(), 9.0);
        const HostTensor flags = makeTensor(QStringLiteral("b"), 9, { 100 }, InputFill::Random, 1);
        QVERIFY(std::all_of(flags.data.begin(), flags.data.end(), [](char ch) { return ch == 0 || ch == 1; }));
        QVERIFY(flags.data.contains('\x01') && flags.data.contains('\x00'));

        const HostTensor z = makeTensor(QStringLiteral("z"), 11, { 3, 3 }, InputFill::Zeros, 9);
        QCOMPARE(z.data, QByteArray(72, '\0'));
        QVERIFY(makeTensor(QStringLiteral("s"), 8, { 2 }, InputFill::Zeros, 0).data.isEmpty()); // string
        QCOMPARE(makeTensor(QStringLiteral("scalar"), 1, {}, InputFill::Zeros, 0).data.size(), 4);
    }

    void halfConversions()
    {
        QCOMPARE(floatToHalf(1.0f), quint16(0x3C00));
        QCOMPARE(floatToHalf(-2.0f), quint16(0xC000));
        QCOMPARE(floatToHalf(0.1f), quint16(0x2E66));
        QCOMPARE(floatToHalf(65504.0f), quint16(0x7BFF));
        QCOMPARE(floatToHalf(65520.0f), quint16(0x7C00)); // rounds to infinity
        QCOMPARE(floatToHalf(5.9604645e-8f), quint16(0x0001)); // smallest subnormal
        QCOMPARE(floatToHalf(1.0f + 1.0f / 2048), quint16(0x3C00)); // tie to even
        QCOMPARE(floatToHalf(1.0f + 3.0f / 2048), quint16(0x3C02));
        QVERIFY(std::isnan(halfToFloat(floatToHalf(NAN))));
        int checked = 0;
        for (quint32 bits = 0; bits < 0x10000; ++bits) { // every finite half survives half -> float -> half
            const quint16 h = quint16(bits);
            if ((h & 0x7C00) == 0x7C00)
                continue;
            QCOMPARE(floatToHalf(halfToFloat(h)), h);
            ++checked;
        }
        QCOMPARE(checked, 63488);
        QCOMPARE(floatToBFloat16(1.0f), quint16(0x3F80));
        QCOMPARE(bfloat16ToFloat(0xC000), -2.0f);
        QCOMPARE(formatShape({ 1, 3, 224, 224 }), QStringLiteral("[1, 3, 224, 224]"));
        QCOMPARE(formatShape({}), QStringLiteral("[]"));
    }
};

QTEST_APPLESS_MAIN(TestTensorFile)
#include "tst_tensorfile.moc"
