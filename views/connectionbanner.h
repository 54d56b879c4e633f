// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "api/apiclient.h"

#include <QDateTime>
#include <QFrame>
#include <QPointer>
#include <QTimer>

class QLabel;
class QPushButton;

namespace Patchboard {

// The strip at the top of the main window that says when the server cannot be used (issue #6:
// "a visible offline banner"): Offline ("Server unreachable since 12:04 — retrying (next in
// 4 s)" and Retry Now) or SignedOut ("Signed out" and Sign In…). Hidden while the connection is
// fine. It only reports and asks: the ApiClient probes the server and the main window signs in.
class ConnectionBanner : public QFrame
{
    Q_OBJECT
public:
    // How often ApiClient probes an unreachable server (its health check); the countdown shown.
    static constexpr int ProbeIntervalMs = 3000;

    explicit ConnectionBanner(ApiClient *client, QWidget *parent = nullptr);
    ~ConnectionBanner() override;

    QLabel *messageLabel() const { return m_message; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *signInButton() const { return m_signIn; }
    // When the server was first found unreachable (invalid while it is reachable).
    QDateTime offlineSince() const { return m_offlineSince; }

public Q_SLOTS:
    // Asks the server at once instead of waiting for the next probe.
    void retryNow();

Q_SIGNALS:
    void signInRequested();

private:
    void onStateChanged(ApiClient::State state);
    void updateText();

    QPointer<ApiClient> m_client;
    QLabel *m_message = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_signIn = nullptr;
    QTimer m_tick; // the countdown, once a second while offline
    QDateTime m_offlineSince;
    QDateTime m_nextProbe;
    bool m_retrying = false;
};

} // namespace Patchboard
