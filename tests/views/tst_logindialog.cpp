// SPDX-License-Identifier: Apache-2.0
// The sign-in dialog and the connection banner against a real patchboard-server on a loopback
// port (tests/api/testserver.h): what the operator sees when the password is wrong, when it is
// right, when the certificate is not trusted and when the server is gone.
#include "appsettings.h"
#include "connectionbanner.h"
#include "deviceformat.h"
#include "logindialog.h"
#include "testserver.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QVBoxLayout>

using namespace Patchboard;

class tst_LoginDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsTheServer();
    void wrongPasswordShowsTheServersMessage();
    void successClosesIt();
    void untrustedCertificateNamesItsFingerprint();
    void unreachableServerIsSaidSo();
    void bannerFollowsTheConnection();
    void bannerAsksToSignInAgain();

private:
    // Types the user and password as an operator would and presses Sign In.
    static void signIn(LoginDialog &dialog, const QString &user, const QString &password);

    TestServer m_server;
};

void tst_LoginDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    TestServer::Options options;
    options.demoDevices = 50;
    QVERIFY2(m_server.start(options), qPrintable(m_server.errorText()));
}

void tst_LoginDialog::signIn(LoginDialog &dialog, const QString &user, const QString &password)
{
    dialog.userEdit()->clear();
    QTest::keyClicks(dialog.userEdit(), user);
    dialog.passwordEdit()->clear();
    QTest::keyClicks(dialog.passwordEdit(), password);
    QVERIFY(dialog.signInButton()->isEnabled());
    QTest::mouseClick(dialog.signInButton(), Qt::LeftButton);
}

void tst_LoginDialog::showsTheServer()
{
    ApiClient client(m_server.endpoint());
    LoginDialog dialog(&client);
    dialog.show();
    QCOMPARE(dialog.serverLabel()->text(), m_server.url().toDisplayString());
    QCOMPARE(dialog.passwordEdit()->echoMode(), QLineEdit::Password);
    // Nothing to send yet: no user, no password.
    QVERIFY(!dialog.signInButton()->isEnabled());
    QTest::keyClicks(dialog.userEdit(), QStringLiteral("tester"));
    QVERIFY(!dialog.signInButton()->isEnabled());
    QTest::keyClicks(dialog.passwordEdit(), QStringLiteral("x"));
    QVERIFY(dialog.signInButton()->isEnabled());
    for (QWidget *field : {static_cast<QWidget *>(dialog.userEdit()),
                           static_cast<QWidget *>(dialog.passwordEdit()),
                           static_cast<QWidget *>(dialog.serverLabel())})
        QVERIFY2(!field->accessibleName().isEmpty(), field->metaObject()->className());
}

void tst_LoginDialog::wrongPasswordShowsTheServersMessage()
{
    // What the server says to a wrong password, asked directly.
    const TestServer::RawReply raw = m_server.request(
        "POST", QStringLiteral("/api/v1/login"),
        R"({"user":"tester2","password":"not the password"})");
    QCOMPARE(raw.status, 401);
    const QString serverMessage = raw.json()
                                      .value(QStringLiteral("error"))
                                      .toObject()
                                      .value(QStringLiteral("message"))
                                      .toString();
    QVERIFY(!serverMessage.isEmpty());

    ApiClient client(m_server.endpoint());
    LoginDialog dialog(&client);
    QSignalSpy signedIn(&dialog, &LoginDialog::signedIn);
    QSignalSpy failed(&dialog, &LoginDialog::failed);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    signIn(dialog, QStringLiteral("tester2"), QStringLiteral("not the password"));
    // While the server is asked, the fields are locked and the button cannot send twice.
    QVERIFY(dialog.isBusy());
    QVERIFY(!dialog.signInButton()->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.messageLabel()->isVisible());
    QVERIFY2(dialog.messageLabel()->text().contains(serverMessage),
             qPrintable(dialog.messageLabel()->text()));
    QCOMPARE(failed.first().first().value<ServiceError>().code,
             ServiceError::Code::Unauthenticated);
    QCOMPARE(signedIn.count(), 0);
    QVERIFY(!client.signedIn());
    // Ready for the next try, the wrong password selected to be typed over.
    QVERIFY(!dialog.isBusy());
    QVERIFY(dialog.signInButton()->isEnabled());
    QCOMPARE(dialog.passwordEdit()->selectedText(), QStringLiteral("not the password"));
}

void tst_LoginDialog::successClosesIt()
{
    ApiClient client(m_server.endpoint());
    LoginDialog dialog(&client);
    QSignalSpy signedIn(&dialog, &LoginDialog::signedIn);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    signIn(dialog, QStringLiteral("manager"), TestServer::password(QStringLiteral("manager")));
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 10000);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    // The role is the server's.
    const auto session = signedIn.first().first().value<ApiSession>();
    QCOMPARE(session.who.name, QStringLiteral("manager"));
    QCOMPARE(session.who.role, OperatorRole::RolloutManager);
    QVERIFY(client.signedIn());
    QCOMPARE(client.state(), ApiClient::State::Online);
    // The password does not stay in the dialog.
    QVERIFY(dialog.passwordEdit()->text().isEmpty());
}

void tst_LoginDialog::untrustedCertificateNamesItsFingerprint()
{
    // The same server without its fingerprint pinned: its development certificate is signed by
    // no CA this machine trusts. The dialog names the fingerprint and does not sign in.
    ServerEndpoint unpinned;
    unpinned.url = m_server.url();
    ApiClient client(unpinned);
    LoginDialog dialog(&client);
    QSignalSpy failed(&dialog, &LoginDialog::failed);
    dialog.show();
    signIn(dialog, QStringLiteral("tester"), TestServer::password(QStringLiteral("tester")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    const QString fingerprint = AppSettings::fingerprintText(m_server.fingerprint());
    QCOMPARE(fingerprint.size(), 32 * 3 - 1);
    QVERIFY2(dialog.messageLabel()->text().contains(fingerprint),
             qPrintable(dialog.messageLabel()->text()));
    QVERIFY(!client.signedIn());
    QVERIFY(dialog.isVisible());
    // Selectable, so that it can be copied and compared.
    QVERIFY(dialog.messageLabel()->textInteractionFlags() & Qt::TextSelectableByMouse);

    // Pinned, the same password signs in.
    ApiClient pinned(m_server.endpoint());
    LoginDialog again(&pinned);
    QSignalSpy signedIn(&again, &LoginDialog::signedIn);
    again.show();
    signIn(again, QStringLiteral("tester"), TestServer::password(QStringLiteral("tester")));
    QTRY_COMPARE_WITH_TIMEOUT(signedIn.count(), 1, 10000);
}

void tst_LoginDialog::unreachableServerIsSaidSo()
{
    // A port nobody listens on: taken, then freed.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    ServerEndpoint endpoint = m_server.endpoint();
    endpoint.url.setPort(port);
    ApiClient client(endpoint);
    LoginDialog dialog(&client);
    QSignalSpy failed(&dialog, &LoginDialog::failed);
    dialog.show();
    signIn(dialog, QStringLiteral("tester"), TestServer::password(QStringLiteral("tester")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QCOMPARE(failed.first().first().value<ServiceError>().code, ServiceError::Code::Unreachable);
    QVERIFY2(dialog.messageLabel()->text().contains(QStringLiteral("does not answer")),
             qPrintable(dialog.messageLabel()->text()));
    QVERIFY(dialog.messageLabel()->text().startsWith(DeviceFormat::warningMarker()));
}

void tst_LoginDialog::bannerFollowsTheConnection()
{
    ApiClient *client = m_server.client(QStringLiteral("viewer"));
    QVERIFY2(client, qPrintable(m_server.errorText()));
    QWidget window;
    auto *banner = new ConnectionBanner(client, &window);
    (new QVBoxLayout(&window))->addWidget(banner);
    window.resize(800, 100);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(client->state(), ApiClient::State::Online);
    QVERIFY(!banner->isVisible());

    m_server.stop();
    // Any request finds the server gone; the banner says since when and when it tries again.
    client->send("GET", QStringLiteral("/api/v1/health"));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    const QString text = banner->messageLabel()->text();
    QVERIFY2(text.startsWith(QStringLiteral("Server unreachable since ")), qPrintable(text));
    QVERIFY2(text.contains(QLocale().toString(banner->offlineSince().time(), QLocale::ShortFormat)),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("retrying (next in ")), qPrintable(text));
    QVERIFY(banner->retryButton()->isVisible());
    QVERIFY(!banner->signInButton()->isVisible());
    QVERIFY(!banner->accessibleName().isEmpty());
    QVERIFY(!banner->messageLabel()->toolTip().isEmpty()); // the cause, in the client's words

    // Retry Now while it is still down: it tries (the button waits for the answer), and the
    // banner stays.
    QTest::mouseClick(banner->retryButton(), Qt::LeftButton);
    QVERIFY(!banner->retryButton()->isEnabled());
    QVERIFY2(banner->messageLabel()->text().contains(QStringLiteral("retrying now")),
             qPrintable(banner->messageLabel()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(banner->retryButton()->isEnabled(), 10000);
    QVERIFY(banner->isVisible());

    // Back: Retry Now clears it at once rather than at the next probe.
    QVERIFY2(m_server.restart(), qPrintable(m_server.errorText()));
    QTest::mouseClick(banner->retryButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 2500);
    QCOMPARE(client->state(), ApiClient::State::Online);
}

void tst_LoginDialog::bannerAsksToSignInAgain()
{
    ApiClient *client = m_server.client(QStringLiteral("tester"));
    QVERIFY2(client, qPrintable(m_server.errorText()));
    QWidget window;
    auto *banner = new ConnectionBanner(client, &window);
    (new QVBoxLayout(&window))->addWidget(banner);
    window.resize(800, 100);
    QSignalSpy asked(banner, &ConnectionBanner::signInRequested);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!banner->isVisible());
    client->logout();
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->messageLabel()->text().startsWith(QStringLiteral("Signed out")),
             qPrintable(banner->messageLabel()->text()));
    QVERIFY(banner->signInButton()->isVisible());
    QVERIFY(!banner->retryButton()->isVisible());
    QTest::mouseClick(banner->signInButton(), Qt::LeftButton);
    QCOMPARE(asked.count(), 1);
}

QTEST_MAIN(tst_LoginDialog)
#include "tst_logindialog.moc"
