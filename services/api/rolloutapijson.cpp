// SPDX-License-Identifier: Apache-2.0
#include "rolloutapijson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Patchboard::Json {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

const QString kWindowTime = QStringLiteral("HH:mm");

QJsonArray intArray(const QList<int> &values)
{
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

QString sizeName(WavePlan::Size size)
{
    switch (size) {
    case WavePlan::Size::Percent:
        return QStringLiteral("percent");
    case WavePlan::Size::Count:
        return QStringLiteral("count");
    case WavePlan::Size::Rest:
        return QStringLiteral("rest");
    }
    return {};
}

std::optional<WavePlan::Size> sizeFromName(const QString &name)
{
    for (auto size : {WavePlan::Size::Percent, WavePlan::Size::Count, WavePlan::Size::Rest}) {
        if (sizeName(size) == name)
            return size;
    }
    return std::nullopt;
}

QTime readTime(JsonReader &r, const char *key, QTime fallback)
{
    if (!r.has(key))
        return fallback;
    const QString text = r.string(key);
    const QTime time = QTime::fromString(text, kWindowTime);
    if (!time.isValid() && r.ok())
        r.fail(key, Tr::tr("expected a time of day (HH:mm)"));
    return time;
}

RolloutState readRolloutState(JsonReader &r, const char *key)
{
    const QString name = r.string(key);
    if (const auto state = rolloutStateFromName(name))
        return *state;
    if (r.ok())
        r.fail(key, Tr::tr("unknown rollout state %1").arg(name));
    return RolloutState::Draft;
}

QJsonObject toJson(const WavePlan &wave)
{
    return QJsonObject{
        {QStringLiteral("size"), sizeName(wave.size)},
        {QStringLiteral("percent"), wave.percent},
        {QStringLiteral("count"), wave.count},
        {QStringLiteral("successThreshold"), wave.successThreshold},
        {QStringLiteral("errorThreshold"), wave.errorThreshold},
        {QStringLiteral("minimumResults"), wave.minimumResults},
        {QStringLiteral("soakMinutes"), wave.soakMinutes},
        {QStringLiteral("manualGate"), wave.manualGate},
    };
}

// The size is required; the rest default like a new WavePlan.
WavePlan readWavePlan(JsonReader &r)
{
    WavePlan wave;
    const QString size = r.string("size");
    if (const auto parsed = sizeFromName(size))
        wave.size = *parsed;
    else if (r.ok())
        r.fail("size", Tr::tr("expected percent, count or rest, not \"%1\"").arg(size));
    wave.percent = r.numberOr("percent", wave.percent);
    wave.count = int(r.integerOr("count", wave.count));
    wave.successThreshold = r.numberOr("successThreshold", wave.successThreshold);
    wave.errorThreshold = r.numberOr("errorThreshold", wave.errorThreshold);
    wave.minimumResults = int(r.integerOr("minimumResults", wave.minimumResults));
    wave.soakMinutes = int(r.integerOr("soakMinutes", wave.soakMinutes));
    wave.manualGate = r.booleanOr("manualGate", wave.manualGate);
    return wave;
}

QJsonObject toJson(const RolloutPreview::ModelRow &row)
{
    return QJsonObject{{QStringLiteral("modelId"), row.modelId},
                       {QStringLiteral("manufacturer"), row.manufacturer},
                       {QStringLiteral("model"), row.model},
                       {QStringLiteral("devices"), row.devices},
                       {QStringLiteral("perWave"), intArray(row.perWave)}};
}

RolloutPreview readPreview(JsonReader &r)
{
    RolloutPreview p;
    p.targeted = int(r.integer("targeted"));
    p.alreadyCurrent = int(r.integer("alreadyCurrent"));
    p.rooted = int(r.integer("rooted"));
    p.ported = int(r.integer("ported"));
    p.unsupported = int(r.integer("unsupported"));
    p.busy = int(r.integer("busy"));
    p.filteredOut = int(r.integer("filteredOut"));
    p.waveSizes = r.integers("waveSizes");
    const QJsonArray models = r.array("models");
    for (qsizetype i = 0; i < models.size(); ++i) {
        JsonReader m = r.element(models, "models", i);
        RolloutPreview::ModelRow row;
        row.modelId = int(m.integer("modelId"));
        row.manufacturer = m.string("manufacturer");
        row.model = m.string("model");
        row.devices = int(m.integer("devices"));
        row.perWave = m.integers("perWave");
        p.models.append(row);
    }
    p.problems = r.strings("problems");
    p.warnings = r.strings("warnings");
    p.noticeTitle = r.string("noticeTitle");
    p.noticeSummary = r.string("noticeSummary");
    return p;
}

QJsonObject toJson(const WaveProgress &wave)
{
    return QJsonObject{
        {QStringLiteral("number"), wave.number},
        {QStringLiteral("state"), waveStateName(wave.state)},
        {QStringLiteral("plan"), toJson(wave.plan)},
        {QStringLiteral("size"), wave.size},
        {QStringLiteral("pending"), wave.pending},
        {QStringLiteral("inProgress"), wave.inProgress},
        {QStringLiteral("verified"), wave.verified},
        {QStringLiteral("postponed"), wave.postponed},
        {QStringLiteral("succeeded"), wave.succeeded},
        {QStringLiteral("failed"), wave.failed},
        {QStringLiteral("rolledBack"), wave.rolledBack},
        {QStringLiteral("cancelled"), wave.cancelled},
        {QStringLiteral("started"), dateTime(wave.started)},
        {QStringLiteral("succeededAt"), dateTime(wave.succeededAt)},
        {QStringLiteral("nextWaveAt"), dateTime(wave.nextWaveAt)},
        {QStringLiteral("waitingForGate"), wave.waitingForGate},
        {QStringLiteral("gateOpen"), wave.gateOpen},
        {QStringLiteral("baselineResults"), wave.baselineResults},
        {QStringLiteral("baselineFailed"), wave.baselineFailed},
    };
}

WaveProgress readWaveProgress(JsonReader &r)
{
    WaveProgress w;
    w.number = int(r.integer("number"));
    const QString state = r.string("state");
    if (const auto parsed = waveStateFromName(state))
        w.state = *parsed;
    else if (r.ok())
        r.fail("state", Tr::tr("unknown wave state %1").arg(state));
    JsonReader plan = r.object("plan");
    w.plan = readWavePlan(plan);
    w.size = int(r.integer("size"));
    w.pending = int(r.integer("pending"));
    w.inProgress = int(r.integer("inProgress"));
    w.verified = int(r.integer("verified"));
    w.postponed = int(r.integer("postponed"));
    w.succeeded = int(r.integer("succeeded"));
    w.failed = int(r.integer("failed"));
    w.rolledBack = int(r.integer("rolledBack"));
    w.cancelled = int(r.integer("cancelled"));
    w.started = r.dateTimeOr("started");
    w.succeededAt = r.dateTimeOr("succeededAt");
    w.nextWaveAt = r.dateTimeOr("nextWaveAt");
    w.waitingForGate = r.boolean("waitingForGate");
    w.gateOpen = r.boolean("gateOpen");
    w.baselineResults = int(r.integer("baselineResults"));
    w.baselineFailed = int(r.integer("baselineFailed"));
    return w;
}

RolloutSummary readSummary(JsonReader &r)
{
    RolloutSummary s;
    s.id = r.integer("id");
    s.name = r.string("name");
    s.releaseId = r.integer("releaseId");
    s.releaseVersion = r.string("releaseVersion");
    s.state = readRolloutState(r, "state");
    s.targets = int(r.integer("targets"));
    s.currentWave = int(r.integer("currentWave"));
    const QJsonArray waves = r.array("waves");
    for (qsizetype i = 0; i < waves.size(); ++i) {
        JsonReader w = r.element(waves, "waves", i);
        s.waves.append(readWaveProgress(w));
    }
    s.haltReason = r.stringOr("haltReason");
    s.created = r.dateTimeOr("created");
    s.createdBy = r.stringOr("createdBy");
    s.start = r.dateTimeOr("start");
    s.started = r.dateTimeOr("started");
    s.finished = r.dateTimeOr("finished");
    s.deadline = r.dateTimeOr("deadline");
    return s;
}


} // namespace

QJsonObject toJson(const RolloutPlan &plan)
{
    const RolloutTargetFilter &t = plan.targets;
    QJsonArray waves;
    for (const WavePlan &wave : plan.waves)
        waves.append(toJson(wave));
    return QJsonObject{
        {QStringLiteral("releaseId"), plan.releaseId},
        {QStringLiteral("name"), plan.name},
        {QStringLiteral("targets"),
         QJsonObject{{QStringLiteral("modelIds"), intArray(t.modelIds)},
                     {QStringLiteral("regionIds"), intArray(t.regionIds)},
                     {QStringLiteral("patchLevelBefore"), date(t.patchLevelBefore)},
                     {QStringLiteral("sequenceBelow"), t.sequenceBelow},
                     {QStringLiteral("includeRooted"), t.includeRooted},
                     {QStringLiteral("includePorted"), t.includePorted},
                     {QStringLiteral("includeUnsupported"), t.includeUnsupported}}},
        {QStringLiteral("waves"), waves},
        {QStringLiteral("start"), dateTime(plan.start)},
        {QStringLiteral("deadline"), dateTime(plan.deadline)},
        {QStringLiteral("window"),
         QJsonObject{{QStringLiteral("enabled"), plan.window.enabled},
                     {QStringLiteral("start"), plan.window.start.toString(kWindowTime)},
                     {QStringLiteral("end"), plan.window.end.toString(kWindowTime)}}},
        {QStringLiteral("notice"),
         QJsonObject{{QStringLiteral("title"), plan.notice.title},
                     {QStringLiteral("summary"), plan.notice.summary},
                     {QStringLiteral("manufacturerFallback"), plan.notice.manufacturerFallback},
                     {QStringLiteral("fallbackUrl"), plan.notice.fallbackUrl}}},
    };
}

// The release, the name and the waves are required; what a plan can leave out (targets,
// start, deadline, window, notice) takes the defaults of a new RolloutPlan. Values are only
// checked for their type here: whether they make a valid plan is the backend's preview.
RolloutPlan readRolloutPlan(JsonReader &r)
{
    RolloutPlan plan;
    plan.releaseId = r.integer("releaseId");
    plan.name = r.string("name");
    if (r.has("targets")) {
        JsonReader t = r.object("targets");
        plan.targets.modelIds = (t.has("modelIds") ? t.integers("modelIds") : QList<int>());
        plan.targets.regionIds = (t.has("regionIds") ? t.integers("regionIds") : QList<int>());
        plan.targets.patchLevelBefore = t.dateOr("patchLevelBefore");
        plan.targets.sequenceBelow = t.integerOr("sequenceBelow", 0);
        plan.targets.includeRooted = t.booleanOr("includeRooted", false);
        plan.targets.includePorted = t.booleanOr("includePorted", false);
        plan.targets.includeUnsupported = t.booleanOr("includeUnsupported", false);
    }
    const QJsonArray waves = r.array("waves");
    for (qsizetype i = 0; i < waves.size(); ++i) {
        JsonReader w = r.element(waves, "waves", i);
        plan.waves.append(readWavePlan(w));
    }
    plan.start = r.dateTimeOr("start");
    plan.deadline = r.dateTimeOr("deadline");
    if (r.has("window")) {
        JsonReader w = r.object("window");
        plan.window.enabled = w.booleanOr("enabled", plan.window.enabled);
        plan.window.start = readTime(w, "start", plan.window.start);
        plan.window.end = readTime(w, "end", plan.window.end);
    }
    if (r.has("notice")) {
        JsonReader n = r.object("notice");
        plan.notice.title = n.stringOr("title");
        plan.notice.summary = n.stringOr("summary");
        plan.notice.manufacturerFallback = n.booleanOr("manufacturerFallback", false);
        plan.notice.fallbackUrl = n.stringOr("fallbackUrl");
    }
    return plan;
}

Result<RolloutPlan> readRolloutPlan(const QJsonValue &value)
{
    return readWhole<RolloutPlan>(value, QStringLiteral("plan"),
                                  [](JsonReader &r) { return readRolloutPlan(r); });
}

QJsonObject toJson(const RolloutPreview &preview)
{
    QJsonArray models;
    for (const RolloutPreview::ModelRow &row : preview.models)
        models.append(toJson(row));
    return QJsonObject{
        {QStringLiteral("targeted"), preview.targeted},
        {QStringLiteral("alreadyCurrent"), preview.alreadyCurrent},
        {QStringLiteral("rooted"), preview.rooted},
        {QStringLiteral("ported"), preview.ported},
        {QStringLiteral("unsupported"), preview.unsupported},
        {QStringLiteral("busy"), preview.busy},
        {QStringLiteral("filteredOut"), preview.filteredOut},
        {QStringLiteral("waveSizes"), intArray(preview.waveSizes)},
        {QStringLiteral("models"), models},
        {QStringLiteral("problems"), QJsonArray::fromStringList(preview.problems)},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(preview.warnings)},
        {QStringLiteral("noticeTitle"), preview.noticeTitle},
        {QStringLiteral("noticeSummary"), preview.noticeSummary},
    };
}

Result<RolloutPreview> readRolloutPreview(const QJsonValue &value)
{
    return readWhole<RolloutPreview>(value, QStringLiteral("preview"),
                                     [](JsonReader &r) { return readPreview(r); });
}

QJsonObject toJson(const RolloutSummary &summary)
{
    QJsonArray waves;
    for (const WaveProgress &wave : summary.waves)
        waves.append(toJson(wave));
    return QJsonObject{
        {QStringLiteral("id"), summary.id},
        {QStringLiteral("name"), summary.name},
        {QStringLiteral("releaseId"), summary.releaseId},
        {QStringLiteral("releaseVersion"), summary.releaseVersion},
        {QStringLiteral("state"), rolloutStateName(summary.state)},
        {QStringLiteral("targets"), summary.targets},
        {QStringLiteral("currentWave"), summary.currentWave},
        {QStringLiteral("waves"), waves},
        {QStringLiteral("haltReason"), summary.haltReason},
        {QStringLiteral("created"), dateTime(summary.created)},
        {QStringLiteral("createdBy"), summary.createdBy},
        {QStringLiteral("start"), dateTime(summary.start)},
        {QStringLiteral("started"), dateTime(summary.started)},
        {QStringLiteral("finished"), dateTime(summary.finished)},
        {QStringLiteral("deadline"), dateTime(summary.deadline)},
    };
}

Result<RolloutSummary> readRolloutSummary(const QJsonValue &value)
{
    return readWhole<RolloutSummary>(value, QStringLiteral("rollout"),
                                     [](JsonReader &r) { return readSummary(r); });
}

QJsonObject toJson(const QList<RolloutSummary> &rollouts)
{
    QJsonArray array;
    for (const RolloutSummary &summary : rollouts)
        array.append(toJson(summary));
    return QJsonObject{{QStringLiteral("rollouts"), array}};
}

Result<QList<RolloutSummary>> readRolloutSummaries(const QJsonValue &value)
{
    return readWhole<QList<RolloutSummary>>(value, QStringLiteral("answer"), [](JsonReader &r) {
        QList<RolloutSummary> list;
        const QJsonArray array = r.array("rollouts");
        for (qsizetype i = 0; i < array.size() && r.ok(); ++i) {
            JsonReader s = r.element(array, "rollouts", i);
            list.append(readSummary(s));
        }
        return list;
    });
}

QJsonObject toJson(const RolloutTransition &transition)
{
    return QJsonObject{
        {QStringLiteral("from"), rolloutStateName(transition.from)},
        {QStringLiteral("to"), rolloutStateName(transition.to)},
        {QStringLiteral("actor"), transition.actor},
        {QStringLiteral("role"), transition.role},
        {QStringLiteral("time"), dateTime(transition.time)},
        {QStringLiteral("reason"), transition.reason},
    };
}

QJsonObject toJson(const RolloutDetail &detail)
{
    QJsonArray history;
    for (const RolloutTransition &t : detail.history)
        history.append(toJson(t));
    return QJsonObject{
        {QStringLiteral("summary"), toJson(detail.summary)},
        {QStringLiteral("plan"), toJson(detail.plan)},
        {QStringLiteral("targets"), toJson(detail.targets)},
        {QStringLiteral("history"), history},
    };
}

Result<RolloutDetail> readRolloutDetail(const QJsonValue &value)
{
    return readWhole<RolloutDetail>(value, QStringLiteral("rollout"), [](JsonReader &r) {
        RolloutDetail d;
        JsonReader summary = r.object("summary");
        d.summary = readSummary(summary);
        JsonReader plan = r.object("plan");
        d.plan = readRolloutPlan(plan);
        JsonReader targets = r.object("targets");
        d.targets = readPreview(targets);
        const QJsonArray history = r.array("history");
        for (qsizetype i = 0; i < history.size() && r.ok(); ++i) {
            JsonReader h = r.element(history, "history", i);
            RolloutTransition t;
            t.from = readRolloutState(h, "from");
            t.to = readRolloutState(h, "to");
            t.actor = h.stringOr("actor");
            t.role = h.stringOr("role");
            t.time = h.dateTimeOr("time");
            t.reason = h.stringOr("reason");
            d.history.append(t);
        }
        return d;
    });
}

QJsonObject toJson(const SimulationSettings &settings)
{
    QJsonArray rates;
    for (const auto &[model, rate] : settings.failureRates)
        rates.append(QJsonObject{{QStringLiteral("modelId"), model}, {QStringLiteral("rate"), rate}});
    return QJsonObject{
        {QStringLiteral("available"), settings.available},
        {QStringLiteral("running"), settings.running},
        {QStringLiteral("speed"), settings.speed},
        {QStringLiteral("clock"), dateTime(settings.clock)},
        {QStringLiteral("failureRates"), rates},
    };
}

SimulationSettings readSimulationSettings(JsonReader &r)
{
    SimulationSettings s;
    s.available = r.booleanOr("available", false);
    s.running = r.boolean("running");
    s.speed = r.number("speed");
    s.clock = r.dateTimeOr("clock");
    if (r.has("failureRates")) {
        const QJsonArray rates = r.array("failureRates");
        for (qsizetype i = 0; i < rates.size() && r.ok(); ++i) {
            JsonReader e = r.element(rates, "failureRates", i);
            const int model = int(e.integer("modelId"));
            s.failureRates.append({model, e.number("rate")});
        }
    }
    return s;
}

Result<SimulationSettings> readSimulationSettings(const QJsonValue &value)
{
    return readWhole<SimulationSettings>(value, QStringLiteral("simulation"),
                                         [](JsonReader &r) { return readSimulationSettings(r); });
}

} // namespace Patchboard::Json
