// SPDX-License-Identifier: Apache-2.0
#include "trustedkeymodel.h"

#include "deviceformat.h"

#include <QFontDatabase>

namespace Patchboard {

TrustedKeyModel::TrustedKeyModel(QObject *parent) : QAbstractTableModel(parent) { }

void TrustedKeyModel::setKeys(const QList<TrustedKey> &keys)
{
    beginResetModel();
    m_keys = keys;
    endResetModel();
}

const TrustedKey *TrustedKeyModel::keyAt(int row) const
{
    return row >= 0 && row < m_keys.size() ? &m_keys[row] : nullptr;
}

int TrustedKeyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int TrustedKeyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrustedKeyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrustedKey &k = m_keys.at(index.row());
    const int column = index.column();
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        switch (column) {
        case ManufacturerColumn:
            return k.manufacturer;
        case VendorColumn:
            return k.vendorId;
        case FingerprintColumn:
            return k.fingerprint;
        case KeyTypeColumn:
            return k.keyType;
        case LabelColumn:
            return k.label;
        case AddedByColumn:
            return k.addedBy;
        case AddedColumn:
            return raw ? QVariant(k.added) : QVariant(DeviceFormat::dateTime(k.added));
        }
        return {};
    }
    switch (role) {
    case KeyIdRole:
        return k.id;
    case Qt::FontRole:
        // Hex is compared digit by digit with what patchboard-author printed.
        if (column == FingerprintColumn || column == VendorColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case Qt::ToolTipRole:
        if (column == FingerprintColumn)
            return tr("SHA-256 of the public key (DER SubjectPublicKeyInfo), as patchboard-author "
                      "keygen prints it");
        return {};
    default:
        return {};
    }
}

QVariant TrustedKeyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ManufacturerColumn:
        return tr("Manufacturer");
    case VendorColumn:
        return tr("Vendor ID");
    case FingerprintColumn:
        return tr("Fingerprint");
    case KeyTypeColumn:
        return tr("Type");
    case LabelColumn:
        return tr("Label");
    case AddedByColumn:
        return tr("Added by");
    case AddedColumn:
        return tr("Added");
    }
    return {};
}

} // namespace Patchboard
