// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"
#include "jsonreader.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QFuture>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonValue>
#include <QList>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

namespace Patchboard {

// One request as a route handler sees it: parsed, routed and authenticated.
struct ApiRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QString path; // decoded, without the query
    QStringList args; // the {...} segments of the route's pattern, in order, decoded
    QUrlQuery query;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QHostAddress peer;
    Operator who; // Access::Operator routes: the signed-in operator
    qint64 deviceId = 0; // Access::Device routes: the device the token belongs to

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty if absent
    // The {...} argument i as a positive integer id, or nullopt.
    std::optional<qint64> idArg(int i) const;
    // The body as a JSON object (InvalidArgument with a readable reason when it is not one).
    Result<QJsonObject> jsonObject() const;
    // A reader of the body whose problems are InvalidArgument (the client's fault).
    JsonReader reader() const;
};

// What a handler answers. Errors use the body of ApiError::toJson().
struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(const QJsonValue &value, int status = 200);
    static ApiResponse error(const ServiceError &error);
    static ApiResponse error(ServiceError::Code code, const QString &message,
                             const QString &hint = {});
    static ApiResponse noContent();
    // A file, or the part of it an HTTP Range header asks for ("bytes=a-b", "bytes=a-",
    // "bytes=-n"; one range): 200 with Accept-Ranges, 206 with Content-Range, or 416.
    static ApiResponse file(const QString &path, const QByteArray &contentType,
                            const QByteArray &rangeHeader);
};

// Answers a request, once, from the server's thread (later answers are ignored). Safe to call
// after the client went away.
using ApiReply = std::function<void(ApiResponse)>;
using ApiHandler = std::function<void(const ApiRequest &, const ApiReply &)>;

// Who may call a route.
enum class ApiAccess {
    Public, // no token (login, health)
    Operator, // "Authorization: Bearer <operator token>"; roles are checked by the backends
    Device, // "Authorization: Bearer <device token>"
};

// Resolves bearer tokens, synchronously on the server's thread (keep it to a hash lookup).
class ApiAuthenticator
{
public:
    virtual ~ApiAuthenticator() = default;
    virtual std::optional<Operator> operatorForToken(const QByteArray &token) = 0;
    virtual std::optional<qint64> deviceForToken(const QByteArray &token) = 0;
};

// The HTTP side of patchboard-server (ARCHITECTURE.md services/api): a router over
// QAbstractHttpServer. Handlers are registered per method and path pattern
// ("/api/v1/devices/{id}"); the server answers 404 and 405 itself, refuses bodies over a route's
// limit (413), checks the bearer token for the route's access (401) and writes one access-log
// line per request (method, path, status, milliseconds; never a token or a body).
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultMaxBody = 1 << 20; // 1 MiB

    explicit ApiServer(QObject *parent = nullptr);
    ~ApiServer() override;

    void setAuthenticator(ApiAuthenticator *authenticator) { m_authenticator = authenticator; }
    void setAccessLog(bool on) { m_accessLog = on; }

    void route(QHttpServerRequest::Method method, const QString &pattern, ApiAccess access,
               ApiHandler handler, qint64 maxBody = kDefaultMaxBody);

    // Answers with a backend's future: toJson(value) on success, the error otherwise.
    template<typename T, typename ToJson>
    void reply(QFuture<Result<T>> future, const ApiReply &reply, ToJson toJson, int status = 200)
    {
        future.then(this, [reply, toJson, status](const Result<T> &result) {
            if (result)
                reply(ApiResponse::json(toJson(result.value()), status));
            else
                reply(ApiResponse::error(result.error()));
        });
    }

    // Answers with a CSV export: run(path) writes the file (a backend's export) into a temporary
    // folder of its own, which goes when the answer has been made; the answer honours the
    // request's Range header and names fileName for a browser's "save as".
    void replyWithExport(const ApiRequest &request, const ApiReply &reply, const QString &fileName,
                         const std::function<QFuture<Result<int>>(const QString &path)> &run);

    qint64 requestsServed() const { return m_served; }
    // Every registered route as "METHOD /pattern/{...}" (the OpenAPI document is checked against
    // it), with the access each needs.
    QList<QPair<QString, ApiAccess>> routes() const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Route;
    const Route *match(const QString &path, QHttpServerRequest::Method method, QStringList *args,
                       bool *pathKnown) const;

    QList<std::shared_ptr<Route>> m_routes;
    ApiAuthenticator *m_authenticator = nullptr;
    bool m_accessLog = true;
    qint64 m_served = 0;
};

} // namespace Patchboard
