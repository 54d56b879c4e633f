// SPDX-License-Identifier: Apache-2.0
#include "telemetryroutes.h"

#include "apiserver.h"
#include "telemetry/telemetrybackend.h"
#include "telemetryjson.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

namespace Patchboard {

namespace {

struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

using Method = QHttpServerRequest::Method;

constexpr qint64 kMaxQueryBody = 16 * 1024;

// Whether the client asked for the CSV wrapped in JSON ({"rows": n, "csv": "..."}): the
// console's ApiClient reads JSON answers only and sends "Accept: application/json"; curl and
// browsers get the CSV itself (text/csv).
bool wantsJson(const ApiRequest &request)
{
    const QByteArray accept = request.header("accept").toLower();
    return accept.contains("application/json") && !accept.contains("text/csv");
}

} // namespace

// Operator access: every signed-in operator may read telemetry (the Local backend has no role
// check either: the Telemetry page is open to viewers).
void addTelemetryRoutes(ApiServer &server, TelemetryBackend &telemetry)
{
    ApiServer *api = &server;
    TelemetryBackend *backend = &telemetry;

    server.route(Method::Get, QStringLiteral("/api/v1/telemetry/scopes"), ApiAccess::Operator,
                 [api, backend](const ApiRequest &, const ApiReply &reply) {
                     api->reply(backend->scopes(), reply,
                                [](const QList<TelemetryScopeChoice> &c) { return Json::toJson(c); });
                 });

    // {"query": {...}}: a POST because a query is a structure, not a handful of parameters.
    server.route(
        Method::Post, QStringLiteral("/api/v1/telemetry/overview"), ApiAccess::Operator,
        [api, backend](const ApiRequest &request, const ApiReply &reply) {
            JsonReader r = request.reader();
            JsonReader queryReader = r.object("query");
            const TelemetryQuery query = Json::readTelemetryQuery(queryReader);
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            api->reply(backend->overview(query), reply,
                       [](const TelemetryOverview &o) { return Json::toJson(o); });
        },
        kMaxQueryBody);

    // {"filter": {...}, "pseudonyms": {"enabled": true, "salt": "<base64>"}}: the events as
    // CSV. A POST so that the salt of the pseudonyms travels in the body, never in a URL. The
    // backend writes a temporary file (it cancels and cleans up on failure), which is answered
    // and removed.
    server.route(
        Method::Post, QStringLiteral("/api/v1/telemetry/events.csv"), ApiAccess::Operator,
        [api, backend](const ApiRequest &request, const ApiReply &reply) {
            JsonReader r = request.reader();
            JsonReader filterReader = r.object("filter");
            const UpdateEventFilter filter = Json::readUpdateEventFilter(filterReader);
            PseudonymOptions pseudonyms;
            if (r.has("pseudonyms")) {
                JsonReader p = r.object("pseudonyms");
                pseudonyms = Json::readPseudonymOptions(p);
            }
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            auto dir = std::make_shared<QTemporaryDir>();
            if (!dir->isValid()) {
                return reply(ApiResponse::error(
                    ServiceError::Code::Io,
                    Api::tr("The server cannot make a temporary folder for the export: %1.")
                        .arg(dir->errorString()),
                    Api::tr("Check the server's temporary folder (TMPDIR).")));
            }
            const QString path = dir->filePath(QStringLiteral("events.csv"));
            const bool json = wantsJson(request);
            backend->exportEvents(filter, path, pseudonyms)
                .then(api, [dir, path, json, reply](const Result<int> &rows) {
                    if (!rows)
                        return reply(ApiResponse::error(rows.error()));
                    QFile file(path);
                    if (!file.open(QIODevice::ReadOnly)) {
                        return reply(ApiResponse::error(
                            ServiceError::Code::Io,
                            Api::tr("The server cannot read its export %1: %2.")
                                .arg(path, file.errorString())));
                    }
                    const QByteArray csv = file.readAll();
                    if (json) {
                        return reply(ApiResponse::json(
                            QJsonObject{{QStringLiteral("rows"), rows.value()},
                                        {QStringLiteral("csv"), QString::fromUtf8(csv)}}));
                    }
                    ApiResponse response;
                    response.contentType = "text/csv; charset=utf-8";
                    response.body = csv;
                    response.headers.append({QByteArray("Content-Disposition"),
                                             QByteArray("attachment; filename=\"update-events.csv\"")});
                    response.headers.append(
                        {QByteArray("X-Patchboard-Rows"), QByteArray::number(rows.value())});
                    reply(response);
                });
        },
        kMaxQueryBody);
}

} // namespace Patchboard
