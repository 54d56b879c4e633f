// SPDX-License-Identifier: Apache-2.0
#include "networkfleet.h"
#include "democatalog.h"

#include "api/devicejson.h"
#include "crypto/sha256.h"
#include "domain/rolloutrules.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimeZone>

#include <QCryptographicHash>

#include <algorithm>
#include <climits>
#include <cmath>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::NetworkFleet)
};

// QNetworkAccessManager opens at most six connections to one host.
constexpr int connectionsPerManager = 6;

quint64 mix(quint64 x)
{
    // splitmix64's finaliser, as FleetSimulator uses it.
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

enum Salt : quint64 {
    BatterySalt = 8, // + attempt
    WindowSalt = 5,
    RetrySalt = 16, // + attempt
    CheckInSalt = 32,
};

double percentile(std::vector<float> values, double p)
{
    if (values.empty())
        return 0;
    const std::size_t k = std::min(values.size() - 1, std::size_t(p * double(values.size())));
    std::nth_element(values.begin(), values.begin() + qptrdiff(k), values.end());
    return double(values[k]);
}

} // namespace

enum class NetworkFleet::Step : quint8 {
    CheckIn,
    Manifest,
    ImageFirst, // the first half (or all) of the image
    ImageRest, // the rest, resumed with a range request
    ReportDownload,
    ReportVerify,
    Install, // waits for the window; reports ok, failed or postponed
    ReportReboot,
};

struct NetworkFleet::Device
{
    DeviceCredential c;
    QByteArray authorization;
    QTimeZone zone;
    Step step = Step::CheckIn;
    std::optional<DeviceOffer> offer;
    FleetSimulator::Fate fate;
    QByteArray image;
    bool digestOk = true;
    int attempts = 0;
    DeviceReport report; // the report in flight
};

NetworkFleet::NetworkFleet(const Options &options, const QList<DeviceCredential> &devices,
                           QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_fates(options.seed, options.timing)
{
    QHash<QString, double> byName;
    for (const DemoCatalog::ModelSpec &spec : DemoCatalog::models())
        byName.insert(QString::fromUtf8(spec.name), spec.failureRate);
    QHash<int, double> rates = options.failureRates;
    QHash<QByteArray, QTimeZone> zones;
    m_devices.reserve(std::size_t(devices.size()));
    for (const DeviceCredential &c : devices) {
        Device d;
        d.c = c;
        d.authorization = "Bearer " + c.token;
        auto zone = zones.find(c.timeZone.toUtf8());
        if (zone == zones.end()) {
            const QTimeZone z(c.timeZone.toUtf8());
            zone = zones.insert(c.timeZone.toUtf8(), z.isValid() ? z : QTimeZone(QByteArrayLiteral("UTC")));
        }
        d.zone = *zone;
        if (!rates.contains(c.modelId))
            rates.insert(c.modelId, byName.value(c.model, 0.01));
        m_devices.push_back(std::move(d));
    }
    m_fates.setFailureRates(rates);
    if (!options.endpoint.caFile.isEmpty()) {
        QFile file(options.endpoint.caFile);
        if (file.open(QIODevice::ReadOnly))
            m_extraCas = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    }
    // Built once: a copy per request would copy the system's CA list every time.
    m_tls = QSslConfiguration::defaultConfiguration();
    if (!m_extraCas.isEmpty())
        m_tls.setCaCertificates(m_tls.caCertificates() + m_extraCas);
    m_tls.setProtocol(QSsl::TlsV1_2OrLater);
    const int managers = std::max(1, (std::max(1, options.concurrency) + connectionsPerManager - 1)
                                         / connectionsPerManager);
    for (int i = 0; i < managers; ++i) {
        auto *manager = new QNetworkAccessManager(this);
        manager->setAutoDeleteReplies(false);
        m_managers.push_back(manager);
        m_inFlightOf.push_back(0);
    }
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &NetworkFleet::pump);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &NetworkFleet::stop);
}

NetworkFleet::~NetworkFleet() = default;

qint64 NetworkFleet::now() const
{
    return m_startMs + m_clock.elapsed();
}

double NetworkFleet::uniform(qint64 rollout, qint64 device, quint64 salt) const
{
    const quint64 h = mix(m_options.seed
                          ^ mix(quint64(rollout) * 0x100000001B3ULL ^ mix(quint64(device)) ^ (salt << 56)));
    return double(h >> 11) * (1.0 / double(1ULL << 53));
}

void NetworkFleet::start()
{
    if (m_running)
        return;
    m_running = true;
    m_stopping = false;
    m_clock.start();
    m_startMs = QDateTime::currentMSecsSinceEpoch();
    // The first check-ins spread over one interval, so that the devices do not all ask at once.
    for (quint32 i = 0; i < quint32(m_devices.size()); ++i) {
        const qint64 spread = m_options.checkInIntervalMs > 0
            ? qint64(uniform(0, m_devices[i].c.deviceId, CheckInSalt) * m_options.checkInIntervalMs)
            : 0;
        schedule(i, m_startMs + spread);
    }
    if (m_options.durationMs > 0)
        m_deadline.start(int(std::min<qint64>(m_options.durationMs, INT_MAX)));
    pump();
}

void NetworkFleet::stop()
{
    if (!m_running)
        return;
    m_stopping = true;
    m_wake.stop();
    if (m_inFlight == 0)
        finish();
}

void NetworkFleet::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_deadline.stop();
    m_wake.stop();
    m_summary.elapsedMs = m_clock.elapsed();
    Q_EMIT finished();
}

void NetworkFleet::schedule(quint32 device, qint64 dueMs)
{
    m_due.emplace(dueMs, device);
}

void NetworkFleet::pump()
{
    if (!m_running || m_stopping)
        return;
    const qint64 t = now();
    while (m_inFlight < m_options.concurrency && !m_due.empty() && m_due.top().first <= t) {
        if (m_options.maxRequests > 0 && m_summary.requests >= m_options.maxRequests) {
            stop();
            return;
        }
        const quint32 index = m_due.top().second;
        m_due.pop();
        issue(index);
    }
    if (!m_due.empty() && m_inFlight < m_options.concurrency)
        m_wake.start(int(std::clamp<qint64>(m_due.top().first - t, 0, 60000)));
}

void NetworkFleet::issue(quint32 index)
{
    Device &d = m_devices[index];
    QString path;
    QByteArray method = "GET";
    QByteArray body;
    QByteArray range;
    if (d.step == Step::Install) {
        // The installation starts: low battery postpones it (a few times at most), otherwise it
        // goes as the device's fate says.
        d.report.rolloutId = d.offer->rolloutId;
        d.report.phase = UpdatePhase::Install;
        d.report.attempt = d.attempts;
        d.report.outcome = UpdateOutcome::Ok;
        d.report.reason = FailureReason::None;
        if (d.attempts < m_options.timing.maxPostponements
            && uniform(d.offer->rolloutId, d.c.deviceId, BatterySalt + quint64(d.attempts))
                < m_options.timing.lowBatteryChance) {
            d.report.outcome = UpdateOutcome::Postponed;
            d.report.reason = FailureReason::LowBattery;
        } else if (d.fate.fails && d.fate.phase == UpdatePhase::Install) {
            d.report.outcome = UpdateOutcome::Failed;
            d.report.reason = d.fate.reason;
        }
    }
    switch (d.step) {
    case Step::CheckIn: {
        DeviceCheckIn checkIn;
        checkIn.firmwareVersion = d.c.firmwareVersion;
        checkIn.sequence = d.c.sequence;
        checkIn.patchLevel = d.c.patchLevel;
        path = QStringLiteral("/api/v1/device/check-in");
        method = "POST";
        body = QJsonDocument(Json::toJson(checkIn)).toJson(QJsonDocument::Compact);
        break;
    }
    case Step::Manifest:
        path = d.offer->manifestUrl;
        break;
    case Step::ImageFirst:
    case Step::ImageRest: {
        path = d.offer->imageUrl;
        const qint64 half = d.offer->imageSize / 2;
        if (m_options.resumeDownloads && half > 0) {
            range = d.step == Step::ImageFirst
                ? QByteArray("bytes=0-" + QByteArray::number(half - 1))
                : QByteArray("bytes=" + QByteArray::number(d.image.size()) + '-');
        }
        break;
    }
    case Step::ReportDownload:
    case Step::ReportVerify:
    case Step::Install:
    case Step::ReportReboot:
        path = QStringLiteral("/api/v1/device/reports");
        method = "POST";
        body = QJsonDocument(Json::toJson(d.report)).toJson(QJsonDocument::Compact);
        break;
    }

    QUrl url = m_options.endpoint.url;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", d.authorization);
    if (!range.isEmpty())
        request.setRawHeader("Range", range);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(m_options.timeoutMs);
    request.setSslConfiguration(m_tls);

    int manager = 0;
    for (int i = 1; i < int(m_managers.size()); ++i) {
        if (m_inFlightOf[std::size_t(i)] < m_inFlightOf[std::size_t(manager)])
            manager = i;
    }
    QNetworkReply *reply = method == "POST"
        ? m_managers[std::size_t(manager)]->post(request, body)
        : m_managers[std::size_t(manager)]->get(request);
    ++m_inFlightOf[std::size_t(manager)];
    ++m_inFlight;
    ++m_summary.requests;
    const QByteArray pinned = m_options.endpoint.pinnedSha256;
    connect(reply, &QNetworkReply::sslErrors, reply, [reply, pinned](const QList<QSslError> &errors) {
        // Beyond the CAs exactly one certificate is trusted: the pinned one.
        const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        if (!pinned.isEmpty() && !peer.isNull()
            && peer.digest(QCryptographicHash::Sha256) == pinned)
            reply->ignoreSslErrors(errors);
    });
    const qint64 started = m_clock.nsecsElapsed();
    connect(reply, &QNetworkReply::finished, this,
            [this, index, reply, started, manager] { answered(index, reply, started, manager); });
}

void NetworkFleet::answered(quint32 index, QNetworkReply *reply, qint64 started, int manager)
{
    reply->deleteLater();
    --m_inFlight;
    --m_inFlightOf[std::size_t(manager)];
    const float ms = float(double(m_clock.nsecsElapsed() - started) / 1e6);
    m_requestLatency.push_back(ms);
    Device &d = m_devices[index];
    if (d.step == Step::CheckIn)
        m_checkInLatency.push_back(ms);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    m_summary.bytes += body.size();
    if (status == 0) {
        fail(d, index, QString(), 0, body, reply->errorString());
    } else {
        advance(d, index, status, body, false);
    }
    if (m_stopping) {
        if (m_inFlight == 0)
            finish();
        return;
    }
    pump();
}

void NetworkFleet::fail(Device &d, quint32 index, const QString &what, int status,
                        const QByteArray &body, const QString &networkError)
{
    static const char *const names[] = {"check-in", "manifest", "image", "image", "report",
                                        "report", "report", "report"};
    QString key = what.isEmpty() ? QLatin1String(names[int(d.step)]) : what;
    if (status == 0) {
        key += QStringLiteral(": network: ") + networkError;
    } else {
        key += QStringLiteral(": HTTP %1").arg(status);
        const QString code = QJsonDocument::fromJson(body)
                                 .object()
                                 .value(QStringLiteral("error"))
                                 .toObject()
                                 .value(QStringLiteral("code"))
                                 .toString();
        if (!code.isEmpty())
            key += QLatin1Char(' ') + code;
    }
    ++m_summary.errors[key];
    ++m_summary.errorCount;
    // The server is down or busy: the same step again later (reports are idempotent). It refused
    // the step (400, 403, 404, 409, 416): the device gives up this offer and asks again later.
    if (status == 0 || status >= 500 || status == 429) {
        schedule(index, now() + m_options.retryMs);
    } else {
        idle(d, index);
    }
}

void NetworkFleet::idle(Device &d, quint32 index)
{
    d.step = Step::CheckIn;
    d.offer.reset();
    d.image.clear();
    d.attempts = 0;
    schedule(index, now() + m_options.checkInIntervalMs);
}

qint64 NetworkFleet::installTime(const Device &d, qint64 nowMs, quint64 salt) const
{
    // In the maintenance window on the device's own clock; devices do not all start at its
    // first second (as FleetSimulator spreads them, at most two hours or half the window).
    const qint64 nowSeconds = nowMs / 1000;
    const qint64 start = RolloutRules::nextWindowStart(d.offer->window, nowSeconds, d.zone);
    if (start <= nowSeconds)
        return nowMs;
    const qint64 spread = std::min<qint64>(
        qint64(RolloutRules::windowMinutes(d.offer->window)) * 60 / 2, 2 * 3600);
    return start * 1000
        + qint64(uniform(d.offer->rolloutId, d.c.deviceId, salt) * double(std::max<qint64>(spread, 1)) * 1000);
}

void NetworkFleet::advance(Device &d, quint32 index, int status, const QByteArray &body, bool)
{
    const bool ok = status == 200 || status == 206;
    if (!ok)
        return fail(d, index, {}, status, body, {});
    const qint64 t = now();
    auto report = [&](Step step, UpdatePhase phase, UpdateOutcome outcome, FailureReason reason) {
        d.step = step;
        d.report.rolloutId = d.offer->rolloutId;
        d.report.phase = phase;
        d.report.outcome = outcome;
        d.report.reason = reason;
        d.report.attempt = d.attempts;
    };
    auto failsIn = [&](UpdatePhase phase) { return d.fate.fails && d.fate.phase == phase; };

    switch (d.step) {
    case Step::CheckIn: {
        ++m_summary.checkIns;
        const Result<DeviceCheckInAnswer> answer =
            Json::readDeviceCheckInAnswer(QJsonDocument::fromJson(body).object());
        if (!answer)
            return fail(d, index, QStringLiteral("check-in: bad answer"), 0, {}, answer.error().message);
        if (!answer.value().offer) {
            schedule(index, t + m_options.checkInIntervalMs);
            return;
        }
        ++m_summary.offers;
        d.offer = answer.value().offer;
        d.fate = m_fates.fateOf(d.offer->rolloutId, d.c.deviceId, d.c.modelId);
        d.attempts = d.offer->installAttempts;
        d.digestOk = true;
        d.image.clear();
        // A device resumes where the server says it stands.
        switch (d.offer->state) {
        case TargetState::Verifying:
            report(Step::ReportVerify, UpdatePhase::Verify,
                   failsIn(UpdatePhase::Verify) ? UpdateOutcome::Failed : UpdateOutcome::Ok,
                   failsIn(UpdatePhase::Verify) ? d.fate.reason : FailureReason::None);
            break;
        case TargetState::Installing:
        case TargetState::Postponed:
            d.step = Step::Install;
            schedule(index, installTime(d, t, WindowSalt));
            return;
        case TargetState::Rebooting:
            report(Step::ReportReboot, UpdatePhase::Reboot,
                   failsIn(UpdatePhase::Reboot) ? UpdateOutcome::RolledBack : UpdateOutcome::Succeeded,
                   failsIn(UpdatePhase::Reboot) ? d.fate.reason : FailureReason::None);
            break;
        default:
            d.step = Step::Manifest;
            break;
        }
        schedule(index, t);
        return;
    }
    case Step::Manifest:
        ++m_summary.manifests;
        if (failsIn(UpdatePhase::Download)) // a timeout, or no room for the image
            report(Step::ReportDownload, UpdatePhase::Download, UpdateOutcome::Failed, d.fate.reason);
        else
            d.step = Step::ImageFirst;
        schedule(index, t);
        return;
    case Step::ImageFirst:
    case Step::ImageRest: {
        const bool partial = status == 206;
        if (d.step == Step::ImageFirst || !partial)
            d.image = body;
        else
            d.image += body;
        if (partial && d.step == Step::ImageFirst && d.image.size() < d.offer->imageSize) {
            d.step = Step::ImageRest; // resume where the first range ended
            schedule(index, t);
            return;
        }
        ++m_summary.images;
        d.digestOk = d.image.size() == d.offer->imageSize
            && Sha256::hash(d.image) == d.offer->imageDigest;
        d.image.clear();
        report(Step::ReportDownload, UpdatePhase::Download, UpdateOutcome::Ok, FailureReason::None);
        schedule(index, t);
        return;
    }
    default:
        break;
    }

    // A report was recorded.
    const Result<DeviceReportAnswer> answer =
        Json::readDeviceReportAnswer(QJsonDocument::fromJson(body).object());
    if (!answer)
        return fail(d, index, QStringLiteral("report: bad answer"), 0, {}, answer.error().message);
    ++m_summary.reports[updatePhaseCode(d.report.phase) + QLatin1Char(' ')
                        + updateOutcomeCode(d.report.outcome)];
    if (d.report.outcome == UpdateOutcome::Failed || d.report.outcome == UpdateOutcome::RolledBack)
        return idle(d, index);
    switch (d.step) {
    case Step::ReportDownload:
        // The image's digest is checked for real; the fate adds the failures of the model.
        if (!d.digestOk)
            report(Step::ReportVerify, UpdatePhase::Verify, UpdateOutcome::Failed,
                   FailureReason::DigestMismatch);
        else if (failsIn(UpdatePhase::Verify))
            report(Step::ReportVerify, UpdatePhase::Verify, UpdateOutcome::Failed, d.fate.reason);
        else
            report(Step::ReportVerify, UpdatePhase::Verify, UpdateOutcome::Ok, FailureReason::None);
        schedule(index, t);
        return;
    case Step::ReportVerify:
        d.step = Step::Install;
        schedule(index, installTime(d, t, WindowSalt));
        return;
    case Step::Install:
        if (d.report.outcome == UpdateOutcome::Postponed) {
            ++d.attempts;
            schedule(index, installTime(d, t + m_options.postponeMs, RetrySalt + 4 + quint64(d.attempts)));
            return;
        }
        report(Step::ReportReboot, UpdatePhase::Reboot,
               failsIn(UpdatePhase::Reboot) ? UpdateOutcome::RolledBack : UpdateOutcome::Succeeded,
               failsIn(UpdatePhase::Reboot) ? d.fate.reason : FailureReason::None);
        schedule(index, t);
        return;
    case Step::ReportReboot:
        if (d.report.outcome == UpdateOutcome::Succeeded) {
            d.c.firmwareVersion = d.offer->version;
            d.c.sequence = d.offer->sequence;
            d.c.patchLevel = d.offer->patchLevel;
            ++m_summary.updated;
        }
        return idle(d, index);
    default:
        return idle(d, index);
    }
}

NetworkFleet::Summary NetworkFleet::summary() const
{
    Summary s = m_summary;
    if (m_running)
        s.elapsedMs = m_clock.elapsed();
    s.checkInsPerSecond = s.elapsedMs > 0 ? double(s.checkIns) * 1000.0 / double(s.elapsedMs) : 0;
    s.checkInP50Ms = percentile(m_checkInLatency, 0.50);
    s.checkInP99Ms = percentile(m_checkInLatency, 0.99);
    s.requestP50Ms = percentile(m_requestLatency, 0.50);
    s.requestP99Ms = percentile(m_requestLatency, 0.99);
    s.waitingForWindow = int(std::count_if(m_devices.begin(), m_devices.end(), [](const Device &d) {
        return d.step == Step::Install;
    }));
    return s;
}

int NetworkFleet::devicesRunning(const QString &version) const
{
    return int(std::count_if(m_devices.begin(), m_devices.end(),
                             [&version](const Device &d) { return d.c.firmwareVersion == version; }));
}

QString NetworkFleet::Summary::text() const
{
    QStringList lines;
    const double seconds = double(elapsedMs) / 1000.0;
    lines << Tr::tr("Ran %1 s, %2 requests, %3 errors.").arg(seconds, 0, 'f', 1).arg(requests).arg(errorCount);
    lines << Tr::tr("Check-ins: %1 (%2/s), p50 %3 ms, p99 %4 ms; all requests p50 %5 ms, p99 %6 ms.")
                 .arg(checkIns)
                 .arg(checkInsPerSecond, 0, 'f', 0)
                 .arg(checkInP50Ms, 0, 'f', 2)
                 .arg(checkInP99Ms, 0, 'f', 2)
                 .arg(requestP50Ms, 0, 'f', 2)
                 .arg(requestP99Ms, 0, 'f', 2);
    lines << Tr::tr("Offers: %1; manifests: %2; images: %3; %4 MB received.")
                 .arg(offers)
                 .arg(manifests)
                 .arg(images)
                 .arg(double(bytes) / 1e6, 0, 'f', 1);
    QStringList reportLines;
    for (auto it = reports.cbegin(); it != reports.cend(); ++it)
        reportLines << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    lines << Tr::tr("Reports: %1.").arg(reportLines.isEmpty() ? Tr::tr("none") : reportLines.join(QStringLiteral(", ")));
    lines << Tr::tr("Devices updated: %1; waiting for their maintenance window: %2.")
                 .arg(updated)
                 .arg(waitingForWindow);
    for (auto it = errors.cbegin(); it != errors.cend(); ++it)
        lines << Tr::tr("Error: %1 (%2 times)").arg(it.key()).arg(it.value());
    return lines.join(QLatin1Char('\n'));
}

} // namespace Patchboard
