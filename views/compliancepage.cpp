// SPDX-License-Identifier: Apache-2.0
#include "compliancepage.h"

#include "compliancereportdialog.h"
#include "deviceformat.h"
#include "firmware/firmwarebackend.h"
#include "modelcompliancemodel.h"
#include "operatorsession.h"
#include "patchagechart.h"
#include "patchagemodel.h"
#include "rollout/rolloutbackend.h"
#include "supportstatuschart.h"
#include "supportstatusmodel.h"
#include "tracker/trackerbackend.h"
#include "viewstyle.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

// Counting a million devices takes a moment; while a rollout runs, once a second is plenty.
constexpr int RefreshDelayMs = 1000;

} // namespace

CompliancePage::CompliancePage(TrackerBackend *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_supportModel(new SupportStatusModel(this))
    , m_patchAgeModel(new PatchAgeModel(this))
    , m_rankingModel(new ModelComplianceModel(this))
    , m_rankingProxy(new QSortFilterProxyModel(this))
    , m_summary(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_supportChart(new SupportStatusChart(m_supportModel, this))
    , m_patchAgeChart(new PatchAgeChart(m_patchAgeModel, this))
    , m_ranking(new QTableView(this))
    , m_reportButton(new QPushButton(tr("Compliance &Report\u2026"), this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setAccessibleName(tr("Compliance summary"));
    m_summary->setText(tr("Counting devices\u2026"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(120);
    m_busy->setAccessibleName(tr("Counting devices"));

    // A few dozen rows: sorting them in a proxy is fine (unlike the fleet itself).
    m_rankingProxy->setSourceModel(m_rankingModel);
    m_rankingProxy->setSortRole(ModelComplianceModel::SortRole);
    m_ranking->setModel(m_rankingProxy);
    m_ranking->setSortingEnabled(true);
    m_ranking->sortByColumn(ModelComplianceModel::RankColumn, Qt::AscendingOrder);
    m_ranking->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ranking->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_ranking->setSelectionMode(QAbstractItemView::SingleSelection);
    m_ranking->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_ranking->setAlternatingRowColors(true);
    m_ranking->verticalHeader()->hide();
    m_ranking->verticalHeader()->setDefaultSectionSize(m_ranking->fontMetrics().height() + 8);
    m_ranking->horizontalHeader()->setStretchLastSection(true);
    m_ranking->setWordWrap(false);
    m_ranking->setAccessibleName(tr("Hardware models ranked by number of devices"));
    m_ranking->viewport()->setCursor(Qt::PointingHandCursor);
    connect(m_ranking, &QTableView::clicked, this, &CompliancePage::onRankingActivated);
    // Keyboard users get the same drill-down with Enter.
    auto *open = new QAction(tr("List Devices"), m_ranking);
    open->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    open->setShortcutContext(Qt::WidgetShortcut);
    connect(open, &QAction::triggered, this,
            [this] { onRankingActivated(m_ranking->currentIndex()); });
    m_ranking->addAction(open);

    auto *rankingTitle = new QLabel(tr("Hardware models by number of devices"), this);
    QFont bold = rankingTitle->font();
    bold.setBold(true);
    rankingTitle->setFont(bold);
    auto *hint = new QLabel(tr("Click a model to list its devices, or its out-of-date count to "
                               "list only the out-of-date ones."),
                            this);
    hint->setWordWrap(true);
    ViewStyle::setMuted(hint);

    auto *summaryRow = new QHBoxLayout;
    summaryRow->addWidget(m_summary, 1);
    summaryRow->addWidget(m_busy, 0, Qt::AlignTop);
    summaryRow->addWidget(m_reportButton, 0, Qt::AlignTop);
    auto *charts = new QWidget(this);
    auto *chartsLayout = new QHBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->addWidget(m_supportChart, 1);
    chartsLayout->addWidget(m_patchAgeChart, 1);
    auto *table = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(table);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(rankingTitle);
    titleRow->addWidget(hint, 1);
    tableLayout->addLayout(titleRow);
    tableLayout->addWidget(m_ranking, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(charts);
    splitter->addWidget(table);
    splitter->setChildrenCollapsible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(summaryRow);
    layout->addWidget(splitter, 1);

    connect(m_supportChart, &SupportStatusChart::statusClicked, this,
            &CompliancePage::onStatusClicked);
    connect(m_patchAgeChart, &PatchAgeChart::binClicked, this, &CompliancePage::onBinClicked);
    connect(m_reportButton, &QPushButton::clicked, this, &CompliancePage::openReportDialog);
    updateReportButton();

    m_refreshDelay.setSingleShot(true);
    m_refreshDelay.setInterval(RefreshDelayMs);
    connect(&m_refreshDelay, &QTimer::timeout, this, &CompliancePage::refresh);
    if (backend) {
        connect(backend, &TrackerBackend::fleetChanged, this, [this] {
            if (!m_refreshDelay.isActive())
                m_refreshDelay.start();
        });
    }
    refresh();
}

void CompliancePage::setReferenceDate(QDate date)
{
    if (date == m_referenceDate)
        return;
    m_referenceDate = date;
    refresh();
}

void CompliancePage::setPolicy(const CompliancePolicy &policy)
{
    if (policy == m_policy)
        return;
    m_policy = policy;
    refresh();
}

void CompliancePage::setReportSources(FirmwareBackend *firmware, RolloutBackend *rollouts,
                                      OperatorSession *session)
{
    m_firmware = firmware;
    m_rollouts = rollouts;
    m_session = session;
    delete m_reportDialog; // made for the sources before
    updateReportButton();
}

void CompliancePage::updateReportButton()
{
    const bool ready = m_backend && m_firmware && m_rollouts && m_session;
    m_reportButton->setEnabled(ready);
    m_reportButton->setToolTip(
        ready ? tr("Writes a PDF for a date: devices by patch age and support status, security "
                   "update decisions against the 7-day window (SSU-TES-0010), completed rollouts.")
              : tr("The compliance report needs the device tracker, the firmware server and the "
                   "rollout service; this console is not connected to all of them."));
}

ComplianceReportDialog *CompliancePage::reportDialog() const
{
    return m_reportDialog;
}

void CompliancePage::openReportDialog()
{
    if (!m_reportButton->isEnabled())
        return;
    if (!m_reportDialog) {
        m_reportDialog
            = new ComplianceReportDialog(m_backend, m_firmware, m_rollouts, m_session, this);
        if (m_referenceDate.isValid())
            m_reportDialog->setDate(m_referenceDate);
    }
    m_reportDialog->setPolicy(m_policy); // the limits the page shows
    m_reportDialog->open();
    m_reportDialog->raise();
    m_reportDialog->activateWindow();
}

QString CompliancePage::summaryText() const
{
    return m_summary->text();
}

void CompliancePage::refresh()
{
    m_refreshDelay.stop();
    if (!m_backend) {
        showError(tr("No device tracker is connected."));
        return;
    }
    const quint64 request = ++m_request;
    m_busy->show();
    m_backend->compliance(DeviceFilter(), m_policy, m_referenceDate)
        .then(this, [this, request](const Result<ComplianceSummary> &result) {
            if (request != m_request)
                return; // a newer count is on its way
            m_busy->hide();
            if (result.ok())
                setSummary(result.value());
            else
                showError(result.error().text());
        });
}

void CompliancePage::setSummary(const ComplianceSummary &summary)
{
    m_policy = summary.policy;
    m_supportModel->setSummary(summary);
    m_patchAgeModel->setSummary(summary);
    m_rankingModel->setSummary(summary);
    m_ranking->resizeColumnsToContents();

    int outOfDate = 0;
    for (const PatchAgeBin &bin : summary.patchAge) {
        if (m_patchAgeModel->isOutOfDate(bin))
            outOfDate += bin.devices;
    }
    const int ended = summary.bySupportStatus[int(SupportStatus::Ended)];
    const int ending = summary.bySupportStatus[int(SupportStatus::EndingSoon)];
    const double total = qMax(1, summary.devices);
    // One paragraph that says what the charts show, for screen readers and for a quick read.
    QString text = tr("%Ln device(s) as of %1.", nullptr, summary.devices)
                       .arg(DeviceFormat::date(summary.referenceDate));
    text += QLatin1Char(' ')
        + tr("%1 (%2) have a security patch level older than %Ln day(s).", nullptr,
             summary.policy.outOfDateDays)
              .arg(DeviceFormat::number(outOfDate), DeviceFormat::percent(outOfDate / total));
    text += QLatin1Char(' ')
        + tr("%1 (%2) are on models whose support has ended and should be replaced; "
             "support ends within %Ln day(s) for %3 more.",
             nullptr, summary.policy.endingSoonDays)
              .arg(DeviceFormat::number(ended), DeviceFormat::percent(ended / total),
                   DeviceFormat::number(ending));
    if (!summary.models.isEmpty()) {
        const ModelCompliance &top = summary.models.first();
        text += QLatin1Char(' ')
            + tr("The most common model is %1 %2 with %3 devices, %4 of them out of date.")
                  .arg(top.manufacturer, top.model, DeviceFormat::number(top.devices),
                       DeviceFormat::percent(top.outOfDateShare()));
    }
    m_summary->setPalette(palette());
    m_summary->setText(text);
    m_loaded = true;
    Q_EMIT summaryShown();
}

void CompliancePage::showError(const QString &message)
{
    m_busy->hide();
    QPalette p = palette();
    p.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_summary->setPalette(p);
    m_summary->setText(DeviceFormat::warningMarker() + message);
    Q_EMIT errorOccurred(message);
}

void CompliancePage::onBinClicked(int bin)
{
    if (bin < 0 || bin >= m_patchAgeModel->rowCount())
        return;
    const PatchAgeBin &b = m_patchAgeModel->bins().at(bin);
    DeviceFilter filter;
    filter.patchAgeMin = b.minDays;
    if (b.maxDays >= 0)
        filter.patchAgeMax = b.maxDays;
    Q_EMIT showDevices(filter);
}

void CompliancePage::onStatusClicked(SupportStatus status)
{
    DeviceFilter filter;
    filter.supportStatuses = {status};
    Q_EMIT showDevices(filter);
}

void CompliancePage::onRankingActivated(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QModelIndex source = m_rankingProxy->mapToSource(index);
    DeviceFilter filter;
    filter.modelId = source.data(ModelComplianceModel::ModelIdRole).toInt();
    if (source.column() == ModelComplianceModel::OutOfDateColumn
        || source.column() == ModelComplianceModel::OutOfDateShareColumn)
        filter.patchAgeMin = m_rankingModel->outOfDateDays() + 1;
    Q_EMIT showDevices(filter);
}

} // namespace Patchboard
