// SPDX-License-Identifier: Apache-2.0
#include "rolloutpreviewview.h"

#include "deviceformat.h"
#include "releaseformat.h"
#include "rolloutpreviewmodel.h"
#include "viewstyle.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

enum Excluded { AlreadyCurrent, Rooted, Ported, Unsupported, Busy, FilteredOut, ExcludedCount };

QLabel *plainLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    return label;
}

} // namespace

RolloutPreviewView::RolloutPreviewView(QWidget *parent)
    : QWidget(parent)
    , m_model(new RolloutPreviewModel(this))
    , m_targeted(plainLabel(this))
    , m_showDevices(new QPushButton(tr("Show in &Devices"), this))
    , m_waves(plainLabel(this))
    , m_noticeTitle(plainLabel(this))
    , m_noticeSummary(plainLabel(this))
    , m_problems(new QListWidget(this))
    , m_table(new QTableView(this))
{
    QFont big = m_targeted->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_targeted->setFont(big);
    m_targeted->setAccessibleName(tr("Targeted devices"));
    m_waves->setWordWrap(true);
    m_waves->setAccessibleName(tr("Wave sizes"));

    const QString names[ExcludedCount] = {
        tr("Already current (same or newer firmware):"),
        tr("Rooted or modified (left out):"),
        tr("Ported to another operator (left out):"),
        tr("Past their support end (to replace):"),
        tr("In another active rollout:"),
        tr("Outside the region, patch level or sequence filter:"),
    };
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(2);
    for (int i = 0; i < ExcludedCount; ++i) {
        auto *name = new QLabel(names[i], this);
        m_excluded[i] = plainLabel(this);
        m_excluded[i]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_excluded[i]->setAccessibleName(names[i]);
        name->setBuddy(m_excluded[i]);
        grid->addWidget(name, i, 0);
        grid->addWidget(m_excluded[i], i, 1);
    }
    // SSU-SEC-0040: devices past their support end are not updated but listed for replacement.
    m_showDevices->setToolTip(
        tr("Open the Devices page with the devices of these models whose support has ended"));
    m_showDevices->setEnabled(false);
    grid->addWidget(m_showDevices, Unsupported, 2);
    grid->setColumnStretch(3, 1);

    auto *notice = new QFrame(this);
    notice->setFrameShape(QFrame::StyledPanel);
    notice->setAutoFillBackground(true);
    notice->setBackgroundRole(QPalette::Base);
    notice->setAccessibleName(tr("End-user notice as the device shows it"));
    QFont titleFont = m_noticeTitle->font();
    titleFont.setBold(true);
    m_noticeTitle->setFont(titleFont);
    m_noticeTitle->setWordWrap(true);
    m_noticeSummary->setWordWrap(true);
    auto *noticeLayout = new QVBoxLayout(notice);
    noticeLayout->addWidget(m_noticeTitle);
    noticeLayout->addWidget(m_noticeSummary);
    noticeLayout->addStretch(1);
    auto *noticeColumn = new QVBoxLayout;
    noticeColumn->addWidget(new QLabel(tr("The notice as the device shows it:"), this));
    noticeColumn->addWidget(notice, 1);

    m_problems->setAccessibleName(tr("Problems and warnings"));
    m_problems->setSelectionMode(QAbstractItemView::NoSelection);
    m_problems->setWordWrap(true);
    m_problems->setMaximumHeight(m_problems->fontMetrics().lineSpacing() * 5 + 8);

    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setAccessibleName(tr("Targeted devices by model and wave"));

    auto *left = new QVBoxLayout;
    left->addWidget(m_targeted);
    left->addLayout(grid);
    left->addWidget(m_waves);
    auto *top = new QHBoxLayout;
    top->addLayout(left, 3);
    top->addSpacing(12);
    top->addLayout(noticeColumn, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_problems);
    layout->addWidget(m_table, 1);

    connect(m_showDevices, &QPushButton::clicked, this,
            &RolloutPreviewView::showUnsupportedRequested);
    clear(tr("Choose a release to see what the rollout would target."));
}

void RolloutPreviewView::setPreview(const RolloutPreview &preview)
{
    m_preview = preview;
    m_hasPreview = true;
    m_targeted->setText(tr("%Ln device(s) targeted", nullptr, preview.targeted));
    const int values[ExcludedCount] = {preview.alreadyCurrent, preview.rooted, preview.ported,
                                       preview.unsupported,    preview.busy,   preview.filteredOut};
    for (int i = 0; i < ExcludedCount; ++i)
        m_excluded[i]->setText(DeviceFormat::number(values[i]));
    m_showDevices->setEnabled(preview.unsupported > 0);
    QStringList sizes;
    for (qsizetype i = 0; i < preview.waveSizes.size(); ++i)
        sizes.append(tr("wave %1: %2").arg(i + 1).arg(DeviceFormat::number(preview.waveSizes[i])));
    m_waves->setText(sizes.isEmpty()
                         ? tr("No waves.")
                         : tr("Devices per wave: %1").arg(sizes.join(tr(", ", "list separator"))));
    m_noticeTitle->setText(preview.noticeTitle);
    m_noticeSummary->setText(preview.noticeSummary);
    m_model->setPreview(preview);
    m_table->resizeColumnsToContents();
    fillProblems();
}

void RolloutPreviewView::clear(const QString &message)
{
    m_preview = RolloutPreview();
    m_hasPreview = false;
    m_targeted->setText(message);
    for (QLabel *label : m_excluded)
        label->setText(QStringLiteral("\u2014"));
    m_showDevices->setEnabled(false);
    m_waves->clear();
    m_noticeTitle->clear();
    m_noticeSummary->clear();
    m_model->clear();
    fillProblems();
}

void RolloutPreviewView::setLocalProblems(const QStringList &problems)
{
    if (problems == m_localProblems)
        return;
    m_localProblems = problems;
    fillProblems();
}

void RolloutPreviewView::fillProblems()
{
    m_problems->clear();
    // Problems first (they block creating the rollout), then warnings; each says which it is in
    // words and marks, the colour only repeats it.
    for (const QString &problem : m_localProblems + m_preview.problems) {
        auto *item = new QListWidgetItem(ReleaseFormat::crossMark() + QLatin1Char(' ')
                                             + tr("Problem: %1").arg(problem),
                                         m_problems);
        item->setForeground(DeviceFormat::criticalColor());
    }
    for (const QString &warning : std::as_const(m_preview.warnings)) {
        auto *item = new QListWidgetItem(
            DeviceFormat::warningMarker() + tr("Warning: %1").arg(warning), m_problems);
        item->setForeground(DeviceFormat::warningColor());
    }
    if (m_problems->count() == 0 && m_hasPreview) {
        auto *item = new QListWidgetItem(ReleaseFormat::checkMark() + QLatin1Char(' ')
                                             + tr("No problems: the rollout can be created."),
                                         m_problems);
        item->setForeground(ReleaseFormat::goodColor());
    }
}

QString RolloutPreviewView::targetedText() const
{
    return m_targeted->text();
}

QString RolloutPreviewView::exclusionsText() const
{
    QStringList values;
    for (QLabel *label : m_excluded)
        values.append(label->text());
    return values.join(QLatin1Char(' '));
}

QString RolloutPreviewView::wavesText() const
{
    return m_waves->text();
}

QString RolloutPreviewView::noticeText() const
{
    return m_noticeTitle->text() + QLatin1Char('\n') + m_noticeSummary->text();
}

QString RolloutPreviewView::problemsText() const
{
    return (m_localProblems + m_preview.problems).join(QLatin1Char('\n'));
}

QString RolloutPreviewView::warningsText() const
{
    return m_preview.warnings.join(QLatin1Char('\n'));
}

} // namespace Patchboard
