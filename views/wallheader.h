// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QWidget>

class QLabel;

namespace Patchboard {

// The top of the wall screen: its title and how many rollouts run or halted on the left; the
// rollout clock, its date (and whether the clock is simulated) and when the data was last
// updated on the right. Read only.
class WallHeader : public QWidget
{
    Q_OBJECT
public:
    explicit WallHeader(QWidget *parent = nullptr);

    // utc: the time the wall goes by; simulated: the rollout service's simulated clock.
    void setClock(const QDateTime &utc, bool simulated);
    // alert: halted rollouts among them, said in the critical colour too.
    void setSummary(const QString &text, bool alert);
    // lastUpdate: the wall time (UTC) of the last good answer, invalid before the first; stale:
    // the data shown is not current.
    void setUpdated(const QDateTime &lastUpdate, bool stale);

    QLabel *titleLabel() const { return m_title; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *clockLabel() const { return m_clock; }
    QLabel *updatedLabel() const { return m_updated; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateColors();

    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_clock = nullptr;
    QLabel *m_date = nullptr;
    QLabel *m_updated = nullptr;
    bool m_alert = false;
    bool m_stale = false;
};

} // namespace Patchboard
