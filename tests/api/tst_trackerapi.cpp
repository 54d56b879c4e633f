// SPDX-License-Identifier: Apache-2.0
// The Status Tracker over the network (issue #6): the JSON and query-parameter codecs round-trip
// exactly, and one set of checks runs against the Local backend and against the Remote one (a
// real patchboard-server on the same database): filters, sorting, paging, device detail,
// compliance and the CSV export give the same answers, byte for byte where it is a file. The
// server refuses requests without a token and malformed parameters with a message.

#include "api/trackerjson.h"
#include "storage/database.h"
#include "telemetry/eventwriter.h"
#include "testserver.h"
#include "tracker/localtrackerbackend.h"
#include "tracker/remotetrackerbackend.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <set>

namespace Patchboard {
enum class Backend { Local, Remote };
} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::Backend)
Q_DECLARE_METATYPE(Patchboard::DeviceQuery)
Q_DECLARE_METATYPE(Patchboard::DeviceField)
Q_DECLARE_METATYPE(std::function<bool(const Patchboard::Device &)>)

namespace Patchboard {

namespace {

using Predicate = std::function<bool(const Device &)>;

constexpr int FleetSize = 2000;

// "Today" of every query here: the answers must not depend on the day the test runs.
QDate reference()
{
    return QDate(2025, 3, 1);
}

template<typename T> Result<T> await(QFuture<Result<T>> future)
{
    spin(future, 60000);
    if (!future.isFinished())
        return ServiceError::make(ServiceError::Code::Internal, QStringLiteral("timed out"));
    if (future.resultCount() == 0)
        return ServiceError::make(ServiceError::Code::Cancelled, QStringLiteral("no result"));
    return future.result();
}

QString describe(const ServiceError &error)
{
    return error.text();
}

// Field by field, so that a failure names the field (QCOMPARE inside a helper returns early).
void compareDevice(const Device &a, const Device &b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.deviceId, b.deviceId);
    QCOMPARE(a.modelId, b.modelId);
    QCOMPARE(a.manufacturer, b.manufacturer);
    QCOMPARE(a.model, b.model);
    QCOMPARE(a.regionId, b.regionId);
    QCOMPARE(a.region, b.region);
    QCOMPARE(a.firmwareVersion, b.firmwareVersion);
    QCOMPARE(a.firmwareSequence, b.firmwareSequence);
    QCOMPARE(a.patchLevel, b.patchLevel);
    QCOMPARE(a.patchApplied, b.patchApplied);
    QCOMPARE(a.supportEnd, b.supportEnd);
    QCOMPARE(a.lastCheckIn, b.lastCheckIn);
    QCOMPARE(a.updateState, b.updateState);
    QCOMPARE(a.exceptions, b.exceptions);
    QCOMPARE(a.patchAgeDays, b.patchAgeDays);
    QCOMPARE(a.supportStatus, b.supportStatus);
}

void compareEvent(const UpdateEvent &a, const UpdateEvent &b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.deviceId, b.deviceId);
    QCOMPARE(a.rolloutId, b.rolloutId);
    QCOMPARE(a.rolloutName, b.rolloutName);
    QCOMPARE(a.wave, b.wave);
    QCOMPARE(a.phase, b.phase);
    QCOMPARE(a.outcome, b.outcome);
    QCOMPARE(a.reason, b.reason);
    QCOMPARE(a.fromVersion, b.fromVersion);
    QCOMPARE(a.toVersion, b.toVersion);
    QCOMPARE(a.time, b.time);
}

void compareDetail(const DeviceDetail &a, const DeviceDetail &b)
{
    compareDevice(a.device, b.device);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(a.regionTimeZone, b.regionTimeZone);
    QCOMPARE(a.history.size(), b.history.size());
    for (qsizetype i = 0; i < a.history.size() && !QTest::currentTestFailed(); ++i)
        compareEvent(a.history[i], b.history[i]);
}

void compareSummary(const ComplianceSummary &a, const ComplianceSummary &b)
{
    QCOMPARE(a.referenceDate, b.referenceDate);
    QVERIFY(a.policy == b.policy);
    QCOMPARE(a.devices, b.devices);
    for (int s = 0; s < SupportStatusCount; ++s)
        QCOMPARE(a.bySupportStatus[s], b.bySupportStatus[s]);
    QCOMPARE(a.patchAge.size(), b.patchAge.size());
    for (qsizetype i = 0; i < a.patchAge.size(); ++i) {
        QCOMPARE(a.patchAge[i].minDays, b.patchAge[i].minDays);
        QCOMPARE(a.patchAge[i].maxDays, b.patchAge[i].maxDays);
        QCOMPARE(a.patchAge[i].devices, b.patchAge[i].devices);
    }
    QCOMPARE(a.models.size(), b.models.size());
    for (qsizetype i = 0; i < a.models.size(); ++i) {
        QCOMPARE(a.models[i].modelId, b.models[i].modelId);
        QCOMPARE(a.models[i].manufacturer, b.models[i].manufacturer);
        QCOMPARE(a.models[i].model, b.models[i].model);
        QCOMPARE(a.models[i].supportEnd, b.models[i].supportEnd);
        QCOMPARE(a.models[i].supportStatus, b.models[i].supportStatus);
        QCOMPARE(a.models[i].devices, b.models[i].devices);
        QCOMPARE(a.models[i].outOfDate, b.models[i].outOfDate);
    }
}

void compareFilter(const DeviceFilter &a, const DeviceFilter &b)
{
    QCOMPARE(a.patchLevelBefore, b.patchLevelBefore);
    QCOMPARE(a.patchLevelAfter, b.patchLevelAfter);
    QCOMPARE(a.patchAgeMin, b.patchAgeMin);
    QCOMPARE(a.patchAgeMax, b.patchAgeMax);
    QCOMPARE(a.supportStatuses, b.supportStatuses);
    QCOMPARE(a.manufacturerId, b.manufacturerId);
    QCOMPARE(a.modelId, b.modelId);
    QCOMPARE(a.regionId, b.regionId);
    QCOMPARE(a.updateState, b.updateState);
    QCOMPARE(a.exceptions, b.exceptions);
    QCOMPARE(a.deviceIdPrefix, b.deviceIdPrefix);
    QCOMPARE(a.events.has_value(), b.events.has_value());
    if (a.events) {
        QCOMPARE(a.events->scope.kind, b.events->scope.kind);
        QCOMPARE(a.events->scope.id, b.events->scope.id);
        QCOMPARE(a.events->from, b.events->from);
        QCOMPARE(a.events->to, b.events->to);
        QCOMPARE(a.events->outcomes, b.events->outcomes);
        QCOMPARE(a.events->reason, b.events->reason);
        QCOMPARE(a.events->description, b.events->description);
    }
    QVERIFY(a == b);
}

QList<qint64> ids(const QList<Device> &devices)
{
    QList<qint64> list;
    list.reserve(devices.size());
    for (const Device &d : devices)
        list << d.id;
    return list;
}

// The sort key of a device for a field, as a comparable string or number.
QVariant sortKey(const Device &d, DeviceField field)
{
    switch (field) {
    case DeviceField::DeviceId:
        return d.deviceId;
    case DeviceField::Model:
        return d.model;
    case DeviceField::PatchLevel:
        return d.patchLevel;
    case DeviceField::PatchAge:
        return d.patchAgeDays;
    case DeviceField::SupportEnd:
        return d.supportEnd;
    case DeviceField::LastCheckIn:
        return d.lastCheckIn;
    default:
        return {};
    }
}

DeviceQuery queryOf(const DeviceFilter &filter = {})
{
    DeviceQuery query;
    query.filter = filter;
    query.referenceDate = reference();
    return query;
}

} // namespace

class tst_TrackerApi : public QObject
{
    Q_OBJECT

private:
    TrackerBackend *backend(Backend which)
    {
        return which == Backend::Local ? static_cast<TrackerBackend *>(m_local.get())
                                       : static_cast<TrackerBackend *>(m_remote.get());
    }
    QList<Device> expected(const Predicate &predicate) const;

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<LocalTrackerBackend> m_local;
    std::unique_ptr<RemoteTrackerBackend> m_remote;
    ApiClient *m_client = nullptr;
    FleetCatalog m_catalog;
    QList<Device> m_all; // the whole fleet by Local, in device-id order, at reference()
    qint64 m_historyDevice = 0;
    std::set<qint64> m_failedDevices; // devices with a failed update event

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // Codecs: toJson -> read gives back what went in.
    void catalogRoundTrip();
    void pageRoundTrip();
    void detailRoundTrip();
    void queryRoundTrip_data();
    void queryRoundTrip();
    void complianceRoundTrip();
    void malformedAnswerNamesTheField();

    // Contract: the same checks on both backends.
    void description();
    void catalog_data();
    void catalog();
    void filters_data();
    void filters();
    void sorting_data();
    void sorting();
    void paging_data();
    void paging();
    void detail_data();
    void detail();
    void compliance_data();
    void compliance();
    void exportCsv_data();
    void exportCsv();
    void unknownDevice_data();
    void unknownDevice();
    void invalidFilter_data();
    void invalidFilter();
    void fleetChangedFollowsTheServer();

    // The HTTP side: what another client (a script) sees.
    void noTokenIsUnauthenticated_data();
    void noTokenIsUnauthenticated();
    void badParameter_data();
    void badParameter();
};

QList<Device> tst_TrackerApi::expected(const Predicate &predicate) const
{
    QList<Device> list;
    std::copy_if(m_all.cbegin(), m_all.cend(), std::back_inserter(list), predicate);
    return list;
}

void tst_TrackerApi::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    // The fleet first, by the Local backend (the deterministic demo fleet), then a few update
    // events for the history and the drill-down, then the server on the same file.
    const QString path = m_dir.filePath(QStringLiteral("fleet.db"));
    m_local = std::make_unique<LocalTrackerBackend>();
    LocalTrackerBackend::Options options;
    options.databasePath = path;
    options.demoDevices = FleetSize;
    options.referenceDate = reference();
    const auto opened = await(m_local->open(options));
    QVERIFY2(opened.ok(), qPrintable(describe(opened.error())));
    QVERIFY(await(m_local->indexReady()).ok());

    {
        Result<Database> db = Database::open(path);
        QVERIFY2(db.ok(), qPrintable(describe(db.error())));
        Database &database = db.value();
        QSqlQuery devices(database.connection());
        QVERIFY(devices.exec(
            QStringLiteral("SELECT id, model_id, region_id FROM devices ORDER BY id LIMIT 40")));
        QList<EventRecord> events;
        const qint64 start = QDateTime(QDate(2025, 2, 1), QTime(8, 0), Qt::UTC).toSecsSinceEpoch();
        int n = 0;
        while (devices.next()) {
            EventRecord e;
            e.device = devices.value(0).toLongLong();
            e.model = devices.value(1).toInt();
            e.region = devices.value(2).toInt();
            e.fromVersion = "1.0";
            e.toVersion = "1.1";
            e.phase = UpdatePhase::Offer;
            e.time = start + n * 60;
            events << e;
            e.phase = UpdatePhase::Install;
            e.time += 30;
            // Every third device fails; the others succeed.
            if (n % 3 == 0) {
                e.outcome = UpdateOutcome::Failed;
                e.reason = FailureReason::InstallFailed;
                m_failedDevices.insert(e.device);
            } else {
                e.outcome = UpdateOutcome::Succeeded;
            }
            events << e;
            if (n == 0)
                m_historyDevice = e.device;
            ++n;
        }
        QVERIFY(database.connection().transaction());
        EventWriter writer;
        QVERIFY(writer.start(database).ok());
        for (const EventRecord &e : std::as_const(events))
            QVERIFY(writer.append(e).ok());
        QVERIFY(writer.finish().ok());
        QVERIFY(database.connection().commit());
    }

    TestServer::Options serverOptions;
    serverOptions.databasePath = path;
    serverOptions.demoDevices = 0;
    QVERIFY2(m_server.start(serverOptions), qPrintable(m_server.errorText()));
    m_client = m_server.client(QStringLiteral("viewer")); // reading needs no more than a viewer
    QVERIFY2(m_client, qPrintable(m_server.errorText()));
    m_remote = std::make_unique<RemoteTrackerBackend>(m_client);

    const auto catalog = await(m_local->catalog());
    QVERIFY(catalog.ok());
    m_catalog = catalog.value();
    QVERIFY(m_catalog.models.size() >= 2);
    QVERIFY(m_catalog.regions.size() >= 2);
    const auto all = await(m_local->queryDevices(queryOf(), 0, 100000));
    QVERIFY(all.ok());
    m_all = all.value().rows;
    QCOMPARE(m_all.size(), FleetSize);
}

void tst_TrackerApi::cleanupTestCase()
{
    m_remote.reset();
    m_local.reset();
}

// Codecs ---------------------------------------------------------------------------------------

void tst_TrackerApi::catalogRoundTrip()
{
    FleetCatalog catalog = m_catalog;
    QVERIFY(!catalog.models.isEmpty());
    catalog.models[0].classId = QStringLiteral("00ff10");
    const auto read = Json::readFleetCatalog(Json::toJson(catalog));
    QVERIFY2(read.ok(), qPrintable(describe(read.error())));
    const FleetCatalog &back = read.value();
    QCOMPARE(back.deviceCount, catalog.deviceCount);
    QCOMPARE(back.manufacturers.size(), catalog.manufacturers.size());
    for (qsizetype i = 0; i < catalog.manufacturers.size(); ++i) {
        QCOMPARE(back.manufacturers[i].id, catalog.manufacturers[i].id);
        QCOMPARE(back.manufacturers[i].name, catalog.manufacturers[i].name);
    }
    QCOMPARE(back.models.size(), catalog.models.size());
    for (qsizetype i = 0; i < catalog.models.size(); ++i) {
        const DeviceModel &a = back.models[i];
        const DeviceModel &b = catalog.models[i];
        QCOMPARE(a.id, b.id);
        QCOMPARE(a.manufacturerId, b.manufacturerId);
        QCOMPARE(a.manufacturer, b.manufacturer);
        QCOMPARE(a.name, b.name);
        QCOMPARE(a.launchDate, b.launchDate);
        QCOMPARE(a.supportMonths, b.supportMonths);
        QCOMPARE(a.classId, b.classId);
    }
    QCOMPARE(back.regions.size(), catalog.regions.size());
    for (qsizetype i = 0; i < catalog.regions.size(); ++i) {
        QCOMPARE(back.regions[i].id, catalog.regions[i].id);
        QCOMPARE(back.regions[i].code, catalog.regions[i].code);
        QCOMPARE(back.regions[i].name, catalog.regions[i].name);
        QCOMPARE(back.regions[i].timeZone, catalog.regions[i].timeZone);
    }
}

void tst_TrackerApi::pageRoundTrip()
{
    DevicePage page;
    page.offset = 40;
    page.matching = 1234;
    page.fleetSize = FleetSize;
    page.referenceDate = reference();
    page.rows = m_all.mid(40, 25);
    // The values a fresh row does not have: every flag, state and an unset date.
    Device odd = m_all.first();
    odd.exceptions = Rooted | Ported;
    odd.updateState = UpdateState::RolledBack;
    odd.supportStatus = SupportStatus::EndingSoon;
    odd.patchApplied = QDate();
    odd.lastCheckIn = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    odd.deviceId = QStringLiteral("SN-\u00e9\"quoted\"");
    page.rows << odd;
    const auto read = Json::readDevicePage(Json::toJson(page));
    QVERIFY2(read.ok(), qPrintable(describe(read.error())));
    QCOMPARE(read.value().offset, page.offset);
    QCOMPARE(read.value().matching, page.matching);
    QCOMPARE(read.value().fleetSize, page.fleetSize);
    QCOMPARE(read.value().referenceDate, page.referenceDate);
    QCOMPARE(read.value().rows.size(), page.rows.size());
    for (qsizetype i = 0; i < page.rows.size() && !QTest::currentTestFailed(); ++i)
        compareDevice(read.value().rows[i], page.rows[i]);
    // Through text, as it travels.
    const QJsonDocument text = QJsonDocument::fromJson(QJsonDocument(Json::toJson(page)).toJson());
    const auto reread = Json::readDevicePage(text.object());
    QVERIFY(reread.ok());
    compareDevice(reread.value().rows.last(), odd);
}

void tst_TrackerApi::detailRoundTrip()
{
    const auto detail = await(m_local->deviceDetail(m_historyDevice, reference()));
    QVERIFY2(detail.ok(), qPrintable(describe(detail.error())));
    QVERIFY(detail.value().history.size() >= 2); // the events written in initTestCase
    DeviceDetail d = detail.value();
    d.history[0].rolloutId = 7;
    d.history[0].rolloutName = QStringLiteral("Spring \u2013 wave 2");
    d.history[0].wave = 2;
    const auto read = Json::readDeviceDetail(Json::toJson(d));
    QVERIFY2(read.ok(), qPrintable(describe(read.error())));
    compareDetail(read.value(), d);
}

void tst_TrackerApi::queryRoundTrip_data()
{
    QTest::addColumn<DeviceQuery>("query");
    QTest::newRow("empty") << DeviceQuery();
    DeviceQuery all = queryOf();
    all.filter.patchLevelBefore = QDate(2024, 6, 1);
    all.filter.patchLevelAfter = QDate(2023, 1, 5);
    all.filter.patchAgeMin = 91;
    all.filter.patchAgeMax = 400;
    all.filter.supportStatuses = {SupportStatus::EndingSoon, SupportStatus::Ended};
    all.filter.manufacturerId = 2;
    all.filter.modelId = 5;
    all.filter.regionId = 3;
    all.filter.updateState = UpdateState::RolledBack;
    all.filter.exceptions = ExceptionFilter::AnyException;
    all.filter.deviceIdPrefix = QStringLiteral("35 a&b=c+d%20#\u00fc?");
    UpdateEventFilter events;
    events.scope = TelemetryScope::rollout(12);
    events.from = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
    events.to = QDateTime(QDate(2025, 1, 8), QTime(12, 30), Qt::UTC);
    events.wave = 2;
    events.modelId = 5;
    events.outcomes = UpdateEventFilter::failureOutcomes();
    events.reason = FailureReason::BootFailed;
    events.description = QStringLiteral("Wave 2 & \"boot failed\"");
    all.filter.events = events;
    all.sort = {DeviceField::LastCheckIn, Qt::DescendingOrder};
    all.endingSoonDays = 30;
    QTest::newRow("every field") << all;
    DeviceQuery zero = queryOf();
    zero.filter.patchAgeMin = 0; // set to 0 is not unset
    zero.filter.updateState = UpdateState::Idle;
    zero.filter.exceptions = ExceptionFilter::None;
    zero.sort = {DeviceField::Exceptions, Qt::AscendingOrder};
    QTest::newRow("zero values") << zero;
    for (int f = 0; f < DeviceFieldCount; ++f) {
        DeviceQuery sorted;
        sorted.sort = {DeviceField(f), Qt::DescendingOrder};
        QTest::addRow("sort %d", f) << sorted;
    }
}

void tst_TrackerApi::queryRoundTrip()
{
    QFETCH(DeviceQuery, query);
    // JSON
    const auto json = Json::readDeviceQuery(QJsonValue(Json::toJson(query)));
    QVERIFY2(json.ok(), qPrintable(describe(json.error())));
    compareFilter(json.value().filter, query.filter);
    QVERIFY(json.value().sort == query.sort);
    QCOMPARE(json.value().referenceDate, query.referenceDate);
    QCOMPARE(json.value().endingSoonDays, query.endingSoonDays);

    // Query parameters, through a URL as the server receives it.
    QUrl url(QStringLiteral("https://127.0.0.1/api/v1/devices"));
    url.setQuery(Json::toQuery(query));
    const QUrl received(url.toString(QUrl::FullyEncoded), QUrl::StrictMode);
    QVERIFY(received.isValid());
    QueryReader r{QUrlQuery(received)};
    const DeviceQuery back = Json::readDeviceQuery(r);
    r.refuseUnknown();
    QVERIFY2(r.ok(), qPrintable(describe(r.error())));
    compareFilter(back.filter, query.filter);
    QVERIFY(back.sort == query.sort);
    QCOMPARE(back.referenceDate, query.referenceDate);
    QCOMPARE(back.endingSoonDays, query.endingSoonDays);
}

void tst_TrackerApi::complianceRoundTrip()
{
    CompliancePolicy policy;
    policy.outOfDateDays = 120;
    policy.endingSoonDays = 45;
    DeviceFilter filter;
    filter.regionId = m_catalog.regions.first().id;
    const auto summary = await(m_local->compliance(filter, policy, reference()));
    QVERIFY2(summary.ok(), qPrintable(describe(summary.error())));
    QVERIFY(!summary.value().models.isEmpty());
    const auto read = Json::readComplianceSummary(Json::toJson(summary.value()));
    QVERIFY2(read.ok(), qPrintable(describe(read.error())));
    compareSummary(read.value(), summary.value());

    // The request's parameters.
    QueryReader r{Json::toQuery(Json::ComplianceRequest{filter, policy, reference()})};
    const Json::ComplianceRequest back = Json::readComplianceRequest(r);
    r.refuseUnknown();
    QVERIFY2(r.ok(), qPrintable(describe(r.error())));
    compareFilter(back.filter, filter);
    QVERIFY(back.policy == policy);
    QCOMPARE(back.referenceDate, reference());
}

void tst_TrackerApi::malformedAnswerNamesTheField()
{
    // A server of another version: the console says what it did not understand, and where.
    QJsonObject page = Json::toJson(DevicePage{0, 1, 1, reference(), {m_all.first()}});
    QJsonArray rows = page.value(QStringLiteral("rows")).toArray();
    QJsonObject row = rows.first().toObject();
    row.insert(QStringLiteral("updateState"), QStringLiteral("exploded"));
    rows[0] = row;
    page.insert(QStringLiteral("rows"), rows);
    const auto read = Json::readDevicePage(page);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ServiceError::Code::BadResponse);
    QVERIFY2(read.error().message.contains(QLatin1String("rows[0].updateState")),
             qPrintable(read.error().message));
    QVERIFY2(read.error().message.contains(QLatin1String("exploded")),
             qPrintable(read.error().message));
}

// Contract -------------------------------------------------------------------------------------

void tst_TrackerApi::description()
{
    QCOMPARE(m_remote->description(),
             QStringLiteral("Server: https://127.0.0.1:%1").arg(m_server.port()));
}

void tst_TrackerApi::catalog_data()
{
    QTest::addColumn<Backend>("which");
    QTest::newRow("local") << Backend::Local;
    QTest::newRow("remote") << Backend::Remote;
}

void tst_TrackerApi::catalog()
{
    QFETCH(Backend, which);
    const auto catalog = await(backend(which)->catalog());
    QVERIFY2(catalog.ok(), qPrintable(describe(catalog.error())));
    QCOMPARE(catalog.value().deviceCount, FleetSize);
    QCOMPARE(catalog.value().models.size(), m_catalog.models.size());
    QCOMPARE(catalog.value().regions.size(), m_catalog.regions.size());
    QCOMPARE(catalog.value().manufacturers.size(), m_catalog.manufacturers.size());
    for (qsizetype i = 0; i < m_catalog.models.size(); ++i) {
        QCOMPARE(catalog.value().models[i].name, m_catalog.models[i].name);
        QCOMPARE(catalog.value().models[i].supportEnd(), m_catalog.models[i].supportEnd());
    }
}

void tst_TrackerApi::filters_data()
{
    QTest::addColumn<Backend>("which");
    QTest::addColumn<DeviceFilter>("filter");
    QTest::addColumn<Predicate>("matches");

    const int model = m_catalog.models.at(1).id;
    const int region = m_catalog.regions.at(0).id;
    // The median patch level: about half the fleet is older.
    QList<QDate> levels;
    for (const Device &d : std::as_const(m_all))
        levels << d.patchLevel;
    std::sort(levels.begin(), levels.end());
    const QDate median = levels.at(levels.size() / 2);
    const QString prefix = m_all.at(7).deviceId.left(6);
    const std::set<qint64> failed = m_failedDevices;

    struct Case
    {
        const char *name;
        DeviceFilter filter;
        Predicate matches;
    };
    QList<Case> cases;
    {
        DeviceFilter f;
        f.modelId = model;
        cases.append({"model", f, [model](const Device &d) {
                          return d.modelId == model;
                      }});
    }
    {
        DeviceFilter f;
        f.regionId = region;
        cases.append({"region", f, [region](const Device &d) {
                          return d.regionId == region;
                      }});
    }
    {
        DeviceFilter f;
        f.patchLevelBefore = median;
        cases.append({"patch level older than", f, [median](const Device &d) {
                          return d.patchLevel < median;
                      }});
    }
    {
        DeviceFilter f;
        f.patchAgeMin = 181;
        cases.append({"patch age over 180 days", f, [](const Device &d) {
                          return d.patchAgeDays >= 181;
                      }});
    }
    {
        DeviceFilter f;
        f.supportStatuses = {SupportStatus::Ended};
        cases.append({"support ended", f, [](const Device &d) {
                          return d.supportStatus == SupportStatus::Ended;
                      }});
    }
    {
        DeviceFilter f;
        f.supportStatuses = {SupportStatus::EndingSoon, SupportStatus::Supported};
        cases.append({"supported or ending soon", f, [](const Device &d) {
                          return d.supportStatus != SupportStatus::Ended;
                      }});
    }
    {
        DeviceFilter f;
        f.deviceIdPrefix = prefix;
        cases.append({"device id prefix", f, [prefix](const Device &d) {
                          return d.deviceId.startsWith(prefix);
                      }});
    }
    {
        // Characters that mean something in a URL are text, not syntax.
        DeviceFilter f;
        f.deviceIdPrefix = QStringLiteral("35&regionId=1+%25");
        cases.append({"prefix with URL characters", f, [](const Device &) {
                          return false;
                      }});
    }
    {
        DeviceFilter f;
        f.exceptions = ExceptionFilter::AnyException;
        cases.append({"any exception", f, [](const Device &d) {
                          return d.exceptions != 0;
                      }});
    }
    {
        DeviceFilter f;
        f.modelId = model;
        f.supportStatuses = {SupportStatus::Ended, SupportStatus::EndingSoon};
        f.patchLevelBefore = median;
        cases.append({"model, support and patch level", f, [model, median](const Device &d) {
                          return d.modelId == model && d.supportStatus != SupportStatus::Supported
                              && d.patchLevel < median;
                      }});
    }
    {
        // The Telemetry page's drill-down: devices with a failed update.
        DeviceFilter f;
        UpdateEventFilter events;
        events.outcomes = {TelemetryOutcome::Failed};
        f.events = events;
        cases.append({"drill-down to failed updates", f, [failed](const Device &d) {
                          return failed.count(d.id) > 0;
                      }});
    }

    for (const Case &c : std::as_const(cases)) {
        QTest::addRow("%s, local", c.name) << Backend::Local << c.filter << c.matches;
        QTest::addRow("%s, remote", c.name) << Backend::Remote << c.filter << c.matches;
    }
}

void tst_TrackerApi::filters()
{
    QFETCH(Backend, which);
    QFETCH(DeviceFilter, filter);
    QFETCH(Predicate, matches);
    const QList<Device> want = expected(matches);
    // A window bigger than the server's limit per request: the Remote backend asks in parts.
    const auto page = await(backend(which)->queryDevices(queryOf(filter), 0, 5000));
    QVERIFY2(page.ok(), qPrintable(describe(page.error())));
    QCOMPARE(page.value().matching, want.size());
    QCOMPARE(page.value().fleetSize, FleetSize);
    QCOMPARE(page.value().referenceDate, reference());
    QCOMPARE(ids(page.value().rows), ids(want));
    for (qsizetype i = 0; i < want.size() && !QTest::currentTestFailed(); ++i)
        compareDevice(page.value().rows[i], want[i]);
}

void tst_TrackerApi::sorting_data()
{
    QTest::addColumn<Backend>("which");
    QTest::addColumn<DeviceField>("field");
    QTest::addColumn<int>("sortOrder");
    const struct
    {
        const char *name;
        DeviceField field;
    } fields[]
        = {{"device id", DeviceField::DeviceId},     {"model", DeviceField::Model},
           {"patch level", DeviceField::PatchLevel}, {"patch age", DeviceField::PatchAge},
           {"support end", DeviceField::SupportEnd}, {"last check-in", DeviceField::LastCheckIn}};
    for (const auto &f : fields) {
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            const char *dir = order == Qt::AscendingOrder ? "ascending" : "descending";
            QTest::addRow("%s %s, local", f.name, dir) << Backend::Local << f.field << int(order);
            QTest::addRow("%s %s, remote", f.name, dir) << Backend::Remote << f.field << int(order);
        }
    }
}

void tst_TrackerApi::sorting()
{
    QFETCH(Backend, which);
    QFETCH(DeviceField, field);
    QFETCH(int, sortOrder);
    const auto order = Qt::SortOrder(sortOrder);
    DeviceQuery query = queryOf();
    query.sort = {field, order};
    const auto page = await(backend(which)->queryDevices(query, 0, FleetSize));
    QVERIFY2(page.ok(), qPrintable(describe(page.error())));
    const QList<Device> &rows = page.value().rows;
    QCOMPARE(rows.size(), FleetSize);
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const QVariant a = sortKey(rows[i - 1], field);
        const QVariant b = sortKey(rows[i], field);
        const auto c = QVariant::compare(a, b);
        const bool inOrder = order == Qt::AscendingOrder ? c <= 0 : c >= 0;
        QVERIFY2(
            inOrder,
            qPrintable(
                QStringLiteral("row %1: %2 before %3").arg(i).arg(a.toString(), b.toString())));
    }
    // Ties are broken the same way on both sides: the same order, row for row.
    const auto local = await(m_local->queryDevices(query, 0, FleetSize));
    QVERIFY(local.ok());
    QCOMPARE(ids(rows), ids(local.value().rows));
}

void tst_TrackerApi::paging_data()
{
    QTest::addColumn<Backend>("which");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("rows");
    const struct
    {
        const char *name;
        int offset, limit, rows;
    } windows[] = {
        {"first page", 0, 50, 50},
        {"a window inside", 123, 7, 7},
        {"the last rows", FleetSize - 10, 50, 10},
        {"past the end", FleetSize, 10, 0},
        {"only the count", 0, 0, 0},
        {"bigger than one request", 250, 1500, 1500},
    };
    for (const auto &w : windows) {
        QTest::addRow("%s, local", w.name) << Backend::Local << w.offset << w.limit << w.rows;
        QTest::addRow("%s, remote", w.name) << Backend::Remote << w.offset << w.limit << w.rows;
    }
}

void tst_TrackerApi::paging()
{
    QFETCH(Backend, which);
    QFETCH(int, offset);
    QFETCH(int, limit);
    QFETCH(int, rows);
    DeviceQuery query = queryOf();
    query.sort = {DeviceField::PatchLevel, Qt::DescendingOrder};
    const auto all = await(m_local->queryDevices(query, 0, FleetSize));
    QVERIFY(all.ok());
    const auto page = await(backend(which)->queryDevices(query, offset, limit));
    QVERIFY2(page.ok(), qPrintable(describe(page.error())));
    QCOMPARE(page.value().offset, offset);
    QCOMPARE(page.value().matching, FleetSize);
    QCOMPARE(page.value().rows.size(), rows);
    QCOMPARE(ids(page.value().rows), ids(all.value().rows.mid(offset, rows)));
}

void tst_TrackerApi::detail_data()
{
    catalog_data();
}

void tst_TrackerApi::detail()
{
    QFETCH(Backend, which);
    const auto detail = await(backend(which)->deviceDetail(m_historyDevice, reference()));
    QVERIFY2(detail.ok(), qPrintable(describe(detail.error())));
    const DeviceDetail &d = detail.value();
    const auto it = std::find_if(m_all.cbegin(), m_all.cend(),
                                 [this](const Device &x) { return x.id == m_historyDevice; });
    QVERIFY(it != m_all.cend());
    compareDevice(d.device, *it);
    QVERIFY(!d.regionTimeZone.isEmpty());
    // The history written in initTestCase, newest first: the failed install, then the offer.
    QCOMPARE(d.history.size(), 2);
    QCOMPARE(d.history[0].phase, QStringLiteral("install"));
    QCOMPARE(d.history[0].outcome, QStringLiteral("failed"));
    QCOMPARE(d.history[0].reason, QStringLiteral("install-failed"));
    QCOMPARE(d.history[0].toVersion, QStringLiteral("1.1"));
    QCOMPARE(d.history[1].phase, QStringLiteral("offer"));
    QVERIFY(d.history[0].time > d.history[1].time);
    QCOMPARE(d.history[0].time.timeSpec(), Qt::UTC);
    const auto local = await(m_local->deviceDetail(m_historyDevice, reference()));
    QVERIFY(local.ok());
    compareDetail(d, local.value());
}

void tst_TrackerApi::compliance_data()
{
    QTest::addColumn<Backend>("which");
    QTest::addColumn<DeviceFilter>("filter");
    DeviceFilter model;
    model.modelId = m_catalog.models.at(0).id;
    DeviceFilter older;
    older.patchAgeMin = 100;
    for (const auto &[name, filter] :
         {std::pair{"whole fleet", DeviceFilter()}, std::pair{"one model", model},
          std::pair{"patch age over 99", older}}) {
        QTest::addRow("%s, local", name) << Backend::Local << filter;
        QTest::addRow("%s, remote", name) << Backend::Remote << filter;
    }
}

void tst_TrackerApi::compliance()
{
    QFETCH(Backend, which);
    QFETCH(DeviceFilter, filter);
    CompliancePolicy policy;
    policy.outOfDateDays = 120;
    const auto summary = await(backend(which)->compliance(filter, policy, reference()));
    QVERIFY2(summary.ok(), qPrintable(describe(summary.error())));
    const ComplianceSummary &s = summary.value();

    // What the Compliance page shows, computed from the device list.
    const auto page = await(m_local->queryDevices(queryOf(filter), 0, FleetSize));
    QVERIFY(page.ok());
    const QList<Device> &devices = page.value().rows;
    QCOMPARE(s.devices, devices.size());
    QCOMPARE(s.referenceDate, reference());
    QVERIFY(s.policy == policy);
    for (int status = 0; status < SupportStatusCount; ++status) {
        const auto count
            = std::count_if(devices.cbegin(), devices.cend(),
                            [status](const Device &d) { return int(d.supportStatus) == status; });
        QCOMPARE(s.bySupportStatus[status], int(count));
    }
    int outOfDate = 0;
    for (const ModelCompliance &m : s.models)
        outOfDate += m.outOfDate;
    QCOMPARE(outOfDate, int(std::count_if(devices.cbegin(), devices.cend(), [](const Device &d) {
                 return d.patchAgeDays > 120;
             })));
    int binned = 0;
    for (const PatchAgeBin &bin : s.patchAge)
        binned += bin.devices;
    QCOMPARE(binned, s.devices);

    const auto local = await(m_local->compliance(filter, policy, reference()));
    QVERIFY(local.ok());
    compareSummary(s, local.value());
}

void tst_TrackerApi::exportCsv_data()
{
    catalog_data();
}

void tst_TrackerApi::exportCsv()
{
    QFETCH(Backend, which);
    DeviceQuery query = queryOf();
    query.filter.regionId = m_catalog.regions.at(1).id;
    query.sort = {DeviceField::PatchLevel, Qt::DescendingOrder};
    const int matching = int(
        expected([&](const Device &d) { return d.regionId == query.filter.regionId; }).size());
    QVERIFY(matching > 0);

    const QString reference = m_dir.filePath(QStringLiteral("reference.csv"));
    const auto written = await(m_local->exportDevices(query, reference));
    QVERIFY2(written.ok(), qPrintable(describe(written.error())));
    QCOMPARE(written.value(), matching);

    const QString path = m_dir.filePath(QStringLiteral("export-%1.csv").arg(int(which)));
    QFile::remove(path);
    const auto exported = await(backend(which)->exportDevices(query, path));
    QVERIFY2(exported.ok(), qPrintable(describe(exported.error())));
    QCOMPARE(exported.value(), matching);

    QFile a(path), b(reference);
    QVERIFY(a.open(QIODevice::ReadOnly));
    QVERIFY(b.open(QIODevice::ReadOnly));
    const QByteArray got = a.readAll();
    QVERIFY(got.startsWith("device_id,") || got.contains(','));
    QCOMPARE(got.count('\n'), matching + 1); // header + one line per device
    QVERIFY2(got == b.readAll(), "the export differs from the Local backend's, byte for byte");
}

void tst_TrackerApi::unknownDevice_data()
{
    catalog_data();
}

void tst_TrackerApi::unknownDevice()
{
    QFETCH(Backend, which);
    const auto detail = await(backend(which)->deviceDetail(987654321, reference()));
    QVERIFY(!detail.ok());
    QCOMPARE(detail.error().code, ServiceError::Code::NotFound);
    const auto local = await(m_local->deviceDetail(987654321, reference()));
    QCOMPARE(detail.error().message, local.error().message);
}

void tst_TrackerApi::invalidFilter_data()
{
    catalog_data();
}

void tst_TrackerApi::invalidFilter()
{
    // Refused by the same rule on both sides (FilterValidation), with the same words.
    QFETCH(Backend, which);
    DeviceFilter filter;
    filter.patchLevelBefore = QDate(1999, 12, 1);
    const auto page = await(backend(which)->queryDevices(queryOf(filter), 0, 10));
    QVERIFY(!page.ok());
    QCOMPARE(page.error().code, ServiceError::Code::InvalidArgument);
    const auto local = await(m_local->queryDevices(queryOf(filter), 0, 10));
    QCOMPARE(page.error().message, local.error().message);

    const auto negative = await(backend(which)->queryDevices(queryOf(), -1, 10));
    QVERIFY(!negative.ok());
    QCOMPARE(negative.error().code, ServiceError::Code::InvalidArgument);
}

void tst_TrackerApi::fleetChangedFollowsTheServer()
{
    QSignalSpy changed(m_remote.get(), &TrackerBackend::fleetChanged);
    Q_EMIT m_client->changed(QStringLiteral("releases"));
    QCOMPARE(changed.size(), 0);
    Q_EMIT m_client->changed(QStringLiteral("fleet"));
    QCOMPARE(changed.size(), 1);
}

// HTTP -----------------------------------------------------------------------------------------

void tst_TrackerApi::noTokenIsUnauthenticated_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("catalog") << QStringLiteral("/api/v1/catalog");
    QTest::newRow("devices") << QStringLiteral("/api/v1/devices?limit=10");
    QTest::newRow("device") << QStringLiteral("/api/v1/devices/1");
    QTest::newRow("compliance") << QStringLiteral("/api/v1/compliance");
    QTest::newRow("export") << QStringLiteral("/api/v1/devices/export.csv");
}

void tst_TrackerApi::noTokenIsUnauthenticated()
{
    QFETCH(QString, path);
    const TestServer::RawReply reply = m_server.request("GET", path);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("unauthenticated"));
    QVERIFY(!reply.body.contains("deviceId"));
    // A made-up token is no better.
    const TestServer::RawReply forged = m_server.request("GET", path, {}, "not-a-token");
    QCOMPARE(forged.status, 401);
}

void tst_TrackerApi::badParameter_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("named"); // what the message must name
    QTest::newRow("not a date") << QStringLiteral("/api/v1/devices?patchLevelBefore=2024-13-01")
                                << QStringLiteral("patchLevelBefore");
    QTest::newRow("unknown sort") << QStringLiteral("/api/v1/devices?sort=colour")
                                  << QStringLiteral("colour");
    QTest::newRow("unknown order")
        << QStringLiteral("/api/v1/devices?order=up") << QStringLiteral("order");
    QTest::newRow("limit over the cap")
        << QStringLiteral("/api/v1/devices?limit=5000") << QStringLiteral("limit");
    QTest::newRow("negative offset")
        << QStringLiteral("/api/v1/devices?offset=-1") << QStringLiteral("offset");
    QTest::newRow("offset not a number")
        << QStringLiteral("/api/v1/devices?offset=ten") << QStringLiteral("ten");
    QTest::newRow("misspelt parameter")
        << QStringLiteral("/api/v1/devices?regionID=3") << QStringLiteral("regionID");
    QTest::newRow("unknown support status")
        << QStringLiteral("/api/v1/devices?supportStatus=supported,retired")
        << QStringLiteral("retired");
    QTest::newRow("unknown update state")
        << QStringLiteral("/api/v1/devices?updateState=melted") << QStringLiteral("updateState");
    QTest::newRow("events not JSON")
        << QStringLiteral("/api/v1/devices?events=%7Bnope") << QStringLiteral("events");
    QTest::newRow("given twice") << QStringLiteral("/api/v1/devices?modelId=1&modelId=2")
                                 << QStringLiteral("modelId");
    QTest::newRow("device id not a number")
        << QStringLiteral("/api/v1/devices/abc") << QStringLiteral("abc");
    QTest::newRow("detail reference date")
        << QStringLiteral("/api/v1/devices/1?referenceDate=yesterday")
        << QStringLiteral("referenceDate");
    QTest::newRow("compliance policy")
        << QStringLiteral("/api/v1/compliance?outOfDateDays=-5") << QStringLiteral("outOfDateDays");
    QTest::newRow("export filter")
        << QStringLiteral("/api/v1/devices/export.csv?modelId=x") << QStringLiteral("modelId");
    QTest::newRow("catalog takes none")
        << QStringLiteral("/api/v1/catalog?all=1") << QStringLiteral("all");
}

void tst_TrackerApi::badParameter()
{
    QFETCH(QString, path);
    QFETCH(QString, named);
    const QByteArray token = m_server.token(QStringLiteral("viewer"));
    QVERIFY(!token.isEmpty());
    const TestServer::RawReply reply = m_server.request("GET", path, {}, token);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("invalid-argument"));
    const QString message = reply.errorMessage();
    QVERIFY2(message.contains(named), qPrintable(message));
}

} // namespace Patchboard

QTEST_GUILESS_MAIN(Patchboard::tst_TrackerApi)
#include "tst_trackerapi.moc"
