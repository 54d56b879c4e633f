// SPDX-License-Identifier: Apache-2.0
#include "inventorypreviewmodel.h"

#include "deviceformat.h"
#include "storage/epochday.h"

#include <QSet>

#include <algorithm>
#include <vector>

namespace Patchboard {

namespace {

InventoryPreviewModel::Column columnOf(int field)
{
    using C = InventoryPreviewModel::Column;
    switch (InventoryField(field)) {
    case InventoryField::DeviceId:
        return C::DeviceIdColumn;
    case InventoryField::Manufacturer:
    case InventoryField::Model:
        return C::ModelColumn;
    case InventoryField::Region:
        return C::RegionColumn;
    case InventoryField::FirmwareVersion:
        return C::FirmwareColumn;
    case InventoryField::PatchLevel:
        return C::PatchLevelColumn;
    case InventoryField::PatchApplied:
        return C::PatchAppliedColumn;
    case InventoryField::LastCheckIn:
        return C::LastCheckInColumn;
    case InventoryField::Exceptions:
    case InventoryField::Rooted:
    case InventoryField::Ported:
        return C::ExceptionsColumn;
    }
    return C::OutcomeColumn;
}

} // namespace

InventoryPreviewModel::InventoryPreviewModel(QObject *parent) : QAbstractTableModel(parent) { }

void InventoryPreviewModel::setPreview(const InventoryPreview &preview,
                                       const InventoryMapping &mapping, bool updateExisting,
                                       const QDateTime &now)
{
    m_preview = preview;
    m_mapping = mapping;
    m_updateExisting = updateExisting;
    m_now = now;
    rebuild();
}

void InventoryPreviewModel::setMapping(const InventoryMapping &mapping)
{
    m_mapping = mapping;
    rebuild();
}

void InventoryPreviewModel::setUpdateExisting(bool update)
{
    m_updateExisting = update;
    rebuild();
}

void InventoryPreviewModel::clear()
{
    setPreview(InventoryPreview(), InventoryMapping(), m_updateExisting, m_now);
}

int InventoryPreviewModel::badRows() const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &row) { return !row.ok; }));
}

void InventoryPreviewModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    // The mapping may be incomplete while the operator works on it: the preview shows what it
    // can, and the missing required columns as problems of every row.
    InventoryValidator validator(m_preview.catalog, m_mapping, m_preview.header,
                                 m_preview.separator, now.date(), now);
    QSet<QByteArray> seen;
    for (qsizetype r = 0; r < m_preview.rows.size(); ++r) {
        const QStringList &cells = m_preview.rows.at(r);
        QList<QByteArray> utf8;
        for (const QString &cell : cells)
            utf8 << cell.toUtf8();
        std::vector<QByteArrayView> views(utf8.cbegin(), utf8.cend());
        Row row;
        row.line = m_preview.lines.value(r);
        InventoryRecord record;
        QList<InventoryProblem> problems;
        row.ok = validator.check(views.data(), int(views.size()), row.line, record, problems);
        auto raw = [&](InventoryField field) {
            return cells.value(m_mapping.column(field)).trimmed();
        };

        const QString id = QString::fromUtf8(record.deviceId);
        const bool known = !id.isEmpty() && m_preview.knownDeviceIds.contains(id);
        row.text[LineColumn] = DeviceFormat::number(row.line);
        row.text[DeviceIdColumn] = id;
        row.text[ModelColumn] = validator.modelName(record.modelId);
        row.text[RegionColumn] = validator.regionName(record.regionId);
        row.text[FirmwareColumn] = validator.buildName(record.firmwareId);
        if (record.firmwareId > 0 && raw(InventoryField::FirmwareVersion).isEmpty())
            row.text[FirmwareColumn]
                = tr("%1 (from the patch level)").arg(row.text[FirmwareColumn]);
        if (record.patchLevel != InventoryRecord::NoDay)
            row.text[PatchLevelColumn]
                = DeviceFormat::patchLevel(EpochDay::toDate(record.patchLevel));
        const QString kept = tr("(kept)");
        if (record.patchApplied != InventoryRecord::NoDay)
            row.text[PatchAppliedColumn]
                = DeviceFormat::date(EpochDay::toDate(record.patchApplied));
        else if (known)
            row.text[PatchAppliedColumn] = kept;
        else if (record.defaultPatchApplied != InventoryRecord::NoDay)
            row.text[PatchAppliedColumn]
                = tr("%1 (build released)")
                      .arg(DeviceFormat::date(EpochDay::toDate(record.defaultPatchApplied)));
        if (record.lastCheckIn != InventoryRecord::NoTime)
            row.text[LastCheckInColumn] = DeviceFormat::dateTime(
                QDateTime::fromSecsSinceEpoch(record.lastCheckIn, Qt::UTC));
        else
            row.text[LastCheckInColumn] = known ? kept : tr("(time of the import)");
        if (record.exceptions > 0)
            row.text[ExceptionsColumn] = exceptionNames(quint8(record.exceptions));
        else
            row.text[ExceptionsColumn] = record.exceptions == 0 || !known ? tr("none") : kept;

        // Problems of the file as a whole the import finds only with every row: duplicates
        // among the rows shown here, and known devices when they are not to be updated.
        if (!id.isEmpty()) {
            if (seen.contains(record.deviceId)) {
                InventoryProblem p;
                p.field = int(InventoryField::DeviceId);
                p.kind = InventoryProblemKind::Duplicate;
                p.reason = tr("Device %1 is on an earlier line already.").arg(id);
                problems << p;
                row.ok = false;
            } else if (known && !m_updateExisting) {
                InventoryProblem p;
                p.field = int(InventoryField::DeviceId);
                p.kind = InventoryProblemKind::AlreadyInDatabase;
                p.reason = tr("Device %1 is in the database already, and updating known devices "
                              "is not chosen.")
                               .arg(id);
                problems << p;
                row.ok = false;
            }
            seen.insert(record.deviceId);
        }
        QStringList reasons;
        for (const InventoryProblem &p : std::as_const(problems)) {
            const Column column = columnOf(p.field);
            QString &problem = row.problem[column];
            problem += (problem.isEmpty() ? QString() : QStringLiteral("\n")) + p.reason;
            if (column != OutcomeColumn) {
                const QString value
                    = cells.value(m_mapping.column(InventoryField(p.field))).trimmed();
                row.text[column]
                    = DeviceFormat::warningMarker() + (value.isEmpty() ? tr("(empty)") : value);
            }
            reasons << p.reason;
        }
        if (!row.ok) {
            row.text[OutcomeColumn] = DeviceFormat::warningMarker()
                + tr("%n problem(s)", nullptr, int(problems.size()));
            row.problem[OutcomeColumn] = reasons.join(QLatin1Char('\n'));
        } else {
            row.text[OutcomeColumn] = known ? tr("Update") : tr("Add");
        }
        m_rows << row;
    }
    endResetModel();
}

int InventoryPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InventoryPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InventoryPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return row.text[std::size_t(column)];
    case Qt::ToolTipRole:
        return row.problem[std::size_t(column)].isEmpty()
            ? QVariant()
            : QVariant(row.problem[std::size_t(column)]);
    case Qt::ForegroundRole:
        if (!row.problem[std::size_t(column)].isEmpty())
            return DeviceFormat::criticalColor();
        break;
    case Qt::TextAlignmentRole:
        return column == LineColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                    : int(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole:
        return column == LineColumn ? QVariant(row.line) : QVariant(row.text[std::size_t(column)]);
    case ProblemRole:
        return row.problem[std::size_t(column)];
    case RowOkRole:
        return row.ok;
    }
    return {};
}

QVariant InventoryPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        return tr("Line");
    case DeviceIdColumn:
        return tr("Device ID");
    case ModelColumn:
        return tr("Model");
    case RegionColumn:
        return tr("Region");
    case FirmwareColumn:
        return tr("Firmware");
    case PatchLevelColumn:
        return tr("Patch level");
    case PatchAppliedColumn:
        return tr("Patch applied");
    case LastCheckInColumn:
        return tr("Last check-in");
    case ExceptionsColumn:
        return tr("Exceptions");
    case OutcomeColumn:
        return tr("Import");
    }
    return {};
}

} // namespace Patchboard
