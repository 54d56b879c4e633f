// SPDX-License-Identifier: Apache-2.0
#include "sqlbaseline.h"

#include "benchutil.h"
#include "browsermeasurements.h"
#include "devicebrowserbench.h"
#include "storage/database.h"
#include "storage/devicesql.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <algorithm>

namespace Patchboard::Bench {

namespace {

// The same query as the SQL a store without the fleet index runs: count, then the first window.
class SqlBaseline
{
public:
    SqlBaseline(Database database, const FleetCatalog &catalog)
        : m_database(std::move(database)), m_sql(catalog)
    { }

    double run(const DeviceQuery &query, int *matching)
    {
        Stopwatch clock;
        QSqlQuery sql(m_database.connection());
        sql.setForwardOnly(true);
        exec(sql, m_sql.count(query));
        if (!sql.next())
            die(QStringLiteral("the SQL count returned no row"));
        const int count = sql.value(0).toInt();
        exec(sql, m_sql.window(query, 0, VisibleRows));
        QList<Device> rows;
        while (sql.next())
            rows.append(m_sql.read(sql, query.referenceDate, query.endingSoonDays));
        const double ms = clock.elapsedMs();
        if (rows.size() != std::min(count, VisibleRows))
            die(QStringLiteral("the SQL window returned %1 rows of %2")
                    .arg(rows.size())
                    .arg(count));
        if (matching)
            *matching = count;
        return ms;
    }

private:
    void exec(QSqlQuery &sql, const DeviceSql::Statement &statement)
    {
        if (!sql.prepare(statement.sql))
            die(sql.lastError().text());
        for (int i = 0; i < statement.values.size(); ++i)
            sql.bindValue(i, statement.values[i]);
        if (!sql.exec())
            die(sql.lastError().text());
    }

    Database m_database;
    DeviceSql m_sql;
};

} // namespace

bool SqlPlan::more(const Samples &samples) const
{
    return samples.count() < repeat && (samples.count() < minSamples || samples.sum() < budgetMs);
}

void measureSqlBaseline(Report &report, const QString &path, const SqlPlan &sqlPlan,
                        const BrowserRun &browser)
{
    const QList<FilterKind> &kinds = browser.kinds;
    const QList<int> &modelCounts = browser.filterMatches;
    const int repeat = browser.repeat;

    Result<Database> opened = Database::open(path);
    if (!opened)
        die(opened.error().text());
    SqlBaseline sql(std::move(opened).value(), browser.catalog);
    int mismatches = 0;
    for (int k = 0; k < kinds.size(); ++k) {
        Samples samples;
        for (int i = 0; sqlPlan.more(samples); ++i) {
            DeviceQuery query = baseQuery();
            query.filter = kinds[k].make(i);
            int matching = 0;
            samples.add(sql.run(query, &matching));
            // The model ran repeat i of every kind in turn: the same query, the same count.
            if (i < repeat && matching != modelCounts.value(i * int(kinds.size()) + k, -1)) {
                ++mismatches;
                report.comment(QStringLiteral("MISMATCH %1 repeat %2: SQL %3, model %4")
                                   .arg(kinds[k].name)
                                   .arg(i)
                                   .arg(matching)
                                   .arg(modelCounts.value(i * int(kinds.size()) + k, -1)));
            }
        }
        report.percentiles(QStringLiteral("sql_filter_") + kinds[k].name, samples);
        if (samples.count() < sqlPlan.repeat)
            report.comment(QStringLiteral("sql_filter_%1: %2 runs (time budget)")
                               .arg(kinds[k].name)
                               .arg(samples.count()));
    }
    report.count(QStringLiteral("sql_model_count_mismatches"), mismatches,
                 QStringLiteral("queries"));

    SqlPlan sortPlan = sqlPlan;
    sortPlan.minSamples = std::min(sortPlan.minSamples, 2);
    for (const SortCase &c : sortCases()) {
        Samples samples;
        while (sortPlan.more(samples)) {
            DeviceQuery query = baseQuery();
            query.sort = c.sort;
            samples.add(sql.run(query, nullptr));
        }
        report.percentiles(QStringLiteral("sql_sort_") + c.name, samples);
        if (samples.count() < sqlPlan.repeat)
            report.comment(QStringLiteral("sql_sort_%1: %2 runs (time budget)")
                               .arg(c.name)
                               .arg(samples.count()));
    }
}

} // namespace Patchboard::Bench
