// SPDX-License-Identifier: Apache-2.0
// Operator sign-in of patchboard-server (services/auth, services/api/authroutes): what an
// operator and an attacker notice — a token that works until logout or expiry, the same answer
// for a wrong password and a wrong name, a lock after repeated failures that also refuses the
// right password, sessions shared through the database, no secret in the database or the audit
// log. The rate limit's bookkeeping (LoginThrottle) is tested on its own with explicit times.
#include "testserver.h"

#include "audit/auditlog.h"
#include "auth/loginthrottle.h"
#include "auth/operatorsessions.h"
#include "crypto/sha256.h"
#include "storage/database.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <limits>

using namespace Patchboard;

namespace {

QByteArray loginBody(const QString &user, const QString &password)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("user"), user}, {QStringLiteral("password"), password}})
        .toJson(QJsonDocument::Compact);
}

// A clock the test moves by hand.
struct TestClock
{
    QDateTime now = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
};

Result<OperatorLogin> signIn(OperatorSessions &sessions, const QString &user,
                             const QString &password)
{
    QFuture<Result<OperatorLogin>> future
        = spin(sessions.login(user, password, QHostAddress(QStringLiteral("192.0.2.1"))));
    if (!future.isFinished())
        return ServiceError::make(ServiceError::Code::Internal, QStringLiteral("timed out"));
    return future.result();
}

} // namespace

class TestAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // LoginThrottle
    void throttleLocksAfterTheLimitAndGrows();
    void throttleCountsSignInsInFlight();
    void throttleForgetsOldFailures();
    void throttleSuccessClearsAccountsNotAddresses();

    // OperatorSessions on a database of the test's own
    void sessionExpiresOnTheClock();
    void instancesShareSessionsThroughTheDatabase();
    void disablingAnAccountEndsItsSessions();
    void databaseAndAuditLogHoldNoSecrets();
    void accountRules();
    void unknownNameCostsAPasswordCheck();

    // The server's routes over HTTPS
    void loginAnswersTokenExpiryAndOperator();
    void apiClientSignsIn();
    void wrongPasswordAndUnknownUserLookAlike();
    void tokenWorksUntilLogout();
    void missingOrGarbageTokensAreRefused_data();
    void missingOrGarbageTokensAreRefused();
    void malformedLoginsAreRefused();
    void expiredTokenIsRefusedAfterRestart();
    void repeatedFailuresLockTheAccount();

private:
    TestServer m_server;
    QTemporaryDir m_dir;
};

void TestAuth::initTestCase()
{
    QVERIFY(m_dir.isValid());
    TestServer::Options options;
    options.demoDevices = 0;
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorText()));
}

// LoginThrottle ----------------------------------------------------------------------------

void TestAuth::throttleLocksAfterTheLimitAndGrows()
{
    LoginThrottle throttle(LoginThrottle::Limits{5, 300, 60, 3600});
    const QString key = QStringLiteral("a:alice");
    qint64 t = 1000;
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(throttle.retryAfter(key, t), qint64(0));
        throttle.begin(key, t);
        QCOMPARE(throttle.end(key, t, false, true), qint64(0));
        t += 10;
    }
    throttle.begin(key, t);
    QCOMPARE(throttle.end(key, t, false, true), qint64(60)); // the fifth failure: a minute
    QCOMPARE(throttle.retryAfter(key, t), qint64(60));
    QCOMPARE(throttle.retryAfter(key, t + 59), qint64(1));
    QCOMPARE(throttle.retryAfter(key, t + 60), qint64(0));

    // Five more failures after the lock: twice as long, and so on up to the cap.
    t += 60;
    for (int i = 0; i < 4; ++i) {
        throttle.begin(key, t);
        QCOMPARE(throttle.end(key, t, false, true), qint64(0));
    }
    throttle.begin(key, t);
    QCOMPARE(throttle.end(key, t, false, true), qint64(120));
    qint64 lock = 120;
    for (int round = 0; round < 8; ++round) {
        t += lock;
        for (int i = 0; i < 5; ++i) {
            throttle.begin(key, t);
            lock = std::max(lock, throttle.end(key, t, false, true));
        }
        QVERIFY(lock <= 3600);
    }
    QCOMPARE(lock, qint64(3600));
    // Another key is not affected.
    QCOMPARE(throttle.retryAfter(QStringLiteral("a:bob"), t), qint64(0));
}

void TestAuth::throttleCountsSignInsInFlight()
{
    // Five guesses sent at once: all five are still being checked, the sixth is refused.
    LoginThrottle throttle(LoginThrottle::Limits{5, 300, 60, 3600});
    const QString key = QStringLiteral("p:192.0.2.1");
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(throttle.retryAfter(key, 1000), qint64(0));
        throttle.begin(key, 1000);
    }
    QVERIFY(throttle.retryAfter(key, 1000) > 0);
    // They all fail: locked.
    qint64 lock = 0;
    for (int i = 0; i < 5; ++i)
        lock = std::max(lock, throttle.end(key, 1001, false, false));
    QCOMPARE(lock, qint64(60));
    QCOMPARE(throttle.retryAfter(key, 1001), qint64(60));
}

void TestAuth::throttleForgetsOldFailures()
{
    LoginThrottle throttle(LoginThrottle::Limits{5, 300, 60, 3600});
    const QString key = QStringLiteral("a:carol");
    for (int i = 0; i < 4; ++i) {
        throttle.begin(key, 1000);
        throttle.end(key, 1000, false, true);
    }
    // Five minutes later the four old failures no longer count.
    for (int i = 0; i < 4; ++i) {
        throttle.begin(key, 1301);
        QCOMPARE(throttle.end(key, 1301, false, true), qint64(0));
    }
    QCOMPARE(throttle.retryAfter(key, 1301), qint64(0));
}

void TestAuth::throttleSuccessClearsAccountsNotAddresses()
{
    LoginThrottle throttle(LoginThrottle::Limits{5, 300, 60, 3600});
    const QString account = QStringLiteral("a:dave");
    const QString peer = QStringLiteral("p:192.0.2.9");
    for (int i = 0; i < 4; ++i) {
        throttle.begin(account, 1000);
        throttle.end(account, 1000, false, true);
        throttle.begin(peer, 1000);
        throttle.end(peer, 1000, false, false);
    }
    throttle.begin(account, 1000);
    throttle.end(account, 1000, true, true);
    throttle.begin(peer, 1000);
    throttle.end(peer, 1000, true, false);
    // The account starts over; the address still has its four failures: one more locks it.
    for (int i = 0; i < 4; ++i) {
        throttle.begin(account, 1001);
        QCOMPARE(throttle.end(account, 1001, false, true), qint64(0));
    }
    throttle.begin(peer, 1001);
    QCOMPARE(throttle.end(peer, 1001, false, false), qint64(60));
}

// OperatorSessions --------------------------------------------------------------------------

void TestAuth::sessionExpiresOnTheClock()
{
    const QString path = m_dir.filePath(QStringLiteral("expiry.db"));
    auto clock = std::make_shared<TestClock>();
    OperatorSessions sessions(2);
    sessions.setClock([clock] { return clock->now; });
    QVERIFY(sessions.open(path));
    QVERIFY(sessions.addAccount(QStringLiteral("erin"), OperatorRole::RolloutManager,
                                QStringLiteral("erin's password")));

    const Result<OperatorLogin> login
        = signIn(sessions, QStringLiteral("erin"), QStringLiteral("erin's password"));
    QVERIFY2(login.ok(), qPrintable(login.error().text()));
    QCOMPARE(login.value().session.expires, clock->now.addSecs(2 * 3600));
    QCOMPARE(login.value().session.who.role, OperatorRole::RolloutManager);

    clock->now = clock->now.addSecs(2 * 3600 - 1);
    const auto before = sessions.operatorForToken(login.value().token);
    QVERIFY(before.has_value());
    QCOMPARE(before->name, QStringLiteral("erin"));
    clock->now = clock->now.addSecs(1);
    QVERIFY(!sessions.operatorForToken(login.value().token).has_value());
    // And not back from the table either.
    clock->now = clock->now.addSecs(OperatorSessions::RecheckSeconds);
    QVERIFY(!sessions.operatorForToken(login.value().token).has_value());
}

void TestAuth::instancesShareSessionsThroughTheDatabase()
{
    // Two server instances on one database (the PostgreSQL deployment, here on one SQLite file).
    const QString path = m_dir.filePath(QStringLiteral("shared.db"));
    auto clock = std::make_shared<TestClock>();
    OperatorSessions first;
    OperatorSessions second;
    for (OperatorSessions *s : {&first, &second}) {
        s->setClock([clock] { return clock->now; });
        QVERIFY(s->open(path));
    }
    QVERIFY(first.addAccount(QStringLiteral("frank"), OperatorRole::Viewer,
                             QStringLiteral("frank's password")));
    const Result<OperatorLogin> login
        = signIn(second, QStringLiteral("frank"), QStringLiteral("frank's password"));
    QVERIFY2(login.ok(), qPrintable(login.error().text()));
    const QByteArray token = login.value().token;
    QVERIFY(first.operatorForToken(token).has_value());
    QVERIFY(second.operatorForToken(token).has_value());

    // Logged out on the first: refused there at once, on the second once its cache is re-read.
    const QFuture<Status> out = spin(first.logout(token));
    QVERIFY(out.isFinished() && out.result().ok());
    QVERIFY(!first.operatorForToken(token).has_value());
    clock->now = clock->now.addSecs(OperatorSessions::RecheckSeconds);
    QVERIFY(!second.operatorForToken(token).has_value());
}

void TestAuth::disablingAnAccountEndsItsSessions()
{
    const QString path = m_dir.filePath(QStringLiteral("disable.db"));
    OperatorSessions sessions;
    QVERIFY(sessions.open(path));
    QVERIFY(sessions.addAccount(QStringLiteral("gina"), OperatorRole::TestEngineer,
                                QStringLiteral("gina's password")));
    const Result<OperatorLogin> login
        = signIn(sessions, QStringLiteral("gina"), QStringLiteral("gina's password"));
    QVERIFY(login.ok());
    QVERIFY(sessions.operatorForToken(login.value().token).has_value());

    QVERIFY(sessions.disableAccount(QStringLiteral("gina")));
    QVERIFY(!sessions.operatorForToken(login.value().token).has_value());
    const Result<OperatorLogin> again
        = signIn(sessions, QStringLiteral("gina"), QStringLiteral("gina's password"));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ServiceError::Code::Unauthenticated);
    const Result<QList<OperatorAccount>> accounts = sessions.accounts();
    QVERIFY(accounts.ok());
    QCOMPARE(accounts.value().size(), 1);
    QVERIFY(accounts.value().first().disabled);
    QCOMPARE(sessions.disableAccount(QStringLiteral("nobody")).error().code,
             ServiceError::Code::NotFound);
}

void TestAuth::databaseAndAuditLogHoldNoSecrets()
{
    const QString path = m_dir.filePath(QStringLiteral("secrets.db"));
    const QString password = QStringLiteral("hunter2 hunter2");
    const QString typedAsName = QStringLiteral("my-secret-pa55word");
    QByteArray token;
    {
        OperatorSessions sessions;
        QVERIFY(sessions.open(path));
        QVERIFY(sessions.addAccount(QStringLiteral("hank"), OperatorRole::Administrator, password));
        const Result<OperatorLogin> login = signIn(sessions, QStringLiteral("hank"), password);
        QVERIFY(login.ok());
        token = login.value().token;
        QCOMPARE(token.size(), 43); // 32 random bytes, base64url
        QVERIFY(!signIn(sessions, QStringLiteral("hank"), QStringLiteral("wrong password")).ok());
        QVERIFY(!signIn(sessions, typedAsName, password).ok());
    }
    Result<Database> database = Database::open(path);
    QVERIFY(database.ok());
    QSqlQuery q(database.value().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT token_hash, name FROM operator_sessions")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toByteArray(), Sha256::hash(token));
    QVERIFY(q.exec(QStringLiteral("SELECT password_hash FROM operator_accounts")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toString().startsWith(QLatin1String("pbkdf2-sha256$")));

    // Every text column of every table: neither the token nor a password nor the mistyped name.
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'")));
    QStringList tables;
    while (q.next())
        tables.append(q.value(0).toString());
    for (const QString &table : std::as_const(tables)) {
        QSqlQuery rows(database.value().connection());
        QVERIFY(rows.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table)));
        while (rows.next()) {
            for (int c = 0; c < rows.record().count(); ++c) {
                const QByteArray cell = rows.value(c).toByteArray();
                QVERIFY2(!cell.contains(token), qPrintable(table));
                QVERIFY2(!cell.contains("hunter2"), qPrintable(table));
                QVERIFY2(!cell.contains(typedAsName.toUtf8()), qPrintable(table));
            }
        }
    }

    // The audit log has the login, the failed one for hank, and a failure without a name.
    AuditLog log(database.value());
    const Result<QList<AuditEntry>> entries = log.entries(AuditQuery{}, 0, 100);
    QVERIFY(entries.ok());
    QStringList actions;
    for (const AuditEntry &entry : entries.value())
        actions << entry.action + QLatin1Char(':') + entry.actor;
    QVERIFY2(actions.contains(QStringLiteral("operator.login:hank")),
             qPrintable(actions.join(u',')));
    QVERIFY2(actions.contains(QStringLiteral("operator.login-failed:hank")),
             qPrintable(actions.join(u',')));
    QVERIFY2(actions.contains(QStringLiteral("operator.login-failed:(unknown)")),
             qPrintable(actions.join(u',')));
}

void TestAuth::accountRules()
{
    OperatorSessions sessions;
    QVERIFY(sessions.open(m_dir.filePath(QStringLiteral("rules.db"))));
    const QString password = QStringLiteral("long enough");
    QCOMPARE(sessions.addAccount(QString(), OperatorRole::Viewer, password).error().code,
             ServiceError::Code::InvalidArgument);
    QCOMPARE(
        sessions.addAccount(QStringLiteral(" ian"), OperatorRole::Viewer, password).error().code,
        ServiceError::Code::InvalidArgument);
    QCOMPARE(
        sessions.addAccount(QStringLiteral("i\nan"), OperatorRole::Viewer, password).error().code,
        ServiceError::Code::InvalidArgument);
    QCOMPARE(
        sessions.addAccount(QStringLiteral("ian"), OperatorRole::Viewer, QStringLiteral("short"))
            .error()
            .code,
        ServiceError::Code::InvalidArgument);
    QVERIFY(sessions.addAccount(QStringLiteral("ian"), OperatorRole::Viewer, password));
    const Status twice = sessions.addAccount(QStringLiteral("ian"), OperatorRole::Viewer, password);
    QVERIFY(!twice.ok());
    QVERIFY(twice.error().message.contains(QLatin1String("exists")));
}

void TestAuth::unknownNameCostsAPasswordCheck()
{
    // Timing must not tell which names exist: a wrong name costs a full password check too.
    OperatorSessions sessions;
    QVERIFY(sessions.open(m_dir.filePath(QStringLiteral("timing.db"))));
    QVERIFY(sessions.addAccount(QStringLiteral("judy"), OperatorRole::Viewer,
                                QStringLiteral("judy's password")));
    // The faster of two tries each: a busy machine slows single runs down at random.
    auto fastest = [&sessions](const QString &user) {
        qint64 best = std::numeric_limits<qint64>::max();
        for (int i = 0; i < 2; ++i) {
            QElapsedTimer timer;
            timer.start();
            if (signIn(sessions, user, QStringLiteral("wrong password")).ok())
                return qint64(-1);
            best = std::min(best, timer.elapsed());
        }
        return best;
    };
    const qint64 known = fastest(QStringLiteral("judy"));
    const qint64 unknown = fastest(QStringLiteral("nobody"));
    QVERIFY(known > 0 && unknown > 0);
    // Loose bounds (a shared machine): the two differ by far less than a password check.
    QVERIFY2(unknown * 3 >= known && known * 3 >= unknown,
             qPrintable(QStringLiteral("known %1 ms, unknown %2 ms").arg(known).arg(unknown)));
}

// Routes -----------------------------------------------------------------------------------

void TestAuth::loginAnswersTokenExpiryAndOperator()
{
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const TestServer::RawReply reply = m_server.request(
        "POST", QStringLiteral("/api/v1/login"),
        loginBody(QStringLiteral("tester"), TestServer::password(QStringLiteral("tester"))));
    QCOMPARE(reply.status, 200);
    const QJsonObject json = reply.json();
    QCOMPARE(json.value(QStringLiteral("token")).toString().size(), 43);
    const QDateTime expires = QDateTime::fromString(
        json.value(QStringLiteral("expires")).toString(), Qt::ISODateWithMs);
    QVERIFY(expires.isValid());
    QVERIFY(expires >= before.addSecs(8 * 3600 - 5));
    QVERIFY(expires <= QDateTime::currentDateTimeUtc().addSecs(8 * 3600 + 5));
    const QJsonObject who = json.value(QStringLiteral("operator")).toObject();
    QCOMPARE(who.value(QStringLiteral("name")).toString(), QStringLiteral("tester"));
    QCOMPARE(who.value(QStringLiteral("role")).toString(), QStringLiteral("test-engineer"));
    QVERIFY(!reply.body.contains("test password of"));
}

void TestAuth::apiClientSignsIn()
{
    ApiClient *client = m_server.client(QStringLiteral("manager"));
    QVERIFY2(client, qPrintable(m_server.errorText()));
    QCOMPARE(client->session().who.name, QStringLiteral("manager"));
    QCOMPARE(client->session().who.role, OperatorRole::RolloutManager);
    QVERIFY(client->session().expires > QDateTime::currentDateTimeUtc().addSecs(7 * 3600));
    const auto session = spin(client->get(QStringLiteral("/api/v1/session")));
    QVERIFY(session.isFinished());
    QVERIFY2(session.result().ok(), qPrintable(session.result().error().text()));
    QCOMPARE(
        session.result().value()[QStringLiteral("operator")][QStringLiteral("name")].toString(),
        QStringLiteral("manager"));

    // A wrong password through the client: the server's message, not a generic one.
    ApiClient *anonymous = m_server.anonymousClient();
    const auto failed
        = spin(anonymous->login(QStringLiteral("manager"), QStringLiteral("nope nope")));
    QVERIFY(failed.isFinished());
    QVERIFY(!failed.result().ok());
    QCOMPARE(failed.result().error().code, ServiceError::Code::Unauthenticated);
    QVERIFY(failed.result().error().message.contains(QLatin1String("password")));
}

void TestAuth::wrongPasswordAndUnknownUserLookAlike()
{
    const TestServer::RawReply wrong
        = m_server.request("POST", QStringLiteral("/api/v1/login"),
                           loginBody(QStringLiteral("admin"), QStringLiteral("not the password")));
    const TestServer::RawReply unknown = m_server.request(
        "POST", QStringLiteral("/api/v1/login"),
        loginBody(QStringLiteral("mallory"), QStringLiteral("not the password")));
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.errorCode(), QStringLiteral("unauthenticated"));
    QCOMPARE(unknown.status, wrong.status);
    QCOMPARE(unknown.body, wrong.body);
}

void TestAuth::tokenWorksUntilLogout()
{
    const QByteArray token = m_server.token(QStringLiteral("viewer"));
    QCOMPARE(token.size(), 43);
    TestServer::RawReply session
        = m_server.request("GET", QStringLiteral("/api/v1/session"), {}, token);
    QCOMPARE(session.status, 200);
    QCOMPARE(session.json()[QStringLiteral("operator")][QStringLiteral("role")].toString(),
             QStringLiteral("viewer"));
    QVERIFY(session.json()[QStringLiteral("expires")].isString());
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/changes"), {}, token).status, 200);

    // Another session of the same operator is independent.
    const QByteArray other = m_server.token(QStringLiteral("viewer"));
    QVERIFY(other != token);

    QCOMPARE(m_server.request("POST", QStringLiteral("/api/v1/logout"), {}, token).status, 204);
    session = m_server.request("GET", QStringLiteral("/api/v1/session"), {}, token);
    QCOMPARE(session.status, 401);
    QCOMPARE(session.errorCode(), QStringLiteral("unauthenticated"));
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/changes"), {}, token).status, 401);
    QCOMPARE(m_server.request("POST", QStringLiteral("/api/v1/logout"), {}, token).status, 401);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/session"), {}, other).status, 200);
}

void TestAuth::missingOrGarbageTokensAreRefused_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("none") << QByteArray();
    QTest::newRow("empty bearer") << QByteArray("Bearer ");
    QTest::newRow("garbage") << QByteArray("Bearer garbage");
    QTest::newRow("well-formed, never issued")
        << QByteArray("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    QTest::newRow("basic auth") << QByteArray("Basic dGVzdGVyOnRlc3Q=");
    QTest::newRow("long") << QByteArray("Bearer ") + QByteArray(4000, 'x');
}

void TestAuth::missingOrGarbageTokensAreRefused()
{
    QFETCH(QByteArray, authorization);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!authorization.isEmpty())
        headers.append({QByteArray("Authorization"), authorization});
    for (const char *path : {"/api/v1/session", "/api/v1/changes"}) {
        const TestServer::RawReply reply
            = m_server.request("GET", QLatin1String(path), {}, {}, headers);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("unauthenticated"));
    }
}

void TestAuth::malformedLoginsAreRefused()
{
    const QString path = QStringLiteral("/api/v1/login");
    QCOMPARE(m_server.request("POST", path, "not json").status, 400);
    QCOMPARE(m_server.request("POST", path, "[]").status, 400);
    QCOMPARE(m_server.request("POST", path, R"({"user": "admin"})").status, 400);
    QCOMPARE(m_server.request("POST", path, R"({"user": "admin", "password": 12345678})").status,
             400);
    const TestServer::RawReply huge = m_server.request(
        "POST", path, loginBody(QStringLiteral("admin"), QString(8000, QLatin1Char('x'))));
    QCOMPARE(huge.status, 413);
    // None of these counted as a failed password: admin signs in at once.
    QVERIFY(!m_server.token(QStringLiteral("admin")).isEmpty());
}

void TestAuth::expiredTokenIsRefusedAfterRestart()
{
    const QByteArray expiring = m_server.token(QStringLiteral("tester2"));
    const QByteArray lasting = m_server.token(QStringLiteral("admin"));
    QVERIFY(!expiring.isEmpty() && !lasting.isEmpty());
    m_server.stop();
    {
        // The clock of the server cannot be moved from here; the session's expiry can.
        Result<Database> database = Database::open(m_server.databasePath());
        QVERIFY(database.ok());
        QSqlQuery q(database.value().connection());
        q.prepare(QStringLiteral("UPDATE operator_sessions SET expires = ? WHERE token_hash = ?"));
        q.addBindValue(QDateTime::currentSecsSinceEpoch() - 1);
        q.addBindValue(Sha256::hash(expiring));
        QVERIFY(q.exec());
        QCOMPARE(q.numRowsAffected(), 1);
    }
    QVERIFY2(m_server.restart(), qPrintable(m_server.errorText()));
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/session"), {}, expiring).status, 401);
    // A session that has not expired survives the restart: it lives in the database.
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/session"), {}, lasting).status, 200);
}

void TestAuth::repeatedFailuresLockTheAccount()
{
    const QString path = QStringLiteral("/api/v1/login");
    for (int i = 0; i < 5; ++i) {
        const TestServer::RawReply reply = m_server.request(
            "POST", path, loginBody(QStringLiteral("viewer"), QStringLiteral("guess %1").arg(i)));
        QCOMPARE(reply.status, 401);
    }
    // Locked now, also for the right password, and told how long to wait.
    const TestServer::RawReply locked = m_server.request(
        "POST", path,
        loginBody(QStringLiteral("viewer"), TestServer::password(QStringLiteral("viewer"))));
    QCOMPARE(locked.status, 429);
    QCOMPARE(locked.errorCode(), QStringLiteral("rate-limited"));
    bool ok = false;
    const int retryAfter = locked.header("Retry-After").toInt(&ok);
    QVERIFY(ok);
    QVERIFY(retryAfter > 0 && retryAfter <= 60);
    // The same name in other letters is the same account.
    QCOMPARE(
        m_server.request("POST", path, loginBody(QStringLiteral("VIEWER"), QStringLiteral("guess")))
            .status,
        429);
    // Other accounts from the same address still sign in.
    QVERIFY(!m_server.token(QStringLiteral("tester")).isEmpty());
}

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
