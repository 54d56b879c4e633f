// SPDX-License-Identifier: Apache-2.0
#include "apiserver.h"

#include "apierror.h"

#include <QCoreApplication>
#include <QFile>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>
#include <QTemporaryDir>

namespace Patchboard {

Q_LOGGING_CATEGORY(lcApi, "patchboard.api")

namespace {

struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

// "Bearer <token>" -> token; anything else -> empty.
QByteArray bearerToken(const QByteArray &authorization)
{
    static const QByteArray prefix = "bearer ";
    if (authorization.size() <= prefix.size()
        || authorization.left(prefix.size()).toLower() != prefix)
        return {};
    return authorization.mid(prefix.size()).trimmed();
}

} // namespace

// ApiRequest -------------------------------------------------------------------------------

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

std::optional<qint64> ApiRequest::idArg(int i) const
{
    if (i < 0 || i >= args.size())
        return std::nullopt;
    bool ok = false;
    const qint64 id = args.at(i).toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

Result<QJsonObject> ApiRequest::jsonObject() const
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Api::tr("The request body is not valid JSON: %1 at byte %2.")
                                      .arg(error.errorString())
                                      .arg(error.offset));
    }
    if (!document.isObject()) {
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Api::tr("The request body must be a JSON object."));
    }
    return document.object();
}

JsonReader ApiRequest::reader() const
{
    const Result<QJsonObject> object = jsonObject();
    JsonReader r(object ? QJsonValue(object.value()) : QJsonValue(), QStringLiteral("body"));
    r.setCode(ServiceError::Code::InvalidArgument);
    return r;
}

// ApiResponse ------------------------------------------------------------------------------

ApiResponse ApiResponse::json(const QJsonValue &value, int status)
{
    ApiResponse response;
    response.status = status;
    if (value.isObject())
        response.body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    else if (value.isArray())
        response.body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else // a bare value: wrap it, JSON texts of Qt's writer are objects or arrays
        response.body = QJsonDocument(QJsonObject{{QStringLiteral("value"), value}})
                            .toJson(QJsonDocument::Compact);
    return response;
}

ApiResponse ApiResponse::error(const ServiceError &error)
{
    return json(ApiError::toJson(error), ApiError::httpStatus(error.code));
}

ApiResponse ApiResponse::error(ServiceError::Code code, const QString &message,
                               const QString &hint)
{
    return error(ServiceError::make(code, message, hint));
}

ApiResponse ApiResponse::noContent()
{
    ApiResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

ApiResponse ApiResponse::file(const QString &path, const QByteArray &contentType,
                              const QByteArray &rangeHeader)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return error(ServiceError::Code::NotFound,
                     Api::tr("The file of this download is missing on the server."));
    }
    const qint64 size = file.size();
    qint64 first = 0;
    qint64 last = size - 1;
    bool partial = false;
    if (!rangeHeader.isEmpty()) {
        // One range of bytes: "bytes=a-b", "bytes=a-" or "bytes=-n" (RFC 9110 14.1.2).
        const QByteArray spec = rangeHeader.trimmed();
        const qsizetype dash = spec.indexOf('-');
        bool valid = spec.startsWith("bytes=") && dash > 0 && !spec.contains(',');
        if (valid) {
            const QByteArray from = spec.mid(6, dash - 6).trimmed();
            const QByteArray to = spec.mid(dash + 1).trimmed();
            bool okFrom = true, okTo = true;
            if (from.isEmpty()) { // suffix: the last n bytes
                const qint64 n = to.toLongLong(&okTo);
                valid = okTo && n > 0;
                first = qMax<qint64>(0, size - n);
            } else {
                first = from.toLongLong(&okFrom);
                if (!to.isEmpty())
                    last = qMin(size - 1, to.toLongLong(&okTo));
                valid = okFrom && okTo && first >= 0 && (to.isEmpty() || to.toLongLong() >= first);
            }
            valid = valid && first < size;
        }
        if (!valid) {
            ApiResponse response =
                error(ServiceError::Code::InvalidArgument,
                      Api::tr("The requested range is not satisfiable (the file has %1 bytes).")
                          .arg(size));
            response.status = 416;
            response.headers.append(qMakePair(QByteArray("Content-Range"), "bytes */" + QByteArray::number(size)));
            return response;
        }
        partial = true;
    }
    ApiResponse response;
    response.contentType = contentType;
    response.headers.append(qMakePair(QByteArray("Accept-Ranges"), QByteArray("bytes")));
    if (size > 0) {
        file.seek(first);
        response.body = file.read(last - first + 1);
    }
    if (partial) {
        response.status = 206;
        response.headers.append(qMakePair(QByteArray("Content-Range"),
                                          "bytes " + QByteArray::number(first) + '-'
                                              + QByteArray::number(last) + '/'
                                              + QByteArray::number(size)));
    }
    return response;
}

// ApiServer --------------------------------------------------------------------------------

struct ApiServer::Route
{
    QHttpServerRequest::Method method;
    QString pattern;
    QStringList segments; // "{}" for an argument
    ApiAccess access;
    ApiHandler handler;
    qint64 maxBody;
};

ApiServer::ApiServer(QObject *parent) : QAbstractHttpServer(parent) { }

ApiServer::~ApiServer() = default;

void ApiServer::route(QHttpServerRequest::Method method, const QString &pattern, ApiAccess access,
                      ApiHandler handler, qint64 maxBody)
{
    auto route = std::make_shared<Route>();
    route->method = method;
    route->pattern = pattern;
    for (const QString &segment : pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        route->segments << (segment.startsWith(QLatin1Char('{')) ? QStringLiteral("{}") : segment);
    route->access = access;
    route->handler = std::move(handler);
    route->maxBody = maxBody;
    m_routes.append(route);
}

QList<QPair<QString, ApiAccess>> ApiServer::routes() const
{
    QList<QPair<QString, ApiAccess>> list;
    for (const auto &route : m_routes)
        list.append({QString::fromLatin1(methodName(route->method)) + QLatin1Char(' ') + route->pattern,
                     route->access});
    return list;
}

const ApiServer::Route *ApiServer::match(const QString &path, QHttpServerRequest::Method method,
                                         QStringList *args, bool *pathKnown) const
{
    const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    *pathKnown = false;
    // Literal segments win over arguments ("/devices/export.csv" before "/devices/{id}").
    const Route *best = nullptr;
    int bestLiterals = -1;
    QStringList bestArgs;
    for (const auto &route : m_routes) {
        if (route->segments.size() != parts.size())
            continue;
        QStringList found;
        int literals = 0;
        bool matches = true;
        for (qsizetype i = 0; i < parts.size() && matches; ++i) {
            if (route->segments.at(i) == QLatin1String("{}"))
                found << parts.at(i);
            else if (route->segments.at(i) == parts.at(i))
                ++literals;
            else
                matches = false;
        }
        if (!matches)
            continue;
        *pathKnown = true;
        if (route->method == method && literals > bestLiterals) {
            best = route.get();
            bestLiterals = literals;
            bestArgs = found;
        }
    }
    if (best)
        *args = bestArgs;
    return best;
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer clock;
    clock.start();
    ++m_served;

    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    const QPointer<QTcpSocket> guard(socket);
    const QByteArray method = methodName(request.method());
    // The path only: query strings may carry search terms, never worth a log line.
    const QString logPath = request.url().path();
    auto answered = std::make_shared<bool>(false);
    const bool log = m_accessLog;
    const ApiReply reply = [responder, guard, answered, method, logPath, clock,
                            log](ApiResponse response) {
        if (*answered)
            return;
        *answered = true;
        if (log) {
            qCInfo(lcApi).noquote() << method << logPath << response.status
                                    << QStringLiteral("%1ms").arg(clock.elapsed());
        }
        if (!guard || !guard->isOpen())
            return; // the client went away; nothing to tell it
        responder->writeStatusLine(QHttpServerResponder::StatusCode(response.status));
        if (!response.contentType.isEmpty())
            responder->writeHeader("Content-Type", response.contentType);
        for (const auto &[key, value] : response.headers)
            responder->writeHeader(key, value);
        responder->writeHeader("Cache-Control", "no-store");
        responder->writeHeader("Content-Length", QByteArray::number(response.body.size()));
        responder->writeBody(response.body);
    };

    ApiRequest r;
    r.method = request.method();
    r.path = request.url().path();
    r.query = request.query();
    r.headers = request.headers();
    r.peer = request.remoteAddress();

    bool pathKnown = false;
    const Route *route = match(r.path, r.method, &r.args, &pathKnown);
    if (!route) {
        if (pathKnown) {
            ApiResponse response =
                ApiResponse::error(ServiceError::Code::InvalidArgument,
                                   Api::tr("%1 is not allowed on %2.")
                                       .arg(QString::fromLatin1(method), r.path));
            response.status = 405;
            reply(response);
        } else {
            reply(ApiResponse::error(ServiceError::Code::NotFound,
                                     Api::tr("There is no %1 in the Patchboard API.").arg(r.path),
                                     Api::tr("Check the server address and the API version.")));
        }
        return true;
    }
    const QByteArray body = request.body();
    if (body.size() > route->maxBody) {
        reply(ApiResponse::error(ServiceError::Code::TooLarge,
                                 Api::tr("The request body has %1 bytes; this route takes at "
                                         "most %2.")
                                     .arg(body.size())
                                     .arg(route->maxBody)));
        return true;
    }
    r.body = body;
    if (route->access != ApiAccess::Public) {
        const QByteArray token = bearerToken(r.header("authorization"));
        bool known = false;
        if (!token.isEmpty() && m_authenticator) {
            if (route->access == ApiAccess::Operator) {
                if (const auto who = m_authenticator->operatorForToken(token)) {
                    r.who = *who;
                    known = true;
                }
            } else if (const auto device = m_authenticator->deviceForToken(token)) {
                r.deviceId = *device;
                known = true;
            }
        }
        if (!known) {
            ApiResponse response = ApiResponse::error(
                ServiceError::Code::Unauthenticated,
                token.isEmpty() ? Api::tr("This request needs a sign-in.")
                                : Api::tr("The session is not valid (expired or signed out)."),
                Api::tr("Sign in again."));
            response.headers.append(
                qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer realm=\"patchboard\"")));
            reply(response);
            return true;
        }
    }
    route->handler(r, reply);
    return true;
}

void ApiServer::replyWithExport(const ApiRequest &request, const ApiReply &reply,
                                const QString &fileName,
                                const std::function<QFuture<Result<int>>(const QString &)> &run)
{
    auto folder = std::make_shared<QTemporaryDir>();
    if (!folder->isValid()) {
        return reply(ApiResponse::error(
            ServiceError::Code::Io,
            Api::tr("The server cannot create a temporary folder for the export: %1")
                .arg(folder->errorString()),
            Api::tr("Check the server's temporary folder (TMPDIR) and free space.")));
    }
    const QString path = folder->filePath(fileName);
    const QByteArray range = request.header("Range");
    const QByteArray disposition = "attachment; filename=\"" + fileName.toUtf8() + '"';
    run(path).then(this, [reply, folder, path, range, disposition](const Result<int> &written) {
        if (!written)
            return reply(ApiResponse::error(written.error()));
        ApiResponse response = ApiResponse::file(path, "text/csv; charset=utf-8", range);
        response.headers.append(qMakePair(QByteArray("Content-Disposition"), disposition));
        reply(response);
    });
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers every request itself; this is only reached if Qt asks anyway.
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace Patchboard
