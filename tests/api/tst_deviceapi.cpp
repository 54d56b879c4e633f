// SPDX-License-Identifier: Apache-2.0
// The device API of patchboard-server (issue #6; X.secup-iot 7 and 11.2) against a real server on
// a loopback port: device tokens, check-in ("nothing to do" or an offer once a wave runs),
// anti-rollback, resumable downloads, reports for one's own offer only, a successful update
// reaching the device and the wave, and failures that halt the rollout. Plus the JSON round trip
// of every type of the protocol.
#include "api/devicejson.h"
#include "rollout/remoterolloutbackend.h"
#include "storage/database.h"
#include "storage/epochday.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace Patchboard;

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject checkInBody(qint64 sequence = 1)
{
    DeviceCheckIn c;
    c.firmwareVersion = QStringLiteral("1.0");
    c.sequence = sequence;
    c.patchLevel = QDate(2024, 1, 1);
    return Json::toJson(c);
}

QJsonObject reportBody(qint64 rollout, UpdatePhase phase, UpdateOutcome outcome,
                       FailureReason reason = FailureReason::None)
{
    DeviceReport r;
    r.rolloutId = rollout;
    r.phase = phase;
    r.outcome = outcome;
    r.reason = reason;
    return Json::toJson(r);
}

} // namespace

class tst_DeviceApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void jsonRoundTrip();
    void checkInWithoutTokenIs401();
    void onlyAdministratorsIssueTokens();
    void nothingToDoBeforeTheWaveStarts();
    void offerOnceTheWaveRuns();
    void antiRollback();
    void downloadsResumeWithRanges();
    void noOfferNoDownload();
    void reportForAnotherDevicesOfferIs403();
    void malformedReportIs400_data();
    void malformedReportIs400();
    void fullSuccessUpdatesDeviceAndWave();
    void failuresOverTheThresholdHaltTheRollout();

private:
    TestServer::RawReply deviceRequest(int device, const QByteArray &method, const QString &path,
                                       const QByteArray &body = {},
                                       const QList<QPair<QByteArray, QByteArray>> &headers = {});
    QJsonObject offerFor(int device);
    qint64 scalar(const QString &sql, const QVariantList &values = {});
    RolloutDetail detail();

    TestServer m_server;
    std::unique_ptr<RemoteRolloutBackend> m_rollouts;
    Operator m_manager;
    qint64 m_rollout = 0;
    qint64 m_releaseSequence = 0;
    qint64 m_releasePatchDay = 0;
    QList<qint64> m_targets; // devices of the rollout
    qint64 m_outsider = 0; // a device the rollout does not target
    QHash<qint64, QByteArray> m_tokens;
    std::optional<Database> m_db;
};

void tst_DeviceApi::initTestCase()
{
    TestServer::Options options;
    options.demoDevices = 2000;
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorText()));
    Result<Database> db = Database::open(m_server.databasePath());
    QVERIFY2(db.ok(), qPrintable(db.error().text()));
    m_db.emplace(std::move(db).value());

    // The demo fleet's approved release, rolled out in one wave as a draft for now.
    const qint64 release = scalar(QStringLiteral("SELECT id FROM releases WHERE state = 'approved' "
                                                 "ORDER BY id LIMIT 1"));
    QVERIFY(release > 0);
    m_releaseSequence = scalar(QStringLiteral("SELECT sequence FROM releases WHERE id = ?"), {release});
    m_releasePatchDay = scalar(QStringLiteral("SELECT patch_level FROM releases WHERE id = ?"), {release});
    ApiClient *manager = m_server.client(QStringLiteral("manager"));
    QVERIFY2(manager, qPrintable(m_server.errorText()));
    m_manager = manager->session().who;
    m_rollouts = std::make_unique<RemoteRolloutBackend>(manager);
    RolloutPlan plan;
    plan.releaseId = release;
    plan.name = QStringLiteral("Device API test");
    WavePlan wave;
    wave.size = WavePlan::Size::Rest;
    wave.successThreshold = 95;
    wave.errorThreshold = 20;
    wave.minimumResults = 4;
    wave.soakMinutes = 0;
    plan.waves = {wave};
    plan.window.enabled = false;
    auto created = spin(m_rollouts->create(m_manager, plan, false));
    QVERIFY(created.isFinished());
    QVERIFY2(created.result().ok(), qPrintable(created.result().error().text()));
    m_rollout = created.result().value().summary.id;

    QSqlQuery q(m_db->connection());
    QVERIFY(q.prepare(QStringLiteral("SELECT device_id FROM rollout_targets WHERE rollout_id = ? "
                                     "ORDER BY device_id LIMIT 8")));
    q.addBindValue(m_rollout);
    QVERIFY(q.exec());
    while (q.next())
        m_targets.append(q.value(0).toLongLong());
    QCOMPARE(m_targets.size(), 8);
    m_outsider = scalar(QStringLiteral("SELECT min(id) FROM devices WHERE id NOT IN (SELECT "
                                       "device_id FROM rollout_targets WHERE rollout_id = ?)"),
                        {m_rollout});
    QVERIFY(m_outsider > 0);

    QJsonArray ids;
    for (qint64 id : std::as_const(m_targets))
        ids.append(id);
    ids.append(m_outsider);
    const auto issued = m_server.request("POST", QStringLiteral("/api/v1/device-credentials"),
                                         json({{QStringLiteral("devices"), ids}}),
                                         m_server.token(QStringLiteral("admin")));
    QCOMPARE(issued.status, 200);
    const Result<QList<DeviceCredential>> credentials = Json::readDeviceCredentials(issued.json());
    QVERIFY2(credentials.ok(), qPrintable(credentials.error().text()));
    QCOMPARE(credentials.value().size(), ids.size());
    for (const DeviceCredential &c : credentials.value()) {
        QCOMPARE(c.token.size(), 43);
        m_tokens.insert(c.deviceId, c.token);
    }
    // The server keeps only hashes of the tokens.
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM device_credentials WHERE token_hash = ?"),
                    {credentials.value().first().token}),
             0);
}

void tst_DeviceApi::cleanupTestCase()
{
    m_db.reset();
    m_rollouts.reset();
}

qint64 tst_DeviceApi::scalar(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(m_db->connection());
    if (!q.prepare(sql))
        return -1;
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

TestServer::RawReply tst_DeviceApi::deviceRequest(int device, const QByteArray &method,
                                                  const QString &path, const QByteArray &body,
                                                  const QList<QPair<QByteArray, QByteArray>> &headers)
{
    const qint64 id = device < 0 ? m_outsider : m_targets.at(device);
    return m_server.request(method, path, body, m_tokens.value(id), headers);
}

QJsonObject tst_DeviceApi::offerFor(int device)
{
    const auto reply = deviceRequest(device, "POST", QStringLiteral("/api/v1/device/check-in"),
                                     json(checkInBody()));
    return reply.json().value(QStringLiteral("offer")).toObject();
}

RolloutDetail tst_DeviceApi::detail()
{
    auto future = spin(m_rollouts->rolloutDetail(m_manager, m_rollout));
    if (!future.isFinished() || !future.result().ok())
        return {};
    return future.result().value();
}

void tst_DeviceApi::jsonRoundTrip()
{
    DeviceCheckIn checkIn{QStringLiteral("2.4.1"), 42, QDate(2025, 3, 5)};
    QCOMPARE(Json::readDeviceCheckIn(Json::toJson(checkIn)).value(), checkIn);

    DeviceOffer offer;
    offer.rolloutId = 7;
    offer.wave = 2;
    offer.releaseId = 3;
    offer.version = QStringLiteral("5.0");
    offer.sequence = 500;
    offer.patchLevel = QDate(2025, 6, 1);
    offer.manifestUrl = QStringLiteral("/api/v1/device/offers/7/manifest");
    offer.imageUrl = QStringLiteral("/api/v1/device/offers/7/image");
    offer.imageName = QStringLiteral("firmware.img");
    offer.imageDigest = QCryptographicHash::hash("x", QCryptographicHash::Sha256);
    offer.imageSize = 65536;
    offer.window.start = QTime(22, 30);
    offer.window.end = QTime(4, 0);
    offer.deadline = QDateTime(QDate(2025, 7, 1), QTime(12, 0), Qt::UTC);
    offer.state = TargetState::Postponed;
    offer.installAttempts = 2;
    DeviceCheckInAnswer answer{offer, QDateTime(QDate(2025, 6, 2), QTime(1, 2, 3, 456), Qt::UTC)};
    QCOMPARE(Json::readDeviceCheckInAnswer(Json::toJson(answer)).value(), answer);
    DeviceCheckInAnswer none{std::nullopt, answer.serverTime};
    QCOMPARE(Json::readDeviceCheckInAnswer(Json::toJson(none)).value(), none);

    DeviceReport report{7, UpdatePhase::Install, UpdateOutcome::Postponed, FailureReason::LowBattery, 1};
    QCOMPARE(Json::readDeviceReport(Json::toJson(report)).value(), report);
    DeviceReportAnswer reportAnswer{TargetState::RolledBack, true};
    QCOMPARE(Json::readDeviceReportAnswer(Json::toJson(reportAnswer)).value(), reportAnswer);

    DeviceCredentialRequest byId{{4, 5, 6}, 0};
    QCOMPARE(Json::readDeviceCredentialRequest(Json::toJson(byId)).value(), byId);
    DeviceCredentialRequest first{{}, 100};
    QCOMPARE(Json::readDeviceCredentialRequest(Json::toJson(first)).value(), first);

    DeviceCredential c{9, QStringLiteral("356938035643809"), 2, QStringLiteral("Model X"),
                       QStringLiteral("Europe/Berlin"), QStringLiteral("1.2"), 12,
                       QDate(2024, 12, 1), "abc"};
    QCOMPARE(Json::readDeviceCredentials(Json::toJson(QList<DeviceCredential>{c})).value(),
             QList<DeviceCredential>{c});

    // A request the device got wrong is the device's fault (400), an answer the server got wrong
    // is a bad response.
    QCOMPARE(Json::readDeviceReport(QJsonObject()).error().code, ServiceError::Code::InvalidArgument);
    QCOMPARE(Json::readDeviceCheckInAnswer(QJsonObject()).error().code, ServiceError::Code::BadResponse);
}

void tst_DeviceApi::checkInWithoutTokenIs401()
{
    const auto none = m_server.request("POST", QStringLiteral("/api/v1/device/check-in"),
                                       json(checkInBody()));
    QCOMPARE(none.status, 401);
    const auto wrong = m_server.request("POST", QStringLiteral("/api/v1/device/check-in"),
                                        json(checkInBody()),
                                        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    QCOMPARE(wrong.status, 401);
    // An operator's token is no device's token.
    const auto operatorToken = m_server.request("POST", QStringLiteral("/api/v1/device/check-in"),
                                                json(checkInBody()),
                                                m_server.token(QStringLiteral("admin")));
    QCOMPARE(operatorToken.status, 401);
}

void tst_DeviceApi::onlyAdministratorsIssueTokens()
{
    const auto reply = m_server.request("POST", QStringLiteral("/api/v1/device-credentials"),
                                        json({{QStringLiteral("first"), 5}}),
                                        m_server.token(QStringLiteral("manager")));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.errorCode(), QStringLiteral("permission-denied"));
    const auto device = deviceRequest(0, "POST", QStringLiteral("/api/v1/device-credentials"),
                                      json({{QStringLiteral("first"), 5}}));
    QCOMPARE(device.status, 401);
}

void tst_DeviceApi::nothingToDoBeforeTheWaveStarts()
{
    const auto reply = deviceRequest(0, "POST", QStringLiteral("/api/v1/device/check-in"),
                                     json(checkInBody()));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.json().value(QStringLiteral("action")).toString(), QStringLiteral("none"));
    const auto outsider = deviceRequest(-1, "POST", QStringLiteral("/api/v1/device/check-in"),
                                        json(checkInBody()));
    QCOMPARE(outsider.status, 200);
    QCOMPARE(outsider.json().value(QStringLiteral("action")).toString(), QStringLiteral("none"));
}

void tst_DeviceApi::offerOnceTheWaveRuns()
{
    auto scheduled = spin(m_rollouts->schedule(m_manager, m_rollout));
    QVERIFY(scheduled.isFinished());
    QVERIFY2(scheduled.result().ok(), qPrintable(scheduled.result().error().text()));
    // The engine starts the wave on its next step.
    QJsonObject offer;
    QTRY_VERIFY_WITH_TIMEOUT(!(offer = offerFor(0)).isEmpty(), 15000);
    QCOMPARE(offer.value(QStringLiteral("rolloutId")).toInteger(), m_rollout);
    QCOMPARE(offer.value(QStringLiteral("wave")).toInt(), 1);
    QCOMPARE(offer.value(QStringLiteral("sequence")).toInteger(), m_releaseSequence);
    QCOMPARE(offer.value(QStringLiteral("state")).toString(), QStringLiteral("offered"));
    const QJsonObject image = offer.value(QStringLiteral("image")).toObject();
    QCOMPARE(QByteArray::fromHex(image.value(QStringLiteral("digest")).toString().toLatin1()).size(), 32);
    QVERIFY(image.value(QStringLiteral("size")).toInteger() > 0);
    QCOMPARE(offer.value(QStringLiteral("window")).toObject().value(QStringLiteral("enabled")).toBool(),
             false);
    // The offer is recorded: the device is offered, the wave counts it in progress, and an
    // offer event is in the device's history.
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM rollout_targets WHERE rollout_id = ? AND "
                                   "device_id = ?"),
                    {m_rollout, m_targets.at(0)}),
             qint64(TargetState::Offered));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM update_events WHERE device_id = ? AND "
                                   "rollout_id = ? AND phase = 'offer'"),
                    {m_targets.at(0), m_rollout}),
             1);
    // Asking again gives the same offer and records nothing new.
    QCOMPARE(offerFor(0), offer);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM update_events WHERE device_id = ? AND "
                                   "rollout_id = ? AND phase = 'offer'"),
                    {m_targets.at(0), m_rollout}),
             1);
}

void tst_DeviceApi::antiRollback()
{
    // A device that already runs the release's build (or a newer one) is never offered it.
    for (qint64 sequence : {m_releaseSequence, m_releaseSequence + 10}) {
        const auto reply = deviceRequest(1, "POST", QStringLiteral("/api/v1/device/check-in"),
                                         json(checkInBody(sequence)));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("action")).toString(), QStringLiteral("none"));
    }
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM rollout_targets WHERE rollout_id = ? AND "
                                   "device_id = ?"),
                    {m_rollout, m_targets.at(1)}),
             qint64(TargetState::Pending));
    const auto negative = deviceRequest(1, "POST", QStringLiteral("/api/v1/device/check-in"),
                                        json(checkInBody(-1)));
    QCOMPARE(negative.status, 400);
}

void tst_DeviceApi::downloadsResumeWithRanges()
{
    const QJsonObject offer = offerFor(0);
    const QJsonObject image = offer.value(QStringLiteral("image")).toObject();
    const QString url = image.value(QStringLiteral("url")).toString();
    const qint64 size = image.value(QStringLiteral("size")).toInteger();
    const auto first = deviceRequest(0, "GET", url, {}, {{"Range", "bytes=0-99"}});
    QCOMPARE(first.status, 206);
    QCOMPARE(first.body.size(), 100);
    QCOMPARE(first.header("Content-Range"), "bytes 0-99/" + QByteArray::number(size));
    const auto rest = deviceRequest(0, "GET", url, {}, {{"Range", "bytes=100-"}});
    QCOMPARE(rest.status, 206);
    QCOMPARE(rest.header("Content-Range"),
             "bytes 100-" + QByteArray::number(size - 1) + '/' + QByteArray::number(size));
    const QByteArray whole = first.body + rest.body;
    QCOMPARE(whole.size(), size);
    QCOMPARE(QCryptographicHash::hash(whole, QCryptographicHash::Sha256).toHex(),
             image.value(QStringLiteral("digest")).toString().toLatin1());
    const auto beyond = deviceRequest(0, "GET", url, {},
                                      {{"Range", "bytes=" + QByteArray::number(size + 10) + '-'}});
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.header("Content-Range"), "bytes */" + QByteArray::number(size));
    const auto manifest = deviceRequest(0, "GET", offer.value(QStringLiteral("manifestUrl")).toString());
    QCOMPARE(manifest.status, 200);
    QVERIFY(!manifest.body.isEmpty());
    // Only images the release lists, by name: no way out of the release's folder.
    const auto traversal = deviceRequest(0, "GET", url + QStringLiteral("?name=..%2F..%2Fserver-key.pem"));
    QCOMPARE(traversal.status, 404);
}

void tst_DeviceApi::noOfferNoDownload()
{
    const QString base = QStringLiteral("/api/v1/device/offers/%1/").arg(m_rollout);
    // Targeted but not offered (it has not checked in) and not targeted at all.
    for (int device : {2, -1}) {
        QCOMPARE(deviceRequest(device, "GET", base + QStringLiteral("image")).status, 403);
        QCOMPARE(deviceRequest(device, "GET", base + QStringLiteral("manifest")).status, 403);
    }
}

void tst_DeviceApi::reportForAnotherDevicesOfferIs403()
{
    // Device 0 has an offer; device 2 (same rollout, not offered) and the outsider report for it.
    for (int device : {2, -1}) {
        const auto reply = deviceRequest(device, "POST", QStringLiteral("/api/v1/device/reports"),
                                         json(reportBody(m_rollout, UpdatePhase::Download,
                                                         UpdateOutcome::Ok)));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.errorCode(), QStringLiteral("permission-denied"));
    }
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM update_events WHERE device_id IN (?, ?)"),
                    {m_targets.at(2), m_outsider}),
             0);
}

void tst_DeviceApi::malformedReportIs400_data()
{
    QTest::addColumn<QByteArray>("body");
    const QByteArray rollout = QByteArray::number(m_rollout);
    QTest::newRow("not json") << QByteArray("{\"rolloutId\": ");
    QTest::newRow("no rollout") << QByteArray("{\"phase\":\"download\",\"outcome\":\"ok\"}");
    QTest::newRow("unknown phase") << ("{\"rolloutId\":" + rollout + ",\"phase\":\"dance\",\"outcome\":\"ok\"}");
    QTest::newRow("offer by a device") << ("{\"rolloutId\":" + rollout + ",\"phase\":\"offer\",\"outcome\":\"ok\"}");
    QTest::newRow("failed without reason") << ("{\"rolloutId\":" + rollout + ",\"phase\":\"download\",\"outcome\":\"failed\"}");
    QTest::newRow("download succeeded") << ("{\"rolloutId\":" + rollout + ",\"phase\":\"download\",\"outcome\":\"succeeded\"}");
    QTest::newRow("out of order") << ("{\"rolloutId\":" + rollout + ",\"phase\":\"reboot\",\"outcome\":\"succeeded\"}");
}

void tst_DeviceApi::malformedReportIs400()
{
    QFETCH(QByteArray, body);
    const qint64 eventsBefore = scalar(QStringLiteral("SELECT count(*) FROM update_events"));
    const auto reply = deviceRequest(0, "POST", QStringLiteral("/api/v1/device/reports"), body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("invalid-argument"));
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM update_events")), eventsBefore);
}

void tst_DeviceApi::fullSuccessUpdatesDeviceAndWave()
{
    const qint64 device = m_targets.at(0);
    const struct
    {
        UpdatePhase phase;
        UpdateOutcome outcome;
        FailureReason reason;
        const char *state;
    } steps[] = {
        {UpdatePhase::Download, UpdateOutcome::Ok, FailureReason::None, "verifying"},
        {UpdatePhase::Verify, UpdateOutcome::Ok, FailureReason::None, "installing"},
        {UpdatePhase::Install, UpdateOutcome::Postponed, FailureReason::LowBattery, "postponed"},
        {UpdatePhase::Install, UpdateOutcome::Ok, FailureReason::None, "rebooting"},
        {UpdatePhase::Reboot, UpdateOutcome::Succeeded, FailureReason::None, "succeeded"},
    };
    for (const auto &step : steps) {
        const auto reply = deviceRequest(0, "POST", QStringLiteral("/api/v1/device/reports"),
                                         json(reportBody(m_rollout, step.phase, step.outcome, step.reason)));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("state")).toString(), QLatin1String(step.state));
        QCOMPARE(reply.json().value(QStringLiteral("duplicate")).toBool(), false);
    }
    // A repeated report (its answer was lost) changes nothing.
    const auto again = deviceRequest(0, "POST", QStringLiteral("/api/v1/device/reports"),
                                     json(reportBody(m_rollout, UpdatePhase::Reboot, UpdateOutcome::Succeeded)));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json().value(QStringLiteral("duplicate")).toBool(), true);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM update_events WHERE device_id = ? AND rollout_id = ?"),
                    {device, m_rollout}),
             6); // offer, download, verify, postponed, install, reboot

    // The device runs the release's build and patch level now.
    QCOMPARE(scalar(QStringLiteral("SELECT f.sequence FROM devices d JOIN firmware_versions f ON "
                                   "f.id = d.firmware_id WHERE d.id = ?"),
                    {device}),
             m_releaseSequence);
    QCOMPARE(scalar(QStringLiteral("SELECT patch_level FROM devices WHERE id = ?"), {device}),
             m_releasePatchDay);
    QCOMPARE(scalar(QStringLiteral("SELECT patch_applied FROM devices WHERE id = ?"), {device}),
             EpochDay::fromDate(QDateTime::currentDateTimeUtc().date()));
    // What the rollout manager sees.
    const RolloutDetail d = detail();
    QCOMPARE(d.summary.waves.size(), 1);
    QCOMPARE(d.summary.waves[0].succeeded, 1);
    QCOMPARE(d.summary.waves[0].inProgress, 0);
    QCOMPARE(d.summary.waves[0].postponed, 0);
    // Done: no more offers for it.
    QCOMPARE(offerFor(0), QJsonObject());
}

void tst_DeviceApi::failuresOverTheThresholdHaltTheRollout()
{
    // Four devices fail: 4 of 5 results (minimum 4) is far over the 20% error threshold.
    for (int device = 3; device < 7; ++device) {
        const QJsonObject offer = offerFor(device);
        QVERIFY(!offer.isEmpty());
        const auto reply = deviceRequest(device, "POST", QStringLiteral("/api/v1/device/reports"),
                                         json(reportBody(m_rollout, UpdatePhase::Download,
                                                         UpdateOutcome::Failed,
                                                         FailureReason::DownloadTimeout)));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(detail().summary.state, RolloutState::Halted, 15000);
    QCOMPARE(detail().summary.waves[0].failed, 4);
    // A halted rollout offers nothing new.
    QCOMPARE(offerFor(7), QJsonObject());
}

QTEST_MAIN(tst_DeviceApi)
#include "tst_deviceapi.moc"
