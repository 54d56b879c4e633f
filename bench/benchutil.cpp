// SPDX-License-Identifier: Apache-2.0
#include "benchutil.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QSet>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#ifndef PATCHBOARD_BUILD_TYPE
#define PATCHBOARD_BUILD_TYPE ""
#endif

namespace Patchboard::Bench {

namespace {

// The lines of a /proc file; /proc files report size 0, so read until the end.
QList<QByteArray> procLines(const char *path)
{
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().split('\n');
}

// "Key:   value" lines; the value with surrounding whitespace removed.
QByteArray procValue(const QByteArray &line, const char *key)
{
    if (!line.startsWith(key))
        return {};
    const qsizetype colon = line.indexOf(':');
    if (colon < 0 || line.left(colon).trimmed() != QByteArray(key))
        return {};
    return line.mid(colon + 1).trimmed();
}

// A "VmHWM:   123456 kB" figure of /proc/self/status in MiB, or -1.
double statusKbAsMb(const char *key)
{
    for (const QByteArray &line : procLines("/proc/self/status")) {
        const QByteArray value = procValue(line, key);
        if (value.isEmpty())
            continue;
        bool ok = false;
        const qint64 kb = value.split(' ').value(0).toLongLong(&ok);
        if (ok)
            return double(kb) / 1024.0;
    }
    return -1;
}

QString compilerName()
{
#if defined(__clang__)
    return QStringLiteral("Clang ") + QString::fromLatin1(__clang_version__);
#elif defined(__GNUC__)
    return QStringLiteral("GCC ") + QString::fromLatin1(__VERSION__);
#else
    return QStringLiteral("unknown");
#endif
}

QString formatValue(double value, const QString &unit)
{
    if (!std::isfinite(value))
        return QStringLiteral("nan");
    // Milliseconds to a tenth are below the noise of a 2-core machine but show sub-ms figures.
    int decimals = 1;
    if (unit == QLatin1String("MB") || unit == QLatin1String("ms"))
        decimals = std::fabs(value) < 10 ? 2 : 1;
    else if (unit.endsWith(QLatin1String("/s")) || unit == QLatin1String("x"))
        decimals = std::fabs(value) < 100 ? 2 : 0;
    return QString::number(value, 'f', decimals);
}

} // namespace

Machine describeMachine()
{
    Machine machine;
    QSet<QByteArray> cores;
    QByteArray physicalId;
    int processors = 0;
    for (const QByteArray &line : procLines("/proc/cpuinfo")) {
        if (const QByteArray v = procValue(line, "model name");
            !v.isEmpty() && machine.cpuModel.isEmpty())
            machine.cpuModel = QString::fromUtf8(v);
        if (!procValue(line, "processor").isEmpty())
            ++processors;
        if (const QByteArray v = procValue(line, "physical id"); !v.isEmpty())
            physicalId = v;
        if (const QByteArray v = procValue(line, "core id"); !v.isEmpty())
            cores.insert(physicalId + '/' + v);
    }
    if (machine.cpuModel.isEmpty())
        machine.cpuModel = QSysInfo::currentCpuArchitecture();
    // The CPUs this process may run on (a container or taskset may allow fewer than exist).
    machine.logicalCores = QThread::idealThreadCount();
    if (machine.logicalCores <= 0)
        machine.logicalCores = processors;
    machine.physicalCores = int(cores.size());
    for (const QByteArray &line : procLines("/proc/meminfo")) {
        if (const QByteArray v = procValue(line, "MemTotal"); !v.isEmpty())
            machine.memoryBytes = v.split(' ').value(0).toLongLong() * 1024;
    }
    machine.os = QSysInfo::prettyProductName() + QStringLiteral(", ") + QSysInfo::kernelType()
        + QLatin1Char(' ') + QSysInfo::kernelVersion() + QStringLiteral(", ")
        + QSysInfo::currentCpuArchitecture();
    machine.qtRuntime = QString::fromLatin1(qVersion());
    machine.qtBuild = QStringLiteral(QT_VERSION_STR);
    machine.compiler = compilerName();
    machine.buildType = QString::fromLatin1(PATCHBOARD_BUILD_TYPE);
    const QList<QByteArray> load = procLines("/proc/loadavg").value(0).split(' ');
    if (load.size() >= 3)
        machine.loadAverage = QString::fromLatin1(load[0] + ' ' + load[1] + ' ' + load[2]);
    return machine;
}

void printMachine(QTextStream &out, const Machine &machine)
{
    out << "# machine cpu: " << machine.cpuModel << '\n';
    out << "# machine cores: " << machine.logicalCores << " logical";
    if (machine.physicalCores > 0)
        out << ", " << machine.physicalCores << " physical";
    out << '\n';
    out << "# machine memory: "
        << QString::number(double(machine.memoryBytes) / (1024.0 * 1024 * 1024), 'f', 1)
        << " GiB\n";
    out << "# machine os: " << machine.os << '\n';
    out << "# machine qt: " << machine.qtRuntime << " (compiled against " << machine.qtBuild
        << ")\n";
    out << "# machine build: "
        << (machine.buildType.isEmpty() ? QStringLiteral("(no build type)") : machine.buildType)
        << ", " << machine.compiler << '\n';
    if (!machine.loadAverage.isEmpty())
        out << "# machine load average: " << machine.loadAverage << '\n';
    out.flush();
}

double peakRssMb()
{
    // The kernel's RSS counters are per-CPU and read approximately (Linux >= 6.2), so two
    // readings of the high-water mark can differ by a few pages in the wrong direction: take the
    // larger of both sources and never report less than before.
    static double highest = -1;
    double peak = statusKbAsMb("VmHWM");
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) == 0)
        peak = std::max(peak, double(usage.ru_maxrss) / 1024.0); // kB on Linux
    highest = std::max(highest, peak);
    return highest;
}

double currentRssMb()
{
    return statusKbAsMb("VmRSS");
}

bool dropFromPageCache(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool dropped
        = ::fdatasync(fd) == 0 && ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
    ::close(fd);
    return dropped;
}

double Samples::percentile(double p) const
{
    if (m_values.isEmpty())
        return std::nan("");
    QList<double> sorted = m_values;
    std::sort(sorted.begin(), sorted.end());
    const qsizetype rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted[std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1)];
}

double Samples::min() const
{
    return m_values.isEmpty() ? std::nan("") : *std::min_element(m_values.begin(), m_values.end());
}

double Samples::max() const
{
    return m_values.isEmpty() ? std::nan("") : *std::max_element(m_values.begin(), m_values.end());
}

double Samples::sum() const
{
    return std::accumulate(m_values.begin(), m_values.end(), 0.0);
}

Report::Report() : m_out(new QTextStream(stdout)) { }

Report::~Report()
{
    m_out->flush();
    delete m_out;
}

QTextStream &Report::out()
{
    return *m_out;
}

void Report::figure(const QString &name, double value, const QString &unit)
{
    *m_out << name << ' ' << formatValue(value, unit) << ' ' << unit << Qt::endl;
}

void Report::count(const QString &name, qint64 value, const QString &unit)
{
    *m_out << name << ' ' << value << ' ' << unit << Qt::endl;
}

void Report::comment(const QString &text)
{
    *m_out << "# " << text << Qt::endl;
}

void Report::percentiles(const QString &name, const Samples &samples, const QString &unit)
{
    if (samples.isEmpty())
        return;
    figure(name + QStringLiteral("_p50_") + unit, samples.p50(), unit);
    figure(name + QStringLiteral("_p95_") + unit, samples.p95(), unit);
}

void Report::target(const QString &name, double value, double limit, const QString &unit,
                    const QString &worstFigure)
{
    m_targets.append({name, value, limit, unit, worstFigure});
}

bool Report::allTargetsPassed() const
{
    return std::all_of(m_targets.begin(), m_targets.end(), [](const Target &t) {
        return std::isfinite(t.value) && t.value <= t.limit;
    });
}

void Report::printTargets()
{
    for (const Target &t : std::as_const(m_targets)) {
        const bool pass = std::isfinite(t.value) && t.value <= t.limit;
        *m_out << t.name << ' ' << (pass ? "PASS" : "FAIL") << Qt::endl;
        QString detail
            = QStringLiteral("%1: %2 %3, limit %4 %3")
                  .arg(t.name, formatValue(t.value, t.unit), t.unit, formatValue(t.limit, t.unit));
        if (!t.worstFigure.isEmpty())
            detail += QStringLiteral(" (worst: %1)").arg(t.worstFigure);
        comment(detail);
    }
}

bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QElapsedTimer clock;
    clock.start();
    // A timer wakes the blocking wait below so that a timeout is noticed even when nothing
    // else happens.
    QTimer wake;
    wake.setInterval(std::max(1, std::min(timeoutMs, 50)));
    wake.start();
    while (!done()) {
        if (clock.elapsed() >= timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

Options::Options(const QStringList &arguments) : m_arguments(arguments) { }

bool Options::has(const QString &name) const
{
    return m_arguments.contains(name);
}

QString Options::text(const QString &name, const QString &fallback) const
{
    const qsizetype i = m_arguments.indexOf(name);
    if (i < 0)
        return fallback;
    if (i + 1 >= m_arguments.size()) {
        std::fprintf(stderr, "%s needs a value\n", qPrintable(name));
        std::exit(2);
    }
    return m_arguments[i + 1];
}

qint64 Options::number(const QString &name, qint64 fallback) const
{
    if (!has(name))
        return fallback;
    bool ok = false;
    const qint64 value = text(name).toLongLong(&ok);
    if (!ok || value < 0) {
        std::fprintf(stderr, "%s needs a non-negative whole number, not '%s'\n", qPrintable(name),
                     qPrintable(text(name)));
        std::exit(2);
    }
    return value;
}

QStringList Options::unknown(const QStringList &known) const
{
    QStringList result;
    for (qsizetype i = 1; i < m_arguments.size(); ++i) {
        if (m_arguments[i].startsWith(QLatin1String("--")) && !known.contains(m_arguments[i]))
            result << m_arguments[i];
    }
    return result;
}

} // namespace Patchboard::Bench
