// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "tracker/inventoryimport.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <array>

namespace Patchboard {

// The first rows of a device inventory file as they will be imported with the current column
// mapping: each value resolved the way the import resolves it (the IMEI without its spaces, the
// model and region by their names, the firmware build found from the patch level, defaults for
// what the file leaves out), and a value that cannot be imported shown as written with a warning
// marker and the reason in its tooltip. The column after the line says what happens to the row:
// added, updated, or refused. Recomputed in one reset whenever the mapping changes; data() only reads.
class InventoryPreviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        LineColumn,
        OutcomeColumn, // added, updated or why not
        DeviceIdColumn,
        ModelColumn,
        RegionColumn,
        FirmwareColumn,
        PatchLevelColumn,
        PatchAppliedColumn,
        LastCheckInColumn,
        ExceptionsColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // the line; the displayed text otherwise
        ProblemRole, // QString: why the value cannot be imported; empty when it can
        RowOkRole, // bool: the row can be imported
    };

    explicit InventoryPreviewModel(QObject *parent = nullptr);

    void setPreview(const InventoryPreview &preview, const InventoryMapping &mapping,
                    bool updateExisting, const QDateTime &now = {});
    void setMapping(const InventoryMapping &mapping);
    void setUpdateExisting(bool update);
    void clear();
    // Rows of the preview that cannot be imported as mapped.
    int badRows() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        qint64 line = 0;
        std::array<QString, ColumnCount> text;
        std::array<QString, ColumnCount> problem;
        bool ok = true;
    };
    void rebuild();

    InventoryPreview m_preview;
    InventoryMapping m_mapping;
    bool m_updateExisting = true;
    QDateTime m_now;
    QList<Row> m_rows;
};

} // namespace Patchboard
