#include <QtTest>
class Stub_tst_explaincli : public QObject {
    Q_OBJECT
private slots:
    void placeholder() { QSKIP("being written"); }
};
QTEST_APPLESS_MAIN(Stub_tst_explaincli)
#include "tst_explaincli.moc"
