// SPDX-License-Identifier: Apache-2.0
#include "faketrackerbackend.h"

#include "devicerow.h"
#include "domain/compliance.h"

#include <QFuture>

#include <algorithm>

namespace Patchboard {

namespace {

template<typename T> QFuture<Result<T>> ready(Result<T> result)
{
    return QtFuture::makeReadyFuture(std::move(result));
}

} // namespace

FakeTrackerBackend::FakeTrackerBackend(QList<Device> fleet, QObject *parent)
    : TrackerBackend(parent), m_fleet(std::move(fleet))
{ }

// Unanswered promises finish as cancelled when they are destroyed (~QPromise).
FakeTrackerBackend::~FakeTrackerBackend() = default;

void FakeTrackerBackend::setFleet(QList<Device> fleet)
{
    m_fleet = std::move(fleet);
    Q_EMIT fleetChanged();
}

void FakeTrackerBackend::releaseReply(int index)
{
    Held held = m_held.takeAt(index);
    held.promise->addResult(answer(held.request));
    held.promise->finish();
}

void FakeTrackerBackend::releaseAll()
{
    while (!m_held.isEmpty())
        releaseReply(0);
}

QList<Device> FakeTrackerBackend::makeFleet(int count, QDate today)
{
    static const char *const manufacturers[] = {"Acme", "Borealis", "Acme"};
    static const char *const models[] = {"A1", "Polar 5", "A2 Pro"};
    static const char *const regions[] = {"Germany", "Kenya"};
    QList<Device> fleet;
    fleet.reserve(count);
    for (int i = 0; i < count; ++i) {
        Device d;
        d.id = i + 1;
        // Ascending with i, so that the default sort (device ID) is the fleet's order.
        d.deviceId = QStringLiteral("35%1").arg(qint64(1000000000000) + qint64(i) * 7919, 13, 10,
                                                QLatin1Char('0'));
        d.modelId = i % 3 + 1;
        d.manufacturer = QString::fromLatin1(manufacturers[i % 3]);
        d.model = QString::fromLatin1(models[i % 3]);
        d.regionId = i % 2 + 1;
        d.region = QString::fromLatin1(regions[i % 2]);
        d.firmwareSequence = 100 + i % 17;
        d.firmwareVersion = QStringLiteral("4.%1").arg(d.firmwareSequence);
        d.patchLevel = today.addDays(-((i * 37) % 1100));
        d.patchApplied = d.patchLevel.addDays(20);
        d.supportEnd = today.addDays(d.modelId == 2 ? -30 : d.modelId == 3 ? 45 : 700);
        d.lastCheckIn = QDateTime(today.addDays(-(i % 9)), QTime(8, i % 60), Qt::UTC);
        d.updateState = UpdateState(i % UpdateStateCount);
        d.exceptions = quint8(i % 11 == 0 ? Rooted : i % 13 == 0 ? Ported : NoException);
        d.patchAgeDays = Compliance::patchAgeDays(d.patchLevel, today);
        d.supportStatus = Compliance::supportStatus(d.supportEnd, today);
        fleet.append(d);
    }
    return fleet;
}

QString FakeTrackerBackend::description() const
{
    return QStringLiteral("Fake tracker (%1 devices)").arg(m_fleet.size());
}

QFuture<Result<FleetCatalog>> FakeTrackerBackend::catalog()
{
    FleetCatalog catalog;
    catalog.deviceCount = int(m_fleet.size());
    return ready(Result<FleetCatalog>(catalog));
}

QFuture<Result<DevicePage>> FakeTrackerBackend::queryDevices(const DeviceQuery &query, int offset,
                                                             int limit)
{
    const Request request{query, offset, limit};
    m_requests.append(request);
    if (m_nextError.isError())
        return ready(Result<DevicePage>(std::exchange(m_nextError, ServiceError())));
    if (!m_hold)
        return ready(answer(request));
    auto promise = std::make_shared<QPromise<Result<DevicePage>>>();
    promise->start();
    QFuture<Result<DevicePage>> future = promise->future();
    m_held.append(Held{request, std::move(promise)});
    return future;
}

Result<DevicePage> FakeTrackerBackend::answer(const Request &request) const
{
    const DeviceFilter &f = request.query.filter;
    QList<Device> rows;
    for (const Device &d : m_fleet) {
        if (!f.deviceIdPrefix.isEmpty() && !d.deviceId.startsWith(f.deviceIdPrefix))
            continue;
        if (!f.supportStatuses.isEmpty() && !f.supportStatuses.contains(d.supportStatus))
            continue;
        if (f.modelId && d.modelId != f.modelId)
            continue;
        rows.append(d);
    }
    const DeviceSort sort = request.query.sort;
    std::stable_sort(rows.begin(), rows.end(), [sort](const Device &a, const Device &b) {
        const int column = int(sort.field);
        const auto order
            = QVariant::compare(DeviceRow::sortValue(a, column), DeviceRow::sortValue(b, column));
        return sort.order == Qt::AscendingOrder ? order == QPartialOrdering::Less
                                                : order == QPartialOrdering::Greater;
    });
    DevicePage page;
    page.offset = request.offset;
    page.matching = int(rows.size());
    page.fleetSize = int(m_fleet.size());
    page.referenceDate = QDate::currentDate();
    page.rows = rows.mid(request.offset, request.limit);
    return page;
}

QFuture<Result<DeviceDetail>> FakeTrackerBackend::deviceDetail(qint64 id, QDate)
{
    for (const Device &d : m_fleet) {
        if (d.id == id)
            return ready(Result<DeviceDetail>(DeviceDetail{d, QStringLiteral("UTC"), {}}));
    }
    return ready(Result<DeviceDetail>(
        ServiceError::make(ServiceError::Code::NotFound, QStringLiteral("No such device"))));
}

QFuture<Result<ComplianceSummary>> FakeTrackerBackend::compliance(const DeviceFilter &,
                                                                  const CompliancePolicy &, QDate)
{
    return ready(Result<ComplianceSummary>(ServiceError::make(
        ServiceError::Code::Internal, QStringLiteral("Not part of the fake tracker"))));
}

QFuture<Result<int>> FakeTrackerBackend::exportDevices(const DeviceQuery &query, const QString &)
{
    if (!m_holdExport) {
        return ready(Result<int>(ServiceError::make(
            ServiceError::Code::Internal, QStringLiteral("Not part of the fake tracker"))));
    }
    const int matching = answer({query, 0, 0}).value().matching;
    auto promise = std::make_shared<QPromise<Result<int>>>();
    promise->start();
    promise->setProgressRange(0, matching);
    promise->setProgressValue(matching / 2);
    auto *watcher = new QFutureWatcher<Result<int>>(this);
    connect(watcher, &QFutureWatcherBase::canceled, this, [promise, watcher] {
        promise->finish();
        watcher->deleteLater();
    });
    watcher->setFuture(promise->future());
    return promise->future();
}

} // namespace Patchboard
