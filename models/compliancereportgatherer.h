// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "compliancereportdata.h"
#include "core/result.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Patchboard {

class FirmwareBackend;
class RolloutBackend;
class TrackerBackend;

// Asks the three backends for what the compliance report of one date needs (issue #5): the
// fleet's compliance summary, the releases with the history of the decided ones, the rollouts
// with the history of the halted ones. Only the backend interfaces are used, so it works with any
// backend. Everything is asynchronous: start() returns at once, progressChanged() follows each
// answer, and exactly one of finished() or failed() ends a run, always on a later turn of the
// event loop (never from within start()). A new start() or cancel() drops what the older run
// still had on its way.
class ComplianceReportGatherer : public QObject
{
    Q_OBJECT
public:
    ComplianceReportGatherer(TrackerBackend *tracker, FirmwareBackend *firmware,
                             RolloutBackend *rollouts, QObject *parent = nullptr);

    void setPolicy(const CompliancePolicy &policy) { m_policy = policy; }
    // "Now" for the report's generation time (tests set a fixed one).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    void start(QDate date, const Operator &who);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // done of total requests answered; step says what is being read now.
    void progressChanged(int done, int total, const QString &step);
    void finished(const Patchboard::ComplianceReportData &data);
    // What failed and what the operator can do, ready to show.
    void failed(const QString &message);

private:
    template<typename T, typename F>
    void ask(QFuture<Result<T>> future, const QString &what, F onValue);
    void answered();
    void askNextHistory();
    void fail(const QString &message);
    void complete();

    QPointer<TrackerBackend> m_tracker;
    QPointer<FirmwareBackend> m_firmware;
    QPointer<RolloutBackend> m_rollouts;
    CompliancePolicy m_policy;
    std::function<QDateTime()> m_clock;

    quint64 m_job = 0;
    bool m_running = false;
    QDate m_date;
    QDateTime m_cutoff;
    Operator m_who;
    ComplianceReportSources m_sources;
    int m_lists = 0; // of the three first answers (fleet, releases, rollouts)
    int m_done = 0;
    int m_total = 0;
    // The histories still to ask for, one at a time: (release or rollout, id).
    struct HistoryRequest
    {
        bool release = true;
        qint64 id = 0;
        QString name;
    };
    QList<HistoryRequest> m_histories;
};

} // namespace Patchboard
