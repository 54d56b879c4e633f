// SPDX-License-Identifier: Apache-2.0
// The router of patchboard-server (services/api/apiserver.h) on its own, over plain HTTP on a
// loopback port: what a client of any route notices — unknown paths and methods, body limits,
// bearer tokens for operators and devices, byte ranges of downloads, malformed JSON, and a
// client that hangs up before its answer.
#include "api/apiserver.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Patchboard;

namespace {

class FakeAuthenticator : public ApiAuthenticator
{
public:
    std::optional<Operator> operatorForToken(const QByteArray &token) override
    {
        if (token == "operator-token")
            return Operator{QStringLiteral("alice"), OperatorRole::TestEngineer};
        return std::nullopt;
    }
    std::optional<qint64> deviceForToken(const QByteArray &token) override
    {
        if (token == "device-token")
            return 42;
        return std::nullopt;
    }
};

struct Reply
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[k, v] : headers) {
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
    QString errorCode() const
    {
        return QJsonDocument::fromJson(body)
            .object()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
};

} // namespace

class tst_ApiServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unknownPathIsNotFound();
    void wrongMethodIs405();
    void literalSegmentsWinOverArguments();
    void bodyOverTheLimitIs413();
    void operatorRoutesNeedAToken_data();
    void operatorRoutesNeedAToken();
    void deviceTokenIsNoOperatorToken();
    void malformedJsonIsABadRequest();
    void rangesOfAFile_data();
    void rangesOfAFile();
    void clientHangingUpBeforeTheAnswer();

private:
    Reply call(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {});

    QTemporaryDir m_dir;
    ApiServer m_server;
    FakeAuthenticator m_auth;
    quint16 m_port = 0;
    QByteArray m_file;
    QList<ApiReply> m_pending; // answered late by clientHangingUpBeforeTheAnswer
};

void tst_ApiServer::initTestCase()
{
    m_server.setAuthenticator(&m_auth);
    m_server.setAccessLog(false);
    using M = QHttpServerRequest::Method;
    m_server.route(M::Get, QStringLiteral("/api/v1/things/{id}"), ApiAccess::Public,
                   [](const ApiRequest &r, const ApiReply &reply) {
                       reply(ApiResponse::json(QJsonObject{{QStringLiteral("arg"), r.args.value(0)},
                                                           {QStringLiteral("id"), r.idArg(0).value_or(-1)}}));
                   });
    m_server.route(M::Get, QStringLiteral("/api/v1/things/export.csv"), ApiAccess::Public,
                   [](const ApiRequest &, const ApiReply &reply) {
                       ApiResponse response;
                       response.contentType = "text/csv";
                       response.body = "a,b\n";
                       reply(response);
                   });
    m_server.route(M::Post, QStringLiteral("/api/v1/echo"), ApiAccess::Public,
                   [](const ApiRequest &r, const ApiReply &reply) {
                       JsonReader json = r.reader();
                       const QString text = json.string("text");
                       if (!json.ok())
                           return reply(ApiResponse::error(json.error()));
                       reply(ApiResponse::json(QJsonObject{{QStringLiteral("text"), text}}));
                   },
                   100);
    m_server.route(M::Get, QStringLiteral("/api/v1/me"), ApiAccess::Operator,
                   [](const ApiRequest &r, const ApiReply &reply) {
                       reply(ApiResponse::json(QJsonObject{{QStringLiteral("name"), r.who.name}}));
                   });
    m_server.route(M::Get, QStringLiteral("/api/v1/device/me"), ApiAccess::Device,
                   [](const ApiRequest &r, const ApiReply &reply) {
                       reply(ApiResponse::json(QJsonObject{{QStringLiteral("device"), r.deviceId}}));
                   });
    m_file = "0123456789abcdefghij"; // 20 bytes
    const QString path = m_dir.filePath(QStringLiteral("image.bin"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(m_file);
    f.close();
    m_server.route(M::Get, QStringLiteral("/api/v1/file"), ApiAccess::Public,
                   [path](const ApiRequest &r, const ApiReply &reply) {
                       reply(ApiResponse::file(path, "application/octet-stream", r.header("range")));
                   });
    m_server.route(M::Get, QStringLiteral("/api/v1/slow"), ApiAccess::Public,
                   [this](const ApiRequest &, const ApiReply &reply) { m_pending << reply; });
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    QVERIFY(m_port != 0);
}

Reply tst_ApiServer::call(const QByteArray &method, const QString &path, const QByteArray &body,
                          const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    for (const auto &[k, v] : headers)
        request.setRawHeader(k, v);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.error = reply->error();
    r.headers = reply->rawHeaderPairs();
    delete reply;
    return r;
}

void tst_ApiServer::unknownPathIsNotFound()
{
    const Reply r = call("GET", QStringLiteral("/api/v1/nothing"));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), QStringLiteral("not-found"));
    QVERIFY(r.body.contains("/api/v1/nothing"));
}

void tst_ApiServer::wrongMethodIs405()
{
    const Reply r = call("DELETE", QStringLiteral("/api/v1/things/7"));
    QCOMPARE(r.status, 405);
}

void tst_ApiServer::literalSegmentsWinOverArguments()
{
    Reply r = call("GET", QStringLiteral("/api/v1/things/export.csv"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("a,b\n"));
    QCOMPARE(r.header("content-type"), QByteArray("text/csv"));
    r = call("GET", QStringLiteral("/api/v1/things/17"));
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("id")).toInt(), 17);
    r = call("GET", QStringLiteral("/api/v1/things/x17"));
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("id")).toInt(), -1);
}

void tst_ApiServer::bodyOverTheLimitIs413()
{
    const QByteArray small = R"({"text":"hello"})";
    QCOMPARE(call("POST", QStringLiteral("/api/v1/echo"), small).status, 200);
    const QByteArray big = R"({"text":")" + QByteArray(200, 'x') + R"("})";
    const Reply r = call("POST", QStringLiteral("/api/v1/echo"), big);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), QStringLiteral("too-large"));
}

void tst_ApiServer::operatorRoutesNeedAToken_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::newRow("none") << QByteArray() << 401;
    QTest::newRow("not bearer") << QByteArray("Basic YWxpY2U6eA==") << 401;
    QTest::newRow("unknown token") << QByteArray("Bearer forged") << 401;
    QTest::newRow("empty bearer") << QByteArray("Bearer ") << 401;
    QTest::newRow("valid") << QByteArray("Bearer operator-token") << 200;
    QTest::newRow("valid, lower case scheme") << QByteArray("bearer operator-token") << 200;
}

void tst_ApiServer::operatorRoutesNeedAToken()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append(qMakePair(QByteArray("Authorization"), authorization));
    const Reply r = call("GET", QStringLiteral("/api/v1/me"), {}, headers);
    QCOMPARE(r.status, status);
    if (status == 401) {
        QCOMPARE(r.errorCode(), QStringLiteral("unauthenticated"));
        QVERIFY(r.header("www-authenticate").startsWith("Bearer"));
    } else {
        QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("name")).toString(),
                 QStringLiteral("alice"));
    }
}

void tst_ApiServer::deviceTokenIsNoOperatorToken()
{
    const auto device = qMakePair(QByteArray("Authorization"), QByteArray("Bearer device-token"));
    const auto op = qMakePair(QByteArray("Authorization"), QByteArray("Bearer operator-token"));
    QCOMPARE(call("GET", QStringLiteral("/api/v1/me"), {}, {device}).status, 401);
    QCOMPARE(call("GET", QStringLiteral("/api/v1/device/me"), {}, {op}).status, 401);
    const Reply r = call("GET", QStringLiteral("/api/v1/device/me"), {}, {device});
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("device")).toInt(), 42);
}

void tst_ApiServer::malformedJsonIsABadRequest()
{
    Reply r = call("POST", QStringLiteral("/api/v1/echo"), "{\"text\": ");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid-argument"));
    r = call("POST", QStringLiteral("/api/v1/echo"), R"({"text": 5})");
    QCOMPARE(r.status, 400);
    QVERIFY2(r.body.contains("body.text"), r.body.constData()); // the field's path is named
    r = call("POST", QStringLiteral("/api/v1/echo"), R"(["text"])");
    QCOMPARE(r.status, 400);
}

void tst_ApiServer::rangesOfAFile_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentRange");
    QTest::newRow("whole") << QByteArray() << 200 << QByteArray("0123456789abcdefghij") << QByteArray();
    QTest::newRow("middle") << QByteArray("bytes=2-5") << 206 << QByteArray("2345")
                            << QByteArray("bytes 2-5/20");
    QTest::newRow("resume") << QByteArray("bytes=15-") << 206 << QByteArray("fghij")
                            << QByteArray("bytes 15-19/20");
    QTest::newRow("suffix") << QByteArray("bytes=-3") << 206 << QByteArray("hij")
                            << QByteArray("bytes 17-19/20");
    QTest::newRow("end past the file") << QByteArray("bytes=18-99") << 206 << QByteArray("ij")
                                       << QByteArray("bytes 18-19/20");
    QTest::newRow("start past the file") << QByteArray("bytes=20-") << 416 << QByteArray()
                                         << QByteArray("bytes */20");
    QTest::newRow("reversed") << QByteArray("bytes=5-2") << 416 << QByteArray() << QByteArray("bytes */20");
    QTest::newRow("two ranges") << QByteArray("bytes=0-1,4-5") << 416 << QByteArray()
                                << QByteArray("bytes */20");
    QTest::newRow("not bytes") << QByteArray("lines=1-2") << 416 << QByteArray() << QByteArray("bytes */20");
    QTest::newRow("garbage") << QByteArray("bytes=a-b") << 416 << QByteArray() << QByteArray("bytes */20");
}

void tst_ApiServer::rangesOfAFile()
{
    QFETCH(QByteArray, range);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentRange);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!range.isEmpty())
        headers.append(qMakePair(QByteArray("Range"), range));
    const Reply r = call("GET", QStringLiteral("/api/v1/file"), {}, headers);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("content-range"), contentRange);
    if (status != 416) {
        QCOMPARE(r.body, body);
        QCOMPARE(r.header("accept-ranges"), QByteArray("bytes"));
    }
}

void tst_ApiServer::clientHangingUpBeforeTheAnswer()
{
    // A handler that answers later (a backend's future) after the client closed its connection:
    // the answer is dropped, the server goes on serving.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /api/v1/slow HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(socket.waitForBytesWritten(5000));
    QTRY_COMPARE(m_pending.size(), 1);
    socket.abort();
    QTest::qWait(100);
    m_pending.takeFirst()(ApiResponse::json(QJsonObject{{QStringLiteral("late"), true}}));
    QCOMPARE(call("GET", QStringLiteral("/api/v1/things/3")).status, 200);
}

QTEST_GUILESS_MAIN(tst_ApiServer)
#include "tst_apiserver.moc"
