// SPDX-License-Identifier: Apache-2.0
#include "devicesql.h"
#include "database.h"
#include "epochday.h"

#include "domain/compliance.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Patchboard {

namespace {
// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::DeviceSql)
};
} // namespace

DeviceSql::DeviceSql(const FleetCatalog &catalog)
    : m_catalog(catalog)
{
    for (int i = 0; i < m_catalog.models.size(); ++i)
        m_modelIndex.insert(m_catalog.models[i].id, i);
    for (int i = 0; i < m_catalog.regions.size(); ++i)
        m_regionIndex.insert(m_catalog.regions[i].id, i);
}

Result<FleetCatalog> DeviceSql::readCatalog(Database &database)
{
    FleetCatalog catalog;
    QSqlQuery query(database.connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT id, name FROM manufacturers ORDER BY id")))
        return database.error(query.lastError(), Tr::tr("read the manufacturers"));
    while (query.next())
        catalog.manufacturers.append({query.value(0).toInt(), query.value(1).toString()});

    if (!query.exec(QStringLiteral(
            "SELECT m.id, m.manufacturer_id, f.name, m.name, m.launch_date, m.support_months, "
            "m.class_id FROM device_models m JOIN manufacturers f ON f.id = m.manufacturer_id "
            "ORDER BY m.id")))
        return database.error(query.lastError(), Tr::tr("read the hardware models"));
    while (query.next()) {
        DeviceModel model;
        model.id = query.value(0).toInt();
        model.manufacturerId = query.value(1).toInt();
        model.manufacturer = query.value(2).toString();
        model.name = query.value(3).toString();
        model.launchDate = EpochDay::toDate(query.value(4).toLongLong());
        model.supportMonths = query.value(5).toInt();
        model.classId = query.value(6).toString();
        catalog.models.append(model);
    }

    if (!query.exec(QStringLiteral("SELECT id, code, name, time_zone FROM regions ORDER BY id")))
        return database.error(query.lastError(), Tr::tr("read the regions"));
    while (query.next()) {
        catalog.regions.append({query.value(0).toInt(), query.value(1).toString(),
                                query.value(2).toString(), query.value(3).toString()});
    }
    return catalog;
}

QString DeviceSql::columns()
{
    return QStringLiteral(
        "SELECT d.id, d.device_id, d.model_id, d.region_id, v.version, v.sequence, "
        "d.patch_level, d.patch_applied, d.last_checkin, d.update_state, "
        "d.exception_flags FROM devices d "
        "JOIN device_models m ON m.id = d.model_id "
        "JOIN manufacturers f ON f.id = m.manufacturer_id "
        "JOIN regions r ON r.id = d.region_id "
        "JOIN firmware_versions v ON v.id = d.firmware_id");
}

DeviceSql::Statement DeviceSql::byId(qint64 id) const
{
    return {columns() + QStringLiteral(" WHERE d.id = ?"), {id}};
}

Device DeviceSql::read(const QSqlQuery &row, QDate today, int endingSoonDays) const
{
    Device d;
    d.id = row.value(0).toLongLong();
    d.deviceId = row.value(1).toString();
    d.modelId = row.value(2).toInt();
    if (const int i = m_modelIndex.value(d.modelId, -1); i >= 0) {
        const DeviceModel &model = m_catalog.models[i];
        d.manufacturer = model.manufacturer;
        d.model = model.name;
        d.supportEnd = model.supportEnd();
    }
    d.regionId = row.value(3).toInt();
    if (const int i = m_regionIndex.value(d.regionId, -1); i >= 0)
        d.region = m_catalog.regions[i].name;
    d.firmwareVersion = row.value(4).toString();
    d.firmwareSequence = row.value(5).toLongLong();
    d.patchLevel = EpochDay::toDate(row.value(6).toLongLong());
    d.patchApplied = EpochDay::toDate(row.value(7).toLongLong());
    d.lastCheckIn = QDateTime::fromSecsSinceEpoch(row.value(8).toLongLong(), Qt::UTC);
    d.updateState = UpdateState(qBound(0, row.value(9).toInt(), UpdateStateCount - 1));
    d.exceptions = quint8(row.value(10).toInt() & (Rooted | Ported));
    d.patchAgeDays = Compliance::patchAgeDays(d.patchLevel, today);
    d.supportStatus = Compliance::supportStatus(d.supportEnd, today, endingSoonDays);
    return d;
}

QString DeviceSql::where(const DeviceQuery &query, QVariantList &values) const
{
    const DeviceFilter &filter = query.filter;
    const QDate today = query.referenceDate.isValid() ? query.referenceDate : QDate::currentDate();
    QStringList terms;

    // Manufacturer, model and support status are properties of the hardware model: resolve them
    // to the set of model ids here, which keeps the statement a simple IN list.
    if (filter.manufacturerId || filter.modelId || !filter.supportStatuses.isEmpty()) {
        QStringList ids;
        for (const DeviceModel &model : m_catalog.models) {
            if (filter.manufacturerId && model.manufacturerId != filter.manufacturerId)
                continue;
            if (filter.modelId && model.id != filter.modelId)
                continue;
            if (!filter.supportStatuses.isEmpty()
                && !filter.supportStatuses.contains(
                    Compliance::supportStatus(model.supportEnd(), today, query.endingSoonDays)))
                continue;
            ids << QString::number(model.id);
        }
        terms << (ids.isEmpty() ? QStringLiteral("0") : QStringLiteral("d.model_id IN (%1)").arg(ids.join(QLatin1Char(','))));
    }
    if (filter.regionId) {
        terms << QStringLiteral("d.region_id = ?");
        values << filter.regionId;
    }
    const qint64 todayDays = EpochDay::fromDate(today);
    if (!filter.patchLevelBefore.isNull()) {
        terms << QStringLiteral("d.patch_level < ?");
        values << EpochDay::fromDate(filter.patchLevelBefore);
    }
    if (!filter.patchLevelAfter.isNull()) {
        terms << QStringLiteral("d.patch_level > ?");
        values << EpochDay::fromDate(filter.patchLevelAfter);
    }
    if (filter.patchAgeMin && *filter.patchAgeMin > 0) {
        terms << QStringLiteral("d.patch_level <= ?");
        values << todayDays - *filter.patchAgeMin;
    }
    if (filter.patchAgeMax) {
        terms << QStringLiteral("d.patch_level >= ?");
        values << todayDays - *filter.patchAgeMax;
    }
    if (filter.updateState) {
        terms << QStringLiteral("d.update_state = ?");
        values << int(*filter.updateState);
    }
    switch (filter.exceptions) {
    case ExceptionFilter::Any:
        break;
    case ExceptionFilter::None:
        terms << QStringLiteral("d.exception_flags = 0");
        break;
    case ExceptionFilter::Rooted:
        terms << QStringLiteral("(d.exception_flags & %1) != 0").arg(int(Rooted));
        break;
    case ExceptionFilter::Ported:
        terms << QStringLiteral("(d.exception_flags & %1) != 0").arg(int(Ported));
        break;
    case ExceptionFilter::AnyException:
        terms << QStringLiteral("d.exception_flags != 0");
        break;
    }
    if (!filter.deviceIdPrefix.isEmpty()) {
        // A range the unique index can use, then an exact prefix test: no LIKE, no wildcards.
        terms << QStringLiteral("d.device_id >= ? AND substr(d.device_id, 1, ?) = ?");
        values << filter.deviceIdPrefix << int(filter.deviceIdPrefix.size()) << filter.deviceIdPrefix;
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

QString DeviceSql::orderBy(const DeviceSort &sort) const
{
    const QString direction = sort.order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    const QString reverse = sort.order == Qt::AscendingOrder ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QString key;
    switch (sort.field) {
    case DeviceField::DeviceId:
        return QStringLiteral(" ORDER BY d.device_id ") + direction;
    case DeviceField::Manufacturer:
        key = QStringLiteral("f.name ") + direction;
        break;
    case DeviceField::Model:
        key = QStringLiteral("m.name ") + direction;
        break;
    case DeviceField::Region:
        key = QStringLiteral("r.name ") + direction;
        break;
    case DeviceField::FirmwareVersion:
        key = QStringLiteral("v.version ") + direction;
        break;
    case DeviceField::PatchLevel:
        key = QStringLiteral("d.patch_level ") + direction;
        break;
    case DeviceField::PatchAge:
        key = QStringLiteral("d.patch_level ") + reverse;
        break;
    case DeviceField::PatchApplied:
        key = QStringLiteral("d.patch_applied ") + direction;
        break;
    case DeviceField::SupportEnd:
        key = QStringLiteral("m.launch_date + m.support_months * 30.44 ") + direction;
        break;
    case DeviceField::SupportStatus:
        key = QStringLiteral("m.launch_date + m.support_months * 30.44 ") + reverse;
        break;
    case DeviceField::LastCheckIn:
        key = QStringLiteral("d.last_checkin ") + direction;
        break;
    case DeviceField::UpdateState:
        key = QStringLiteral("d.update_state ") + direction;
        break;
    case DeviceField::Exceptions:
        key = QStringLiteral("d.exception_flags ") + direction;
        break;
    }
    return QStringLiteral(" ORDER BY ") + key + QStringLiteral(", d.device_id ") + direction;
}

DeviceSql::Statement DeviceSql::count(const DeviceQuery &query) const
{
    Statement statement;
    statement.sql = QStringLiteral("SELECT count(*) FROM devices d") + where(query, statement.values);
    return statement;
}

DeviceSql::Statement DeviceSql::window(const DeviceQuery &query, int offset, int limit) const
{
    Statement statement;
    statement.sql = columns() + where(query, statement.values) + orderBy(query.sort) + QStringLiteral(" LIMIT ? OFFSET ?");
    statement.values << limit << offset;
    return statement;
}

} // namespace Patchboard
