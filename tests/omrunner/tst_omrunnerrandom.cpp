// om-runner's `--input random` must feed exactly what the CPU reference run feeds for the same seed, so that a
// random run's outputs compare across CPU and NPU: app/omrunner/tensors.cpp against makeTensor (core/reference),
// byte for byte, for every element type both know.
#include "reference/tensordata.h"
#include "tensors.h"

#include <QtTest>

#include <vector>

using namespace wb;

class TestOmRunnerRandom : public QObject {
    Q_OBJECT
private slots:
    void sameBytesAsTheCpu_data();
    void sameBytesAsTheCpu();
};

void TestOmRunnerRandom::sameBytesAsTheCpu_data()
{
    QTest::addColumn<int>("aclType");
    QTest::addColumn<int>("onnxType");
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("index");
    // aclDataType (acl_base.h) and the ONNX TensorProto type of the same element type.
    const struct {
        const char* name;
        int acl;
        int onnx;
    } types[] = { { "float32", 0, 1 }, { "float16", 1, 10 }, { "int8", 2, 3 }, { "int32", 3, 6 }, { "uint8", 4, 2 },
        { "int16", 6, 5 }, { "uint16", 7, 4 }, { "uint32", 8, 12 }, { "int64", 9, 7 }, { "uint64", 10, 13 },
        { "float64", 11, 11 }, { "bool", 12, 9 }, { "bfloat16", 27, 16 } };
    for (const auto& t : types) {
        QTest::addRow("%s seed 1 input 0", t.name) << t.acl << t.onnx << 1 << 0;
        QTest::addRow("%s seed 7 input 2", t.name) << t.acl << t.onnx << 7 << 2;
    }
}

void TestOmRunnerRandom::sameBytesAsTheCpu()
{
    QFETCH(int, aclType);
    QFETCH(int, onnxType);
    QFETCH(int, seed);
    QFETCH(int, index);
    const QList<qint64> shape { 2, 3, 17 };
    // The reference run seeds input i with this (core/reference/runinputs.cpp inputSeed); om-runner with its own copy.
    const quint64 derived = quint64(seed) * 0x9E3779B97F4A7C15ULL + quint64(index + 1) * 0xD1B54A32D192ED03ULL;
    QCOMPARE(omr::inputSeed(std::uint64_t(seed), std::size_t(index)), derived);
    const HostTensor cpu = makeTensor(QStringLiteral("x"), onnxType, shape, InputFill::Random, derived);
    QVERIFY(!cpu.data.isEmpty());
    std::vector<unsigned char> npu(std::size_t(cpu.data.size()), 0);
    omr::fillRandom(npu.data(), npu.size(), aclType, std::uint64_t(seed), std::size_t(index));
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(npu.data()), qsizetype(npu.size())), cpu.data);
}

QTEST_GUILESS_MAIN(TestOmRunnerRandom)
#include "tst_omrunnerrandom.moc"
