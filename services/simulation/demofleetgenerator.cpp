// SPDX-License-Identifier: Apache-2.0
#include "demofleetgenerator.h"
#include "democatalog.h"
#include "storage/database.h"
#include "storage/epochday.h"
#include "domain/device.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <vector>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::DemoFleetGenerator)
};

struct Firmware
{
    qint64 id;
    qint64 patchLevel; // epoch days
    qint64 released;   // epoch days
};

struct ModelPlan
{
    int id;
    const DemoCatalog::ModelSpec *spec;
    std::vector<Firmware> firmware; // oldest first
    qint64 nextSerial;
};

struct DeviceRow
{
    QByteArray deviceId;
    int model;
    int region;
    qint64 firmware;
    qint64 patchLevel;
    qint64 patchApplied;
    qint64 lastCheckIn;
    int updateState;
    int exceptions;
};

// Picks an index from cumulative weights (the last element is the total).
int pick(QRandomGenerator &rng, const std::vector<double> &cumulative)
{
    const double x = rng.generateDouble() * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
    return int(std::min<std::ptrdiff_t>(it - cumulative.begin(), cumulative.size() - 1));
}

// SUIT identifies vendors and device classes by UUID (RFC 9124 section 4.3: UUID v5).
QString uuidHex(const QString &name)
{
    static const QUuid ns = QUuid::createUuidV5(QUuid(), QStringLiteral("patchboard.demo"));
    return QString::fromLatin1(QUuid::createUuidV5(ns, name).toRfc4122().toHex());
}

QByteArray deviceIdFor(ModelPlan &plan)
{
    const qint64 serial = plan.nextSerial++;
    const QByteArray prefix(plan.spec->tac);
    if (!prefix.startsWith("HLX")) {
        // IMEI: 8-digit TAC, 6-digit serial, Luhn check digit. A model with more than a million
        // devices gets further TACs, as real models do.
        const qint64 tac = prefix.toLongLong() + (serial / 1000000) * 100;
        QString body = QString::number(tac) + QString::number(serial % 1000000).rightJustified(6, QLatin1Char('0'));
        body += QString::number(DemoCatalog::luhnCheckDigit(body));
        return body.toLatin1();
    }
    return prefix + '-' + QByteArray::number(serial).rightJustified(8, '0');
}

} // namespace

DemoFleetGenerator::DemoFleetGenerator(const DemoFleetOptions &options)
    : m_options(options)
{
    if (!m_options.referenceDate.isValid())
        m_options.referenceDate = QDate::currentDate();
}

Status DemoFleetGenerator::generate(Database &database, const Progress &progress) const
{
    using Code = ServiceError::Code;
    if (m_options.devices < 0 || m_options.devices > MaxDevices) {
        return ServiceError::make(Code::InvalidArgument,
                                  Tr::tr("A demo fleet has between 0 and %1 devices, not %2.")
                                      .arg(MaxDevices)
                                      .arg(m_options.devices));
    }
    QSqlDatabase db = database.connection();
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT (SELECT count(*) FROM devices) + (SELECT count(*) FROM device_models)"))
        || !query.next())
        return database.error(query.lastError(), Tr::tr("check that the database is empty"));
    if (query.value(0).toLongLong() != 0) {
        return ServiceError::make(Code::InvalidArgument,
                                  Tr::tr("The database '%1' already holds a fleet; a demo fleet is "
                                         "only generated into an empty database.")
                                      .arg(database.path()));
    }
    query.finish();

    const quint32 seedWords[2] = {quint32(m_options.seed), quint32(m_options.seed >> 32)};
    QRandomGenerator rng(seedWords, 2);
    const QDate today = m_options.referenceDate;
    const qint64 todayDays = EpochDay::fromDate(today);

    if (!db.transaction())
        return database.error(db.lastError(), Tr::tr("start writing the demo fleet"));
    auto fail = [&](const QSqlQuery &failed, const QString &what) {
        const ServiceError error = database.error(failed.lastError(), what);
        db.rollback();
        return error;
    };

    // Catalog: manufacturers, models, regions, firmware builds.
    QList<QString> manufacturers;
    std::vector<ModelPlan> plans;
    QSqlQuery insertModel(db);
    insertModel.prepare(QStringLiteral(
        "INSERT INTO device_models (id, manufacturer_id, name, launch_date, support_months, "
        "class_id) VALUES (?, ?, ?, ?, ?, ?)"));
    QSqlQuery insertManufacturer(db);
    insertManufacturer.prepare(QStringLiteral("INSERT INTO manufacturers (id, name) VALUES (?, ?)"));
    QSqlQuery insertFirmware(db);
    insertFirmware.prepare(QStringLiteral(
        "INSERT INTO firmware_versions (id, model_id, version, sequence, patch_level, released) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    qint64 firmwareId = 0;
    const auto &specs = DemoCatalog::models();
    for (const DemoCatalog::ModelSpec &spec : specs) {
        const QString maker = QString::fromUtf8(spec.manufacturer);
        if (!manufacturers.contains(maker)) {
            manufacturers << maker;
            insertManufacturer.addBindValue(manufacturers.size());
            insertManufacturer.addBindValue(maker);
            if (!insertManufacturer.exec())
                return fail(insertManufacturer, Tr::tr("write a manufacturer"));
        }
        ModelPlan plan{int(plans.size()) + 1, &spec, {}, rng.bounded(0, 90000)};
        const QString name = QString::fromUtf8(spec.name);
        const QDate launch = QDate(today.year(), today.month(), 1).addMonths(-spec.launchMonthsAgo);
        insertModel.addBindValue(plan.id);
        insertModel.addBindValue(manufacturers.indexOf(maker) + 1);
        insertModel.addBindValue(name);
        insertModel.addBindValue(EpochDay::fromDate(launch));
        insertModel.addBindValue(spec.supportMonths);
        insertModel.addBindValue(uuidHex(maker + QLatin1Char('/') + name));
        if (!insertModel.exec())
            return fail(insertModel, Tr::tr("write a hardware model"));

        // Security builds every cadenceMonths from launch until support ends (SSU-SEC-0020),
        // each with the next sequence number and an Android-style -01 or -05 patch level.
        const QDate supportEnd = launch.addMonths(spec.supportMonths);
        int sequence = 0;
        for (QDate month = launch; month < supportEnd && month <= today;
             month = month.addMonths(spec.cadenceMonths)) {
            const QDate level(month.year(), month.month(), rng.bounded(100) < 60 ? 5 : 1);
            const QDate released = level.addDays(rng.bounded(5, 26));
            if (released > today)
                break;
            ++sequence;
            const Firmware build{++firmwareId, EpochDay::fromDate(level), EpochDay::fromDate(released)};
            const int monthsIn = int(launch.daysTo(month) / 30);
            insertFirmware.addBindValue(build.id);
            insertFirmware.addBindValue(plan.id);
            insertFirmware.addBindValue(QStringLiteral("%1.%2.%3").arg(1 + monthsIn / 12).arg(monthsIn % 12).arg(100 + sequence));
            insertFirmware.addBindValue(sequence);
            insertFirmware.addBindValue(build.patchLevel);
            insertFirmware.addBindValue(build.released);
            if (!insertFirmware.exec())
                return fail(insertFirmware, Tr::tr("write a firmware build"));
            plan.firmware.push_back(build);
        }
        plans.push_back(std::move(plan));
    }
    QSqlQuery insertRegion(db);
    insertRegion.prepare(QStringLiteral("INSERT INTO regions (id, code, name, time_zone) VALUES (?, ?, ?, ?)"));
    std::vector<double> regionWeights;
    for (const DemoCatalog::RegionSpec &region : DemoCatalog::regions()) {
        insertRegion.addBindValue(int(regionWeights.size()) + 1);
        insertRegion.addBindValue(QString::fromLatin1(region.code));
        insertRegion.addBindValue(QString::fromUtf8(region.name));
        insertRegion.addBindValue(QString::fromLatin1(region.timeZone));
        if (!insertRegion.exec())
            return fail(insertRegion, Tr::tr("write a region"));
        regionWeights.push_back((regionWeights.empty() ? 0.0 : regionWeights.back()) + region.weight);
    }

    // Popularity: a Zipf-like share over a seeded ranking of the models that have shipped,
    // damped for models whose support has ended (owners replace them) and for very new ones.
    std::vector<int> ranking;
    for (const ModelPlan &plan : plans) {
        if (!plan.firmware.empty())
            ranking.push_back(plan.id - 1);
    }
    for (std::size_t i = ranking.size(); i > 1; --i)
        std::swap(ranking[i - 1], ranking[rng.bounded(quint32(i))]);
    std::vector<double> modelWeights;
    for (std::size_t rank = 0; rank < ranking.size(); ++rank) {
        const DemoCatalog::ModelSpec &spec = *plans[std::size_t(ranking[rank])].spec;
        const int monthsLeft = spec.supportMonths - spec.launchMonthsAgo;
        const double lifecycle = monthsLeft <= 0 ? 0.2 : spec.launchMonthsAgo < 6 ? 0.5 : 1.0;
        modelWeights.push_back((modelWeights.empty() ? 0.0 : modelWeights.back())
                               + lifecycle / std::pow(rank + 1.0, 0.85));
    }

    const int total = ranking.empty() ? 0 : m_options.devices;
    std::vector<DeviceRow> rows;
    rows.reserve(std::size_t(total));
    const qint64 noon = today.startOfDay(Qt::UTC).toSecsSinceEpoch() + 12 * 3600;
    for (int i = 0; i < total; ++i) {
        ModelPlan &plan = plans[std::size_t(ranking[std::size_t(pick(rng, modelWeights))])];
        DeviceRow row;
        row.deviceId = deviceIdFor(plan);
        row.model = plan.id;
        row.region = pick(rng, regionWeights) + 1;
        // Most devices run the latest build or one behind; a long tail lags far behind.
        const int roll = rng.bounded(100);
        const int lag = roll < 45 ? 0 : roll < 65 ? 1 : roll < 75 ? 2 : roll < 90 ? rng.bounded(3, 7) : rng.bounded(7, 25);
        const Firmware &build = plan.firmware[std::size_t(std::max<int>(0, int(plan.firmware.size()) - 1 - lag))];
        row.firmware = build.id;
        row.patchLevel = build.patchLevel;
        row.patchApplied = std::min(todayDays, build.released + rng.bounded(0, lag == 0 ? 15 : 40));
        const int checkin = rng.bounded(100);
        const qint64 ago = checkin < 80 ? rng.bounded(0, 2 * 86400) : checkin < 95 ? rng.bounded(2 * 86400, 30 * 86400) : rng.bounded(30 * 86400, 180 * 86400);
        row.lastCheckIn = noon - ago;
        const int state = rng.bounded(1000);
        row.updateState = state < 930 ? 0 : state < 950 ? 6 : state < 960 ? 7 : state < 975 ? 8 : state < 985 ? 1 : state < 992 ? 2 : state < 996 ? 4 : 3;
        const int exception = rng.bounded(1000);
        row.exceptions = exception < 20 ? Rooted : exception < 35 ? Ported : exception < 37 ? Rooted | Ported : 0;
        rows.push_back(std::move(row));
        if (progress && i % 50000 == 0 && !progress(i / 2, total)) {
            db.rollback();
            return ServiceError::make(Code::Cancelled,
                                      Tr::tr("Generating the demo fleet was cancelled."));
        }
    }
    // Insert in device-ID order: the primary key then follows the ID, which keeps the unique
    // index append-only while writing and lets readers load the fleet already sorted.
    std::sort(rows.begin(), rows.end(), [](const DeviceRow &a, const DeviceRow &b) { return a.deviceId < b.deviceId; });

    QSqlQuery insertDevice(db);
    insertDevice.prepare(QStringLiteral(
        "INSERT INTO devices (id, device_id, model_id, region_id, firmware_id, patch_level, "
        "patch_applied, last_checkin, update_state, exception_flags) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (int i = 0; i < total; ++i) {
        const DeviceRow &row = rows[std::size_t(i)];
        insertDevice.bindValue(0, i + 1);
        insertDevice.bindValue(1, QString::fromLatin1(row.deviceId));
        insertDevice.bindValue(2, row.model);
        insertDevice.bindValue(3, row.region);
        insertDevice.bindValue(4, row.firmware);
        insertDevice.bindValue(5, row.patchLevel);
        insertDevice.bindValue(6, row.patchApplied);
        insertDevice.bindValue(7, row.lastCheckIn);
        insertDevice.bindValue(8, row.updateState);
        insertDevice.bindValue(9, row.exceptions);
        if (!insertDevice.exec())
            return fail(insertDevice, Tr::tr("write a device"));
        if (progress && i % 20000 == 0 && !progress(total / 2 + i / 2, total)) {
            db.rollback();
            return ServiceError::make(Code::Cancelled,
                                      Tr::tr("Generating the demo fleet was cancelled."));
        }
    }
    QSqlQuery setting(db);
    setting.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                                   "DO UPDATE SET value = excluded.value"));
    setting.addBindValue(QStringLiteral("demo_fleet"));
    setting.addBindValue(QStringLiteral("devices=%1 seed=%2 date=%3").arg(total).arg(m_options.seed).arg(today.toString(Qt::ISODate)));
    if (!setting.exec())
        return fail(setting, Tr::tr("record the demo fleet"));
    if (!db.commit())
        return database.error(db.lastError(), Tr::tr("save the demo fleet"));
    if (progress)
        progress(total, total);
    return Done{};
}

} // namespace Patchboard
