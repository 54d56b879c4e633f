// SPDX-License-Identifier: Apache-2.0
// LocalFirmwareBackend: the workflow off the calling thread, results through futures, a change
// signalled to views, import progress reported.
#include "firmware/localfirmwarebackend.h"
#include "storage/database.h"
#include "tst_releasekit.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;
using namespace Patchboard::ReleaseKit;

namespace {

template<typename T> Result<T> wait(QFuture<Result<T>> future)
{
    future.waitForFinished();
    return future.result();
}

} // namespace

class TestFirmwareBackend : public QObject
{
    Q_OBJECT

private slots:
    void workflowThroughFutures();
    void notOpenIsAnError();
};

void TestFirmwareBackend::workflowThroughFutures()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fleet.db"));
    {
        Result<Database> db = Database::open(path);
        QVERIFY(db.ok());
        QVERIFY(createFleet(db.value()).isEmpty());
    }
    LocalFirmwareBackend backend;
    QSignalSpy changed(&backend, &FirmwareBackend::releasesChanged);
    QVERIFY(wait(backend.open({path, {}, {}})).ok());
    const Operator adam{QStringLiteral("adam"), OperatorRole::Administrator};
    const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
    const PrivateKey author = newKey();
    const Result<TrustedKey> key
        = wait(backend.addTrustedKey(adam, vendorHex(Acme), Acme, author.publicKey().toPem(), {}));
    QVERIFY2(key.ok(), qPrintable(key.error().text()));
    QCOMPARE(wait(backend.trustedKeys(tess)).value().size(), 1);

    const QString bundle
        = makeBundle(dir.path(), QStringLiteral("r"), author, vendorId(Acme), classId(AcmeOne), 4,
                     cleanNotes(), QByteArray(600 * 1024, 'f'));
    QFuture<Result<ReleaseDetail>> importing = backend.importBundle(tess, bundle);
    const Result<ReleaseDetail> imported = wait(importing);
    QVERIFY2(imported.ok(), qPrintable(imported.error().text()));
    QCOMPARE(imported.value().summary.state, ReleaseState::Verified);
    QCOMPARE(importing.progressValue(), 1000);
    // The store lives beside the database by default.
    QVERIFY(QFileInfo::exists(
        path
        + QStringLiteral(".releases/release-%1/manifest.suit").arg(imported.value().summary.id)));

    const Result<QList<ReleaseSummary>> list = wait(backend.releases(tess));
    QCOMPARE(list.value().size(), 1);
    const Operator viewer{QStringLiteral("vic"), OperatorRole::Viewer};
    QCOMPARE(wait(backend.approve(viewer, imported.value().summary.id, {})).error().code,
             ServiceError::Code::PermissionDenied);
    QTRY_COMPARE(changed.size(), 2); // key added, release imported
}

void TestFirmwareBackend::notOpenIsAnError()
{
    LocalFirmwareBackend backend;
    const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
    QCOMPARE(wait(backend.releases(tess)).error().code, ServiceError::Code::StorageUnavailable);
}

QTEST_GUILESS_MAIN(TestFirmwareBackend)
#include "tst_firmwarebackend.moc"
