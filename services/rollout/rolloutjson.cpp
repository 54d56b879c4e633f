// SPDX-License-Identifier: Apache-2.0
#include "rolloutjson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Patchboard::RolloutJson {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RolloutJson)
};

QJsonArray intArray(const QList<int> &values)
{
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

QList<int> intList(const QJsonValue &value)
{
    QList<int> list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toInt());
    return list;
}

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QDateTime timeFrom(const QJsonValue &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
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

std::optional<WavePlan::Size> sizeFrom(const QString &name)
{
    for (auto size : {WavePlan::Size::Percent, WavePlan::Size::Count, WavePlan::Size::Rest}) {
        if (sizeName(size) == name)
            return size;
    }
    return std::nullopt;
}

ServiceError malformed(const QString &field)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument,
                              Tr::tr("The rollout plan is malformed: %1.").arg(field));
}

} // namespace

QJsonObject toJson(const RolloutPlan &plan)
{
    QJsonObject targets{
        {QStringLiteral("models"), intArray(plan.targets.modelIds)},
        {QStringLiteral("regions"), intArray(plan.targets.regionIds)},
        {QStringLiteral("patchLevelBefore"),
         plan.targets.patchLevelBefore.isValid()
             ? plan.targets.patchLevelBefore.toString(Qt::ISODate)
             : QString()},
        {QStringLiteral("sequenceBelow"), QString::number(plan.targets.sequenceBelow)},
        {QStringLiteral("includeRooted"), plan.targets.includeRooted},
        {QStringLiteral("includePorted"), plan.targets.includePorted},
        {QStringLiteral("includeUnsupported"), plan.targets.includeUnsupported},
    };
    QJsonArray waves;
    for (const WavePlan &wave : plan.waves) {
        waves.append(QJsonObject{
            {QStringLiteral("size"), sizeName(wave.size)},
            {QStringLiteral("percent"), wave.percent},
            {QStringLiteral("count"), wave.count},
            {QStringLiteral("successThreshold"), wave.successThreshold},
            {QStringLiteral("errorThreshold"), wave.errorThreshold},
            {QStringLiteral("minimumResults"), wave.minimumResults},
            {QStringLiteral("soakMinutes"), wave.soakMinutes},
            {QStringLiteral("manualGate"), wave.manualGate},
        });
    }
    return QJsonObject{
        {QStringLiteral("release"), QString::number(plan.releaseId)},
        {QStringLiteral("name"), plan.name},
        {QStringLiteral("targets"), targets},
        {QStringLiteral("waves"), waves},
        {QStringLiteral("start"), timeText(plan.start)},
        {QStringLiteral("deadline"), timeText(plan.deadline)},
        {QStringLiteral("window"),
         QJsonObject{{QStringLiteral("enabled"), plan.window.enabled},
                     {QStringLiteral("start"), plan.window.start.toString(QStringLiteral("HH:mm"))},
                     {QStringLiteral("end"), plan.window.end.toString(QStringLiteral("HH:mm"))}}},
        {QStringLiteral("notice"),
         QJsonObject{{QStringLiteral("title"), plan.notice.title},
                     {QStringLiteral("summary"), plan.notice.summary},
                     {QStringLiteral("manufacturerFallback"), plan.notice.manufacturerFallback},
                     {QStringLiteral("fallbackUrl"), plan.notice.fallbackUrl}}},
    };
}

Result<RolloutPlan> planFromJson(const QJsonObject &json)
{
    RolloutPlan plan;
    bool ok = false;
    plan.releaseId = json.value(QStringLiteral("release")).toString().toLongLong(&ok);
    if (!ok)
        return malformed(QStringLiteral("release"));
    plan.name = json.value(QStringLiteral("name")).toString();
    const QJsonObject targets = json.value(QStringLiteral("targets")).toObject();
    plan.targets.modelIds = intList(targets.value(QStringLiteral("models")));
    plan.targets.regionIds = intList(targets.value(QStringLiteral("regions")));
    const QString before = targets.value(QStringLiteral("patchLevelBefore")).toString();
    if (!before.isEmpty()) {
        plan.targets.patchLevelBefore = QDate::fromString(before, Qt::ISODate);
        if (!plan.targets.patchLevelBefore.isValid())
            return malformed(QStringLiteral("targets.patchLevelBefore"));
    }
    plan.targets.sequenceBelow =
        targets.value(QStringLiteral("sequenceBelow")).toString().toLongLong();
    plan.targets.includeRooted = targets.value(QStringLiteral("includeRooted")).toBool();
    plan.targets.includePorted = targets.value(QStringLiteral("includePorted")).toBool();
    plan.targets.includeUnsupported = targets.value(QStringLiteral("includeUnsupported")).toBool();
    const QJsonArray waves = json.value(QStringLiteral("waves")).toArray();
    for (const QJsonValue &value : waves) {
        const QJsonObject object = value.toObject();
        WavePlan wave;
        const auto size = sizeFrom(object.value(QStringLiteral("size")).toString());
        if (!size)
            return malformed(QStringLiteral("waves[].size"));
        wave.size = *size;
        wave.percent = object.value(QStringLiteral("percent")).toDouble();
        wave.count = object.value(QStringLiteral("count")).toInt();
        wave.successThreshold = object.value(QStringLiteral("successThreshold")).toDouble();
        wave.errorThreshold = object.value(QStringLiteral("errorThreshold")).toDouble();
        wave.minimumResults = object.value(QStringLiteral("minimumResults")).toInt();
        wave.soakMinutes = object.value(QStringLiteral("soakMinutes")).toInt();
        wave.manualGate = object.value(QStringLiteral("manualGate")).toBool();
        plan.waves.append(wave);
    }
    plan.start = timeFrom(json.value(QStringLiteral("start")));
    plan.deadline = timeFrom(json.value(QStringLiteral("deadline")));
    const QJsonObject window = json.value(QStringLiteral("window")).toObject();
    plan.window.enabled = window.value(QStringLiteral("enabled")).toBool(true);
    plan.window.start = QTime::fromString(window.value(QStringLiteral("start")).toString(),
                                          QStringLiteral("HH:mm"));
    plan.window.end = QTime::fromString(window.value(QStringLiteral("end")).toString(),
                                        QStringLiteral("HH:mm"));
    const QJsonObject notice = json.value(QStringLiteral("notice")).toObject();
    plan.notice.title = notice.value(QStringLiteral("title")).toString();
    plan.notice.summary = notice.value(QStringLiteral("summary")).toString();
    plan.notice.manufacturerFallback = notice.value(QStringLiteral("manufacturerFallback")).toBool();
    plan.notice.fallbackUrl = notice.value(QStringLiteral("fallbackUrl")).toString();
    return plan;
}

QJsonObject toJson(const RolloutPreview &preview)
{
    QJsonArray models;
    for (const RolloutPreview::ModelRow &row : preview.models) {
        models.append(QJsonObject{{QStringLiteral("id"), row.modelId},
                                  {QStringLiteral("manufacturer"), row.manufacturer},
                                  {QStringLiteral("model"), row.model},
                                  {QStringLiteral("devices"), row.devices},
                                  {QStringLiteral("perWave"), intArray(row.perWave)}});
    }
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
        {QStringLiteral("warnings"), QJsonArray::fromStringList(preview.warnings)},
        {QStringLiteral("noticeTitle"), preview.noticeTitle},
        {QStringLiteral("noticeSummary"), preview.noticeSummary},
    };
}

RolloutPreview previewFromJson(const QJsonObject &json)
{
    RolloutPreview preview;
    preview.targeted = json.value(QStringLiteral("targeted")).toInt();
    preview.alreadyCurrent = json.value(QStringLiteral("alreadyCurrent")).toInt();
    preview.rooted = json.value(QStringLiteral("rooted")).toInt();
    preview.ported = json.value(QStringLiteral("ported")).toInt();
    preview.unsupported = json.value(QStringLiteral("unsupported")).toInt();
    preview.busy = json.value(QStringLiteral("busy")).toInt();
    preview.filteredOut = json.value(QStringLiteral("filteredOut")).toInt();
    preview.waveSizes = intList(json.value(QStringLiteral("waveSizes")));
    for (const QJsonValue &value : json.value(QStringLiteral("models")).toArray()) {
        const QJsonObject object = value.toObject();
        preview.models.append({object.value(QStringLiteral("id")).toInt(),
                               object.value(QStringLiteral("manufacturer")).toString(),
                               object.value(QStringLiteral("model")).toString(),
                               object.value(QStringLiteral("devices")).toInt(),
                               intList(object.value(QStringLiteral("perWave")))});
    }
    for (const QJsonValue &value : json.value(QStringLiteral("warnings")).toArray())
        preview.warnings.append(value.toString());
    preview.noticeTitle = json.value(QStringLiteral("noticeTitle")).toString();
    preview.noticeSummary = json.value(QStringLiteral("noticeSummary")).toString();
    return preview;
}

} // namespace Patchboard::RolloutJson
