// SPDX-License-Identifier: Apache-2.0
#include "inventorymappingeditor.h"

#include "inventorymappingmodel.h"
#include "viewstyle.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>

namespace Patchboard {

namespace {
constexpr int SampleChars = 18; // wide enough for an IMEI written in groups
} // namespace

InventoryMappingEditor::InventoryMappingEditor(InventoryMappingModel *model, QWidget *parent)
    : QWidget(parent), m_model(model)
{
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    const auto heading = [this](const QString &text) {
        auto *label = new QLabel(text, this);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        return label;
    };
    grid->addWidget(
        heading(model->headerData(InventoryMappingModel::FieldColumn, Qt::Horizontal).toString()),
        0, 0);
    grid->addWidget(
        heading(
            model->headerData(InventoryMappingModel::CsvColumnColumn, Qt::Horizontal).toString()),
        0, 1);
    grid->addWidget(
        heading(model->headerData(InventoryMappingModel::SampleColumn, Qt::Horizontal).toString()),
        0, 2);
    for (InventoryField field : InventoryMapping::allFields()) {
        const int row = int(field) + 1;
        auto *name = new QLabel(InventoryMappingModel::fieldLabel(field), this);
        name->setToolTip(InventoryMapping::fieldDescription(field));
        auto *box = new QComboBox(this);
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(14);
        box->setAccessibleName(tr("CSV column of the %1").arg(InventoryMapping::fieldName(field)));
        box->setAccessibleDescription(InventoryMapping::fieldDescription(field));
        box->setToolTip(InventoryMapping::fieldDescription(field));
        name->setBuddy(box);
        auto *sample = new QLabel(this);
        sample->setTextFormat(Qt::PlainText);
        sample->setFixedWidth(fontMetrics().averageCharWidth() * SampleChars);
        ViewStyle::setMuted(sample);
        grid->addWidget(name, row, 0);
        grid->addWidget(box, row, 1);
        grid->addWidget(sample, row, 2);
        m_boxes << box;
        m_samples << sample;
        connect(box, &QComboBox::currentIndexChanged, this, [this, field](int index) {
            if (!m_updating && index >= 0)
                m_model->setColumn(field, index - 1);
        });
    }
    connect(model, &QAbstractItemModel::modelReset, this, &InventoryMappingEditor::reload);
    connect(model, &InventoryMappingModel::mappingChanged, this, &InventoryMappingEditor::follow);
    reload();
}

// A new file: new choices.
void InventoryMappingEditor::reload()
{
    m_updating = true;
    const QStringList choices = m_model->columnChoices();
    for (QComboBox *box : std::as_const(m_boxes)) {
        box->clear();
        box->addItems(choices);
        box->setEnabled(!m_model->header().isEmpty());
    }
    m_updating = false;
    follow();
}

void InventoryMappingEditor::follow()
{
    m_updating = true;
    for (InventoryField field : InventoryMapping::allFields()) {
        const int row = int(field);
        m_boxes[row]->setCurrentIndex(m_model->mapping().column(field) + 1);
        const QString sample
            = m_model->index(row, InventoryMappingModel::SampleColumn).data().toString();
        m_samples[row]->setText(fontMetrics().elidedText(
            sample.simplified(), Qt::ElideRight, fontMetrics().averageCharWidth() * SampleChars));
        m_samples[row]->setToolTip(sample);
    }
    m_updating = false;
}

} // namespace Patchboard
