// SPDX-License-Identifier: Apache-2.0
#include "remotetelemetrybackend.h"

#include "api/apiclient.h"
#include "api/jsonreader.h"
#include "api/telemetryjson.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QPromise>
#include <QSaveFile>

#include <memory>

namespace Patchboard {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RemoteTelemetryBackend)
};

} // namespace

RemoteTelemetryBackend::RemoteTelemetryBackend(ApiClient *client, QObject *parent)
    : TelemetryBackend(parent), m_client(client)
{
    connect(client, &ApiClient::changed, this, [this](const QString &topic) {
        if (topic == QLatin1String("events"))
            Q_EMIT eventsChanged();
    });
}

RemoteTelemetryBackend::~RemoteTelemetryBackend() = default;

QFuture<Result<QList<TelemetryScopeChoice>>> RemoteTelemetryBackend::scopes()
{
    return decodeAnswer<QList<TelemetryScopeChoice>>(
        m_client->get(QStringLiteral("/api/v1/telemetry/scopes")), Json::readTelemetryScopeChoices);
}

QFuture<Result<TelemetryOverview>> RemoteTelemetryBackend::overview(const TelemetryQuery &query)
{
    // A read, but a POST (the query is the body): the ApiClient does not retry it. The page
    // queries again on the next change or when the operator moves the range.
    return decodeAnswer<TelemetryOverview>(
        m_client->send("POST", QStringLiteral("/api/v1/telemetry/overview"),
                       QJsonObject{{QStringLiteral("query"), Json::toJson(query)}}),
        Json::readTelemetryOverview);
}

QFuture<Result<int>> RemoteTelemetryBackend::exportEvents(const UpdateEventFilter &filter,
                                                          const QString &path,
                                                          const PseudonymOptions &pseudonyms)
{
    // The filter and the pseudonyms' salt go in the body (never a URL); the ApiClient asks for
    // JSON, so the server wraps the CSV: {"rows": n, "csv": "..."}. The promise lets the caller
    // cancel while the server works: the answer is then dropped and no file written.
    auto promise = std::make_shared<QPromise<Result<int>>>();
    QFuture<Result<int>> future = promise->future();
    promise->start();
    m_client
        ->send("POST", QStringLiteral("/api/v1/telemetry/events.csv"),
               QJsonObject{{QStringLiteral("filter"), Json::toJson(filter)},
                           {QStringLiteral("pseudonyms"), Json::toJson(pseudonyms)}})
        .then(this, [promise, path](const Result<QJsonValue> &answer) {
            auto finish = [&promise](Result<int> result) {
                promise->addResult(std::move(result));
                promise->finish();
            };
            if (promise->isCanceled()) {
                finish(ServiceError::make(ServiceError::Code::Cancelled,
                                          Tr::tr("The export was cancelled.")));
                return;
            }
            if (!answer)
                return finish(answer.error());
            JsonReader r(answer.value(), QStringLiteral("export"));
            const int rows = int(r.integer("rows"));
            const QByteArray csv = r.string("csv").toUtf8();
            if (!r.ok())
                return finish(r.error());
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size()
                || !file.commit()) {
                return finish(
                    ServiceError::make(ServiceError::Code::Io,
                                       Tr::tr("Cannot write %1: %2.").arg(path, file.errorString()),
                                       Tr::tr("Choose a folder you can write to.")));
            }
            promise->setProgressRange(0, rows);
            promise->setProgressValue(rows);
            finish(rows);
        });
    // If this backend goes away first, the continuation never runs and the last copy of the
    // promise is destroyed with it: QPromise then cancels and finishes the future.
    return future;
}

} // namespace Patchboard
