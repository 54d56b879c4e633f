// SPDX-License-Identifier: Apache-2.0
#include "devicejson.h"

#include <QCoreApplication>

#include <iterator>

namespace Patchboard::Json {

namespace {

struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

const QString kWindowTime = QStringLiteral("HH:mm");

constexpr const char *kTargetStates[] = {"pending",   "offered",   "downloading", "verifying",
                                         "installing", "rebooting", "postponed",   "succeeded",
                                         "failed",    "rolled-back", "cancelled",  "expired"};
static_assert(std::size(kTargetStates) == std::size_t(TargetStateCount));

JsonReader requestReader(const QJsonValue &value)
{
    JsonReader r(value, QStringLiteral("body"));
    r.setCode(ServiceError::Code::InvalidArgument);
    return r;
}

UpdatePhase readPhase(JsonReader &r, const char *key)
{
    const QString code = r.string(key);
    const std::optional<UpdatePhase> phase = updatePhaseFromCode(code);
    if (!phase && r.ok())
        r.fail(key, Api::tr("'%1' is not an update phase (download, verify, install, reboot).")
                        .arg(code));
    return phase.value_or(UpdatePhase::Offer);
}

UpdateOutcome readOutcome(JsonReader &r, const char *key)
{
    const QString code = r.string(key);
    const std::optional<UpdateOutcome> outcome = updateOutcomeFromCode(code);
    if (!outcome && r.ok())
        r.fail(key, Api::tr("'%1' is not an update outcome (ok, succeeded, failed, rolled-back, "
                            "postponed).")
                        .arg(code));
    return outcome.value_or(UpdateOutcome::Ok);
}

FailureReason readReason(JsonReader &r, const char *key)
{
    const QString code = r.stringOr(key);
    // "" is no reason.
    const std::optional<FailureReason> reason =
        code.isEmpty() ? std::optional<FailureReason>(FailureReason::None) : failureReasonFromCode(code);
    if (!reason && r.ok())
        r.fail(key, Api::tr("'%1' is not a failure reason.").arg(code));
    return reason.value_or(FailureReason::None);
}

TargetState readState(JsonReader &r, const char *key)
{
    const QString code = r.string(key);
    const std::optional<TargetState> state = targetStateFromCode(code);
    if (!state && r.ok())
        r.fail(key, Api::tr("'%1' is not an update state.").arg(code));
    return state.value_or(TargetState::Pending);
}

QTime readTime(JsonReader &r, const char *key)
{
    const QString text = r.string(key);
    const QTime time = QTime::fromString(text, kWindowTime);
    if (!time.isValid() && r.ok())
        r.fail(key, Api::tr("expected a time of day (HH:mm), not '%1'").arg(text));
    return time;
}

} // namespace

QString targetStateCode(TargetState state)
{
    const auto i = std::size_t(state);
    return i < std::size(kTargetStates) ? QLatin1String(kTargetStates[i]) : QString();
}

std::optional<TargetState> targetStateFromCode(const QString &code)
{
    for (std::size_t i = 0; i < std::size(kTargetStates); ++i) {
        if (code == QLatin1String(kTargetStates[i]))
            return TargetState(i);
    }
    return std::nullopt;
}

QJsonObject toJson(const DeviceCheckIn &checkIn)
{
    return {{QStringLiteral("firmwareVersion"), checkIn.firmwareVersion},
            {QStringLiteral("sequence"), checkIn.sequence},
            {QStringLiteral("patchLevel"), date(checkIn.patchLevel)}};
}

Result<DeviceCheckIn> readDeviceCheckIn(const QJsonValue &value)
{
    JsonReader r = requestReader(value);
    DeviceCheckIn c;
    c.firmwareVersion = r.string("firmwareVersion");
    c.sequence = r.integer("sequence");
    c.patchLevel = r.dateOr("patchLevel");
    if (r.ok() && c.sequence < 0)
        r.fail("sequence", Api::tr("a sequence number is not negative"));
    if (!r.ok())
        return r.error();
    return c;
}

QJsonObject toJson(const DeviceOffer &offer)
{
    return {
        {QStringLiteral("rolloutId"), offer.rolloutId},
        {QStringLiteral("wave"), offer.wave},
        {QStringLiteral("releaseId"), offer.releaseId},
        {QStringLiteral("version"), offer.version},
        {QStringLiteral("sequence"), offer.sequence},
        {QStringLiteral("patchLevel"), date(offer.patchLevel)},
        {QStringLiteral("manifestUrl"), offer.manifestUrl},
        {QStringLiteral("image"),
         QJsonObject{{QStringLiteral("name"), offer.imageName},
                     {QStringLiteral("url"), offer.imageUrl},
                     {QStringLiteral("digest"), hex(offer.imageDigest)},
                     {QStringLiteral("size"), offer.imageSize}}},
        {QStringLiteral("window"),
         QJsonObject{{QStringLiteral("enabled"), offer.window.enabled},
                     {QStringLiteral("start"), offer.window.start.toString(kWindowTime)},
                     {QStringLiteral("end"), offer.window.end.toString(kWindowTime)},
                     {QStringLiteral("clock"), QStringLiteral("device-local")}}},
        {QStringLiteral("deadline"), dateTime(offer.deadline)},
        {QStringLiteral("state"), targetStateCode(offer.state)},
        {QStringLiteral("installAttempts"), offer.installAttempts},
    };
}

static DeviceOffer readOffer(JsonReader &r)
{
    DeviceOffer o;
    o.rolloutId = r.integer("rolloutId");
    o.wave = int(r.integer("wave"));
    o.releaseId = r.integer("releaseId");
    o.version = r.string("version");
    o.sequence = r.integer("sequence");
    o.patchLevel = r.dateOr("patchLevel");
    o.manifestUrl = r.string("manifestUrl");
    JsonReader image = r.object("image");
    o.imageName = image.string("name");
    o.imageUrl = image.string("url");
    o.imageDigest = image.hex("digest");
    o.imageSize = image.integer("size");
    JsonReader window = r.object("window");
    o.window.enabled = window.boolean("enabled");
    o.window.start = readTime(window, "start");
    o.window.end = readTime(window, "end");
    o.deadline = r.dateTimeOr("deadline");
    o.state = readState(r, "state");
    o.installAttempts = int(r.integerOr("installAttempts", 0));
    return o;
}

QJsonObject toJson(const DeviceCheckInAnswer &answer)
{
    QJsonObject json{{QStringLiteral("action"),
                      answer.offer ? QStringLiteral("update") : QStringLiteral("none")},
                     {QStringLiteral("serverTime"), dateTime(answer.serverTime)}};
    if (answer.offer)
        json.insert(QStringLiteral("offer"), toJson(*answer.offer));
    return json;
}

Result<DeviceCheckInAnswer> readDeviceCheckInAnswer(const QJsonValue &value)
{
    JsonReader r(value, QStringLiteral("checkIn"));
    DeviceCheckInAnswer a;
    const QString action = r.string("action");
    a.serverTime = r.dateTimeOr("serverTime");
    if (action == QLatin1String("update")) {
        JsonReader offer = r.object("offer");
        a.offer = readOffer(offer);
    } else if (action != QLatin1String("none") && r.ok()) {
        r.fail("action", Api::tr("expected \"none\" or \"update\", not '%1'").arg(action));
    }
    if (!r.ok())
        return r.error();
    return a;
}

QJsonObject toJson(const DeviceReport &report)
{
    return {{QStringLiteral("rolloutId"), report.rolloutId},
            {QStringLiteral("phase"), updatePhaseCode(report.phase)},
            {QStringLiteral("outcome"), updateOutcomeCode(report.outcome)},
            {QStringLiteral("reason"), failureReasonCode(report.reason)},
            {QStringLiteral("attempt"), report.attempt}};
}

Result<DeviceReport> readDeviceReport(const QJsonValue &value)
{
    JsonReader r = requestReader(value);
    DeviceReport report;
    report.rolloutId = r.integer("rolloutId");
    report.phase = readPhase(r, "phase");
    report.outcome = readOutcome(r, "outcome");
    report.reason = readReason(r, "reason");
    report.attempt = int(r.integerOr("attempt", 0));
    if (!r.ok())
        return r.error();
    return report;
}

QJsonObject toJson(const DeviceReportAnswer &answer)
{
    return {{QStringLiteral("state"), targetStateCode(answer.state)},
            {QStringLiteral("duplicate"), answer.duplicate}};
}

Result<DeviceReportAnswer> readDeviceReportAnswer(const QJsonValue &value)
{
    JsonReader r(value, QStringLiteral("report"));
    DeviceReportAnswer a;
    a.state = readState(r, "state");
    a.duplicate = r.boolean("duplicate");
    if (!r.ok())
        return r.error();
    return a;
}

QJsonObject toJson(const DeviceCredentialRequest &request)
{
    if (request.first > 0)
        return {{QStringLiteral("first"), request.first}};
    QJsonArray devices;
    for (qint64 id : request.devices)
        devices.append(id);
    return {{QStringLiteral("devices"), devices}};
}

Result<DeviceCredentialRequest> readDeviceCredentialRequest(const QJsonValue &value)
{
    JsonReader r = requestReader(value);
    DeviceCredentialRequest request;
    if (r.has("first")) {
        request.first = int(r.integer("first"));
        if (r.ok() && request.first <= 0)
            r.fail("first", Api::tr("a number of devices is positive"));
    } else {
        const QJsonArray devices = r.array("devices");
        for (qsizetype i = 0; i < devices.size() && r.ok(); ++i) {
            const qint64 id = devices.at(i).toInteger(-1);
            if (!devices.at(i).isDouble() || id <= 0)
                r.fail("devices", Api::tr("element %1 is not a device id").arg(i));
            request.devices.append(id);
        }
    }
    if (!r.ok())
        return r.error();
    return request;
}

QJsonObject toJson(const DeviceCredential &c)
{
    return {{QStringLiteral("deviceId"), c.deviceId},
            {QStringLiteral("serial"), c.serial},
            {QStringLiteral("modelId"), c.modelId},
            {QStringLiteral("model"), c.model},
            {QStringLiteral("timeZone"), c.timeZone},
            {QStringLiteral("firmwareVersion"), c.firmwareVersion},
            {QStringLiteral("sequence"), c.sequence},
            {QStringLiteral("patchLevel"), date(c.patchLevel)},
            {QStringLiteral("token"), QString::fromLatin1(c.token)}};
}

QJsonObject toJson(const QList<DeviceCredential> &credentials)
{
    QJsonArray list;
    for (const DeviceCredential &c : credentials)
        list.append(toJson(c));
    return {{QStringLiteral("credentials"), list}};
}

Result<QList<DeviceCredential>> readDeviceCredentials(const QJsonValue &value)
{
    JsonReader r(value, QStringLiteral("credentials"));
    const QJsonArray list = r.array("credentials");
    QList<DeviceCredential> credentials;
    credentials.reserve(list.size());
    for (qsizetype i = 0; i < list.size() && r.ok(); ++i) {
        JsonReader e = r.element(list, "credentials", i);
        DeviceCredential c;
        c.deviceId = e.integer("deviceId");
        c.serial = e.string("serial");
        c.modelId = int(e.integer("modelId"));
        c.model = e.string("model");
        c.timeZone = e.string("timeZone");
        c.firmwareVersion = e.string("firmwareVersion");
        c.sequence = e.integer("sequence");
        c.patchLevel = e.dateOr("patchLevel");
        c.token = e.string("token").toLatin1();
        credentials.append(c);
    }
    if (!r.ok())
        return r.error();
    return credentials;
}

} // namespace Patchboard::Json
