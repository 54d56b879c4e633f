// SPDX-License-Identifier: Apache-2.0
#include "eventwriter.h"

#include "domain/telemetry.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <utility>
#include <vector>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::EventWriter)
};

template<typename Enum, int Count, typename CodeOf>
const QByteArray &codeOf(Enum value, CodeOf codeOfValue)
{
    static const auto codes = [codeOfValue] {
        std::array<QByteArray, Count> all;
        for (int i = 0; i < Count; ++i)
            all[size_t(i)] = codeOfValue(Enum(i)).toUtf8();
        return all;
    }();
    return codes[size_t(value)];
}

} // namespace

const QByteArray &EventWriter::code(UpdatePhase phase)
{
    return codeOf<UpdatePhase, UpdatePhaseCount>(phase, [](UpdatePhase p) { return updatePhaseCode(p); });
}

const QByteArray &EventWriter::code(UpdateOutcome outcome)
{
    return codeOf<UpdateOutcome, UpdateOutcomeCount>(outcome, [](UpdateOutcome o) {
        return updateOutcomeCode(o);
    });
}

const QByteArray &EventWriter::code(FailureReason reason)
{
    return codeOf<FailureReason, FailureReasonCount>(reason, [](FailureReason r) {
        return failureReasonCode(r);
    });
}

Status EventWriter::prepare(Database &database)
{
    if (m_database == &database)
        return Done{};
    const QString what = Tr::tr("record the update events");
    const std::pair<std::optional<PreparedStatement> *, const char *> statements[] = {
        {&m_insert,
         "INSERT INTO update_events (id, device_id, rollout_id, wave, phase, outcome, reason, "
         "from_version, to_version, time, prev_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"},
        {&m_head, "SELECT last_event FROM device_event_heads WHERE device_id = ?"},
        {&m_setHead,
         "INSERT INTO device_event_heads (device_id, last_event) VALUES (?, ?) "
         "ON CONFLICT (device_id) DO UPDATE SET last_event = excluded.last_event"},
        {&m_series,
         "INSERT INTO event_series (resolution, start, rollout_id, wave, outcome, count) "
         "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (resolution, start, rollout_id, wave, outcome) "
         "DO UPDATE SET count = event_series.count + excluded.count"},
        {&m_bucket,
         "INSERT INTO event_buckets (resolution, start, rollout_id, wave, model_id, region_id, "
         "outcome, reason, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (resolution, "
         "start, rollout_id, wave, model_id, region_id, outcome, reason) DO UPDATE SET "
         "count = event_buckets.count + excluded.count"},
    };
    for (const auto &[slot, sql] : statements) {
        auto prepared = PreparedStatement::prepare(database, QString::fromLatin1(sql), what);
        if (!prepared) {
            m_database = nullptr;
            return prepared.error();
        }
        slot->emplace(std::move(prepared).value());
    }
    // Two-argument min/max are spelt least/greatest on PostgreSQL.
    const SqlDialect dialect = database.dialect();
    auto span = PreparedStatement::prepare(
        database,
        QStringLiteral("INSERT INTO event_spans (rollout_id, first, last) VALUES (?, ?, ?) ON "
                       "CONFLICT (rollout_id) DO UPDATE SET first = %1(event_spans.first, "
                       "excluded.first), last = %2(event_spans.last, excluded.last)")
            .arg(dialect.least(), dialect.greatest()),
        what);
    if (!span) {
        m_database = nullptr;
        return span.error();
    }
    m_span.emplace(std::move(span).value());
    m_database = &database;
    return Done{};
}

void EventWriter::forget()
{
    m_heads.clear();
    m_lastWritten = {0, 0, 0};
}

Status EventWriter::start(Database &database)
{
    // Remembered heads cost about 32 bytes a device: beyond a few million, read them again.
    constexpr qsizetype maxRemembered = 4'000'000;
    m_touched.clear();
    m_seriesCounts.clear();
    m_bucketCounts.clear();
    m_spans.clear();
    m_started = false;
    if (m_database != &database || m_heads.size() > maxRemembered)
        forget();
    if (const Status ok = prepare(database); !ok)
        return ok;
    // The caller's transaction holds the write lock: nobody else adds events until it ends.
    QSqlQuery q(database.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT id, device_id, time FROM update_events ORDER BY id DESC LIMIT 1")))
        return database.error(q.lastError(), Tr::tr("record the update events"));
    std::tuple<qint64, qint64, qint64> newest{0, 0, 0};
    if (q.next())
        newest = {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()};
    q.finish();
    // The heads remembered from earlier batches hold only if the newest event is still the last
    // one this writer appended: not if another connection added events since or if that batch
    // was rolled back.
    if (newest != m_lastWritten)
        forget();
    m_nextId = std::get<0>(newest) + 1;
    m_batchFirstId = m_nextId;
    m_started = true;
    return Done{};
}

Result<qint64> EventWriter::previousEvent(qint64 device)
{
    if (const auto found = m_heads.constFind(device); found != m_heads.cend()) {
        if (found.value() < m_batchFirstId)
            m_touched.push_back(device);
        return found.value();
    }
    m_touched.push_back(device);
    PreparedStatement &head = *m_head;
    head.bind(0, device);
    if (const Status ok = head.start(); !ok)
        return ok.error();
    const qint64 previous = head.next() ? head.integer(0) : 0;
    if (const Status ok = head.finishRows(); !ok)
        return ok.error();
    return previous;
}

Status EventWriter::append(const EventRecord &e)
{
    Q_ASSERT(m_started);
    const Result<qint64> previous = previousEvent(e.device);
    if (!previous)
        return previous.error();
    const qint64 id = m_nextId++;
    PreparedStatement &insert = *m_insert;
    insert.bind(0, id);
    insert.bind(1, e.device);
    insert.bind(2, e.rollout);
    insert.bind(3, qint64(e.wave));
    insert.bindText(4, code(e.phase));
    insert.bindText(5, code(e.outcome));
    insert.bindText(6, code(e.reason));
    insert.bindText(7, e.fromVersion);
    insert.bindText(8, e.toVersion);
    insert.bind(9, e.time);
    insert.bind(10, previous.value());
    if (const Status ok = insert.exec(); !ok)
        return ok;
    m_heads.insert(e.device, id);
    m_lastWritten = {id, e.device, e.time};
    if (auto span = m_spans.find(e.rollout); span != m_spans.end()) {
        span->first = std::min(span->first, e.time);
        span->second = std::max(span->second, e.time);
    } else {
        m_spans.insert(e.rollout, {e.time, e.time});
    }

    const std::optional<TelemetryOutcome> counted = telemetryOutcome(e.outcome);
    if (!counted)
        return Done{};
    for (int resolution : Resolutions) {
        const qint64 start = e.time - ((e.time % resolution) + resolution) % resolution;
        ++m_seriesCounts[{resolution, start, e.rollout, e.wave, int(*counted)}];
        ++m_bucketCounts[{resolution, start, e.rollout, e.wave, e.model, e.region, int(*counted),
                          int(e.reason)}];
    }
    return Done{};
}

Status EventWriter::finish()
{
    if (!m_started)
        return Done{};
    // In device order: one pass over the heads' B-tree rather than a jump per device.
    std::sort(m_touched.begin(), m_touched.end());
    PreparedStatement &setHead = *m_setHead;
    for (qint64 device : m_touched) {
        setHead.bind(0, device);
        setHead.bind(1, m_heads.value(device));
        if (const Status ok = setHead.exec(); !ok)
            return ok;
    }
    PreparedStatement &series = *m_series;
    for (const auto &[key, count] : m_seriesCounts) {
        const auto &[resolution, start, rollout, wave, outcome] = key;
        series.bind(0, qint64(resolution));
        series.bind(1, start);
        series.bind(2, rollout);
        series.bind(3, qint64(wave));
        series.bind(4, qint64(outcome));
        series.bind(5, count);
        if (const Status ok = series.exec(); !ok)
            return ok;
    }
    PreparedStatement &bucket = *m_bucket;
    for (const auto &[key, count] : m_bucketCounts) {
        const auto &[resolution, start, rollout, wave, model, region, outcome, reason] = key;
        bucket.bind(0, qint64(resolution));
        bucket.bind(1, start);
        bucket.bind(2, rollout);
        bucket.bind(3, qint64(wave));
        bucket.bind(4, qint64(model));
        bucket.bind(5, qint64(region));
        bucket.bind(6, qint64(outcome));
        bucket.bind(7, qint64(reason));
        bucket.bind(8, count);
        if (const Status ok = bucket.exec(); !ok)
            return ok;
    }
    PreparedStatement &span = *m_span;
    for (auto it = m_spans.cbegin(); it != m_spans.cend(); ++it) {
        span.bind(0, it.key());
        span.bind(1, it->first);
        span.bind(2, it->second);
        if (const Status ok = span.exec(); !ok)
            return ok;
    }
    m_touched.clear();
    m_seriesCounts.clear();
    m_bucketCounts.clear();
    m_spans.clear();
    m_started = false;
    return Done{};
}

} // namespace Patchboard
