// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"
#include "domain/rollout.h"
#include "domain/updateoutcome.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>
#include <unordered_map>

namespace Patchboard {

// What a device tells the Status Tracker when it asks for updates (X.secup-iot 7, step 4).
struct DeviceCheckIn
{
    QString firmwareVersion;
    qint64 sequence = 0; // the SUIT sequence number of the running firmware
    QDate patchLevel;

    bool operator==(const DeviceCheckIn &other) const;
};

// An update offered to a device: where to fetch it, how to check it, when to install it.
struct DeviceOffer
{
    qint64 rolloutId = 0;
    int wave = 0;
    qint64 releaseId = 0;
    QString version;
    qint64 sequence = 0;
    QDate patchLevel;
    QString manifestUrl; // paths on the server, "/api/v1/device/offers/{rolloutId}/manifest"
    QString imageUrl;
    QString imageName;
    QByteArray imageDigest; // SHA-256, 32 bytes
    qint64 imageSize = 0;
    MaintenanceWindow window; // in the device's local time
    QDateTime deadline; // invalid: none
    // Where the device stands in this update as the server knows it: a device that lost its
    // state (a reboot, a crash) resumes from here.
    TargetState state = TargetState::Offered;
    int installAttempts = 0; // postponements so far

    bool operator==(const DeviceOffer &other) const;
};

struct DeviceCheckInAnswer
{
    std::optional<DeviceOffer> offer; // none: nothing to do
    QDateTime serverTime;

    bool operator==(const DeviceCheckInAnswer &other) const;
};

// One phase's outcome as a device reports it (X.secup-iot 11.2).
struct DeviceReport
{
    qint64 rolloutId = 0;
    UpdatePhase phase = UpdatePhase::Download;
    UpdateOutcome outcome = UpdateOutcome::Ok;
    FailureReason reason = FailureReason::None;
    int attempt = 0; // install: the attempt this report is about (0 first); tells repeats apart

    bool operator==(const DeviceReport &other) const;
};

struct DeviceReportAnswer
{
    TargetState state = TargetState::Offered; // where the device stands now
    bool duplicate = false; // the report had been recorded before: nothing changed

    bool operator==(const DeviceReportAnswer &other) const;
};

// Which devices get new tokens: these, or the first `first` devices by id.
struct DeviceCredentialRequest
{
    QList<qint64> devices;
    int first = 0;

    bool operator==(const DeviceCredentialRequest &other) const;
};

// A device's token with what the device knows about itself (for a simulated fleet to play it).
// The token is shown once, when it is issued; the server keeps only its SHA-256.
struct DeviceCredential
{
    qint64 deviceId = 0; // devices.id
    QString serial;
    int modelId = 0;
    QString model;
    QString timeZone; // IANA name of its region
    QString firmwareVersion;
    qint64 sequence = 0;
    QDate patchLevel;
    QByteArray token;

    bool operator==(const DeviceCredential &other) const;
};

// A file a device may download, found and checked by the gateway.
struct DeviceDownload
{
    QString path;
    QByteArray contentType;
};

// The Status Tracker's side of the device API (issue #6; X.secup-iot 7 and 11.2): device tokens,
// check-ins that answer "nothing to do" or an offer, the manifest and image of an offer, and the
// devices' reports of each phase, recorded as the simulator records them (update events, rollout
// targets, wave counters, and the device's firmware and patch level when it succeeds).
//
// Threads: deviceForToken() answers on the calling (server) thread from memory. Everything else
// runs on one worker thread that owns its database connection, and answers through the futures
// (continue with .then(context, ...)). Writes are group-committed: the reports and offers that
// arrive while a transaction is being written go together into the next one (plus up to
// GroupCommitMs of waiting for company), and each is answered once its transaction committed.
class DeviceGateway : public QObject
{
    Q_OBJECT
public:
    static constexpr int TokenBytes = 32;
    static constexpr int GroupCommitMs = 2;
    static constexpr int MaxCredentialsPerRequest = 100000;

    explicit DeviceGateway(QObject *parent = nullptr);
    ~DeviceGateway() override;

    // Opens the worker's connection and loads the token hashes. Blocks until done.
    Status open(const QString &databasePath, const QString &releaseStoreDirectory);
    // The device a bearer token belongs to.
    std::optional<qint64> deviceForToken(const QByteArray &token);

    // New tokens for devices (replacing their old ones); administrators only.
    QFuture<Result<QList<DeviceCredential>>> issueCredentials(const Operator &who,
                                                              const DeviceCredentialRequest &request);

    QFuture<Result<DeviceCheckInAnswer>> checkIn(qint64 device, const DeviceCheckIn &checkIn);
    // The manifest or an image of the offer of rolloutId that device got; PermissionDenied when
    // it got none. imageName empty: the release's first image.
    QFuture<Result<DeviceDownload>> manifest(qint64 device, qint64 rolloutId);
    QFuture<Result<DeviceDownload>> image(qint64 device, qint64 rolloutId, const QString &imageName);
    QFuture<Result<DeviceReportAnswer>> report(qint64 device, const DeviceReport &report);

    // Reads the tokens issued since the last read (by another server instance on the same
    // database); also every 10 s by itself.
    void reloadTokens();

Q_SIGNALS:
    // Reports or offers were committed: devices, rollout counts and events changed. At most
    // about twice a second.
    void devicesReported();
    // issueCredentials() committed new tokens (other instances should reloadTokens()).
    void credentialsIssued();

private:
    struct Worker;
    struct Job;
    struct TokenKey
    {
        quint64 high = 0;
        quint64 low = 0;
        bool operator==(const TokenKey &other) const
        {
            return high == other.high && low == other.low;
        }
    };
    struct TokenKeyHash
    {
        std::size_t operator()(const TokenKey &key) const { return std::size_t(key.high ^ key.low); }
    };
    static TokenKey keyOf(const QByteArray &sha256);
    void remember(qint64 device, const QByteArray &sha256);
    void committed();

    template<typename T, typename Fn>
    QFuture<Result<T>> post(bool writes, Fn fn);

    std::shared_ptr<Worker> m_worker;
    // SHA-256 of the token (its first 16 bytes) -> device, and back for replacing a token.
    std::unordered_map<TokenKey, qint64, TokenKeyHash> m_tokens;
    std::unordered_map<qint64, TokenKey> m_tokenOfDevice;
    qint64 m_tokensSeenUntil = 0; // newest `created` loaded (several instances share the table)
    QTimer m_tokenRefresh;
    QTimer m_changed;
};

} // namespace Patchboard
