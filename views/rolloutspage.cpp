// SPDX-License-Identifier: Apache-2.0
#include "rolloutspage.h"

#include "deviceformat.h"
#include "firmware/firmwarebackend.h"
#include "newrolloutdialog.h"
#include "operatorsession.h"
#include "rollout/rolloutbackend.h"
#include "rolloutdetailpanel.h"
#include "rolloutformat.h"
#include "rolloutlistmodel.h"
#include "simulatorbar.h"
#include "tracker/trackerbackend.h"
#include "viewstyle.h"
#include "waveprogressdelegate.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

// rolloutsChanged comes a few times a second while rollouts run; the list follows at most four
// times a second.
constexpr int RefreshIntervalMs = 250;

} // namespace

RolloutsPage::RolloutsPage(RolloutBackend *rollouts, FirmwareBackend *firmware,
                           TrackerBackend *tracker, OperatorSession *session, QWidget *parent)
    : QWidget(parent)
    , m_backend(rollouts)
    , m_firmware(firmware)
    , m_tracker(tracker)
    , m_session(session)
    , m_model(new RolloutListModel(this))
    , m_new(new QPushButton(tr("&New Rollout\u2026"), this))
    , m_count(new QLabel(this))
    , m_error(new QLabel(this))
    , m_simulator(new SimulatorBar(rollouts, session, this))
    , m_listStack(new QStackedWidget(this))
    , m_tree(new QTreeView(this))
    , m_empty(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_detail(new RolloutDetailPanel(rollouts, session, this))
{
    m_new->setAccessibleName(tr("New rollout"));
    m_count->setTextFormat(Qt::PlainText);
    m_count->setAccessibleName(tr("Rollout count"));
    m_count->setText(tr("Loading rollouts\u2026"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_error->setAccessibleName(tr("Error"));
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_error->setPalette(errorPalette);
    m_error->hide();

    m_tree->setModel(m_model);
    m_tree->setItemDelegateForColumn(RolloutListModel::ProgressColumn,
                                     new WaveProgressDelegate(m_tree));
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setWordWrap(false);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setAccessibleName(tr("Rollouts"));
    setInitialColumnWidths();

    // No rollouts yet: say how to make one instead of showing an empty table.
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(tr("No rollouts yet. A rollout manager plans one from an approved release "
                        "with New Rollout (Ctrl+Shift+N)."));
    ViewStyle::setMuted(m_empty);
    m_listStack->addWidget(m_tree);
    m_listStack->addWidget(m_empty);
    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_listStack, 1);
    listLayout->addWidget(makeLegend());
    m_splitter->addWidget(listPane);
    m_splitter->addWidget(m_detail);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    // About nine rows of the list in view (a rollout with its waves); the detail gets the rest.
    m_splitter->setSizes({m_tree->fontMetrics().height() * 17, 420});

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_new);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_count, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addWidget(m_simulator);
    layout->addWidget(m_error);
    layout->addWidget(m_splitter, 1);
    setTabOrder(m_new, m_simulator);
    setTabOrder(m_simulator, m_tree);

    connect(m_new, &QPushButton::clicked, this, &RolloutsPage::newRollout);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RolloutsPage::showCurrentRollout);
    connect(m_detail, &RolloutDetailPanel::statusMessage, this, &RolloutsPage::statusMessage);
    connect(m_detail, &RolloutDetailPanel::actionFinished, this, [this] {
        refresh();
        Q_EMIT operatorActed();
    });
    connect(m_simulator, &SimulatorBar::errorChanged, this, &RolloutsPage::setSimulationError);
    connect(m_session, &OperatorSession::operatorChanged, this, [this] {
        updateNewButton();
        refresh();
    });

    m_throttle.setSingleShot(true);
    m_throttle.setInterval(RefreshIntervalMs);
    connect(&m_throttle, &QTimer::timeout, this, &RolloutsPage::pump);
    if (m_backend)
        connect(m_backend, &RolloutBackend::rolloutsChanged, this, &RolloutsPage::requestRefresh);
    updateNewButton();
    loadCatalog();
    m_simulator->load();
    refresh();
}

NewRolloutDialog *RolloutsPage::newRolloutDialog() const
{
    return m_dialog.data();
}

QString RolloutsPage::emptyText() const
{
    return m_listStack->currentWidget() == m_empty ? m_empty->text() : QString();
}

QString RolloutsPage::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void RolloutsPage::requestRefresh()
{
    m_dirty = true;
    pump();
}

void RolloutsPage::pump()
{
    if (m_dirty && !m_inFlight && !m_throttle.isActive())
        refresh();
}

void RolloutsPage::refresh()
{
    if (!m_backend) {
        setListError(tr("No rollout service is connected."));
        m_count->setText(tr("Rollouts are not available."));
        return;
    }
    m_dirty = true;
    if (m_inFlight)
        return; // pump() asks again when the answer is back
    m_dirty = false;
    m_inFlight = true;
    m_throttle.start();
    ++m_listRequests;
    // Flags are set before the call: Qt 6.4 runs the continuation of a finished future at once.
    m_backend->rollouts(m_session->current())
        .then(this, [this](const Result<QList<RolloutSummary>> &result) {
            m_inFlight = false;
            if (!result.ok()) {
                setListError(result.error().text());
                if (!m_loaded)
                    m_count->setText(tr("Rollouts could not be loaded."));
            } else {
                setListError({});
                setRollouts(result.value());
            }
            pump();
        });
}

void RolloutsPage::setRollouts(const QList<RolloutSummary> &rollouts)
{
    m_model->setRollouts(rollouts);
    m_loaded = true;
    m_listStack->setCurrentWidget(rollouts.isEmpty() ? static_cast<QWidget *>(m_empty) : m_tree);
    updateCount();
    selectPending();
    // The counts in the detail move with the list.
    if (m_detail->rolloutId() && m_model->rowOf(m_detail->rolloutId()) >= 0)
        m_detail->reload();
    Q_EMIT rolloutsShown();
}

void RolloutsPage::showRollout(qint64 rolloutId)
{
    m_selected = rolloutId;
    m_selectPending = true;
    selectPending();
    m_detail->showRollout(rolloutId);
}

void RolloutsPage::selectPending()
{
    if (!m_selected)
        return;
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid() && !m_selectPending)
        return; // the operator's own selection stands
    const QModelIndex index = m_model->indexOf(m_selected);
    if (!index.isValid())
        return;
    m_selectPending = false;
    if (current.data(RolloutListModel::RolloutIdRole).toLongLong() != m_selected)
        m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

void RolloutsPage::showCurrentRollout()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return; // a reset loses the selection; the detail keeps the rollout until it is back
    m_selected = current.data(RolloutListModel::RolloutIdRole).toLongLong();
    m_detail->showRollout(m_selected);
}

void RolloutsPage::updateCount()
{
    int running = 0;
    int halted = 0;
    int waiting = 0;
    const QList<RolloutSummary> rollouts = m_model->rollouts();
    for (const RolloutSummary &s : rollouts) {
        running += s.state == RolloutState::Running ? 1 : 0;
        halted += s.state == RolloutState::Halted ? 1 : 0;
        for (const WaveProgress &wave : s.waves)
            waiting += wave.waitingForGate ? 1 : 0;
    }
    QString text = tr("%Ln rollout(s)", nullptr, int(rollouts.size()));
    text += tr(", %Ln running", nullptr, running);
    if (waiting > 0)
        text += tr(", %Ln waiting for the gate", nullptr, waiting);
    if (halted > 0)
        text += QStringLiteral(", ") + DeviceFormat::warningMarker()
            + tr("%Ln halted", nullptr, halted);
    m_count->setText(text);
    QPalette palette = this->palette();
    if (halted > 0)
        palette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_count->setPalette(palette);
}

void RolloutsPage::updateNewButton()
{
    QString why = m_session->deniedReason(Permission::PlanRollout);
    if (why.isEmpty() && (!m_backend || !m_firmware))
        why = tr("Rollouts need the rollout service and the firmware server.");
    m_new->setEnabled(why.isEmpty());
    m_new->setToolTip(
        why.isEmpty() ? tr("Plan a staged rollout of an approved release (Ctrl+Shift+N)") : why);
}

void RolloutsPage::newRollout()
{
    if (!m_new->isEnabled())
        return;
    if (!m_dialog) {
        m_dialog = new NewRolloutDialog(m_backend, m_firmware, m_tracker, m_session, this);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialog->setDefaults(m_rolloutDefaults);
        connect(m_dialog, &NewRolloutDialog::rolloutCreated, this, [this](qint64 id) {
            refresh();
            showRollout(id);
            Q_EMIT operatorActed();
        });
        connect(m_dialog, &NewRolloutDialog::statusMessage, this, &RolloutsPage::statusMessage);
        connect(m_dialog, &NewRolloutDialog::showDevicesRequested, this,
                &RolloutsPage::showDevicesRequested);
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void RolloutsPage::loadCatalog()
{
    if (!m_tracker)
        return;
    m_tracker->catalog().then(this, [this](const Result<FleetCatalog> &result) {
        if (!result.ok()) {
            setSimulationError(result.error().text());
            return;
        }
        m_detail->setCatalog(result.value());
        m_simulator->setModels(result.value().models);
    });
}

void RolloutsPage::setListError(const QString &message)
{
    m_listError = message;
    updateErrorLine();
}

void RolloutsPage::setSimulationError(const QString &message)
{
    m_simulationError = message;
    updateErrorLine();
}

void RolloutsPage::updateErrorLine()
{
    QStringList lines;
    for (const QString &message : {m_listError, m_simulationError}) {
        if (!message.isEmpty())
            lines.append(DeviceFormat::warningMarker() + message);
    }
    m_error->setText(lines.join(QLatin1Char('\n')));
    m_error->setVisible(!lines.isEmpty());
}

QWidget *RolloutsPage::makeLegend()
{
    // What the patterns of the bars mean, drawn with the bars' own painter.
    auto *legend = new QWidget(this);
    auto *layout = new QHBoxLayout(legend);
    layout->setContentsMargins(2, 0, 2, 0);
    struct Part
    {
        RolloutFormat::Counts counts;
        QString text;
    };
    RolloutFormat::Counts succeeded, failed, inProgress, pending;
    succeeded.succeeded = 1;
    failed.failed = 1;
    inProgress.inProgress = 1;
    pending.pending = 1;
    const Part parts[] = {
        {succeeded, RolloutFormat::succeededMark() + QLatin1Char(' ') + tr("Succeeded")},
        {failed, RolloutFormat::failedMark() + QLatin1Char(' ') + tr("Failed")},
        {inProgress, RolloutFormat::inProgressMark() + QLatin1Char(' ') + tr("In progress")},
        {pending, RolloutFormat::pendingMark() + QLatin1Char(' ') + tr("Pending")},
    };
    for (const Part &part : parts) {
        auto *icon = new QLabel(legend);
        icon->setProperty("counts", QVariant::fromValue(part.counts));
        m_legendSwatches.append(icon);
        auto *text = new QLabel(part.text, legend);
        layout->addWidget(icon);
        layout->addWidget(text);
        layout->addSpacing(12);
    }
    layout->addStretch(1);
    paintLegend();
    return legend;
}

void RolloutsPage::paintLegend()
{
    const QFontMetrics fm = fontMetrics();
    const QSize swatch(fm.height() * 2, fm.height() - 2);
    for (QLabel *icon : std::as_const(m_legendSwatches)) {
        QPixmap pixmap(swatch * devicePixelRatioF());
        pixmap.setDevicePixelRatio(devicePixelRatioF());
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        WaveProgressDelegate::paintBar(&painter, QRect(QPoint(0, 0), swatch),
                                       icon->property("counts").value<RolloutFormat::Counts>(),
                                       palette());
        painter.end();
        icon->setPixmap(pixmap);
    }
}

void RolloutsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        paintLegend(); // the theme changed (Settings > Appearance)
}

void RolloutsPage::setInitialColumnWidths()
{
    const QFontMetrics fm = m_tree->fontMetrics();
    const QFontMetrics headerFm = m_tree->header()->fontMetrics();
    const QString samples[RolloutListModel::ColumnCount] = {
        QStringLiteral("November security update"),
        QStringLiteral("demo-1234.5678"),
        tr("Running, wave %1 of %2").arg(3).arg(4),
        QString(), // the bar: set below
        DeviceFormat::number(1234567),
        DeviceFormat::dateTime(QDateTime(QDate(2026, 12, 28), QTime(23, 59), Qt::UTC)),
        QString(),
    };
    for (int column = 0; column < RolloutListModel::ColumnCount; ++column) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        m_tree->setColumnWidth(column,
                               qMax(fm.horizontalAdvance(samples[column]) + 24,
                                    headerFm.horizontalAdvance(title) + 24));
    }
    m_tree->setColumnWidth(RolloutListModel::ProgressColumn,
                           fm.horizontalAdvance(QStringLiteral("\u2713 12,345 \u00b7 \u2717 123 "
                                                               "\u00b7 \u25D0 1,234 \u00b7 "
                                                               "\u25CB 12,345"))
                               + 110);
}

} // namespace Patchboard
