// SPDX-License-Identifier: Apache-2.0
// Android security bulletin data in OSV format: the published samples map each CVE to the patch
// level that fixes it, from a file, a folder or a ZIP export, and the cross-check finds the CVEs a
// release's notes leave out.
#include "domain/releaserules.h"
#include "firmware/osvimporter.h"
#include "firmware/zipreader.h"
#include "tst_releasekit.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <zlib.h>

using namespace Patchboard;

namespace {

const QString osvDir = QStringLiteral(PATCHBOARD_TESTDATA_DIR "/osv");

QByteArray le16(quint16 v)
{
    QByteArray b(2, '\0');
    qToLittleEndian(v, b.data());
    return b;
}

QByteArray le32(quint32 v)
{
    QByteArray b(4, '\0');
    qToLittleEndian(v, b.data());
    return b;
}

struct ZipEntry
{
    QString name;
    QByteArray data;
    bool deflate = false;
    qint32 lieAboutSize = 0; // added to the declared size
    bool badCrc = false;
};

// A minimal ZIP writer: stored or deflated (raw deflate taken from qCompress's zlib stream).
QByteArray makeZip(const QList<ZipEntry> &entries)
{
    QByteArray body;
    QByteArray directory;
    for (const ZipEntry &e : entries) {
        QByteArray payload = e.data;
        if (e.deflate)
            payload = qCompress(e.data).mid(4 + 2).chopped(4); // length, zlib header, Adler-32
        quint32 crc = quint32(
            crc32(0, reinterpret_cast<const Bytef *>(e.data.constData()), uInt(e.data.size())));
        if (e.badCrc)
            crc ^= 1;
        const QByteArray name = e.name.toUtf8();
        const quint32 size = quint32(e.data.size() + e.lieAboutSize);
        const quint32 offset = quint32(body.size());
        const QByteArray common = le16(20) + le16(0) + le16(e.deflate ? 8 : 0) + le16(0) + le16(0)
            + le32(crc) + le32(quint32(payload.size())) + le32(size) + le16(quint16(name.size()))
            + le16(0);
        body += le32(0x04034b50) + common + name + payload;
        directory += le32(0x02014b50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0)
            + le32(offset) + name;
    }
    const QByteArray end = le32(0x06054b50) + le16(0) + le16(0) + le16(quint16(entries.size()))
        + le16(quint16(entries.size())) + le32(quint32(directory.size()))
        + le32(quint32(body.size())) + le16(0);
    return body + directory + end;
}

QString levelOf(const QList<KnownVulnerability> &list, const QString &cve)
{
    for (const KnownVulnerability &v : list) {
        if (v.cve == cve)
            return v.patchLevel.toString();
    }
    return {};
}

} // namespace

class TestOsv : public QObject
{
    Q_OBJECT

private slots:
    void samplesMapCvesToPatchLevels();
    void singleFileAndFolderAgree();
    void zipExport();
    void damagedZipsAreRefused();
    void crossCheckWithSamples();
};

void TestOsv::samplesMapCvesToPatchLevels()
{
    const Result<OsvImporter::Import> imported = OsvImporter::importPath(osvDir);
    QVERIFY2(imported.ok(), qPrintable(imported.error().text()));
    const OsvImporter::Import &i = imported.value();
    QCOMPARE(i.records, 4);
    QCOMPARE(i.skipped, 0);
    QVERIFY(i.problems.isEmpty());
    QCOMPARE(i.vulnerabilities.size(), 4);
    QCOMPARE(levelOf(i.vulnerabilities, QStringLiteral("CVE-2018-25020")),
             QStringLiteral("2022-06-05"));
    QCOMPARE(levelOf(i.vulnerabilities, QStringLiteral("CVE-2017-18509")),
             QStringLiteral("2021-02-05"));
    QCOMPARE(levelOf(i.vulnerabilities, QStringLiteral("CVE-2020-0465")),
             QStringLiteral("2022-12-05"));
    QCOMPARE(levelOf(i.vulnerabilities, QStringLiteral("CVE-2021-39630")),
             QStringLiteral("2022-01-01"));
    for (const KnownVulnerability &v : i.vulnerabilities) {
        if (v.cve == QStringLiteral("CVE-2021-39630")) {
            QCOMPARE(v.osvId, QStringLiteral("ASB-A-202768292"));
            QCOMPARE(v.severity, VulnerabilitySeverity::High);
            QCOMPARE(v.package, QStringLiteral("platform/frameworks/base"));
            QCOMPARE(v.type, QStringLiteral("EoP"));
        }
        if (v.cve == QStringLiteral("CVE-2018-25020"))
            QCOMPARE(v.severity, VulnerabilitySeverity::Moderate);
    }
}

void TestOsv::singleFileAndFolderAgree()
{
    const Result<OsvImporter::Import> file
        = OsvImporter::importPath(osvDir + QStringLiteral("/android-platform-sample.json"));
    QVERIFY(file.ok());
    QCOMPARE(file.value().records, 1);
    QCOMPARE(file.value().vulnerabilities.first().cve, QStringLiteral("CVE-2021-39630"));
    QCOMPARE(OsvImporter::importPath(osvDir + QStringLiteral("/nothing-here.json")).error().code,
             ServiceError::Code::NotFound);

    // A record without an Android patch level is counted as skipped, not invented.
    OsvImporter::Import into;
    OsvImporter::readDocument(
        R"({"id": "GHSA-1", "aliases": ["CVE-2024-1111"], "affected": [{"package": {"ecosystem": "npm"}}]})",
        QStringLiteral("inline"), into);
    QCOMPARE(into.records, 1);
    QCOMPARE(into.skipped, 1);
    QVERIFY(into.vulnerabilities.isEmpty());
}

void TestOsv::zipExport()
{
    QTemporaryDir dir;
    const QByteArray kernel
        = ReleaseKit::readFile(osvDir + QStringLiteral("/android-kernel-sample.json"));
    const QByteArray platform
        = ReleaseKit::readFile(osvDir + QStringLiteral("/android-platform-sample.json"));
    const QString path = dir.filePath(QStringLiteral("all.zip"));
    QVERIFY(ReleaseKit::writeFile(
        path,
        makeZip({{QStringLiteral("kernel.json"), kernel, true},
                 {QStringLiteral("README"), "not json", false},
                 {QStringLiteral("platform/platform.json"), platform, false}})));
    const Result<OsvImporter::Import> imported = OsvImporter::importPath(path);
    QVERIFY2(imported.ok(), qPrintable(imported.error().text()));
    QCOMPARE(imported.value().records, 4);
    QCOMPARE(levelOf(imported.value().vulnerabilities, QStringLiteral("CVE-2020-0465")),
             QStringLiteral("2022-12-05"));
}

void TestOsv::damagedZipsAreRefused()
{
    QTemporaryDir dir;
    const QByteArray platform
        = ReleaseKit::readFile(osvDir + QStringLiteral("/android-platform-sample.json"));
    const QString badCrc = dir.filePath(QStringLiteral("crc.zip"));
    QVERIFY(ReleaseKit::writeFile(badCrc,
                                  makeZip({{QStringLiteral("a.json"), platform, true, 0, true}})));
    Result<OsvImporter::Import> imported = OsvImporter::importPath(badCrc);
    QVERIFY(!imported.ok()); // no record could be read
    QVERIFY2(imported.error().hint.contains(QStringLiteral("CRC")),
             qPrintable(imported.error().text()));

    // A declared size beyond the limit is refused before inflating (zip bomb).
    const QString bomb = dir.filePath(QStringLiteral("bomb.zip"));
    QVERIFY(ReleaseKit::writeFile(
        bomb,
        makeZip({{QStringLiteral("a.json"), QByteArray(1000, '['), true, 64 * 1024 * 1024}})));
    Result<ZipReader> zip = ZipReader::open(bomb);
    QVERIFY(zip.ok());
    QVERIFY(!zip.value().read(zip.value().entries().first()).ok());
    // A size that lies about the content is caught too.
    const QString liar = dir.filePath(QStringLiteral("liar.zip"));
    QVERIFY(
        ReleaseKit::writeFile(liar, makeZip({{QStringLiteral("a.json"), platform, true, -10}})));
    zip = ZipReader::open(liar);
    QVERIFY(zip.ok());
    QVERIFY(!zip.value().read(zip.value().entries().first()).ok());

    const QString garbage = dir.filePath(QStringLiteral("garbage.zip"));
    QVERIFY(ReleaseKit::writeFile(garbage, QByteArray(4096, 'z')));
    QCOMPARE(OsvImporter::importPath(garbage).error().code, ServiceError::Code::InvalidArgument);
    QVERIFY(!ZipReader::open(garbage).ok());
}

void TestOsv::crossCheckWithSamples()
{
    const QList<KnownVulnerability> known = OsvImporter::importPath(osvDir).value().vulnerabilities;
    ReleaseNotes notes;
    notes.patchLevel = PatchLevel::fromString(u"2022-12-05");
    notes.changes = {{QStringLiteral("kernel"),
                      ChangeKind::Security,
                      {QStringLiteral("CVE-2020-0465")},
                      VulnerabilitySeverity::Moderate}};
    // Devices at 2021-12-05: everything fixed from 2021-12-06 to 2022-12-05 must be listed.
    const ReleaseRules::CveCrossCheck result
        = ReleaseRules::cveCrossCheck(notes, known, PatchLevel::fromString(u"2021-12-05"), true);
    QStringList missing;
    for (const KnownVulnerability &v : result.missing)
        missing.append(v.cve);
    QCOMPARE(missing,
             QStringList({QStringLiteral("CVE-2021-39630"),
                          QStringLiteral("CVE-2018-25020")})); // high first
    QVERIFY(!result.check.passed);
}

QTEST_GUILESS_MAIN(TestOsv)
#include "tst_osv.moc"
