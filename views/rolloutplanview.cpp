// SPDX-License-Identifier: Apache-2.0
#include "rolloutplanview.h"

#include "deviceformat.h"
#include "rolloutformat.h"
#include "viewstyle.h"

#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

enum WaveColumn {
    NumberColumn,
    SizeColumn,
    SuccessColumn,
    ErrorColumn,
    MinimumColumn,
    SoakColumn,
    GateColumn,
    WaveColumnCount
};

} // namespace

RolloutPlanView::RolloutPlanView(QWidget *parent)
    : QWidget(parent)
    , m_targetsLabel(valueLabel(this))
    , m_waves(new QTableWidget(0, WaveColumnCount, this))
    , m_schedule(valueLabel(this))
    , m_noticeTitle(valueLabel(this))
    , m_noticeSummary(valueLabel(this))
    , m_fallback(valueLabel(this))
{
    m_waves->setHorizontalHeaderLabels({tr("Wave"), tr("Size"), tr("Succeeds at"),
                                        tr("Halts above"), tr("From results"), tr("Soak"),
                                        tr("Manual gate")});
    m_waves->horizontalHeaderItem(ErrorColumn)
        ->setToolTip(tr("The wave halts when more than this share of its results are failures."));
    m_waves->horizontalHeaderItem(MinimumColumn)
        ->setToolTip(tr("The error threshold applies once this many devices reported a result."));
    m_waves->horizontalHeaderItem(GateColumn)
        ->setToolTip(tr("After soaking, the next wave waits for an operator to continue."));
    m_waves->verticalHeader()->hide();
    m_waves->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_waves->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_waves->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_waves->horizontalHeader()->setStretchLastSection(false);
    m_waves->setAccessibleName(tr("Planned waves"));
    m_waves->verticalHeader()->setDefaultSectionSize(m_waves->fontMetrics().height() + 8);

    // The notice framed like a notification on the device.
    auto *notice = new QFrame(this);
    notice->setFrameShape(QFrame::StyledPanel);
    notice->setAutoFillBackground(true);
    notice->setBackgroundRole(QPalette::Base);
    notice->setAccessibleName(tr("End-user notice as the device shows it"));
    QFont titleFont = m_noticeTitle->font();
    titleFont.setBold(true);
    m_noticeTitle->setFont(titleFont);
    ViewStyle::setMuted(m_fallback);
    auto *noticeLayout = new QVBoxLayout(notice);
    noticeLayout->addWidget(m_noticeTitle);
    noticeLayout->addWidget(m_noticeSummary);
    noticeLayout->addStretch(1);

    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Targets:"), m_targetsLabel);
    form->addRow(tr("Schedule:"), m_schedule);

    auto *noticeColumn = new QVBoxLayout;
    auto *noticeHeading = new QLabel(tr("End-user notice:"), this);
    noticeColumn->addWidget(noticeHeading);
    noticeColumn->addWidget(notice, 1);
    noticeColumn->addWidget(m_fallback);

    auto *top = new QHBoxLayout;
    top->addLayout(form, 3);
    top->addSpacing(12);
    top->addLayout(noticeColumn, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_waves, 1);
}

void RolloutPlanView::setPlan(const RolloutPlan &plan, const RolloutPreview &targets)
{
    m_plan = plan;
    m_targets = targets;
    showPlan();
}

void RolloutPlanView::setCatalog(const FleetCatalog &catalog)
{
    m_catalog = catalog;
    showPlan();
}

QString RolloutPlanView::targetsText() const
{
    return m_targetsLabel->text();
}

QString RolloutPlanView::scheduleText() const
{
    return m_schedule->text();
}

QString RolloutPlanView::noticeText() const
{
    return m_noticeTitle->text() + QLatin1Char('\n') + m_noticeSummary->text();
}

QString RolloutPlanView::modelName(int id) const
{
    for (const RolloutPreview::ModelRow &row : m_targets.models) {
        if (row.modelId == id)
            return row.model;
    }
    for (const DeviceModel &model : m_catalog.models) {
        if (model.id == id)
            return model.name;
    }
    return tr("Model %1").arg(id);
}

QString RolloutPlanView::regionName(int id) const
{
    for (const Region &region : m_catalog.regions) {
        if (region.id == id)
            return region.name;
    }
    return tr("Region %1").arg(id);
}

void RolloutPlanView::showPlan()
{
    const RolloutTargetFilter &f = m_plan.targets;
    const QString separator = tr(", ", "list separator");
    QStringList lines;
    QStringList models;
    for (int id : f.modelIds)
        models.append(modelName(id));
    lines.append(models.isEmpty() ? tr("Every model of the release")
                                  : tr("Models: %1").arg(models.join(separator)));
    QStringList regions;
    for (int id : f.regionIds)
        regions.append(regionName(id));
    lines.append(regions.isEmpty() ? tr("Every region")
                                   : tr("Regions: %1").arg(regions.join(separator)));
    if (f.patchLevelBefore.isValid())
        lines.append(
            tr("Patch level older than %1").arg(DeviceFormat::patchLevel(f.patchLevelBefore)));
    if (f.sequenceBelow > 0)
        lines.append(tr("Firmware sequence below %1").arg(f.sequenceBelow));
    QStringList included;
    if (f.includeRooted)
        included.append(tr("rooted"));
    if (f.includePorted)
        included.append(tr("ported"));
    if (f.includeUnsupported)
        included.append(tr("past their support end"));
    lines.append(included.isEmpty() ? tr("Rooted, ported and unsupported devices are left out")
                                    : DeviceFormat::warningMarker()
                         + tr("Includes devices that are %1").arg(included.join(separator)));
    m_targetsLabel->setText(lines.join(QLatin1Char('\n')));

    QStringList schedule;
    schedule.append(m_plan.start.isValid()
                        ? tr("Starts %1").arg(DeviceFormat::dateTime(m_plan.start))
                        : tr("Starts as soon as it is scheduled"));
    schedule.append(tr("Installs: %1").arg(RolloutFormat::window(m_plan.window)));
    schedule.append(m_plan.deadline.isValid()
                        ? tr("Deadline %1: devices not offered by then are left out")
                              .arg(DeviceFormat::dateTime(m_plan.deadline))
                        : tr("No deadline"));
    m_schedule->setText(schedule.join(QLatin1Char('\n')));

    // As the device shows it: the backend fills in what the operator left empty.
    const QString title
        = m_targets.noticeTitle.isEmpty() ? m_plan.notice.title : m_targets.noticeTitle;
    const QString summary
        = m_targets.noticeSummary.isEmpty() ? m_plan.notice.summary : m_targets.noticeSummary;
    m_noticeTitle->setText(title);
    m_noticeSummary->setText(summary);
    m_fallback->setText(m_plan.notice.manufacturerFallback
                            ? tr("Devices the operator cannot reach get it from the "
                                 "manufacturer: %1")
                                  .arg(m_plan.notice.fallbackUrl)
                            : tr("No manufacturer fallback"));

    m_waves->setRowCount(int(m_plan.waves.size()));
    for (int row = 0; row < m_plan.waves.size(); ++row) {
        const WavePlan &w = m_plan.waves.at(row);
        const QString cells[WaveColumnCount] = {
            QLocale().toString(row + 1),
            RolloutFormat::waveSize(w),
            RolloutFormat::percent(w.successThreshold),
            RolloutFormat::percent(w.errorThreshold),
            DeviceFormat::number(w.minimumResults),
            RolloutFormat::soak(w.soakMinutes),
            w.manualGate ? tr("Yes") : tr("No"),
        };
        for (int column = 0; column < WaveColumnCount; ++column) {
            QTableWidgetItem *item = m_waves->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_waves->setItem(row, column, item);
            }
            item->setText(cells[column]);
            if (column != GateColumn && column != SizeColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    m_waves->resizeColumnsToContents();
}

} // namespace Patchboard
