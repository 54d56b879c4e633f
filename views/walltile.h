// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"
#include "wallstyle.h"

#include <QDateTime>
#include <QFrame>
#include <QList>

class QGridLayout;
class QLabel;
class QVBoxLayout;

namespace Patchboard {

class WallWaveBar;

// One rollout on the wall screen: its name and release, its state in words and a mark (a halted
// one with a thick border, a hatched band, "HALTED" on a red badge and the halt reason), a
// progress bar per wave with its state as a mark and its counts, the current wave's failure rate
// against its error threshold, and the devices updated of its targets. A rollout that finished
// recently is dimmed and shows one bar over all its waves. Labels only: nothing to click, select or
// edit.
class WallTile : public QFrame
{
    Q_OBJECT
public:
    explicit WallTile(QWidget *parent = nullptr);

    // now: the rollout clock, for "Soaking until 15:00" and whether a time needs its date.
    void setRollout(const RolloutSummary &rollout, const QDateTime &now);
    const RolloutSummary &rollout() const { return m_rollout; }
    qint64 rolloutId() const { return m_rollout.id; }
    // Completed or cancelled: dimmed, at the end of the wall.
    bool isFinished() const;

    void setScale(double scale);

    // What the tile says, line by line (tests read them as the operator would).
    QString nameText() const;
    QString stateText() const;
    QString releaseText() const;
    QString haltReasonText() const; // empty unless halted
    QString timingText() const;
    QString failureRateText() const; // empty when not shown
    QString thresholdNoteText() const; // empty when not shown
    QString devicesText() const;
    // Per wave: "▶ Wave 2 · 10%" and its counts.
    QStringList waveLabels() const;
    QStringList waveCounts() const;
    QList<WallWaveBar *> bars() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct WaveRow
    {
        QLabel *name = nullptr;
        WallWaveBar *bar = nullptr;
        QLabel *counts = nullptr;
    };

    QLabel *makeLabel(WallStyle::Text role, bool wrap = false);
    void setRows(int count);
    void updateRows();
    void updateColors();
    void updateMargins();
    void invalidateLayout();
    int borderWidth() const;
    int stripeWidth() const;

    RolloutSummary m_rollout;
    QDateTime m_now;
    double m_scale = 1.0;
    QVBoxLayout *m_layout = nullptr;
    QLabel *m_badge = nullptr;
    QLabel *m_name = nullptr;
    QLabel *m_release = nullptr;
    QLabel *m_reason = nullptr;
    QLabel *m_timing = nullptr;
    QWidget *m_waveBox = nullptr;
    QGridLayout *m_waveGrid = nullptr;
    QList<WaveRow> m_rows;
    QLabel *m_failure = nullptr;
    QLabel *m_devices = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace Patchboard
