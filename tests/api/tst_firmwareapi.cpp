// SPDX-License-Identifier: Apache-2.0
// Releases over the operator API (issue #6): the codecs give back exactly what they were given;
// the same imports, test results and decisions give the same states and the same errors through
// the embedded backend and through patchboard-server (contract); a tampered bundle is refused over
// the network too; a viewer cannot approve (403); a malformed body is 400, an oversized one 413;
// a file name that tries to leave the upload folder is 400 and nothing lands outside it.

#include "testserver.h"

#include "api/apierror.h"
#include "api/apiserver.h"
#include "api/firmwarejson.h"
#include "api/firmwareroutes.h"
#include "firmware/demoreleases.h"
#include "firmware/localfirmwarebackend.h"
#include "firmware/releaseauthor.h"
#include "firmware/remotefirmwarebackend.h"
#include "simulation/demofleetgenerator.h"
#include "storage/database.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace Patchboard;

namespace {

template<typename T> Result<T> wait(QFuture<Result<T>> future)
{
    spin(future, 60000);
    if (!future.isFinished() || future.resultCount() == 0)
        return ServiceError::make(ServiceError::Code::Internal, QStringLiteral("timed out"));
    return future.result();
}

template<typename T> QByteArray why(const Result<T> &r)
{
    return r.ok() ? QByteArray() : r.error().text().toUtf8();
}
#define WHY(r) why(r).constData()

QDateTime at(int day, int hour, int minute, int ms = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute, 0, ms), Qt::UTC);
}

QJsonValue wire(const QJsonObject &json)
{
    return QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
}

// Field by field, so that a field the codec forgets is named (a JSON comparison would not notice
// one that is neither written nor read).
#define SAME(field) \
    if (!(a.field == b.field)) \
        return QStringLiteral(#field);

QString diff(const TestWindow &a, const TestWindow &b)
{
    SAME(deadline)
    SAME(daysLeft) SAME(overdue) SAME(decisionSeconds) SAME(decidedWithinWindow) return {};
}

QString diff(const ReleaseSummary &a, const ReleaseSummary &b)
{
    SAME(id)
        SAME(version) SAME(vendorId) SAME(manufacturer) SAME(models) SAME(classId) SAME(type)
            SAME(patchLevel) SAME(sequenceNumber) SAME(received) SAME(decided) SAME(state)
                SAME(windowApplies) if (const QString d = diff(a.window, b.window);
                                        !d.isEmpty()) return QStringLiteral("window.")
        + d;
    return {};
}

QString diff(const TrustedKey &a, const TrustedKey &b)
{
    SAME(id)
    SAME(vendorId) SAME(manufacturerId) SAME(manufacturer) SAME(fingerprint) SAME(keyType)
        SAME(label) SAME(pem) SAME(added) SAME(addedBy) return {};
}

QString diff(const ReleaseDetail &a, const ReleaseDetail &b)
{
    if (const QString d = diff(a.summary, b.summary); !d.isEmpty())
        return QStringLiteral("summary.") + d;
    SAME(notes.version)
    SAME(notes.type) SAME(notes.patchLevel) SAME(notes.targetModels) SAME(notes.endUserNotice) SAME(
        notes.changes.size()) for (qsizetype i = 0; i < a.notes.changes.size(); ++i){
        SAME(notes.changes[i].description) SAME(notes.changes[i].kind) SAME(notes.changes[i].cves)
            SAME(notes.changes[i].severity)} SAME(checks.size()) for (qsizetype i = 0;
                                                                      i < a.checks.size(); ++i){
        SAME(checks[i].name) SAME(checks[i].passed) SAME(checks[i].reason)
            SAME(checks[i].blocking)} SAME(testPlan.cases.size()) for (qsizetype i = 0;
                                                                       i < a.testPlan.cases.size();
                                                                       ++i){
        SAME(testPlan.cases[i].modelId) SAME(testPlan.cases[i].modelName) SAME(
            testPlan.cases[i].kind) SAME(testPlan.cases[i].outcome) SAME(testPlan.cases[i].note)
            SAME(testPlan.cases[i].recordedBy) SAME(testPlan.cases[i].recordedAt)
                SAME(testPlan.cases[i].waived) SAME(testPlan.cases[i].waiverReason)
                    SAME(testPlan.cases[i].waivedBy) SAME(
                        testPlan.cases[i].waivedAt)} SAME(history.size()) for (qsizetype i = 0;
                                                                               i < a.history.size();
                                                                               ++i){
        SAME(history[i].from) SAME(history[i].to) SAME(history[i].actor) SAME(history[i].role)
            SAME(history[i].time)
                SAME(history[i].reason)} SAME(missingCves.size()) for (qsizetype i = 0;
                                                                       i < a.missingCves.size();
                                                                       ++i){
        SAME(missingCves[i].osvId) SAME(missingCves[i].cve) SAME(missingCves[i].package)
            SAME(missingCves[i].severity) SAME(missingCves[i].patchLevel)
                SAME(missingCves[i].type)} SAME(offendingChanges)
        SAME(images.size()) for (qsizetype i = 0; i < a.images.size(); ++i){SAME(
            images[i].name) SAME(images[i].digest) SAME(images[i].size)} SAME(signerFingerprint)
            SAME(algorithm) SAME(manifestDigest) SAME(approvalBlockers) return {};
}

#undef SAME

ReleaseSummary fullSummary()
{
    ReleaseSummary s;
    s.id = 9007199254740LL;
    s.version = QStringLiteral("4.2.117 \u00e9t\u00e9 \"rc\"");
    s.vendorId = QStringLiteral("fa6b4a53d5ad5fdfbe9de663e4d41ffe");
    s.manufacturer = QStringLiteral("Acme");
    s.models = {QStringLiteral("Aurora A7"), QStringLiteral("Aurora A8")};
    s.classId = QStringLiteral("1492af1425695e48bf429b2d51f2ab45");
    s.type = ReleaseType::Maintenance;
    s.patchLevel = PatchLevel(QDate(2022, 6, 5));
    s.sequenceNumber = 1700000000123ULL;
    s.received = at(3, 8, 15, 250);
    s.decided = at(5, 17, 2, 999);
    s.state = ReleaseState::InTesting;
    s.window.deadline = at(10, 8, 15, 250);
    s.window.daysLeft = -2;
    s.window.overdue = true;
    s.window.decisionSeconds = 204407;
    s.window.decidedWithinWindow = true;
    s.windowApplies = false;
    return s;
}

ReleaseDetail fullDetail()
{
    ReleaseDetail d;
    d.summary = fullSummary();
    d.notes.version = QStringLiteral("4.2.117");
    d.notes.type = ReleaseType::Feature;
    d.notes.patchLevel = PatchLevel(QDate(2022, 6, 1));
    d.notes.targetModels = {QStringLiteral("Aurora A7")};
    d.notes.changes
        = {{QStringLiteral("Fix a use-after-free"),
            ChangeKind::Security,
            {QStringLiteral("CVE-2018-25020"), QStringLiteral("CVE-2021-39630")},
            VulnerabilitySeverity::Critical},
           {QStringLiteral("Faster boot"), ChangeKind::Feature, {}, VulnerabilitySeverity::None}};
    d.notes.endUserNotice = QStringLiteral("This is a security update.\nInstall it.");
    d.checks = {ReleaseCheck::pass(QStringLiteral("signature"), QStringLiteral("ES256 by ab12")),
                ReleaseCheck::fail(QStringLiteral("image:modem.bin"), QStringLiteral("digest")),
                ReleaseCheck::warning(QStringLiteral("missing-cves"), QStringLiteral("two"))};
    TestCaseResult passed;
    passed.modelId = 17;
    passed.modelName = QStringLiteral("Aurora A7");
    passed.kind = TestCaseKind::EmergencyCall;
    passed.outcome = TestOutcome::Blocked;
    passed.note = QStringLiteral("no network in the lab");
    passed.recordedBy = QStringLiteral("tess");
    passed.recordedAt = at(4, 9, 0, 1);
    passed.waived = true;
    passed.waiverReason = QStringLiteral("tested on A8");
    passed.waivedBy = QStringLiteral("tom");
    passed.waivedAt = at(4, 10, 30, 2);
    TestCaseResult pending;
    pending.modelId = 18;
    pending.kind = TestCaseKind::UpdateResume;
    d.testPlan.cases = {passed, pending};
    d.history = {{ReleaseState::Received,
                  ReleaseState::Verified,
                  QStringLiteral("tess"),
                  QStringLiteral("test-engineer"),
                  at(3, 8, 15, 250),
                  {}},
                 {ReleaseState::Verified, ReleaseState::InTesting, QStringLiteral("tom"),
                  QStringLiteral("test-engineer"), at(4, 9, 0, 1), QStringLiteral("first result")}};
    d.missingCves = {{QStringLiteral("ASB-A-210498909"), QStringLiteral("CVE-2021-0001"),
                      QStringLiteral(":linux_kernel:"), VulnerabilitySeverity::High,
                      PatchLevel(QDate(2022, 5, 5)), QStringLiteral("EoP")}};
    d.offendingChanges = {1, 0};
    d.images = {{QStringLiteral("notes.json"), QStringLiteral("00ff"), 1234},
                {QStringLiteral("modem.bin"), QStringLiteral("abcd"), 5000000000LL}};
    d.signerFingerprint = QStringLiteral("1234abcd");
    d.algorithm = QStringLiteral("EdDSA");
    d.manifestDigest = QStringLiteral("feedface");
    d.approvalBlockers
        = {QStringLiteral("Emergency call is not done."), QStringLiteral("Four eyes.")};
    return d;
}

TrustedKey fullKey()
{
    TrustedKey k;
    k.id = 77;
    k.vendorId = QStringLiteral("fa6b4a53d5ad5fdfbe9de663e4d41ffe");
    k.manufacturerId = 3;
    k.manufacturer = QStringLiteral("Acme");
    k.fingerprint = QStringLiteral("ab12cd34");
    k.keyType = QStringLiteral("Ed25519");
    k.label = QStringLiteral("release key 2026");
    k.pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAabc=\n-----END PUBLIC KEY-----\n";
    k.added = at(1, 12, 0, 5);
    k.addedBy = QStringLiteral("adam");
    return k;
}

bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = QDir(to).filePath(QDir(from).relativeFilePath(file));
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(file, target))
            return false;
    }
    return true;
}

QStringList filesBelow(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

QString codeName(const ServiceError &error)
{
    return ApiError::codeName(error.code);
}

OperatorRole roleOf(const QString &user)
{
    static const std::map<QString, OperatorRole> roles
        = {{QStringLiteral("admin"), OperatorRole::Administrator},
           {QStringLiteral("tester"), OperatorRole::TestEngineer},
           {QStringLiteral("tester2"), OperatorRole::TestEngineer},
           {QStringLiteral("manager"), OperatorRole::RolloutManager},
           {QStringLiteral("viewer"), OperatorRole::Viewer}};
    return roles.at(user);
}

// For the 413 test: an ApiServer with a tiny upload limit, over plain HTTP on loopback.
struct FixedOperator : ApiAuthenticator
{
    std::optional<Operator> operatorForToken(const QByteArray &token) override
    {
        if (token == "tester-token")
            return Operator{QStringLiteral("tester"), OperatorRole::TestEngineer};
        return std::nullopt;
    }
    std::optional<qint64> deviceForToken(const QByteArray &) override { return std::nullopt; }
};

} // namespace

class TestFirmwareApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // Codecs, without a server.
    void summaryRoundTrip();
    void detailRoundTrip();
    void keyRoundTrip();
    void settingsAndReportRoundTrip();
    void enumNamesRoundTrip_data();
    void enumNamesRoundTrip();
    void malformedAnswersAreRefused_data();
    void malformedAnswersAreRefused();

    // The same checks against the embedded backend and patchboard-server.
    void contract_data();
    void contract();
    void sameTranscript();

    // Over the wire only.
    void viewerCannotApprove();
    void malformedBodyIs400_data();
    void malformedBodyIs400();
    void oversizedBodyIs413();
    void oversizedUploadIs413();
    void traversalIsRefused_data();
    void traversalIsRefused();
    void uploadsArePrivateAndRoleChecked();
    void changeReachesAnotherConsole();

private:
    // A backend that acts as user (the embedded one takes the operator; a remote one is signed
    // in as the user).
    FirmwareBackend *backend(bool remote, const QString &user);
    QString makeBundle(const QString &name, quint64 sequence, bool tamper = false);

    QTemporaryDir m_dir;
    TestServer m_server;
    std::unique_ptr<LocalFirmwareBackend> m_local;
    std::map<QString, std::unique_ptr<RemoteFirmwareBackend>> m_remotes;
    ReleaseDetail m_template; // the demo's clean release: vendor, class, model, sequence
    std::map<bool, QStringList> m_transcripts;
};

void TestFirmwareApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // One fleet with the demo releases, two copies: the embedded backend works on one, the
    // server on the other; both start equal, so the same steps must give the same answers.
    const QString seed = m_dir.filePath(QStringLiteral("seed.db"));
    const QString seedStore = m_dir.filePath(QStringLiteral("seed.releases"));
    qint64 cleanId = 0;
    {
        Result<Database> database = Database::open(seed);
        QVERIFY2(database.ok(), WHY(database));
        DemoFleetOptions options;
        options.devices = 300;
        options.seed = 7;
        const Status generated = DemoFleetGenerator(options).generate(database.value());
        QVERIFY2(generated.ok(), WHY(generated));
        const Result<DemoReleases::Report> releases
            = DemoReleases::create(database.value(), seedStore);
        QVERIFY2(releases.ok(), WHY(releases));
        cleanId = releases.value().releaseIds.value(0);
        QSqlQuery q(database.value().connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    const QString local = m_dir.filePath(QStringLiteral("local.db"));
    const QString remote = m_dir.filePath(QStringLiteral("server.db"));
    QVERIFY(QFile::copy(seed, local));
    QVERIFY(QFile::copy(seed, remote));
    QVERIFY(copyTree(seedStore, m_dir.filePath(QStringLiteral("local.releases"))));
    // The server keeps its release store in its data folder (server.db.server/releases).
    QVERIFY(copyTree(seedStore, m_dir.filePath(QStringLiteral("server.db.server/releases"))));

    m_local = std::make_unique<LocalFirmwareBackend>();
    const Result<Done> opened
        = wait(m_local->open({local, m_dir.filePath(QStringLiteral("local.releases")), {}}));
    QVERIFY2(opened.ok(), WHY(opened));

    TestServer::Options serverOptions;
    serverOptions.databasePath = remote;
    serverOptions.demoDevices = 0;
    QVERIFY2(m_server.start(serverOptions), qPrintable(m_server.errorText()));
    for (const QString &user :
         {QStringLiteral("admin"), QStringLiteral("tester"), QStringLiteral("tester2"),
          QStringLiteral("manager"), QStringLiteral("viewer")}) {
        ApiClient *client = m_server.client(user);
        QVERIFY2(client, qPrintable(m_server.errorText()));
        m_remotes[user] = std::make_unique<RemoteFirmwareBackend>(client);
    }

    const Operator tester{QStringLiteral("tester"), OperatorRole::TestEngineer};
    const Result<ReleaseDetail> clean = wait(m_local->releaseDetail(tester, cleanId));
    QVERIFY2(clean.ok(), WHY(clean));
    QCOMPARE(clean.value().summary.state, ReleaseState::Verified);
    m_template = clean.value();
}

FirmwareBackend *TestFirmwareApi::backend(bool remote, const QString &user)
{
    if (remote)
        return m_remotes.at(user).get();
    return m_local.get();
}

// A new release for the demo's clean release's model, signed by the demo's test Author (whose key
// both copies trust). Sequence numbers above the clean one pass the anti-rollback check.
QString TestFirmwareApi::makeBundle(const QString &name, quint64 sequence, bool tamper)
{
    const QString parent = m_dir.filePath(QStringLiteral("bundles"));
    QDir().mkpath(parent);
    const QString image = QDir(parent).filePath(name + QStringLiteral(".img"));
    QFile imageFile(image);
    if (!imageFile.open(QIODevice::WriteOnly) || imageFile.write(QByteArray(300 * 1024, 'p')) < 0)
        return {};
    imageFile.close();
    ReleaseNotes notes = m_template.notes;
    notes.version = name;
    ReleaseAuthor::CreateOptions options;
    options.vendorId = QByteArray::fromHex(m_template.summary.vendorId.toLatin1());
    options.classId = QByteArray::fromHex(m_template.summary.classId.toLatin1());
    options.sequenceNumber = m_template.summary.sequenceNumber + sequence;
    options.notes = notes.toJson();
    options.images = {{QStringLiteral("modem.bin"), image}};
    options.outputDir = QDir(parent).filePath(name + QStringLiteral(".pbrelease"));
    const Result<ReleaseAuthor::Created> created
        = ReleaseAuthor::create(DemoReleases::testAuthorKey(), options);
    if (!created) {
        qWarning("%s", qPrintable(created.error().text()));
        return {};
    }
    if (tamper) {
        // One byte of the image changed after signing: what a man in the middle would do.
        QFile f(QDir(created.value().dir).filePath(QStringLiteral("images/modem.bin")));
        if (!f.open(QIODevice::ReadWrite) || !f.seek(1000) || f.write("X") != 1)
            return {};
    }
    return created.value().dir;
}

void TestFirmwareApi::summaryRoundTrip()
{
    const ReleaseSummary summary = fullSummary();
    const Result<ReleaseSummary> back = Json::readReleaseSummary(wire(Json::toJson(summary)));
    QVERIFY2(back.ok(), WHY(back));
    QCOMPARE(diff(summary, back.value()), QString());
    // Undecided: no decision time, and the list wrapper.
    ReleaseSummary open = summary;
    open.decided = QDateTime();
    open.patchLevel = PatchLevel();
    const Result<QList<ReleaseSummary>> list
        = Json::readReleaseSummaries(wire(Json::toJson(QList<ReleaseSummary>{summary, open})));
    QVERIFY2(list.ok(), WHY(list));
    QCOMPARE(list.value().size(), 2);
    QCOMPARE(diff(open, list.value().at(1)), QString());
    QVERIFY(!list.value().at(1).decided.isValid());
}

void TestFirmwareApi::detailRoundTrip()
{
    const ReleaseDetail detail = fullDetail();
    const Result<ReleaseDetail> back = Json::readReleaseDetail(wire(Json::toJson(detail)));
    QVERIFY2(back.ok(), WHY(back));
    QCOMPARE(diff(detail, back.value()), QString());
    // The diff can fail: a changed field is named.
    ReleaseDetail other = detail;
    other.testPlan.cases[0].waivedBy = QStringLiteral("someone else");
    QCOMPARE(diff(detail, other), QStringLiteral("testPlan.cases[i].waivedBy"));
}

void TestFirmwareApi::keyRoundTrip()
{
    const TrustedKey key = fullKey();
    const Result<TrustedKey> back = Json::readTrustedKey(wire(Json::toJson(key)));
    QVERIFY2(back.ok(), WHY(back));
    QCOMPARE(diff(key, back.value()), QString());
    const Result<QList<TrustedKey>> list
        = Json::readTrustedKeys(wire(Json::toJson(QList<TrustedKey>{key, key})));
    QVERIFY2(list.ok(), WHY(list));
    QCOMPARE(list.value().size(), 2);
    QCOMPARE(diff(key, list.value().at(1)), QString());
}

void TestFirmwareApi::settingsAndReportRoundTrip()
{
    for (bool fourEyes : {true, false}) {
        const Result<FirmwareSettings> back
            = Json::readFirmwareSettings(wire(Json::toJson(FirmwareSettings{fourEyes})));
        QVERIFY2(back.ok(), WHY(back));
        QCOMPARE(back.value().fourEyes, fourEyes);
    }
    BulletinImportReport report;
    report.records = 12;
    report.vulnerabilities = 30;
    report.skipped = 2;
    report.problems = {QStringLiteral("a.json: not JSON"), QStringLiteral("b.json: empty")};
    const Result<BulletinImportReport> back
        = Json::readBulletinImportReport(wire(Json::toJson(report)));
    QVERIFY2(back.ok(), WHY(back));
    QCOMPARE(back.value().records, 12);
    QCOMPARE(back.value().vulnerabilities, 30);
    QCOMPARE(back.value().skipped, 2);
    QCOMPARE(back.value().problems, report.problems);
}

void TestFirmwareApi::enumNamesRoundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<int>("state");
    const QList<TestCaseKind> kinds = TestPlan::allKinds();
    const QList<TestOutcome> outcomes
        = {TestOutcome::Pending, TestOutcome::Passed, TestOutcome::Failed, TestOutcome::Blocked};
    const QList<ReleaseState> states
        = {ReleaseState::Received,  ReleaseState::Verified, ReleaseState::Refused,
           ReleaseState::InTesting, ReleaseState::Approved, ReleaseState::Rejected,
           ReleaseState::Withdrawn};
    // Enough rows that every value of each enum appears at least once.
    for (qsizetype i = 0; i < 7; ++i) {
        const TestCaseKind kind = kinds.at(i % kinds.size());
        QTest::addRow("%s/%s/%s", qPrintable(TestPlan::kindName(kind)),
                      qPrintable(TestPlan::outcomeName(outcomes.at(i % outcomes.size()))),
                      qPrintable(ReleaseStates::name(states.at(i))))
            << int(kind) << int(outcomes.at(i % outcomes.size())) << int(states.at(i));
    }
}

void TestFirmwareApi::enumNamesRoundTrip()
{
    QFETCH(int, kind);
    QFETCH(int, outcome);
    QFETCH(int, state);
    ReleaseDetail detail = fullDetail();
    detail.testPlan.cases[0].kind = TestCaseKind(kind);
    detail.testPlan.cases[0].outcome = TestOutcome(outcome);
    detail.summary.state = ReleaseState(state);
    detail.history[1].to = ReleaseState(state);
    const QJsonObject json = Json::toJson(detail);
    // The stable names of the domain, as the audit log and the views use them.
    const QJsonObject testCase = json.value(QStringLiteral("testPlan"))
                                     .toObject()
                                     .value(QStringLiteral("cases"))
                                     .toArray()
                                     .at(0)
                                     .toObject();
    QCOMPARE(testCase.value(QStringLiteral("testCase")).toString(),
             TestPlan::kindName(TestCaseKind(kind)));
    QCOMPARE(testCase.value(QStringLiteral("outcome")).toString(),
             TestPlan::outcomeName(TestOutcome(outcome)));
    const Result<ReleaseDetail> back = Json::readReleaseDetail(wire(json));
    QVERIFY2(back.ok(), WHY(back));
    QCOMPARE(int(back.value().testPlan.cases[0].kind), kind);
    QCOMPARE(int(back.value().testPlan.cases[0].outcome), outcome);
    QCOMPARE(int(back.value().summary.state), state);
    QCOMPARE(int(back.value().history[1].to), state);
}

void TestFirmwareApi::malformedAnswersAreRefused_data()
{
    QTest::addColumn<QString>("pointer"); // "summary/state"
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("where");
    QTest::newRow("unknown state")
        << QStringLiteral("summary/state") << QJsonValue(QStringLiteral("shipped"))
        << QStringLiteral("release.summary.state");
    QTest::newRow("id as text") << QStringLiteral("summary/id") << QJsonValue(QStringLiteral("7"))
                                << QStringLiteral("release.summary.id");
    QTest::newRow("bad date") << QStringLiteral("summary/received")
                              << QJsonValue(QStringLiteral("yesterday"))
                              << QStringLiteral("release.summary.received");
    QTest::newRow("models not strings")
        << QStringLiteral("summary/models") << QJsonValue(QJsonArray{1, 2})
        << QStringLiteral("release.summary.models");
    QTest::newRow("checks not a list")
        << QStringLiteral("checks") << QJsonValue(3) << QStringLiteral("release.checks");
    QTest::newRow("no summary") << QStringLiteral("summary") << QJsonValue(QJsonValue::Undefined)
                                << QStringLiteral("release.summary");
}

void TestFirmwareApi::malformedAnswersAreRefused()
{
    QFETCH(QString, pointer);
    QFETCH(QJsonValue, value);
    QFETCH(QString, where);
    QJsonObject json = Json::toJson(fullDetail());
    const QStringList path = pointer.split(QLatin1Char('/'));
    if (path.size() == 2) {
        QJsonObject inner = json.value(path[0]).toObject();
        inner.insert(path[1], value);
        json.insert(path[0], inner);
    } else if (value.isUndefined()) {
        json.remove(path[0]);
    } else {
        json.insert(path[0], value);
    }
    const Result<ReleaseDetail> read = Json::readReleaseDetail(json);
    QVERIFY(!read.ok());
    QCOMPARE(read.error().code, ServiceError::Code::BadResponse);
    QVERIFY2(read.error().message.contains(where), qPrintable(read.error().message));
}

void TestFirmwareApi::contract_data()
{
    QTest::addColumn<bool>("remote");
    QTest::newRow("local") << false;
    QTest::newRow("remote") << true;
}

// Import, test, decide: the states, errors and records a test engineer sees. Each step also
// writes a line to a transcript; sameTranscript() compares the two.
void TestFirmwareApi::contract()
{
    QFETCH(bool, remote);
    QStringList &log = m_transcripts[remote];
    const QString side = remote ? QStringLiteral("r") : QStringLiteral("l");
    auto as = [this, remote](const QString &user) {
        return backend(remote, user);
    };
    auto who = [](const QString &user) {
        return Operator{user, roleOf(user)};
    };
    auto outcome = [](const auto &result) {
        return result.ok() ? QStringLiteral("ok") : codeName(result.error());
    };

    // 1. Import a clean release: verified, every blocking check passed.
    const QString bundleA = makeBundle(side + QStringLiteral("-a"), 10);
    QVERIFY(!bundleA.isEmpty());
    QFuture<Result<ReleaseDetail>> importing
        = as(QStringLiteral("tester"))->importBundle(who(QStringLiteral("tester")), bundleA);
    const Result<ReleaseDetail> a = wait(importing);
    QVERIFY2(a.ok(), WHY(a));
    QCOMPARE(a.value().summary.state, ReleaseState::Verified);
    QCOMPARE(importing.progressValue(), 1000);
    QVERIFY(allBlockingChecksPass(a.value().checks));
    QCOMPARE(a.value().summary.version, side + QStringLiteral("-a"));
    QCOMPARE(a.value().summary.models, m_template.summary.models);
    QCOMPARE(a.value().history.value(0).actor, QStringLiteral("tester"));
    const qint64 idA = a.value().summary.id;
    log << QStringLiteral("import a: ") + ReleaseStates::name(a.value().summary.state);
    for (const ReleaseCheck &check : a.value().checks)
        log << QStringLiteral("  check %1 %2").arg(check.name).arg(check.passed);

    // 2. A viewer may look but not approve.
    const Result<QList<ReleaseSummary>> seen
        = wait(as(QStringLiteral("viewer"))->releases(who(QStringLiteral("viewer"))));
    QVERIFY2(seen.ok(), WHY(seen));
    QVERIFY(std::any_of(seen.value().cbegin(), seen.value().cend(),
                        [idA](const ReleaseSummary &s) { return s.id == idA; }));
    const Result<ReleaseDetail> viewerApproves
        = wait(as(QStringLiteral("viewer"))
                   ->approve(who(QStringLiteral("viewer")), idA, QStringLiteral("x")));
    QCOMPARE(viewerApproves.error().code, ServiceError::Code::PermissionDenied);
    log << QStringLiteral("viewer approves: ") + outcome(viewerApproves);

    // 3. A failed case needs a note; then every case passes.
    const int model = a.value().testPlan.cases.value(0).modelId;
    const Result<ReleaseDetail> noNote
        = wait(as(QStringLiteral("tester"))
                   ->recordTestResult(who(QStringLiteral("tester")), idA, model, TestCaseKind::Boot,
                                      TestOutcome::Failed, {}));
    QVERIFY(!noNote.ok());
    log << QStringLiteral("failed without note: ") + outcome(noNote);
    Result<ReleaseDetail> last;
    for (const TestCaseResult &c : a.value().testPlan.cases) {
        last = wait(as(QStringLiteral("tester"))
                        ->recordTestResult(who(QStringLiteral("tester")), idA, c.modelId, c.kind,
                                           TestOutcome::Passed, QStringLiteral("ok in lab")));
        QVERIFY2(last.ok(), WHY(last));
    }
    QCOMPARE(last.value().summary.state, ReleaseState::InTesting);
    QVERIFY(last.value().testPlan.isComplete());
    QCOMPARE(last.value().testPlan.cases.value(0).recordedBy, QStringLiteral("tester"));
    log << QStringLiteral("tested: ") + ReleaseStates::name(last.value().summary.state);

    // 4. Four eyes: the tester who recorded the results cannot approve; a second one can.
    const Result<ReleaseDetail> selfApproval
        = wait(as(QStringLiteral("tester"))
                   ->approve(who(QStringLiteral("tester")), idA, QStringLiteral("looks good")));
    QVERIFY(!selfApproval.ok());
    log << QStringLiteral("self approval: ") + outcome(selfApproval);
    const Result<ReleaseDetail> approved
        = wait(as(QStringLiteral("tester2"))
                   ->approve(who(QStringLiteral("tester2")), idA, QStringLiteral("four eyes")));
    QVERIFY2(approved.ok(), WHY(approved));
    QCOMPARE(approved.value().summary.state, ReleaseState::Approved);
    QCOMPARE(approved.value().history.last().actor, QStringLiteral("tester2"));
    QCOMPARE(approved.value().history.last().reason, QStringLiteral("four eyes"));
    log << QStringLiteral("approved: ") + ReleaseStates::name(approved.value().summary.state);

    // 5. The rollout manager withdraws it; a test engineer may not.
    const Result<ReleaseDetail> testerWithdraws
        = wait(as(QStringLiteral("tester"))
                   ->withdraw(who(QStringLiteral("tester")), idA, QStringLiteral("no")));
    QCOMPARE(testerWithdraws.error().code, ServiceError::Code::PermissionDenied);
    const Result<ReleaseDetail> withdrawn = wait(
        as(QStringLiteral("manager"))
            ->withdraw(who(QStringLiteral("manager")), idA, QStringLiteral("field reports")));
    QVERIFY2(withdrawn.ok(), WHY(withdrawn));
    QCOMPARE(withdrawn.value().summary.state, ReleaseState::Withdrawn);
    log << QStringLiteral("withdrawn: ") + ReleaseStates::name(withdrawn.value().summary.state);

    // 6. Another release, rejected with a reason.
    const Result<ReleaseDetail> b
        = wait(as(QStringLiteral("tester"))
                   ->importBundle(who(QStringLiteral("tester")),
                                  makeBundle(side + QStringLiteral("-b"), 11)));
    QVERIFY2(b.ok(), WHY(b));
    const Result<ReleaseDetail> rejected
        = wait(as(QStringLiteral("tester2"))
                   ->reject(who(QStringLiteral("tester2")), b.value().summary.id,
                            QStringLiteral("voice call drops")));
    QVERIFY2(rejected.ok(), WHY(rejected));
    QCOMPARE(rejected.value().summary.state, ReleaseState::Rejected);
    QCOMPARE(rejected.value().history.last().reason, QStringLiteral("voice call drops"));
    const Result<ReleaseDetail> approveRejected
        = wait(as(QStringLiteral("tester2"))
                   ->approve(who(QStringLiteral("tester2")), b.value().summary.id, {}));
    QVERIFY(!approveRejected.ok());
    log << QStringLiteral("rejected: ") + ReleaseStates::name(rejected.value().summary.state)
        << QStringLiteral("approve rejected: ") + outcome(approveRejected);

    // 7. A tampered bundle is refused, with the image's check failed.
    const Result<ReleaseDetail> tampered
        = wait(as(QStringLiteral("tester"))
                   ->importBundle(who(QStringLiteral("tester")),
                                  makeBundle(side + QStringLiteral("-t"), 12, true)));
    QVERIFY2(tampered.ok(), WHY(tampered));
    QCOMPARE(tampered.value().summary.state, ReleaseState::Refused);
    QStringList failedChecks;
    for (const ReleaseCheck &check : tampered.value().checks) {
        if (!check.passed && check.blocking)
            failedChecks << check.name;
    }
    QVERIFY2(failedChecks.contains(QStringLiteral("image:modem.bin")),
             qPrintable(failedChecks.join(QLatin1Char(','))));
    log << QStringLiteral("tampered: %1 %2")
               .arg(ReleaseStates::name(tampered.value().summary.state),
                    failedChecks.join(QLatin1Char(',')));

    // 8. Not a bundle at all.
    const Result<ReleaseDetail> notBundle
        = wait(as(QStringLiteral("tester"))
                   ->importBundle(who(QStringLiteral("tester")),
                                  m_dir.filePath(QStringLiteral("bundles"))));
    QVERIFY(!notBundle.ok());
    log << QStringLiteral("not a bundle: ") + outcome(notBundle);

    // 9. Unknown release.
    const Result<ReleaseDetail> unknown
        = wait(as(QStringLiteral("tester"))->releaseDetail(who(QStringLiteral("tester")), 987654));
    log << QStringLiteral("unknown release: ") + outcome(unknown);
    QVERIFY(!unknown.ok());

    // 10. Trust store, settings, bulletins: administrators.
    const Result<QList<TrustedKey>> keys
        = wait(as(QStringLiteral("tester"))->trustedKeys(who(QStringLiteral("tester"))));
    QVERIFY2(keys.ok(), WHY(keys));
    QVERIFY(!keys.value().isEmpty());
    log << QStringLiteral("keys: %1").arg(keys.value().size());
    const PrivateKey extra = PrivateKey::generate(KeyType::Ed25519).value();
    const Result<TrustedKey> viewerAdds
        = wait(as(QStringLiteral("viewer"))
                   ->addTrustedKey(who(QStringLiteral("viewer")), keys.value().first().vendorId,
                                   keys.value().first().manufacturerId, extra.publicKey().toPem(),
                                   QStringLiteral("x")));
    QCOMPARE(viewerAdds.error().code, ServiceError::Code::PermissionDenied);
    const Result<TrustedKey> added
        = wait(as(QStringLiteral("admin"))
                   ->addTrustedKey(who(QStringLiteral("admin")), keys.value().first().vendorId,
                                   keys.value().first().manufacturerId, extra.publicKey().toPem(),
                                   QStringLiteral("spare")));
    QVERIFY2(added.ok(), WHY(added));
    QCOMPARE(added.value().label, QStringLiteral("spare"));
    QCOMPARE(added.value().addedBy, QStringLiteral("admin"));
    QCOMPARE(added.value().pem, extra.publicKey().toPem());
    const Result<TrustedKey> removed
        = wait(as(QStringLiteral("admin"))
                   ->removeTrustedKey(who(QStringLiteral("admin")), added.value().id,
                                      QStringLiteral("rotated")));
    QVERIFY2(removed.ok(), WHY(removed));
    QCOMPARE(
        wait(as(QStringLiteral("admin"))->trustedKeys(who(QStringLiteral("admin")))).value().size(),
        keys.value().size());
    log << QStringLiteral("key added and removed");

    const Result<FirmwareSettings> settings
        = wait(as(QStringLiteral("viewer"))->settings(who(QStringLiteral("viewer"))));
    QVERIFY2(settings.ok(), WHY(settings));
    QVERIFY(settings.value().fourEyes);
    const Result<FirmwareSettings> viewerSets
        = wait(as(QStringLiteral("viewer"))
                   ->setSettings(who(QStringLiteral("viewer")), FirmwareSettings{false}));
    QCOMPARE(viewerSets.error().code, ServiceError::Code::PermissionDenied);
    const Result<FirmwareSettings> set
        = wait(as(QStringLiteral("admin"))
                   ->setSettings(who(QStringLiteral("admin")), FirmwareSettings{true}));
    QVERIFY2(set.ok(), WHY(set));
    log << QStringLiteral("settings: %1").arg(set.value().fourEyes);

    const QString osv = QStringLiteral(PATCHBOARD_TESTDATA_DIR "/osv/android-kernel-sample.json");
    QFuture<Result<BulletinImportReport>> bulletinFuture
        = as(QStringLiteral("admin"))->importBulletins(who(QStringLiteral("admin")), osv);
    const Result<BulletinImportReport> bulletins = wait(bulletinFuture);
    QVERIFY2(bulletins.ok(), WHY(bulletins));
    QVERIFY(bulletins.value().records > 0);
    log << QStringLiteral("bulletins: %1 %2 %3 %4")
               .arg(bulletins.value().records)
               .arg(bulletins.value().vulnerabilities)
               .arg(bulletins.value().skipped)
               .arg(bulletins.value().problems.size());
    const QString osvFolder = QStringLiteral(PATCHBOARD_TESTDATA_DIR "/osv");
    const Result<BulletinImportReport> folder = wait(
        as(QStringLiteral("tester"))->importBulletins(who(QStringLiteral("tester")), osvFolder));
    QVERIFY2(folder.ok(), WHY(folder));
    QVERIFY(folder.value().records > bulletins.value().records);
    log << QStringLiteral("bulletin folder: %1 %2")
               .arg(folder.value().records)
               .arg(folder.value().vulnerabilities);
    const Result<BulletinImportReport> viewerBulletins
        = wait(as(QStringLiteral("viewer"))->importBulletins(who(QStringLiteral("viewer")), osv));
    QCOMPARE(viewerBulletins.error().code, ServiceError::Code::PermissionDenied);

    // The list shows what happened, newest first.
    const Result<QList<ReleaseSummary>> list
        = wait(as(QStringLiteral("viewer"))->releases(who(QStringLiteral("viewer"))));
    QVERIFY2(list.ok(), WHY(list));
    for (const ReleaseSummary &s : list.value()) {
        QString version = s.version;
        if (version.startsWith(side + QLatin1Char('-')))
            version = QStringLiteral("*") + version.mid(1);
        log << QStringLiteral("list %1 %2").arg(version, ReleaseStates::name(s.state));
    }
    // Nothing is left behind in the server's upload folder.
    if (remote) {
        const QString uploads = QDir(m_server.dataDirectory()).filePath(QStringLiteral("uploads"));
        QTRY_COMPARE(filesBelow(uploads), QStringList());
    }
}

void TestFirmwareApi::sameTranscript()
{
    QVERIFY(!m_transcripts[false].isEmpty());
    QCOMPARE(m_transcripts[true], m_transcripts[false]);
}

void TestFirmwareApi::viewerCannotApprove()
{
    const TestServer::RawReply r = m_server.request(
        "POST", QStringLiteral("/api/v1/releases/%1/approve").arg(m_template.summary.id),
        R"({"reason": "ship it"})", m_server.token(QStringLiteral("viewer")));
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QStringLiteral("permission-denied"));
    // The release did not move.
    const Result<ReleaseDetail> detail
        = wait(m_remotes.at(QStringLiteral("viewer"))->releaseDetail({}, m_template.summary.id));
    QVERIFY2(detail.ok(), WHY(detail));
    QCOMPARE(detail.value().summary.state, ReleaseState::Verified);
}

void TestFirmwareApi::malformedBodyIs400_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    const QString release = QStringLiteral("/api/v1/releases/%1").arg(m_template.summary.id);
    QTest::newRow("not json") << QByteArray("POST") << release + QStringLiteral("/approve")
                              << QByteArray("{\"reason\": ");
    QTest::newRow("array") << QByteArray("POST") << release + QStringLiteral("/reject")
                           << QByteArray("[1, 2]");
    QTest::newRow("reason a number") << QByteArray("POST") << release + QStringLiteral("/reject")
                                     << QByteArray("{\"reason\": 5}");
    QTest::newRow("unknown test case")
        << QByteArray("POST") << release + QStringLiteral("/test-results")
        << QByteArray(R"({"modelId": 1, "testCase": "teleport", "outcome": "passed"})");
    QTest::newRow("no outcome") << QByteArray("POST") << release + QStringLiteral("/test-results")
                                << QByteArray(R"({"modelId": 1, "testCase": "boot"})");
    QTest::newRow("settings") << QByteArray("PUT") << QStringLiteral("/api/v1/firmware-settings")
                              << QByteArray(R"({"fourEyes": "no"})");
    QTest::newRow("import without upload")
        << QByteArray("POST") << QStringLiteral("/api/v1/releases/import")
        << QByteArray(R"({"bundleName": "x.pbrelease"})");
}

void TestFirmwareApi::malformedBodyIs400()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const TestServer::RawReply r
        = m_server.request(method, path, body, m_server.token(QStringLiteral("admin")));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid-argument"));
    QVERIFY(!r.errorMessage().isEmpty());
}

void TestFirmwareApi::oversizedBodyIs413()
{
    const QByteArray reason(200 * 1024, 'r');
    const TestServer::RawReply r = m_server.request(
        "POST", QStringLiteral("/api/v1/releases/%1/reject").arg(m_template.summary.id),
        "{\"reason\": \"" + reason + "\"}", m_server.token(QStringLiteral("tester")));
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), QStringLiteral("too-large"));
}

// The upload limit is the server's (512 MiB by default); the routes on a small ApiServer with a
// 4 KiB limit show that a file over it is refused and not stored.
void TestFirmwareApi::oversizedUploadIs413()
{
    QTemporaryDir uploads;
    LocalFirmwareBackend unused; // never called: the limit is checked before the handler
    FixedOperator auth;
    ApiServer api;
    api.setAuthenticator(&auth);
    api.setAccessLog(false);
    addFirmwareRoutes(api, unused, uploads.path(), 4096);
    auto *tcp = new QTcpServer(&api);
    QVERIFY(tcp->listen(QHostAddress::LocalHost, 0));
    api.bind(tcp);

    QNetworkAccessManager network;
    auto put = [&](const QByteArray &data) -> int {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/uploads/"
                                                    "abcdef012345/manifest.suit")
                                         .arg(tcp->serverPort())));
        request.setRawHeader("Authorization", "Bearer tester-token");
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/octet-stream"));
        QNetworkReply *reply = network.put(request, data);
        QDeadlineTimer deadline(10000);
        while (!reply->isFinished() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    };
    QCOMPARE(put(QByteArray(4097, 'x')), 413);
    QCOMPARE(filesBelow(uploads.path()), QStringList());
    QCOMPARE(put(QByteArray(4096, 'x')), 201);
    QCOMPARE(filesBelow(uploads.path()).size(), 2); // the file and the upload's owner
}

void TestFirmwareApi::traversalIsRefused_data()
{
    QTest::addColumn<QString>("path");
    const QString base = QStringLiteral("/api/v1/uploads/abcdef012345/");
    QTest::newRow("../x") << base + QStringLiteral("../x");
    QTest::newRow("a/b") << base + QStringLiteral("a/b");
    QTest::newRow("%2e%2e%2fx") << base + QStringLiteral("%2e%2e%2fx");
    QTest::newRow("%2e%2e") << base + QStringLiteral("%2e%2e");
    QTest::newRow("images/../../x") << base + QStringLiteral("images/%2e%2e/%2e%2e/x");
    QTest::newRow("backslash") << base + QStringLiteral("..%5cx");
    QTest::newRow("hidden") << base + QStringLiteral(".owner");
    QTest::newRow("nul") << base + QStringLiteral("x%00y");
    QTest::newRow("long") << base + QString(201, QLatin1Char('n'));
    QTest::newRow("bad upload id") << QStringLiteral("/api/v1/uploads/%2e%2e/x");
    QTest::newRow("short upload id") << QStringLiteral("/api/v1/uploads/abc/x");
}

void TestFirmwareApi::traversalIsRefused()
{
    QFETCH(QString, path);
    const QString data = m_server.dataDirectory();
    const QStringList before = filesBelow(QFileInfo(data).absolutePath());
    // QNetworkAccessManager removes dot segments and decodes "%2e" before sending; an attacker's
    // client does not. So the request line goes out byte for byte, over TLS to the real server.
    QSslSocket socket;
    const QByteArray pin = m_server.fingerprint();
    connect(&socket, &QSslSocket::sslErrors, &socket,
            [&socket, pin](const QList<QSslError> &errors) {
                if (socket.peerCertificate().digest(QCryptographicHash::Sha256) == pin)
                    socket.ignoreSslErrors(errors);
            });
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_server.port());
    QTRY_VERIFY_WITH_TIMEOUT(socket.isEncrypted(), 10000);
    socket.write("PUT " + path.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                 + m_server.token(QStringLiteral("tester"))
                 + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 4\r\n"
                   "Connection: close\r\n\r\nevil");
    QByteArray answer;
    QDeadlineTimer deadline(10000);
    while (!answer.contains("\r\n\r\n{") && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        answer += socket.readAll();
    }
    QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.left(200).constData());
    QVERIFY2(answer.contains("invalid-argument"), answer.constData());
    // Nothing was written anywhere near the server's folders (the database's WAL aside).
    QStringList after = filesBelow(QFileInfo(data).absolutePath());
    after.removeIf([](const QString &f) {
        return f.endsWith(QStringLiteral("-wal")) || f.endsWith(QStringLiteral("-shm"));
    });
    QStringList expected = before;
    expected.removeIf([](const QString &f) {
        return f.endsWith(QStringLiteral("-wal")) || f.endsWith(QStringLiteral("-shm"));
    });
    QCOMPARE(after, expected);
}

void TestFirmwareApi::uploadsArePrivateAndRoleChecked()
{
    const QString file = QStringLiteral("/api/v1/uploads/private-upload-1/notes.json");
    const QList<QPair<QByteArray, QByteArray>> octets
        = {{"Content-Type", "application/octet-stream"}};
    // A viewer may not put files on the server.
    TestServer::RawReply r
        = m_server.request("PUT", file, "{}", m_server.token(QStringLiteral("viewer")), octets);
    QCOMPARE(r.status, 403);
    r = m_server.request("PUT", file, "{}", m_server.token(QStringLiteral("tester")), octets);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().value(QStringLiteral("size")).toInt(), 2);
    // Another test engineer can neither add to it nor import it.
    r = m_server.request("PUT", QStringLiteral("/api/v1/uploads/private-upload-1/manifest.suit"),
                         "x", m_server.token(QStringLiteral("tester2")), octets);
    QCOMPARE(r.status, 403);
    r = m_server.request("POST", QStringLiteral("/api/v1/releases/import"),
                         R"({"upload": "private-upload-1", "bundleName": "x.pbrelease"})",
                         m_server.token(QStringLiteral("tester2")));
    QCOMPARE(r.status, 403);
    // Its owner imports it: not a bundle (no manifest), and the upload is gone afterwards.
    r = m_server.request("POST", QStringLiteral("/api/v1/releases/import"),
                         R"({"upload": "private-upload-1", "bundleName": "x.pbrelease"})",
                         m_server.token(QStringLiteral("tester")));
    QCOMPARE(r.status, 400);
    const QString uploads = QDir(m_server.dataDirectory()).filePath(QStringLiteral("uploads"));
    QTRY_COMPARE(filesBelow(uploads), QStringList());
    r = m_server.request("POST", QStringLiteral("/api/v1/releases/import"),
                         R"({"upload": "private-upload-1", "bundleName": "x.pbrelease"})",
                         m_server.token(QStringLiteral("tester")));
    QCOMPARE(r.status, 404);
}

// Two consoles on one server: what one records, the other's backend announces.
void TestFirmwareApi::changeReachesAnotherConsole()
{
    RemoteFirmwareBackend *other = m_remotes.at(QStringLiteral("viewer")).get();
    QSignalSpy changed(other, &FirmwareBackend::releasesChanged);
    const Result<ReleaseDetail> r
        = wait(m_remotes.at(QStringLiteral("tester"))
                   ->recordTestResult({}, m_template.summary.id,
                                      m_template.testPlan.cases.value(0).modelId, TestCaseKind::Sms,
                                      TestOutcome::Passed, {}));
    QVERIFY2(r.ok(), WHY(r));
    QTRY_VERIFY_WITH_TIMEOUT(changed.size() > 0, 10000);
    const Result<ReleaseDetail> seen = wait(other->releaseDetail({}, m_template.summary.id));
    QVERIFY2(seen.ok(), WHY(seen));
    QCOMPARE(seen.value().summary.state, ReleaseState::InTesting);
}

QTEST_GUILESS_MAIN(TestFirmwareApi)
#include "tst_firmwareapi.moc"
