// SPDX-License-Identifier: Apache-2.0
#include "logindialog.h"

#include "deviceformat.h"
#include "viewstyle.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Patchboard {

namespace {
constexpr int MaxUserName = 100; // as the operator name in Settings
} // namespace

LoginDialog::LoginDialog(ApiClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_reason(new QLabel(this))
    , m_server(new QLabel(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Sign In \u2014 Patchboard"));
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_reason->hide();

    // The address as the operator gave it, so that a typo is seen before the password goes out.
    m_server->setText(client ? client->endpoint().url.toDisplayString() : QString());
    m_server->setTextFormat(Qt::PlainText);
    m_server->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_server->setAccessibleName(tr("Server"));
    m_user->setMaxLength(MaxUserName);
    m_user->setAccessibleName(tr("User name"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_password->setMinimumWidth(m_password->fontMetrics().averageCharWidth() * 36);

    // Errors are read in full (the fingerprint of an untrusted certificate, to compare and copy).
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_message->setAccessibleName(tr("Sign-in problem"));
    m_message->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_server);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);

    auto *intro = new QLabel(tr("Sign in as an operator of the server. What you may do follows "
                                "the role the server gives you."),
                             this);
    intro->setWordWrap(true);
    ViewStyle::setMuted(intro);

    signInButton()->setText(tr("&Sign In"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(signInButton(), &QPushButton::clicked, this, &LoginDialog::signIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_user, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    updateButtons();
    resize(520, sizeHint().height());
}

LoginDialog::~LoginDialog() = default;

QPushButton *LoginDialog::signInButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void LoginDialog::setUser(const QString &user)
{
    m_user->setText(user);
    (user.isEmpty() ? m_user : m_password)->setFocus();
}

QString LoginDialog::user() const
{
    return m_user->text().trimmed();
}

void LoginDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
}

void LoginDialog::updateButtons()
{
    signInButton()->setEnabled(!m_busy && m_client && !user().isEmpty()
                               && !m_password->text().isEmpty());
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_user->setReadOnly(busy);
    m_password->setReadOnly(busy);
    updateButtons();
    if (busy) {
        m_message->setPalette(QPalette());
        m_message->setText(tr("Signing in to %1\u2026").arg(m_server->text()));
        m_message->show();
    }
}

void LoginDialog::showError(const ServiceError &error)
{
    // The server's words first (wrong password, rate limit), then what to do.
    const QString text = DeviceFormat::warningMarker() + error.text();
    QPalette critical = m_message->palette();
    critical.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_message->setPalette(critical);
    m_message->setText(text);
    m_message->show();
    m_password->selectAll();
    m_password->setFocus();
}

void LoginDialog::reject()
{
    ++m_attempt;
    m_password->clear();
    setBusy(false);
    m_message->hide();
    QDialog::reject();
}

void LoginDialog::signIn()
{
    if (m_busy || !m_client || !signInButton()->isEnabled())
        return;
    setBusy(true);
    const int attempt = ++m_attempt;
    const QString password = m_password->text();
    // Continued on this dialog: if it is gone, nothing is shown (the client keeps its state).
    m_client->login(user(), password).then(this, [this, attempt](const Result<ApiSession> &result) {
        if (attempt != m_attempt)
            return;
        setBusy(false);
        if (!result) {
            showError(result.error());
            Q_EMIT failed(result.error());
            return;
        }
        m_password->clear();
        m_message->hide();
        Q_EMIT signedIn(result.value());
        accept();
    });
}

} // namespace Patchboard
