// SPDX-License-Identifier: Apache-2.0
#include "testserver.h"

#include "storage/database.h"
#include "storage/databasecopy.h"
#include "storage/postgresurl.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QSslError>

#include <cstdio>
#include <cstdlib>

namespace Patchboard {

namespace {

const struct
{
    const char *name;
    OperatorRole role;
} kOperators[] = {
    {"admin", OperatorRole::Administrator},  {"tester", OperatorRole::TestEngineer},
    {"tester2", OperatorRole::TestEngineer}, {"manager", OperatorRole::RolloutManager},
    {"viewer", OperatorRole::Viewer},
};

// Runs fn with an administrative connection to PATCHBOARD_TEST_POSTGRES (not a Database: no
// migrations in the public schema).
bool withAdmin(const std::function<bool(QSqlQuery &)> &fn, QString *error)
{
    const QString name = QStringLiteral("testserver-admin");
    bool ok = false;
    {
        const Result<PostgresUrl> url
            = PostgresUrl::parse(qEnvironmentVariable("PATCHBOARD_TEST_POSTGRES"));
        if (!url) {
            *error = url.error().text();
            return false;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.value().host);
        db.setPort(url.value().port);
        db.setUserName(url.value().user);
        db.setPassword(url.value().password);
        db.setDatabaseName(url.value().database);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SET client_min_messages = warning"));
            ok = fn(q);
            if (!ok)
                *error = q.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

bool TestServer::onPostgres()
{
    return qEnvironmentVariable("PATCHBOARD_TEST_SERVER_DATABASE") == QLatin1String("postgresql");
}

bool TestServer::moveToPostgres()
{
    if (qEnvironmentVariableIsEmpty("PATCHBOARD_TEST_POSTGRES")) {
        std::fputs("SKIP: the PostgreSQL variant needs PATCHBOARD_TEST_POSTGRES (run ctest "
                   "through scripts/with-postgres.sh)\n",
                   stdout);
        std::fflush(stdout);
        std::_Exit(SkipExitCode);
    }
    const QString schema
        = QStringLiteral("pbserver_%1")
              .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    if (!withAdmin(
            [&](QSqlQuery &q) { return q.exec(QStringLiteral("CREATE SCHEMA %1").arg(schema)); },
            &m_error))
        return false;
    m_schema = schema;
    const QString base = qEnvironmentVariable("PATCHBOARD_TEST_POSTGRES");
    const QString url = base
        + (base.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
        + QStringLiteral("options=-csearch_path%3D") + schema;
    const QString file = m_options.databasePath;
    Result<Database> target = Database::open(url);
    if (!target) {
        m_error = target.error().text();
        return false;
    }
    if (QFileInfo(file).isFile()) {
        Result<Database> source = Database::open(file);
        if (!source) {
            m_error = source.error().text();
            return false;
        }
        if (const Status copied = DatabaseCopy::copy(source.value(), target.value()); !copied) {
            m_error = copied.error().text();
            return false;
        }
    }
    m_options.databasePath = url;
    return true;
}

void TestServer::dropSchema()
{
    if (m_schema.isEmpty())
        return;
    QString ignored;
    withAdmin(
        [&](QSqlQuery &q) {
            q.exec(QStringLiteral("SET lock_timeout = '5s'"));
            return q.exec(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(m_schema));
        },
        &ignored);
    m_schema.clear();
}

QJsonObject TestServer::RawReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString TestServer::RawReply::errorCode() const
{
    return json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

QString TestServer::RawReply::errorMessage() const
{
    return json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

QByteArray TestServer::RawReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

TestServer::TestServer()
{
    m_thread.setObjectName(QStringLiteral("test-server"));
    m_thread.start();
    m_anchor = new QObject;
    m_anchor->moveToThread(&m_thread);
}

TestServer::~TestServer()
{
    m_clients.clear();
    stop();
    dropSchema();
    QMetaObject::invokeMethod(
        m_anchor, [this] { delete m_anchor; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool TestServer::start(const Options &options)
{
    stop();
    dropSchema();
    m_options = options;
    if (m_options.databasePath.isEmpty())
        m_options.databasePath = m_dir.filePath(QStringLiteral("fleet.db"));
    m_dataDirectory = m_options.dataDirectory.isEmpty()
        ? m_options.databasePath + QStringLiteral(".server")
        : m_options.dataDirectory;
    // Another TestServer's database (a URL already): shared as it is.
    if (onPostgres() && !Database::isPostgresUrl(m_options.databasePath) && !moveToPostgres())
        return false;
    return restart();
}

bool TestServer::start()
{
    return start(Options());
}

bool TestServer::restart()
{
    stop();
    bool ok = false;
    QMetaObject::invokeMethod(
        m_anchor,
        [this, &ok] {
            PatchboardServer::Options o;
            o.databasePath = m_options.databasePath;
            o.dataDirectory = dataDirectory();
            o.port = m_port; // 0 the first time; the same port after a stop
            o.tracker = m_options.tracker;
            o.firmware = m_options.firmware;
            o.demoDevices = m_options.demoDevices;
            o.sessionHours = m_options.sessionHours;
            o.accessLog = false;
            m_server = new PatchboardServer;
            const Status started = m_server->start(o);
            if (!started) {
                m_error = started.error().text();
                delete m_server;
                m_server = nullptr;
                return;
            }
            for (const auto &op : kOperators) {
                const Status added = m_server->addOperator(QLatin1String(op.name), op.role,
                                                           password(QLatin1String(op.name)));
                if (!added && !added.error().message.contains(QLatin1String("exists"))) {
                    m_error = added.error().text();
                }
            }
            m_port = m_server->port();
            m_fingerprint = m_server->certificateSha256();
            ok = true;
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

void TestServer::stop()
{
    if (!m_server)
        return;
    QMetaObject::invokeMethod(
        m_anchor,
        [this] {
            delete m_server;
            m_server = nullptr;
        },
        Qt::BlockingQueuedConnection);
}

QUrl TestServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

QString TestServer::dataDirectory() const
{
    return m_dataDirectory;
}

ServerEndpoint TestServer::endpoint() const
{
    ServerEndpoint endpoint;
    endpoint.url = url();
    endpoint.pinnedSha256 = m_fingerprint;
    return endpoint;
}

RolloutPlan TestServer::twoWavePlan(qint64 release, const QString &name)
{
    RolloutPlan plan;
    plan.releaseId = release;
    plan.name = name;
    WavePlan canary;
    canary.size = WavePlan::Size::Percent;
    canary.percent = 20;
    canary.successThreshold = 60;
    canary.errorThreshold = 40;
    canary.minimumResults = 5;
    canary.soakMinutes = 0;
    WavePlan rest = canary;
    rest.size = WavePlan::Size::Rest;
    plan.waves = {canary, rest};
    plan.window.enabled = false;
    return plan;
}

QString TestServer::password(const QString &user)
{
    return QStringLiteral("test password of ") + user;
}

ApiClient *TestServer::client(const QString &user)
{
    auto client = std::make_unique<ApiClient>(endpoint());
    const auto session = spin(client->login(user, password(user)));
    if (!session.isFinished() || !session.result()) {
        m_error = session.isFinished() ? session.result().error().text()
                                       : QStringLiteral("login timed out");
        return nullptr;
    }
    m_clients.push_back(std::move(client));
    return m_clients.back().get();
}

ApiClient *TestServer::anonymousClient()
{
    m_clients.push_back(std::make_unique<ApiClient>(endpoint()));
    return m_clients.back().get();
}

QByteArray TestServer::token(const QString &user)
{
    const QJsonObject body{{QStringLiteral("user"), user},
                           {QStringLiteral("password"), password(user)}};
    const RawReply reply = request("POST", QStringLiteral("/api/v1/login"),
                                   QJsonDocument(body).toJson(QJsonDocument::Compact));
    return reply.json().value(QStringLiteral("token")).toString().toLatin1();
}

TestServer::RawReply TestServer::request(const QByteArray &method, const QString &path,
                                         const QByteArray &body, const QByteArray &token,
                                         const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkAccessManager network;
    QUrl target = url();
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    target.setPath(q < 0 ? path : path.left(q), QUrl::TolerantMode);
    if (q >= 0)
        target.setQuery(path.mid(q + 1), QUrl::TolerantMode);
    QNetworkRequest request(target);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto &[key, value] : headers)
        request.setRawHeader(key, value);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    const QByteArray pin = m_fingerprint;
    QObject::connect(
        reply, &QNetworkReply::sslErrors, reply, [reply, pin](const QList<QSslError> &errors) {
            if (reply->sslConfiguration().peerCertificate().digest(QCryptographicHash::Sha256)
                == pin)
                reply->ignoreSslErrors(errors);
        });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    RawReply raw;
    raw.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    raw.body = reply->readAll();
    raw.headers = reply->rawHeaderPairs();
    if (raw.status == 0)
        raw.networkError = reply->errorString();
    delete reply;
    return raw;
}

void TestServer::onServerThread(const std::function<void(PatchboardServer &)> &fn)
{
    QMetaObject::invokeMethod(
        m_anchor, [this, &fn] { fn(*m_server); }, Qt::BlockingQueuedConnection);
}

} // namespace Patchboard
