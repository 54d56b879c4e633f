// SPDX-License-Identifier: Apache-2.0
#include "waveplaneditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

constexpr int MaxWaves = 20;

QDoubleSpinBox *percentBox(double minimum, double maximum, QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setDecimals(1);
    box->setSuffix(QLocale().percent());
    box->setFrame(false);
    box->setAlignment(Qt::AlignRight);
    return box;
}

QSpinBox *countBox(int minimum, int maximum, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    box->setGroupSeparatorShown(true);
    box->setFrame(false);
    box->setAlignment(Qt::AlignRight);
    return box;
}

} // namespace

WavePlanEditor::WavePlanEditor(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(tr("Add &Wave"), this))
    , m_remove(new QPushButton(tr("Re&move Wave"), this))
    , m_reset(new QPushButton(tr("Reset to &Default"), this))
{
    m_table->setHorizontalHeaderLabels({tr("Size"), tr("Value"), tr("Succeeds at"),
                                        tr("Halts above"), tr("From results"), tr("Soak"),
                                        tr("Manual gate")});
    const QString tips[ColumnCount] = {
        tr("A share of all targets, a number of devices, or every device left (last wave "
           "only)."),
        tr("The percentage or the number of devices."),
        tr("The wave succeeded when this share of its devices updated."),
        tr("The rollout halts when more than this share of the wave's results are failures."),
        tr("The error threshold applies once this many devices reported a result."),
        tr("After success, wait this long before the next wave starts."),
        tr("After soaking, wait for an operator to continue to the next wave."),
    };
    for (int column = 0; column < ColumnCount; ++column)
        m_table->horizontalHeaderItem(column)->setToolTip(tips[column]);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 14);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab moves between the editors in the cells
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Waves"));

    m_add->setToolTip(tr("Add a wave after the selected one"));
    m_remove->setToolTip(tr("Remove the selected wave"));
    m_reset->setToolTip(tr("Canary 1%, then 10%, 50% and the rest"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_reset);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, &WavePlanEditor::addWave);
    connect(m_remove, &QPushButton::clicked, this, &WavePlanEditor::removeWave);
    connect(m_reset, &QPushButton::clicked, this, &WavePlanEditor::resetToDefault);
    connect(m_table, &QTableWidget::currentCellChanged, this, &WavePlanEditor::updateButtons);
    updateButtons();
}

QWidget *WavePlanEditor::cellEditor(int wave, Column column) const
{
    QWidget *widget = m_table->cellWidget(wave, column);
    if (column == GateColumn && widget)
        return widget->findChild<QCheckBox *>();
    return widget;
}

void WavePlanEditor::setWaves(const QList<WavePlan> &waves)
{
    m_table->setRowCount(0);
    m_table->setRowCount(int(waves.size()));
    for (int row = 0; row < waves.size(); ++row)
        setRow(row, waves.at(row));
    // Tab walks the editors row by row, then on to the buttons.
    QWidget *previous = m_table;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        for (int column = 0; column < ColumnCount; ++column) {
            if (QWidget *editor = cellEditor(row, Column(column))) {
                setTabOrder(previous, editor);
                previous = editor;
            }
        }
    }
    setTabOrder(previous, m_add);
    setTabOrder(m_add, m_remove);
    setTabOrder(m_remove, m_reset);
    m_table->resizeColumnsToContents();
    updateButtons();
    Q_EMIT wavesChanged();
}

void WavePlanEditor::setRow(int row, const WavePlan &wave)
{
    const int number = row + 1;
    auto *kind = new QComboBox(m_table);
    kind->addItem(tr("Percent of targets"), int(WavePlan::Size::Percent));
    kind->addItem(tr("Number of devices"), int(WavePlan::Size::Count));
    kind->addItem(tr("The rest"), int(WavePlan::Size::Rest));
    kind->setCurrentIndex(kind->findData(int(wave.size)));
    kind->setFrame(false);
    kind->setAccessibleName(tr("Wave %1 size").arg(number));
    m_table->setCellWidget(row, SizeKindColumn, kind);

    auto *value = new QDoubleSpinBox(m_table);
    value->setFrame(false);
    value->setAlignment(Qt::AlignRight);
    value->setAccessibleName(tr("Wave %1 size value").arg(number));
    m_table->setCellWidget(row, SizeValueColumn, value);
    // Percent and count share the cell; the kind decides its range and unit.
    value->setProperty("percent", wave.size == WavePlan::Size::Percent ? wave.percent : 10.0);
    value->setProperty("count", wave.size == WavePlan::Size::Count ? wave.count : 100);
    updateValueEditor(row);

    auto *success = percentBox(0.1, 100, m_table);
    success->setValue(wave.successThreshold);
    success->setAccessibleName(tr("Wave %1 success threshold").arg(number));
    m_table->setCellWidget(row, SuccessColumn, success);
    auto *error = percentBox(0, 99.9, m_table);
    error->setValue(wave.errorThreshold);
    error->setAccessibleName(tr("Wave %1 error threshold").arg(number));
    m_table->setCellWidget(row, ErrorColumn, error);
    auto *minimum = countBox(1, 1'000'000, m_table);
    minimum->setValue(wave.minimumResults);
    minimum->setAccessibleName(tr("Wave %1 minimum results").arg(number));
    m_table->setCellWidget(row, MinimumResultsColumn, minimum);
    auto *soak = countBox(0, 10080, m_table); // up to a week
    soak->setSuffix(tr(" min", "minutes suffix"));
    soak->setValue(wave.soakMinutes);
    soak->setAccessibleName(tr("Wave %1 soak minutes").arg(number));
    m_table->setCellWidget(row, SoakColumn, soak);
    auto *gateCell = new QWidget(m_table);
    auto *gate = new QCheckBox(gateCell);
    gate->setChecked(wave.manualGate);
    gate->setAccessibleName(tr("Wave %1 manual gate").arg(number));
    auto *gateLayout = new QHBoxLayout(gateCell);
    gateLayout->setContentsMargins(0, 0, 0, 0);
    gateLayout->addWidget(gate, 0, Qt::AlignCenter);
    m_table->setCellWidget(row, GateColumn, gateCell);

    for (QWidget *editor : {static_cast<QWidget *>(kind), static_cast<QWidget *>(value),
                            static_cast<QWidget *>(success), static_cast<QWidget *>(error),
                            static_cast<QWidget *>(minimum), static_cast<QWidget *>(soak),
                            static_cast<QWidget *>(gate)})
        editor->installEventFilter(this);

    connect(kind, &QComboBox::currentIndexChanged, this, [this, value] {
        for (int r = 0; r < m_table->rowCount(); ++r) {
            if (m_table->cellWidget(r, SizeValueColumn) == value)
                updateValueEditor(r);
        }
        Q_EMIT wavesChanged();
    });
    connect(value, &QDoubleSpinBox::valueChanged, this, [this, value, kind](double v) {
        const auto size = WavePlan::Size(kind->currentData().toInt());
        if (size == WavePlan::Size::Percent)
            value->setProperty("percent", v);
        else if (size == WavePlan::Size::Count)
            value->setProperty("count", qRound(v));
        Q_EMIT wavesChanged();
    });
    connect(success, &QDoubleSpinBox::valueChanged, this, &WavePlanEditor::wavesChanged);
    connect(error, &QDoubleSpinBox::valueChanged, this, &WavePlanEditor::wavesChanged);
    connect(minimum, &QSpinBox::valueChanged, this, &WavePlanEditor::wavesChanged);
    connect(soak, &QSpinBox::valueChanged, this, &WavePlanEditor::wavesChanged);
    connect(gate, &QCheckBox::toggled, this, &WavePlanEditor::wavesChanged);
}

bool WavePlanEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusIn) {
        for (int row = 0; row < m_table->rowCount(); ++row) {
            for (int column = 0; column < ColumnCount; ++column) {
                if (cellEditor(row, Column(column)) == watched) {
                    if (m_table->currentRow() != row || m_table->currentColumn() != column)
                        m_table->setCurrentCell(row, column);
                    return false;
                }
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void WavePlanEditor::updateValueEditor(int row)
{
    auto *kind = qobject_cast<QComboBox *>(m_table->cellWidget(row, SizeKindColumn));
    auto *value = qobject_cast<QDoubleSpinBox *>(m_table->cellWidget(row, SizeValueColumn));
    if (!kind || !value)
        return;
    const QSignalBlocker blocker(value);
    switch (WavePlan::Size(kind->currentData().toInt())) {
    case WavePlan::Size::Percent:
        value->setEnabled(true);
        value->setDecimals(1);
        value->setRange(0.1, 100);
        value->setSuffix(QLocale().percent());
        value->setSpecialValueText(QString());
        value->setValue(value->property("percent").toDouble());
        break;
    case WavePlan::Size::Count:
        value->setEnabled(true);
        value->setDecimals(0);
        value->setRange(1, 10'000'000);
        value->setSuffix(tr(" devices", "wave size suffix"));
        value->setSpecialValueText(QString());
        value->setValue(value->property("count").toInt());
        break;
    case WavePlan::Size::Rest:
        // Shown as a dash: the size follows from the other waves.
        value->setRange(0, 0);
        value->setSuffix(QString());
        value->setSpecialValueText(QStringLiteral("\u2014"));
        value->setEnabled(false);
        break;
    }
}

QList<WavePlan> WavePlanEditor::waves() const
{
    QList<WavePlan> waves;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        auto *kind = qobject_cast<QComboBox *>(m_table->cellWidget(row, SizeKindColumn));
        auto *value = qobject_cast<QDoubleSpinBox *>(m_table->cellWidget(row, SizeValueColumn));
        auto *success = qobject_cast<QDoubleSpinBox *>(m_table->cellWidget(row, SuccessColumn));
        auto *error = qobject_cast<QDoubleSpinBox *>(m_table->cellWidget(row, ErrorColumn));
        auto *minimum = qobject_cast<QSpinBox *>(m_table->cellWidget(row, MinimumResultsColumn));
        auto *soak = qobject_cast<QSpinBox *>(m_table->cellWidget(row, SoakColumn));
        auto *gate = qobject_cast<QCheckBox *>(cellEditor(row, GateColumn));
        if (!kind || !value || !success || !error || !minimum || !soak || !gate)
            continue;
        WavePlan wave;
        wave.size = WavePlan::Size(kind->currentData().toInt());
        wave.percent = wave.size == WavePlan::Size::Percent ? value->value() : 0;
        wave.count = wave.size == WavePlan::Size::Count ? qRound(value->value()) : 0;
        wave.successThreshold = success->value();
        wave.errorThreshold = error->value();
        wave.minimumResults = minimum->value();
        wave.soakMinutes = soak->value();
        wave.manualGate = gate->isChecked();
        waves.append(wave);
    }
    return waves;
}

void WavePlanEditor::addWave()
{
    QList<WavePlan> current = waves();
    if (current.size() >= MaxWaves)
        return;
    const int at = m_table->currentRow() >= 0 ? m_table->currentRow() + 1 : int(current.size());
    // A new wave before a final "rest" wave is a percentage; its rules copy its neighbour's.
    WavePlan wave = current.isEmpty() ? WavePlan() : current.value(qMax(0, at - 1));
    if (wave.size == WavePlan::Size::Rest || current.isEmpty()) {
        wave.size = WavePlan::Size::Percent;
        wave.percent = 10;
    }
    current.insert(qMin(at, int(current.size())), wave);
    setWaves(current);
    m_table->setCurrentCell(qMin(at, m_table->rowCount() - 1), SizeKindColumn);
}

void WavePlanEditor::removeWave()
{
    const int row = m_table->currentRow();
    if (row < 0 || m_table->rowCount() <= 1)
        return;
    QList<WavePlan> current = waves();
    current.removeAt(row);
    setWaves(current);
    m_table->setCurrentCell(qMin(row, m_table->rowCount() - 1), SizeKindColumn);
}

void WavePlanEditor::setDefaultWaves(const QList<WavePlan> &waves)
{
    m_defaultWaves = waves;
    m_reset->setToolTip(waves == RolloutPlan::defaultWaves()
                            ? tr("Canary 1%, then 10%, 50% and the rest")
                            : tr("The default waves set in Settings (Rollouts)"));
}

void WavePlanEditor::resetToDefault()
{
    setWaves(m_defaultWaves);
}

void WavePlanEditor::updateButtons()
{
    m_add->setEnabled(m_table->rowCount() < MaxWaves);
    const bool removable = m_table->currentRow() >= 0 && m_table->rowCount() > 1;
    m_remove->setEnabled(removable);
    m_remove->setToolTip(removable                      ? tr("Remove the selected wave")
                             : m_table->rowCount() <= 1 ? tr("A rollout has at least one wave.")
                                                        : tr("Select a wave to remove it."));
}

} // namespace Patchboard
