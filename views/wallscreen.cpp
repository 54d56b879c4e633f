// SPDX-License-Identifier: Apache-2.0
#include "wallscreen.h"

#include "deviceformat.h"
#include "rollout/rolloutbackend.h"
#include "rolloutformat.h"
#include "wallboard.h"
#include "wallformat.h"
#include "wallheader.h"
#include "walllegend.h"
#include "wallstyle.h"
#include "walltile.h"

#include <QKeyEvent>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

namespace Patchboard {

namespace {

// Without an answer for this many automatic refresh intervals the data on the wall is marked
// stale even without an error: a backend that hangs says nothing.
constexpr int StaleAfterIntervals = 3;

} // namespace

WallScreen::WallScreen(RolloutBackend *rollouts, QWidget *parent)
    : WallScreen(rollouts, defaultViewer(), parent)
{ }

WallScreen::WallScreen(RolloutBackend *rollouts, const Operator &viewer, QWidget *parent)
    : QWidget(parent)
    , m_backend(rollouts)
    , m_viewer(viewer)
    , m_header(new WallHeader(this))
    , m_error(WallStyle::makeLabel(this, WallStyle::Text::Body, 1.0, true))
    , m_stack(new QStackedWidget(this))
    , m_board(new WallBoard(this))
    , m_message(new QWidget(this))
    , m_messageTitle(WallStyle::makeLabel(m_message, WallStyle::Text::Title, 1.0, true))
    , m_messageText(WallStyle::makeLabel(m_message, WallStyle::Text::Body, 1.0, true))
    , m_legend(new WallLegend(this))
{
    setWindowTitle(tr("Patchboard \u2014 Wall Screen"));
    setAccessibleName(tr("Wall screen"));
    setAccessibleDescription(
        tr("The active rollouts, halted ones first. Read only; press Escape to leave."));
    // The wall itself takes the keys (Esc, F11); nothing on it takes focus.
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);

    m_error->setAccessibleName(tr("Error"));
    m_error->setAutoFillBackground(true);
    m_error->hide();
    m_messageTitle->setAlignment(Qt::AlignCenter);
    m_messageText->setAlignment(Qt::AlignCenter);
    auto *messageLayout = new QVBoxLayout(m_message);
    messageLayout->addStretch(1);
    messageLayout->addWidget(m_messageTitle);
    messageLayout->addWidget(m_messageText);
    messageLayout->addStretch(2);
    m_stack->addWidget(m_message);
    m_stack->addWidget(m_board);
    m_stack->setFocusPolicy(Qt::NoFocus);

    auto *layout = new QVBoxLayout(this);
    // The text sizes follow the window, not the other way round: no minimum size from the
    // contents (at the last scale), or a smaller screen could not shrink the wall.
    layout->setSizeConstraint(QLayout::SetNoConstraint);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_legend);
    setTheme(Theme::Dark);

    m_throttle.setSingleShot(true);
    m_throttle.setInterval(ThrottleMs);
    connect(&m_throttle, &QTimer::timeout, this, &WallScreen::pump);
    m_autoRefresh.setInterval(DefaultAutoRefreshMs);
    connect(&m_autoRefresh, &QTimer::timeout, this, &WallScreen::requestRefresh);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &WallScreen::tick);

    if (m_backend) {
        connect(m_backend, &RolloutBackend::rolloutsChanged, this, &WallScreen::requestRefresh);
        connect(m_backend, &RolloutBackend::clockChanged, this, &WallScreen::setClock);
    }
    applyScale();
    updateHeader();
    updateBoard();
    refresh();
    if (m_backend) {
        // The rollout clock as it stands; clockChanged follows it from then on. A backend
        // without a simulation (a server on wall time) leaves the wall on the wall clock.
        m_backend->simulation().then(this, [this](const Result<SimulationSettings> &result) {
            if (result.ok() && result.value().available && result.value().clock.isValid()
                && !m_clock.isValid())
                setClock(result.value().clock);
        });
    }
}

WallScreen::~WallScreen() = default;

Operator WallScreen::defaultViewer()
{
    return Operator{QStringLiteral("wall-screen"), OperatorRole::Viewer};
}

void WallScreen::setTheme(Theme theme)
{
    m_theme = theme;
    // An empty palette inherits the application's again.
    setPalette(theme == Theme::Dark ? WallStyle::darkPalette() : QPalette());
    updateColors();
}

void WallScreen::setAutoRefreshInterval(int milliseconds)
{
    m_autoRefresh.setInterval(std::max(100, milliseconds));
}

int WallScreen::autoRefreshInterval() const
{
    return m_autoRefresh.interval();
}

bool WallScreen::isStale() const
{
    if (!m_errorMessage.isEmpty())
        return m_loaded;
    if (!m_lastSuccess.isValid())
        return false;
    const qint64 limit = qint64(StaleAfterIntervals) * m_autoRefresh.interval();
    return m_lastSuccess.msecsTo(QDateTime::currentDateTimeUtc()) > limit;
}

QString WallScreen::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString WallScreen::emptyText() const
{
    if (m_stack->currentWidget() != m_message)
        return {};
    return m_messageTitle->text() + QLatin1Char('\n') + m_messageText->text();
}

QDateTime WallScreen::now() const
{
    return m_simulated && m_clock.isValid() ? m_clock : QDateTime::currentDateTimeUtc();
}

QList<qint64> WallScreen::shownRollouts() const
{
    return m_stack->currentWidget() == m_board ? m_board->rolloutIds() : QList<qint64>();
}

WallTile *WallScreen::tile(qint64 rolloutId) const
{
    return m_board->tile(rolloutId);
}

QLabel *WallScreen::titleLabel() const
{
    return m_header->titleLabel();
}

QLabel *WallScreen::summaryLabel() const
{
    return m_header->summaryLabel();
}

QLabel *WallScreen::clockLabel() const
{
    return m_header->clockLabel();
}

QLabel *WallScreen::updatedLabel() const
{
    return m_header->updatedLabel();
}

// Refreshing: the same discipline as the Rollouts page, slower (a wall is watched, not worked).

void WallScreen::requestRefresh()
{
    m_dirty = true;
    // Hidden: the next show asks (showEvent); no queries for a screen nobody sees.
    if (isVisible())
        pump();
}

void WallScreen::pump()
{
    if (m_dirty && !m_inFlight && !m_throttle.isActive())
        refresh();
}

void WallScreen::refresh()
{
    if (!m_backend) {
        setError(tr("No rollout service is connected."));
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
    m_backend->rollouts(m_viewer).then(this, [this](const Result<QList<RolloutSummary>> &result) {
        m_inFlight = false;
        if (result.ok())
            setRollouts(result.value());
        else
            setError(result.error().text());
        pump();
    });
}

void WallScreen::setRollouts(const QList<RolloutSummary> &rollouts)
{
    m_rollouts = rollouts;
    m_loaded = true;
    m_errorMessage.clear();
    m_lastSuccess = QDateTime::currentDateTimeUtc();
    updateBoard();
    updateHeader();
    updateBanner();
    Q_EMIT rolloutsShown();
}

void WallScreen::setError(const QString &message)
{
    // The last good data stays on the wall; the header and the banner say it is stale.
    m_errorMessage = message;
    updateBoard();
    updateHeader();
    updateBanner();
}

void WallScreen::setClock(const QDateTime &clock)
{
    if (!clock.isValid())
        return;
    m_clock = clock;
    m_simulated = true;
    updateHeader();
    // A finished rollout leaves the wall once it is old enough on the rollout clock.
    QList<qint64> ids;
    const QList<RolloutSummary> ordered = WallFormat::wallOrder(m_rollouts, now());
    for (const RolloutSummary &rollout : ordered)
        ids.append(rollout.id);
    if (ids != m_shownIds)
        updateBoard();
}

void WallScreen::tick()
{
    if (!m_simulated)
        updateHeader(); // the wall clock moves
    else if (isStale())
        updateHeader();
    updateBanner();
}

void WallScreen::updateBoard()
{
    const QList<RolloutSummary> ordered = WallFormat::wallOrder(m_rollouts, now());
    m_shownIds.clear();
    for (const RolloutSummary &rollout : ordered)
        m_shownIds.append(rollout.id);
    m_board->setRollouts(ordered, now());
    if (!ordered.isEmpty()) {
        m_stack->setCurrentWidget(m_board);
        return;
    }
    // No tiles: say why, calmly, rather than show an empty screen.
    if (!m_loaded && !m_errorMessage.isEmpty()) {
        m_messageTitle->setText(tr("Rollouts could not be loaded"));
        m_messageText->setText(tr("The wall screen tries again by itself."));
    } else if (!m_loaded) {
        m_messageTitle->setText(tr("Loading rollouts\u2026"));
        m_messageText->clear();
    } else {
        m_messageTitle->setText(RolloutFormat::succeededMark() + QLatin1Char(' ')
                                + tr("No active rollouts"));
        m_messageText->setText(
            tr("Nothing is scheduled, running, paused or halted. Rollouts appear here by "
               "themselves when a rollout manager schedules one."));
    }
    m_messageText->setVisible(!m_messageText->text().isEmpty());
    m_stack->setCurrentWidget(m_message);
}

void WallScreen::updateHeader()
{
    m_header->setClock(now(), m_simulated);
    bool halted = false;
    for (const RolloutSummary &rollout : std::as_const(m_rollouts))
        halted = halted || rollout.state == RolloutState::Halted;
    m_header->setSummary(m_loaded ? WallFormat::countSummary(m_rollouts) : QString(), halted);
    m_header->setUpdated(m_lastSuccess, isStale());
}

void WallScreen::updateBanner()
{
    QString text;
    const QString since = m_lastSuccess.isValid()
        ? WallFormat::timeWithSeconds(m_lastSuccess.toLocalTime().time())
        : QString();
    if (!m_errorMessage.isEmpty()) {
        // One paragraph: the banner takes as little from the tiles as it can.
        QString message = m_errorMessage;
        message.replace(QLatin1Char('\n'), QLatin1Char(' '));
        text = m_loaded
            ? tr("Rollouts could not be refreshed; showing the data of %1. %2").arg(since, message)
            : tr("Rollouts could not be loaded. %1").arg(message);
    } else if (isStale()) {
        text = tr("No answer from the rollout service since %1: the data shown may be out of "
                  "date.")
                   .arg(since);
    }
    if (!text.isEmpty())
        text.prepend(DeviceFormat::warningMarker());
    if (text != m_error->text())
        m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void WallScreen::updateColors()
{
    const QPalette base = palette();
    QPalette banner = base;
    banner.setColor(QPalette::Window, WallStyle::criticalColor(base));
    banner.setColor(QPalette::WindowText, WallStyle::onCriticalColor(base));
    m_error->setPalette(banner);
    WallStyle::setTextColor(m_messageTitle, base, {});
    WallStyle::setTextColor(m_messageText, base, base.color(QPalette::PlaceholderText));
}

void WallScreen::applyScale()
{
    m_scale = WallStyle::scaleFor(size());
    const int margin = std::max(8, int(std::lround(32 * m_scale)));
    layout()->setContentsMargins(margin, margin * 3 / 4, margin, margin / 2);
    layout()->setSpacing(margin / 2);
    m_error->setMargin(std::max(4, int(std::lround(12 * m_scale))));
    WallStyle::applyScale(m_header, m_scale);
    WallStyle::applyScale(m_error, m_scale);
    WallStyle::applyScale(m_message, m_scale);
    m_legend->setScale(m_scale);
    m_board->setScale(m_scale);
}

void WallScreen::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_F11) {
        event->accept();
        const QPointer<WallScreen> self(this);
        Q_EMIT closeRequested();
        // A wall screen of its own (showFullScreen) closes itself; an embedded one leaves that
        // to whoever listens.
        if (self && isWindow())
            close();
        return;
    }
    QWidget::keyPressEvent(event);
}

void WallScreen::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    applyScale();
}

void WallScreen::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_autoRefresh.start();
    m_tick.start();
    setFocus(Qt::OtherFocusReason);
    if (m_dirty)
        pump();
}

void WallScreen::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_autoRefresh.stop();
    m_tick.stop();
}

void WallScreen::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

} // namespace Patchboard
