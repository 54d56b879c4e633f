// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/operator.h"
#include "domain/rollout.h"

#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QStackedWidget;

namespace Patchboard {

class RolloutBackend;
class WallBoard;
class WallHeader;
class WallLegend;
class WallTile;

// Wall-screen mode (issue #5): a full-screen, read-only dashboard of the active rollouts for the
// operations room, read from across the room. Halted rollouts first and unmistakable, then
// running, paused and scheduled ones, then those completed or cancelled in the last few hours,
// dimmed; per wave a progress bar with patterns and counts, the current wave's failure rate
// against its error threshold, devices updated of targets. A header with the rollout clock, when
// the data was last updated and how many rollouts run or halted. Text sizes follow the window.
//
// It refreshes by itself: on rolloutsChanged, at most once a second and never with two requests
// on their way, and every autoRefreshInterval() in case the signals stop. An error is shown on
// the screen while the last good data stays, marked stale. Nothing on it acts or takes input:
// Esc or F11 emits closeRequested() and closes the wall screen when it is a window of its own.
// The lead opens it with showFullScreen().
class WallScreen : public QWidget
{
    Q_OBJECT
public:
    enum class Theme {
        Dark, // the wall's own dark palette (the default)
        Application, // the application's palette
    };
    Q_ENUM(Theme)

    static constexpr int ThrottleMs = 1000;
    static constexpr int DefaultAutoRefreshMs = 10000;

    // Reads rollouts as defaultViewer(). rollouts may be null: the screen says so.
    explicit WallScreen(RolloutBackend *rollouts, QWidget *parent = nullptr);
    WallScreen(RolloutBackend *rollouts, const Operator &viewer, QWidget *parent = nullptr);
    ~WallScreen() override;

    // "wall-screen", a viewer: allowed to view rollouts (Permission::ViewRollouts), nothing else.
    static Operator defaultViewer();

    void setTheme(Theme theme);
    Theme theme() const { return m_theme; }
    void setAutoRefreshInterval(int milliseconds);
    int autoRefreshInterval() const;

    // A list has arrived at least once.
    bool isLoaded() const { return m_loaded; }
    // The data shown is not current: the last refresh failed, or no answer came for a while.
    bool isStale() const;
    // The error on the screen, empty when there is none.
    QString errorText() const;
    // What the screen says instead of tiles (no active rollouts, loading, could not load);
    // empty while it shows rollouts.
    QString emptyText() const;
    // The time the wall goes by (UTC): the rollout clock, or the wall clock without one.
    QDateTime now() const;
    bool hasSimulatedClock() const { return m_simulated; }
    // Rollout lists asked for so far (tests check the throttle).
    int listRequests() const { return m_listRequests; }

    // The rollouts on the wall, in order (tiles, then any named in the overflow line).
    QList<qint64> shownRollouts() const;
    WallTile *tile(qint64 rolloutId) const;
    WallBoard *board() const { return m_board; }
    QLabel *titleLabel() const;
    QLabel *summaryLabel() const;
    QLabel *clockLabel() const;
    QLabel *updatedLabel() const;

public Q_SLOTS:
    // Asks for the list now, or as soon as the answer on its way is back.
    void refresh();

Q_SIGNALS:
    // Esc or F11: the operator wants the wall screen gone.
    void closeRequested();
    // A list arrived and is on the screen (the first time and after every refresh).
    void rolloutsShown();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void requestRefresh(); // throttled
    void pump();
    void setRollouts(const QList<RolloutSummary> &rollouts);
    void setError(const QString &message);
    void setClock(const QDateTime &clock);
    void tick();
    void updateBoard();
    void updateHeader();
    void updateBanner();
    void updateColors();
    void applyScale();

    QPointer<RolloutBackend> m_backend;
    Operator m_viewer;
    Theme m_theme = Theme::Dark;
    double m_scale = 1.0;

    WallHeader *m_header = nullptr;
    QLabel *m_error = nullptr;
    QStackedWidget *m_stack = nullptr;
    WallBoard *m_board = nullptr;
    QWidget *m_message = nullptr;
    QLabel *m_messageTitle = nullptr;
    QLabel *m_messageText = nullptr;
    WallLegend *m_legend = nullptr;

    QTimer m_throttle;
    QTimer m_autoRefresh;
    QTimer m_tick;

    QList<RolloutSummary> m_rollouts;
    QList<qint64> m_shownIds;
    QString m_errorMessage;
    QDateTime m_lastSuccess; // wall time of the last good answer
    QDateTime m_clock; // the simulated rollout clock, when there is one
    bool m_simulated = false;
    bool m_inFlight = false;
    bool m_dirty = false;
    bool m_loaded = false;
    int m_listRequests = 0;
};

} // namespace Patchboard
