// SPDX-License-Identifier: Apache-2.0
// patchboard-server's device API under a simulated fleet (issue #6 "Speed"): a PatchboardServer
// on loopback (its own thread, a temporary SQLite database with a demo fleet of --devices, or
// with --database postgresql://... an empty PostgreSQL database, e.g. the one
// scripts/with-postgres.sh starts: --database "$PATCHBOARD_TEST_POSTGRES") and a
// NetworkFleet of as many devices over HTTPS in this thread. First the check-in rate and latency
// with every device asking again at once (--seconds long, --concurrency requests in flight); then
// a staged rollout of the demo fleet's approved release (four waves, no soak, any time of day),
// created and scheduled through the rollout backend, played to completion by the devices.
// Prints the machine, then "name value unit" lines, and the targets: >= 5,000 check-ins/s and
// p99 <= 50 ms.
//
// Both sides share the machine: the server's thread (TLS, HTTP, routing), its database worker
// and the rollout engine, and the client's TLS and QNetworkAccessManager threads.
#include "api/apiclient.h"
#include "api/devicejson.h"
#include "api/patchboardserver.h"
#include "benchutil.h"
#include "rollout/remoterolloutbackend.h"
#include "simulation/networkfleet.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <unistd.h>

using namespace Patchboard;
using namespace Patchboard::Bench;

namespace {

const QString kPassword = QStringLiteral("bench-password-1");

// CPU seconds (user + system) of this process's threads, by thread name (/proc, Linux): who of
// client and server spent the machine's two cores.
QHash<QString, double> threadCpuSeconds()
{
    QHash<QString, double> seconds;
    const double tick = double(sysconf(_SC_CLK_TCK));
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!comm.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly))
            continue;
        const QString name = QString::fromUtf8(comm.readAll()).trimmed();
        // Fields after the ")" of the name: state is field 3, utime 14, stime 15.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 12)
            seconds[name] += (fields[11].toDouble() + fields[12].toDouble()) / tick;
    }
    return seconds;
}

// PatchboardServer on a thread of its own, as patchboard-server runs it.
class ServerThread
{
public:
    ~ServerThread()
    {
        if (m_anchor) {
            QMetaObject::invokeMethod(
                m_anchor, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
            m_anchor->deleteLater();
        }
        m_thread.quit();
        m_thread.wait();
    }

    Status start(const PatchboardServer::Options &options)
    {
        m_thread.setObjectName(QStringLiteral("pb-server"));
        m_thread.start();
        m_anchor = new QObject;
        m_anchor->moveToThread(&m_thread);
        Status result = Done{};
        QMetaObject::invokeMethod(
            m_anchor,
            [&] {
                m_server = new PatchboardServer;
                result = m_server->start(options);
                if (result) {
                    for (const auto &[name, role] :
                         {std::pair{QStringLiteral("admin"), OperatorRole::Administrator},
                          std::pair{QStringLiteral("manager"), OperatorRole::RolloutManager}}) {
                        if (const Status added = m_server->addOperator(name, role, kPassword);
                            !added)
                            result = added;
                    }
                }
                m_port = m_server->port();
                m_fingerprint = m_server->certificateSha256();
            },
            Qt::BlockingQueuedConnection);
        return result;
    }

    ServerEndpoint endpoint() const
    {
        ServerEndpoint e;
        e.url = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_port));
        e.pinnedSha256 = m_fingerprint;
        return e;
    }

private:
    QThread m_thread;
    QObject *m_anchor = nullptr;
    PatchboardServer *m_server = nullptr;
    quint16 m_port = 0;
    QByteArray m_fingerprint;
};

template<typename T>
std::optional<T> await(QFuture<Result<T>> future, int timeoutMs, QString *error)
{
    if (!waitFor(future, timeoutMs)) {
        *error = QStringLiteral("timed out");
        return std::nullopt;
    }
    if (!future.result()) {
        *error = future.result().error().text();
        return std::nullopt;
    }
    return future.result().value();
}

void reportFleet(Report &report, const QString &prefix, const NetworkFleet::Summary &s)
{
    report.count(prefix + QStringLiteral("_requests"), s.requests, QStringLiteral("requests"));
    report.count(prefix + QStringLiteral("_checkins"), s.checkIns, QStringLiteral("check-ins"));
    report.figure(prefix + QStringLiteral("_checkins_per_s"), s.checkInsPerSecond,
                  QStringLiteral("1/s"));
    report.figure(prefix + QStringLiteral("_checkin_p50"), s.checkInP50Ms, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("_checkin_p99"), s.checkInP99Ms, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("_request_p50"), s.requestP50Ms, QStringLiteral("ms"));
    report.figure(prefix + QStringLiteral("_request_p99"), s.requestP99Ms, QStringLiteral("ms"));
    report.count(prefix + QStringLiteral("_errors"), s.errorCount, QStringLiteral("errors"));
    for (const QString &line : s.text().split(QLatin1Char('\n')))
        report.comment(prefix + QStringLiteral(": ") + line);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const Options options(app.arguments());
    const QStringList known{QStringLiteral("--devices"), QStringLiteral("--concurrency"),
                            QStringLiteral("--seconds"), QStringLiteral("--rollout-timeout"),
                            QStringLiteral("--database")};
    if (const QStringList unknown = options.unknown(known); !unknown.isEmpty()) {
        QTextStream(stderr)
            << "Unknown options: " << unknown.join(QLatin1Char(' '))
            << "\nKnown: --devices N --concurrency C --seconds S --rollout-timeout S "
               "--database FILE|URL\n";
        return 2;
    }
    const int devices = int(options.number(QStringLiteral("--devices"), 10000));
    const int concurrency = int(options.number(QStringLiteral("--concurrency"), 24));
    const int seconds = int(options.number(QStringLiteral("--seconds"), 20));
    const int rolloutTimeout = int(options.number(QStringLiteral("--rollout-timeout"), 900));

    Report report;
    printMachine(report.out(), describeMachine());
    QTemporaryDir dir;
    ServerThread server;
    PatchboardServer::Options serverOptions;
    serverOptions.databasePath = options.text(QStringLiteral("--database"));
    if (serverOptions.databasePath.isEmpty())
        serverOptions.databasePath = dir.filePath(QStringLiteral("fleet.db"));
    serverOptions.dataDirectory = dir.filePath(QStringLiteral("server"));
    report.comment(
        QStringLiteral("database: %1").arg(Database::displayName(serverOptions.databasePath)));
    serverOptions.port = 0;
    serverOptions.accessLog = false;
    serverOptions.demoDevices = devices;
    Stopwatch clock;
    if (const Status started = server.start(serverOptions); !started) {
        QTextStream(stderr) << "The server did not start: " << started.error().text() << '\n';
        return 1;
    }
    report.figure(QStringLiteral("server_start_with_fleet"), clock.elapsedMs() / 1000.0,
                  QStringLiteral("s"));
    const ServerEndpoint endpoint = server.endpoint();

    // Tokens for every device, issued by an administrator.
    QString error;
    ApiClient admin(endpoint);
    if (!await(admin.login(QStringLiteral("admin"), kPassword), 30000, &error)) {
        QTextStream(stderr) << "Login failed: " << error << '\n';
        return 1;
    }
    clock.restart();
    DeviceCredentialRequest wanted;
    wanted.first = devices;
    const auto issued = await(
        admin.send("POST", QStringLiteral("/api/v1/device-credentials"), Json::toJson(wanted)),
        120000, &error);
    const Result<QList<DeviceCredential>> credentials = issued
        ? Json::readDeviceCredentials(*issued)
        : Result<QList<DeviceCredential>>(
            ServiceError::make(ServiceError::Code::Unreachable, error));
    if (!credentials) {
        QTextStream(stderr) << "Issuing tokens failed: " << credentials.error().text() << '\n';
        return 1;
    }
    report.figure(QStringLiteral("issue_tokens"), clock.elapsedMs(), QStringLiteral("ms"));
    report.count(QStringLiteral("devices"), credentials.value().size(), QStringLiteral("devices"));

    // 1. Check-ins: every device asks again as soon as it has its answer.
    NetworkFleet::Options fleetOptions;
    fleetOptions.endpoint = endpoint;
    fleetOptions.concurrency = concurrency;
    fleetOptions.durationMs = qint64(seconds) * 1000;
    fleetOptions.checkInIntervalMs = 0;
    report.count(QStringLiteral("concurrency"), concurrency, QStringLiteral("requests"));
    NetworkFleet::Summary checkIns;
    const QHash<QString, double> cpuBefore = threadCpuSeconds();
    {
        NetworkFleet fleet(fleetOptions, credentials.value());
        bool done = false;
        QObject::connect(&fleet, &NetworkFleet::finished, [&done] { done = true; });
        fleet.start();
        spinUntil([&done] { return done; }, (seconds + 60) * 1000);
        checkIns = fleet.summary();
    }
    reportFleet(report, QStringLiteral("checkin"), checkIns);
    // Where the CPU went per check-in: the server's HTTP thread (TLS, parsing, routing, answers),
    // its database worker, and everything else (the simulated devices and their TLS).
    {
        const QHash<QString, double> cpuAfter = threadCpuSeconds();
        double server = 0, gateway = 0, client = 0;
        for (auto it = cpuAfter.cbegin(); it != cpuAfter.cend(); ++it) {
            const double spent = it.value() - cpuBefore.value(it.key());
            if (it.key() == QLatin1String("pb-server"))
                server += spent;
            else if (it.key() == QLatin1String("DeviceGateway"))
                gateway += spent;
            else
                client += spent;
        }
        const double n = double(std::max<qint64>(1, checkIns.checkIns));
        report.figure(QStringLiteral("server_thread_cpu_per_checkin"), server * 1e6 / n,
                      QStringLiteral("us"));
        report.figure(QStringLiteral("gateway_worker_cpu_per_checkin"), gateway * 1e6 / n,
                      QStringLiteral("us"));
        report.figure(QStringLiteral("client_cpu_per_checkin"), client * 1e6 / n,
                      QStringLiteral("us"));
        if (server > 0)
            report.figure(QStringLiteral("server_thread_capacity"), n / server,
                          QStringLiteral("1/s"));
        report.comment(QStringLiteral("server_thread_capacity: check-ins/s the server's one HTTP "
                                      "thread would take with a core to itself (the simulated "
                                      "devices on other machines)"));
    }

    // 2. A staged rollout of the approved demo release, completed by the devices over HTTPS.
    qint64 release = 0;
    {
        Result<Database> db = Database::open(serverOptions.databasePath);
        if (db) {
            QSqlQuery q(db.value().connection());
            if (q.exec(QStringLiteral("SELECT id FROM releases WHERE state = 'approved' ORDER BY "
                                      "id LIMIT 1"))
                && q.next())
                release = q.value(0).toLongLong();
        }
    }
    ApiClient managerClient(endpoint);
    if (!release
        || !await(managerClient.login(QStringLiteral("manager"), kPassword), 30000, &error)) {
        QTextStream(stderr) << "No approved release, or the manager cannot sign in: " << error
                            << '\n';
        return 1;
    }
    RemoteRolloutBackend rollouts(&managerClient);
    const Operator manager = managerClient.session().who;
    RolloutPlan plan;
    plan.releaseId = release;
    plan.name = QStringLiteral("bench_fleetsim");
    plan.waves = RolloutPlan::defaultWaves();
    for (WavePlan &wave : plan.waves) {
        wave.soakMinutes = 0;
        wave.manualGate = false;
        // The canary wave has a handful of devices: one failure must not stop the benchmark.
        wave.successThreshold = 80;
        wave.errorThreshold = 20;
    }
    plan.window.enabled = false; // the whole day
    fleetOptions.durationMs = qint64(rolloutTimeout) * 1000;
    // Every device asks every 5 s: 2,000 check-ins/s, below what the server takes, so that a
    // device's next step is not queued behind thousands of overdue check-ins of the others.
    fleetOptions.checkInIntervalMs = 5000;
    fleetOptions.postponeMs = 1000;
    NetworkFleet fleet(fleetOptions, credentials.value());
    bool fleetDone = false;
    QObject::connect(&fleet, &NetworkFleet::finished, [&fleetDone] { fleetDone = true; });
    clock.restart();
    const auto created = await(rollouts.create(manager, plan, true), 60000, &error);
    if (!created) {
        QTextStream(stderr) << "Creating the rollout failed: " << error << '\n';
        return 1;
    }
    report.count(QStringLiteral("rollout_targets"), created->summary.targets,
                 QStringLiteral("devices"));
    report.count(QStringLiteral("rollout_waves"), created->summary.waves.size(),
                 QStringLiteral("waves"));
    fleet.start();
    RolloutSummary state = created->summary;
    Stopwatch sincePoll;
    spinUntil(
        [&] {
            if (fleetDone)
                return true;
            if (sincePoll.elapsedMs() < 250)
                return false;
            sincePoll.restart();
            QString ignored;
            if (const auto d
                = await(rollouts.rolloutDetail(manager, created->summary.id), 10000, &ignored))
                state = d->summary;
            if (state.state == RolloutState::Completed || state.state == RolloutState::Halted
                || state.state == RolloutState::Cancelled)
                return true;
            return false;
        },
        (rolloutTimeout + 30) * 1000);
    const double rolloutSeconds = clock.elapsedMs() / 1000.0;
    fleet.stop();
    spinUntil([&fleetDone] { return fleetDone; }, 60000);
    report.comment(QStringLiteral("rollout state: %1").arg(rolloutStateName(state.state)));
    report.figure(QStringLiteral("rollout_complete"), rolloutSeconds, QStringLiteral("s"));
    int succeeded = 0, failed = 0;
    for (const WaveProgress &wave : std::as_const(state.waves)) {
        succeeded += wave.succeeded;
        failed += wave.failed;
    }
    report.count(QStringLiteral("rollout_succeeded"), succeeded, QStringLiteral("devices"));
    report.count(QStringLiteral("rollout_failed"), failed, QStringLiteral("devices"));
    reportFleet(report, QStringLiteral("rollout"), fleet.summary());

    // Targets: 5,000 check-ins take at most a second; p99 at most 50 ms; the rollout completes.
    report.target(QStringLiteral("checkin_seconds_per_5000"),
                  checkIns.checkInsPerSecond > 0 ? 5000.0 / checkIns.checkInsPerSecond : 1e9, 1.0,
                  QStringLiteral("s"));
    report.target(QStringLiteral("checkin_p99"), checkIns.checkInP99Ms, 50, QStringLiteral("ms"));
    report.target(QStringLiteral("rollout_not_completed"),
                  state.state == RolloutState::Completed ? 0 : 1, 0, QStringLiteral("flag"));
    report.printTargets();
    return report.allTargetsPassed() ? 0 : 1;
}
