// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "apiserver.h"
#include "core/result.h"

#include <QDateTime>
#include <QHostAddress>
#include <QObject>
#include <QSslCertificate>

#include <memory>

namespace Patchboard {

class AuditBackend;
class FirmwareBackend;
class RolloutBackend;
class TelemetryBackend;
class TrackerBackend;

// patchboard-server as a library (issue #6): one process serving the Status Tracker and the
// Firmware Server roles over HTTPS, on one database. It opens the embedded backends (the same
// service rules the console runs in-process), puts the operator API, the device API and the login
// in front of them, and runs the rollout engine on the wall clock with the devices reporting over
// the network instead of the simulator. app/server is a thin command line around it; tests start
// one on a loopback port.
class PatchboardServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString databasePath;
        // Release store, the development certificate and key. Default: next to the database.
        QString dataDirectory;
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 8443; // 0: any free port (tests)
        // PEM files. Empty: a self-signed development certificate in dataDirectory, made on
        // first start (its SHA-256 fingerprint is printed, for the console to pin).
        QString certificatePath;
        QString keyPath;
        bool tracker = true; // the Status Tracker role: devices, rollouts, telemetry, device API
        bool firmware = true; // the Firmware Server role: releases, keys, bulletins
        bool accessLog = true;
        int demoDevices = 0; // a new database starts with a demo fleet this big and its releases
        int sessionHours = 8; // operator token lifetime
        qint64 maxUploadBytes = qint64(512) << 20;
    };

    explicit PatchboardServer(QObject *parent = nullptr);
    ~PatchboardServer() override;

    // Opens everything and listens. Blocks until the backends are open (a server starts before
    // it serves). The error says what is wrong and what to do (a busy port, a bad certificate).
    Status start(const Options &options);

    quint16 port() const;
    QSslCertificate certificate() const;
    // SHA-256 of the certificate (DER), as ServerEndpoint::pinnedSha256 takes it.
    QByteArray certificateSha256() const;
    ApiServer &api();

    // Operator accounts (the CLI's "user add", tests).
    Status addOperator(const QString &name, OperatorRole role, const QString &password);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Patchboard
