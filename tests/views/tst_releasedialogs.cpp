// SPDX-License-Identifier: Apache-2.0
// The small dialogs of the release pages, and the trust store: what they refuse before anything
// reaches the service, and what the role allows.
#include "addtrustedkeydialog.h"
#include "operatordialog.h"
#include "operatorsession.h"
#include "reasondialog.h"
#include "releasebench.h"
#include "testresultdialog.h"
#include "trustedkeymodel.h"
#include "truststoredialog.h"
#include "tst_releasekit.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

QPushButton *okButton(QDialog *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

TestCaseResult pendingCase(int modelId, const QString &model, TestCaseKind kind)
{
    TestCaseResult c;
    c.modelId = modelId;
    c.modelName = model;
    c.kind = kind;
    return c;
}

} // namespace

class tst_ReleaseDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sessionSaysWhichRoleIsNeeded();
    void operatorDialogNeedsAName();
    void reasonIsRequired();
    void failedTestNeedsANote();
    void addKeyShowsTheFingerprintFirst();
    void trustStoreIsForAdministrators();
};

void tst_ReleaseDialogs::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_ReleaseDialogs::sessionSaysWhichRoleIsNeeded()
{
    OperatorSession session(Operator{QStringLiteral("vic"), OperatorRole::Viewer});
    QVERIFY(!session.allows(Permission::ApproveRelease));
    QCOMPARE(session.deniedReason(Permission::ApproveRelease),
             QStringLiteral("Only the role Test engineer may approve a release; you act as "
                            "Viewer."));
    QCOMPARE(OperatorSession::rolesAllowed(Permission::WithdrawRelease),
             QStringLiteral("Rollout manager or Administrator"));
    QSignalSpy changed(&session, &OperatorSession::operatorChanged);
    session.setOperator(Operator{QStringLiteral("adam"), OperatorRole::Administrator});
    QCOMPARE(changed.size(), 1);
    QVERIFY(session.deniedReason(Permission::ManageTrustKeys).isEmpty());
    // Administrators manage the trust store and so do not approve what it lets in.
    QVERIFY(!session.allows(Permission::ApproveRelease));
    session.setOperator(Operator{QStringLiteral("adam"), OperatorRole::Administrator});
    QCOMPARE(changed.size(), 1); // the same operator again is no change
}

void tst_ReleaseDialogs::operatorDialogNeedsAName()
{
    OperatorDialog dialog(Operator{QStringLiteral("tess"), OperatorRole::TestEngineer});
    QCOMPARE(dialog.roleBox()->currentText(), QStringLiteral("Test engineer"));
    QVERIFY(okButton(&dialog)->isEnabled());
    dialog.nameEdit()->setText(QStringLiteral("   "));
    QVERIFY(!okButton(&dialog)->isEnabled());
    dialog.nameEdit()->setText(QStringLiteral(" tom "));
    dialog.roleBox()->setCurrentIndex(dialog.roleBox()->findText(QStringLiteral("Viewer")));
    const Operator chosen = dialog.selectedOperator();
    QCOMPARE(chosen.name, QStringLiteral("tom"));
    QCOMPARE(chosen.role, OperatorRole::Viewer);
}

void tst_ReleaseDialogs::reasonIsRequired()
{
    ReasonDialog dialog(QStringLiteral("Reject Release"), QStringLiteral("Reject it?"),
                        QStringLiteral("Reject"));
    QCOMPARE(okButton(&dialog)->text(), QStringLiteral("Reject"));
    QVERIFY(!okButton(&dialog)->isEnabled());
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("  "));
    QVERIFY(!okButton(&dialog)->isEnabled());
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("Emergency calls fail on band 20."));
    QVERIFY(okButton(&dialog)->isEnabled());
    QCOMPARE(dialog.reason(), QStringLiteral("Emergency calls fail on band 20."));
}

void tst_ReleaseDialogs::failedTestNeedsANote()
{
    TestPlan plan;
    for (TestCaseKind kind : TestPlan::allKinds())
        plan.cases.append(pendingCase(7, QStringLiteral("Aurora A7"), kind));
    TestResultDialog dialog(plan, 7, TestCaseKind::EmergencyCall);
    QCOMPARE(dialog.testCase(), TestCaseKind::EmergencyCall);
    QCOMPARE(dialog.modelId(), 7);
    QVERIFY(okButton(&dialog)->isEnabled()); // passed: the note is optional
    dialog.setOutcome(TestOutcome::Failed);
    QVERIFY(!okButton(&dialog)->isEnabled());
    dialog.setNote(QStringLiteral("No call set-up to 112 on band 20."));
    QVERIFY(okButton(&dialog)->isEnabled());
    QCOMPARE(dialog.outcome(), TestOutcome::Failed);
}

void tst_ReleaseDialogs::addKeyShowsTheFingerprintFirst()
{
    QTemporaryDir dir;
    const PrivateKey key = ReleaseKit::newKey(KeyType::Ed25519);
    const QString publicPem = dir.filePath(QStringLiteral("author.pub.pem"));
    const QString privatePem = dir.filePath(QStringLiteral("author.pem"));
    QVERIFY(ReleaseKit::writeFile(publicPem, key.publicKey().toPem()));
    QVERIFY(ReleaseKit::writeFile(privatePem, key.toPem()));

    AddTrustedKeyDialog dialog({{3, QStringLiteral("Aurora")}});
    QVERIFY(!okButton(&dialog)->isEnabled());
    dialog.loadPemFile(privatePem); // a private key is not what the trust store holds
    QVERIFY(dialog.pem().isEmpty());
    dialog.loadPemFile(publicPem);
    QCOMPARE(dialog.fingerprint(), key.publicKey().fingerprint());
    QVERIFY(!okButton(&dialog)->isEnabled()); // no vendor ID yet
    dialog.vendorEdit()->setText(QStringLiteral("FA6B4A53-D5AD-5FDF-BE9D-E663E4D41FFE"));
    QCOMPARE(dialog.vendorIdHex(), QStringLiteral("fa6b4a53d5ad5fdfbe9de663e4d41ffe"));
    QCOMPARE(dialog.manufacturerId(), 3);
    QVERIFY(okButton(&dialog)->isEnabled());
    dialog.vendorEdit()->setText(QStringLiteral("fa6b4a53"));
    QVERIFY(!okButton(&dialog)->isEnabled());
}

void tst_ReleaseDialogs::trustStoreIsForAdministrators()
{
    ReleaseBench bench;
    const QString error = bench.setUp();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    OperatorSession session(Operator{QStringLiteral("tess"), OperatorRole::TestEngineer});
    TrustStoreDialog dialog(bench.firmware.get(), bench.tracker.get(), &session);
    QAbstractItemModelTester tester(dialog.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    QTRY_COMPARE(dialog.model()->rowCount(), 2); // the demo test Author, for two vendors
    QCOMPARE(dialog.model()->index(0, TrustedKeyModel::FingerprintColumn).data().toString(),
             bench.demo.authorFingerprint);
    QVERIFY(!dialog.addButton()->isEnabled());
    QVERIFY(dialog.addButton()->toolTip().contains(QStringLiteral("Administrator")));

    session.setOperator(Operator{QStringLiteral("adam"), OperatorRole::Administrator});
    QVERIFY(dialog.addButton()->isEnabled());
    const PrivateKey other = ReleaseKit::newKey();
    const int manufacturer = waitFor(bench.tracker->catalog()).value().manufacturers.value(0).id;
    dialog.addKey(QStringLiteral("0123456789abcdef0123456789abcdef"), manufacturer,
                  other.publicKey().toPem(), QStringLiteral("Second Author"));
    QTRY_COMPARE(dialog.model()->rowCount(), 3);
    int row = 0;
    while (dialog.model()->index(row, TrustedKeyModel::LabelColumn).data().toString()
           != QStringLiteral("Second Author"))
        ++row;
    dialog.table()->selectRow(row);
    QVERIFY(dialog.removeButton()->isEnabled());
    dialog.removeKey(dialog.model()->index(row, 0).data(TrustedKeyModel::KeyIdRole).toLongLong(),
                     QStringLiteral("Test key, never used."));
    QTRY_COMPARE(dialog.model()->rowCount(), 2);
    QVERIFY(dialog.errorText().isEmpty());
    // The service asks for a reason even when a caller skips the dialog.
    dialog.removeKey(1, QString());
    QTRY_VERIFY(!dialog.errorText().isEmpty());
    QCOMPARE(dialog.model()->rowCount(), 2);
    bench.tearDown();
}

QTEST_MAIN(tst_ReleaseDialogs)
#include "tst_releasedialogs.moc"
