// SPDX-License-Identifier: Apache-2.0
#include "compliancereportgatherer.h"

#include "firmware/firmwarebackend.h"
#include "rollout/rolloutbackend.h"
#include "tracker/trackerbackend.h"

#include <QTimer>

namespace Patchboard {

ComplianceReportGatherer::ComplianceReportGatherer(TrackerBackend *tracker,
                                                   FirmwareBackend *firmware,
                                                   RolloutBackend *rollouts, QObject *parent)
    : QObject(parent), m_tracker(tracker), m_firmware(firmware), m_rollouts(rollouts), m_clock([] {
        return QDateTime::currentDateTimeUtc();
    })
{ }

// Qt 6.4 runs a .then(context, ...) continuation at once, inside the call, when the future has
// already finished; a finished run therefore reports on the next turn of the event loop (see
// complete() and fail()), and every continuation checks that its run is still the current one.
template<typename T, typename F>
void ComplianceReportGatherer::ask(QFuture<Result<T>> future, const QString &what, F onValue)
{
    const quint64 job = m_job;
    future
        .then(this,
              [this, job, what, onValue](const Result<T> &result) {
                  if (job != m_job)
                      return; // a newer run, or this one already failed
                  if (!result.ok())
                      return fail(tr("Could not read %1 for the report.\n%2")
                                      .arg(what, result.error().text()));
                  onValue(result.value());
              })
        .onCanceled(this, [this, job, what] {
            if (job == m_job)
                fail(tr("Reading %1 was cancelled before it finished. Try again.").arg(what));
        });
}

void ComplianceReportGatherer::start(QDate date, const Operator &who)
{
    cancel();
    const quint64 job = ++m_job;
    m_running = true;
    m_date = date;
    m_cutoff = ComplianceReportData::cutoffOf(date);
    m_who = who;
    m_sources = {};
    m_lists = 0;
    m_done = 0;
    m_total = 3;
    m_histories.clear();
    if (!date.isValid())
        return fail(tr("Choose a valid date for the report."));
    if (!m_tracker || !m_firmware || !m_rollouts)
        return fail(tr("The report needs the device tracker, the firmware server and the rollout "
                       "service, and one of them is not connected. Restart Patchboard."));
    m_sources.fleetSource = m_tracker->description();

    ask(m_tracker->compliance(DeviceFilter(), m_policy, date), tr("the device counts"),
        [this](const ComplianceSummary &fleet) {
            m_sources.fleet = fleet;
            answered();
        });
    if (job != m_job)
        return; // failed at once
    ask(m_firmware->releases(who), tr("the releases"),
        [this](const QList<ReleaseSummary> &releases) {
            m_sources.releases = releases;
            for (const ReleaseSummary &r : releases) {
                if (ComplianceReportData::needsHistory(r, m_cutoff))
                    m_histories.append({true, r.id, r.version});
            }
            answered();
        });
    if (job != m_job)
        return;
    ask(m_rollouts->rollouts(who), tr("the rollouts"),
        [this](const QList<RolloutSummary> &rollouts) {
            m_sources.rollouts = rollouts;
            for (const RolloutSummary &r : rollouts) {
                if (ComplianceReportData::needsHistory(r))
                    m_histories.append({false, r.id, r.name});
            }
            answered();
        });
}

void ComplianceReportGatherer::cancel()
{
    ++m_job;
    m_running = false;
}

void ComplianceReportGatherer::answered()
{
    ++m_lists;
    ++m_done;
    m_total = 3 + int(m_histories.size());
    if (m_lists < 3) {
        Q_EMIT progressChanged(m_done, m_total,
                               tr("Reading the fleet, releases and rollouts\u2026"));
        return;
    }
    askNextHistory();
}

// One history at a time: a report is not worth crowding the backend's workers.
void ComplianceReportGatherer::askNextHistory()
{
    if (m_histories.isEmpty())
        return complete();
    const HistoryRequest next = m_histories.constFirst();
    if (next.release) {
        Q_EMIT progressChanged(m_done, m_total,
                               tr("Reading the decisions on release %1\u2026").arg(next.name));
        ask(m_firmware ? m_firmware->releaseDetail(m_who, next.id)
                       : QtFuture::makeReadyFuture(Result<ReleaseDetail>(
                           ServiceError::make(ServiceError::Code::StorageUnavailable,
                                              tr("The firmware server is no longer connected.")))),
            tr("the history of release %1").arg(next.name), [this](const ReleaseDetail &detail) {
                m_sources.releaseHistory.insert(detail.summary.id, detail.history);
                m_histories.removeFirst();
                ++m_done;
                askNextHistory();
            });
    } else {
        Q_EMIT progressChanged(m_done, m_total,
                               tr("Reading the history of rollout %1\u2026").arg(next.name));
        ask(m_rollouts ? m_rollouts->rolloutDetail(m_who, next.id)
                       : QtFuture::makeReadyFuture(Result<RolloutDetail>(
                           ServiceError::make(ServiceError::Code::StorageUnavailable,
                                              tr("The rollout service is no longer connected.")))),
            tr("the history of rollout %1").arg(next.name), [this](const RolloutDetail &detail) {
                m_sources.rolloutHistory.insert(detail.summary.id, detail.history);
                m_histories.removeFirst();
                ++m_done;
                askNextHistory();
            });
    }
}

void ComplianceReportGatherer::fail(const QString &message)
{
    const quint64 job = ++m_job; // whatever this run still has on its way is dropped
    QTimer::singleShot(0, this, [this, job, message] {
        if (job != m_job)
            return;
        m_running = false;
        Q_EMIT failed(message);
    });
}

void ComplianceReportGatherer::complete()
{
    Q_EMIT progressChanged(m_total, m_total, tr("Writing the report\u2026"));
    const ComplianceReportData data
        = ComplianceReportData::assemble(m_date, m_who, m_clock(), m_sources);
    m_sources = {};
    const quint64 job = ++m_job;
    QTimer::singleShot(0, this, [this, job, data] {
        if (job != m_job)
            return;
        m_running = false;
        Q_EMIT finished(data);
    });
}

} // namespace Patchboard
