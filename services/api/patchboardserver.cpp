// SPDX-License-Identifier: Apache-2.0
#include "patchboardserver.h"

#include "audit/localauditbackend.h"
#include "auditroutes.h"
#include "auth/operatorsessions.h"
#include "authroutes.h"
#include "crypto/selfsignedcertificate.h"
#include "deviceroutes.h"
#include "firmware/demoreleases.h"
#include "firmware/localfirmwarebackend.h"
#include "firmwareroutes.h"
#include "rollout/devicegateway.h"
#include "rollout/localrolloutbackend.h"
#include "rolloutroutes.h"
#include "storage/database.h"
#include "telemetry/localtelemetrybackend.h"
#include "telemetryroutes.h"
#include "tracker/localtrackerbackend.h"
#include "trackerroutes.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QUuid>

namespace Patchboard {

Q_LOGGING_CATEGORY(lcServer, "patchboard.server")

namespace {

struct Server
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Server)
};

// Waits for a backend's open() without an event loop: the backends open on their own threads.
template<typename T> Result<T> await(QFuture<Result<T>> future)
{
    future.waitForFinished();
    if (future.isCanceled() || future.resultCount() == 0)
        return ServiceError::make(ServiceError::Code::Cancelled,
                                  Server::tr("Opening was cancelled."));
    return future.result();
}

} // namespace

struct PatchboardServer::Private : ApiAuthenticator
{
    Options options;
    ApiServer api;
    QSslServer *tls = nullptr;
    QSslCertificate certificate;
    LocalTrackerBackend tracker;
    LocalFirmwareBackend firmware;
    LocalAuditBackend audit;
    LocalRolloutBackend rollouts;
    LocalTelemetryBackend telemetry;
    DeviceGateway gateway;
    OperatorSessions sessions;
    // Change counters per topic (GET /api/v1/changes): consoles poll them to re-query.
    QHash<QString, qint64> changes{{QStringLiteral("fleet"), 0},
                                   {QStringLiteral("releases"), 0},
                                   {QStringLiteral("rollouts"), 0},
                                   {QStringLiteral("events"), 0},
                                   {QStringLiteral("audit"), 0}};
    QString instance = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // On PostgreSQL: a connection of the server's thread that LISTENs on changesChannel, so that
    // what one instance changes reaches every instance's caches and change counters.
    Database listener;

    // Something changed in the database through this instance: tell every instance (this one
    // too) with NOTIFY on PostgreSQL; a SQLite server is alone.
    void publish(const QString &topic);
    // A change of topic, from this or another instance: refresh what is cached, count it.
    void received(const QString &topic);
    Status listen();

    explicit Private(int sessionHours) : sessions(sessionHours) { }

    std::optional<Operator> operatorForToken(const QByteArray &token) override
    {
        return sessions.operatorForToken(token);
    }
    std::optional<qint64> deviceForToken(const QByteArray &token) override
    {
        return options.tracker ? gateway.deviceForToken(token) : std::nullopt;
    }

    Status openBackends();
    Status loadCertificate(QSslConfiguration *tls);
    void addServerRoutes();
};

namespace {
const QString changesChannel = QStringLiteral("patchboard_changes");
}

Status PatchboardServer::Private::listen()
{
    if (!Database::isPostgresUrl(options.databasePath))
        return Done{};
    Result<Database> opened = Database::open(options.databasePath);
    if (!opened)
        return opened.error();
    listener = std::move(opened).value();
    QSqlDriver *driver = listener.connection().driver();
    if (!driver->subscribeToNotification(changesChannel))
        return listener.error(driver->lastError(),
                              Server::tr("listen for other instances' changes"));
    QObject::connect(
        driver, &QSqlDriver::notification, driver,
        [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
            if (name == changesChannel)
                received(payload.toString());
        });
    return Done{};
}

void PatchboardServer::Private::publish(const QString &topic)
{
    if (listener.isOpen()) {
        QSqlQuery q(listener.connection());
        q.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
        q.addBindValue(changesChannel);
        q.addBindValue(topic);
        if (q.exec())
            return; // received() follows, as for every other instance
        qCWarning(lcServer).noquote()
            << "cannot tell the other instances about a change:" << q.lastError().text();
    }
    received(topic);
}

void PatchboardServer::Private::received(const QString &topic)
{
    // The fleet index and the telemetry's listeners count their own change once refreshed, so
    // that a console re-queries only after that.
    if (topic == QLatin1String("fleet"))
        tracker.refresh();
    else if (topic == QLatin1String("events"))
        telemetry.notifyEventsChanged();
    else if (topic == QLatin1String("credentials"))
        gateway.reloadTokens(); // a device may use its new token on any instance at once
    else if (changes.contains(topic))
        ++changes[topic];
}

Status PatchboardServer::Private::openBackends()
{
    const QString path = options.databasePath;
    LocalTrackerBackend::Options trackerOptions;
    trackerOptions.databasePath = path;
    trackerOptions.demoDevices = options.demoDevices;
    const Result<LocalTrackerBackend::OpenReport> opened = await(tracker.open(trackerOptions));
    if (!opened)
        return opened.error();
    const QString releaseStore = QDir(options.dataDirectory).filePath(QStringLiteral("releases"));
    if (opened.value().generated && options.demoDevices > 0) {
        Result<Database> database = Database::open(path);
        if (!database)
            return database.error();
        const auto demo = DemoReleases::create(database.value(), releaseStore);
        if (!demo)
            return demo.error();
    }
    if (const Result<Done> r = await(firmware.open({path, releaseStore, {}})); !r)
        return r.error();
    if (const Result<AuditVerification> r = await(audit.open(path)); !r)
        return r.error();
    if (options.tracker) {
        LocalRolloutBackend::Options rolloutOptions;
        rolloutOptions.databasePath = path;
        rolloutOptions.simulateDevices = false;
        if (const Result<Done> r = await(rollouts.open(rolloutOptions)); !r)
            return r.error();
        if (const Result<Done> r = await(telemetry.open(path)); !r)
            return r.error();
        if (const Status r = gateway.open(path, releaseStore); !r)
            return r.error();
    }
    return sessions.open(path);
}

Status PatchboardServer::Private::loadCertificate(QSslConfiguration *configuration)
{
    QString certPath = options.certificatePath;
    QString keyPath = options.keyPath;
    if (certPath.isEmpty() != keyPath.isEmpty()) {
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Server::tr("--cert and --key go together."),
                                  Server::tr("Name both files, or neither for the development "
                                             "certificate."));
    }
    if (certPath.isEmpty()) {
        certPath = QDir(options.dataDirectory).filePath(QStringLiteral("server-cert.pem"));
        keyPath = QDir(options.dataDirectory).filePath(QStringLiteral("server-key.pem"));
        QStringList hosts{QStringLiteral("localhost")};
        if (!options.address.isLoopback() && options.address != QHostAddress::Any
            && options.address != QHostAddress::AnyIPv6)
            hosts << options.address.toString();
        if (const Status made = ensureDevelopmentCertificate(certPath, keyPath, hosts); !made)
            return made.error();
    }
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
        return ServiceError::make(
            ServiceError::Code::Io,
            Server::tr("Cannot read the certificate %1 or its key %2.").arg(certPath, keyPath),
            Server::tr("Check that both files exist and are readable."));
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || key.isNull()) {
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Server::tr("%1 holds no PEM certificate, or %2 no PEM key (EC "
                                             "or RSA, unencrypted).")
                                      .arg(certPath, keyPath));
    }
    certificate = chain.first();
    configuration->setLocalCertificateChain(chain);
    configuration->setPrivateKey(key);
    configuration->setProtocol(QSsl::TlsV1_2OrLater);
    configuration->setPeerVerifyMode(QSslSocket::VerifyNone); // clients use tokens, not certs
    return Done{};
}

void PatchboardServer::Private::addServerRoutes()
{
    api.route(QHttpServerRequest::Method::Get, QStringLiteral("/api/v1/health"), ApiAccess::Public,
              [this](const ApiRequest &, const ApiReply &reply) {
                  reply(ApiResponse::json(QJsonObject{
                      {QStringLiteral("status"), QStringLiteral("ok")},
                      {QStringLiteral("version"), QCoreApplication::applicationVersion()},
                      {QStringLiteral("tracker"), options.tracker},
                      {QStringLiteral("firmware"), options.firmware},
                  }));
              });
    api.route(QHttpServerRequest::Method::Get, QStringLiteral("/api/v1/changes"),
              ApiAccess::Operator, [this](const ApiRequest &, const ApiReply &reply) {
                  QJsonObject counters;
                  for (auto it = changes.cbegin(); it != changes.cend(); ++it)
                      counters.insert(it.key(), it.value());
                  // Several instances count the same changes (NOTIFY), each from its own start:
                  // a console that moves to another instance sees other numbers and re-queries
                  // once, the price of keeping the counters in memory.
                  counters.insert(QStringLiteral("instance"), 0);
                  reply(ApiResponse::json(counters));
              });
}

PatchboardServer::PatchboardServer(QObject *parent) : QObject(parent) { }

PatchboardServer::~PatchboardServer() = default;

Status PatchboardServer::start(const Options &options)
{
    d = std::make_unique<Private>(options.sessionHours);
    d->options = options;
    if (d->options.dataDirectory.isEmpty())
        d->options.dataDirectory = d->options.databasePath + QStringLiteral(".server");
    if (!QDir().mkpath(d->options.dataDirectory)) {
        return ServiceError::make(
            ServiceError::Code::Io,
            Server::tr("Cannot create the data folder %1.").arg(d->options.dataDirectory));
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (const Status loaded = d->loadCertificate(&tls); !loaded)
        return loaded;
    if (const Status opened = d->openBackends(); !opened)
        return opened;

    if (const Status listening = d->listen(); !listening)
        return listening;

    // What this instance changed goes to every instance (publish); the counters consoles poll
    // move once the caches behind them are fresh (received, fleetChanged, eventsChanged).
    Private *p = d.get();
    auto publish = [p](std::initializer_list<const char *> topics) {
        QStringList names;
        for (const char *topic : topics)
            names << QLatin1String(topic);
        return [p, names] {
            for (const QString &topic : names)
                p->publish(topic);
        };
    };
    connect(&p->firmware, &FirmwareBackend::releasesChanged, this, publish({"releases", "audit"}));
    connect(&p->rollouts, &RolloutBackend::rolloutsChanged, this,
            publish({"rollouts", "audit", "events"}));
    connect(&p->rollouts, &RolloutBackend::devicesChanged, this, publish({"fleet"}));
    connect(&p->gateway, &DeviceGateway::devicesReported, this,
            publish({"fleet", "rollouts", "events"}));
    connect(&p->gateway, &DeviceGateway::credentialsIssued, this, publish({"credentials"}));
    connect(&p->tracker, &TrackerBackend::fleetChanged, this,
            [p] { ++p->changes[QStringLiteral("fleet")]; });
    connect(&p->telemetry, &TelemetryBackend::eventsChanged, this,
            [p] { ++p->changes[QStringLiteral("events")]; });
    // The engine retries a failed step by itself; the log says why it does not advance.
    connect(&p->rollouts, &RolloutBackend::engineFailed, this, [](const ServiceError &error) {
        qCWarning(lcServer).noquote() << "rollout engine step failed:" << error.text();
    });

    d->api.setAuthenticator(d.get());
    d->api.setAccessLog(options.accessLog);
    d->addServerRoutes();
    addAuthRoutes(d->api, d->sessions);
    addAuditRoutes(d->api, d->audit);
    if (options.firmware) {
        addFirmwareRoutes(d->api, d->firmware,
                          QDir(d->options.dataDirectory).filePath(QStringLiteral("uploads")),
                          d->options.maxUploadBytes);
    }
    if (options.tracker) {
        addTrackerRoutes(d->api, d->tracker);
        addRolloutRoutes(d->api, d->rollouts);
        addTelemetryRoutes(d->api, d->telemetry);
        addDeviceRoutes(d->api, d->gateway);
    }

    d->tls = new QSslServer(this);
    d->tls->setSslConfiguration(tls);
    d->tls->setHandshakeTimeout(10000);
    if (!d->tls->listen(options.address, options.port)) {
        return ServiceError::make(ServiceError::Code::Io,
                                  Server::tr("Cannot listen on %1 port %2: %3.")
                                      .arg(options.address.toString())
                                      .arg(options.port)
                                      .arg(d->tls->errorString()),
                                  Server::tr("Another program may use the port; choose another "
                                             "with --port."));
    }
    d->api.bind(d->tls);
    return Done{};
}

quint16 PatchboardServer::port() const
{
    return d && d->tls ? d->tls->serverPort() : 0;
}

QSslCertificate PatchboardServer::certificate() const
{
    return d ? d->certificate : QSslCertificate();
}

QByteArray PatchboardServer::certificateSha256() const
{
    return d ? d->certificate.digest(QCryptographicHash::Sha256) : QByteArray();
}

ApiServer &PatchboardServer::api()
{
    return d->api;
}

Status PatchboardServer::addOperator(const QString &name, OperatorRole role,
                                     const QString &password)
{
    return d->sessions.addAccount(name, role, password);
}

} // namespace Patchboard
