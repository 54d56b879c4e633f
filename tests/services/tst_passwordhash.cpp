// SPDX-License-Identifier: Apache-2.0
// Tests of services/auth/passwordhash: PBKDF2-HMAC-SHA256 against published vectors, the stored
// form of operator passwords, and refusal of anything malformed.
#include "auth/passwordhash.h"

#include <QTest>

using namespace Patchboard;

class TestPasswordHash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownAnswers_data();
    void knownAnswers();
    void storedForm();
    void rightAndWrongPasswords();
    void unicodeNormalisation();
    void malformedStoredStrings_data();
    void malformedStoredStrings();
    void refusesWeakIterationCounts();

private:
    QString m_stored; // "correct horse battery staple", hashed once for the whole suite
};

void TestPasswordHash::knownAnswers_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<int>("iterations");
    QTest::addColumn<QByteArray>("expectedHex");

    // RFC 7914 section 11 (the PBKDF2-HMAC-SHA256 test vectors of scrypt's RFC).
    QTest::newRow("RFC 7914, c=1") << QByteArray("passwd") << QByteArray("salt") << 1
                                   << QByteArray("55ac046e56e3089fec1691c22544b605f94185216dde0465"
                                                 "e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef31"
                                                 "7c71b845b1e30bd509112041d3a19783");
    QTest::newRow("RFC 7914, c=80000") << QByteArray("Password") << QByteArray("NaCl") << 80000
                                       << QByteArray("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c"
                                                     "0414aeff08876b34ab56a1d425a1225833549adb841b"
                                                     "51c9b3176a272bdebba1d078478f62b397f33c8d");
    // The widely published SHA-256 variants of the RFC 6070 inputs.
    QTest::newRow("RFC 6070 inputs, c=1")
        << QByteArray("password") << QByteArray("salt") << 1
        << QByteArray("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    QTest::newRow("RFC 6070 inputs, c=4096")
        << QByteArray("password") << QByteArray("salt") << 4096
        << QByteArray("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
}

void TestPasswordHash::knownAnswers()
{
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(int, iterations);
    QFETCH(QByteArray, expectedHex);

    const Result<QByteArray> key
        = PasswordHash::pbkdf2Sha256(password, salt, iterations, int(expectedHex.size() / 2));
    QVERIFY2(key.ok(), qPrintable(key.error().text()));
    QCOMPARE(key.value().toHex(), expectedHex);
}

void TestPasswordHash::storedForm()
{
    const Result<QString> stored
        = PasswordHash::hash(QStringLiteral("correct horse battery staple"));
    QVERIFY2(stored.ok(), qPrintable(stored.error().text()));
    m_stored = stored.value();

    const QStringList parts = m_stored.split(QLatin1Char('$'));
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts.at(0), QStringLiteral("pbkdf2-sha256"));
    QCOMPARE(parts.at(1).toInt(), PasswordHash::DefaultIterations);
    QVERIFY(PasswordHash::DefaultIterations >= 210000);
    QCOMPARE(QByteArray::fromBase64(parts.at(2).toLatin1()).size(), PasswordHash::SaltSize);
    QCOMPARE(QByteArray::fromBase64(parts.at(3).toLatin1()).size(), PasswordHash::KeySize);
    QVERIFY(!m_stored.contains(QLatin1String("correct horse")));

    // The key is PBKDF2 over the stored salt and count: recompute it independently.
    const Result<QByteArray> key = PasswordHash::pbkdf2Sha256(
        "correct horse battery staple", QByteArray::fromBase64(parts.at(2).toLatin1()),
        PasswordHash::DefaultIterations, PasswordHash::KeySize);
    QVERIFY(key.ok());
    QCOMPARE(key.value().toBase64(), parts.at(3).toLatin1());

    // A fresh salt every time: equal passwords do not give equal strings.
    const Result<QString> again
        = PasswordHash::hash(QStringLiteral("correct horse battery staple"));
    QVERIFY(again.ok());
    QVERIFY(again.value() != m_stored);
}

void TestPasswordHash::rightAndWrongPasswords()
{
    QVERIFY(!m_stored.isEmpty());
    QVERIFY(PasswordHash::verify(QStringLiteral("correct horse battery staple"), m_stored));
    QVERIFY(!PasswordHash::verify(QStringLiteral("Correct horse battery staple"), m_stored));
    QVERIFY(!PasswordHash::verify(QStringLiteral("correct horse battery staple "), m_stored));
    QVERIFY(!PasswordHash::verify(QStringLiteral("correct horse battery stapl"), m_stored));
    QVERIFY(!PasswordHash::verify(QString(), m_stored));
}

void TestPasswordHash::unicodeNormalisation()
{
    // "café" typed with a precomposed é and with e + combining acute accent.
    const QString composed = QStringLiteral("caf\u00e9 au lait");
    const QString decomposed = QStringLiteral("cafe\u0301 au lait");
    QVERIFY(composed != decomposed);
    const Result<QString> stored = PasswordHash::hash(composed, PasswordHash::MinIterations);
    QVERIFY(stored.ok());
    QVERIFY(PasswordHash::verify(decomposed, stored.value()));
    QVERIFY(!PasswordHash::verify(QStringLiteral("cafe au lait"), stored.value()));
}

void TestPasswordHash::malformedStoredStrings_data()
{
    QTest::addColumn<QString>("stored");

    // Variations of one valid string made with the minimum count (checked to verify below), so
    // that each row differs from an accepted string in exactly one way.
    const QString salt = QString::fromLatin1(QByteArray(16, 's').toBase64());
    const QByteArray keyBytes = PasswordHash::pbkdf2Sha256("secret password", QByteArray(16, 's'),
                                                           PasswordHash::MinIterations, 32)
                                    .value();
    const QString key = QString::fromLatin1(keyBytes.toBase64());
    const QString count = QString::number(PasswordHash::MinIterations);
    auto make = [](const QString &scheme, const QString &n, const QString &s,
                   const QString &k) -> QString {
        return scheme + QLatin1Char('$') + n + QLatin1Char('$') + s + QLatin1Char('$') + k;
    };
    const QString scheme = QStringLiteral("pbkdf2-sha256");
    QTest::newRow("valid (control row)") << make(scheme, count, salt, key);

    QTest::newRow("empty") << QString();
    QTest::newRow("a plain password") << QStringLiteral("secret password");
    QTest::newRow("other scheme") << make(QStringLiteral("pbkdf2-sha1"), count, salt, key);
    QTest::newRow("upper-case scheme") << make(QStringLiteral("PBKDF2-SHA256"), count, salt, key);
    QTest::newRow("count not a number") << make(scheme, QStringLiteral("many"), salt, key);
    QTest::newRow("count with sign") << make(scheme, QLatin1Char('+') + count, salt, key);
    QTest::newRow("count with space") << make(scheme, QLatin1Char(' ') + count, salt, key);
    QTest::newRow("count in hex") << make(scheme, QStringLiteral("0x186a0"), salt, key);
    QTest::newRow("count too low") << make(scheme, QStringLiteral("1000"), salt, key);
    QTest::newRow("count too high") << make(scheme, QStringLiteral("999999999"), salt, key);
    QTest::newRow("count empty") << make(scheme, QString(), salt, key);
    QTest::newRow("salt not base64") << make(scheme, count, QStringLiteral("!!!!"), key);
    QTest::newRow("salt too short")
        << make(scheme, count, QString::fromLatin1(QByteArray(8, 's').toBase64()), key);
    QTest::newRow("salt empty") << make(scheme, count, QString(), key);
    QTest::newRow("key too short")
        << make(scheme, count, salt, QString::fromLatin1(keyBytes.left(31).toBase64()));
    QTest::newRow("key too long") << make(
        scheme, count, salt, QString::fromLatin1(QByteArray(keyBytes + 'x').toBase64()));
    QTest::newRow("key not base64") << make(scheme, count, salt, key.left(20) + QLatin1Char('*'));
    QTest::newRow("extra field") << make(scheme, count, salt, key) + QStringLiteral("$x");
    QTest::newRow("missing field") << scheme + QLatin1Char('$') + count + QLatin1Char('$') + key;
}

void TestPasswordHash::malformedStoredStrings()
{
    QFETCH(QString, stored);
    const bool control = QByteArray(QTest::currentDataTag()).startsWith("valid");
    QCOMPARE(PasswordHash::isWellFormed(stored), control);
    // The right password for the control row; nothing else may ever match.
    QCOMPARE(PasswordHash::verify(QStringLiteral("secret password"), stored), control);
}

void TestPasswordHash::refusesWeakIterationCounts()
{
    const Result<QString> weak = PasswordHash::hash(QStringLiteral("secret password"), 1000);
    QVERIFY(!weak.ok());
    QCOMPARE(weak.error().code, ServiceError::Code::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "tst_passwordhash.moc"
