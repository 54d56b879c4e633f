// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QTime>

#include <optional>

namespace Patchboard {

// A staged rollout of one approved release (ARCHITECTURE.md update procedure step 3; peers:
// hawkBit rollout groups, Mender phased deployments, AWS IoT Jobs abort criteria). States are
// stored by their stable names (rolloutStateName()).
//   draft -> scheduled -> running -> paused (operator) / halted (error threshold, release
//   withdrawn) -> running ... -> completed | cancelled
enum class RolloutState : quint8 { Draft, Scheduled, Running, Paused, Halted, Completed, Cancelled };
constexpr int RolloutStateCount = 7;

// A wave: pending -> running -> succeeded (success threshold reached) | halted; cancelled when
// its rollout is cancelled before it started.
enum class WaveState : quint8 { Pending, Running, Succeeded, Halted, Cancelled };
constexpr int WaveStateCount = 5;

// Where one targeted device stands in one rollout. Stored as the number.
enum class TargetState : quint8 {
    Pending = 0,     // not offered yet (its wave has not started, or it has not checked in)
    Offered = 1,     // checked in and got the offer
    Downloading = 2,
    Verifying = 3,
    Installing = 4,  // waits for its maintenance window, then installs
    Rebooting = 5,
    Postponed = 6,   // e.g. low battery: tries again later (not a failure)
    Succeeded = 7,
    Failed = 8,
    RolledBack = 9,  // failed to boot, went back to the previous firmware (counts as a failure)
    Cancelled = 10,  // the rollout was cancelled before the device was offered
    Expired = 11,    // the deadline passed before the device was offered
};
constexpr int TargetStateCount = 12;
bool isTerminal(TargetState state);
bool isInProgress(TargetState state); // offered .. postponed

// Which devices of the fleet a rollout is for. The release decides the hardware models; the
// filter narrows them. Devices whose firmware sequence number is at or above the release's are
// always excluded (anti-rollback, SESIP 5.5.6).
struct RolloutTargetFilter
{
    QList<int> modelIds;      // a subset of the release's models; empty = all of them
    QList<int> regionIds;     // empty = every region
    QDate patchLevelBefore;   // only devices with an older patch level; invalid = any
    qint64 sequenceBelow = 0; // only devices whose firmware sequence is below; 0 = any
    // Exceptions are excluded unless the operator includes them (SSU-TES-0030, SSU-SEC-0040).
    bool includeRooted = false;
    bool includePorted = false;
    bool includeUnsupported = false; // past their support end-date

    // Member by member (C++17 has no defaulted comparison): keep in step with the fields.
    bool operator==(const RolloutTargetFilter &other) const;
    bool operator!=(const RolloutTargetFilter &other) const { return !(*this == other); }
};

// One wave's size and the rules that move the rollout on from it.
struct WavePlan
{
    enum class Size : quint8 { Percent, Count, Rest };
    Size size = Size::Percent;
    double percent = 0;  // of all targets, Size::Percent
    int count = 0;       // devices, Size::Count
    double successThreshold = 95; // %: the wave succeeded when this share of its devices did
    double errorThreshold = 5;    // %: halt when failures exceed this share of results...
    int minimumResults = 20;      // ...once at least this many devices reported a result
    int soakMinutes = 60;         // after success, wait this long before the next wave
    bool manualGate = false;      // after soaking, wait for an operator to continue

    bool operator==(const WavePlan &other) const;
    bool operator!=(const WavePlan &other) const { return !(*this == other); }
};

// When devices may install, in each device's local time. end < start crosses midnight
// (22:00-04:00); start == end is a window of zero length and refused. Disabled: any time.
struct MaintenanceWindow
{
    bool enabled = true;
    QTime start = QTime(1, 0);
    QTime end = QTime(5, 0);

    bool operator==(const MaintenanceWindow &other) const;
    bool operator!=(const MaintenanceWindow &other) const { return !(*this == other); }
};

// What the device's user sees (SSU-COM-0020: says it is a security update; SSU-COM-0030: the
// CVEs it fixes), and where devices the operator cannot reach get it (SSU-TES-0020).
struct EndUserNotice
{
    QString title;
    QString summary;
    bool manufacturerFallback = false;
    QString fallbackUrl;

    bool operator==(const EndUserNotice &other) const;
    bool operator!=(const EndUserNotice &other) const { return !(*this == other); }
};

struct RolloutPlan
{
    qint64 releaseId = 0;
    QString name;
    RolloutTargetFilter targets;
    QList<WavePlan> waves;
    QDateTime start;    // UTC; invalid = as soon as it is scheduled
    QDateTime deadline; // UTC; invalid = none. Devices not offered by then expire.
    MaintenanceWindow window;
    EndUserNotice notice;

    // The default waves: canary 1% -> 10% -> 50% -> the rest.
    static QList<WavePlan> defaultWaves();

    bool operator==(const RolloutPlan &other) const;
    bool operator!=(const RolloutPlan &other) const { return !(*this == other); }
};

// What a plan would target, before it is created: the numbers the operator checks.
struct RolloutPreview
{
    int targeted = 0;        // devices the rollout will offer the release to
    int alreadyCurrent = 0;  // excluded: sequence at or above the release's (anti-rollback)
    int rooted = 0;          // exceptions, excluded unless included (counted once each, in this
    int ported = 0;          // order: unsupported, rooted, ported)
    int unsupported = 0;     // past their support end-date: listed for replacement (SSU-SEC-0040)
    int busy = 0;            // excluded: in another active rollout
    int filteredOut = 0;     // of the release's models, outside the region/patch/sequence filter
    QList<int> waveSizes;    // devices per wave, in order; sums to targeted
    struct ModelRow
    {
        int modelId = 0;
        QString manufacturer;
        QString model;
        int devices = 0;     // targeted devices of this model
        QList<int> perWave;  // how many land in each wave
    };
    QList<ModelRow> models;  // most popular first (SSU-SEC-0021): the order waves are filled in
    QStringList problems;    // why the plan cannot be created (empty: it can)
    QStringList warnings;    // worth a look, not blocking
    QString noticeTitle;     // the end-user notice as the device shows it
    QString noticeSummary;
};

// One wave as the list and the detail show it.
struct WaveProgress
{
    int number = 0; // 1-based
    WaveState state = WaveState::Pending;
    WavePlan plan;
    int size = 0;
    int pending = 0;
    int inProgress = 0; // offered .. rebooting
    int verified = 0;   // of those in progress or postponed: verified, waiting to install or installing
    int postponed = 0;
    int succeeded = 0;
    int failed = 0;     // including rolled back
    int rolledBack = 0;
    int cancelled = 0;  // cancelled or expired
    QDateTime started;
    QDateTime succeededAt;   // when the success threshold was reached
    QDateTime nextWaveAt;    // after soaking; invalid if not yet known
    bool waitingForGate = false; // soaked, waits for "continue to next wave"
    bool gateOpen = false;       // an operator let the rollout through the gate
    // Results and failures when the rollout last resumed after a halt: the error threshold counts
    // what happened since.
    int baselineResults = 0;
    int baselineFailed = 0;

    int results() const { return succeeded + failed; }
};

struct RolloutSummary
{
    qint64 id = 0;
    QString name;
    qint64 releaseId = 0;
    QString releaseVersion;
    RolloutState state = RolloutState::Draft;
    int targets = 0;
    int currentWave = 0; // 1-based; 0 before the first starts
    QList<WaveProgress> waves;
    QString haltReason; // why it halted, for the operator
    QDateTime created;
    QString createdBy;
    QDateTime start;    // scheduled start
    QDateTime started;
    QDateTime finished;
    QDateTime deadline;

    int succeeded() const;
    int failed() const;
    int inProgress() const; // including postponed
    int pending() const;
};

// One operator decision or engine action on a rollout.
struct RolloutTransition
{
    RolloutState from = RolloutState::Draft;
    RolloutState to = RolloutState::Draft;
    QString actor; // operator name, or empty for the engine
    QString role;
    QDateTime time; // on the rollout clock
    QString reason;
};

struct RolloutDetail
{
    RolloutSummary summary;
    RolloutPlan plan;
    RolloutPreview targets; // counts as created: exclusions, model x wave
    QList<RolloutTransition> history; // oldest first
};

// The clock rollouts run on. The embedded backend simulates the fleet on a clock that runs
// faster than real time; a server runs on wall time and has no simulation.
struct SimulationSettings
{
    bool available = false;
    bool running = true;
    double speed = 3600;     // simulated seconds per real second; 0 = as fast as possible
    QDateTime clock;         // the simulated time now (UTC)
    // Failure rate overrides (0..1) by hardware model, for fault injection.
    QList<QPair<int, double>> failureRates;
};

QString rolloutStateName(RolloutState state); // stable: "draft", "scheduled", ...
std::optional<RolloutState> rolloutStateFromName(const QString &name);
QString rolloutStateDisplayName(RolloutState state); // translated
QString waveStateName(WaveState state);
std::optional<WaveState> waveStateFromName(const QString &name);
QString waveStateDisplayName(WaveState state);
QString targetStateDisplayName(TargetState state);

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::RolloutSummary)
Q_DECLARE_METATYPE(Patchboard::RolloutDetail)
Q_DECLARE_METATYPE(Patchboard::RolloutPreview)
Q_DECLARE_METATYPE(Patchboard::SimulationSettings)
