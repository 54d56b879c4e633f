// SPDX-License-Identifier: Apache-2.0
#include "waveprogresstable.h"

#include "deviceformat.h"
#include "rolloutformat.h"
#include "rolloutlistmodel.h"
#include "waveprogressdelegate.h"

#include <QHeaderView>

namespace Patchboard {

namespace {

constexpr int BarWidth = 200;

} // namespace

WaveProgressTable::WaveProgressTable(QWidget *parent) : QTableWidget(0, ColumnCount, parent)
{
    setHorizontalHeaderLabels({tr("Wave"), tr("State"), tr("Progress"), tr("Succeeded"),
                               tr("Failed"), tr("In progress"), tr("Pending"), tr("Devices"),
                               tr("Started"), tr("Next wave")});
    horizontalHeaderItem(ProgressColumn)
        ->setToolTip(tr("%1 succeeded (solid), %2 failed (hatched), %3 in progress (dotted), "
                        "%4 pending (empty)")
                         .arg(RolloutFormat::succeededMark(), RolloutFormat::failedMark(),
                              RolloutFormat::inProgressMark(), RolloutFormat::pendingMark()));
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setWordWrap(false);
    setAccessibleName(tr("Waves"));
    setItemDelegateForColumn(ProgressColumn, new WaveProgressDelegate(this));
    // A handful of rows whose texts grow as the waves move on ("Succeeded, soaking until ..."):
    // the columns follow their contents; the bar keeps its width.
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setSectionResizeMode(ProgressColumn, QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    setColumnWidth(ProgressColumn, BarWidth);
}

void WaveProgressTable::setWaves(const QList<WaveProgress> &waves, const QList<WavePlan> &planned)
{
    setRowCount(int(waves.size()));
    // Cells change in place: the selection in the table survives a refresh.
    auto cell = [this](int row, int column, const QString &text, bool number = false) {
        QTableWidgetItem *item = this->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            item->setTextAlignment(number ? Qt::AlignRight | Qt::AlignVCenter
                                          : Qt::AlignLeft | Qt::AlignVCenter);
            setItem(row, column, item);
        }
        if (item->text() != text)
            item->setText(text);
        return item;
    };
    for (int row = 0; row < waves.size(); ++row) {
        const WaveProgress &w = waves.at(row);
        const RolloutFormat::Counts counts = RolloutFormat::counts(w);
        cell(row, WaveColumn,
             RolloutFormat::waveName(w.number, planned.value(w.number - 1, w.plan)))
            ->setToolTip(RolloutFormat::thresholds(w.plan));
        QTableWidgetItem *state = cell(row, StateColumn, RolloutFormat::waveStateText(w));
        const QColor color = RolloutFormat::waveStateColor(w);
        state->setData(Qt::ForegroundRole, color.isValid() ? QVariant(color) : QVariant());
        cell(row, ProgressColumn,
             w.size > 0 ? DeviceFormat::percent(double(w.succeeded) / w.size) : QString())
            ->setData(RolloutListModel::ProgressRole, QVariant::fromValue(counts));
        cell(row, SucceededColumn, DeviceFormat::number(counts.succeeded), true);
        cell(row, FailedColumn, DeviceFormat::number(counts.failed), true)
            ->setToolTip(w.rolledBack > 0 ? tr("%Ln rolled back", nullptr, w.rolledBack)
                                          : QString());
        cell(row, InProgressColumn, DeviceFormat::number(counts.inProgress), true)
            ->setToolTip(w.postponed > 0 ? tr("%Ln postponed", nullptr, w.postponed) : QString());
        cell(row, PendingColumn, DeviceFormat::number(counts.pending), true);
        cell(row, SizeColumn, DeviceFormat::number(w.size), true);
        cell(row, StartedColumn, DeviceFormat::dateTime(w.started));
        cell(row, NextWaveColumn,
             w.waitingForGate ? tr("When an operator continues")
                              : DeviceFormat::dateTime(w.nextWaveAt));
    }
}

} // namespace Patchboard
