// SPDX-License-Identifier: Apache-2.0
// The console's side of the connection (services/api/apiclient.h) against a scripted server on a
// loopback port: answers become values or the server's own errors, garbage becomes a clear
// "not our protocol" error, reads are retried while the server is down and changes never are,
// the offline state comes and goes with the server, an expired session asks for a new sign-in,
// downloads are all or nothing, and the change counters become signals.
#include "api/apiclient.h"
#include "api/apiserver.h"
#include "testserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Patchboard;

namespace {

class Tokens : public ApiAuthenticator
{
public:
    std::optional<Operator> operatorForToken(const QByteArray &token) override
    {
        if (valid && token == "t0k3n")
            return Operator{QStringLiteral("alice"), OperatorRole::RolloutManager};
        return std::nullopt;
    }
    std::optional<qint64> deviceForToken(const QByteArray &) override { return std::nullopt; }
    bool valid = true;
};

} // namespace

class tst_ApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void answersAndServerErrors();
    void garbageIsABadResponse();
    void readsAreRetriedChangesAreNot();
    void offlineAndBackOnline();
    void expiredSessionSignsOut();
    void downloadIsAllOrNothing();
    void changeCountersBecomeSignals();
    void noServerAtAll();

private:
    void startServer(quint16 port = 0);
    ServerEndpoint endpoint() const;
    std::unique_ptr<ApiClient> signedInClient();

    std::unique_ptr<ApiServer> m_server;
    Tokens m_tokens;
    quint16 m_port = 0;
    int m_flaky = 0; // /api/v1/flaky answers 503 this many times
    int m_flakyCalls = 0;
    QJsonObject m_changes;
};

void tst_ApiClient::startServer(quint16 port)
{
    m_server = std::make_unique<ApiServer>();
    m_server->setAuthenticator(&m_tokens);
    m_server->setAccessLog(false);
    using M = QHttpServerRequest::Method;
    auto ok = [](const ApiRequest &, const ApiReply &reply) {
        reply(ApiResponse::json(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}));
    };
    m_server->route(M::Get, QStringLiteral("/api/v1/health"), ApiAccess::Public, ok);
    m_server->route(M::Post, QStringLiteral("/api/v1/login"), ApiAccess::Public,
                    [](const ApiRequest &r, const ApiReply &reply) {
                        JsonReader json = r.reader();
                        if (json.string("password") != QLatin1String("right")) {
                            return reply(ApiResponse::error(ServiceError::Code::Unauthenticated,
                                                            QStringLiteral("Wrong user or password.")));
                        }
                        reply(ApiResponse::json(QJsonObject{
                            {QStringLiteral("token"), QStringLiteral("t0k3n")},
                            {QStringLiteral("expires"), QStringLiteral("2030-01-01T00:00:00.000Z")},
                            {QStringLiteral("operator"),
                             QJsonObject{{QStringLiteral("name"), QStringLiteral("alice")},
                                         {QStringLiteral("role"), QStringLiteral("rollout-manager")}}}}));
                    });
    m_server->route(M::Get, QStringLiteral("/api/v1/list"), ApiAccess::Operator,
                    [](const ApiRequest &, const ApiReply &reply) {
                        reply(ApiResponse::json(QJsonArray{1, 2, 3}));
                    });
    m_server->route(M::Post, QStringLiteral("/api/v1/refuse"), ApiAccess::Operator,
                    [](const ApiRequest &, const ApiReply &reply) {
                        reply(ApiResponse::error(ServiceError::Code::PermissionDenied,
                                                 QStringLiteral("Only test engineers approve."),
                                                 QStringLiteral("Ask one.")));
                    });
    m_server->route(M::Get, QStringLiteral("/api/v1/garbage"), ApiAccess::Operator,
                    [](const ApiRequest &, const ApiReply &reply) {
                        ApiResponse response;
                        response.contentType = "text/html";
                        response.body = "<html>proxy login</html>";
                        reply(response);
                    });
    m_server->route(M::Get, QStringLiteral("/api/v1/teapot"), ApiAccess::Operator,
                    [](const ApiRequest &, const ApiReply &reply) {
                        ApiResponse response;
                        response.status = 500;
                        response.contentType = "text/plain";
                        response.body = "oops";
                        reply(response);
                    });
    auto flaky = [this](const ApiRequest &, const ApiReply &reply) {
        ++m_flakyCalls;
        if (m_flaky > 0) {
            --m_flaky;
            ApiResponse busy;
            busy.status = 503;
            busy.body = "busy";
            return reply(busy);
        }
        reply(ApiResponse::json(QJsonObject{{QStringLiteral("calls"), m_flakyCalls}}));
    };
    m_server->route(M::Get, QStringLiteral("/api/v1/flaky"), ApiAccess::Operator, flaky);
    m_server->route(M::Post, QStringLiteral("/api/v1/flaky"), ApiAccess::Operator, flaky);
    m_server->route(M::Get, QStringLiteral("/api/v1/changes"), ApiAccess::Operator,
                    [this](const ApiRequest &, const ApiReply &reply) {
                        reply(ApiResponse::json(m_changes));
                    });
    m_server->route(M::Get, QStringLiteral("/api/v1/export.csv"), ApiAccess::Operator,
                    [](const ApiRequest &r, const ApiReply &reply) {
                        if (r.query.queryItemValue(QStringLiteral("fail")) == QLatin1String("1"))
                            return reply(ApiResponse::error(ServiceError::Code::Io,
                                                            QStringLiteral("Disk full.")));
                        ApiResponse response;
                        response.contentType = "text/csv";
                        response.body = "id,serial\n1,A\n";
                        reply(response);
                    });
    m_port = m_server->listen(QHostAddress::LocalHost, port);
    QVERIFY(m_port != 0);
}

ServerEndpoint tst_ApiClient::endpoint() const
{
    ServerEndpoint e;
    e.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
    return e;
}

std::unique_ptr<ApiClient> tst_ApiClient::signedInClient()
{
    auto client = std::make_unique<ApiClient>(endpoint());
    const auto session = spin(client->login(QStringLiteral("alice"), QStringLiteral("right")));
    if (!session.isFinished() || !session.result())
        return nullptr;
    return client;
}

void tst_ApiClient::init()
{
    m_tokens.valid = true;
    m_flaky = 0;
    m_flakyCalls = 0;
    m_changes = QJsonObject{{QStringLiteral("releases"), 1}, {QStringLiteral("fleet"), 1}};
    startServer();
}

void tst_ApiClient::cleanup()
{
    m_server.reset();
}

void tst_ApiClient::answersAndServerErrors()
{
    auto client = std::make_unique<ApiClient>(endpoint());
    auto bad = spin(client->login(QStringLiteral("alice"), QStringLiteral("wrong")));
    QVERIFY(bad.isFinished());
    QCOMPARE(bad.result().error().code, ServiceError::Code::Unauthenticated);
    QCOMPARE(bad.result().error().message, QStringLiteral("Wrong user or password."));
    QVERIFY(!client->signedIn());

    client = signedInClient();
    QVERIFY(client);
    QCOMPARE(client->session().who.name, QStringLiteral("alice"));
    QCOMPARE(client->session().who.role, OperatorRole::RolloutManager);
    QCOMPARE(client->state(), ApiClient::State::Online);

    auto list = spin(client->get(QStringLiteral("/api/v1/list")));
    QVERIFY(list.result().ok());
    QCOMPARE(list.result().value().toArray().size(), 3);

    // The server's own error arrives whole: code, message and hint.
    auto refused = spin(client->send("POST", QStringLiteral("/api/v1/refuse"), QJsonObject{}));
    QCOMPARE(refused.result().error().code, ServiceError::Code::PermissionDenied);
    QCOMPARE(refused.result().error().message, QStringLiteral("Only test engineers approve."));
    QCOMPARE(refused.result().error().hint, QStringLiteral("Ask one."));
}

void tst_ApiClient::garbageIsABadResponse()
{
    auto client = signedInClient();
    QVERIFY(client);
    auto html = spin(client->get(QStringLiteral("/api/v1/garbage")));
    QCOMPARE(html.result().error().code, ServiceError::Code::BadResponse);
    QVERIFY(!html.result().error().hint.isEmpty());
    auto plain500 = spin(client->get(QStringLiteral("/api/v1/teapot")));
    QCOMPARE(plain500.result().error().code, ServiceError::Code::BadResponse);
    QVERIFY(plain500.result().error().message.contains(QLatin1String("500")));
}

void tst_ApiClient::readsAreRetriedChangesAreNot()
{
    auto client = signedInClient();
    QVERIFY(client);
    m_flaky = 2;
    auto read = spin(client->get(QStringLiteral("/api/v1/flaky")));
    QVERIFY2(read.result().ok(), qPrintable(read.result().error().text()));
    QCOMPARE(m_flakyCalls, 3); // two 503s, then the answer

    m_flaky = 1;
    m_flakyCalls = 0;
    auto change = spin(client->send("POST", QStringLiteral("/api/v1/flaky"), QJsonObject{}));
    QVERIFY(!change.result().ok()); // failed, and said so: not silently repeated
    QCOMPARE(change.result().error().code, ServiceError::Code::Unreachable);
    QCOMPARE(m_flakyCalls, 1);
}

void tst_ApiClient::offlineAndBackOnline()
{
    auto client = signedInClient();
    QVERIFY(client);
    QSignalSpy states(client.get(), &ApiClient::stateChanged);
    const quint16 port = m_port;
    m_server.reset(); // the server goes away
    client->setTimeout(2000);
    auto read = client->get(QStringLiteral("/api/v1/list"));
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ApiClient::State::Offline, 5000);
    QVERIFY(!client->stateMessage().isEmpty());
    // The server comes back on its port while the read is still being retried.
    startServer(port);
    spin(read);
    QVERIFY(read.isFinished());
    QVERIFY2(read.result().ok(), qPrintable(read.result().error().text()));
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ApiClient::State::Online, 10000);
    QVERIFY(states.size() >= 2);
}

void tst_ApiClient::expiredSessionSignsOut()
{
    auto client = signedInClient();
    QVERIFY(client);
    QSignalSpy expired(client.get(), &ApiClient::sessionExpired);
    m_tokens.valid = false; // the server forgot the session
    auto read = spin(client->get(QStringLiteral("/api/v1/list")));
    QCOMPARE(read.result().error().code, ServiceError::Code::Unauthenticated);
    QCOMPARE(expired.size(), 1);
    QCOMPARE(client->state(), ApiClient::State::SignedOut);
    QVERIFY(!client->signedIn());
}

void tst_ApiClient::downloadIsAllOrNothing()
{
    auto client = signedInClient();
    QVERIFY(client);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("devices.csv"));
    auto done = spin(client->download(QStringLiteral("/api/v1/export.csv"), {}, path));
    QVERIFY(done.result().ok());
    QCOMPARE(done.result().value(), 14);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("id,serial\n1,A\n"));

    const QString failedPath = dir.filePath(QStringLiteral("failed.csv"));
    QUrlQuery fail;
    fail.addQueryItem(QStringLiteral("fail"), QStringLiteral("1"));
    auto failed = spin(client->download(QStringLiteral("/api/v1/export.csv"), fail, failedPath));
    QCOMPARE(failed.result().error().message, QStringLiteral("Disk full."));
    QVERIFY(!QFile::exists(failedPath));
}

void tst_ApiClient::changeCountersBecomeSignals()
{
    auto client = signedInClient();
    QVERIFY(client);
    QSignalSpy changed(client.get(), &ApiClient::changed);
    QTest::qWait(2500); // the first poll learns the counters; nothing changed yet
    QCOMPARE(changed.size(), 0);
    m_changes.insert(QStringLiteral("releases"), 2);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 6000);
    QCOMPARE(changed.first().first().toString(), QStringLiteral("releases"));
}

void tst_ApiClient::noServerAtAll()
{
    const quint16 port = m_port;
    m_server.reset();
    ServerEndpoint e;
    e.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    ApiClient client(e);
    auto login = spin(client.login(QStringLiteral("alice"), QStringLiteral("right")));
    QVERIFY(login.isFinished());
    QCOMPARE(login.result().error().code, ServiceError::Code::Unreachable);
    QVERIFY(!login.result().error().hint.isEmpty());
    QCOMPARE(client.state(), ApiClient::State::Offline);
}

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_apiclient.moc"
