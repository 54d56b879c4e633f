// SPDX-License-Identifier: Apache-2.0
#include "deviceroutes.h"

#include "apiserver.h"
#include "devicejson.h"
#include "rollout/devicegateway.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

using Method = QHttpServerRequest::Method;

// What a device sends is a few hundred bytes; a larger body is not a device of ours.
constexpr qint64 kMaxDeviceBody = 16 * 1024;
// A list of device ids for new credentials: about 60,000 ids.
constexpr qint64 kMaxCredentialsBody = 1024 * 1024;

ApiResponse unknownOffer(const QString &arg)
{
    return ApiResponse::error(ServiceError::Code::NotFound,
                              Api::tr("There is no rollout %1.").arg(arg),
                              Api::tr("Use the URLs of the offer the check-in returned."));
}

// Answers with a file (or the byte range asked for) once the gateway found and allowed it.
void replyWithFile(ApiServer *api, QFuture<Result<DeviceDownload>> future, const ApiRequest &request,
                   const ApiReply &reply)
{
    const QByteArray range = request.header("range");
    future.then(api, [reply, range](const Result<DeviceDownload> &file) {
        if (!file)
            return reply(ApiResponse::error(file.error()));
        reply(ApiResponse::file(file.value().path, file.value().contentType, range));
    });
}

} // namespace

// The device API (X.secup-iot 7 and 11.2): Device access, the device is the one its token
// belongs to (request.deviceId) and can speak only for itself. Plus the operators' route that
// issues device tokens (administrators; the gateway checks the role).
void addDeviceRoutes(ApiServer &server, DeviceGateway &gateway)
{
    ApiServer *api = &server;
    DeviceGateway *devices = &gateway;

    // {"devices": [ids]} or {"first": n} -> {"credentials": [...]}, each token shown this once.
    server.route(
        Method::Post, QStringLiteral("/api/v1/device-credentials"), ApiAccess::Operator,
        [api, devices](const ApiRequest &request, const ApiReply &reply) {
            const Result<QJsonObject> body = request.jsonObject();
            if (!body)
                return reply(ApiResponse::error(body.error()));
            const Result<DeviceCredentialRequest> wanted = Json::readDeviceCredentialRequest(body.value());
            if (!wanted)
                return reply(ApiResponse::error(wanted.error()));
            api->reply(devices->issueCredentials(request.who, wanted.value()), reply,
                       [](const QList<DeviceCredential> &issued) { return Json::toJson(issued); });
        },
        kMaxCredentialsBody);

    server.route(
        Method::Post, QStringLiteral("/api/v1/device/check-in"), ApiAccess::Device,
        [api, devices](const ApiRequest &request, const ApiReply &reply) {
            const Result<QJsonObject> body = request.jsonObject();
            if (!body)
                return reply(ApiResponse::error(body.error()));
            const Result<DeviceCheckIn> checkIn = Json::readDeviceCheckIn(body.value());
            if (!checkIn)
                return reply(ApiResponse::error(checkIn.error()));
            api->reply(devices->checkIn(request.deviceId, checkIn.value()), reply,
                       [](const DeviceCheckInAnswer &answer) { return Json::toJson(answer); });
        },
        kMaxDeviceBody);

    server.route(
        Method::Get, QStringLiteral("/api/v1/device/offers/{rolloutId}/manifest"),
        ApiAccess::Device,
        [api, devices](const ApiRequest &request, const ApiReply &reply) {
            const auto rollout = request.idArg(0);
            if (!rollout)
                return reply(unknownOffer(request.args.value(0)));
            replyWithFile(api, devices->manifest(request.deviceId, *rollout), request, reply);
        },
        0);

    // ?name=IMAGE for a release with several images; the first one by default.
    server.route(
        Method::Get, QStringLiteral("/api/v1/device/offers/{rolloutId}/image"), ApiAccess::Device,
        [api, devices](const ApiRequest &request, const ApiReply &reply) {
            const auto rollout = request.idArg(0);
            if (!rollout)
                return reply(unknownOffer(request.args.value(0)));
            const QString name = request.query.queryItemValue(QStringLiteral("name"),
                                                              QUrl::FullyDecoded);
            replyWithFile(api, devices->image(request.deviceId, *rollout, name), request, reply);
        },
        0);

    server.route(
        Method::Post, QStringLiteral("/api/v1/device/reports"), ApiAccess::Device,
        [api, devices](const ApiRequest &request, const ApiReply &reply) {
            const Result<QJsonObject> body = request.jsonObject();
            if (!body)
                return reply(ApiResponse::error(body.error()));
            const Result<DeviceReport> report = Json::readDeviceReport(body.value());
            if (!report)
                return reply(ApiResponse::error(report.error()));
            api->reply(devices->report(request.deviceId, report.value()), reply,
                       [](const DeviceReportAnswer &answer) { return Json::toJson(answer); });
        },
        kMaxDeviceBody);
}

} // namespace Patchboard
