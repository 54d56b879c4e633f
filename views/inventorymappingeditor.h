// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "tracker/inventorymapping.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;

namespace Patchboard {

class InventoryMappingModel;

// The column mapping of the import dialog as a table of controls: per Patchboard field its name
// (required ones marked "*"), a combo box of the file's columns and that column's value in the
// first row. The controls edit the model and follow it; each combo box is a real widget in the
// Tab order with an accessible name, so the mapping is made from the keyboard alone (a combo box
// delegate inside a table view would need F2 per cell and traps Tab).
class InventoryMappingEditor : public QWidget
{
    Q_OBJECT
public:
    explicit InventoryMappingEditor(InventoryMappingModel *model, QWidget *parent = nullptr);

    QComboBox *columnBox(InventoryField field) const { return m_boxes.value(int(field)); }
    QLabel *sampleLabel(InventoryField field) const { return m_samples.value(int(field)); }

private:
    void reload();
    void follow();

    InventoryMappingModel *m_model;
    QList<QComboBox *> m_boxes;
    QList<QLabel *> m_samples;
    bool m_updating = false;
};

} // namespace Patchboard
