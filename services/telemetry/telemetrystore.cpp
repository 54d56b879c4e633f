// SPDX-License-Identifier: Apache-2.0
#include "telemetrystore.h"

#include "crypto/hmacsha256.h"
#include "domain/rollout.h"
#include "storage/database.h"
#include "tracker/devicecsv.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSaveFile>
#include <QSqlQuery>
#include <QStringBuilder>

#include <algorithm>
#include <map>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::TelemetryStore)
};

constexpr int Resolutions[] = {60, 3600, 86400};

qint64 floorTo(qint64 t, qint64 unit)
{
    return t - ((t % unit) + unit) % unit;
}

qint64 ceilTo(qint64 t, qint64 unit)
{
    const qint64 f = floorTo(t, unit);
    return f == t ? t : f + unit;
}

QString list(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

// Outcome codes as update_events stores them, for drill-down.
QString outcomeCodes(const QList<TelemetryOutcome> &outcomes)
{
    QStringList codes;
    for (int i = 0; i < TelemetryOutcomeCount; ++i) {
        const auto outcome = TelemetryOutcome(i);
        if (outcomes.isEmpty() || outcomes.contains(outcome))
            codes << QLatin1Char('\'') % updateOutcomeCode(updateOutcome(outcome)) % QLatin1Char('\'');
    }
    return codes.join(QLatin1Char(','));
}

// The conditions of a drill-down beyond its scope and outcomes, over update_events e and
// devices d, with their values in order.
QString eventConditions(const UpdateEventFilter &filter, QVariantList &values)
{
    QString sql;
    const auto add = [&](const char *condition, const QVariant &value) {
        sql += QLatin1String(condition);
        values << value;
    };
    if (filter.from.isValid())
        add(" AND e.time >= ?", filter.from.toSecsSinceEpoch());
    if (filter.to.isValid())
        add(" AND e.time < ?", filter.to.toSecsSinceEpoch());
    if (filter.wave > 0)
        add(" AND e.wave = ?", filter.wave);
    if (filter.reason)
        add(" AND e.reason = ?", failureReasonCode(*filter.reason));
    if (filter.modelId > 0)
        add(" AND d.model_id = ?", filter.modelId);
    if (filter.regionId > 0)
        add(" AND d.region_id = ?", filter.regionId);
    return sql;
}

void sortGroups(QList<TelemetryGroup> &groups)
{
    std::sort(groups.begin(), groups.end(), [](const TelemetryGroup &a, const TelemetryGroup &b) {
        if (a.counts.failures() != b.counts.failures())
            return a.counts.failures() > b.counts.failures();
        if (a.counts.results() != b.counts.results())
            return a.counts.results() > b.counts.results();
        return a.id < b.id;
    });
}

} // namespace

TelemetryStore::TelemetryStore(Database &database) : m_database(database) { }

QList<TelemetryStore::Piece> TelemetryStore::piecesOf(qint64 from, qint64 to, int maxResolution)
{
    QList<int> levels;
    for (int resolution : Resolutions) {
        if (resolution <= maxResolution)
            levels << resolution;
    }
    if (levels.isEmpty())
        levels << 60;
    QList<Piece> head;
    QList<Piece> tail;
    qint64 lo = floorTo(from, levels.first());
    qint64 hi = ceilTo(to, levels.first());
    int level = 0;
    while (level + 1 < levels.size()) {
        const qint64 coarse = levels[level + 1];
        const qint64 nextLo = ceilTo(lo, coarse);
        const qint64 nextHi = floorTo(hi, coarse);
        if (nextLo >= nextHi)
            break;
        if (lo < nextLo)
            head.append({levels[level], lo, nextLo});
        if (nextHi < hi)
            tail.prepend({levels[level], nextHi, hi});
        lo = nextLo;
        hi = nextHi;
        ++level;
    }
    if (lo < hi)
        head.append({levels[level], lo, hi});
    return head + tail;
}

QString TelemetryStore::pseudonym(const QByteArray &salt, const QString &deviceId)
{
    const HmacSha256 hmac(salt);
    return QString::fromLatin1(hmac.mac(deviceId.toUtf8()).left(8).toHex());
}

Status TelemetryStore::loadNames()
{
    if (!m_modelNames.isEmpty())
        return Done{};
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name FROM device_models")))
        return m_database.error(q.lastError(), Tr::tr("read the hardware models"));
    while (q.next())
        m_modelNames.insert(q.value(0).toInt(), q.value(1).toString());
    if (!q.exec(QStringLiteral("SELECT id, name FROM regions")))
        return m_database.error(q.lastError(), Tr::tr("read the regions"));
    while (q.next())
        m_regionNames.insert(q.value(0).toInt(), q.value(1).toString());
    return Done{};
}

// A condition on a rollout id column for the scope. Ids come from the database, never from
// text the operator typed.
Result<QString> TelemetryStore::scopeCondition(const TelemetryScope &scope, const char *column)
{
    const QString name = QLatin1String(column);
    switch (scope.kind) {
    case TelemetryScope::Kind::Fleet:
        return QStringLiteral("1 = 1"); // a boolean on PostgreSQL too
    case TelemetryScope::Kind::Rollout:
        return QString(name % QStringLiteral(" = ") % QString::number(scope.id));
    case TelemetryScope::Kind::Release: {
        QSqlQuery q(m_database.connection());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT id FROM rollouts WHERE release_id = ?"));
        q.addBindValue(scope.id);
        if (!q.exec())
            return m_database.error(q.lastError(), Tr::tr("read the release's rollouts"));
        QList<qint64> ids;
        while (q.next())
            ids << q.value(0).toLongLong();
        if (ids.isEmpty())
            return QStringLiteral("1 = 0");
        return QString(name % QStringLiteral(" IN (") % list(ids) % QLatin1Char(')'));
    }
    }
    return QStringLiteral("1 = 0");
}

Result<QList<TelemetryScopeChoice>> TelemetryStore::scopes()
{
    QList<TelemetryScopeChoice> choices;
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT r.id, r.name, r.state FROM rollouts r WHERE r.state <> "
                               "'draft' ORDER BY r.created DESC, r.id DESC")))
        return m_database.error(q.lastError(), Tr::tr("read the rollouts"));
    while (q.next()) {
        TelemetryScopeChoice choice;
        choice.scope = TelemetryScope::rollout(q.value(0).toLongLong());
        choice.name = q.value(1).toString();
        const RolloutState state
            = rolloutStateFromName(q.value(2).toString()).value_or(RolloutState::Draft);
        choice.state = rolloutStateDisplayName(state);
        choice.active = state == RolloutState::Scheduled || state == RolloutState::Running
            || state == RolloutState::Paused || state == RolloutState::Halted;
        choices << choice;
    }
    if (!q.exec(QStringLiteral("SELECT DISTINCT l.id, l.version FROM releases l JOIN rollouts r "
                               "ON r.release_id = l.id WHERE r.state <> 'draft' ORDER BY l.id DESC")))
        return m_database.error(q.lastError(), Tr::tr("read the releases"));
    while (q.next()) {
        TelemetryScopeChoice choice;
        choice.scope = TelemetryScope::release(q.value(0).toLongLong());
        choice.name = q.value(1).toString();
        choices << choice;
    }
    return choices;
}

Result<TelemetryQuery> TelemetryStore::range(const TelemetryQuery &query, QDateTime *firstEvent,
                                             QDateTime *lastEvent)
{
    // The scope's first and last events, from the spans the EventWriter keeps per rollout.
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    switch (query.scope.kind) {
    case TelemetryScope::Kind::Rollout:
        q.prepare(QStringLiteral("SELECT min(first), max(last) FROM event_spans WHERE "
                                 "rollout_id = ?"));
        q.addBindValue(query.scope.id);
        break;
    case TelemetryScope::Kind::Release:
        q.prepare(QStringLiteral("SELECT min(s.first), max(s.last) FROM event_spans s JOIN "
                                 "rollouts r ON r.id = s.rollout_id WHERE r.release_id = ?"));
        q.addBindValue(query.scope.id);
        break;
    case TelemetryScope::Kind::Fleet:
        q.prepare(QStringLiteral("SELECT min(first), max(last) FROM event_spans"));
        break;
    }
    if (!q.exec())
        return m_database.error(q.lastError(), Tr::tr("read the update events"));
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    if (q.next() && !q.value(0).isNull()) {
        first = q.value(0).toLongLong();
        last = q.value(1).toLongLong();
    }
    const bool any = first <= last;
    if (firstEvent)
        *firstEvent = any ? QDateTime::fromSecsSinceEpoch(first, Qt::UTC) : QDateTime();
    if (lastEvent)
        *lastEvent = any ? QDateTime::fromSecsSinceEpoch(last, Qt::UTC) : QDateTime();

    TelemetryQuery result = query;
    qint64 from = query.from.isValid() ? query.from.toSecsSinceEpoch() : (any ? first : 0);
    qint64 to = query.to.isValid() ? query.to.toSecsSinceEpoch() : (any ? last + 1 : from + 60);
    from = floorTo(from, 60);
    to = std::max(ceilTo(to, 60), from + 60);
    result.from = QDateTime::fromSecsSinceEpoch(from, Qt::UTC);
    result.to = QDateTime::fromSecsSinceEpoch(to, Qt::UTC);
    return result;
}

Result<OutcomeSeries> TelemetryStore::series(const TelemetryQuery &query)
{
    const Result<QString> scope = scopeCondition(query.scope, "rollout_id");
    if (!scope)
        return scope.error();
    const qint64 from = query.from.toSecsSinceEpoch();
    const qint64 to = query.to.toSecsSinceEpoch();
    OutcomeSeries series;
    series.bucketSeconds = telemetryBucketSeconds(to - from, query.maxBuckets);
    const qint64 size = series.bucketSeconds;
    int maxResolution = 60;
    for (int resolution : Resolutions) {
        if (size % resolution == 0)
            maxResolution = resolution;
    }
    const qint64 origin = floorTo(from, size);
    const int count = int((to - origin + size - 1) / size);
    series.buckets.resize(count);
    for (int i = 0; i < count; ++i)
        series.buckets[i].start = QDateTime::fromSecsSinceEpoch(origin + i * size, Qt::UTC);

    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT (start - ?) / ?, outcome, sum(count) FROM event_series "
                             "WHERE resolution = ? AND start >= ? AND start < ? AND ")
              % scope.value() % QStringLiteral(" GROUP BY 1, 2"));
    for (const Piece &piece : piecesOf(from, to, maxResolution)) {
        q.bindValue(0, origin);
        q.bindValue(1, size);
        q.bindValue(2, piece.resolution);
        q.bindValue(3, piece.from);
        q.bindValue(4, piece.to);
        if (!q.exec())
            return m_database.error(q.lastError(), Tr::tr("read the outcomes over time"));
        while (q.next()) {
            const int bucket = q.value(0).toInt();
            const int outcome = q.value(1).toInt();
            if (bucket < 0 || bucket >= count || outcome < 0 || outcome >= TelemetryOutcomeCount)
                continue;
            series.buckets[bucket].counts[TelemetryOutcome(outcome)] += q.value(2).toLongLong();
        }
    }
    return series;
}

Result<TelemetryBreakdown> TelemetryStore::breakdown(const TelemetryQuery &query)
{
    if (const Status ok = loadNames(); !ok)
        return ok.error();
    const Result<QString> scope = scopeCondition(query.scope, "rollout_id");
    if (!scope)
        return scope.error();
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT wave, model_id, region_id, outcome, reason, sum(count) FROM "
                             "event_buckets WHERE resolution = ? AND start >= ? AND start < ? "
                             "AND ")
              % scope.value() % QStringLiteral(" GROUP BY 1, 2, 3, 4, 5"));
    std::map<int, OutcomeCounts> models;
    std::map<int, OutcomeCounts> regions;
    std::map<int, OutcomeCounts> waves;
    std::map<std::pair<int, int>, qint64> reasons; // (reason, outcome)
    TelemetryBreakdown result;
    for (const Piece &piece :
         piecesOf(query.from.toSecsSinceEpoch(), query.to.toSecsSinceEpoch())) {
        q.bindValue(0, piece.resolution);
        q.bindValue(1, piece.from);
        q.bindValue(2, piece.to);
        if (!q.exec())
            return m_database.error(q.lastError(), Tr::tr("read the failure breakdown"));
        while (q.next()) {
            const int outcome = q.value(3).toInt();
            if (outcome < 0 || outcome >= TelemetryOutcomeCount)
                continue;
            const auto kind = TelemetryOutcome(outcome);
            const qint64 count = q.value(5).toLongLong();
            waves[q.value(0).toInt()][kind] += count;
            models[q.value(1).toInt()][kind] += count;
            regions[q.value(2).toInt()][kind] += count;
            result.total[kind] += count;
            const int reason = q.value(4).toInt();
            if (reason > 0 && reason < FailureReasonCount)
                reasons[{reason, outcome}] += count;
        }
    }
    for (const auto &[key, count] : reasons)
        result.reasons.append({FailureReason(key.first), TelemetryOutcome(key.second), count});
    std::sort(result.reasons.begin(), result.reasons.end(),
              [](const ReasonCount &a, const ReasonCount &b) {
                  return a.count != b.count ? a.count > b.count : a.reason < b.reason;
              });
    for (const auto &[id, counts] : models)
        result.models.append({id, m_modelNames.value(id), counts});
    for (const auto &[id, counts] : regions)
        result.regions.append({id, m_regionNames.value(id), counts});
    for (const auto &[number, counts] : waves)
        result.waves.append({number, QString(), counts});
    sortGroups(result.models);
    sortGroups(result.regions);
    return result;
}

Result<TelemetryOverview> TelemetryStore::overview(const TelemetryQuery &query)
{
    TelemetryOverview overview;
    const Result<TelemetryQuery> ranged = range(query, &overview.firstEvent, &overview.lastEvent);
    if (!ranged)
        return ranged.error();
    overview.query = ranged.value();
    Result<OutcomeSeries> series = this->series(overview.query);
    if (!series)
        return series.error();
    overview.series = std::move(series).value();
    Result<TelemetryBreakdown> breakdown = this->breakdown(overview.query);
    if (!breakdown)
        return breakdown.error();
    overview.breakdown = std::move(breakdown).value();

    if (query.scope.kind == TelemetryScope::Kind::Rollout) {
        // The threshold of the wave that halted, else of the wave that runs or ran last.
        QSqlQuery q(m_database.connection());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT number, state, error_threshold FROM rollout_waves WHERE "
                                 "rollout_id = ? AND (state = 'halted' OR started IS NOT NULL) "
                                 "ORDER BY state = 'halted' DESC, number DESC LIMIT 1"));
        q.addBindValue(query.scope.id);
        if (!q.exec())
            return m_database.error(q.lastError(), Tr::tr("read the rollout's waves"));
        if (q.next()) {
            overview.thresholdWave = q.value(0).toInt();
            overview.errorThreshold = q.value(2).toDouble();
        }
    }
    return overview;
}

Result<std::vector<qint64>> TelemetryStore::devices(const UpdateEventFilter &filter)
{
    const Result<QString> scope = scopeCondition(filter.scope, "e.rollout_id");
    if (!scope)
        return scope.error();
    const bool needsDevice = filter.modelId > 0 || filter.regionId > 0;
    // "outcome <> 'ok'" as the partial index states it: the planner uses the index only then.
    QString sql = QStringLiteral("SELECT DISTINCT e.device_id FROM update_events e ")
        % (needsDevice ? QStringLiteral("JOIN devices d ON d.id = e.device_id ") : QString())
        % QStringLiteral("WHERE e.outcome <> 'ok' AND ") % scope.value()
        % QStringLiteral(" AND e.outcome IN (") % outcomeCodes(filter.outcomes)
        % QStringLiteral(")");
    QVariantList values;
    sql += eventConditions(filter, values);
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        q.addBindValue(value);
    if (!q.exec())
        return m_database.error(q.lastError(), Tr::tr("find the devices behind the chart"));
    std::vector<qint64> ids;
    while (q.next())
        ids.push_back(q.value(0).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

Result<int> TelemetryStore::exportEvents(const UpdateEventFilter &filter, const QString &path,
                                         const PseudonymOptions &pseudonyms,
                                         const std::function<bool(int rows)> &progress)
{
    const Result<QString> scope = scopeCondition(filter.scope, "e.rollout_id");
    if (!scope)
        return scope.error();
    QString sql = QStringLiteral(
                      "SELECT e.time, d.device_id, m.name, g.name, coalesce(r.name, ''), e.wave, "
                      "e.phase, e.outcome, e.reason, e.from_version, e.to_version FROM "
                      "update_events e JOIN devices d ON d.id = e.device_id JOIN device_models m "
                      "ON m.id = d.model_id JOIN regions g ON g.id = d.region_id LEFT JOIN "
                      "rollouts r ON r.id = e.rollout_id WHERE e.outcome <> 'ok' AND ")
        % scope.value() % QStringLiteral(" AND e.outcome IN (") % outcomeCodes(filter.outcomes)
        % QStringLiteral(")");
    QVariantList values;
    sql += eventConditions(filter, values);
    sql += QStringLiteral(" ORDER BY e.time, e.id");

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ServiceError::make(ServiceError::Code::StorageUnavailable,
                                  Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        q.addBindValue(value);
    if (!q.exec())
        return m_database.error(q.lastError(), Tr::tr("read the update events"));

    const HmacSha256 hmac(pseudonyms.salt);
    QByteArray out;
    out.reserve(1 << 20);
    out += pseudonyms.enabled
        ? "time,device_pseudonym,model,region,rollout,wave,phase,outcome,reason,from_version,to_version\r\n"
        : "time,device_id,model,region,rollout,wave,phase,outcome,reason,from_version,to_version\r\n";
    int rows = 0;
    while (q.next()) {
        QString device = q.value(1).toString();
        if (pseudonyms.enabled)
            device = QString::fromLatin1(hmac.mac(device.toUtf8()).left(8).toHex());
        const QStringList fields{
            QDateTime::fromSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC).toString(Qt::ISODate),
            device,
            q.value(2).toString(),
            q.value(3).toString(),
            q.value(4).toString(),
            QString::number(q.value(5).toInt()),
            q.value(6).toString(),
            q.value(7).toString(),
            q.value(8).toString(),
            q.value(9).toString(),
            q.value(10).toString(),
        };
        for (int i = 0; i < fields.size(); ++i) {
            if (i)
                out += ',';
            out += DeviceCsv::quote(fields[i]).toUtf8();
        }
        out += "\r\n";
        ++rows;
        if (out.size() > (1 << 20)) {
            if (file.write(out) != out.size())
                break;
            out.clear();
            if (progress && !progress(rows)) {
                file.cancelWriting();
                return ServiceError::make(ServiceError::Code::Cancelled,
                                          Tr::tr("The export was cancelled; no file was written."));
            }
        }
    }
    if (q.lastError().isValid())
        return m_database.error(q.lastError(), Tr::tr("read the update events"));
    file.write(out);
    if (!file.commit())
        return ServiceError::make(ServiceError::Code::StorageUnavailable,
                                  Tr::tr("Cannot write %1: %2").arg(path, file.errorString()));
    if (progress)
        progress(rows);
    return rows;
}

} // namespace Patchboard
