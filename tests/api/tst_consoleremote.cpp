// SPDX-License-Identifier: Apache-2.0
// Two consoles on one patchboard-server (issue #6, "Done when"): each a MainWindow over its own
// Remote backends and its own signed-in ApiClient, as two operators at two desks. They see the
// same fleet; what one decides appears in the other after the change poll; a server that goes
// away shows the offline banner without freezing the window, and coming back clears it.
#include "audit/remoteauditbackend.h"
#include "connectionbanner.h"
#include "devicespage.h"
#include "devicetablemodel.h"
#include "firmware/remotefirmwarebackend.h"
#include "mainwindow.h"
#include "operatorsession.h"
#include "releaselistmodel.h"
#include "releasespage.h"
#include "rollout/remoterolloutbackend.h"
#include "telemetry/remotetelemetrybackend.h"
#include "testserver.h"
#include "tracker/remotetrackerbackend.h"

#include <QAction>
#include <QElapsedTimer>
#include <QLabel>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Patchboard;

namespace {

constexpr int DemoDevices = 300;

// One operator's console: the composition main() makes with --server, on a client signed in.
struct Console
{
    explicit Console(ApiClient *client)
        : client(client)
        , tracker(client)
        , firmware(client)
        , audit(client)
        , rollouts(client)
        , telemetry(client)
        , session(client->session().who)
    {
        window = std::make_unique<MainWindow>(&tracker, &firmware, &audit, &rollouts, &telemetry,
                                              &session);
        window->setServerConnection(client);
        window->show();
    }
    ~Console() { window.reset(); }

    Operator who() const { return session.current(); }
    // The state the Releases page shows for a release ("approved"), empty while not listed.
    QString listedState(qint64 releaseId) const
    {
        const ReleaseListModel *model = window->releasesPage()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(ReleaseListModel::ReleaseIdRole).toLongLong() == releaseId)
                return index.data(ReleaseListModel::StateRole).toString();
        }
        return {};
    }

    ApiClient *client;
    RemoteTrackerBackend tracker;
    RemoteFirmwareBackend firmware;
    RemoteAuditBackend audit;
    RemoteRolloutBackend rollouts;
    RemoteTelemetryBackend telemetry;
    OperatorSession session;
    std::unique_ptr<MainWindow> window;
};

// The longest time the event loop did not get to a 10 ms timer: a blocked GUI thread shows as a
// long gap between two ticks.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(10);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longest = qMax(m_longest, m_clock.restart());
        });
        m_clock.start();
        m_timer.start();
    }
    qint64 longestMs() const { return m_longest; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_longest = 0;
};

// With PATCHBOARD_TEST_SHOTS=DIR, the window as the operator sees it is saved there (the user
// guide's pictures of the banner).
void saveShot(QWidget *window, const char *name)
{
    const QString dir = qEnvironmentVariable("PATCHBOARD_TEST_SHOTS");
    if (!dir.isEmpty())
        window->grab().save(dir + QLatin1Char('/') + QLatin1String(name), "PNG");
}

} // namespace

class tst_ConsoleRemote : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void twoConsolesSeeTheSameFleet();
    void theServerDecidesWhoActs();
    void anApprovalInOneAppearsInTheOther();
    void serverDownShowsTheBannerWithoutBlocking();
    void serverBackClearsTheBanner();

private:
    TestServer m_server;
    std::unique_ptr<Console> m_tester; // records the test results
    std::unique_ptr<Console> m_approver; // a second test engineer: approves (four-eyes rule)
};

void tst_ConsoleRemote::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestServer::Options options;
    options.demoDevices = DemoDevices;
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorText()));
    ApiClient *tester = m_server.client(QStringLiteral("tester"));
    QVERIFY2(tester, qPrintable(m_server.errorText()));
    ApiClient *approver = m_server.client(QStringLiteral("tester2"));
    QVERIFY2(approver, qPrintable(m_server.errorText()));
    m_tester = std::make_unique<Console>(tester);
    m_approver = std::make_unique<Console>(approver);
    QVERIFY(QTest::qWaitForWindowExposed(m_tester->window.get()));
    QVERIFY(QTest::qWaitForWindowExposed(m_approver->window.get()));
}

void tst_ConsoleRemote::cleanupTestCase()
{
    m_tester.reset();
    m_approver.reset();
}

void tst_ConsoleRemote::twoConsolesSeeTheSameFleet()
{
    DeviceTableModel *a = m_tester->window->devicesPage()->model();
    DeviceTableModel *b = m_approver->window->devicesPage()->model();
    QTRY_COMPARE_WITH_TIMEOUT(a->fleetSize(), DemoDevices, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(b->fleetSize(), DemoDevices, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(a->rowCount(), b->rowCount(), 15000);
    QVERIFY(a->rowCount() > 0);
    // The same first device in both, column by column.
    for (int column = 0; column < a->columnCount(); ++column)
        QCOMPARE(a->index(0, column).data().toString(), b->index(0, column).data().toString());
    QTRY_VERIFY(m_tester->window->deviceCountLabel()->text().startsWith(QStringLiteral("300 ")));
    QCOMPARE(m_tester->window->deviceCountLabel()->text(),
             m_approver->window->deviceCountLabel()->text());
    // The status bar names the server and says it is online; no banner while it is.
    QCOMPARE(m_tester->window->backendLabel()->text(),
             QStringLiteral("Server: %1 \u2014 online").arg(m_server.url().toDisplayString()));
    QVERIFY(!m_tester->window->connectionBanner()->isVisible());
}

void tst_ConsoleRemote::theServerDecidesWhoActs()
{
    // The operator is the signed-in one, in the role the server gave, and cannot be switched.
    QCOMPARE(m_tester->who().name, QStringLiteral("tester"));
    QCOMPARE(m_tester->who().role, OperatorRole::TestEngineer);
    QVERIFY(m_tester->window->operatorLabel()->text().contains(QStringLiteral("tester")));
    QVERIFY(!m_tester->window->switchOperatorAction()->isEnabled());
    QVERIFY(!m_tester->window->switchOperatorAction()->toolTip().isEmpty());
    m_tester->window->switchOperator();
    QCOMPARE(m_tester->who().role, OperatorRole::TestEngineer);
    // Importing devices is the embedded database's: off, and the tooltip says why.
    QVERIFY(!m_tester->window->importDevicesAction()->isEnabled());
    QVERIFY2(m_tester->window->importDevicesAction()->toolTip().contains(QStringLiteral("server")),
             qPrintable(m_tester->window->importDevicesAction()->toolTip()));
}

void tst_ConsoleRemote::anApprovalInOneAppearsInTheOther()
{
    // The clean demo release: verified, waiting for its test results.
    QTRY_VERIFY_WITH_TIMEOUT(m_tester->window->releasesPage()->isLoaded(), 15000);
    auto listing = spin(m_tester->firmware.releases(m_tester->who()));
    QVERIFY(listing.isFinished());
    const Result<QList<ReleaseSummary>> listed = listing.result();
    QVERIFY2(listed.ok(), qPrintable(listed.error().text()));
    qint64 releaseId = 0;
    for (const ReleaseSummary &release : listed.value()) {
        if (release.state == ReleaseState::Verified && release.type == ReleaseType::Security) {
            auto asked = spin(m_tester->firmware.releaseDetail(m_tester->who(), release.id));
            QVERIFY(asked.isFinished());
            const Result<ReleaseDetail> detail = asked.result();
            QVERIFY2(detail.ok(), qPrintable(detail.error().text()));
            // The one whose only blockers are the open test cases.
            if (!detail.value().testPlan.cases.isEmpty()
                && detail.value().offendingChanges.isEmpty()) {
                releaseId = release.id;
                break;
            }
        }
    }
    QVERIFY2(releaseId > 0, "no verified demo release to approve");
    QCOMPARE(m_approver->listedState(releaseId), m_tester->listedState(releaseId));

    // Console A records every test case as passed.
    auto asked = spin(m_tester->firmware.releaseDetail(m_tester->who(), releaseId));
    QVERIFY(asked.isFinished());
    const Result<ReleaseDetail> detail = asked.result();
    QVERIFY2(detail.ok(), qPrintable(detail.error().text()));
    for (const TestCaseResult &testCase : detail.value().testPlan.cases) {
        auto recorded = spin(m_tester->firmware.recordTestResult(
            m_tester->who(), releaseId, testCase.modelId, testCase.kind, TestOutcome::Passed,
            QString()));
        QVERIFY(recorded.isFinished());
        QVERIFY2(recorded.result().ok(), qPrintable(recorded.result().error().text()));
    }
    // Console B, another test engineer, approves.
    auto approved = spin(m_approver->firmware.approve(
        m_approver->who(), releaseId, QStringLiteral("Every case passed on the bench.")));
    QVERIFY(approved.isFinished());
    QVERIFY2(approved.result().ok(), qPrintable(approved.result().error().text()));
    QCOMPARE(approved.result().value().summary.state, ReleaseState::Approved);

    // Console A did nothing: its Releases page shows the approval after the change poll (2 s).
    QTRY_COMPARE_WITH_TIMEOUT(m_tester->listedState(releaseId), QStringLiteral("approved"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(m_approver->listedState(releaseId), QStringLiteral("approved"),
                              15000);
}

void tst_ConsoleRemote::serverDownShowsTheBannerWithoutBlocking()
{
    ConnectionBanner *banner = m_tester->window->connectionBanner();
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    m_server.stop();

    StallMeter meter;
    // Nobody touches anything: the change poll finds the server gone.
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QVERIFY(m_approver->window->connectionBanner()->isVisible()
            || QTest::qWaitFor([&] { return m_approver->window->connectionBanner()->isVisible(); },
                               10000));
    const QString text = banner->messageLabel()->text();
    QVERIFY2(text.startsWith(QStringLiteral("Server unreachable since ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("retrying (next in ")), qPrintable(text));
    QVERIFY2(m_tester->window->backendLabel()->text().endsWith(QStringLiteral("offline")),
             qPrintable(m_tester->window->backendLabel()->text()));

    // The operator goes on working: a search, a refresh, a page switch, Retry Now. Each request
    // waits for the server on the network, none on the GUI thread.
    m_tester->window->devicesPage()->model()->refresh();
    m_tester->window->showPage(m_tester->window->pageIndex(m_tester->window->releasesPage()));
    m_tester->window->releasesPage()->refresh();
    banner->retryNow();
    QTest::qWait(4000); // a probe and the reads' first retries while the server is down
    QVERIFY(banner->isVisible());
    qInfo("longest event-loop stall while the server was down: %lld ms", meter.longestMs());
    QVERIFY2(meter.longestMs() < 50,
             qPrintable(QStringLiteral("the event loop stalled for %1 ms while the server was down")
                            .arg(meter.longestMs())));
    saveShot(m_tester->window.get(), "offline-banner.png"); // after the measurement
}

void tst_ConsoleRemote::serverBackClearsTheBanner()
{
    ConnectionBanner *banner = m_tester->window->connectionBanner();
    QVERIFY2(m_server.restart(), qPrintable(m_server.errorText()));
    // The next probe (every 3 s) finds it; the same session goes on (tokens survive a restart).
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_approver->window->connectionBanner()->isVisible(), 10000);
    QCOMPARE(m_tester->client->state(), ApiClient::State::Online);
    QTRY_COMPARE(m_tester->window->backendLabel()->text(),
                 QStringLiteral("Server: %1 \u2014 online").arg(m_server.url().toDisplayString()));
    // And the pages answer again.
    m_tester->window->devicesPage()->model()->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_tester->window->devicesPage()->model()->fleetSize(), DemoDevices,
                              15000);
}

QTEST_MAIN(tst_ConsoleRemote)
#include "tst_consoleremote.moc"
