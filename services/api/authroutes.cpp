// SPDX-License-Identifier: Apache-2.0
#include "authroutes.h"

#include "apiserver.h"
#include "auth/operatorsessions.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::AuthRoutes)
};

// A login body is two short strings; anything bigger is not a login.
constexpr qint64 MaxLoginBody = 4096;
constexpr int MaxUserLength = 256;
constexpr int MaxPasswordLength = 1024;

// "Bearer <token>" -> token (the router has checked it already for Operator routes).
QByteArray bearerToken(const ApiRequest &request)
{
    const QByteArray authorization = request.header("Authorization").trimmed();
    static const QByteArray prefix = "bearer ";
    if (authorization.size() <= prefix.size()
        || authorization.left(prefix.size()).toLower() != prefix)
        return {};
    return authorization.mid(prefix.size()).trimmed();
}

QJsonObject operatorJson(const Operator &who)
{
    return QJsonObject{{QStringLiteral("name"), who.name},
                       {QStringLiteral("role"), Operator::roleName(who.role)}};
}

ApiResponse rateLimited(qint64 seconds)
{
    const int minutes = int(std::max<qint64>(1, (seconds + 59) / 60));
    ApiResponse response = ApiResponse::error(
        ServiceError::Code::RateLimited,
        Tr::tr("Too many failed sign-ins. Try again in %n minute(s).", nullptr, minutes),
        Tr::tr("If you forgot your password, ask an administrator to set a new one."));
    response.headers.append({QByteArray("Retry-After"), QByteArray::number(seconds)});
    return response;
}

} // namespace

void addAuthRoutes(ApiServer &server, OperatorSessions &sessions)
{
    ApiServer *api = &server;
    server.route(
        QHttpServerRequest::Method::Post, QStringLiteral("/api/v1/login"), ApiAccess::Public,
        [api, &sessions](const ApiRequest &request, const ApiReply &reply) {
            JsonReader r = request.reader();
            const QString user = r.string("user");
            const QString password = r.string("password");
            if (!r.ok()) {
                reply(ApiResponse::error(r.error()));
                return;
            }
            if (user.size() > MaxUserLength || password.size() > MaxPasswordLength) {
                reply(ApiResponse::error(ServiceError::Code::InvalidArgument,
                                         Tr::tr("The user name or the password is too long.")));
                return;
            }
            // Locked out: answered at once, without a password check.
            if (const qint64 wait = sessions.retryAfter(user, request.peer); wait > 0) {
                reply(rateLimited(wait));
                return;
            }
            sessions.login(user, password, request.peer)
                .then(api, [reply](const Result<OperatorLogin> &result) {
                    if (!result) {
                        reply(ApiResponse::error(result.error()));
                        return;
                    }
                    const OperatorLogin &login = result.value();
                    reply(ApiResponse::json(QJsonObject{
                        {QStringLiteral("token"), QString::fromLatin1(login.token)},
                        {QStringLiteral("expires"), Json::dateTime(login.session.expires)},
                        {QStringLiteral("operator"), operatorJson(login.session.who)},
                    }));
                });
        },
        MaxLoginBody);

    server.route(QHttpServerRequest::Method::Post, QStringLiteral("/api/v1/logout"),
                 ApiAccess::Operator,
                 [api, &sessions](const ApiRequest &request, const ApiReply &reply) {
                     sessions.logout(bearerToken(request)).then(api, [reply](const Status &done) {
                         reply(done ? ApiResponse::noContent() : ApiResponse::error(done.error()));
                     });
                 });

    server.route(QHttpServerRequest::Method::Get, QStringLiteral("/api/v1/session"),
                 ApiAccess::Operator,
                 [&sessions](const ApiRequest &request, const ApiReply &reply) {
                     const std::optional<SignedInSession> session
                         = sessions.sessionForToken(bearerToken(request));
                     if (!session) {
                         reply(ApiResponse::error(ServiceError::Code::Unauthenticated,
                                                  Tr::tr("The session has ended."),
                                                  Tr::tr("Sign in again.")));
                         return;
                     }
                     reply(ApiResponse::json(QJsonObject{
                         {QStringLiteral("operator"), operatorJson(session->who)},
                         {QStringLiteral("expires"), Json::dateTime(session->expires)},
                     }));
                 });
}

} // namespace Patchboard
