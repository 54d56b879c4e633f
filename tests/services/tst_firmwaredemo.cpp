// SPDX-License-Identifier: Apache-2.0
// Demo releases on the demo fleet: one of each kind, each stopped by the check it is meant to
// show, signed by the deterministic test Author.
#include "firmware/demoreleases.h"
#include "firmware/releaseworkflow.h"
#include "simulation/demofleetgenerator.h"
#include "storage/database.h"
#include "tst_releasekit.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

class TestFirmwareDemo : public QObject
{
    Q_OBJECT

private slots:
    void everyCheckIsExercised();
    void testAuthorIsDeterministic();
};

void TestFirmwareDemo::everyCheckIsExercised()
{
    QTemporaryDir dir;
    Result<Database> db = Database::open(dir.filePath(QStringLiteral("fleet.db")));
    QVERIFY(db.ok());
    const DemoFleetGenerator generator({300, 20241105, QDate(2026, 11, 1)});
    QVERIFY(generator.generate(db.value()).ok());
    const QDateTime now(QDate(2026, 11, 2), QTime(8, 0), Qt::UTC);
    const QString store = dir.filePath(QStringLiteral("fleet.db.releases"));
    const Result<DemoReleases::Report> report = DemoReleases::create(db.value(), store, now);
    QVERIFY2(report.ok(), qPrintable(report.error().text()));
    QCOMPARE(report.value().releaseIds.size(), 5);
    QCOMPARE(report.value().authorFingerprint,
             DemoReleases::testAuthorKey().publicKey().fingerprint());

    ReleaseWorkflow workflow(db.value(), store, [now] { return now; });
    const Operator viewer{QStringLiteral("vic"), OperatorRole::Viewer};
    struct Expected
    {
        ReleaseState state;
        const char *failing; // the check that stops it, or nullptr
    };
    const QList<Expected> expected = {{ReleaseState::Verified, nullptr},
                                      {ReleaseState::Verified, "security-only"},
                                      {ReleaseState::Refused, "signature"},
                                      {ReleaseState::Refused, "anti-rollback"},
                                      {ReleaseState::Refused, "signature"}};
    for (int i = 0; i < expected.size(); ++i) {
        const Result<ReleaseDetail> detail = workflow.detail(viewer, report.value().releaseIds[i]);
        QVERIFY2(detail.ok(), qPrintable(detail.error().text()));
        QCOMPARE(detail.value().summary.state, expected[i].state);
        QCOMPARE(detail.value().summary.models, QStringList{report.value().model});
        // A release claims a bulletin that has been published, never a future patch level.
        QVERIFY2(detail.value().summary.patchLevel.date() <= now.date(),
                 qPrintable(detail.value().summary.patchLevel.toString()));
        // A refused release is never tested, so no SSU-TES-0010 window runs for it.
        if (expected[i].state == ReleaseState::Refused)
            QVERIFY(!detail.value().summary.windowApplies);
        QStringList failed;
        for (const ReleaseCheck &check : detail.value().checks) {
            if (check.blocking && !check.passed)
                failed.append(check.name);
        }
        if (expected[i].failing)
            QVERIFY2(failed.contains(QString::fromLatin1(expected[i].failing)),
                     ReleaseKit::describe(detail.value().checks).constData());
        else
            QVERIFY2(failed.isEmpty(), ReleaseKit::describe(detail.value().checks).constData());
    }
    // Demo releases go into a database once.
    QCOMPARE(DemoReleases::create(db.value(), store, now).error().code,
             ServiceError::Code::InvalidArgument);
}

void TestFirmwareDemo::testAuthorIsDeterministic()
{
    const PrivateKey a = DemoReleases::testAuthorKey();
    const PrivateKey b = DemoReleases::testAuthorKey();
    QVERIFY(!a.isNull());
    QCOMPARE(a.type(), KeyType::Ed25519);
    QCOMPARE(a.publicKey().fingerprint(), b.publicKey().fingerprint());
    QCOMPARE(DemoReleases::vendorIdFor(QStringLiteral("Aurora Mobile")).size(), 16);
    QVERIFY(DemoReleases::vendorIdFor(QStringLiteral("Aurora Mobile"))
            != DemoReleases::vendorIdFor(QStringLiteral("Borealis")));
}

QTEST_GUILESS_MAIN(TestFirmwareDemo)
#include "tst_firmwaredemo.moc"
