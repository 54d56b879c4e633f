// SPDX-License-Identifier: Apache-2.0
#include "trackerroutes.h"

#include "apiserver.h"
#include "queryreader.h"
#include "tracker/trackerbackend.h"
#include "trackerjson.h"

#include <QCoreApplication>

#include <climits>
#include <memory>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::TrackerRoutes)
};

constexpr int DefaultDevicesPerRequest = 100;

const QString &devicesPath()
{
    static const QString path = QStringLiteral("/api/v1/devices");
    return path;
}

} // namespace

void addTrackerRoutes(ApiServer &server, TrackerBackend &tracker)
{
    using Method = QHttpServerRequest::Method;
    ApiServer *api = &server;
    TrackerBackend *backend = &tracker;
    // Every signed-in operator may look at the fleet (viewers included): no role check here, and
    // the tracker has none.

    server.route(Method::Get, QStringLiteral("/api/v1/catalog"), ApiAccess::Operator,
                 [api, backend](const ApiRequest &request, const ApiReply &reply) {
                     QueryReader r(request.query);
                     r.refuseUnknown();
                     if (!r.ok())
                         return reply(ApiResponse::error(r.error()));
                     api->reply(backend->catalog(), reply,
                                [](const FleetCatalog &c) { return Json::toJson(c); });
                 });

    server.route(Method::Get, devicesPath(), ApiAccess::Operator,
                 [api, backend](const ApiRequest &request, const ApiReply &reply) {
                     QueryReader r(request.query);
                     const DeviceQuery query = Json::readDeviceQuery(r);
                     const int offset = int(r.integerOr("offset", 0, 0, INT_MAX));
                     const int limit = int(r.integerOr("limit", DefaultDevicesPerRequest, 0,
                                                       Json::MaxDevicesPerRequest));
                     r.refuseUnknown();
                     if (!r.ok())
                         return reply(ApiResponse::error(r.error()));
                     api->reply(backend->queryDevices(query, offset, limit), reply,
                                [](const DevicePage &p) { return Json::toJson(p); });
                 });

    server.route(Method::Get, devicesPath() + QStringLiteral("/{id}"), ApiAccess::Operator,
                 [api, backend](const ApiRequest &request, const ApiReply &reply) {
                     // Any number goes to the tracker, which says NotFound as it does locally;
                     // only what is not a number is the client's mistake.
                     bool isNumber = false;
                     const qint64 id = request.args.value(0).toLongLong(&isNumber);
                     if (!isNumber) {
                         return reply(ApiResponse::error(
                             ServiceError::Code::InvalidArgument,
                             Tr::tr("\"%1\" is not a device id.").arg(request.args.value(0)),
                             Tr::tr("Devices are addressed by their numeric id, the \"id\" of "
                                    "GET /api/v1/devices.")));
                     }
                     QueryReader r(request.query);
                     const QDate referenceDate = r.date("referenceDate");
                     r.refuseUnknown();
                     if (!r.ok())
                         return reply(ApiResponse::error(r.error()));
                     api->reply(backend->deviceDetail(id, referenceDate), reply,
                                [](const DeviceDetail &d) { return Json::toJson(d); });
                 });

    server.route(Method::Get, QStringLiteral("/api/v1/compliance"), ApiAccess::Operator,
                 [api, backend](const ApiRequest &request, const ApiReply &reply) {
                     QueryReader r(request.query);
                     const Json::ComplianceRequest c = Json::readComplianceRequest(r);
                     r.refuseUnknown();
                     if (!r.ok())
                         return reply(ApiResponse::error(r.error()));
                     api->reply(backend->compliance(c.filter, c.policy, c.referenceDate), reply,
                                [](const ComplianceSummary &s) { return Json::toJson(s); });
                 });

    // The export is written by the tracker exactly as the Local backend writes it (the same
    // DeviceCsv code), into a folder of its own that goes when the answer has been made.
    server.route(
        Method::Get, devicesPath() + QStringLiteral("/export.csv"), ApiAccess::Operator,
        [api, backend](const ApiRequest &request, const ApiReply &reply) {
            QueryReader r(request.query);
            const DeviceQuery query = Json::readDeviceQuery(r);
            r.refuseUnknown();
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            api->replyWithExport(request, reply, QStringLiteral("devices.csv"),
                                 [backend, query](const QString &path) {
                                     return backend->exportDevices(query, path);
                                 });
        });
}

} // namespace Patchboard
