// SPDX-License-Identifier: Apache-2.0
// patchboard-server: the reference Status Tracker and Firmware Server (issue #6). A thin command
// line around PatchboardServer (services/api): it parses the options, manages operator accounts,
// starts the server and stops it cleanly on SIGINT/SIGTERM.
#include "api/patchboardserver.h"
#include "auth/operatorsessions.h"
#include "storage/database.h"
#include "storage/databasecopy.h"
#include "storage/postgresurl.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

using namespace Patchboard;

namespace {

struct ServerCli
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ServerCli)
};

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

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

QString defaultDatabase()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(dir).filePath(QStringLiteral("patchboard-server/patchboard.db"));
}

// The password of a new account: from PATCHBOARD_PASSWORD (scripts), or typed twice without
// echo on a terminal. Never from the command line, where ps would show it.
QString readPassword()
{
    const QByteArray fromEnv = qgetenv("PATCHBOARD_PASSWORD");
    if (!fromEnv.isEmpty())
        return QString::fromUtf8(fromEnv);
    if (!::isatty(STDIN_FILENO))
        return QString::fromUtf8(QTextStream(stdin).readLine().toUtf8());
    termios old{};
    ::tcgetattr(STDIN_FILENO, &old);
    termios silent = old;
    silent.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    QTextStream in(stdin);
    err() << ServerCli::tr("Password: ") << Qt::flush;
    const QString first = in.readLine();
    err() << '\n' << ServerCli::tr("Repeat it: ") << Qt::flush;
    const QString second = in.readLine();
    err() << Qt::endl;
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
    return first == second ? first : QString();
}

int addUser(const QStringList &arguments, const QString &database)
{
    // user add NAME --role ROLE
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("name"), ServerCli::tr("The operator's name."));
    parser.addOption({QStringLiteral("role"),
                      ServerCli::tr("viewer, test-engineer, rollout-manager or administrator."),
                      QStringLiteral("role")});
    parser.addOption({QStringLiteral("database"),
                      ServerCli::tr("The server's database (a file or a postgresql:// URL)."),
                      QStringLiteral("file|url"), database});
    parser.process(arguments);
    const QStringList names = parser.positionalArguments();
    const auto role = Operator::roleFromName(parser.value(QStringLiteral("role")));
    if (names.size() != 1 || !role) {
        err() << ServerCli::tr("Usage: patchboard-server user add NAME --role "
                               "viewer|test-engineer|rollout-manager|administrator")
              << Qt::endl;
        return 2;
    }
    const QString password = readPassword();
    if (password.isEmpty()) {
        err() << ServerCli::tr("No password (or the two did not match); nothing was changed.")
              << Qt::endl;
        return 2;
    }
    const QString path = parser.value(QStringLiteral("database"));
    if (!PostgresUrl::matches(path))
        QDir().mkpath(QFileInfo(path).absolutePath());
    OperatorSessions sessions;
    Status status = sessions.open(path);
    if (status)
        status = sessions.addAccount(names.first(), *role, password);
    if (!status) {
        err() << status.error().text() << Qt::endl;
        return 1;
    }
    out() << ServerCli::tr("Added %1 (%2).").arg(names.first(), Operator::roleName(*role))
          << Qt::endl;
    return 0;
}

int copyDatabase(const QStringList &arguments)
{
    // copy-database --from SOURCE --to TARGET
    QCommandLineParser parser;
    parser.setApplicationDescription(ServerCli::tr(
        "Copies every row of a Patchboard database into a new, empty one: a single-node "
        "server's SQLite file into PostgreSQL (or back). Stop the server first."));
    parser.addOption({QStringLiteral("from"), ServerCli::tr("The database to copy."),
                      QStringLiteral("file|url")});
    parser.addOption({QStringLiteral("to"),
                      ServerCli::tr("The new database (created and migrated if missing)."),
                      QStringLiteral("file|url")});
    parser.process(arguments);
    const QString fromPath = parser.value(QStringLiteral("from"));
    const QString toPath = parser.value(QStringLiteral("to"));
    if (fromPath.isEmpty() || toPath.isEmpty()) {
        err() << ServerCli::tr("Usage: patchboard-server copy-database --from FILE|URL --to "
                               "FILE|URL")
              << Qt::endl;
        return 2;
    }
    if (!PostgresUrl::matches(fromPath) && !QFileInfo(fromPath).isFile()) {
        err() << ServerCli::tr("%1 does not exist.").arg(fromPath) << Qt::endl;
        return 2;
    }
    Result<Database> from = Database::open(fromPath);
    if (!from) {
        err() << from.error().text() << Qt::endl;
        return 1;
    }
    Result<Database> to = Database::open(toPath);
    if (!to) {
        err() << to.error().text() << Qt::endl;
        return 1;
    }
    qint64 rows = 0;
    const Status copied = DatabaseCopy::copy(
        from.value(), to.value(), [&rows](const QString &table, qint64 count) {
            rows += count;
            if (count > 0)
                out() << ServerCli::tr("%1: %n row(s)", nullptr, int(qMin<qint64>(count, INT_MAX)))
                             .arg(table)
                      << Qt::endl;
        });
    if (!copied) {
        err() << copied.error().text() << Qt::endl;
        return 1;
    }
    out() << ServerCli::tr("Copied %1 rows from %2 to %3.")
                 .arg(rows)
                 .arg(from.value().path(), to.value().path())
          << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Patchboard"));
    QCoreApplication::setApplicationName(QStringLiteral("patchboard-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PATCHBOARD_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() >= 3 && arguments.at(1) == QLatin1String("user")
        && arguments.at(2) == QLatin1String("add")) {
        arguments.remove(1, 2);
        return addUser(arguments, defaultDatabase());
    }
    if (arguments.size() >= 2 && arguments.at(1) == QLatin1String("copy-database")) {
        arguments.remove(1);
        return copyDatabase(arguments);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(ServerCli::tr(
        "The reference Status Tracker and Firmware Server for Patchboard consoles and devices.\n"
        "Add operators with: patchboard-server user add NAME --role ROLE\n"
        "Move a database with: patchboard-server copy-database --from FILE --to URL"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption database(
        QStringLiteral("database"),
        ServerCli::tr("The database: a SQLite file, or postgresql://user:password@host:port/"
                      "name for PostgreSQL (several instances can share one)."),
        QStringLiteral("file|url"), defaultDatabase());
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     ServerCli::tr("Release store, uploads and the development "
                                                   "certificate (default: DATABASE.server)."),
                                     QStringLiteral("dir"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    ServerCli::tr("The address to listen on (default 127.0.0.1; "
                                                  "0.0.0.0 for all)."),
                                    QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), ServerCli::tr("The HTTPS port."),
                                  QStringLiteral("port"), QStringLiteral("8443"));
    const QCommandLineOption cert(QStringLiteral("cert"),
                                  ServerCli::tr("The certificate (PEM, with its chain)."),
                                  QStringLiteral("file"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 ServerCli::tr("The certificate's private key (PEM)."),
                                 QStringLiteral("file"));
    const QCommandLineOption noTracker(QStringLiteral("no-tracker"),
                                       ServerCli::tr("Do not serve the Status Tracker role."));
    const QCommandLineOption noFirmware(QStringLiteral("no-firmware"),
                                        ServerCli::tr("Do not serve the Firmware Server role."));
    const QCommandLineOption demo(QStringLiteral("demo-devices"),
                                  ServerCli::tr("Seed a new database with a demo fleet of N "
                                                "devices and the demo releases."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption sessionHours(QStringLiteral("session-hours"),
                                          ServerCli::tr("Lifetime of an operator's sign-in."),
                                          QStringLiteral("hours"), QStringLiteral("8"));
    const QCommandLineOption maxUpload(QStringLiteral("max-upload"),
                                       ServerCli::tr("The largest file of a release an operator "
                                                     "may upload, in MiB."),
                                       QStringLiteral("MiB"), QStringLiteral("512"));
    const QCommandLineOption quiet(QStringLiteral("quiet"),
                                   ServerCli::tr("No access log (one line per request)."));
    parser.addOptions({database, dataDir, listen, port, cert, key, noTracker, noFirmware, demo,
                       sessionHours, maxUpload, quiet});
    parser.process(app);

    PatchboardServer::Options options;
    options.databasePath = parser.value(database);
    options.dataDirectory = parser.value(dataDir);
    const bool postgres = PostgresUrl::matches(options.databasePath);
    if (postgres && options.dataDirectory.isEmpty()) {
        // Several instances share the database but each keeps its files: the release store
        // must be shared storage (the same mount on every instance).
        err() << ServerCli::tr("--data-dir is needed with a PostgreSQL database: the folder for "
                               "the release store and the certificate (on several instances, "
                               "the same shared folder).")
              << Qt::endl;
        return 2;
    }
    if (!options.address.setAddress(parser.value(listen))) {
        err() << ServerCli::tr("--listen: %1 is not an IP address.").arg(parser.value(listen))
              << Qt::endl;
        return 2;
    }
    bool ok = false;
    options.port = parser.value(port).toUShort(&ok);
    const int demoDevices = parser.value(demo).toInt(&ok);
    if (!ok || demoDevices < 0) {
        err() << ServerCli::tr("--demo-devices: expected a number of devices.") << Qt::endl;
        return 2;
    }
    options.demoDevices = demoDevices;
    options.sessionHours = qMax(1, parser.value(sessionHours).toInt());
    const qint64 uploadMiB = parser.value(maxUpload).toLongLong(&ok);
    if (!ok || uploadMiB < 1 || uploadMiB > 16384) {
        err() << ServerCli::tr("--max-upload: expected a size in MiB from 1 to 16384.") << Qt::endl;
        return 2;
    }
    options.maxUploadBytes = uploadMiB << 20;
    options.certificatePath = parser.value(cert);
    options.keyPath = parser.value(key);
    options.tracker = !parser.isSet(noTracker);
    options.firmware = !parser.isSet(noFirmware);
    options.accessLog = !parser.isSet(quiet);
    if (!options.tracker && !options.firmware) {
        err() << ServerCli::tr("--no-tracker and --no-firmware together leave nothing to serve.")
              << Qt::endl;
        return 2;
    }
    if (!postgres)
        QDir().mkpath(QFileInfo(options.databasePath).absolutePath());

    PatchboardServer server;
    if (const Status started = server.start(options); !started) {
        err() << ServerCli::tr("patchboard-server cannot start: %1").arg(started.error().text())
              << Qt::endl;
        return 1;
    }
    const QString host = options.address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(options.address.toString())
        : options.address.toString();
    out() << ServerCli::tr("patchboard-server %1 listening on https://%2:%3")
                 .arg(QCoreApplication::applicationVersion(), host)
                 .arg(server.port())
          << '\n'
          << ServerCli::tr("Database: %1")
                 .arg(postgres ? PostgresUrl::redact(options.databasePath)
                               : QDir::toNativeSeparators(options.databasePath))
          << '\n'
          << ServerCli::tr("Roles: %1")
                 .arg(QStringList{options.tracker ? QStringLiteral("status-tracker") : QString(),
                                  options.firmware ? QStringLiteral("firmware-server") : QString()}
                          .join(QLatin1Char(' '))
                          .trimmed())
          << '\n'
          << ServerCli::tr("Certificate SHA-256 fingerprint: %1")
                 .arg(QString::fromLatin1(server.certificateSha256().toHex(':').toUpper()))
          << Qt::endl;

    // SIGINT/SIGTERM: leave the event loop, so that the backends close their databases cleanly.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
            char byte = 0;
            [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[0], &byte, 1);
            out() << ServerCli::tr("Stopping.") << Qt::endl;
            QCoreApplication::quit();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    return QCoreApplication::exec();
}
