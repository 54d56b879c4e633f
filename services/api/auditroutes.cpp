// SPDX-License-Identifier: Apache-2.0
#include "auditroutes.h"

#include "apiserver.h"
#include "audit/auditbackend.h"
#include "auditjson.h"
#include "queryreader.h"

#include <QCoreApplication>

#include <climits>
#include <memory>

namespace Patchboard {

namespace {

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
            api->replyWithExport(request, reply, QStringLiteral("audit.csv"),
                                 [backend, query](const QString &path) {
                                     return backend->exportCsv(query, path);
                                 });
        });
}

} // namespace Patchboard
