// SPDX-License-Identifier: Apache-2.0
#pragma once
// What every part of bench_devicebrowser shares: the date and sizes of a run, the targets, and
// the workload (the filter kinds and sort cases) that the model and the plain SQL both run.

#include "domain/devicemodel.h"
#include "domain/devicequery.h"

#include <QDate>
#include <QList>
#include <QString>

#include <functional>

namespace Patchboard::Bench {

// "Today" of the generated fleet and of every query: the figures and match counts of two runs
// are comparable only on the same data and the same date.
inline const QDate BenchDate(2025, 11, 5);
constexpr int VisibleRows = 50; // the first visible window a filter change has to fill
constexpr int QueryTimeoutMs = 60000;
constexpr double ChangeTargetMs = 100;
constexpr double FirstRowsTargetMs = 500;
constexpr double RssTargetMb = 400;

// Prints "bench_devicebrowser: message" and ends the program with status 1.
[[noreturn]] void die(const QString &message);

// "1M", "100k", "1234": the fleet size in figure and file names.
QString sizeLabel(qint64 devices);

// An unfiltered query in device-ID order on BenchDate.
DeviceQuery baseQuery();

struct FilterKind
{
    QString name;
    // The filter of repeat i; consecutive repeats differ, so no repeat is a cache hit.
    std::function<DeviceFilter(int)> make;
};

// The filters an operator sets, in the order the figures are printed; the IDs come from catalog.
QList<FilterKind> filterKinds(const FleetCatalog &catalog);

// "patch_age": a column in figure names.
QString fieldName(DeviceField field);

struct SortCase
{
    DeviceSort sort;
    QString name; // sort_<column>_<asc|desc>
};

// Every column in both orders.
QList<SortCase> sortCases();

// The largest of several figures and its name, for a target's summary line.
struct Worst
{
    double value = -1;
    QString figure;
    void take(double v, const QString &name)
    {
        if (v > value) {
            value = v;
            figure = name;
        }
    }
};

} // namespace Patchboard::Bench
