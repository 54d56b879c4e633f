// SPDX-License-Identifier: Apache-2.0
// Roles (services/auth): the matrix itself, and that the service layer refuses every action a
// role does not allow with PermissionDenied, changing nothing, whatever the UI shows.
#include "audit/auditlog.h"
#include "auth/permissions.h"
#include "firmware/firmwareadministration.h"
#include "firmware/releaseworkflow.h"
#include "rollout/localrolloutbackend.h"
#include "rollout/rolloutservice.h"
#include "storage/database.h"
#include "tracker/inventoryimport.h"
#include "tst_releasekit.h"

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Patchboard;
using namespace Patchboard::ReleaseKit;

namespace {

struct Expectation
{
    Permission permission;
    bool viewer, testEngineer, rolloutManager, administrator;
};

// The matrix as documented in docs/release-format.md ("Roles").
const QList<Expectation> matrix = {
    {Permission::ViewReleases, true, true, true, true},
    {Permission::ImportRelease, false, true, false, true},
    {Permission::RecordTestResult, false, true, false, false},
    {Permission::WaiveTestCase, false, true, false, false},
    {Permission::ApproveRelease, false, true, false, false},
    {Permission::RejectRelease, false, true, false, false},
    {Permission::WithdrawRelease, false, false, true, true},
    {Permission::ManageTrustKeys, false, false, false, true},
    {Permission::ImportVulnerabilityData, false, true, false, true},
    {Permission::ConfigureWorkflow, false, false, false, true},
    {Permission::ViewRollouts, true, true, true, true},
    {Permission::PlanRollout, false, false, true, false},
    {Permission::ControlRollout, false, false, true, true},
    {Permission::ControlSimulation, false, true, true, true},
    {Permission::ImportDevices, false, false, false, true},
};

bool expected(Permission permission, OperatorRole role)
{
    for (const Expectation &e : matrix) {
        if (e.permission == permission) {
            switch (role) {
            case OperatorRole::Viewer:
                return e.viewer;
            case OperatorRole::TestEngineer:
                return e.testEngineer;
            case OperatorRole::RolloutManager:
                return e.rolloutManager;
            case OperatorRole::Administrator:
                return e.administrator;
            }
        }
    }
    return false;
}

const QList<OperatorRole> roles = {OperatorRole::Viewer, OperatorRole::TestEngineer,
                                   OperatorRole::RolloutManager, OperatorRole::Administrator};

} // namespace

class TestRoles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matrixIsAsDocumented();
    void servicesRefuseWhatARoleMayNotDo_data();
    void servicesRefuseWhatARoleMayNotDo();
    void nobodySignedInIsRefused();

private:
    RolloutService &rollouts()
    {
        if (!m_rollouts)
            m_rollouts = std::make_unique<RolloutService>(m_db, std::function<QDateTime()>{}, 1);
        return *m_rollouts;
    }

    std::unique_ptr<RolloutService> m_rollouts;
    QTemporaryDir m_dir;
    Database m_db;
    std::unique_ptr<ReleaseWorkflow> m_workflow;
    std::unique_ptr<FirmwareAdministration> m_admin;
    PrivateKey m_author;
    qint64 m_verified = 0;
    qint64 m_approved = 0;
    QString m_bundle;
};

void TestRoles::initTestCase()
{
    Result<Database> db = Database::open(m_dir.filePath(QStringLiteral("fleet.db")));
    QVERIFY(db.ok());
    m_db = std::move(db).value();
    QVERIFY(createFleet(m_db).isEmpty());
    m_workflow = std::make_unique<ReleaseWorkflow>(m_db, m_dir.filePath(QStringLiteral("store")));
    m_admin = std::make_unique<FirmwareAdministration>(m_db);
    m_author = newKey();
    const Operator admin{QStringLiteral("adam"), OperatorRole::Administrator};
    const Operator tess{QStringLiteral("tess"), OperatorRole::TestEngineer};
    const Operator ava{QStringLiteral("ava"), OperatorRole::TestEngineer};
    QVERIFY(m_admin->addTrustedKey(admin, vendorHex(Acme), Acme, m_author.publicKey().toPem(), {})
                .ok());
    m_verified = m_workflow
                     ->importBundle(tess,
                                    makeBundle(m_dir.path(), QStringLiteral("a"), m_author,
                                               vendorId(Acme), classId(AcmeOne), 4, cleanNotes()))
                     .value()
                     .summary.id;
    m_approved
        = m_workflow
              ->importBundle(tess,
                             makeBundle(m_dir.path(), QStringLiteral("b"), m_author, vendorId(Acme),
                                        classId(AcmeOne), 5, cleanNotes(QStringLiteral("4.0.2"))))
              .value()
              .summary.id;
    for (TestCaseKind kind : TestPlan::allKinds())
        QVERIFY(
            m_workflow->recordTestResult(tess, m_approved, AcmeOne, kind, TestOutcome::Passed, {})
                .ok());
    QVERIFY(m_workflow->approve(ava, m_approved, {}).ok());
    m_bundle = makeBundle(m_dir.path(), QStringLiteral("c"), m_author, vendorId(Acme),
                          classId(AcmeOne), 6, cleanNotes(QStringLiteral("4.0.3")));
}

void TestRoles::matrixIsAsDocumented()
{
    QCOMPARE(Permissions::all().size(), matrix.size());
    for (Permission permission : Permissions::all()) {
        for (OperatorRole role : roles)
            QVERIFY2(Permissions::allows(role, permission) == expected(permission, role),
                     qPrintable(Operator::roleName(role) + QLatin1Char(' ')
                                + Permissions::name(permission)));
    }
}

void TestRoles::servicesRefuseWhatARoleMayNotDo_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<int>("permission");
    for (OperatorRole role : roles) {
        for (Permission permission : Permissions::all())
            QTest::addRow("%s %s", qPrintable(Operator::roleName(role)),
                          qPrintable(Permissions::name(permission)))
                << int(role) << int(permission);
    }
}

void TestRoles::servicesRefuseWhatARoleMayNotDo()
{
    QFETCH(int, role);
    QFETCH(int, permission);
    const Operator who{QStringLiteral("someone"), OperatorRole(role)};
    const Permission p = Permission(permission);
    const qint64 auditBefore = AuditLog(m_db).verify().value().entries;
    ServiceError error;
    switch (p) {
    case Permission::ViewReleases:
        error = m_workflow->releases(who).error();
        if (!error.isError())
            error = m_workflow->detail(who, m_verified).error();
        break;
    case Permission::ImportRelease:
        error = m_workflow->importBundle(who, m_dir.filePath(QStringLiteral("missing.pbrelease")))
                    .error();
        break;
    case Permission::RecordTestResult:
        error = m_workflow
                    ->recordTestResult(who, m_verified, AcmeOne, TestCaseKind::Sms,
                                       TestOutcome::Blocked, QStringLiteral("no SIM"))
                    .error();
        break;
    case Permission::WaiveTestCase:
        error = m_workflow
                    ->waiveTestCase(who, m_verified, AcmeOne, TestCaseKind::Data,
                                    QStringLiteral("lab down"))
                    .error();
        break;
    case Permission::ApproveRelease:
        error = m_workflow->approve(who, m_verified, {}).error();
        break;
    case Permission::RejectRelease:
        error = m_workflow->reject(who, 999, QStringLiteral("no")).error();
        break;
    case Permission::WithdrawRelease:
        error = m_workflow->withdraw(who, 999, QStringLiteral("no")).error();
        break;
    case Permission::ManageTrustKeys:
        error = m_admin->removeTrustedKey(who, 999, QStringLiteral("no")).error();
        break;
    case Permission::ImportVulnerabilityData:
        error = m_admin->importBulletins(who, m_dir.filePath(QStringLiteral("missing"))).error();
        break;
    case Permission::ConfigureWorkflow:
        error = m_admin->setSettings(who, FirmwareSettings{true}).error();
        break;
    case Permission::ViewRollouts:
        error = rollouts().rollouts(who).error();
        break;
    case Permission::PlanRollout: {
        RolloutPlan plan;
        plan.releaseId = m_approved;
        plan.waves = RolloutPlan::defaultWaves();
        plan.window.enabled = false;
        error = rollouts().preview(who, plan).error();
        if (!error.isError()) // allowed roles get past the check to "no devices to target"
            error = rollouts().create(who, plan, false).error();
        break;
    }
    case Permission::ControlRollout:
        error = rollouts().pause(who, 999, QStringLiteral("no")).error();
        break;
    case Permission::ControlSimulation: {
        LocalRolloutBackend backend;
        LocalRolloutBackend::Options options;
        options.databasePath = m_db.path();
        options.running = false;
        QFuture<Result<Done>> opened = backend.open(options);
        QTRY_VERIFY(opened.isFinished());
        QVERIFY(opened.result().ok());
        QFuture<Result<SimulationSettings>> set = backend.setSimulation(who, SimulationSettings{});
        QTRY_VERIFY(set.isFinished());
        error = set.result().error();
        break;
    }
    case Permission::ImportDevices: // allowed roles get past the check to "cannot read"
        error = InventoryImport::run(m_db, m_dir.filePath(QStringLiteral("missing.csv")),
                                     InventoryMapping(), InventoryOptions(), who)
                    .error();
        break;
    }
    if (expected(p, OperatorRole(role))) {
        QVERIFY2(error.code != ServiceError::Code::PermissionDenied
                     || p == Permission::ApproveRelease,
                 qPrintable(error.text()));
        if (p == Permission::ApproveRelease) // allowed, but the open test cases stop it
            QVERIFY2(error.message.contains(QStringLiteral("Test case")), qPrintable(error.text()));
    } else {
        QCOMPARE(error.code, ServiceError::Code::PermissionDenied);
        QVERIFY2(error.message.contains(Operator::roleDisplayName(OperatorRole(role)).toLower()),
                 qPrintable(error.message));
        // Refused before anything happened: not even an audit entry.
        QCOMPARE(AuditLog(m_db).verify().value().entries, auditBefore);
    }
}

void TestRoles::nobodySignedInIsRefused()
{
    const Operator nobody{QString(), OperatorRole::Administrator};
    QCOMPARE(m_workflow->releases(nobody).error().code, ServiceError::Code::PermissionDenied);
    QCOMPARE(m_admin->setSettings(nobody, FirmwareSettings{false}).error().code,
             ServiceError::Code::PermissionDenied);
}

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"
