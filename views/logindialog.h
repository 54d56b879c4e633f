// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "api/apiclient.h"

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Patchboard {

// Sign in to patchboard-server (issue #6): the server it talks to, the user and the password.
// The login runs on the network (ApiClient's future), never blocking the GUI thread; while it
// runs the fields are locked and Cancel stays usable. Whatever the server or the connection
// answers is shown in the dialog, as the server said it: a wrong password, too many attempts, a
// server that does not answer, or a certificate that is not trusted (with its SHA-256
// fingerprint, to compare with the one patchboard-server printed; it is never accepted here).
// On success the dialog emits signedIn() and closes; the password is forgotten either way.
class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LoginDialog(ApiClient *client, QWidget *parent = nullptr);
    ~LoginDialog() override;

    void setUser(const QString &user);
    QString user() const;
    // A line above the fields, such as "Your session expired." (empty: none).
    void setReason(const QString &reason);

    QLineEdit *userEdit() const { return m_user; }
    QLineEdit *passwordEdit() const { return m_password; }
    QLabel *serverLabel() const { return m_server; }
    QLabel *messageLabel() const { return m_message; }
    QPushButton *signInButton() const;
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    // Signs in with the fields as they are (what the Sign In button does).
    void signIn();
    // Cancel: an answer still on its way is not acted on.
    void reject() override;

Q_SIGNALS:
    void signedIn(const Patchboard::ApiSession &session);
    // The attempt failed; the dialog shows why and stays open.
    void failed(const Patchboard::ServiceError &error);

private:
    void setBusy(bool busy);
    void showError(const ServiceError &error);
    void updateButtons();

    QPointer<ApiClient> m_client;
    QLabel *m_reason = nullptr;
    QLabel *m_server = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_message = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_busy = false;
    int m_attempt = 0; // an answer to an older attempt is not shown
};

} // namespace Patchboard
