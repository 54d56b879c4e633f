// SPDX-License-Identifier: Apache-2.0
#include "auditroutes.h"

#include "apiserver.h"
#include "audit/auditbackend.h"
#include "auditjson.h"
#include "queryreader.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <climits>
#include <memory>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::AuditRoutes)
};

constexpr int DefaultEntriesPerRequest = 100;

} // namespace

void addAuditRoutes(ApiServer &server, AuditBackend &audit)
{
    using Method = QHttpServerRequest::Method;
    ApiServer *api = &server;
    AuditBackend *backend = &audit;
    // Every role reads the audit log (domain/operator.h: viewers included); the log is written
    // by the backends that make the decisions, never through these routes.

    server.route(Method::Get, QStringLiteral("/api/v1/audit"), ApiAccess::Operator,
                 [api, backend](const ApiRequest &request, const ApiReply &reply) {
                     QueryReader r(request.query);
                     const AuditQuery query = Json::readAuditQuery(r);
                     const int offset = int(r.integerOr("offset", 0, 0, INT_MAX));
                     const int limit = int(r.integerOr("limit", DefaultEntriesPerRequest, 0,
                                                       Json::MaxAuditEntriesPerRequest));
                     r.refuseUnknown();
                     if (!r.ok())
                         return reply(ApiResponse::error(r.error()));
                     api->reply(backend->entries(query, offset, limit), reply,
                                [](const QList<AuditEntry> &e) { return Json::toJson(e); });
                 });

    server.route(Method::Get, QStringLiteral("/api/v1/audit/verify"), ApiAccess::Operator,
                 [api, backend](const ApiRequest &request, const ApiReply &reply) {
                     QueryReader r(request.query);
                     r.refuseUnknown();
                     if (!r.ok())
                         return reply(ApiResponse::error(r.error()));
                     api->reply(backend->verify(), reply,
                                [](const AuditVerification &v) { return Json::toJson(v); });
                 });

    server.route(
        Method::Get, QStringLiteral("/api/v1/audit/export.csv"), ApiAccess::Operator,
        [api, backend](const ApiRequest &request, const ApiReply &reply) {
            QueryReader r(request.query);
            const AuditQuery query = Json::readAuditQuery(r);
            r.refuseUnknown();
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            auto folder = std::make_shared<QTemporaryDir>();
            if (!folder->isValid()) {
                return reply(ApiResponse::error(
                    ServiceError::Code::Io,
                    Tr::tr("The server cannot create a temporary folder for the export: %1")
                        .arg(folder->errorString()),
                    Tr::tr("Check the server's temporary folder (TMPDIR) and free space.")));
            }
            const QString path = folder->filePath(QStringLiteral("audit.csv"));
            const QByteArray range = request.header("Range");
            backend->exportCsv(query, path)
                .then(api, [reply, folder, path, range](const Result<int> &written) {
                    if (!written)
                        return reply(ApiResponse::error(written.error()));
                    ApiResponse response
                        = ApiResponse::file(path, "text/csv; charset=utf-8", range);
                    response.headers.append({QByteArray("Content-Disposition"),
                                             QByteArray("attachment; filename=\"audit.csv\"")});
                    reply(response);
                });
        });
}

} // namespace Patchboard
