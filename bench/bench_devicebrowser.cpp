// SPDX-License-Identifier: Apache-2.0
//
// The device browser at a million devices, measured through the code the GUI runs: a
// LocalTrackerBackend on a generated fleet database and the DeviceTableModel over it, driven by
// the event loop the way the device page drives it. Every figure is one line, "name value unit".
//
// Targets (issue "device browser at a million devices", on the 2-core reference machine):
// every filter or sort change <= 100 ms at p95, first rows <= 500 ms, peak RSS <= 400 MB. For
// comparison the same queries run as plain SQL (DeviceSql statements, count + first window of
// 50 rows with LIMIT/OFFSET) against the same file.
//
// Fair measurement: the backend keeps the rows of the last few identical queries, so every
// repeat of a figure changes the parameter (another date, manufacturer, typed prefix...) and
// the filter kinds take turns; the cost of re-applying an identical query is a figure of its own.
//
// Usage: bench_devicebrowser [--devices N] [--database FILE] [--repeat K] [--open-repeat K]
//                            [--sql-repeat K] [--sql-min-samples K] [--sql-budget-ms MS]
//   --devices N      fleet size (default 1000000)
//   --database FILE  a generated fleet of N devices is reused, else FILE is generated (default
//                    patchboard-bench-<N>.db in the temporary directory)
//   --repeat K       runs per filter, sort and scroll figure (default 20)
//   --open-repeat K  warm opens after the cold one (default 3)
//   --sql-*          runs of an SQL figure: up to --sql-repeat (default --repeat), but no more
//                    than --sql-budget-ms (default 2500) once --sql-min-samples (3) have run
//
// The parts: fleetdatabase.cpp (the fleet file, generated in a child process),
// browsermeasurements.cpp (the model-driven figures), sqlbaseline.cpp (the same queries as plain
// SQL) and devicebrowserbench.cpp (the date, targets and workload they share).

#include "benchutil.h"
#include "browsermeasurements.h"
#include "devicebrowserbench.h"
#include "fleetdatabase.h"
#include "sqlbaseline.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTextStream>

#include <algorithm>

using namespace Patchboard::Bench;

int main(int argc, char *argv[])
{
    // The model asks the palette for its warning colours: a GUI application, without a screen.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);

    const Options options(QCoreApplication::arguments());
    const QStringList known
        = {QStringLiteral("--devices"),         QStringLiteral("--database"),
           QStringLiteral("--repeat"),          QStringLiteral("--sql-repeat"),
           QStringLiteral("--sql-min-samples"), QStringLiteral("--sql-budget-ms"),
           QStringLiteral("--open-repeat"),     QStringLiteral("--build-only")};
    if (const QStringList unknown = options.unknown(known); !unknown.isEmpty())
        die(QStringLiteral("unknown option %1; options: %2")
                .arg(unknown.first(), known.join(QLatin1Char(' '))));
    const qint64 devices = options.number(QStringLiteral("--devices"), 1000000);
    if (devices < 1 || devices > 20000000)
        die(QStringLiteral("--devices must be 1..20000000"));
    const QString path
        = QFileInfo(
              options.text(QStringLiteral("--database"),
                           QDir::temp().filePath(
                               QStringLiteral("patchboard-bench-%1.db").arg(sizeLabel(devices)))))
              .absoluteFilePath();
    if (options.has(QStringLiteral("--build-only")))
        return buildOnly(devices, path);
    const int repeat = int(std::max<qint64>(1, options.number(QStringLiteral("--repeat"), 20)));
    const int openRepeat
        = int(std::max<qint64>(1, options.number(QStringLiteral("--open-repeat"), 3)));
    SqlPlan sqlPlan;
    sqlPlan.repeat
        = int(std::max<qint64>(1, options.number(QStringLiteral("--sql-repeat"), repeat)));
    sqlPlan.minSamples = int(std::clamp<qint64>(
        options.number(QStringLiteral("--sql-min-samples"), 3), 1, sqlPlan.repeat));
    sqlPlan.budgetMs = double(options.number(QStringLiteral("--sql-budget-ms"), 2500));

    Report report;
    printMachine(report.out(), describeMachine());
    report.comment(QStringLiteral("devices %1, database %2, reference date %3, %4 runs per figure, "
                                  "first window %5 rows, QT_QPA_PLATFORM=%6")
                       .arg(devices)
                       .arg(path, BenchDate.toString(Qt::ISODate))
                       .arg(repeat)
                       .arg(VisibleRows)
                       .arg(qEnvironmentVariable("QT_QPA_PLATFORM")));

    provideFleet(report, devices, path);

    const BrowserRun browser = measureBrowser(report, path, devices, repeat, openRepeat);
    report.target(QStringLiteral("target_filter_sort_p95_le_100ms"), browser.changeWorst.value,
                  ChangeTargetMs, QStringLiteral("ms"), browser.changeWorst.figure);

    // --- the same queries as plain SQL on the same file ---------------------------------------
    measureSqlBaseline(report, path, sqlPlan, browser);

    const double peak = peakRssMb();
    report.figure(QStringLiteral("peak_rss_mb"), peak, QStringLiteral("MB"));
    report.target(QStringLiteral("target_peak_rss_le_400mb"), peak, RssTargetMb,
                  QStringLiteral("MB"));
    report.printTargets();
    return 0;
}
