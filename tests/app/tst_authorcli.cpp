// SPDX-License-Identifier: Apache-2.0
// patchboard-author as a user runs it: verify prints one JSON object per file, on one line, whose
// fields equal the SUIT authors' inputs for their published examples; exit status 0 only when
// every file is valid; keygen, create and verify --trust-store work together.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString suitDir = QStringLiteral(PATCHBOARD_TESTDATA_DIR "/suit/");

struct Run
{
    int exitCode = -1;
    QList<QByteArray> lines;
    QByteArray errors;
};

Run author(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(PATCHBOARD_AUTHOR), arguments);
    Run run;
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.lines = process.readAllStandardOutput().split('\n');
    while (!run.lines.isEmpty() && run.lines.last().isEmpty())
        run.lines.removeLast();
    run.errors = process.readAllStandardError();
    return run;
}

QJsonObject parseLine(const QByteArray &line)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
}

QString uuidHex(const QJsonValue &uuid)
{
    return uuid.toString().remove(QLatin1Char('-'));
}

bool allChecksPass(const QJsonObject &report)
{
    const QJsonObject checks = report.value(QStringLiteral("checks")).toObject();
    for (auto it = checks.constBegin(); it != checks.constEnd(); ++it) {
        if (!it.value().toObject().value(QStringLiteral("pass")).toBool())
            return false;
    }
    return !checks.isEmpty();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class TestAuthorCli : public QObject
{
    Q_OBJECT

private slots:
    void signedExamplesMatchTheirInputs_data();
    void signedExamplesMatchTheirInputs();
    void unsignedExamplesAreRefused();
    void keygenCreateVerify();
    void usageErrors();
};

void TestAuthorCli::signedExamplesMatchTheirInputs_data()
{
    QTest::addColumn<QString>("example");
    for (const char *name : {"example0", "example1", "example3"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestAuthorCli::signedExamplesMatchTheirInputs()
{
    QFETCH(QString, example);
    const QString file = suitDir + example + QStringLiteral(".signed.suit");
    const Run run = author({QStringLiteral("verify"), QStringLiteral("--key"),
                            suitDir + QStringLiteral("suit-examples-public-key.pem"), file});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines.size(), 1);
    const QJsonObject report = parseLine(run.lines.first());
    QVERIFY2(!report.isEmpty(), run.lines.first().constData());

    QFile inputFile(suitDir + example + QStringLiteral(".json"));
    QVERIFY(inputFile.open(QIODevice::ReadOnly));
    const QJsonObject input = QJsonDocument::fromJson(inputFile.readAll()).object();
    QJsonArray components;
    QJsonArray digests;
    QJsonArray sizes;
    for (const QJsonValue &value : input.value(QStringLiteral("components")).toArray()) {
        const QJsonObject c = value.toObject();
        // Slots of one component (example 3) share its install-id.
        if (!components.contains(c.value(QStringLiteral("install-id"))))
            components.append(c.value(QStringLiteral("install-id")));
        digests.append(c.value(QStringLiteral("install-digest"))
                           .toObject()
                           .value(QStringLiteral("digest-bytes")));
        sizes.append(c.value(QStringLiteral("install-size")));
        QCOMPARE(report.value(QStringLiteral("vendor_id")).toString(),
                 uuidHex(c.value(QStringLiteral("vendor-id"))));
        QCOMPARE(report.value(QStringLiteral("class_id")).toString(),
                 uuidHex(c.value(QStringLiteral("class-id"))));
    }
    QCOMPARE(report.value(QStringLiteral("file")).toString(), file);
    QCOMPARE(report.value(QStringLiteral("valid")).toBool(), true);
    QCOMPARE(report.value(QStringLiteral("sequence")).toInt(-1),
             input.value(QStringLiteral("manifest-sequence-number")).toInt());
    QCOMPARE(report.value(QStringLiteral("components")).toArray(), components);
    QCOMPARE(report.value(QStringLiteral("image_digests")).toArray(), digests);
    QCOMPARE(report.value(QStringLiteral("image_sizes")).toArray(), sizes);
    QCOMPARE(report.value(QStringLiteral("algorithm")).toString(), QStringLiteral("ES256"));
    QVERIFY(allChecksPass(report));
}

void TestAuthorCli::unsignedExamplesAreRefused()
{
    QStringList arguments{QStringLiteral("verify"), QStringLiteral("--key"),
                          suitDir + QStringLiteral("suit-examples-public-key.pem"),
                          suitDir + QStringLiteral("example0.signed.suit")};
    for (const char *name : {"example0", "example1", "example3"})
        arguments.append(suitDir + QString::fromLatin1(name) + QStringLiteral(".unsigned.suit"));
    const Run run = author(arguments);
    QCOMPARE(run.exitCode, 1); // one invalid file is enough
    QCOMPARE(run.lines.size(), 4);
    QVERIFY(parseLine(run.lines[0]).value(QStringLiteral("valid")).toBool());
    for (int i = 1; i < 4; ++i) {
        const QJsonObject report = parseLine(run.lines[i]);
        QCOMPARE(report.value(QStringLiteral("valid")).toBool(true), false);
        const QJsonObject signedCheck = report.value(QStringLiteral("checks"))
                                            .toObject()
                                            .value(QStringLiteral("signed"))
                                            .toObject();
        QCOMPARE(signedCheck.value(QStringLiteral("pass")).toBool(true), false);
        QVERIFY(signedCheck.value(QStringLiteral("reason"))
                    .toString()
                    .contains(QStringLiteral("unsigned")));
    }
}

void TestAuthorCli::keygenCreateVerify()
{
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("author.pem"));
    Run run = author({QStringLiteral("keygen"), QStringLiteral("--type"), QStringLiteral("p256"),
                      QStringLiteral("--out"), key});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("author.pub.pem"))));
    QVERIFY(!(QFile(key).permissions() & QFileDevice::ReadOther));
    // Keys are never overwritten.
    QCOMPARE(author({QStringLiteral("keygen"), QStringLiteral("--type"), QStringLiteral("p256"),
                     QStringLiteral("--out"), key})
                 .exitCode,
             1);

    const QString vendor = QStringLiteral("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe");
    const QString vendorDir
        = dir.filePath(QStringLiteral("trust/fa6b4a53d5ad5fdfbe9de663e4d41ffe"));
    QVERIFY(QDir().mkpath(vendorDir));
    QVERIFY(QFile::copy(dir.filePath(QStringLiteral("author.pub.pem")),
                        vendorDir + QStringLiteral("/author.pem")));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("notes.json")),
                      R"({"format": 1, "version": "2.0.1", "release_type": "security",
                          "security_patch_level": "2022-06-05", "target_models": ["Aurora A7"],
                          "changes": [{"description": "Kernel fix", "kind": "security",
                                       "cves": ["CVE-2018-25020"], "severity": "moderate"}],
                          "end_user_notice": "This is a security update."})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("boot.img")), QByteArray(3000, 'b')));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("modem.bin")), QByteArray(5000, 'm')));
    const QString out = dir.filePath(QStringLiteral("r.pbrelease"));
    run = author({QStringLiteral("create"), QStringLiteral("--key"), key,
                  QStringLiteral("--vendor-id"), vendor, QStringLiteral("--class-id"),
                  QStringLiteral("1492af1425695e48bf429b2d51f2ab45"), QStringLiteral("--sequence"),
                  QStringLiteral("12"), QStringLiteral("--notes"),
                  dir.filePath(QStringLiteral("notes.json")), QStringLiteral("--image"),
                  dir.filePath(QStringLiteral("boot.img")),
                  dir.filePath(QStringLiteral("modem.bin")), QStringLiteral("--out"), out});
    QVERIFY2(run.exitCode == 0, run.errors.constData());

    const QStringList verify{QStringLiteral("verify"), QStringLiteral("--trust-store"),
                             dir.filePath(QStringLiteral("trust")), out};
    run = author(verify);
    QVERIFY2(run.exitCode == 0, run.lines.value(0).constData());
    QJsonObject report = parseLine(run.lines.value(0));
    QCOMPARE(report.value(QStringLiteral("sequence")).toInt(), 12);
    QCOMPARE(report.value(QStringLiteral("image_sizes")).toArray().size(),
             3); // notes, boot.img, modem.bin
    QCOMPARE(report.value(QStringLiteral("components")).toArray().at(1).toArray(),
             QJsonArray({QStringLiteral("696d61676573"),
                         QString::fromLatin1(QByteArray("boot.img").toHex())}));
    QVERIFY(allChecksPass(report));

    // One byte of an image changed: invalid, and the check says which image.
    QFile image(out + QStringLiteral("/images/modem.bin"));
    QVERIFY(image.open(QIODevice::ReadWrite));
    image.seek(10);
    image.write("M");
    image.close();
    run = author(verify);
    QCOMPARE(run.exitCode, 1);
    report = parseLine(run.lines.value(0));
    QCOMPARE(report.value(QStringLiteral("checks"))
                 .toObject()
                 .value(QStringLiteral("image:modem.bin"))
                 .toObject()
                 .value(QStringLiteral("pass"))
                 .toBool(true),
             false);

    // The key only vouches for its own vendor's folder.
    QVERIFY(QDir(vendorDir).rename(
        vendorDir, dir.filePath(QStringLiteral("trust/00000000000000000000000000000001"))));
    run = author(verify);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(parseLine(run.lines.value(0))
                 .value(QStringLiteral("checks"))
                 .toObject()
                 .value(QStringLiteral("trusted-key"))
                 .toObject()
                 .value(QStringLiteral("pass"))
                 .toBool(true),
             false);
}

void TestAuthorCli::usageErrors()
{
    QCOMPARE(author({}).exitCode, 2);
    QCOMPARE(author({QStringLiteral("frobnicate")}).exitCode, 2);
    QCOMPARE(author({QStringLiteral("verify"), suitDir + QStringLiteral("example0.signed.suit")})
                 .exitCode,
             2);
    QCOMPARE(author({QStringLiteral("keygen"), QStringLiteral("--type"), QStringLiteral("rsa"),
                     QStringLiteral("--out"), QStringLiteral("x.pem")})
                 .exitCode,
             2);
    QCOMPARE(author({QStringLiteral("create"), QStringLiteral("--key"), QStringLiteral("k.pem"),
                     QStringLiteral("--vendor-id"), QStringLiteral("not-hex"),
                     QStringLiteral("--class-id"), QStringLiteral("00"),
                     QStringLiteral("--sequence"), QStringLiteral("1"), QStringLiteral("--notes"),
                     QStringLiteral("n.json"), QStringLiteral("--out"), QStringLiteral("o")})
                 .exitCode,
             2);
}

QTEST_GUILESS_MAIN(TestAuthorCli)
#include "tst_authorcli.moc"
