// SPDX-License-Identifier: Apache-2.0
#include "connectionbanner.h"

#include "deviceformat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

#include <cmath>

namespace Patchboard {

ConnectionBanner::ConnectionBanner(ApiClient *client, QWidget *parent)
    : QFrame(parent)
    , m_client(client)
    , m_message(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry &Now"), this))
    , m_signIn(new QPushButton(tr("Sign &In\u2026"), this))
{
    setObjectName(QStringLiteral("connectionBanner"));
    setAccessibleName(tr("Connection to the server"));
    setFrameShape(QFrame::StyledPanel);
    // A tint of the warning colour on the window's own background, readable in either theme;
    // the text says what is wrong, the colour only draws the eye.
    setAutoFillBackground(true);
    QPalette tinted = palette();
    const QColor window = tinted.color(QPalette::Window);
    const QColor warning = DeviceFormat::warningColor(tinted);
    tinted.setColor(QPalette::Window,
                    QColor::fromRgbF(0.75f * window.redF() + 0.25f * warning.redF(),
                                     0.75f * window.greenF() + 0.25f * warning.greenF(),
                                     0.75f * window.blueF() + 0.25f * warning.blueF()));
    setPalette(tinted);

    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Connection state"));
    QFont bold = m_message->font();
    bold.setBold(true);
    m_message->setFont(bold);
    m_retry->setAccessibleName(tr("Retry now"));
    m_retry->setToolTip(tr("Ask the server now instead of waiting for the next try"));
    m_signIn->setAccessibleName(tr("Sign in"));
    m_signIn->setToolTip(tr("Sign in to the server again; nothing you see is lost"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(m_message, 1);
    layout->addWidget(m_retry);
    layout->addWidget(m_signIn);

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &ConnectionBanner::updateText);
    connect(m_retry, &QPushButton::clicked, this, &ConnectionBanner::retryNow);
    connect(m_signIn, &QPushButton::clicked, this, &ConnectionBanner::signInRequested);
    if (client) {
        connect(client, &ApiClient::stateChanged, this,
                [this](ApiClient::State state) { onStateChanged(state); });
        onStateChanged(client->state());
    } else {
        hide();
    }
}

ConnectionBanner::~ConnectionBanner() = default;

void ConnectionBanner::onStateChanged(ApiClient::State state)
{
    if (state == ApiClient::State::Offline) {
        if (!m_offlineSince.isValid())
            m_offlineSince = QDateTime::currentDateTime();
        // ApiClient (re)starts its probe timer whenever it reports Offline.
        m_nextProbe = QDateTime::currentDateTime().addMSecs(ProbeIntervalMs);
        m_tick.start();
    } else {
        m_offlineSince = {};
        m_tick.stop();
    }
    m_retrying = false;
    updateText();
}

void ConnectionBanner::updateText()
{
    const ApiClient::State state = m_client ? m_client->state() : ApiClient::State::Online;
    const bool offline = state == ApiClient::State::Offline;
    const bool signedOut = state == ApiClient::State::SignedOut;
    setVisible(offline || signedOut);
    m_retry->setVisible(offline);
    m_retry->setEnabled(!m_retrying);
    m_signIn->setVisible(signedOut);
    if (offline) {
        const QDateTime now = QDateTime::currentDateTime();
        qint64 leftMs = now.msecsTo(m_nextProbe);
        if (leftMs <= 0) {
            // The probe just went out; it repeats at the same pace.
            const qint64 behind = -leftMs;
            m_nextProbe = m_nextProbe.addMSecs((behind / ProbeIntervalMs + 1) * ProbeIntervalMs);
            leftMs = now.msecsTo(m_nextProbe);
        }
        const int seconds = int(std::ceil(double(leftMs) / 1000.0));
        const QString since = QLocale().toString(m_offlineSince.time(), QLocale::ShortFormat);
        m_message->setText(m_retrying
                               ? tr("Server unreachable since %1 \u2014 retrying now\u2026").arg(since)
                               : tr("Server unreachable since %1 \u2014 retrying (next in %Ln s)",
                                    nullptr, seconds)
                                     .arg(since));
    } else if (signedOut) {
        m_message->setText(tr("Signed out \u2014 sign in again to go on"));
    } else {
        m_message->clear();
    }
    // The cause in the client's words (connection refused, certificate, session expired).
    const QString cause = m_client ? m_client->stateMessage() : QString();
    m_message->setToolTip(cause);
    setToolTip(cause);
    m_message->setAccessibleDescription(cause);
}

void ConnectionBanner::retryNow()
{
    if (!m_client || m_retrying)
        return;
    m_retrying = true;
    updateText();
    // One health check, not retried: an answer brings the state back (ApiClient goes Online on
    // any answer while signed in), no answer keeps it Offline with the new cause.
    m_client->send("GET", QStringLiteral("/api/v1/health"))
        .then(this, [this](const Result<QJsonValue> &) {
            m_retrying = false;
            if (m_client && m_client->state() == ApiClient::State::Offline)
                m_nextProbe = QDateTime::currentDateTime().addMSecs(ProbeIntervalMs);
            updateText();
        });
}

} // namespace Patchboard
