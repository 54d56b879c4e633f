// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/release.h"

#include <QAbstractTableModel>

namespace Patchboard {

// The Author trust store: the public keys trusted per SUIT vendor ID.
class TrustedKeyModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        ManufacturerColumn,
        VendorColumn,
        FingerprintColumn,
        KeyTypeColumn,
        LabelColumn,
        AddedByColumn,
        AddedColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        KeyIdRole, // qint64
    };

    explicit TrustedKeyModel(QObject *parent = nullptr);

    void setKeys(const QList<TrustedKey> &keys);
    const TrustedKey *keyAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<TrustedKey> m_keys;
};

} // namespace Patchboard
