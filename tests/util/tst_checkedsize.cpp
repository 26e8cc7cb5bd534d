// The one checked product of dims (core/util/checkedsize.h): element and byte counts of shapes from users, models,
// OM headers and tensor files, with every overflow and negative dim refused instead of wrapped.
#include "util/checkedsize.h"

#include <QtTest>

#include <cstdint>
#include <limits>
#include <vector>

namespace {

constexpr qint64 kMax = std::numeric_limits<qint64>::max();

} // namespace

class TestCheckedSize : public QObject {
    Q_OBJECT
private slots:
    void elementCount_data();
    void elementCount();
    void byteCount_data();
    void byteCount();
};

void TestCheckedSize::elementCount_data()
{
    QTest::addColumn<QList<qint64>>("dims");
    QTest::addColumn<qint64>("count"); // -1: refused

    QTest::newRow("scalar") << QList<qint64> {} << qint64(1);
    QTest::newRow("image") << QList<qint64> { 1, 3, 224, 224 } << qint64(150528);
    QTest::newRow("zero dim") << QList<qint64> { 4, 0, 7 } << qint64(0);
    QTest::newRow("zero beside huge dims") << QList<qint64> { kMax, kMax, 0 } << qint64(0);
    QTest::newRow("exactly int64 max") << QList<qint64> { kMax, 1 } << kMax;
    QTest::newRow("2^62 * 2 = 2^63 overflows") << QList<qint64> { qint64(1) << 62, 2 } << qint64(-1);
    // The shape of the SIGSEGV: 10814766452120987 * 150528 wraps to a small positive number when unchecked.
    QTest::newRow("issue 17 wrap") << QList<qint64> { 10814766452120987, 3, 224, 224 } << qint64(-1);
    QTest::newRow("fits") << QList<qint64> { 99999999999, 3, 224, 224 } << qint64(15052799999849472);
    QTest::newRow("negative dim") << QList<qint64> { 1, -1, 224 } << qint64(-1);
    QTest::newRow("negative and zero") << QList<qint64> { 0, -3 } << qint64(-1);
}

void TestCheckedSize::elementCount()
{
    QFETCH(QList<qint64>, dims);
    QFETCH(qint64, count);
    QCOMPARE(wb::sizes::elementCount(dims).value_or(-1), count);
    // The same for the std::vector<int64_t> the ONNX side uses.
    const std::vector<std::int64_t> vector(dims.begin(), dims.end());
    QCOMPARE(wb::sizes::elementCount(vector).value_or(-1), count);
}

void TestCheckedSize::byteCount_data()
{
    QTest::addColumn<QList<qint64>>("dims");
    QTest::addColumn<qint64>("elementSize");
    QTest::addColumn<qint64>("bytes"); // -1: refused

    QTest::newRow("float32 image") << QList<qint64> { 1, 3, 224, 224 } << qint64(4) << qint64(602112);
    QTest::newRow("count fits, bytes do not") << QList<qint64> { qint64(1) << 61 } << qint64(4) << qint64(-1);
    QTest::newRow("60 PB fits in 64 bits")
        << QList<qint64> { 99999999999, 3, 224, 224 } << qint64(4) << qint64(60211199999397888);
    QTest::newRow("negative element size") << QList<qint64> { 2 } << qint64(-4) << qint64(-1);
    QTest::newRow("empty tensor") << QList<qint64> { 0, kMax } << qint64(8) << qint64(0);
}

void TestCheckedSize::byteCount()
{
    QFETCH(QList<qint64>, dims);
    QFETCH(qint64, elementSize);
    QFETCH(qint64, bytes);
    QCOMPARE(wb::sizes::byteCount(dims, elementSize).value_or(-1), bytes);
}

QTEST_APPLESS_MAIN(TestCheckedSize)
#include "tst_checkedsize.moc"
