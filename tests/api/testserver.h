// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "api/apiclient.h"
#include "api/patchboardserver.h"
#include "domain/rollout.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFuture>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <functional>
#include <memory>

namespace Patchboard {

// Waits for a future by spinning the event loop (the ApiClient answers on this thread, so
// QFuture::waitForFinished() would deadlock). Gives up after timeoutMs: check isFinished().
template<typename T> QFuture<T> spin(QFuture<T> future, int timeoutMs = 30000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return future;
}

// A real patchboard-server for API tests (issue #6): PatchboardServer on a loopback port, in its
// own thread with its own event loop, on a database in a temporary folder (or one the test
// made), with its development certificate pinned by every client it hands out. Operators (the
// password of each is password(name)):
//   admin (administrator), tester and tester2 (test engineers), manager (rollout manager),
//   viewer (viewer).
//
// With PATCHBOARD_TEST_SERVER_DATABASE=postgresql (CTest's *_postgres variants) the server runs
// on a fresh schema of the PostgreSQL database PATCHBOARD_TEST_POSTGRES names (see
// scripts/with-postgres.sh) instead: a SQLite file the test prepared at databasePath is copied
// into it first (DatabaseCopy), and databasePath() is then the schema's postgresql:// URL. The
// Local backends of a contract test stay on SQLite, so the suite compares SQLite with PostgreSQL.
// Without PATCHBOARD_TEST_POSTGRES the test exits with SkipExitCode (CTest: skipped).
class TestServer
{
public:
    struct Options
    {
        int demoDevices = 2000; // a new database gets this demo fleet and the demo releases
        QString databasePath; // empty: fleet.db in a temporary folder
        // A second instance on the database of a running TestServer: its databasePath() and
        // dataDirectory() (the release store is shared too). Empty: DATABASE.server.
        QString dataDirectory;
        bool tracker = true;
        bool firmware = true;
        int sessionHours = 8;
    };

    struct RawReply
    {
        int status = 0; // 0: no HTTP answer
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QString networkError;
        QJsonObject json() const;
        QString errorCode() const; // json().error.code
        QString errorMessage() const; // json().error.message
        QByteArray header(const QByteArray &name) const;
    };

    static constexpr int SkipExitCode = 77;

    TestServer();
    ~TestServer();

    // True for the PostgreSQL variant of a suite.
    static bool onPostgres();

    // Starts the server; false with errorText() when it could not.
    bool start(const Options &options);
    bool start(); // default Options
    // Stops it (the database stays); start() again serves the same database on the same port.
    void stop();
    bool restart();
    QString errorText() const { return m_error; }

    QUrl url() const;
    quint16 port() const { return m_port; }
    QByteArray fingerprint() const { return m_fingerprint; }
    // The SQLite file, or on PostgreSQL the schema's URL (Database::open takes both).
    QString databasePath() const { return m_options.databasePath; }
    QString dataDirectory() const;
    ServerEndpoint endpoint() const; // url + pinned fingerprint

    static QString password(const QString &user);
    // A rollout of release in two waves (20 %, the rest), no soaking, any time of day, with
    // thresholds loose enough for the demo models' real failure rates on a few dozen devices.
    static RolloutPlan twoWavePlan(qint64 release, const QString &name);
    // A client signed in as user, owned by the TestServer (nullptr if the login failed; see
    // errorText()).
    ApiClient *client(const QString &user);
    // A client that has not signed in.
    ApiClient *anonymousClient();
    // A bearer token for user, by a raw POST /api/v1/login.
    QByteArray token(const QString &user);

    // One raw HTTPS request (certificate pinned), for negative tests: exact status and body.
    RawReply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                     const QByteArray &token = {},
                     const QList<QPair<QByteArray, QByteArray>> &headers = {});

    // Runs fn on the server's thread with the server, and waits for it.
    void onServerThread(const std::function<void(PatchboardServer &)> &fn);

private:
    bool moveToPostgres(); // m_options.databasePath: the file, copied, becomes the schema's URL
    void dropSchema();

    QTemporaryDir m_dir;
    QString m_dataDirectory;
    QString m_schema; // on PostgreSQL
    Options m_options;
    QThread m_thread;
    QObject *m_anchor = nullptr; // lives in m_thread
    PatchboardServer *m_server = nullptr; // lives in m_thread
    quint16 m_port = 0;
    QByteArray m_fingerprint;
    QString m_error;
    std::vector<std::unique_ptr<ApiClient>> m_clients;
};

} // namespace Patchboard
