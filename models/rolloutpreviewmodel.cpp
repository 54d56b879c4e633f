// SPDX-License-Identifier: Apache-2.0
#include "rolloutpreviewmodel.h"

#include "deviceformat.h"

#include <QFont>

namespace Patchboard {

RolloutPreviewModel::RolloutPreviewModel(QObject *parent) : QAbstractTableModel(parent) { }

void RolloutPreviewModel::setPreview(const RolloutPreview &preview)
{
    beginResetModel();
    m_rows = preview.models;
    // As many wave columns as the plan has waves, even when a model is missing from some.
    m_waves = int(preview.waveSizes.size());
    for (const RolloutPreview::ModelRow &row : std::as_const(m_rows))
        m_waves = qMax(m_waves, int(row.perWave.size()));
    m_total = {};
    m_total.model = tr("All models");
    m_total.devices = preview.targeted;
    m_total.perWave = preview.waveSizes;
    if (m_total.perWave.isEmpty() && !m_rows.isEmpty()) {
        m_total.perWave.fill(0, m_waves);
        for (const RolloutPreview::ModelRow &row : std::as_const(m_rows)) {
            for (qsizetype w = 0; w < row.perWave.size(); ++w)
                m_total.perWave[w] += row.perWave.at(w);
        }
    }
    endResetModel();
}

void RolloutPreviewModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_total = {};
    m_waves = 0;
    endResetModel();
}

int RolloutPreviewModel::rowCount(const QModelIndex &parent) const
{
    // The total row only follows actual model rows.
    return parent.isValid() || m_rows.isEmpty() ? 0 : int(m_rows.size()) + 1;
}

int RolloutPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstWaveColumn + m_waves;
}

QVariant RolloutPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const bool total = index.row() == m_rows.size();
    const RolloutPreview::ModelRow &row = total ? m_total : m_rows.at(index.row());
    const int column = index.column();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        if (column == ModelColumn)
            return row.model;
        const int value
            = column == DevicesColumn ? row.devices : row.perWave.value(column - FirstWaveColumn);
        return raw ? QVariant(value) : QVariant(DeviceFormat::number(value));
    }
    switch (role) {
    case ModelIdRole:
        return total ? 0 : row.modelId;
    case TotalRowRole:
        return total;
    case Qt::TextAlignmentRole:
        return column == ModelColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                     : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (total) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == ModelColumn && !total && !row.manufacturer.isEmpty())
            return tr("%1 by %2", "model by manufacturer").arg(row.model, row.manufacturer);
        return {};
    default:
        return {};
    }
}

QVariant RolloutPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == ModelColumn)
        return tr("Model");
    if (section == DevicesColumn)
        return tr("Devices");
    if (section >= FirstWaveColumn && section < FirstWaveColumn + m_waves)
        return tr("Wave %1").arg(section - FirstWaveColumn + 1);
    return {};
}

} // namespace Patchboard
