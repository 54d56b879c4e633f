// SPDX-License-Identifier: Apache-2.0
#include "inventoryvalidator.h"

#include "domain/device.h"
#include "inventoryvalues.h"
#include "storage/epochday.h"

#include <QCoreApplication>

#include <algorithm>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::InventoryValidator)
};

QString folded(const QString &text)
{
    return text.simplified().toCaseFolded();
}

QString shown(QByteArrayView value)
{
    return QString::fromUtf8(value.first(qMin<qsizetype>(value.size(), 80)));
}

} // namespace

InventoryValidator::InventoryValidator(const InventoryCatalog &catalog,
                                       const InventoryMapping &mapping, const QStringList &header,
                                       char separator, QDate today, const QDateTime &now)
    : m_catalog(catalog)
    , m_mapping(mapping)
    , m_header(header)
    , m_separator(separator)
    , m_today(qint32(EpochDay::fromDate(today)))
    , m_latestCheckIn(now.toSecsSinceEpoch() + 86400)
{
    for (int i = 0; i < m_catalog.models.size(); ++i)
        m_modelIndex.insert(m_catalog.models[i].id, i);
    for (int i = 0; i < m_catalog.regions.size(); ++i)
        m_regionIndex.insert(m_catalog.regions[i].id, i);
    for (int i = 0; i < m_catalog.builds.size(); ++i) {
        m_buildIndex.insert(m_catalog.builds[i].id, i);
        m_buildsOfModel[m_catalog.builds[i].modelId].append(i);
    }
    for (QList<int> &builds : m_buildsOfModel) {
        std::sort(builds.begin(), builds.end(), [this](int a, int b) {
            return m_catalog.builds[a].sequence > m_catalog.builds[b].sequence;
        });
    }
}

QString InventoryValidator::modelName(int modelId) const
{
    const int i = m_modelIndex.value(modelId, -1);
    return i < 0 ? QString() : m_catalog.models[i].name;
}

QString InventoryValidator::regionName(int regionId) const
{
    const int i = m_regionIndex.value(regionId, -1);
    return i < 0 ? QString()
                 : Tr::tr("%1 (%2)", "region name (code)")
                       .arg(m_catalog.regions[i].name, m_catalog.regions[i].code);
}

QString InventoryValidator::buildName(qint64 buildId) const
{
    const InventoryCatalog::Build *found = build(buildId);
    return found ? found->version : QString();
}

const InventoryCatalog::Build *InventoryValidator::build(qint64 id) const
{
    const int i = m_buildIndex.value(id, -1);
    return i < 0 ? nullptr : &m_catalog.builds[i];
}

int InventoryValidator::resolveModel(QByteArrayView model, QByteArrayView manufacturer)
{
    QByteArray key = model.toByteArray();
    key += '\x1f';
    key += manufacturer;
    if (const auto it = m_modelCache.constFind(key); it != m_modelCache.cend())
        return it.value();
    // "Acme One", "Acme Acme One" (manufacturer and model) or "One" with "Acme" in the
    // manufacturer column; the manufacturer column also tells apart models of the same name.
    const QString name = folded(QString::fromUtf8(model));
    const QString maker = folded(QString::fromUtf8(manufacturer));
    QList<const InventoryCatalog::Model *> candidates;
    for (const InventoryCatalog::Model &m : std::as_const(m_catalog.models)) {
        const QString modelName = folded(m.name);
        if (modelName == name || folded(m.manufacturer) + QLatin1Char(' ') + modelName == name
            || (!maker.isEmpty() && modelName == maker + QLatin1Char(' ') + name))
            candidates.append(&m);
    }
    if (candidates.size() > 1 && !maker.isEmpty()) {
        QList<const InventoryCatalog::Model *> byMaker;
        for (const InventoryCatalog::Model *m : std::as_const(candidates)) {
            if (folded(m->manufacturer) == maker)
                byMaker.append(m);
        }
        if (!byMaker.isEmpty())
            candidates = byMaker;
    }
    const int id = candidates.size() == 1 ? candidates.front()->id : candidates.isEmpty() ? -1 : -2;
    m_modelCache.insert(key, id);
    return id;
}

int InventoryValidator::resolveRegion(QByteArrayView region)
{
    const QByteArray key = region.toByteArray();
    if (const auto it = m_regionCache.constFind(key); it != m_regionCache.cend())
        return it.value();
    const QString wanted = folded(QString::fromUtf8(region));
    int id = -1;
    for (const InventoryCatalog::Region &r : std::as_const(m_catalog.regions)) {
        if (folded(r.code) == wanted || folded(r.name) == wanted) {
            id = r.id;
            break;
        }
    }
    m_regionCache.insert(key, id);
    return id;
}

qint64 InventoryValidator::resolveBuild(int modelId, QByteArrayView version)
{
    QByteArray key = QByteArray::number(modelId);
    key += '\x1f';
    key += version;
    if (const auto it = m_buildCache.constFind(key); it != m_buildCache.cend())
        return it.value();
    const QString wanted = QString::fromUtf8(version);
    qint64 id = -1;
    const QList<int> builds = m_buildsOfModel.value(modelId);
    for (Qt::CaseSensitivity cs : {Qt::CaseSensitive, Qt::CaseInsensitive}) {
        for (int i : builds) {
            if (id < 0 && m_catalog.builds[i].version.compare(wanted, cs) == 0)
                id = m_catalog.builds[i].id;
        }
    }
    m_buildCache.insert(key, id);
    return id;
}

qint64 InventoryValidator::buildForLevel(int modelId, qint32 patchLevel)
{
    const qint64 key = (qint64(modelId) << 32) | quint32(patchLevel);
    if (const auto it = m_levelCache.constFind(key); it != m_levelCache.cend())
        return it.value();
    qint64 id = -1;
    for (int i : m_buildsOfModel.value(modelId)) {
        if (EpochDay::fromDate(m_catalog.builds[i].patchLevel) <= patchLevel) {
            id = m_catalog.builds[i].id;
            break;
        }
    }
    m_levelCache.insert(key, id);
    return id;
}

bool InventoryValidator::check(const QByteArrayView *fields, int count, qint64 line,
                               InventoryRecord &record, QList<InventoryProblem> &problems)
{
    using Kind = InventoryProblemKind;
    using namespace InventoryValues;
    const qsizetype before = problems.size();
    record = InventoryRecord();
    auto cell = [&](InventoryField field) {
        const int column = m_mapping.column(field);
        return column >= 0 && column < count ? trimmed(fields[column]) : QByteArrayView();
    };
    auto report
        = [&](InventoryField field, Kind kind, QByteArrayView value, const QString &reason) {
              InventoryProblem problem;
              problem.line = line;
              problem.field = int(field);
              problem.column = m_header.value(m_mapping.column(field));
              problem.value = shown(value);
              problem.kind = kind;
              problem.reason = reason;
              problems.append(problem);
          };

    // A value with the separator in it and no quotes around it shifts every value after it.
    if (count > m_header.size()) {
        for (int extra = int(m_header.size()); extra < count; ++extra) {
            if (!trimmed(fields[extra]).isEmpty()) {
                InventoryProblem problem;
                problem.line = line;
                problem.kind = Kind::FieldCount;
                problem.value = shown(fields[extra]);
                problem.reason
                    = Tr::tr("The row has %1 values, the header %2 columns: a value "
                             "with a %3 in it must be in double quotes.")
                          .arg(count)
                          .arg(m_header.size())
                          .arg(QString(QLatin1Char(m_separator == '\t' ? ' ' : m_separator)));
                problems.append(problem);
                return false;
            }
        }
    }
    bool textOk[InventoryFieldCount];
    for (InventoryField field : InventoryMapping::allFields()) {
        const QByteArrayView value = cell(field);
        textOk[int(field)] = value.isValidUtf8();
        if (!textOk[int(field)])
            report(field, Kind::BadText, value,
                   Tr::tr("The value is not UTF-8 text; save the file as UTF-8 and import it "
                          "again."));
    }
    auto required = [&](InventoryField field) {
        const QByteArrayView value = cell(field);
        if (value.isEmpty() && textOk[int(field)])
            report(field, Kind::MissingValue, value,
                   Tr::tr("The %1 is empty.").arg(InventoryMapping::fieldName(field)));
        return textOk[int(field)] ? value : QByteArrayView();
    };

    if (const QByteArrayView id = required(InventoryField::DeviceId); !id.isEmpty()) {
        DeviceIdCheck checked = checkDeviceId(id);
        if (checked.problem.isEmpty())
            record.deviceId = std::move(checked.deviceId);
        else
            report(InventoryField::DeviceId,
                   checked.badCheckDigit ? Kind::BadImeiCheckDigit : Kind::BadDeviceId, id,
                   checked.problem);
    }

    if (const QByteArrayView model = required(InventoryField::Model); !model.isEmpty()) {
        const QByteArrayView maker = textOk[int(InventoryField::Manufacturer)]
            ? cell(InventoryField::Manufacturer)
            : QByteArrayView();
        const int id = resolveModel(model, maker);
        if (id > 0)
            record.modelId = id;
        else if (id == -2)
            report(InventoryField::Model, Kind::AmbiguousModel, model,
                   Tr::tr("Several manufacturers make a model named %1; map the manufacturer "
                          "column or write the manufacturer before the model.")
                       .arg(shown(model)));
        else
            report(InventoryField::Model, Kind::UnknownModel, model,
                   Tr::tr("Patchboard knows no hardware model named %1; models are not created "
                          "by an import (they need a launch date and a support period).")
                       .arg(shown(model)));
    }

    if (const QByteArrayView region = required(InventoryField::Region); !region.isEmpty()) {
        const int id = resolveRegion(region);
        if (id > 0)
            record.regionId = id;
        else
            report(InventoryField::Region, Kind::UnknownRegion, region,
                   Tr::tr("Patchboard knows no region with the code or name %1; regions are not "
                          "created by an import (maintenance windows need their time zone).")
                       .arg(shown(region)));
    }

    bool levelOk = true;
    const QByteArrayView level = textOk[int(InventoryField::PatchLevel)]
        ? cell(InventoryField::PatchLevel)
        : QByteArrayView();
    if (!level.isEmpty()) {
        const QDate date = parseDate(level);
        levelOk = false;
        if (!date.isValid())
            report(InventoryField::PatchLevel, Kind::BadDate, level, dateProblem(level, false));
        else if (EpochDay::fromDate(date) > m_today)
            report(InventoryField::PatchLevel, Kind::FutureDate, level,
                   Tr::tr("The patch level %1 is in the future.").arg(shown(level)));
        else {
            record.patchLevel = qint32(EpochDay::fromDate(date));
            levelOk = true;
        }
    }

    const QByteArrayView version = textOk[int(InventoryField::FirmwareVersion)]
        ? cell(InventoryField::FirmwareVersion)
        : QByteArrayView();
    if (record.modelId > 0 && !version.isEmpty()) {
        const qint64 id = resolveBuild(record.modelId, version);
        if (id > 0) {
            record.firmwareId = id;
        } else {
            QStringList known;
            for (int i : m_buildsOfModel.value(record.modelId).mid(0, 5))
                known << m_catalog.builds[i].version;
            report(InventoryField::FirmwareVersion, Kind::UnknownFirmware, version,
                   known.isEmpty()
                       ? Tr::tr("Patchboard knows no firmware build of %1.")
                             .arg(modelName(record.modelId))
                       : Tr::tr("%1 is not a firmware build of %2 that Patchboard knows (the "
                                "newest: %3).")
                             .arg(shown(version), modelName(record.modelId),
                                  known.join(QStringLiteral(", "))));
        }
    } else if (version.isEmpty() && level.isEmpty() && textOk[int(InventoryField::PatchLevel)]
               && textOk[int(InventoryField::FirmwareVersion)]) {
        report(m_mapping.isMapped(InventoryField::PatchLevel) ? InventoryField::PatchLevel
                                                              : InventoryField::FirmwareVersion,
               Kind::MissingValue, level,
               Tr::tr("The row has neither a patch level nor a firmware version."));
    } else if (record.modelId > 0 && version.isEmpty() && levelOk && !level.isEmpty()) {
        // The newest build the device's patch level can come from.
        const qint64 id = buildForLevel(record.modelId, record.patchLevel);
        if (id > 0)
            record.firmwareId = id;
        else
            report(InventoryField::PatchLevel, Kind::UnknownFirmware, level,
                   Tr::tr("No firmware build of %1 that Patchboard knows has the patch level %2 "
                          "or an older one; give the firmware version.")
                       .arg(modelName(record.modelId), shown(level)));
    }
    if (const InventoryCatalog::Build *found = build(record.firmwareId)) {
        if (record.patchLevel == InventoryRecord::NoDay && levelOk)
            record.patchLevel = qint32(EpochDay::fromDate(found->patchLevel));
        const qint64 released = EpochDay::fromDate(found->released);
        record.defaultPatchApplied
            = qint32(qMin<qint64>(m_today, qMax<qint64>(released, record.patchLevel)));
    }

    if (const QByteArrayView applied = textOk[int(InventoryField::PatchApplied)]
            ? cell(InventoryField::PatchApplied)
            : QByteArrayView();
        !applied.isEmpty()) {
        const QDateTime time = parseDateTime(applied);
        if (!time.isValid())
            report(InventoryField::PatchApplied, Kind::BadDate, applied,
                   dateProblem(applied, false));
        else if (EpochDay::fromDate(time.date()) > m_today)
            report(InventoryField::PatchApplied, Kind::FutureDate, applied,
                   Tr::tr("The patch was applied on %1, in the future.").arg(shown(applied)));
        else
            record.patchApplied = qint32(EpochDay::fromDate(time.date()));
    }

    if (const QByteArrayView seen = textOk[int(InventoryField::LastCheckIn)]
            ? cell(InventoryField::LastCheckIn)
            : QByteArrayView();
        !seen.isEmpty()) {
        const QDateTime time = parseDateTime(seen);
        if (!time.isValid())
            report(InventoryField::LastCheckIn, Kind::BadDate, seen, dateProblem(seen, true));
        else if (time.toSecsSinceEpoch() > m_latestCheckIn)
            report(InventoryField::LastCheckIn, Kind::FutureDate, seen,
                   Tr::tr("The last check-in %1 is in the future.").arg(shown(seen)));
        else
            record.lastCheckIn = time.toSecsSinceEpoch();
    }

    int flags = -1;
    if (const QByteArrayView text = textOk[int(InventoryField::Exceptions)]
            ? cell(InventoryField::Exceptions)
            : QByteArrayView();
        !text.isEmpty()) {
        QString unknown;
        flags = parseExceptions(text, &unknown);
        if (flags < 0)
            report(InventoryField::Exceptions, Kind::BadFlag, text,
                   Tr::tr("%1 is not an exception Patchboard knows; write rooted, ported, both "
                          "(rooted|ported) or none.")
                       .arg(unknown));
    }
    for (InventoryField field : {InventoryField::Rooted, InventoryField::Ported}) {
        const QByteArrayView text = textOk[int(field)] ? cell(field) : QByteArrayView();
        const int set = parseFlag(text);
        if (set == -2)
            report(field, Kind::BadFlag, text,
                   Tr::tr("%1 is not yes or no (also true/false, 1/0).").arg(shown(text)));
        else if (set >= 0)
            flags
                = qMax(flags, 0) | (set ? (field == InventoryField::Rooted ? Rooted : Ported) : 0);
    }
    record.exceptions = flags;
    return problems.size() == before;
}

} // namespace Patchboard
