// SPDX-License-Identifier: Apache-2.0
// patchboard-fleetsim: simulated devices over the device API of patchboard-server (issue #6).
// A thin command line around NetworkFleet (services/simulation): it reads the devices' tokens
// from a file, or enrolls devices as an administrator, runs the fleet for a bounded time and
// number of requests, and prints a summary.
#include "api/apiclient.h"
#include "api/devicejson.h"
#include "simulation/networkfleet.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace Patchboard;

namespace {

struct FleetCli
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::FleetCli)
};

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

Result<QList<DeviceCredential>> readTokens(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ServiceError::make(ServiceError::Code::Io,
                                  FleetCli::tr("Cannot read the token file %1: %2.")
                                      .arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  FleetCli::tr("%1 is not JSON: %2.").arg(path, error.errorString()),
                                  FleetCli::tr("Save the answer of POST /api/v1/device-credentials, "
                                               "or use --enroll-as with --save-tokens."));
    return Json::readDeviceCredentials(document.object());
}

// Waits for a future, with the event loop running (the ApiClient answers on this thread).
template<typename T>
T await(QFuture<T> future)
{
    while (!future.isFinished())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return future.result();
}

Result<QList<DeviceCredential>> enroll(const ServerEndpoint &endpoint, const QString &user, int devices)
{
    const QString password = QString::fromLocal8Bit(qgetenv("PATCHBOARD_PASSWORD"));
    if (password.isEmpty())
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  FleetCli::tr("--enroll-as needs the password in the environment "
                                               "variable PATCHBOARD_PASSWORD."),
                                  FleetCli::tr("Never on the command line, where ps shows it."));
    ApiClient client(endpoint);
    const Result<ApiSession> session = await(client.login(user, password));
    if (!session)
        return session.error();
    DeviceCredentialRequest request;
    request.first = devices;
    const Result<QJsonValue> answer =
        await(client.send("POST", QStringLiteral("/api/v1/device-credentials"), Json::toJson(request)));
    client.logout();
    if (!answer)
        return answer.error();
    return Json::readDeviceCredentials(answer.value());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("patchboard-fleetsim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PATCHBOARD_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(FleetCli::tr(
        "Simulated devices that check in with patchboard-server, download offered updates and "
        "report each phase, with the fleet simulator's behaviour model."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"), FleetCli::tr("The server, https://HOST:PORT."), QStringLiteral("URL"));
    const QCommandLineOption devices(QStringLiteral("devices"), FleetCli::tr("How many devices to play (default: all in the token file, 1000 when enrolling)."), QStringLiteral("N"));
    const QCommandLineOption tokens(QStringLiteral("tokens"), FleetCli::tr("The devices and their tokens (JSON, as POST /api/v1/device-credentials answers)."), QStringLiteral("FILE"));
    const QCommandLineOption enrollAs(QStringLiteral("enroll-as"), FleetCli::tr("Issue tokens for the first N devices as this administrator (password in PATCHBOARD_PASSWORD). Replaces their old tokens."), QStringLiteral("USER"));
    const QCommandLineOption saveTokens(QStringLiteral("save-tokens"), FleetCli::tr("With --enroll-as: keep the tokens in this file (mode 0600) for later runs."), QStringLiteral("FILE"));
    const QCommandLineOption caFile(QStringLiteral("ca-file"), FleetCli::tr("Trust the CA certificates in this PEM file too."), QStringLiteral("FILE"));
    const QCommandLineOption pin(QStringLiteral("pin"), FleetCli::tr("Trust exactly this server certificate (SHA-256 fingerprint, as the server prints it)."), QStringLiteral("FINGERPRINT"));
    const QCommandLineOption duration(QStringLiteral("duration"), FleetCli::tr("Stop after this many seconds (default 60; 0: no limit)."), QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption maxRequests(QStringLiteral("max-requests"), FleetCli::tr("Stop after this many requests (default: no limit)."), QStringLiteral("R"), QStringLiteral("0"));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), FleetCli::tr("Requests in flight (default 16; six per connection pool)."), QStringLiteral("C"), QStringLiteral("16"));
    const QCommandLineOption seed(QStringLiteral("seed"), FleetCli::tr("Seed of the devices' fates (default 20241105)."), QStringLiteral("S"), QStringLiteral("20241105"));
    const QCommandLineOption interval(QStringLiteral("interval"), FleetCli::tr("Milliseconds between an idle device's check-ins (default 1000)."), QStringLiteral("MS"), QStringLiteral("1000"));
    parser.addOptions({server, devices, tokens, enrollAs, saveTokens, caFile, pin, duration,
                       maxRequests, concurrency, seed, interval});
    parser.process(app);

    auto usage = [&](const QString &message) {
        err() << message << '\n' << FleetCli::tr("See patchboard-fleetsim --help.") << '\n';
        err().flush();
        return 2;
    };
    ServerEndpoint endpoint;
    endpoint.url = QUrl(parser.value(server));
    if (!parser.isSet(server) || endpoint.url.scheme() != QLatin1String("https") || endpoint.url.host().isEmpty())
        return usage(FleetCli::tr("--server https://HOST:PORT is required."));
    endpoint.caFile = parser.value(caFile);
    if (parser.isSet(pin)) {
        endpoint.pinnedSha256 = ServerEndpoint::parseFingerprint(parser.value(pin));
        if (endpoint.pinnedSha256.isEmpty())
            return usage(FleetCli::tr("--pin takes a SHA-256 fingerprint (64 hex digits, colons allowed)."));
    }
    if (parser.isSet(tokens) == parser.isSet(enrollAs))
        return usage(FleetCli::tr("Give either --tokens FILE or --enroll-as USER."));
    auto number = [&](const QCommandLineOption &option, qint64 *value) {
        bool ok = false;
        *value = parser.value(option).toLongLong(&ok);
        return ok && *value >= 0;
    };
    qint64 deviceCount = parser.isSet(enrollAs) ? 1000 : 0;
    qint64 seconds = 0, requests = 0, inFlight = 0, seedValue = 0, intervalMs = 0;
    if ((parser.isSet(devices) && (!number(devices, &deviceCount) || deviceCount == 0))
        || !number(duration, &seconds) || !number(maxRequests, &requests)
        || !number(concurrency, &inFlight) || inFlight == 0 || !number(seed, &seedValue)
        || !number(interval, &intervalMs))
        return usage(FleetCli::tr("--devices, --duration, --max-requests, --concurrency, --seed and "
                                  "--interval take non-negative whole numbers (--devices and "
                                  "--concurrency at least 1)."));
    if (seconds == 0 && requests == 0)
        return usage(FleetCli::tr("Bound the run: --duration or --max-requests."));

    Result<QList<DeviceCredential>> credentials =
        parser.isSet(tokens) ? readTokens(parser.value(tokens))
                             : enroll(endpoint, parser.value(enrollAs), int(deviceCount));
    if (!credentials) {
        err() << credentials.error().text() << '\n';
        return 1;
    }
    QList<DeviceCredential> fleet = credentials.value();
    if (deviceCount > 0 && fleet.size() > deviceCount)
        fleet.resize(deviceCount);
    if (fleet.isEmpty()) {
        err() << FleetCli::tr("No devices to play.") << '\n';
        return 1;
    }
    if (parser.isSet(saveTokens)) {
        QSaveFile file(parser.value(saveTokens));
        const bool saved = file.open(QIODevice::WriteOnly)
            && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            && file.write(QJsonDocument(Json::toJson(fleet)).toJson()) >= 0 && file.commit();
        if (!saved) {
            err() << FleetCli::tr("Cannot save the tokens to %1: %2.")
                         .arg(parser.value(saveTokens), file.errorString())
                  << '\n';
            return 1;
        }
    }

    NetworkFleet::Options options;
    options.endpoint = endpoint;
    options.concurrency = int(inFlight);
    options.maxRequests = requests;
    options.durationMs = seconds * 1000;
    options.seed = quint64(seedValue);
    options.checkInIntervalMs = int(intervalMs);
    NetworkFleet sim(options, fleet);

    // Ctrl+C ends the run early, with its summary.
    if (::pipe(g_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &sim, [&sim] {
            char byte = 0;
            [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[0], &byte, 1);
            sim.stop();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    QObject::connect(&sim, &NetworkFleet::finished, &app, &QCoreApplication::quit);
    out() << FleetCli::tr("Playing %1 devices against %2 (%3 requests in flight).")
                 .arg(fleet.size())
                 .arg(endpoint.url.toString())
                 .arg(inFlight)
          << '\n';
    out().flush();
    QTimer::singleShot(0, &sim, &NetworkFleet::start);
    app.exec();
    out() << sim.summary().text() << '\n';
    return 0;
}
