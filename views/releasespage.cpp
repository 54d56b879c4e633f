// SPDX-License-Identifier: Apache-2.0
#include "releasespage.h"

#include "deviceformat.h"
#include "firmware/firmwarebackend.h"
#include "operatorsession.h"
#include "releasedetailpanel.h"
#include "releaseimportbar.h"
#include "releaselistmodel.h"
#include "releasesettingsdialog.h"
#include "tracker/trackerbackend.h"
#include "truststoredialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

constexpr int RefreshDelayMs = 150;
// Days left change while the console stays open; the list is cheap to fetch.
constexpr int ClockTickMs = 10 * 60 * 1000;

} // namespace

ReleasesPage::ReleasesPage(FirmwareBackend *firmware, TrackerBackend *tracker,
                           OperatorSession *session, QWidget *parent)
    : QWidget(parent)
    , m_firmware(firmware)
    , m_tracker(tracker)
    , m_session(session)
    , m_model(new ReleaseListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_imports(new ReleaseImportBar(firmware, session, this))
    , m_trust(new QPushButton(tr("&Trust Store\u2026"), this))
    , m_policy(new QPushButton(tr("Release &Policy\u2026"), this))
    , m_filter(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_fourEyes(new QLabel(this))
    , m_error(new QLabel(this))
    , m_table(new QTableView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_detail(new ReleaseDetailPanel(firmware, session, this))
{
    m_trust->setToolTip(tr("The Author keys trusted per vendor (administrators change them)"));
    m_policy->setToolTip(
        tr("The rules every approval follows, such as the four-eyes rule (administrators change "
           "them)"));

    m_filter->setAccessibleName(tr("Show releases"));
    m_filter->addItem(tr("All releases"), QVariantList{AllReleases});
    m_filter->addItem(tr("Awaiting decision"), QVariantList{AwaitingDecision});
    m_filter->addItem(tr("Overdue (past the 7-day window)"), QVariantList{Overdue});
    for (ReleaseState state :
         {ReleaseState::Verified, ReleaseState::InTesting, ReleaseState::Approved,
          ReleaseState::Rejected, ReleaseState::Refused, ReleaseState::Withdrawn}) {
        m_filter->addItem(ReleaseStates::displayName(state),
                          QVariantList{SingleState, ReleaseStates::name(state)});
    }
    auto *filterLabel = new QLabel(tr("&Show:"), this);
    filterLabel->setBuddy(m_filter);

    m_count->setTextFormat(Qt::PlainText);
    m_count->setText(tr("Loading releases\u2026"));
    // Whether one engineer may test and approve alone is part of every decision on this page, so
    // it is always in view, not only in the dialog.
    m_fourEyes->setTextFormat(Qt::PlainText);
    m_fourEyes->setAccessibleName(tr("Four-eyes rule"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_error->setPalette(errorPalette);
    m_error->hide();

    // A few hundred rows at most: a proxy sorts and filters them (unlike the device fleet).
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ReleaseListModel::SortRole);
    m_proxy->setFilterRole(ReleaseListModel::StateRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    // What needs a decision soonest first (SSU-TES-0010); decided and refused releases after.
    m_table->sortByColumn(ReleaseListModel::WindowColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Releases"));
    setInitialColumnWidths();

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 3);
    // About eight releases in view; the detail below gets the rest.
    m_splitter->setSizes({m_table->verticalHeader()->defaultSectionSize() * 9, 600});

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_imports);
    toolbar->addWidget(m_trust);
    toolbar->addWidget(m_policy);
    toolbar->addSpacing(24);
    toolbar->addWidget(filterLabel);
    toolbar->addWidget(m_filter);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_count, 1);
    toolbar->addWidget(m_fourEyes);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addWidget(m_error);
    layout->addWidget(m_splitter, 1);

    connect(m_imports, &ReleaseImportBar::releaseImported, this, [this](qint64 id) {
        showRelease(id);
        refresh();
    });
    connect(m_imports, &ReleaseImportBar::bulletinsImported, m_detail,
            &ReleaseDetailPanel::reload); // the CVE cross-check of the shown release may change
    connect(m_imports, &ReleaseImportBar::statusMessage, this, &ReleasesPage::statusMessage);
    connect(m_trust, &QPushButton::clicked, this, &ReleasesPage::showTrustStore);
    connect(m_policy, &QPushButton::clicked, this, &ReleasesPage::showReleasePolicy);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &ReleasesPage::applyFilter);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReleasesPage::showCurrentRelease);
    connect(m_detail, &ReleaseDetailPanel::statusMessage, this, &ReleasesPage::statusMessage);
    // What an operator may see does not depend on the role, but the list is fetched as them.
    connect(m_session, &OperatorSession::operatorChanged, this, &ReleasesPage::refresh);

    m_refreshDelay.setSingleShot(true);
    m_refreshDelay.setInterval(RefreshDelayMs);
    connect(&m_refreshDelay, &QTimer::timeout, this, &ReleasesPage::refresh);
    m_clockTick.setInterval(ClockTickMs);
    connect(&m_clockTick, &QTimer::timeout, this, &ReleasesPage::refresh);
    m_clockTick.start();
    if (m_firmware) {
        connect(m_firmware, &FirmwareBackend::releasesChanged, this, [this] {
            if (!m_refreshDelay.isActive())
                m_refreshDelay.start();
        });
    }
    refresh();
}

TrustStoreDialog *ReleasesPage::trustStoreDialog() const
{
    return m_trustDialog.data();
}

ReleaseSettingsDialog *ReleasesPage::releaseSettingsDialog() const
{
    return m_policyDialog.data();
}

QString ReleasesPage::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ReleasesPage::refresh()
{
    if (!m_firmware) {
        showError(tr("No firmware server is connected."));
        return;
    }
    // A settings change also signals releasesChanged, which brings us here.
    loadPolicy();
    const quint64 request = ++m_request;
    m_firmware->releases(m_session->current())
        .then(this, [this, request](const Result<QList<ReleaseSummary>> &result) {
            if (request != m_request)
                return;
            if (!result.ok()) {
                showError(result.error().text());
                return;
            }
            m_error->hide();
            m_model->setReleases(result.value());
            m_loaded = true;
            updateCount();
            // A reset loses the selection: put it back on the release the operator picked.
            if (m_selected && !m_table->currentIndex().isValid()) {
                const int row = m_model->rowOf(m_selected);
                const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
                if (index.isValid())
                    m_table->setCurrentIndex(index);
            }
            Q_EMIT releasesShown();
        });
}

void ReleasesPage::showRelease(qint64 releaseId)
{
    m_selected = releaseId;
    const int row = m_model->rowOf(releaseId);
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (row >= 0 && !index.isValid()) {
        m_filter->setCurrentIndex(0); // the filter hides it
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    if (index.isValid()) {
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    }
    m_detail->showRelease(releaseId);
}

void ReleasesPage::applyFilter()
{
    const QVariantList filter = m_filter->currentData().toList();
    switch (StateFilter(filter.value(0).toInt())) {
    case AllReleases:
        m_proxy->setFilterRole(ReleaseListModel::StateRole);
        m_proxy->setFilterRegularExpression(QString());
        break;
    case AwaitingDecision:
        m_proxy->setFilterRole(ReleaseListModel::StateRole);
        m_proxy->setFilterRegularExpression(QStringLiteral("^(received|verified|in-testing)$"));
        break;
    case Overdue:
        m_proxy->setFilterRole(ReleaseListModel::OverdueRole);
        m_proxy->setFilterRegularExpression(QStringLiteral("^true$"));
        break;
    case SingleState:
        m_proxy->setFilterRole(ReleaseListModel::StateRole);
        m_proxy->setFilterRegularExpression(
            QRegularExpression(QLatin1Char('^') + filter.value(1).toString() + QLatin1Char('$')));
        break;
    }
    updateCount();
}

void ReleasesPage::updateCount()
{
    int awaiting = 0;
    int overdue = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const QString state = index.data(ReleaseListModel::StateRole).toString();
        awaiting += state == QLatin1String("received") || state == QLatin1String("verified")
                || state == QLatin1String("in-testing")
            ? 1
            : 0;
        overdue += index.data(ReleaseListModel::OverdueRole).toBool() ? 1 : 0;
    }
    const int total = m_model->rowCount();
    QString text = m_proxy->rowCount() == total
        ? tr("%Ln release(s)", nullptr, total)
        : tr("%1 of %Ln release(s)", nullptr, total).arg(m_proxy->rowCount());
    text += tr(", %Ln awaiting a decision", nullptr, awaiting);
    if (overdue > 0)
        text += QStringLiteral(", ") + DeviceFormat::warningMarker()
            + tr("%Ln overdue", nullptr, overdue);
    m_count->setText(text);
    QPalette palette = this->palette();
    if (overdue > 0)
        palette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_count->setPalette(palette);
}

void ReleasesPage::loadPolicy()
{
    const quint64 request = ++m_policyRequest;
    m_firmware->settings(m_session->current())
        .then(this, [this, request](const Result<FirmwareSettings> &result) {
            if (request == m_policyRequest)
                showFourEyes(result);
        });
}

void ReleasesPage::showFourEyes(const Result<FirmwareSettings> &settings)
{
    // Short, so that the toolbar does not set the window's minimum width; the sentence is in the
    // tooltip and in the Release Policy dialog.
    QPalette palette = this->palette();
    QString explanation;
    if (!settings.ok()) {
        m_fourEyes->setText(DeviceFormat::warningMarker() + tr("Four-eyes rule: unknown"));
        explanation = settings.error().text();
        palette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    } else if (settings.value().fourEyes) {
        m_fourEyes->setText(tr("Four-eyes rule: on"));
        explanation = tr("The approver must not have recorded any test result or waiver of the "
                         "release.");
    } else {
        m_fourEyes->setText(DeviceFormat::warningMarker() + tr("Four-eyes rule: off"));
        explanation = tr("Whoever recorded the tests of a release may also approve it.");
        palette.setColor(QPalette::WindowText, DeviceFormat::warningColor());
    }
    m_fourEyes->setToolTip(explanation);
    m_fourEyes->setAccessibleDescription(explanation);
    m_fourEyes->setPalette(palette);
}

void ReleasesPage::showCurrentRelease()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return; // a refresh resets the list; the detail keeps the release until it is back
    m_selected = current.data(ReleaseListModel::ReleaseIdRole).toLongLong();
    m_detail->showRelease(m_selected);
}

void ReleasesPage::showError(const QString &message)
{
    m_error->setText(DeviceFormat::warningMarker() + message);
    m_error->show();
    if (!m_loaded)
        m_count->setText(tr("Releases could not be loaded."));
}

void ReleasesPage::showTrustStore()
{
    if (!m_trustDialog) {
        m_trustDialog = new TrustStoreDialog(m_firmware, m_tracker, m_session, this);
        m_trustDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_trustDialog, &TrustStoreDialog::statusMessage, this,
                &ReleasesPage::statusMessage);
    }
    m_trustDialog->show();
    m_trustDialog->raise();
    m_trustDialog->activateWindow();
}

void ReleasesPage::showReleasePolicy()
{
    if (!m_policyDialog) {
        m_policyDialog = new ReleaseSettingsDialog(m_firmware, m_session, this);
        m_policyDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_policyDialog, &ReleaseSettingsDialog::statusMessage, this,
                &ReleasesPage::statusMessage);
    }
    m_policyDialog->show();
    m_policyDialog->raise();
    m_policyDialog->activateWindow();
}

void ReleasesPage::setInitialColumnWidths()
{
    const QFontMetrics fm = m_table->fontMetrics();
    const QFontMetrics headerFm = m_table->horizontalHeader()->fontMetrics();
    const QLocale locale;
    const QString samples[ReleaseListModel::ColumnCount] = {
        QStringLiteral("demo-1234.unknown-key"),
        QStringLiteral("Fjord Telecom"),
        QStringLiteral("Granite Meter LTE-M"),
        tr("Maintenance"),
        QStringLiteral("2026-12-05"),
        locale.toString(QDateTime(QDate(2026, 12, 28), QTime(23, 59)), QLocale::ShortFormat),
        ReleaseStates::displayName(ReleaseState::InTesting),
        DeviceFormat::warningMarker() + tr("Overdue by %Ln day(s)", nullptr, 12),
    };
    for (int column = 0; column < ReleaseListModel::ColumnCount; ++column) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        m_table->setColumnWidth(column,
                                qMax(fm.horizontalAdvance(samples[column]) + 16,
                                     headerFm.horizontalAdvance(title) + 24));
    }
}

} // namespace Patchboard
