// SPDX-License-Identifier: Apache-2.0
// The TLS of patchboard-server and the console (issue #6): the development certificate made on
// first start and kept across restarts, and the two ways a console may trust it — a pinned
// SHA-256 fingerprint or the certificate as a CA file — while an unknown certificate, a wrong pin
// or another CA are refused with a message that says the certificate is not trusted.
#include "testserver.h"

#include "crypto/selfsignedcertificate.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Patchboard;

namespace {

// Signs in through an ApiClient with endpoint and returns the result.
Result<ApiSession> signIn(const ServerEndpoint &endpoint)
{
    ApiClient client(endpoint);
    const QString user = QStringLiteral("viewer");
    QFuture<Result<ApiSession>> future = spin(client.login(user, TestServer::password(user)));
    if (!future.isFinished())
        return ServiceError::make(ServiceError::Code::Internal, QStringLiteral("timed out"));
    return future.result();
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void developmentCertificateOnDisk();
    void pinnedFingerprintConnects();
    void unknownCertificateIsRefused();
    void certificateAsCaFileConnects_data();
    void certificateAsCaFileConnects();
    void wrongPinIsRefused();
    void otherCaIsRefused();
    void restartKeepsTheCertificate();
    void incompletePairIsReported();
    void badHostNameIsRefused();

private:
    QString certPath() const
    {
        return QDir(m_server.dataDirectory()).filePath(QStringLiteral("server-cert.pem"));
    }
    QString keyPath() const
    {
        return QDir(m_server.dataDirectory()).filePath(QStringLiteral("server-key.pem"));
    }

    TestServer m_server;
    QTemporaryDir m_dir;
};

void TestTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    TestServer::Options options;
    options.demoDevices = 0;
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorText()));
}

void TestTls::developmentCertificateOnDisk()
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certPath());
    QCOMPARE(chain.size(), 1);
    const QSslCertificate &certificate = chain.first();
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName),
             QStringList{QStringLiteral("patchboard-server development")});
    // What the server serves is what is on disk, and its fingerprint is what it reports.
    QCOMPARE(SelfSignedCertificate::sha256Fingerprint(certificate), m_server.fingerprint());
    QCOMPARE(m_server.fingerprint().size(), 32);
    QVERIFY(certificate.expiryDate() > QDateTime::currentDateTimeUtc().addDays(360));
    QVERIFY(certificate.effectiveDate() <= QDateTime::currentDateTimeUtc());
    const auto names = certificate.subjectAlternativeNames();
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
    const QStringList addresses = names.values(QSsl::IpAddressEntry);
    QVERIFY2(addresses.contains(QStringLiteral("127.0.0.1")), qPrintable(addresses.join(u' ')));
    QVERIFY2(addresses.contains(QStringLiteral("0:0:0:0:0:0:0:1"))
                 || addresses.contains(QStringLiteral("::1")),
             qPrintable(addresses.join(u' ')));
    // The key is readable by its owner only.
    const QFileDevice::Permissions permissions = QFile::permissions(keyPath());
    QVERIFY(permissions & QFileDevice::ReadOwner);
    QVERIFY(!(permissions
              & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                 | QFileDevice::WriteOther)));
    QCOMPARE(SelfSignedCertificate::fingerprintText(m_server.fingerprint()).size(), 32 * 3 - 1);
}

void TestTls::pinnedFingerprintConnects()
{
    const Result<ApiSession> session = signIn(m_server.endpoint());
    QVERIFY2(session.ok(), qPrintable(session.error().text()));
    QCOMPARE(session.value().who.name, QStringLiteral("viewer"));
}

void TestTls::unknownCertificateIsRefused()
{
    ServerEndpoint endpoint;
    endpoint.url = m_server.url();
    const Result<ApiSession> session = signIn(endpoint);
    QVERIFY(!session.ok());
    QCOMPARE(session.error().code, ServiceError::Code::Unreachable);
    QVERIFY2(session.error().message.contains(QLatin1String("not trusted")),
             qPrintable(session.error().text()));
    // The message shows the fingerprint, for the operator to compare with the server's.
    QVERIFY2(session.error().message.contains(
                 SelfSignedCertificate::fingerprintText(m_server.fingerprint())),
             qPrintable(session.error().text()));
}

void TestTls::certificateAsCaFileConnects_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("IPv4 address") << QStringLiteral("127.0.0.1");
    QTest::newRow("localhost") << QStringLiteral("localhost");
}

void TestTls::certificateAsCaFileConnects()
{
    QFETCH(QString, host);
    ServerEndpoint endpoint;
    endpoint.url = m_server.url();
    endpoint.url.setHost(host);
    endpoint.caFile = certPath();
    const Result<ApiSession> session = signIn(endpoint);
    QVERIFY2(session.ok(), qPrintable(session.error().text()));
}

void TestTls::wrongPinIsRefused()
{
    ServerEndpoint endpoint = m_server.endpoint();
    endpoint.pinnedSha256 = QByteArray(32, '\x11');
    const Result<ApiSession> session = signIn(endpoint);
    QVERIFY(!session.ok());
    QCOMPARE(session.error().code, ServiceError::Code::Unreachable);
    QVERIFY2(session.error().message.contains(QLatin1String("not trusted")),
             qPrintable(session.error().text()));
}

void TestTls::otherCaIsRefused()
{
    // Another development certificate (another server's) as the CA file.
    const Result<SelfSignedCertificate::Pem> other = SelfSignedCertificate::create({});
    QVERIFY(other.ok());
    const QString path = m_dir.filePath(QStringLiteral("other-ca.pem"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(other.value().certificate);
    file.close();
    ServerEndpoint endpoint;
    endpoint.url = m_server.url();
    endpoint.caFile = path;
    const Result<ApiSession> session = signIn(endpoint);
    QVERIFY(!session.ok());
    QCOMPARE(session.error().code, ServiceError::Code::Unreachable);
    QVERIFY2(session.error().message.contains(QLatin1String("not trusted")),
             qPrintable(session.error().text()));
}

void TestTls::restartKeepsTheCertificate()
{
    const QByteArray before = m_server.fingerprint();
    QVERIFY2(m_server.restart(), qPrintable(m_server.errorText()));
    QCOMPARE(m_server.fingerprint(), before);
    const Result<ApiSession> session = signIn(m_server.endpoint());
    QVERIFY2(session.ok(), qPrintable(session.error().text()));
}

void TestTls::incompletePairIsReported()
{
    const QString cert = m_dir.filePath(QStringLiteral("lonely/cert.pem"));
    const QString key = m_dir.filePath(QStringLiteral("lonely/key.pem"));
    QVERIFY(ensureDevelopmentCertificate(cert, key, {}).ok());
    QVERIFY(ensureDevelopmentCertificate(cert, key, {}).ok()); // both there: used as they are
    QVERIFY(QFile::remove(key));
    const Status status = ensureDevelopmentCertificate(cert, key, {});
    QVERIFY(!status.ok());
    QVERIFY2(status.error().message.contains(key), qPrintable(status.error().text()));
    QVERIFY(!QFile::exists(key)); // nothing replaced behind the operator's back

    // A key that belongs to another certificate.
    const Result<SelfSignedCertificate::Pem> other = SelfSignedCertificate::create({});
    QVERIFY(other.ok());
    QFile file(key);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(other.value().key);
    file.close();
    const Status mismatch = ensureDevelopmentCertificate(cert, key, {});
    QVERIFY(!mismatch.ok());
    QVERIFY2(mismatch.error().message.contains(QLatin1String("does not belong")),
             qPrintable(mismatch.error().text()));
}

void TestTls::badHostNameIsRefused()
{
    const QString cert = m_dir.filePath(QStringLiteral("bad/cert.pem"));
    const QString key = m_dir.filePath(QStringLiteral("bad/key.pem"));
    const Status status
        = ensureDevelopmentCertificate(cert, key, {QStringLiteral("host,DNS:evil.example")});
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ServiceError::Code::InvalidArgument);
    QVERIFY(!QFile::exists(cert) && !QFile::exists(key));
    const Result<SelfSignedCertificate::Pem> named = SelfSignedCertificate::create(
        {QStringLiteral("patchboard.example.org"), QStringLiteral("192.0.2.10")});
    QVERIFY(named.ok());
    const QSslCertificate certificate(named.value().certificate, QSsl::Pem);
    const auto names = certificate.subjectAlternativeNames();
    QVERIFY(names.values(QSsl::DnsEntry).contains(QStringLiteral("patchboard.example.org")));
    QVERIFY(names.values(QSsl::IpAddressEntry).contains(QStringLiteral("192.0.2.10")));
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
