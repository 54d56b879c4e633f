// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"

#include <QDateTime>
#include <QFuture>
#include <QHash>
#include <QJsonValue>
#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace Patchboard {

// Where patchboard-server is and how to trust it: the system's CAs, plus a CA file (PEM) the
// operator names, or exactly one certificate by its SHA-256 fingerprint (what the server prints
// on its first start). Nothing else: there is no "ignore certificate errors".
struct ServerEndpoint
{
    QUrl url; // https://host:port
    QString caFile;
    QByteArray pinnedSha256; // 32 bytes, or empty

    // Accepts "AB:CD:..." or plain hex, as the server prints it. Empty on a malformed one.
    static QByteArray parseFingerprint(const QString &text);
};

// The signed-in operator's session: who, and until when the token is good.
struct ApiSession
{
    Operator who;
    QDateTime expires;
};

// The console's connection to patchboard-server (ARCHITECTURE.md "Remote"): HTTPS + JSON through
// QNetworkAccessManager, on the thread it lives on (the GUI thread), never blocking it. The Remote
// backends call it; they turn the JSON into domain types.
//
// - Reads (get) are retried with backoff (0.5 s, 1 s, 2 s, 4 s) while the server is unreachable
//   or busy (502/503/504); changes (send, upload) are never retried: they are confirmed by the
//   server or they fail, and the error says so.
// - The state follows the answers: Online after any answer, Offline after a request found the
//   server unreachable (then a probe of /api/v1/health every few seconds brings it back),
//   SignedOut when the token is missing or expired.
// - The token stays in memory only and is never logged.
class ApiClient : public QObject
{
    Q_OBJECT
public:
    enum class State { Connecting, Online, Offline, SignedOut };
    Q_ENUM(State)

    explicit ApiClient(const ServerEndpoint &endpoint, QObject *parent = nullptr);
    ~ApiClient() override;

    const ServerEndpoint &endpoint() const { return m_endpoint; }
    State state() const { return m_state; }
    // Why the state is what it is ("The server does not answer: connection refused").
    QString stateMessage() const { return m_stateMessage; }
    bool signedIn() const { return !m_token.isEmpty(); }
    const ApiSession &session() const { return m_session; }

    // POST /api/v1/login. On success the token is kept for every later request.
    QFuture<Result<ApiSession>> login(const QString &user, const QString &password);
    void logout();

    // JSON requests to paths under the server's URL ("/api/v1/devices").
    QFuture<Result<QJsonValue>> get(const QString &path, const QUrlQuery &query = {});
    QFuture<Result<QJsonValue>> send(const QByteArray &method, const QString &path,
                                     const QJsonValue &body = {});
    // Uploads raw bytes (PUT) and returns the JSON answer.
    QFuture<Result<QJsonValue>> upload(const QString &path, const QByteArray &contentType,
                                       const QByteArray &data);
    // Downloads the answer to a GET into a file, atomically (QSaveFile): progress in bytes,
    // cancellable; the result is the byte count.
    QFuture<Result<qint64>> download(const QString &path, const QUrlQuery &query,
                                     const QString &filePath);

    // Milliseconds before a request with no answer counts as failed.
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

Q_SIGNALS:
    void stateChanged(Patchboard::ApiClient::State state, const QString &message);
    // The server refused the token (expired or revoked): sign in again.
    void sessionExpired();
    // Something of topic ("fleet", "releases", "rollouts", "events") changed on the server, by
    // this console or another one (GET /api/v1/changes, polled every 2 s while signed in).
    void changed(const QString &topic);

private:
    struct Call;
    QNetworkRequest request(const QString &path, const QUrlQuery &query) const;
    void start(const std::shared_ptr<Call> &call);
    void finished(const std::shared_ptr<Call> &call, QNetworkReply *reply);
    void setState(State state, const QString &message);
    void probe();
    void checkPeer(QNetworkReply *reply, const QList<QSslError> &errors);

    ServerEndpoint m_endpoint;
    QNetworkAccessManager *m_network;
    QList<QSslCertificate> m_extraCas;
    QString m_trustProblem; // a CA file that could not be read
    QByteArray m_token;
    ApiSession m_session;
    State m_state = State::Connecting;
    QString m_stateMessage;
    QTimer m_probe; // offline: health probe; online: the change counters
    QHash<QString, qint64> m_counters;
    int m_timeoutMs = 15000;
};

// An answer's JSON read by a codec (Json::readX); errors, the server's or the network's, pass
// unchanged. No context object: the continuation runs where the ApiClient finishes the request
// (its thread), and a Remote backend deleted meanwhile leaves no future unfinished.
template<typename T>
QFuture<Result<T>> decodeAnswer(QFuture<Result<QJsonValue>> answer,
                                Result<T> (*read)(const QJsonValue &))
{
    return answer.then([read](const Result<QJsonValue> &result) -> Result<T> {
        if (!result)
            return result.error();
        return read(result.value());
    });
}

} // namespace Patchboard
