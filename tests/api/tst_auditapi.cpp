// SPDX-License-Identifier: Apache-2.0
// The audit log over the network (issue #6): the codecs round-trip exactly, and the same checks
// run against LocalAuditBackend and RemoteAuditBackend (a real patchboard-server on the same
// database): filters, paging, verification (also of a tampered log) and the CSV export, byte for
// byte. The server refuses requests without a token and malformed parameters with a message.

#include "api/auditjson.h"
#include "audit/localauditbackend.h"
#include "audit/remoteauditbackend.h"
#include "storage/database.h"
#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>

namespace Patchboard {
enum class Backend { Local, Remote };
} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::Backend)
Q_DECLARE_METATYPE(Patchboard::AuditQuery)
Q_DECLARE_METATYPE(std::function<bool(const Patchboard::AuditEntry &)>)

namespace Patchboard {

namespace {

using Predicate = std::function<bool(const AuditEntry &)>;

constexpr int Entries = 1200; // more than one request's worth (Json::MaxAuditEntriesPerRequest)

QDateTime start()
{
    return QDateTime(QDate(2025, 1, 6), QTime(9, 0), Qt::UTC);
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

void compareEntry(const AuditEntry &a, const AuditEntry &b)
{
    QCOMPARE(a.sequence, b.sequence);
    QCOMPARE(a.time, b.time);
    QCOMPARE(a.actor, b.actor);
    QCOMPARE(a.role, b.role);
    QCOMPARE(a.action, b.action);
    QCOMPARE(a.subject, b.subject);
    QCOMPARE(a.details, b.details);
    QCOMPARE(a.previousHash, b.previousHash);
    QCOMPARE(a.hash, b.hash);
}

QList<qint64> sequences(const QList<AuditEntry> &entries)
{
    QList<qint64> list;
    for (const AuditEntry &e : entries)
        list << e.sequence;
    return list;
}

QString actorOf(int i)
{
    static const char *const actors[] = {"alice", "bob", "carol"};
    return QLatin1String(actors[i % 3]);
}

QString actionOf(int i)
{
    static const char *const actions[]
        = {"release.approve", "release.reject", "rollout.pause", "trust.key.add", "release.test"};
    return QLatin1String(actions[i % 5]);
}

} // namespace

class tst_AuditApi : public QObject
{
    Q_OBJECT

private:
    AuditBackend *backend(Backend which)
    {
        return which == Backend::Local ? static_cast<AuditBackend *>(m_local.get())
                                       : static_cast<AuditBackend *>(m_remote.get());
    }
    void backends();

    QTemporaryDir m_dir;
    QString m_path;
    TestServer m_server;
    std::unique_ptr<LocalAuditBackend> m_local;
    std::unique_ptr<RemoteAuditBackend> m_remote;
    QList<AuditEntry> m_all; // newest first, by Local

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void entryRoundTrip();
    void verificationRoundTrip();
    void queryRoundTrip_data();
    void queryRoundTrip();

    void filters_data();
    void filters();
    void paging_data();
    void paging();
    void verify_data();
    void verify();
    void exportCsv_data();
    void exportCsv();

    void noTokenIsUnauthenticated_data();
    void noTokenIsUnauthenticated();
    void badParameter_data();
    void badParameter();

    // Last: it damages the log.
    void tamperingIsReportedByBoth();
};

void tst_AuditApi::backends()
{
    QTest::addColumn<Backend>("which");
    QTest::newRow("local") << Backend::Local;
    QTest::newRow("remote") << Backend::Remote;
}

void tst_AuditApi::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("fleet.db"));
    {
        Result<Database> db = Database::open(m_path);
        QVERIFY2(db.ok(), qPrintable(db.error().text()));
        QSqlQuery(db.value().connection()).exec(QStringLiteral("PRAGMA synchronous = OFF"));
        AuditLog log(db.value());
        for (int i = 0; i < Entries; ++i) {
            const QJsonObject details{
                {QStringLiteral("reason"),
                 QStringLiteral("case %1: 5 & 6 + \u00fcber, \"quoted\"").arg(i)},
                {QStringLiteral("values"), QJsonArray{i, i * 2}},
            };
            const auto entry = log.append(actorOf(i), QStringLiteral("test-engineer"), actionOf(i),
                                          QStringLiteral("release-%1").arg(i % 40), details,
                                          start().addSecs(3600 * i));
            QVERIFY(entry.ok());
        }
    }
    TestServer::Options options;
    options.databasePath = m_path;
    options.demoDevices = 0;
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorText()));
    ApiClient *client = m_server.client(QStringLiteral("viewer")); // every role reads the log
    QVERIFY2(client, qPrintable(m_server.errorText()));
    m_remote = std::make_unique<RemoteAuditBackend>(client);
    m_local = std::make_unique<LocalAuditBackend>();
    // The server's database: the same file, or on PostgreSQL the schema the server works on.
    const auto opened = await(m_local->open(m_server.databasePath()));
    QVERIFY2(opened.ok(), qPrintable(opened.error().text()));
    QVERIFY(opened.value().intact);
    const auto all = await(m_local->entries({}, 0, 100000));
    QVERIFY(all.ok());
    m_all = all.value();
    QVERIFY(m_all.size() >= Entries);
}

void tst_AuditApi::cleanupTestCase()
{
    m_remote.reset();
    m_local.reset();
}

void tst_AuditApi::entryRoundTrip()
{
    const QList<AuditEntry> some = m_all.mid(0, 30);
    const auto read = Json::readAuditEntries(QJsonDocument(Json::toJson(some)).object());
    QVERIFY2(read.ok(), qPrintable(read.error().text()));
    QCOMPARE(read.value().size(), some.size());
    for (qsizetype i = 0; i < some.size() && !QTest::currentTestFailed(); ++i)
        compareEntry(read.value()[i], some[i]);
    // The first entry chains to 32 zero bytes: still 32 bytes after the trip.
    const auto first = Json::readAuditEntries(Json::toJson(QList<AuditEntry>{m_all.last()}));
    QVERIFY(first.ok());
    QCOMPARE(first.value().first().previousHash, QByteArray(32, '\0'));
    // A damaged hash is named.
    QJsonObject bad = Json::toJson(m_all.first());
    bad.insert(QStringLiteral("hash"), QStringLiteral("xyz"));
    const auto refused
        = Json::readAuditEntries(QJsonObject{{QStringLiteral("entries"), QJsonArray{bad}}});
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.contains(QLatin1String("entries[0].hash")),
             qPrintable(refused.error().message));
}

void tst_AuditApi::verificationRoundTrip()
{
    AuditVerification broken;
    broken.intact = false;
    broken.entries = 812;
    broken.firstBadSequence = 17;
    broken.problem = QStringLiteral("Entry 17 was changed.");
    const auto read = Json::readAuditVerification(Json::toJson(broken));
    QVERIFY2(read.ok(), qPrintable(read.error().text()));
    QCOMPARE(read.value().intact, false);
    QCOMPARE(read.value().entries, qint64(812));
    QCOMPARE(read.value().firstBadSequence, qint64(17));
    QCOMPARE(read.value().problem, broken.problem);
}

void tst_AuditApi::queryRoundTrip_data()
{
    QTest::addColumn<AuditQuery>("query");
    QTest::newRow("empty") << AuditQuery();
    AuditQuery all;
    all.actor = QStringLiteral("J\u00fcrgen O'Neil");
    all.actionPrefix = QStringLiteral("release.");
    all.text = QStringLiteral("5 & 6 + x=%20#?");
    all.from = start();
    all.to = start().addDays(3).addMSecs(250);
    QTest::newRow("every field") << all;
}

void tst_AuditApi::queryRoundTrip()
{
    QFETCH(AuditQuery, query);
    const auto json = Json::readAuditQuery(QJsonValue(Json::toJson(query)));
    QVERIFY2(json.ok(), qPrintable(json.error().text()));
    QCOMPARE(json.value().actor, query.actor);
    QCOMPARE(json.value().actionPrefix, query.actionPrefix);
    QCOMPARE(json.value().text, query.text);
    QCOMPARE(json.value().from, query.from);
    QCOMPARE(json.value().to, query.to);

    QUrl url(QStringLiteral("https://127.0.0.1/api/v1/audit"));
    url.setQuery(Json::toQuery(query));
    const QUrl received(url.toString(QUrl::FullyEncoded), QUrl::StrictMode);
    QueryReader r{QUrlQuery(received)};
    const AuditQuery back = Json::readAuditQuery(r);
    r.refuseUnknown();
    QVERIFY2(r.ok(), qPrintable(r.error().text()));
    QCOMPARE(back.actor, query.actor);
    QCOMPARE(back.actionPrefix, query.actionPrefix);
    QCOMPARE(back.text, query.text);
    QCOMPARE(back.from, query.from);
    QCOMPARE(back.to, query.to);
}

void tst_AuditApi::filters_data()
{
    QTest::addColumn<Backend>("which");
    QTest::addColumn<AuditQuery>("query");
    QTest::addColumn<Predicate>("matches");
    struct Case
    {
        const char *name;
        AuditQuery query;
        Predicate matches;
    };
    QList<Case> cases;
    {
        AuditQuery q;
        q.actor = QStringLiteral("bob");
        cases.append({"actor", q, [](const AuditEntry &e) {
                          return e.actor == QLatin1String("bob");
                      }});
    }
    {
        AuditQuery q;
        q.actionPrefix = QStringLiteral("release.");
        cases.append({"action prefix", q, [](const AuditEntry &e) {
                          return e.action.startsWith(QLatin1String("release."));
                      }});
    }
    {
        // Literal text with characters a URL and SQL LIKE would both misread.
        AuditQuery q;
        q.text = QStringLiteral("case 7: 5 & 6 + ");
        cases.append({"text", q, [](const AuditEntry &e) {
                          return e.details.value(QStringLiteral("reason"))
                              .toString()
                              .contains(QLatin1String("case 7: 5 & 6 + "));
                      }});
    }
    {
        AuditQuery q;
        q.from = start().addSecs(3600 * 100);
        q.to = start().addSecs(3600 * 300);
        const QDateTime from = q.from, to = q.to;
        cases.append({"time range", q, [from, to](const AuditEntry &e) {
                          return e.time >= from && e.time <= to;
                      }});
    }
    {
        AuditQuery q;
        q.actor = QStringLiteral("carol");
        q.actionPrefix = QStringLiteral("trust.");
        cases.append({"actor and action", q, [](const AuditEntry &e) {
                          return e.actor == QLatin1String("carol")
                              && e.action.startsWith(QLatin1String("trust."));
                      }});
    }
    {
        AuditQuery q;
        q.actor = QStringLiteral("mallory");
        cases.append({"nobody", q, [](const AuditEntry &) {
                          return false;
                      }});
    }
    for (const Case &c : std::as_const(cases)) {
        QTest::addRow("%s, local", c.name) << Backend::Local << c.query << c.matches;
        QTest::addRow("%s, remote", c.name) << Backend::Remote << c.query << c.matches;
    }
}

void tst_AuditApi::filters()
{
    QFETCH(Backend, which);
    QFETCH(AuditQuery, query);
    QFETCH(Predicate, matches);
    QList<AuditEntry> want;
    std::copy_if(m_all.cbegin(), m_all.cend(), std::back_inserter(want), matches);
    const auto got = await(backend(which)->entries(query, 0, 5000));
    QVERIFY2(got.ok(), qPrintable(got.error().text()));
    QCOMPARE(sequences(got.value()), sequences(want));
    for (qsizetype i = 0; i < want.size() && !QTest::currentTestFailed(); ++i)
        compareEntry(got.value()[i], want[i]);
}

void tst_AuditApi::paging_data()
{
    QTest::addColumn<Backend>("which");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("limit");
    const struct
    {
        const char *name;
        int offset, limit;
    } windows[] = {
        {"first page", 0, 100},
        {"inside", 333, 17},
        {"past the end", 100000, 10},
        {"bigger than one request", 50, 1100},
    };
    for (const auto &w : windows) {
        QTest::addRow("%s, local", w.name) << Backend::Local << w.offset << w.limit;
        QTest::addRow("%s, remote", w.name) << Backend::Remote << w.offset << w.limit;
    }
}

void tst_AuditApi::paging()
{
    QFETCH(Backend, which);
    QFETCH(int, offset);
    QFETCH(int, limit);
    const auto got = await(backend(which)->entries({}, offset, limit));
    QVERIFY2(got.ok(), qPrintable(got.error().text()));
    QCOMPARE(sequences(got.value()), sequences(m_all.mid(offset, limit)));
    // Newest first.
    for (qsizetype i = 1; i < got.value().size(); ++i)
        QVERIFY(got.value()[i - 1].sequence > got.value()[i].sequence);
}

void tst_AuditApi::verify_data()
{
    backends();
}

void tst_AuditApi::verify()
{
    QFETCH(Backend, which);
    const auto v = await(backend(which)->verify());
    QVERIFY2(v.ok(), qPrintable(v.error().text()));
    QVERIFY2(v.value().intact, qPrintable(v.value().problem));
    QCOMPARE(v.value().entries, qint64(m_all.size()));
}

void tst_AuditApi::exportCsv_data()
{
    backends();
}

void tst_AuditApi::exportCsv()
{
    QFETCH(Backend, which);
    AuditQuery query;
    query.actionPrefix = QStringLiteral("release.");
    const int matching = int(std::count_if(m_all.cbegin(), m_all.cend(), [](const AuditEntry &e) {
        return e.action.startsWith(QLatin1String("release."));
    }));
    const QString reference = m_dir.filePath(QStringLiteral("reference.csv"));
    const auto written = await(m_local->exportCsv(query, reference));
    QVERIFY2(written.ok(), qPrintable(written.error().text()));
    QCOMPARE(written.value(), matching);

    const QString path = m_dir.filePath(QStringLiteral("audit-%1.csv").arg(int(which)));
    QFile::remove(path);
    const auto exported = await(backend(which)->exportCsv(query, path));
    QVERIFY2(exported.ok(), qPrintable(exported.error().text()));
    QCOMPARE(exported.value(), matching);
    QFile a(path), b(reference);
    QVERIFY(a.open(QIODevice::ReadOnly));
    QVERIFY(b.open(QIODevice::ReadOnly));
    const QByteArray got = a.readAll();
    const QByteArray header = AuditBackend::csvHeader().join(QLatin1Char(',')).toUtf8() + "\r\n";
    QVERIFY(got.startsWith(header));
    QVERIFY2(got == b.readAll(), "the export differs from the Local backend's, byte for byte");
}

void tst_AuditApi::noTokenIsUnauthenticated_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("entries") << QStringLiteral("/api/v1/audit");
    QTest::newRow("verify") << QStringLiteral("/api/v1/audit/verify");
    QTest::newRow("export") << QStringLiteral("/api/v1/audit/export.csv");
}

void tst_AuditApi::noTokenIsUnauthenticated()
{
    QFETCH(QString, path);
    const TestServer::RawReply reply = m_server.request("GET", path);
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.errorCode(), QStringLiteral("unauthenticated"));
    QVERIFY(!reply.body.contains("alice"));
}

void tst_AuditApi::badParameter_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("named");
    QTest::newRow("not a time") << QStringLiteral("/api/v1/audit?from=last-tuesday")
                                << QStringLiteral("from");
    QTest::newRow("limit over the cap")
        << QStringLiteral("/api/v1/audit?limit=5000") << QStringLiteral("limit");
    QTest::newRow("negative offset")
        << QStringLiteral("/api/v1/audit?offset=-3") << QStringLiteral("offset");
    QTest::newRow("misspelt") << QStringLiteral("/api/v1/audit?actr=alice")
                              << QStringLiteral("actr");
    QTest::newRow("verify takes none")
        << QStringLiteral("/api/v1/audit/verify?quick=1") << QStringLiteral("quick");
    QTest::newRow("export") << QStringLiteral("/api/v1/audit/export.csv?to=never")
                            << QStringLiteral("to");
}

void tst_AuditApi::badParameter()
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

void tst_AuditApi::tamperingIsReportedByBoth()
{
    // Someone with access to the server's database file rewrites an entry.
    {
        Result<Database> db = Database::open(m_server.databasePath());
        QVERIFY(db.ok());
        QSqlQuery query(db.value().connection());
        QVERIFY(query.exec(db.value().dialect().isSQLite()
                               ? QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_update")
                               : QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_update ON "
                                                "audit_log")));
        QVERIFY(query.exec(
            QStringLiteral("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 42")));
    }
    const auto local = await(m_local->verify());
    const auto remote = await(m_remote->verify());
    QVERIFY(local.ok());
    QVERIFY2(remote.ok(), qPrintable(remote.error().text()));
    QVERIFY(!local.value().intact);
    QVERIFY(!remote.value().intact);
    QCOMPARE(remote.value().firstBadSequence, qint64(42));
    QCOMPARE(remote.value().firstBadSequence, local.value().firstBadSequence);
    QCOMPARE(remote.value().problem, local.value().problem);
    QVERIFY(!remote.value().problem.isEmpty());
}

} // namespace Patchboard

QTEST_GUILESS_MAIN(Patchboard::tst_AuditApi)
#include "tst_auditapi.moc"
