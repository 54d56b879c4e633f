// SPDX-License-Identifier: Apache-2.0
#include "apiclient.h"

#include "apierror.h"
#include "jsonreader.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPromise>
#include <QSaveFile>
#include <QSslConfiguration>
#include <QSslError>

namespace Patchboard {

namespace {

struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

constexpr int kMaxAttempts = 5; // the first try and four retries: 0.5, 1, 2, 4 s
constexpr int kProbeMs = 3000;
constexpr int kChangesMs = 2000;

QString fingerprintText(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

bool isTransient(int httpStatus)
{
    return httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
}

} // namespace

QByteArray ServerEndpoint::parseFingerprint(const QString &text)
{
    QString hex = text.trimmed();
    hex.remove(QLatin1Char(':'));
    hex.remove(QLatin1Char(' '));
    if (hex.size() != 64)
        return {};
    for (const QChar c : hex) {
        if (c.unicode() > 0x7f || !isxdigit(c.toLatin1()))
            return {};
    }
    return QByteArray::fromHex(hex.toLatin1());
}

struct ApiClient::Call
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
    bool retry = false; // reads only
    bool background = false; // polls and probes: no state change on their own account
    int attempt = 0;
    QString filePath; // a download
    std::shared_ptr<QPromise<Result<QJsonValue>>> json;
    std::shared_ptr<QPromise<Result<qint64>>> download;
};

ApiClient::ApiClient(const ServerEndpoint &endpoint, QObject *parent)
    : QObject(parent), m_endpoint(endpoint), m_network(new QNetworkAccessManager(this))
{
    m_network->setAutoDeleteReplies(false);
    m_network->setStrictTransportSecurityEnabled(false);
    if (!m_endpoint.caFile.isEmpty()) {
        QFile file(m_endpoint.caFile);
        if (!file.open(QIODevice::ReadOnly)) {
            m_trustProblem = Api::tr("Cannot read the CA file %1: %2.")
                                 .arg(m_endpoint.caFile, file.errorString());
        } else {
            m_extraCas = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
            if (m_extraCas.isEmpty())
                m_trustProblem = Api::tr("The CA file %1 holds no PEM certificate.")
                                     .arg(m_endpoint.caFile);
        }
    }
    m_probe.setInterval(kProbeMs);
    connect(&m_probe, &QTimer::timeout, this, &ApiClient::probe);
}

ApiClient::~ApiClient() = default;

QNetworkRequest ApiClient::request(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_endpoint.url;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!m_extraCas.isEmpty())
        tls.setCaCertificates(tls.caCertificates() + m_extraCas);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    request.setSslConfiguration(tls);
    return request;
}

void ApiClient::checkPeer(QNetworkReply *reply, const QList<QSslError> &errors)
{
    // Exactly one certificate is accepted beyond the CAs: the pinned one. Its own errors (self-
    // signed, unknown issuer, host name of a development certificate) are ignored for it only.
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    const QByteArray sha = peer.isNull() ? QByteArray() : peer.digest(QCryptographicHash::Sha256);
    if (!m_endpoint.pinnedSha256.isEmpty() && sha == m_endpoint.pinnedSha256) {
        reply->ignoreSslErrors(errors);
        return;
    }
    reply->setProperty("patchboard.untrusted", sha);
    Q_UNUSED(errors);
}

void ApiClient::start(const std::shared_ptr<Call> &call)
{
    ++call->attempt;
    QNetworkRequest req = request(call->path, call->query);
    if (!call->contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, call->contentType);
    QNetworkReply *reply = nullptr;
    if (call->method == "GET")
        reply = m_network->get(req);
    else
        reply = m_network->sendCustomRequest(req, call->method, call->body);
    connect(reply, &QNetworkReply::sslErrors, this,
            [this, reply](const QList<QSslError> &errors) { checkPeer(reply, errors); });
    if (call->download) {
        connect(reply, &QNetworkReply::downloadProgress, this,
                [call, reply](qint64 received, qint64 total) {
                    if (call->download->isCanceled()) {
                        reply->abort();
                        return;
                    }
                    if (total > 0)
                        call->download->setProgressRange(0, int(qMin<qint64>(total, INT_MAX)));
                    call->download->setProgressValue(int(qMin<qint64>(received, INT_MAX)));
                });
    }
    connect(reply, &QNetworkReply::finished, this, [this, call, reply] { finished(call, reply); });
}

void ApiClient::finished(const std::shared_ptr<Call> &call, QNetworkReply *reply)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    auto fail = [&call](const ServiceError &error) {
        if (call->json) {
            call->json->addResult(Result<QJsonValue>(error));
            call->json->finish();
        } else {
            call->download->addResult(Result<qint64>(error));
            call->download->finish();
        }
    };

    if (status == 0) { // no HTTP answer at all
        if (call->download && call->download->isCanceled()) {
            fail(ServiceError::make(ServiceError::Code::Cancelled, Api::tr("Download cancelled.")));
            return;
        }
        const QByteArray untrusted = reply->property("patchboard.untrusted").toByteArray();
        ServiceError error;
        if (!untrusted.isEmpty() || reply->error() == QNetworkReply::SslHandshakeFailedError) {
            // Not transient: retrying cannot make an untrusted certificate trusted.
            error = ServiceError::make(
                ServiceError::Code::Unreachable,
                untrusted.isEmpty()
                    ? Api::tr("The secure connection to %1 failed: %2.")
                          .arg(m_endpoint.url.toDisplayString(), reply->errorString())
                    : Api::tr("The server's certificate is not trusted. Its SHA-256 fingerprint "
                              "is %1.")
                          .arg(fingerprintText(untrusted)),
                m_trustProblem.isEmpty()
                    ? Api::tr("Compare the fingerprint with the one patchboard-server printed "
                              "when it started; if they are equal, pin it (--pin or Settings > "
                              "Connection), or name the CA that signed it (--ca-file).")
                    : m_trustProblem);
            if (!call->background)
                setState(State::Offline, error.message);
            fail(error);
            return;
        }
        error = ServiceError::make(
            ServiceError::Code::Unreachable,
            Api::tr("The server %1 does not answer: %2.")
                .arg(m_endpoint.url.toDisplayString(), reply->errorString()),
            Api::tr("Check that patchboard-server runs and that the address is right."));
        if (call->retry && call->attempt < kMaxAttempts) {
            if (!call->background)
                setState(State::Offline, error.message);
            const int delay = 500 << (call->attempt - 1);
            QTimer::singleShot(delay, this, [this, call] { start(call); });
            return;
        }
        if (!call->background)
            setState(State::Offline, error.message);
        fail(error);
        return;
    }

    if (isTransient(status) && call->retry && call->attempt < kMaxAttempts) {
        const int delay = 500 << (call->attempt - 1);
        QTimer::singleShot(delay, this, [this, call] { start(call); });
        return;
    }
    if (status == 401 && !call->background) {
        const bool hadSession = !m_token.isEmpty();
        if (call->path != QLatin1String("/api/v1/login")) {
            m_token.clear();
            setState(State::SignedOut, Api::tr("Signed out: the session expired."));
            if (hadSession)
                Q_EMIT sessionExpired();
        }
    } else if (m_state != State::Online && !m_token.isEmpty()) {
        setState(State::Online, Api::tr("Connected to %1.").arg(m_endpoint.url.toDisplayString()));
    }
    if (status < 200 || status >= 300) {
        fail(ApiError::fromResponse(status, body));
        return;
    }
    if (call->download) {
        QSaveFile file(call->filePath);
        if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size() || !file.commit()) {
            fail(ServiceError::make(ServiceError::Code::Io,
                                    Api::tr("Cannot write %1: %2.")
                                        .arg(call->filePath, file.errorString())));
            return;
        }
        call->download->addResult(Result<qint64>(body.size()));
        call->download->finish();
        return;
    }
    if (body.isEmpty()) {
        call->json->addResult(Result<QJsonValue>(QJsonValue()));
        call->json->finish();
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(ServiceError::make(ServiceError::Code::BadResponse,
                                Api::tr("The server answered with something that is not JSON (%1).")
                                    .arg(parseError.errorString()),
                                Api::tr("Check that the address is a patchboard-server and not "
                                        "another web server or a proxy.")));
        return;
    }
    call->json->addResult(
        Result<QJsonValue>(document.isArray() ? QJsonValue(document.array())
                                              : QJsonValue(document.object())));
    call->json->finish();
}

void ApiClient::setState(State state, const QString &message)
{
    if (state == m_state && message == m_stateMessage)
        return;
    m_state = state;
    m_stateMessage = message;
    if (state == State::Offline)
        m_probe.start(kProbeMs);
    else if (!m_token.isEmpty() && state == State::Online)
        m_probe.start(kChangesMs);
    else
        m_probe.stop();
    Q_EMIT stateChanged(state, message);
}

void ApiClient::probe()
{
    // Offline: the health check brings the state back. Online: the change counters.
    auto call = std::make_shared<Call>();
    call->method = "GET";
    call->background = true;
    call->json = std::make_shared<QPromise<Result<QJsonValue>>>();
    const bool offline = m_state == State::Offline;
    call->path = offline || m_token.isEmpty() ? QStringLiteral("/api/v1/health")
                                              : QStringLiteral("/api/v1/changes");
    QFuture<Result<QJsonValue>> future = call->json->future();
    call->json->start();
    start(call);
    future.then(this, [this, offline](const Result<QJsonValue> &result) {
        if (!result) {
            if (result.error().code == ServiceError::Code::Unreachable)
                setState(State::Offline, result.error().message);
            return;
        }
        if (offline) {
            setState(m_token.isEmpty() ? State::SignedOut : State::Online,
                     Api::tr("Connected to %1.").arg(m_endpoint.url.toDisplayString()));
            return;
        }
        const QJsonObject counters = result.value().toObject();
        for (auto it = counters.begin(); it != counters.end(); ++it) {
            const qint64 value = qint64(it.value().toDouble());
            auto known = m_counters.find(it.key());
            if (known == m_counters.end()) {
                m_counters.insert(it.key(), value);
            } else if (known.value() != value) {
                known.value() = value;
                Q_EMIT changed(it.key());
            }
        }
    });
}

QFuture<Result<ApiSession>> ApiClient::login(const QString &user, const QString &password)
{
    m_token.clear();
    if (!m_trustProblem.isEmpty()) {
        return QtFuture::makeReadyFuture(Result<ApiSession>(ServiceError::make(
            ServiceError::Code::Unreachable, m_trustProblem,
            Api::tr("Check the CA file named in Settings > Connection or --ca-file."))));
    }
    return send("POST", QStringLiteral("/api/v1/login"),
                QJsonObject{{QStringLiteral("user"), user}, {QStringLiteral("password"), password}})
        .then(this, [this](const Result<QJsonValue> &result) -> Result<ApiSession> {
            if (!result)
                return result.error();
            JsonReader r(result.value(), QStringLiteral("login"));
            const QByteArray token = r.string("token").toLatin1();
            ApiSession session;
            session.expires = r.dateTime("expires");
            JsonReader who = r.object("operator");
            session.who.name = who.string("name");
            const QString role = who.string("role");
            if (r.ok()) {
                if (const auto parsed = Operator::roleFromName(role))
                    session.who.role = *parsed;
                else
                    r.fail("operator.role", Api::tr("unknown role %1").arg(role));
            }
            if (!r.ok() || token.isEmpty())
                return r.ok() ? ServiceError::make(ServiceError::Code::BadResponse,
                                                   Api::tr("The server sent no token."))
                              : r.error();
            m_token = token;
            m_session = session;
            m_counters.clear();
            setState(State::Online, Api::tr("Signed in to %1 as %2.")
                                        .arg(m_endpoint.url.toDisplayString(), session.who.name));
            m_probe.start(kChangesMs);
            probe(); // learn the counters now, so that the first change is noticed
            return session;
        });
}

void ApiClient::logout()
{
    if (m_token.isEmpty())
        return;
    send("POST", QStringLiteral("/api/v1/logout"));
    m_token.clear();
    m_session = {};
    setState(State::SignedOut, Api::tr("Signed out."));
}

QFuture<Result<QJsonValue>> ApiClient::get(const QString &path, const QUrlQuery &query)
{
    auto call = std::make_shared<Call>();
    call->method = "GET";
    call->path = path;
    call->query = query;
    call->retry = true;
    call->json = std::make_shared<QPromise<Result<QJsonValue>>>();
    QFuture<Result<QJsonValue>> future = call->json->future();
    call->json->start();
    start(call);
    return future;
}

QFuture<Result<QJsonValue>> ApiClient::send(const QByteArray &method, const QString &path,
                                            const QJsonValue &body)
{
    auto call = std::make_shared<Call>();
    call->method = method;
    call->path = path;
    if (body.isObject())
        call->body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        call->body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    if (!call->body.isEmpty())
        call->contentType = "application/json";
    call->json = std::make_shared<QPromise<Result<QJsonValue>>>();
    QFuture<Result<QJsonValue>> future = call->json->future();
    call->json->start();
    start(call);
    return future;
}

QFuture<Result<QJsonValue>> ApiClient::upload(const QString &path, const QByteArray &contentType,
                                              const QByteArray &data)
{
    auto call = std::make_shared<Call>();
    call->method = "PUT";
    call->path = path;
    call->body = data;
    call->contentType = contentType;
    call->json = std::make_shared<QPromise<Result<QJsonValue>>>();
    QFuture<Result<QJsonValue>> future = call->json->future();
    call->json->start();
    start(call);
    return future;
}

QFuture<Result<qint64>> ApiClient::download(const QString &path, const QUrlQuery &query,
                                            const QString &filePath)
{
    auto call = std::make_shared<Call>();
    call->method = "GET";
    call->path = path;
    call->query = query;
    call->retry = true;
    call->filePath = filePath;
    call->download = std::make_shared<QPromise<Result<qint64>>>();
    QFuture<Result<qint64>> future = call->download->future();
    call->download->start();
    start(call);
    return future;
}

} // namespace Patchboard
