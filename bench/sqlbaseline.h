// SPDX-License-Identifier: Apache-2.0
#pragma once
// The plain-SQL baseline of bench_devicebrowser: the model's queries as the DeviceSql statements
// a store without the fleet index runs (count + first window of VisibleRows rows with
// LIMIT/OFFSET), against the same file.

#include <QString>

namespace Patchboard::Bench {

class Report;
class Samples;
struct BrowserRun;

// Repeats of an SQL figure: up to `repeat`, but a figure whose runs take seconds each stops after
// `budgetMs` once it has `minSamples`, so the whole program stays within a few minutes.
struct SqlPlan
{
    int repeat = 20;
    int minSamples = 3;
    double budgetMs = 2500;

    bool more(const Samples &samples) const;
};

// Prints sql_filter_<kind> for every filter kind the model ran (and counts the queries whose
// match count differs from the model's), then sql_sort_<column>_<order> for every sort case.
void measureSqlBaseline(Report &report, const QString &path, const SqlPlan &sqlPlan,
                        const BrowserRun &browser);

} // namespace Patchboard::Bench
