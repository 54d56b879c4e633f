// SPDX-License-Identifier: Apache-2.0
#include "remotetrackerbackend.h"

#include "api/apiclient.h"
#include "api/csvdownload.h"
#include "api/trackerjson.h"

#include <QCoreApplication>

#include <climits>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RemoteTrackerBackend)
};

} // namespace

RemoteTrackerBackend::RemoteTrackerBackend(ApiClient *client, QObject *parent)
    : TrackerBackend(parent), m_client(client)
{
    connect(client, &ApiClient::changed, this, [this](const QString &topic) {
        if (topic == QLatin1String("fleet"))
            Q_EMIT fleetChanged();
    });
}

RemoteTrackerBackend::~RemoteTrackerBackend() = default;

QString RemoteTrackerBackend::description() const
{
    return Tr::tr("Server: %1").arg(m_client->endpoint().url.toDisplayString());
}

QFuture<Result<FleetCatalog>> RemoteTrackerBackend::catalog()
{
    return decodeAnswer<FleetCatalog>(m_client->get(QStringLiteral("/api/v1/catalog")),
                                      Json::readFleetCatalog);
}

QFuture<Result<DevicePage>> RemoteTrackerBackend::page(const DeviceQuery &query, int offset,
                                                       int limit)
{
    QUrlQuery parameters = Json::toQuery(query);
    parameters.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    parameters.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return decodeAnswer<DevicePage>(m_client->get(QStringLiteral("/api/v1/devices"), parameters),
                                    Json::readDevicePage);
}

QFuture<Result<DevicePage>> RemoteTrackerBackend::queryDevices(const DeviceQuery &query, int offset,
                                                               int limit)
{
    if (limit <= Json::MaxDevicesPerRequest || offset < 0)
        return page(query, offset, limit);
    // The server answers at most MaxDevicesPerRequest rows at a time: ask for the parts at once
    // and join them. Parts past the end come back empty.
    QList<QFuture<Result<DevicePage>>> parts;
    for (qint64 start = 0; start < limit; start += Json::MaxDevicesPerRequest) {
        const int size = int(qMin<qint64>(Json::MaxDevicesPerRequest, limit - start));
        parts << page(query, int(qMin<qint64>(qint64(offset) + start, INT_MAX)), size);
    }
    return QtFuture::whenAll(parts.begin(), parts.end())
        .then([](const QList<QFuture<Result<DevicePage>>> &answers) -> Result<DevicePage> {
            Result<DevicePage> joined;
            for (const QFuture<Result<DevicePage>> &answer : answers) {
                if (answer.isCanceled() || answer.resultCount() == 0)
                    return ServiceError::make(ServiceError::Code::Cancelled,
                                              Tr::tr("The request was cancelled."));
                const Result<DevicePage> &part = answer.result();
                if (!part)
                    return part.error();
                if (&answer == &answers.first())
                    joined = part;
                else
                    joined.value().rows += part.value().rows;
            }
            return joined;
        });
}

QFuture<Result<DeviceDetail>> RemoteTrackerBackend::deviceDetail(qint64 id, QDate referenceDate)
{
    QUrlQuery parameters;
    if (referenceDate.isValid())
        parameters.addQueryItem(QStringLiteral("referenceDate"),
                                referenceDate.toString(Qt::ISODate));
    return decodeAnswer<DeviceDetail>(
        m_client->get(QStringLiteral("/api/v1/devices/") + QString::number(id), parameters),
        Json::readDeviceDetail);
}

QFuture<Result<ComplianceSummary>> RemoteTrackerBackend::compliance(const DeviceFilter &filter,
                                                                    const CompliancePolicy &policy,
                                                                    QDate referenceDate)
{
    return decodeAnswer<ComplianceSummary>(
        m_client->get(QStringLiteral("/api/v1/compliance"),
                      Json::toQuery(Json::ComplianceRequest{filter, policy, referenceDate})),
        Json::readComplianceSummary);
}

QFuture<Result<int>> RemoteTrackerBackend::exportDevices(const DeviceQuery &query,
                                                         const QString &path)
{
    return downloadCsv(m_client, QStringLiteral("/api/v1/devices/export.csv"), Json::toQuery(query),
                       path);
}

} // namespace Patchboard
