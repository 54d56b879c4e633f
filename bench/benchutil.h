// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QTextStream;

// Helpers shared by the benchmark programs in bench/. A benchmark prints one line per figure,
// "name value unit", and states the machine it ran on; lines starting with '#' are commentary
// that a script comparing runs skips.
namespace Patchboard::Bench {

// The machine a run happened on, as far as a user-space process can tell.
struct Machine
{
    QString cpuModel; // "model name" of /proc/cpuinfo
    int logicalCores = 0; // processors online
    int physicalCores = 0; // distinct (physical id, core id) pairs; 0 when not reported
    qint64 memoryBytes = 0; // MemTotal of /proc/meminfo
    QString os; // pretty product name and kernel
    QString qtRuntime; // qVersion()
    QString qtBuild; // QT_VERSION_STR the program was compiled against
    QString compiler;
    QString buildType; // CMAKE_BUILD_TYPE of the benchmark
    QString loadAverage; // 1, 5 and 15 minute load when described: other work skews timings
};

Machine describeMachine();
// "# machine cpu: ..." and so on, one line per property.
void printMachine(QTextStream &out, const Machine &machine);

// Memory of this process in MiB: the high-water mark of the resident set (VmHWM, falling back
// to getrusage's ru_maxrss) and the current resident set (VmRSS). -1 when unknown.
double peakRssMb();
double currentRssMb();

// Asks the kernel to drop the file's pages from the page cache (clean pages only, so a
// database after a checkpoint), for a measurement of a cold start. False when it could not.
bool dropFromPageCache(const QString &path);

// Timings of one figure, in milliseconds. Percentiles use the nearest-rank method: p95 of 20
// samples is the 19th smallest, so one outlier in 20 runs does not decide it, two do.
class Samples
{
public:
    void add(double ms) { m_values.append(ms); }
    void clear() { m_values.clear(); }
    int count() const { return int(m_values.size()); }
    bool isEmpty() const { return m_values.isEmpty(); }
    double percentile(double p) const;
    double p50() const { return percentile(50); }
    double p95() const { return percentile(95); }
    double min() const;
    double max() const;
    double sum() const;
    const QList<double> &values() const { return m_values; }

private:
    QList<double> m_values;
};

// Milliseconds with sub-millisecond resolution since start().
class Stopwatch
{
public:
    Stopwatch() { m_timer.start(); }
    void restart() { m_timer.start(); }
    double elapsedMs() const { return double(m_timer.nsecsElapsed()) / 1e6; }

private:
    QElapsedTimer m_timer;
};

// Writes figures to stdout, flushed line by line so that a run killed halfway keeps what it
// measured. Names are [a-z0-9_]; the value has as many decimals as the unit deserves.
class Report
{
public:
    Report();
    ~Report();
    Report(const Report &) = delete;
    Report &operator=(const Report &) = delete;

    void figure(const QString &name, double value, const QString &unit);
    void count(const QString &name, qint64 value, const QString &unit);
    void comment(const QString &text);
    // Prints name_p50_<unit> and name_p95_<unit> (and nothing for no samples).
    void percentiles(const QString &name, const Samples &samples,
                     const QString &unit = QStringLiteral("ms"));

    // A requirement checked at the end: value <= limit. Each target prints one summary line,
    // "name PASS|FAIL", followed by a comment with the worst figure.
    void target(const QString &name, double value, double limit, const QString &unit,
                const QString &worstFigure = {});
    void printTargets();
    bool allTargetsPassed() const;

    QTextStream &out();

private:
    struct Target
    {
        QString name;
        double value;
        double limit;
        QString unit;
        QString worstFigure;
    };
    QTextStream *m_out;
    QList<Target> m_targets;
};

// Runs the calling thread's event loop until done() is true or timeoutMs passes; returns done().
// Queued signals and QFuture continuations of the thread are delivered meanwhile.
bool spinUntil(const std::function<bool()> &done, int timeoutMs);

// Waits, delivering events, for future to finish; false on timeout.
template<typename T> bool waitFor(const QFuture<T> &future, int timeoutMs)
{
    return spinUntil([&future] { return future.isFinished(); }, timeoutMs);
}

// Parses "--name value" options: value of the option or fallback; the program exits with a
// message on a value that is not a number.
class Options
{
public:
    explicit Options(const QStringList &arguments);
    bool has(const QString &name) const;
    QString text(const QString &name, const QString &fallback = {}) const;
    qint64 number(const QString &name, qint64 fallback) const;
    // Options given but never asked for: typos the program should refuse.
    QStringList unknown(const QStringList &known) const;

private:
    QStringList m_arguments;
};

} // namespace Patchboard::Bench
