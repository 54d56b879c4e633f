// SPDX-License-Identifier: Apache-2.0
#include "remotefirmwarebackend.h"

#include "api/apiclient.h"
#include "api/firmwarejson.h"
#include "releasebundle.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QPromise>
#include <QSet>
#include <QUrl>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>

namespace Patchboard {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RemoteFirmwareBackend)
};

QString releasePath(qint64 id, const char *tail = nullptr)
{
    QString path = QStringLiteral("/api/v1/releases/%1").arg(id);
    if (tail)
        path += QLatin1Char('/') + QLatin1String(tail);
    return path;
}

template<typename T> QFuture<Result<T>> failed(const ServiceError &error)
{
    QPromise<Result<T>> promise;
    QFuture<Result<T>> future = promise.future();
    promise.start();
    promise.addResult(Result<T>(error));
    promise.finish();
    return future;
}

ServiceError offline()
{
    return ServiceError::make(ServiceError::Code::Unreachable,
                              Tr::tr("The console is not connected to a server."),
                              Tr::tr("Connect to patchboard-server again."));
}

Result<QByteArray> readWhole(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return ServiceError::make(ServiceError::Code::Io,
                                  Tr::tr("Cannot read %1: %2.").arg(path, file.errorString()),
                                  Tr::tr("Check that the file exists and that you may read it."));
    }
    return file.readAll();
}

ServiceError notUploadable(const QString &path, const QString &why)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument,
                              Tr::tr("%1 cannot be sent to the server: %2").arg(path, why),
                              Tr::tr("Choose a NAME.pbrelease folder made by patchboard-author "
                                     "create, as it was made."));
}

} // namespace

// One upload in progress: the files still to send, then what to do with them (import).
struct RemoteFirmwareBackend::Upload
{
    QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QList<std::pair<QString, QString>> files; // name under the upload ("images/x.bin"), local path
    qint64 total = 0;
    qint64 sent = 0;
    qsizetype next = 0;
    std::function<bool()> cancelled;
    std::function<void(int)> progress; // 0..1000
    std::function<void(const std::shared_ptr<Upload> &)> import; // all files are up
    std::function<void(const ServiceError &)> fail;
};

RemoteFirmwareBackend::RemoteFirmwareBackend(ApiClient *client, QObject *parent)
    : FirmwareBackend(parent), m_client(client)
{
    connect(client, &ApiClient::changed, this, [this](const QString &topic) {
        if (topic == QLatin1String("releases"))
            Q_EMIT releasesChanged();
    });
}

RemoteFirmwareBackend::~RemoteFirmwareBackend() = default;

QFuture<Result<QList<ReleaseSummary>>> RemoteFirmwareBackend::releases(const Operator &)
{
    if (!m_client)
        return failed<QList<ReleaseSummary>>(offline());
    return decodeAnswer<QList<ReleaseSummary>>(m_client->get(QStringLiteral("/api/v1/releases")),
                                               Json::readReleaseSummaries);
}

QFuture<Result<ReleaseDetail>> RemoteFirmwareBackend::releaseDetail(const Operator &,
                                                                    qint64 releaseId)
{
    if (!m_client)
        return failed<ReleaseDetail>(offline());
    return decodeAnswer<ReleaseDetail>(m_client->get(releasePath(releaseId)),
                                       Json::readReleaseDetail);
}

// A change answered with the release's new detail. Changes are never retried by the ApiClient:
// the server confirmed it or the error says it failed.
QFuture<Result<ReleaseDetail>> RemoteFirmwareBackend::detailCall(const QString &path,
                                                                 const QJsonObject &body)
{
    if (!m_client)
        return failed<ReleaseDetail>(offline());
    return m_client->send("POST", path, body)
        .then(this, [this](const Result<QJsonValue> &r) -> Result<ReleaseDetail> {
            if (!r)
                return r.error();
            Result<ReleaseDetail> detail = Json::readReleaseDetail(r.value());
            if (detail)
                Q_EMIT releasesChanged();
            return detail;
        });
}

QFuture<Result<ReleaseDetail>>
RemoteFirmwareBackend::recordTestResult(const Operator &, qint64 releaseId, int modelId,
                                        TestCaseKind testCase, TestOutcome outcome,
                                        const QString &note)
{
    return detailCall(releasePath(releaseId, "test-results"),
                      QJsonObject{{QStringLiteral("modelId"), modelId},
                                  {QStringLiteral("testCase"), TestPlan::kindName(testCase)},
                                  {QStringLiteral("outcome"), TestPlan::outcomeName(outcome)},
                                  {QStringLiteral("note"), note}});
}

QFuture<Result<ReleaseDetail>> RemoteFirmwareBackend::waiveTestCase(const Operator &,
                                                                    qint64 releaseId, int modelId,
                                                                    TestCaseKind testCase,
                                                                    const QString &reason)
{
    return detailCall(releasePath(releaseId, "waivers"),
                      QJsonObject{{QStringLiteral("modelId"), modelId},
                                  {QStringLiteral("testCase"), TestPlan::kindName(testCase)},
                                  {QStringLiteral("reason"), reason}});
}

QFuture<Result<ReleaseDetail>> RemoteFirmwareBackend::approve(const Operator &, qint64 releaseId,
                                                              const QString &reason)
{
    return detailCall(releasePath(releaseId, "approve"),
                      QJsonObject{{QStringLiteral("reason"), reason}});
}

QFuture<Result<ReleaseDetail>> RemoteFirmwareBackend::reject(const Operator &, qint64 releaseId,
                                                             const QString &reason)
{
    return detailCall(releasePath(releaseId, "reject"),
                      QJsonObject{{QStringLiteral("reason"), reason}});
}

QFuture<Result<ReleaseDetail>> RemoteFirmwareBackend::withdraw(const Operator &, qint64 releaseId,
                                                               const QString &reason)
{
    return detailCall(releasePath(releaseId, "withdraw"),
                      QJsonObject{{QStringLiteral("reason"), reason}});
}

QFuture<Result<QList<TrustedKey>>> RemoteFirmwareBackend::trustedKeys(const Operator &)
{
    if (!m_client)
        return failed<QList<TrustedKey>>(offline());
    return decodeAnswer<QList<TrustedKey>>(m_client->get(QStringLiteral("/api/v1/trust-keys")),
                                           Json::readTrustedKeys);
}

QFuture<Result<TrustedKey>> RemoteFirmwareBackend::addTrustedKey(const Operator &,
                                                                 const QString &vendorIdHex,
                                                                 int manufacturerId,
                                                                 const QByteArray &pem,
                                                                 const QString &label)
{
    if (!m_client)
        return failed<TrustedKey>(offline());
    const QJsonObject body{{QStringLiteral("vendorId"), vendorIdHex},
                           {QStringLiteral("manufacturerId"), manufacturerId},
                           {QStringLiteral("pem"), QString::fromUtf8(pem)},
                           {QStringLiteral("label"), label}};
    return m_client->send("POST", QStringLiteral("/api/v1/trust-keys"), body)
        .then(this, [this](const Result<QJsonValue> &r) -> Result<TrustedKey> {
            if (!r)
                return r.error();
            Result<TrustedKey> key = Json::readTrustedKey(r.value());
            if (key)
                Q_EMIT releasesChanged();
            return key;
        });
}

QFuture<Result<TrustedKey>> RemoteFirmwareBackend::removeTrustedKey(const Operator &, qint64 keyId,
                                                                    const QString &reason)
{
    if (!m_client)
        return failed<TrustedKey>(offline());
    // The reason goes in the body: URLs end up in proxies' logs.
    return m_client
        ->send("DELETE", QStringLiteral("/api/v1/trust-keys/%1").arg(keyId),
               QJsonObject{{QStringLiteral("reason"), reason}})
        .then(this, [this](const Result<QJsonValue> &r) -> Result<TrustedKey> {
            if (!r)
                return r.error();
            Result<TrustedKey> key = Json::readTrustedKey(r.value());
            if (key)
                Q_EMIT releasesChanged();
            return key;
        });
}

QFuture<Result<FirmwareSettings>> RemoteFirmwareBackend::settings(const Operator &)
{
    if (!m_client)
        return failed<FirmwareSettings>(offline());
    return decodeAnswer<FirmwareSettings>(
        m_client->get(QStringLiteral("/api/v1/firmware-settings")), Json::readFirmwareSettings);
}

QFuture<Result<FirmwareSettings>>
RemoteFirmwareBackend::setSettings(const Operator &, const FirmwareSettings &settings)
{
    if (!m_client)
        return failed<FirmwareSettings>(offline());
    return m_client
        ->send("PUT", QStringLiteral("/api/v1/firmware-settings"), Json::toJson(settings))
        .then(this, [this](const Result<QJsonValue> &r) -> Result<FirmwareSettings> {
            if (!r)
                return r.error();
            Result<FirmwareSettings> stored = Json::readFirmwareSettings(r.value());
            if (stored)
                Q_EMIT releasesChanged();
            return stored;
        });
}

QFuture<Result<ReleaseDetail>> RemoteFirmwareBackend::importBundle(const Operator &,
                                                                   const QString &bundleDir)
{
    if (!m_client)
        return failed<ReleaseDetail>(offline());
    // The same refusal as the embedded backend's importer for something that is no bundle.
    const QDir dir(bundleDir);
    if (!QFileInfo(dir.filePath(ReleaseBundle::manifestFile())).isFile()) {
        return failed<ReleaseDetail>(ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("%1 is not a release bundle: it has no %2.")
                .arg(bundleDir, ReleaseBundle::manifestFile()),
            Tr::tr("Choose a NAME.pbrelease folder made by patchboard-author create.")));
    }

    // Only what the format allows can travel (plain files, and images/ of plain files): the
    // server would refuse anything else, so say it here, before uploading a byte. A symbolic
    // link is refused rather than followed, as the embedded importer refuses it.
    auto upload = std::make_shared<Upload>();
    const QFileInfoList entries = dir.entryInfoList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &entry : entries) {
        if (entry.isSymLink())
            return failed<ReleaseDetail>(
                notUploadable(entry.filePath(), Tr::tr("it is a symbolic link.")));
        if (entry.isFile()) {
            upload->files.append({entry.fileName(), entry.filePath()});
            upload->total += entry.size();
            continue;
        }
        if (!entry.isDir() || entry.fileName() != ReleaseBundle::imagesDir())
            return failed<ReleaseDetail>(
                notUploadable(entry.filePath(), Tr::tr("a release bundle holds no such folder.")));
        const QFileInfoList images = QDir(entry.filePath())
                                         .entryInfoList(QDir::AllEntries | QDir::Hidden
                                                            | QDir::System | QDir::NoDotAndDotDot,
                                                        QDir::Name);
        for (const QFileInfo &image : images) {
            if (image.isSymLink() || !image.isFile())
                return failed<ReleaseDetail>(
                    notUploadable(image.filePath(), Tr::tr("an image must be a plain file.")));
            upload->files.append({ReleaseBundle::imagesDir() + QLatin1Char('/') + image.fileName(),
                                  image.filePath()});
            upload->total += image.size();
        }
    }

    auto promise = std::make_shared<QPromise<Result<ReleaseDetail>>>();
    QFuture<Result<ReleaseDetail>> future = promise->future();
    promise->start();
    promise->setProgressRange(0, 1000);
    upload->cancelled = [promise] {
        return promise->isCanceled();
    };
    upload->progress = [promise](int value) {
        promise->setProgressValue(value);
    };
    upload->fail = [promise](const ServiceError &error) {
        promise->addResult(Result<ReleaseDetail>(error));
        promise->finish();
    };
    const QString bundleName = QFileInfo(QDir::cleanPath(bundleDir)).fileName();
    upload->import = [this, promise, bundleName](const std::shared_ptr<Upload> &up) {
        m_client
            ->send("POST", QStringLiteral("/api/v1/releases/import"),
                   QJsonObject{{QStringLiteral("upload"), up->id},
                               {QStringLiteral("bundleName"), bundleName}})
            .then(this, [this, promise](const Result<QJsonValue> &r) {
                Result<ReleaseDetail> detail
                    = r ? Json::readReleaseDetail(r.value()) : Result<ReleaseDetail>(r.error());
                if (detail) {
                    promise->setProgressValue(1000);
                    Q_EMIT releasesChanged();
                }
                promise->addResult(detail);
                promise->finish();
            });
    };
    uploadNext(upload);
    return future;
}

QFuture<Result<BulletinImportReport>> RemoteFirmwareBackend::importBulletins(const Operator &,
                                                                             const QString &path)
{
    if (!m_client)
        return failed<BulletinImportReport>(offline());
    const QFileInfo info(path);
    auto upload = std::make_shared<Upload>();
    QString fileName; // one file: the name the server imports; a folder: all of the upload
    if (info.isDir()) {
        // The embedded importer reads every *.json below the folder; the upload is flat, so a
        // name that comes twice (two subfolders) gets a number in front.
        QSet<QString> used;
        QDirIterator it(path, {QStringLiteral("*.json")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QFileInfo file(it.next());
            QString name = file.fileName();
            if (used.contains(name))
                name = QStringLiteral("%1-%2").arg(upload->files.size()).arg(name);
            used.insert(name);
            upload->files.append({name, file.filePath()});
            upload->total += file.size();
        }
        if (upload->files.isEmpty()) {
            return failed<BulletinImportReport>(ServiceError::make(
                ServiceError::Code::InvalidArgument, Tr::tr("%1 holds no .json files.").arg(path),
                Tr::tr("Choose the folder or .zip of the Android bulletin's OSV records.")));
        }
    } else if (info.isFile()) {
        fileName = info.fileName();
        upload->files.append({fileName, info.filePath()});
        upload->total = info.size();
    } else {
        return failed<BulletinImportReport>(ServiceError::make(
            ServiceError::Code::NotFound, Tr::tr("%1 does not exist.").arg(path),
            Tr::tr("Choose a folder of OSV .json records, one .json file or the .zip export.")));
    }

    auto promise = std::make_shared<QPromise<Result<BulletinImportReport>>>();
    QFuture<Result<BulletinImportReport>> future = promise->future();
    promise->start();
    promise->setProgressRange(0, 1000);
    upload->cancelled = [promise] {
        return promise->isCanceled();
    };
    upload->progress = [promise](int value) {
        promise->setProgressValue(value);
    };
    upload->fail = [promise](const ServiceError &error) {
        promise->addResult(Result<BulletinImportReport>(error));
        promise->finish();
    };
    upload->import = [this, promise, fileName](const std::shared_ptr<Upload> &up) {
        QJsonObject body{{QStringLiteral("upload"), up->id}};
        if (!fileName.isEmpty())
            body.insert(QStringLiteral("fileName"), fileName);
        m_client->send("POST", QStringLiteral("/api/v1/bulletins/import"), body)
            .then(this, [this, promise](const Result<QJsonValue> &r) {
                Result<BulletinImportReport> report = r ? Json::readBulletinImportReport(r.value())
                                                        : Result<BulletinImportReport>(r.error());
                if (report) {
                    promise->setProgressValue(1000);
                    Q_EMIT releasesChanged();
                }
                promise->addResult(report);
                promise->finish();
            });
    };
    uploadNext(upload);
    return future;
}

// One file at a time: read off the GUI thread, PUT, then the next; the import once all are up.
void RemoteFirmwareBackend::uploadNext(const std::shared_ptr<Upload> &upload)
{
    if (!m_client)
        return upload->fail(offline());
    if (upload->cancelled()) {
        return failUpload(
            upload,
            ServiceError::make(ServiceError::Code::Cancelled, Tr::tr("The upload was cancelled.")));
    }
    if (upload->next >= upload->files.size())
        return upload->import(upload);
    const auto [name, localPath] = upload->files.at(upload->next);
    const QString path = localPath;
    QtConcurrent::run([path] {
        return readWhole(path);
    }).then(this, [this, upload, name = name](const Result<QByteArray> &data) {
        if (!data)
            return failUpload(upload, data.error());
        if (!m_client)
            return upload->fail(offline());
        QString target = QStringLiteral("/api/v1/uploads/") + upload->id;
        for (const QString &segment : name.split(QLatin1Char('/')))
            target += QLatin1Char('/') + QString::fromLatin1(QUrl::toPercentEncoding(segment));
        const qint64 size = data.value().size();
        m_client->upload(target, "application/octet-stream", data.value())
            .then(this, [this, upload, size](const Result<QJsonValue> &sent) {
                if (!sent)
                    return failUpload(upload, sent.error());
                upload->sent += size;
                ++upload->next;
                // 0..950 for the bytes; the rest is the server's verification.
                if (upload->total > 0)
                    upload->progress(
                        int(qMin<qint64>(upload->sent, upload->total) * 950 / upload->total));
                uploadNext(upload);
            });
    });
}

void RemoteFirmwareBackend::failUpload(const std::shared_ptr<Upload> &upload,
                                       const ServiceError &error)
{
    // The server would remove it after a day; remove it now (best effort, the answer does not
    // matter: the operator sees the first error).
    if (m_client && upload->next > 0)
        m_client->send("DELETE", QStringLiteral("/api/v1/uploads/") + upload->id);
    upload->fail(error);
}

} // namespace Patchboard
