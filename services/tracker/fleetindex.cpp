// SPDX-License-Identifier: Apache-2.0
#include "fleetindex.h"
#include "storage/database.h"
#include "storage/devicescan.h"
#include "storage/devicesql.h"
#include "storage/epochday.h"

#include <QCollator>
#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>
#include <limits>
#include <numeric>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::FleetIndex)
};

// A stable LSD radix sort of row positions by 32-bit keys, two 16-bit passes; a pass whose
// digit is the same for every row is skipped. Stable, so rows with equal keys stay in device-ID
// order, which is the tie-break the operator expects.
FleetIndex::Rows stableOrderByKey(const std::vector<quint32> &keys)
{
    const std::size_t n = keys.size();
    FleetIndex::Rows order(n), scratch(n);
    std::iota(order.begin(), order.end(), 0u);
    std::vector<std::size_t> count(65537);
    for (int shift : {0, 16}) {
        std::fill(count.begin(), count.end(), 0);
        for (std::size_t i = 0; i < n; ++i)
            ++count[((keys[i] >> shift) & 0xffffu) + 1];
        if (n == 0 || std::any_of(count.begin(), count.end(), [n](std::size_t c) { return c == n; }))
            continue;
        std::partial_sum(count.begin(), count.end(), count.begin());
        for (std::size_t i = 0; i < n; ++i) {
            const quint32 row = order[i];
            scratch[count[(keys[row] >> shift) & 0xffffu]++] = row;
        }
        order.swap(scratch);
    }
    return order;
}

// The first position in [begin, end) for which isBefore() is false; isBefore must be true for
// a prefix of the range and false after it.
template<typename IsBefore>
quint32 partitionPoint(quint32 begin, quint32 end, IsBefore isBefore)
{
    while (begin < end) {
        const quint32 mid = begin + (end - begin) / 2;
        if (isBefore(mid))
            begin = mid + 1;
        else
            end = mid;
    }
    return begin;
}

template<typename Names>
std::vector<quint32> ranksByName(const Names &names)
{
    QCollator collator;
    collator.setNumericMode(true);
    std::vector<int> order(std::size_t(names.size()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return collator.compare(names[a], names[b]) < 0;
    });
    std::vector<quint32> rank(order.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        rank[std::size_t(order[i])] = quint32(i);
    return rank;
}

} // namespace

// The filter compiled into flat tests over the columns.
struct FleetIndex::Predicate
{
    std::vector<char> modelOk; // by model storage id: manufacturer, model and support status
    int regionId = 0;
    qint32 patchMin = std::numeric_limits<qint32>::min();
    qint32 patchMax = std::numeric_limits<qint32>::max();
    int updateState = -1;
    ExceptionFilter exceptions = ExceptionFilter::Any;
    quint32 rowBegin = 0; // device-ID prefix as a row range (rows are in ID order)
    quint32 rowEnd = 0;
    const Restriction *only = nullptr;

    bool matches(const FleetIndex &index, quint32 row) const
    {
        if (row < rowBegin || row >= rowEnd)
            return false;
        if (only && !(*only)[row])
            return false;
        const quint16 model = index.m_model[row];
        if (model >= modelOk.size() || !modelOk[model])
            return false;
        if (regionId && index.m_region[row] != regionId)
            return false;
        const qint32 level = index.m_patchLevel[row];
        if (level < patchMin || level > patchMax)
            return false;
        if (updateState >= 0 && index.m_updateState[row] != updateState)
            return false;
        const quint8 flags = index.m_exceptions[row];
        switch (exceptions) {
        case ExceptionFilter::Any:
            return true;
        case ExceptionFilter::None:
            return flags == NoException;
        case ExceptionFilter::Rooted:
            return flags & Rooted;
        case ExceptionFilter::Ported:
            return flags & Ported;
        case ExceptionFilter::AnyException:
            return flags != NoException;
        }
        return true;
    }
};

Result<std::shared_ptr<const FleetIndex>> FleetIndex::load(Database &database,
                                                           const std::function<bool()> &cancelled)
{
    std::shared_ptr<FleetIndex> index(new FleetIndex);

    Result<FleetCatalog> catalog = DeviceSql::readCatalog(database);
    if (!catalog)
        return catalog.error();
    index->m_catalog = std::move(catalog).value();
    auto invalid = [&database](const QString &what) {
        return ServiceError::make(
            ServiceError::Code::StorageCorrupt,
            Tr::tr("The database '%1' has %2 with an invalid id.").arg(database.path(), what),
            Tr::tr("The file is damaged; restore it from a backup."));
    };
    for (int i = 0; i < index->m_catalog.models.size(); ++i) {
        const DeviceModel &model = index->m_catalog.models[i];
        if (model.id <= 0 || model.id > std::numeric_limits<quint16>::max())
            return invalid(Tr::tr("a hardware model"));
        if (index->m_models.size() <= std::size_t(model.id))
            index->m_models.resize(std::size_t(model.id) + 1);
        index->m_models[std::size_t(model.id)] = {i, qint32(EpochDay::fromDate(model.supportEnd()))};
    }
    for (int i = 0; i < index->m_catalog.regions.size(); ++i) {
        const Region &region = index->m_catalog.regions[i];
        if (region.id <= 0 || region.id > std::numeric_limits<quint16>::max())
            return invalid(Tr::tr("a region"));
        if (index->m_regionIndex.size() <= std::size_t(region.id))
            index->m_regionIndex.resize(std::size_t(region.id) + 1, -1);
        index->m_regionIndex[std::size_t(region.id)] = i;
    }

    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, version, sequence FROM firmware_versions")))
        return database.error(query.lastError(), Tr::tr("read the firmware versions"));
    QStringList versions;
    std::vector<qint64> firmwareIds;
    while (query.next()) {
        const qint64 id = query.value(0).toLongLong();
        if (id <= 0 || id > 50'000'000)
            return invalid(Tr::tr("a firmware version"));
        if (index->m_firmwareInfo.size() <= std::size_t(id))
            index->m_firmwareInfo.resize(std::size_t(id) + 1);
        index->m_firmwareInfo[std::size_t(id)] = {query.value(1).toString(),
                                                  query.value(2).toLongLong(), 0};
        versions << index->m_firmwareInfo[std::size_t(id)].version;
        firmwareIds.push_back(id);
    }
    const std::vector<quint32> versionRank = ranksByName(versions);
    for (std::size_t i = 0; i < firmwareIds.size(); ++i)
        index->m_firmwareInfo[std::size_t(firmwareIds[i])].naturalRank = versionRank[i];

    if (!query.exec(QStringLiteral("SELECT count(*) FROM devices")) || !query.next())
        return database.error(query.lastError(), Tr::tr("count the devices"));
    const std::size_t expected = std::size_t(query.value(0).toLongLong());
    index->m_storageId.reserve(expected);
    index->m_idOffset.reserve(expected + 1);
    index->m_idChars.reserve(qsizetype(expected * 15));
    for (auto *column : {&index->m_model, &index->m_region})
        column->reserve(expected);
    for (auto *column : {&index->m_patchLevel, &index->m_patchApplied})
        column->reserve(expected);
    index->m_firmware.reserve(expected);
    index->m_lastCheckIn.reserve(expected);
    index->m_updateState.reserve(expected);
    index->m_exceptions.reserve(expected);

    index->m_idOffset.push_back(0);
    ServiceError badRow;
    const Status scanned = DeviceScan::scan(database, [&](const StoredDevice &row) {
        if (row.model <= 0 || std::size_t(row.model) >= index->m_models.size()
            || index->m_models[std::size_t(row.model)].catalogIndex < 0 || row.region <= 0
            || std::size_t(row.region) >= index->m_regionIndex.size()
            || index->m_regionIndex[std::size_t(row.region)] < 0 || row.firmware <= 0
            || std::size_t(row.firmware) >= index->m_firmwareInfo.size()) {
            badRow = ServiceError::make(ServiceError::Code::StorageCorrupt,
                                        Tr::tr("The database '%1' has a device (%2) that refers to "
                                               "an unknown model, region or firmware.")
                                            .arg(database.path(), QString::fromUtf8(row.deviceId)),
                                        Tr::tr("The file is damaged; restore it from a backup."));
            return false;
        }
        index->m_storageId.push_back(row.id);
        index->m_idChars.append(row.deviceId);
        index->m_idOffset.push_back(quint32(index->m_idChars.size()));
        index->m_model.push_back(quint16(row.model));
        index->m_region.push_back(quint16(row.region));
        index->m_firmware.push_back(quint32(row.firmware));
        index->m_patchLevel.push_back(qint32(row.patchLevel));
        index->m_patchApplied.push_back(qint32(row.patchApplied));
        index->m_lastCheckIn.push_back(quint32(qMax<qint64>(0, row.lastCheckIn)));
        index->m_updateState.push_back(quint8(qBound(0, row.updateState, UpdateStateCount - 1)));
        index->m_exceptions.push_back(quint8(row.exceptions & (Rooted | Ported)));
        return true;
    }, cancelled);
    if (!scanned)
        return scanned.error();
    if (badRow.isError())
        return badRow;
    index->m_catalog.deviceCount = index->size();
    return std::shared_ptr<const FleetIndex>(std::move(index));
}

QByteArrayView FleetIndex::deviceIdAt(quint32 row) const
{
    const quint32 begin = m_idOffset[row];
    return QByteArrayView(m_idChars.constData() + begin, qsizetype(m_idOffset[row + 1] - begin));
}

int FleetIndex::rowOfStorageId(qint64 id) const
{
    const auto it = std::find(m_storageId.begin(), m_storageId.end(), id);
    return it == m_storageId.end() ? -1 : int(it - m_storageId.begin());
}

FleetIndex::Predicate FleetIndex::predicate(const DeviceFilter &filter, QDate today,
                                            int endingSoonDays, const Restriction *only) const
{
    Predicate p;
    p.only = only;
    p.modelOk.assign(m_models.size(), 0);
    for (const DeviceModel &model : m_catalog.models) {
        bool ok = (!filter.manufacturerId || model.manufacturerId == filter.manufacturerId)
            && (!filter.modelId || model.id == filter.modelId);
        if (ok && !filter.supportStatuses.isEmpty()) {
            const SupportStatus status =
                Compliance::supportStatus(model.supportEnd(), today, endingSoonDays);
            ok = filter.supportStatuses.contains(status);
        }
        p.modelOk[std::size_t(model.id)] = ok;
    }
    p.regionId = filter.regionId;
    const qint64 todayDays = EpochDay::fromDate(today);
    auto clampDays = [](qint64 days) {
        return qint32(qBound(qint64(std::numeric_limits<qint32>::min()), days,
                             qint64(std::numeric_limits<qint32>::max())));
    };
    if (!filter.patchLevelBefore.isNull())
        p.patchMax = std::min(p.patchMax, clampDays(EpochDay::fromDate(filter.patchLevelBefore) - 1));
    if (!filter.patchLevelAfter.isNull())
        p.patchMin = std::max(p.patchMin, clampDays(EpochDay::fromDate(filter.patchLevelAfter) + 1));
    // Patch age = today - patch level, clamped at 0 for a level in the future.
    if (filter.patchAgeMin && *filter.patchAgeMin > 0)
        p.patchMax = std::min(p.patchMax, clampDays(todayDays - *filter.patchAgeMin));
    if (filter.patchAgeMax)
        p.patchMin = std::max(p.patchMin, clampDays(todayDays - *filter.patchAgeMax));
    p.updateState = filter.updateState ? int(*filter.updateState) : -1;
    p.exceptions = filter.exceptions;

    p.rowBegin = 0;
    p.rowEnd = quint32(size());
    if (!filter.deviceIdPrefix.isEmpty()) {
        // Rows are in device-ID order (SQLite's BINARY collation: bytes of the UTF-8 text), so
        // a prefix is one row range: from the first ID >= prefix while IDs start with it.
        const QByteArray prefix = filter.deviceIdPrefix.toUtf8();
        const QByteArrayView needle(prefix);
        p.rowBegin = partitionPoint(0, quint32(size()),
                                    [&](quint32 row) { return deviceIdAt(row).compare(needle) < 0; });
        p.rowEnd = partitionPoint(p.rowBegin, quint32(size()),
                                  [&](quint32 row) { return deviceIdAt(row).startsWith(needle); });
    }
    return p;
}

std::vector<quint32> FleetIndex::sortKeys(DeviceField field) const
{
    const std::size_t n = m_storageId.size();
    std::vector<quint32> keys(n);
    // Ranks of names under the locale's collation, so that sorting follows what is displayed.
    auto modelKeys = [&](auto keyOfCatalogIndex) {
        std::vector<quint32> byModel(m_models.size());
        for (std::size_t id = 0; id < m_models.size(); ++id) {
            if (m_models[id].catalogIndex >= 0)
                byModel[id] = keyOfCatalogIndex(m_models[id]);
        }
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = byModel[m_model[i]];
    };
    auto days = [](qint32 d) { return quint32(qint64(d) - std::numeric_limits<qint32>::min()); };
    switch (field) {
    case DeviceField::DeviceId:
        std::iota(keys.begin(), keys.end(), 0u);
        break;
    case DeviceField::Manufacturer: {
        QStringList names;
        for (const DeviceModel &model : m_catalog.models)
            names << model.manufacturer;
        const std::vector<quint32> rank = ranksByName(names);
        modelKeys([&](const ModelInfo &m) { return rank[std::size_t(m.catalogIndex)]; });
        break;
    }
    case DeviceField::Model: {
        QStringList names;
        for (const DeviceModel &model : m_catalog.models)
            names << model.name;
        const std::vector<quint32> rank = ranksByName(names);
        modelKeys([&](const ModelInfo &m) { return rank[std::size_t(m.catalogIndex)]; });
        break;
    }
    case DeviceField::Region: {
        QStringList names;
        for (const Region &region : m_catalog.regions)
            names << region.name;
        const std::vector<quint32> rank = ranksByName(names);
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = rank[std::size_t(m_regionIndex[m_region[i]])];
        break;
    }
    case DeviceField::FirmwareVersion:
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = m_firmwareInfo[m_firmware[i]].naturalRank;
        break;
    case DeviceField::PatchLevel:
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = days(m_patchLevel[i]);
        break;
    case DeviceField::PatchAge: // older patch level = larger age
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = ~days(m_patchLevel[i]);
        break;
    case DeviceField::PatchApplied:
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = days(m_patchApplied[i]);
        break;
    case DeviceField::SupportEnd:
        modelKeys([&](const ModelInfo &m) { return days(m.supportEnd); });
        break;
    case DeviceField::SupportStatus: // supported < ending soon < ended: later end first
        modelKeys([&](const ModelInfo &m) { return ~days(m.supportEnd); });
        break;
    case DeviceField::LastCheckIn:
        keys = m_lastCheckIn;
        break;
    case DeviceField::UpdateState:
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = m_updateState[i];
        break;
    case DeviceField::Exceptions:
        for (std::size_t i = 0; i < n; ++i)
            keys[i] = m_exceptions[i];
        break;
    }
    return keys;
}

std::shared_ptr<const FleetIndex::Rows> FleetIndex::ascendingOrder(DeviceField field) const
{
    const int slot = int(field);
    Q_ASSERT(slot >= 0 && slot < DeviceFieldCount);
    QMutexLocker locker(&m_orderMutex);
    if (!m_ascending[std::size_t(slot)])
        m_ascending[std::size_t(slot)] = std::make_shared<const Rows>(stableOrderByKey(sortKeys(field)));
    return m_ascending[std::size_t(slot)];
}

FleetIndex::Restriction FleetIndex::restriction(const std::vector<qint64> &storageIds) const
{
    // One pass over the rows with a binary search each: rows are in device-ID order, which
    // need not be storage-id order.
    std::vector<qint64> sorted = storageIds;
    std::sort(sorted.begin(), sorted.end());
    Restriction only(m_storageId.size(), 0);
    if (sorted.empty())
        return only;
    for (std::size_t row = 0; row < m_storageId.size(); ++row)
        only[row] = std::binary_search(sorted.begin(), sorted.end(), m_storageId[row]) ? 1 : 0;
    return only;
}

FleetIndex::Rows FleetIndex::select(const DeviceQuery &query, const Restriction *only) const
{
    const QDate today = query.referenceDate.isValid() ? query.referenceDate : QDate::currentDate();
    const Predicate p = predicate(query.filter, today, query.endingSoonDays, only);
    Rows result;
    auto collect = [&](auto begin, auto end) {
        for (auto it = begin; it != end; ++it) {
            if (p.matches(*this, *it))
                result.push_back(*it);
        }
    };
    if (query.sort.field == DeviceField::DeviceId) {
        // Device-ID order is row order: only the prefix's row range needs a look.
        result.reserve(p.rowEnd - p.rowBegin);
        for (quint32 i = 0; i < p.rowEnd - p.rowBegin; ++i) {
            const quint32 row = query.sort.order == Qt::AscendingOrder ? p.rowBegin + i : p.rowEnd - 1 - i;
            if (p.matches(*this, row))
                result.push_back(row);
        }
        return result;
    }
    const std::shared_ptr<const Rows> order = ascendingOrder(query.sort.field);
    if (query.filter.isEmpty()) {
        // Nothing to test: the stored order is the answer (a copy of 4 MB for a million rows).
        if (query.sort.order == Qt::AscendingOrder)
            return *order;
        return Rows(order->rbegin(), order->rend());
    }
    result.reserve(order->size() / 4);
    if (query.sort.order == Qt::AscendingOrder)
        collect(order->begin(), order->end());
    else
        collect(order->rbegin(), order->rend());
    return result;
}

ComplianceSummary FleetIndex::compliance(const DeviceFilter &filter,
                                         const CompliancePolicy &policy, QDate today,
                                         const Restriction *only) const
{
    ComplianceSummary summary;
    summary.referenceDate = today;
    summary.policy = policy;
    summary.patchAge = patchAgeBins(policy);
    const Predicate p = predicate(filter, today, policy.endingSoonDays, only);
    const qint64 todayDays = EpochDay::fromDate(today);

    std::vector<int> devicesByModel(m_models.size()), outOfDateByModel(m_models.size());
    // Ages beyond the last bin's lower bound all land in the open-ended last bin.
    std::vector<int> binOfAge(std::size_t(summary.patchAge.back().minDays) + 1);
    for (int bin = 0; bin < summary.patchAge.size(); ++bin) {
        const PatchAgeBin &b = summary.patchAge[bin];
        const int last = b.maxDays < 0 ? int(binOfAge.size()) - 1 : b.maxDays;
        for (int age = b.minDays; age <= last && age < int(binOfAge.size()); ++age)
            binOfAge[std::size_t(age)] = bin;
    }
    for (quint32 row = p.rowBegin; row < p.rowEnd; ++row) {
        if (!p.matches(*this, row))
            continue;
        const qint64 age = std::max<qint64>(0, todayDays - m_patchLevel[row]);
        ++summary.patchAge[binOfAge[std::size_t(std::min<qint64>(age, qint64(binOfAge.size()) - 1))]].devices;
        ++devicesByModel[m_model[row]];
        if (age > policy.outOfDateDays)
            ++outOfDateByModel[m_model[row]];
        ++summary.devices;
    }
    for (const DeviceModel &model : m_catalog.models) {
        const int devices = devicesByModel[std::size_t(model.id)];
        if (devices == 0)
            continue;
        ModelCompliance entry;
        entry.modelId = model.id;
        entry.manufacturer = model.manufacturer;
        entry.model = model.name;
        entry.supportEnd = model.supportEnd();
        entry.supportStatus = Compliance::supportStatus(entry.supportEnd, today, policy.endingSoonDays);
        entry.devices = devices;
        entry.outOfDate = outOfDateByModel[std::size_t(model.id)];
        summary.bySupportStatus[int(entry.supportStatus)] += devices;
        summary.models.append(entry);
    }
    // SSU-SEC-0021: the most popular models first.
    std::stable_sort(summary.models.begin(), summary.models.end(),
                     [](const ModelCompliance &a, const ModelCompliance &b) { return a.devices > b.devices; });
    return summary;
}

Device FleetIndex::device(quint32 row, QDate today, int endingSoonDays) const
{
    Device d;
    d.id = m_storageId[row];
    d.deviceId = QString::fromUtf8(deviceIdAt(row));
    const ModelInfo &modelInfo = m_models[m_model[row]];
    const DeviceModel &model = m_catalog.models[modelInfo.catalogIndex];
    d.modelId = model.id;
    d.manufacturer = model.manufacturer;
    d.model = model.name;
    const Region &region = m_catalog.regions[m_regionIndex[m_region[row]]];
    d.regionId = region.id;
    d.region = region.name;
    const FirmwareInfo &firmware = m_firmwareInfo[m_firmware[row]];
    d.firmwareVersion = firmware.version;
    d.firmwareSequence = firmware.sequence;
    d.patchLevel = EpochDay::toDate(m_patchLevel[row]);
    d.patchApplied = EpochDay::toDate(m_patchApplied[row]);
    d.supportEnd = EpochDay::toDate(modelInfo.supportEnd);
    d.lastCheckIn = QDateTime::fromSecsSinceEpoch(m_lastCheckIn[row], Qt::UTC);
    d.updateState = UpdateState(m_updateState[row]);
    d.exceptions = m_exceptions[row];
    d.patchAgeDays = Compliance::patchAgeDays(d.patchLevel, today);
    d.supportStatus = Compliance::supportStatus(d.supportEnd, today, endingSoonDays);
    return d;
}

} // namespace Patchboard
