// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "api/apiclient.h"
#include "fleetsimulator.h"
#include "rollout/devicegateway.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <queue>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace Patchboard {

// Simulated devices that talk to patchboard-server's device API over HTTPS (issue #6,
// patchboard-fleetsim and its benchmark): the in-process simulator's behaviour model (its fates:
// which devices fail, in which phase and why, with the model's failure rate; postponements on low
// battery; installation in the maintenance window in the device's local time), played in real
// time against a real server. Each device checks in, and with an offer downloads the manifest and
// the image (in two byte ranges, as an interrupted download resumes), checks the image's SHA-256,
// and reports download, verification, installation and reboot.
//
// The devices share a few keep-alive connections (QNetworkAccessManager, six per manager) with at
// most `concurrency` requests in flight; the run ends after `durationMs`, after `maxRequests`, or
// on stop(), once the requests in flight are answered. Lives on the thread that created it.
class NetworkFleet : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        ServerEndpoint endpoint;
        int concurrency = 16; // requests in flight
        qint64 maxRequests = 0; // 0: no bound
        qint64 durationMs = 60000; // 0: no bound
        quint64 seed = 20241105; // the fates, as FleetSimulator draws them
        int checkInIntervalMs = 1000; // an idle device asks again after about this long (0: at once)
        int retryMs = 1000; // after a failed request
        int postponeMs = 2000; // after a low-battery postponement (and then the next window)
        int timeoutMs = 30000;
        FleetSimulator::Timing timing; // lowBatteryChance, maxPostponements
        QHash<int, double> failureRates; // by model id; absent: the demo catalog's by model name
        bool resumeDownloads = true; // each image in two ranges
    };

    struct Summary
    {
        qint64 requests = 0;
        qint64 checkIns = 0;
        qint64 offers = 0;
        qint64 manifests = 0;
        qint64 images = 0; // images downloaded whole and checked
        qint64 bytes = 0;
        QMap<QString, qint64> reports; // "install postponed", "reboot succeeded", ...
        QMap<QString, qint64> errors; // "check-in: HTTP 503", ...
        qint64 errorCount = 0;
        qint64 elapsedMs = 0;
        double checkInsPerSecond = 0;
        double checkInP50Ms = 0, checkInP99Ms = 0;
        double requestP50Ms = 0, requestP99Ms = 0;
        int updated = 0; // devices that installed an update in this run
        int waitingForWindow = 0; // devices with a verified update, waiting to install

        QString text() const;
    };

    NetworkFleet(const Options &options, const QList<DeviceCredential> &devices,
                 QObject *parent = nullptr);
    ~NetworkFleet() override;

    void start();
    // No new requests; finished() follows when those in flight are answered.
    void stop();
    bool isRunning() const { return m_running; }
    Summary summary() const;
    // The devices that run this firmware version now.
    int devicesRunning(const QString &version) const;

Q_SIGNALS:
    void finished();

private:
    struct Device;
    enum class Step : quint8;
    void schedule(quint32 device, qint64 dueMs);
    void pump();
    void issue(quint32 index);
    void answered(quint32 index, QNetworkReply *reply, qint64 started, int manager);
    void advance(Device &d, quint32 index, int status, const QByteArray &body, bool network);
    void fail(Device &d, quint32 index, const QString &what, int status, const QByteArray &body,
              const QString &networkError);
    void idle(Device &d, quint32 index);
    qint64 installTime(const Device &d, qint64 nowMs, quint64 salt) const;
    double uniform(qint64 rollout, qint64 device, quint64 salt) const;
    qint64 now() const;
    void finish();

    Options m_options;
    std::vector<Device> m_devices;
    FleetSimulator m_fates;
    std::vector<QNetworkAccessManager *> m_managers;
    std::vector<int> m_inFlightOf;
    QList<QSslCertificate> m_extraCas;
    QSslConfiguration m_tls;
    using Entry = std::pair<qint64, quint32>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> m_due;
    QTimer m_wake;
    QTimer m_deadline;
    QElapsedTimer m_clock;
    qint64 m_startMs = 0; // wall clock at start, ms since the epoch
    int m_inFlight = 0;
    bool m_running = false;
    bool m_stopping = false;

    Summary m_summary;
    std::vector<float> m_checkInLatency;
    std::vector<float> m_requestLatency;
};

} // namespace Patchboard
