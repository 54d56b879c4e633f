// SPDX-License-Identifier: Apache-2.0
#include "firmwareroutes.h"

#include "apiserver.h"
#include "auth/permissions.h"
#include "crypto/sha256.h"
#include "firmware/firmwarebackend.h"
#include "firmwarejson.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSaveFile>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace Patchboard {

namespace {

struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

using Method = QHttpServerRequest::Method;

// Reasons, notes and a PEM key fit easily; nothing else is sent as JSON to these routes.
constexpr qint64 kMaxJsonBody = 64 * 1024;
constexpr int kMaxFileNameLength = 200;
// An upload that was never imported (the console crashed, the operator gave up) is removed when
// a later upload starts, a day after it began.
constexpr qint64 kStaleUploadSeconds = 24 * 3600;

// Inside uploadDirectory/<uploadId>/: who started the upload, and the uploaded files. Both names
// start with a dot, which no uploaded file name may, so an upload cannot overwrite either.
const QString &ownerFile()
{
    static const QString name = QStringLiteral(".owner");
    return name;
}

const QString &filesDir()
{
    static const QString name = QStringLiteral(".files");
    return name;
}

// The console makes the id (random, so that two uploads never meet): [A-Za-z0-9-]{8,64}.
bool isUploadId(const QString &id)
{
    if (id.size() < 8 || id.size() > 64)
        return false;
    for (QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z')
                        || (u >= u'0' && u <= u'9') || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

// Empty when name is one plain file name. The router splits the decoded path on "/", so a
// traversal would normally not even reach here; this is the check that makes it impossible:
// no separator of any platform, no "." or "..", no hidden file, no NUL or control character.
QString fileNameProblem(const QString &name)
{
    if (name.isEmpty())
        return Api::tr("The file name is empty.");
    if (name.size() > kMaxFileNameLength)
        return Api::tr("The file name has %1 characters; at most %2 are allowed.")
            .arg(name.size())
            .arg(kMaxFileNameLength);
    if (name.startsWith(QLatin1Char('.')))
        return Api::tr("\"%1\" is not a plain file name: it starts with a dot.").arg(name);
    for (QChar c : name) {
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c == QLatin1Char(':'))
            return Api::tr("\"%1\" is not a plain file name: it contains a path separator.")
                .arg(name);
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return Api::tr("The file name contains a control character.");
    }
    return {};
}

ApiResponse badRequest(const QString &message, const QString &hint = {})
{
    return ApiResponse::error(ServiceError::Code::InvalidArgument, message, hint);
}

ServiceError ioError(const QString &message)
{
    return ServiceError::make(ServiceError::Code::Io, message,
                              Api::tr("Check the free space and permissions of the server's data "
                                      "folder."));
}

QString readOwner(const QString &uploadPath)
{
    QFile file(QDir(uploadPath).filePath(ownerFile()));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The upload's folder when it exists and belongs to who; an upload is private to the operator
// who started it (another one cannot add a file to it nor import it).
Result<QString> ownedUpload(const QString &uploads, const QString &id, const Operator &who)
{
    const QString path = QDir(uploads).filePath(id);
    if (!QFileInfo(QDir(path).filePath(filesDir())).isDir()) {
        return ServiceError::make(ServiceError::Code::NotFound,
                                  Api::tr("There is no upload %1 on the server.").arg(id),
                                  Api::tr("Upload the files first; an upload is removed once it "
                                          "has been imported."));
    }
    if (readOwner(path) != who.name) {
        return ServiceError::make(ServiceError::Code::PermissionDenied,
                                  Api::tr("Upload %1 was started by another operator.").arg(id));
    }
    return path;
}

void removeStaleUploads(const QString &uploads, const QString &keep)
{
    const QDateTime limit = QDateTime::currentDateTimeUtc().addSecs(-kStaleUploadSeconds);
    const QFileInfoList entries = QDir(uploads).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QFileInfo &entry : entries) {
        if (entry.fileName() == keep || !isUploadId(entry.fileName()))
            continue;
        const QFileInfo owner(QDir(entry.filePath()).filePath(ownerFile()));
        if (owner.exists() && owner.lastModified().toUTC() < limit)
            QDir(entry.filePath()).removeRecursively();
    }
}

// Runs on a pool thread: the body may be hundreds of MiB and the server's thread serves everyone.
Result<QJsonObject> storeUpload(const QString &uploads, const QString &id, const QString &folder,
                                const QString &name, const QByteArray &data, const QString &who)
{
    if (!QDir().mkpath(uploads))
        return ioError(Api::tr("The server cannot create its upload folder %1.").arg(uploads));
    const QString uploadPath = QDir(uploads).filePath(id);
    QDir upload(uploadPath);
    if (upload.exists()) {
        if (readOwner(uploadPath) != who) {
            return ServiceError::make(ServiceError::Code::PermissionDenied,
                                      Api::tr("Upload %1 was started by another operator.").arg(id),
                                      Api::tr("Start a new upload with another id."));
        }
    } else {
        removeStaleUploads(uploads, id);
        if (!QDir().mkpath(upload.filePath(filesDir())))
            return ioError(Api::tr("The server cannot create the upload folder %1.").arg(uploadPath));
        QSaveFile owner(upload.filePath(ownerFile()));
        if (!owner.open(QIODevice::WriteOnly) || owner.write(who.toUtf8()) < 0 || !owner.commit())
            return ioError(Api::tr("The server cannot write to %1.").arg(uploadPath));
    }
    const QString parent = folder.isEmpty() ? upload.filePath(filesDir())
                                            : upload.filePath(filesDir() + QLatin1Char('/') + folder);
    if (!QDir().mkpath(parent))
        return ioError(Api::tr("The server cannot create the upload folder %1.").arg(parent));
    const QString target = QDir(parent).filePath(name);
    // Defence in depth: whatever the name, the file lands directly in the upload's folder.
    if (QFileInfo(QDir::cleanPath(target)).absolutePath() != QFileInfo(parent).absoluteFilePath())
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Api::tr("\"%1\" is not a plain file name.").arg(name));
    const QFileInfo existing(target);
    if (existing.isSymLink() || existing.isDir())
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Api::tr("%1 already exists in upload %2 and is not a file.")
                                      .arg(name, id));
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        return ioError(Api::tr("The server cannot store %1 of upload %2: %3.")
                           .arg(name, id, file.errorString()));
    }
    return QJsonObject{
        {QStringLiteral("upload"), id},
        {QStringLiteral("fileName"), folder.isEmpty() ? name : folder + QLatin1Char('/') + name},
        {QStringLiteral("size"), data.size()},
        {QStringLiteral("sha256"), Sha256::toHex(Sha256::hash(data))},
    };
}

void removeLater(const QString &path)
{
    QThreadPool::globalInstance()->start([path] { QDir(path).removeRecursively(); });
}

struct Context
{
    ApiServer *api;
    FirmwareBackend *backend;
    QString uploads;
};

QJsonObject detailJson(const ReleaseDetail &detail)
{
    return Json::toJson(detail);
}

// The release id of the route's first argument; answers 404 itself when it is not one.
std::optional<qint64> releaseId(const ApiRequest &request, const ApiReply &reply)
{
    const std::optional<qint64> id = request.idArg(0);
    if (!id) {
        reply(ApiResponse::error(ServiceError::Code::NotFound,
                                 Api::tr("There is no release %1.").arg(request.args.value(0))));
    }
    return id;
}

void putUpload(const Context &c, const ApiRequest &request, const ApiReply &reply,
               const QString &folder)
{
    const QString id = request.args.value(0);
    const QString name = request.args.value(1);
    if (!isUploadId(id)) {
        return reply(badRequest(Api::tr("\"%1\" is not an upload id.").arg(id.left(80)),
                                Api::tr("An upload id has 8 to 64 letters, digits or dashes.")));
    }
    if (const QString problem = fileNameProblem(name); !problem.isEmpty())
        return reply(badRequest(problem, Api::tr("Upload each file under its own name.")));
    // Only those who may import something may put files on the server's disk.
    if (!Permissions::allows(request.who.role, Permission::ImportRelease)
        && !Permissions::allows(request.who.role, Permission::ImportVulnerabilityData)) {
        return reply(ApiResponse::error(
            Permissions::check(request.who, Permission::ImportRelease).error()));
    }
    const QString uploads = c.uploads;
    const QByteArray data = request.body;
    const QString who = request.who.name;
    QtConcurrent::run([uploads, id, folder, name, data, who] {
        return storeUpload(uploads, id, folder, name, data, who);
    }).then(c.api, [reply](const Result<QJsonObject> &stored) {
        if (!stored)
            return reply(ApiResponse::error(stored.error()));
        reply(ApiResponse::json(stored.value(), 201));
    });
}

void addUploadRoutes(ApiServer &server, const Context &c, qint64 maxUploadBytes)
{
    // PUT /api/v1/uploads/{uploadId}/{fileName}: raw bytes of one file of a bundle or of
    // bulletin data; images of a bundle go to .../images/{fileName} (docs/release-format.md).
    server.route(
        Method::Put, QStringLiteral("/api/v1/uploads/{id}/{name}"), ApiAccess::Operator,
        [c](const ApiRequest &request, const ApiReply &reply) {
            putUpload(c, request, reply, {});
        },
        maxUploadBytes);
    server.route(
        Method::Put, QStringLiteral("/api/v1/uploads/{id}/images/{name}"), ApiAccess::Operator,
        [c](const ApiRequest &request, const ApiReply &reply) {
            putUpload(c, request, reply, QStringLiteral("images"));
        },
        maxUploadBytes);
    // Any other depth is a name with a separator in it ("a/b", "../x", "%2e%2e%2fx" once
    // decoded): say so, rather than "no such route".
    const QStringList deeper = {QStringLiteral("/api/v1/uploads/{id}/{a}/{b}"),
                                QStringLiteral("/api/v1/uploads/{id}/{a}/{b}/{c}"),
                                QStringLiteral("/api/v1/uploads/{id}/{a}/{b}/{c}/{d}")};
    for (const QString &pattern : deeper) {
        server.route(
            Method::Put, pattern, ApiAccess::Operator,
            [](const ApiRequest &request, const ApiReply &reply) {
                reply(badRequest(Api::tr("\"%1\" is not a plain file name.")
                                     .arg(request.args.mid(1).join(QLatin1Char('/')).left(200)),
                                 Api::tr("Upload each file under its own name; images go to "
                                         "images/NAME.")));
            },
            maxUploadBytes);
    }

    server.route(Method::Delete, QStringLiteral("/api/v1/uploads/{id}"), ApiAccess::Operator,
                 [c](const ApiRequest &request, const ApiReply &reply) {
                     const QString id = request.args.value(0);
                     if (!isUploadId(id))
                         return reply(badRequest(Api::tr("\"%1\" is not an upload id.").arg(id.left(80))));
                     const Result<QString> path = ownedUpload(c.uploads, id, request.who);
                     if (!path)
                         return reply(ApiResponse::error(path.error()));
                     removeLater(path.value());
                     reply(ApiResponse::noContent());
                 });
}

// Takes an upload for import: checks it, gives its files folder the name the operator chose
// (messages about the bundle name it as on the operator's disk) and returns the upload's folder
// and the renamed files folder.
Result<std::pair<QString, QString>> takeUpload(const Context &c, const Operator &who,
                                               const QString &id, const QString &name)
{
    if (!isUploadId(id)) {
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Api::tr("\"%1\" is not an upload id.").arg(id.left(80)));
    }
    if (const QString problem = fileNameProblem(name); !problem.isEmpty())
        return ServiceError::make(ServiceError::Code::InvalidArgument, problem);
    const Result<QString> upload = ownedUpload(c.uploads, id, who);
    if (!upload)
        return upload.error();
    QDir dir(upload.value());
    if (!dir.rename(filesDir(), name))
        return ioError(Api::tr("The server cannot prepare upload %1 for import.").arg(id));
    return std::make_pair(upload.value(), dir.filePath(name));
}

void addReleaseRoutes(ApiServer &server, const Context &c)
{
    server.route(Method::Get, QStringLiteral("/api/v1/releases"), ApiAccess::Operator,
                 [c](const ApiRequest &request, const ApiReply &reply) {
                     c.api->reply(c.backend->releases(request.who), reply,
                                  [](const QList<ReleaseSummary> &list) { return Json::toJson(list); });
                 });
    server.route(Method::Get, QStringLiteral("/api/v1/releases/{id}"), ApiAccess::Operator,
                 [c](const ApiRequest &request, const ApiReply &reply) {
                     if (const auto id = releaseId(request, reply))
                         c.api->reply(c.backend->releaseDetail(request.who, *id), reply, &detailJson);
                 });

    // {"upload": "<uploadId>", "bundleName": "NAME.pbrelease"}: imports the uploaded bundle and
    // removes the upload, whatever the verdict (a refused release is recorded, not an error).
    server.route(
        Method::Post, QStringLiteral("/api/v1/releases/import"), ApiAccess::Operator,
        [c](const ApiRequest &request, const ApiReply &reply) {
            JsonReader r = request.reader();
            const QString id = r.string("upload");
            const QString name = r.string("bundleName");
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            const auto taken = takeUpload(c, request.who, id, name);
            if (!taken)
                return reply(ApiResponse::error(taken.error()));
            const QString upload = taken.value().first;
            c.backend->importBundle(request.who, taken.value().second)
                .then(c.api, [reply, upload](const Result<ReleaseDetail> &imported) {
                    removeLater(upload);
                    if (!imported)
                        return reply(ApiResponse::error(imported.error()));
                    reply(ApiResponse::json(Json::toJson(imported.value()), 201));
                });
        },
        kMaxJsonBody);

    // {"modelId": 1, "testCase": "emergency-call", "outcome": "failed", "note": "..."}
    server.route(
        Method::Post, QStringLiteral("/api/v1/releases/{id}/test-results"), ApiAccess::Operator,
        [c](const ApiRequest &request, const ApiReply &reply) {
            const auto id = releaseId(request, reply);
            if (!id)
                return;
            JsonReader r = request.reader();
            const int model = int(r.integer("modelId"));
            const TestCaseKind kind = Json::readTestCaseKind(r, "testCase");
            const TestOutcome outcome = Json::readTestOutcome(r, "outcome");
            const QString note = r.stringOr("note");
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            c.api->reply(c.backend->recordTestResult(request.who, *id, model, kind, outcome, note),
                         reply, &detailJson);
        },
        kMaxJsonBody);

    // {"modelId": 1, "testCase": "sms", "reason": "..."}
    server.route(
        Method::Post, QStringLiteral("/api/v1/releases/{id}/waivers"), ApiAccess::Operator,
        [c](const ApiRequest &request, const ApiReply &reply) {
            const auto id = releaseId(request, reply);
            if (!id)
                return;
            JsonReader r = request.reader();
            const int model = int(r.integer("modelId"));
            const TestCaseKind kind = Json::readTestCaseKind(r, "testCase");
            const QString reason = r.stringOr("reason");
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            c.api->reply(c.backend->waiveTestCase(request.who, *id, model, kind, reason), reply,
                         &detailJson);
        },
        kMaxJsonBody);

    // {"reason": "..."} ("note" is accepted as well): the decisions.
    using Decision = QFuture<Result<ReleaseDetail>> (FirmwareBackend::*)(const Operator &, qint64,
                                                                        const QString &);
    const QList<std::pair<QString, Decision>> decisions = {
        {QStringLiteral("approve"), &FirmwareBackend::approve},
        {QStringLiteral("reject"), &FirmwareBackend::reject},
        {QStringLiteral("withdraw"), &FirmwareBackend::withdraw},
    };
    for (const auto &[verb, decide] : decisions) {
        server.route(
            Method::Post, QStringLiteral("/api/v1/releases/{id}/") + verb, ApiAccess::Operator,
            [c, decide = decide](const ApiRequest &request, const ApiReply &reply) {
                const auto id = releaseId(request, reply);
                if (!id)
                    return;
                JsonReader r = request.reader();
                const QString reason = r.has("reason") ? r.string("reason") : r.stringOr("note");
                if (!r.ok())
                    return reply(ApiResponse::error(r.error()));
                c.api->reply((c.backend->*decide)(request.who, *id, reason), reply, &detailJson);
            },
            kMaxJsonBody);
    }
}

void addAdministrationRoutes(ApiServer &server, const Context &c)
{
    server.route(Method::Get, QStringLiteral("/api/v1/trust-keys"), ApiAccess::Operator,
                 [c](const ApiRequest &request, const ApiReply &reply) {
                     c.api->reply(c.backend->trustedKeys(request.who), reply,
                                  [](const QList<TrustedKey> &keys) { return Json::toJson(keys); });
                 });

    // {"vendorId": "<hex>", "manufacturerId": 1, "pem": "-----BEGIN PUBLIC KEY-----...",
    //  "label": "..."}
    server.route(
        Method::Post, QStringLiteral("/api/v1/trust-keys"), ApiAccess::Operator,
        [c](const ApiRequest &request, const ApiReply &reply) {
            JsonReader r = request.reader();
            const QString vendor = r.string("vendorId");
            const int manufacturer = int(r.integer("manufacturerId"));
            const QByteArray pem = r.string("pem").toUtf8();
            const QString label = r.stringOr("label");
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            c.api->reply(c.backend->addTrustedKey(request.who, vendor, manufacturer, pem, label),
                         reply, [](const TrustedKey &key) { return Json::toJson(key); }, 201);
        },
        kMaxJsonBody);

    // The reason in a JSON body {"reason": "..."} or as ?reason=... (clients that send no body
    // with DELETE).
    server.route(
        Method::Delete, QStringLiteral("/api/v1/trust-keys/{id}"), ApiAccess::Operator,
        [c](const ApiRequest &request, const ApiReply &reply) {
            const std::optional<qint64> id = request.idArg(0);
            if (!id) {
                return reply(ApiResponse::error(
                    ServiceError::Code::NotFound,
                    Api::tr("There is no trusted key %1.").arg(request.args.value(0))));
            }
            QString reason = request.query.queryItemValue(QStringLiteral("reason"),
                                                          QUrl::FullyDecoded);
            if (!request.body.trimmed().isEmpty()) {
                JsonReader r = request.reader();
                reason = r.stringOr("reason", reason);
                if (!r.ok())
                    return reply(ApiResponse::error(r.error()));
            }
            c.api->reply(c.backend->removeTrustedKey(request.who, *id, reason), reply,
                         [](const TrustedKey &key) { return Json::toJson(key); });
        },
        kMaxJsonBody);

    server.route(Method::Get, QStringLiteral("/api/v1/firmware-settings"), ApiAccess::Operator,
                 [c](const ApiRequest &request, const ApiReply &reply) {
                     c.api->reply(c.backend->settings(request.who), reply,
                                  [](const FirmwareSettings &s) { return Json::toJson(s); });
                 });
    server.route(
        Method::Put, QStringLiteral("/api/v1/firmware-settings"), ApiAccess::Operator,
        [c](const ApiRequest &request, const ApiReply &reply) {
            JsonReader r = request.reader();
            const FirmwareSettings settings = Json::readFirmwareSettings(r);
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            c.api->reply(c.backend->setSettings(request.who, settings), reply,
                         [](const FirmwareSettings &s) { return Json::toJson(s); });
        },
        kMaxJsonBody);

    // {"upload": "<uploadId>", "fileName": "bulletins.zip"}: imports one uploaded file, or
    // without fileName the uploaded folder of .json records; then removes the upload.
    server.route(
        Method::Post, QStringLiteral("/api/v1/bulletins/import"), ApiAccess::Operator,
        [c](const ApiRequest &request, const ApiReply &reply) {
            JsonReader r = request.reader();
            const QString id = r.string("upload");
            const QString file = r.stringOr("fileName");
            if (!r.ok())
                return reply(ApiResponse::error(r.error()));
            if (!file.isEmpty()) {
                if (const QString problem = fileNameProblem(file); !problem.isEmpty())
                    return reply(badRequest(problem));
            }
            const auto taken = takeUpload(c, request.who, id, QStringLiteral("bulletins"));
            if (!taken)
                return reply(ApiResponse::error(taken.error()));
            const QString upload = taken.value().first;
            const QString path = file.isEmpty() ? taken.value().second
                                                : QDir(taken.value().second).filePath(file);
            if (!file.isEmpty() && !QFileInfo(path).isFile()) {
                removeLater(upload);
                return reply(ApiResponse::error(
                    ServiceError::Code::NotFound,
                    Api::tr("Upload %1 has no file %2.").arg(id, file)));
            }
            c.backend->importBulletins(request.who, path)
                .then(c.api, [reply, upload](const Result<BulletinImportReport> &report) {
                    removeLater(upload);
                    if (!report)
                        return reply(ApiResponse::error(report.error()));
                    reply(ApiResponse::json(Json::toJson(report.value())));
                });
        },
        kMaxJsonBody);
}

} // namespace

void addFirmwareRoutes(ApiServer &server, FirmwareBackend &firmware, const QString &uploadDirectory)
{
    addFirmwareRoutes(server, firmware, uploadDirectory, kDefaultMaxUploadBytes);
}

// Operator access: every route passes request.who on and the backend refuses what the role does
// not allow (403), as it does for the console's embedded backend.
void addFirmwareRoutes(ApiServer &server, FirmwareBackend &firmware, const QString &uploadDirectory,
                       qint64 maxUploadBytes)
{
    const Context c{&server, &firmware, QDir(uploadDirectory).absolutePath()};
    addReleaseRoutes(server, c);
    addAdministrationRoutes(server, c);
    addUploadRoutes(server, c, maxUploadBytes);
}

} // namespace Patchboard
