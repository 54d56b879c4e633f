// SPDX-License-Identifier: Apache-2.0
// Release notes (docs/release-notes.schema.json): good notes parse, each kind of malformed notes
// is refused naming the member, and the security-only rule (SSU-SEC-0010) lists what breaks it.
#include "domain/releasenotes.h"
#include "domain/releaserules.h"
#include "tst_releasekit.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Patchboard;

namespace {

QJsonObject goodObject()
{
    return QJsonDocument::fromJson(ReleaseKit::cleanNotes()).object();
}

QByteArray with(const QString &key, const QJsonValue &value)
{
    QJsonObject object = goodObject();
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return QJsonDocument(object).toJson();
}

QByteArray withChange(const QJsonObject &change)
{
    return with(QStringLiteral("changes"), QJsonArray{change});
}

} // namespace

class TestReleaseNotes : public QObject
{
    Q_OBJECT

private slots:
    void goodNotesParse();
    void schemaExampleParses();
    void malformedNotesAreRefused_data();
    void malformedNotesAreRefused();
    void securityOnly_data();
    void securityOnly();
};

void TestReleaseNotes::goodNotesParse()
{
    const QByteArray json = ReleaseKit::notes(
        QStringLiteral("4.1.0+b7"), QStringLiteral("security"), QStringLiteral("2022-06-05"),
        {QStringLiteral("Acme One"), QStringLiteral("Acme Two")},
        {ReleaseKit::securityFix(QStringLiteral("CVE-2018-25020"), QStringLiteral("moderate")),
         ReleaseKit::change(QStringLiteral("security"), QStringLiteral("Two kernel fixes"),
                            {QStringLiteral("CVE-2017-18509"), QStringLiteral("CVE-2018-25020")},
                            QStringLiteral("critical"))});
    const Result<ReleaseNotes> notes = ReleaseNotes::parse(json);
    QVERIFY2(notes.ok(), qPrintable(notes.error().text()));
    QCOMPARE(notes.value().version, QStringLiteral("4.1.0+b7"));
    QCOMPARE(notes.value().type, ReleaseType::Security);
    QCOMPARE(notes.value().patchLevel.toString(), QStringLiteral("2022-06-05"));
    QCOMPARE(notes.value().targetModels,
             QStringList({QStringLiteral("Acme One"), QStringLiteral("Acme Two")}));
    QCOMPARE(notes.value().changes.size(), 2);
    QCOMPARE(notes.value().changes[1].severity, VulnerabilitySeverity::Critical);
    QCOMPARE(notes.value().cves(),
             QStringList({QStringLiteral("CVE-2018-25020"), QStringLiteral("CVE-2017-18509")}));
    QCOMPARE(notes.value().endUserNotice, QStringLiteral("This is a security update."));

    // The canonical form parses back to the same notes.
    const Result<ReleaseNotes> again = ReleaseNotes::parse(notes.value().toJson());
    QVERIFY2(again.ok(), qPrintable(again.error().text()));
    QCOMPARE(again.value().toJson(), notes.value().toJson());
}

void TestReleaseNotes::schemaExampleParses()
{
    // The example in docs/release-format.md must stay valid.
    QFile doc(QStringLiteral(PATCHBOARD_SOURCE_DIR "/docs/release-format.md"));
    QVERIFY(doc.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(doc.readAll());
    const qsizetype start = text.indexOf(QStringLiteral("```json\n"));
    QVERIFY(start >= 0);
    const qsizetype end = text.indexOf(QStringLiteral("```"), start + 8);
    const Result<ReleaseNotes> notes
        = ReleaseNotes::parse(text.mid(start + 8, end - start - 8).toUtf8());
    QVERIFY2(notes.ok(), qPrintable(notes.error().text()));
}

void TestReleaseNotes::malformedNotesAreRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // in the message

    QTest::newRow("not json") << QByteArray("{\"format\": 1,\n \"version\": }")
                              << QStringLiteral("line 2");
    QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("JSON object");
    QTest::newRow("too large") << QByteArray(ReleaseNotes::MaxBytes + 1, ' ')
                               << QStringLiteral("bytes");
    QTest::newRow("format missing")
        << with(QStringLiteral("format"), QJsonValue(QJsonValue::Undefined))
        << QStringLiteral("format");
    QTest::newRow("format 2") << with(QStringLiteral("format"), 2) << QStringLiteral("format");
    QTest::newRow("version missing")
        << with(QStringLiteral("version"), QJsonValue(QJsonValue::Undefined))
        << QStringLiteral("version: is missing");
    QTest::newRow("version a number")
        << with(QStringLiteral("version"), 4) << QStringLiteral("version: must be a string");
    QTest::newRow("version with a slash")
        << with(QStringLiteral("version"), QStringLiteral("../4")) << QStringLiteral("version");
    QTest::newRow("unknown type") << with(QStringLiteral("release_type"), QStringLiteral("hotfix"))
                                  << QStringLiteral("release_type");
    QTest::newRow("patch level not a date")
        << with(QStringLiteral("security_patch_level"), QStringLiteral("2022-13-05"))
        << QStringLiteral("security_patch_level");
    QTest::newRow("patch level short")
        << with(QStringLiteral("security_patch_level"), QStringLiteral("2022-6-5"))
        << QStringLiteral("security_patch_level");
    QTest::newRow("no targets") << with(QStringLiteral("target_models"), QJsonArray())
                                << QStringLiteral("target_models");
    QTest::newRow("target twice") << with(QStringLiteral("target_models"),
                                          QJsonArray{QStringLiteral("A"), QStringLiteral("A")})
                                  << QStringLiteral("target_models[1]");
    QTest::newRow("no changes") << with(QStringLiteral("changes"), QJsonArray())
                                << QStringLiteral("changes");
    QTest::newRow("change not an object")
        << with(QStringLiteral("changes"), QJsonArray{1}) << QStringLiteral("changes[0]");
    QTest::newRow("bad cve") << withChange(ReleaseKit::securityFix(QStringLiteral("CVE-22-1")))
                             << QStringLiteral("changes[0].cves[0]");
    QTest::newRow("cve twice") << withChange(ReleaseKit::change(
        QStringLiteral("security"), QStringLiteral("x"),
        {QStringLiteral("CVE-2022-1234"), QStringLiteral("CVE-2022-1234")}, QStringLiteral("low")))
                               << QStringLiteral("cves[1]");
    QTest::newRow("unknown kind") << withChange(
        ReleaseKit::change(QStringLiteral("cosmetic"), QStringLiteral("x"), {}, {}))
                                  << QStringLiteral("changes[0].kind");
    QTest::newRow("unknown severity") << withChange(ReleaseKit::change(
        QStringLiteral("security"), QStringLiteral("x"), {QStringLiteral("CVE-2022-1234")},
        QStringLiteral("severe"))) << QStringLiteral("changes[0].severity");
    QTest::newRow("security without severity") << withChange(ReleaseKit::change(
        QStringLiteral("security"), QStringLiteral("x"), {QStringLiteral("CVE-2022-1234")}, {}))
                                               << QStringLiteral("needs a severity");
    QTest::newRow("empty description")
        << withChange(ReleaseKit::change(QStringLiteral("bugfix"), QStringLiteral(" "), {}, {}))
        << QStringLiteral("description");
    QJsonObject unknownInChange = ReleaseKit::securityFix(QStringLiteral("CVE-2022-1234"));
    unknownInChange.insert(QStringLiteral("cvss"), 9.8);
    QTest::newRow("unknown member in change")
        << withChange(unknownInChange) << QStringLiteral("changes[0].cvss");
    QTest::newRow("unknown member") << with(QStringLiteral("vendor_comment"), QStringLiteral("x"))
                                    << QStringLiteral("vendor_comment");
    QTest::newRow("no end-user notice")
        << with(QStringLiteral("end_user_notice"), QJsonValue(QJsonValue::Undefined))
        << QStringLiteral("end_user_notice");
}

void TestReleaseNotes::malformedNotesAreRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const Result<ReleaseNotes> notes = ReleaseNotes::parse(json);
    QVERIFY(!notes.ok());
    QCOMPARE(notes.error().code, ServiceError::Code::InvalidArgument);
    QVERIFY2(notes.error().message.contains(expected), qPrintable(notes.error().message));
}

void TestReleaseNotes::securityOnly_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QList<QJsonObject>>("changes");
    QTest::addColumn<bool>("passes");
    QTest::addColumn<QList<int>>("offending");

    const QJsonObject fix = ReleaseKit::securityFix(QStringLiteral("CVE-2022-1234"));
    const QJsonObject noCve = ReleaseKit::change(
        QStringLiteral("security"), QStringLiteral("Harden the parser"), {}, QStringLiteral("low"));
    const QJsonObject bugfix
        = ReleaseKit::change(QStringLiteral("bugfix"), QStringLiteral("Battery drain"), {}, {});
    const QJsonObject feature
        = ReleaseKit::change(QStringLiteral("feature"), QStringLiteral("Dark mode"), {}, {});
    const QJsonObject maintenance
        = ReleaseKit::change(QStringLiteral("maintenance"), QStringLiteral("New APN list"), {}, {});
    QTest::newRow("only CVE fixes")
        << QStringLiteral("security") << QList<QJsonObject>{fix, fix} << true << QList<int>{};
    QTest::newRow("security change without CVE")
        << QStringLiteral("security") << QList<QJsonObject>{fix, noCve} << false << QList<int>{1};
    QTest::newRow("bug fix") << QStringLiteral("security") << QList<QJsonObject>{bugfix, fix}
                             << false << QList<int>{0};
    QTest::newRow("feature and maintenance")
        << QStringLiteral("security") << QList<QJsonObject>{feature, fix, maintenance} << false
        << QList<int>{0, 2};
    QTest::newRow("feature release is not held to it")
        << QStringLiteral("feature") << QList<QJsonObject>{feature, bugfix} << true << QList<int>{};
}

void TestReleaseNotes::securityOnly()
{
    QFETCH(QString, type);
    QFETCH(QList<QJsonObject>, changes);
    QFETCH(bool, passes);
    QFETCH(QList<int>, offending);
    const Result<ReleaseNotes> notes = ReleaseNotes::parse(
        ReleaseKit::notes(QStringLiteral("1"), type, QStringLiteral("2022-06-05"),
                          {QStringLiteral("Acme One")}, changes));
    QVERIFY2(notes.ok(), qPrintable(notes.error().text()));
    const ReleaseRules::SecurityOnly result = ReleaseRules::securityOnly(notes.value());
    QCOMPARE(result.check.passed, passes);
    QCOMPARE(result.check.blocking, true);
    QCOMPARE(result.offending, offending);
    for (int index : offending)
        QVERIFY2(result.check.reason.contains(QStringLiteral("change %1").arg(index + 1)),
                 qPrintable(result.check.reason));
    if (!passes)
        QVERIFY(result.check.reason.contains(QStringLiteral("SSU-SEC-0010")));
}

QTEST_GUILESS_MAIN(TestReleaseNotes)
#include "tst_releasenotes.moc"
