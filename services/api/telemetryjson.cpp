// SPDX-License-Identifier: Apache-2.0
#include "telemetryjson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Patchboard::Json {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

constexpr TelemetryOutcome kOutcomes[] = {TelemetryOutcome::Succeeded, TelemetryOutcome::Failed,
                                          TelemetryOutcome::RolledBack,
                                          TelemetryOutcome::Postponed};

QString scopeKindName(TelemetryScope::Kind kind)
{
    switch (kind) {
    case TelemetryScope::Kind::Fleet:
        return QStringLiteral("fleet");
    case TelemetryScope::Kind::Rollout:
        return QStringLiteral("rollout");
    case TelemetryScope::Kind::Release:
        return QStringLiteral("release");
    }
    return {};
}

QString outcomeName(TelemetryOutcome outcome)
{
    return updateOutcomeCode(updateOutcome(outcome));
}

TelemetryOutcome readOutcome(JsonReader &r, const char *key, const QString &name)
{
    const auto update = updateOutcomeFromCode(name);
    const auto outcome = update ? telemetryOutcome(*update) : std::nullopt;
    if (outcome)
        return *outcome;
    if (r.ok())
        r.fail(key, Tr::tr("expected succeeded, failed, rolled-back or postponed, not \"%1\"")
                        .arg(name));
    return TelemetryOutcome::Failed;
}

FailureReason readReason(JsonReader &r, const char *key)
{
    const QString code = r.string(key);
    if (const auto reason = failureReasonFromCode(code))
        return *reason;
    if (r.ok())
        r.fail(key, Tr::tr("unknown failure reason %1").arg(code));
    return FailureReason::None;
}

QJsonObject toJson(const OutcomeCounts &counts)
{
    QJsonObject object;
    for (TelemetryOutcome o : kOutcomes) {
        // camelCase keys: "rolled-back" -> "rolledBack".
        QString key = outcomeName(o);
        if (o == TelemetryOutcome::RolledBack)
            key = QStringLiteral("rolledBack");
        object.insert(key, counts[o]);
    }
    return object;
}

OutcomeCounts readCounts(JsonReader &r)
{
    OutcomeCounts counts;
    counts[TelemetryOutcome::Succeeded] = r.integer("succeeded");
    counts[TelemetryOutcome::Failed] = r.integer("failed");
    counts[TelemetryOutcome::RolledBack] = r.integer("rolledBack");
    counts[TelemetryOutcome::Postponed] = r.integer("postponed");
    return counts;
}

QJsonArray toJson(const QList<TelemetryGroup> &groups)
{
    QJsonArray array;
    for (const TelemetryGroup &g : groups) {
        array.append(QJsonObject{{QStringLiteral("id"), g.id},
                                 {QStringLiteral("name"), g.name},
                                 {QStringLiteral("counts"), toJson(g.counts)}});
    }
    return array;
}

QList<TelemetryGroup> readGroups(JsonReader &r, const char *key)
{
    QList<TelemetryGroup> groups;
    const QJsonArray array = r.array(key);
    for (qsizetype i = 0; i < array.size() && r.ok(); ++i) {
        JsonReader g = r.element(array, key, i);
        TelemetryGroup group;
        group.id = int(g.integer("id"));
        group.name = g.stringOr("name");
        JsonReader counts = g.object("counts");
        group.counts = readCounts(counts);
        groups.append(group);
    }
    return groups;
}


} // namespace

QJsonObject toJson(const TelemetryScope &scope)
{
    return QJsonObject{{QStringLiteral("kind"), scopeKindName(scope.kind)},
                       {QStringLiteral("id"), scope.id}};
}

TelemetryScope readTelemetryScope(JsonReader &r)
{
    TelemetryScope scope;
    const QString kind = r.string("kind");
    bool known = false;
    for (auto k : {TelemetryScope::Kind::Fleet, TelemetryScope::Kind::Rollout,
                   TelemetryScope::Kind::Release}) {
        if (scopeKindName(k) == kind) {
            scope.kind = k;
            known = true;
        }
    }
    if (!known && r.ok())
        r.fail("kind", Tr::tr("expected fleet, rollout or release, not \"%1\"").arg(kind));
    scope.id = r.integerOr("id", 0);
    return scope;
}

QJsonObject toJson(const QList<TelemetryScopeChoice> &choices)
{
    QJsonArray array;
    for (const TelemetryScopeChoice &c : choices) {
        array.append(QJsonObject{{QStringLiteral("scope"), toJson(c.scope)},
                                 {QStringLiteral("name"), c.name},
                                 {QStringLiteral("state"), c.state},
                                 {QStringLiteral("active"), c.active}});
    }
    return QJsonObject{{QStringLiteral("scopes"), array}};
}

Result<QList<TelemetryScopeChoice>> readTelemetryScopeChoices(const QJsonValue &value)
{
    return readWhole<QList<TelemetryScopeChoice>>(value, QStringLiteral("answer"), [](JsonReader &r) {
        QList<TelemetryScopeChoice> choices;
        const QJsonArray array = r.array("scopes");
        for (qsizetype i = 0; i < array.size() && r.ok(); ++i) {
            JsonReader c = r.element(array, "scopes", i);
            TelemetryScopeChoice choice;
            JsonReader scope = c.object("scope");
            choice.scope = readTelemetryScope(scope);
            choice.name = c.string("name");
            choice.state = c.stringOr("state");
            choice.active = c.boolean("active");
            choices.append(choice);
        }
        return choices;
    });
}

QJsonObject toJson(const TelemetryQuery &query)
{
    return QJsonObject{{QStringLiteral("scope"), toJson(query.scope)},
                       {QStringLiteral("from"), dateTime(query.from)},
                       {QStringLiteral("to"), dateTime(query.to)},
                       {QStringLiteral("maxBuckets"), query.maxBuckets}};
}

TelemetryQuery readTelemetryQuery(JsonReader &r)
{
    TelemetryQuery query;
    JsonReader scope = r.object("scope");
    query.scope = readTelemetryScope(scope);
    query.from = r.dateTimeOr("from");
    query.to = r.dateTimeOr("to");
    query.maxBuckets = int(r.integerOr("maxBuckets", query.maxBuckets));
    // A client must not make the server build millions of buckets.
    if (r.ok() && (query.maxBuckets < 1 || query.maxBuckets > 10000))
        r.fail("maxBuckets", Tr::tr("expected 1 to 10000"));
    return query;
}

Result<TelemetryQuery> readTelemetryQuery(const QJsonValue &value)
{
    return readWhole<TelemetryQuery>(value, QStringLiteral("query"),
                                     [](JsonReader &r) { return readTelemetryQuery(r); });
}

QJsonObject toJson(const TelemetryOverview &overview)
{
    QJsonArray buckets;
    for (const OutcomeBucket &b : overview.series.buckets) {
        buckets.append(QJsonObject{{QStringLiteral("start"), dateTime(b.start)},
                                   {QStringLiteral("counts"), toJson(b.counts)}});
    }
    QJsonArray reasons;
    for (const ReasonCount &r : overview.breakdown.reasons) {
        reasons.append(QJsonObject{{QStringLiteral("reason"), failureReasonCode(r.reason)},
                                   {QStringLiteral("outcome"), outcomeName(r.outcome)},
                                   {QStringLiteral("count"), r.count}});
    }
    const TelemetryBreakdown &b = overview.breakdown;
    return QJsonObject{
        {QStringLiteral("query"), toJson(overview.query)},
        {QStringLiteral("firstEvent"), dateTime(overview.firstEvent)},
        {QStringLiteral("lastEvent"), dateTime(overview.lastEvent)},
        {QStringLiteral("series"),
         QJsonObject{{QStringLiteral("bucketSeconds"), overview.series.bucketSeconds},
                     {QStringLiteral("buckets"), buckets}}},
        {QStringLiteral("breakdown"),
         QJsonObject{{QStringLiteral("total"), toJson(b.total)},
                     {QStringLiteral("reasons"), reasons},
                     {QStringLiteral("models"), toJson(b.models)},
                     {QStringLiteral("regions"), toJson(b.regions)},
                     {QStringLiteral("waves"), toJson(b.waves)}}},
        {QStringLiteral("errorThreshold"), overview.errorThreshold},
        {QStringLiteral("thresholdWave"), overview.thresholdWave},
    };
}

Result<TelemetryOverview> readTelemetryOverview(const QJsonValue &value)
{
    return readWhole<TelemetryOverview>(value, QStringLiteral("overview"), [](JsonReader &r) {
        TelemetryOverview o;
        JsonReader query = r.object("query");
        o.query = readTelemetryQuery(query);
        o.firstEvent = r.dateTimeOr("firstEvent");
        o.lastEvent = r.dateTimeOr("lastEvent");
        JsonReader series = r.object("series");
        o.series.bucketSeconds = int(series.integer("bucketSeconds"));
        const QJsonArray buckets = series.array("buckets");
        o.series.buckets.reserve(buckets.size());
        for (qsizetype i = 0; i < buckets.size() && r.ok(); ++i) {
            JsonReader b = series.element(buckets, "buckets", i);
            OutcomeBucket bucket;
            bucket.start = b.dateTime("start");
            JsonReader counts = b.object("counts");
            bucket.counts = readCounts(counts);
            o.series.buckets.append(bucket);
        }
        JsonReader breakdown = r.object("breakdown");
        JsonReader total = breakdown.object("total");
        o.breakdown.total = readCounts(total);
        const QJsonArray reasons = breakdown.array("reasons");
        for (qsizetype i = 0; i < reasons.size() && r.ok(); ++i) {
            JsonReader e = breakdown.element(reasons, "reasons", i);
            ReasonCount reason;
            reason.reason = readReason(e, "reason");
            reason.outcome = readOutcome(e, "outcome", e.string("outcome"));
            reason.count = e.integer("count");
            o.breakdown.reasons.append(reason);
        }
        o.breakdown.models = readGroups(breakdown, "models");
        o.breakdown.regions = readGroups(breakdown, "regions");
        o.breakdown.waves = readGroups(breakdown, "waves");
        o.errorThreshold = r.number("errorThreshold");
        o.thresholdWave = int(r.integer("thresholdWave"));
        return o;
    });
}

QJsonObject toJson(const UpdateEventFilter &filter)
{
    QJsonArray outcomes;
    for (TelemetryOutcome o : filter.outcomes)
        outcomes.append(outcomeName(o));
    return QJsonObject{
        {QStringLiteral("scope"), toJson(filter.scope)},
        {QStringLiteral("from"), dateTime(filter.from)},
        {QStringLiteral("to"), dateTime(filter.to)},
        {QStringLiteral("wave"), filter.wave},
        {QStringLiteral("modelId"), filter.modelId},
        {QStringLiteral("regionId"), filter.regionId},
        {QStringLiteral("outcomes"), outcomes},
        // null: any reason; "": events without a reason.
        {QStringLiteral("reason"),
         filter.reason ? QJsonValue(failureReasonCode(*filter.reason)) : QJsonValue()},
        {QStringLiteral("description"), filter.description},
    };
}

UpdateEventFilter readUpdateEventFilter(JsonReader &r)
{
    UpdateEventFilter f;
    JsonReader scope = r.object("scope");
    f.scope = readTelemetryScope(scope);
    f.from = r.dateTimeOr("from");
    f.to = r.dateTimeOr("to");
    f.wave = int(r.integerOr("wave", 0));
    f.modelId = int(r.integerOr("modelId", 0));
    f.regionId = int(r.integerOr("regionId", 0));
    if (r.has("outcomes")) {
        const QJsonArray outcomes = r.array("outcomes");
        for (qsizetype i = 0; i < outcomes.size(); ++i) {
            const QByteArray key = "outcomes[" + QByteArray::number(i) + ']';
            f.outcomes.append(readOutcome(r, key.constData(), outcomes.at(i).toString()));
        }
    }
    if (r.has("reason"))
        f.reason = readReason(r, "reason");
    f.description = r.stringOr("description");
    return f;
}

Result<UpdateEventFilter> readUpdateEventFilter(const QJsonValue &value)
{
    return readWhole<UpdateEventFilter>(value, QStringLiteral("filter"),
                                        [](JsonReader &r) { return readUpdateEventFilter(r); });
}

QJsonObject toJson(const PseudonymOptions &options)
{
    return QJsonObject{{QStringLiteral("enabled"), options.enabled},
                       {QStringLiteral("salt"), QString::fromLatin1(options.salt.toBase64())}};
}

PseudonymOptions readPseudonymOptions(JsonReader &r)
{
    PseudonymOptions options;
    options.enabled = r.boolean("enabled");
    if (r.has("salt"))
        options.salt = r.base64("salt");
    return options;
}

Result<PseudonymOptions> readPseudonymOptions(const QJsonValue &value)
{
    return readWhole<PseudonymOptions>(value, QStringLiteral("pseudonyms"),
                                       [](JsonReader &r) { return readPseudonymOptions(r); });
}

} // namespace Patchboard::Json
