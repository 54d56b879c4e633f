// SPDX-License-Identifier: Apache-2.0
#include "rolloutroutes.h"

#include "apiserver.h"
#include "rollout/rolloutbackend.h"
#include "rolloutapijson.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

using Method = QHttpServerRequest::Method;

// Plans are small; a megabyte would be a plan nobody typed.
constexpr qint64 kMaxPlanBody = 256 * 1024;
constexpr qint64 kMaxControlBody = 16 * 1024;

ApiResponse unknownRollout(const QString &arg)
{
    return ApiResponse::error(ServiceError::Code::NotFound,
                              Api::tr("There is no rollout %1.").arg(arg),
                              Api::tr("Reload the list of rollouts."));
}

// A control's body is optional ({"reason": ...}): no body reads as {}.
JsonReader controlReader(const ApiRequest &request)
{
    if (!request.body.trimmed().isEmpty())
        return request.reader();
    JsonReader r(QJsonObject(), QStringLiteral("body"));
    r.setCode(ServiceError::Code::InvalidArgument);
    return r;
}

QJsonObject detailJson(const RolloutDetail &detail)
{
    return Json::toJson(detail);
}

} // namespace

// Operator access; the backend checks what the operator's role may do (PermissionDenied -> 403)
// and audits the decision under the operator's name, as it does for the console in process.
void addRolloutRoutes(ApiServer &server, RolloutBackend &rollouts)
{
    ApiServer *api = &server;
    RolloutBackend *backend = &rollouts;

    server.route(Method::Get, QStringLiteral("/api/v1/rollouts"), ApiAccess::Operator,
                 [api, backend](const ApiRequest &request, const ApiReply &reply) {
                     api->reply(backend->rollouts(request.who), reply,
                                [](const QList<RolloutSummary> &list) { return Json::toJson(list); });
                 });

    server.route(Method::Get, QStringLiteral("/api/v1/rollouts/{id}"), ApiAccess::Operator,
                 [api, backend](const ApiRequest &request, const ApiReply &reply) {
                     const auto id = request.idArg(0);
                     if (!id)
                         return reply(unknownRollout(request.args.value(0)));
                     api->reply(backend->rolloutDetail(request.who, *id), reply, detailJson);
                 });

    // {"plan": {...}}: the preview's problems are in the answer (200), not an error.
    server.route(
        Method::Post, QStringLiteral("/api/v1/rollouts/preview"), ApiAccess::Operator,
        [api, backend](const ApiRequest &request, const ApiReply &reply) {
            JsonReader r = request.reader();
            JsonReader planReader = r.object("plan");
            const RolloutPlan plan = Json::readRolloutPlan(planReader);
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            api->reply(backend->preview(request.who, plan), reply,
                       [](const RolloutPreview &preview) { return Json::toJson(preview); });
        },
        kMaxPlanBody);

    // {"plan": {...}, "schedule": false}: 201 with the new rollout.
    server.route(
        Method::Post, QStringLiteral("/api/v1/rollouts"), ApiAccess::Operator,
        [api, backend](const ApiRequest &request, const ApiReply &reply) {
            JsonReader r = request.reader();
            JsonReader planReader = r.object("plan");
            const RolloutPlan plan = Json::readRolloutPlan(planReader);
            const bool schedule = r.booleanOr("schedule", false);
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            api->reply(backend->create(request.who, plan, schedule), reply, detailJson, 201);
        },
        kMaxPlanBody);

    // The controls: POST /api/v1/rollouts/{id}/<action> with an optional body
    // {"reason": "...", "newErrorThreshold": 10}. The body is read before the backend is called:
    // a mistyped field is refused and changes nothing.
    enum class Control { Schedule, Pause, Resume, Cancel, Continue };
    const QList<QPair<QString, Control>> controls{
        {QStringLiteral("schedule"), Control::Schedule}, {QStringLiteral("pause"), Control::Pause},
        {QStringLiteral("resume"), Control::Resume},     {QStringLiteral("cancel"), Control::Cancel},
        {QStringLiteral("continue"), Control::Continue},
    };
    for (const auto &[action, control] : controls) {
        server.route(
            Method::Post, QStringLiteral("/api/v1/rollouts/{id}/") + action, ApiAccess::Operator,
            [api, backend, control = control](const ApiRequest &request, const ApiReply &reply) {
                const auto id = request.idArg(0);
                if (!id)
                    return reply(unknownRollout(request.args.value(0)));
                JsonReader r = controlReader(request);
                const QString reason = r.stringOr("reason");
                const double threshold = r.numberOr("newErrorThreshold", -1);
                if (!r.ok())
                    return reply(ApiResponse::error(r.error()));
                const Operator &who = request.who;
                QFuture<Result<RolloutDetail>> future;
                switch (control) {
                case Control::Schedule:
                    future = backend->schedule(who, *id);
                    break;
                case Control::Pause:
                    future = backend->pause(who, *id, reason);
                    break;
                case Control::Resume:
                    future = backend->resume(who, *id, reason, threshold);
                    break;
                case Control::Cancel:
                    future = backend->cancel(who, *id, reason);
                    break;
                case Control::Continue:
                    future = backend->continueToNextWave(who, *id);
                    break;
                }
                api->reply(future, reply, detailJson);
            },
            kMaxControlBody);
    }

    server.route(Method::Get, QStringLiteral("/api/v1/simulation"), ApiAccess::Operator,
                 [api, backend](const ApiRequest &, const ApiReply &reply) {
                     api->reply(backend->simulation(), reply,
                                [](const SimulationSettings &s) { return Json::toJson(s); });
                 });

    server.route(
        Method::Put, QStringLiteral("/api/v1/simulation"), ApiAccess::Operator,
        [api, backend](const ApiRequest &request, const ApiReply &reply) {
            JsonReader r = request.reader();
            const SimulationSettings settings = Json::readSimulationSettings(r);
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            api->reply(backend->setSimulation(request.who, settings), reply,
                       [](const SimulationSettings &s) { return Json::toJson(s); });
        },
        kMaxControlBody);
}

} // namespace Patchboard
