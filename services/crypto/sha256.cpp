// SPDX-License-Identifier: Apache-2.0
#include "sha256.h"

#include "opensslerror.h"

#include <QFile>
#include <QFileInfo>
#include <QIODevice>

namespace Patchboard {

namespace {

// Large enough that per-call overhead vanishes next to hashing, small enough to stay in the L2
// cache so the bytes read() just copied are still hot when SHA-256 consumes them (measured in
// bench/bench_verify.cpp against `openssl dgst -sha256`).
constexpr qsizetype ChunkSize = 256 * 1024;

// How long a sequential device (pipe, socket) may stay silent before we give up on it.
constexpr int SequentialReadTimeoutMs = 30000;

} // namespace

Sha256::Sha256() : m_context(EVP_MD_CTX_new())
{
    reset();
}

void Sha256::reset()
{
    m_failed = !m_context || EVP_DigestInit_ex2(m_context.get(), EVP_sha256(), nullptr) != 1;
    if (m_failed)
        OpenSslError::clear();
}

void Sha256::addData(QByteArrayView data)
{
    if (m_failed || data.isEmpty())
        return;
    if (EVP_DigestUpdate(m_context.get(), data.data(), size_t(data.size())) != 1) {
        m_failed = true;
        OpenSslError::clear();
    }
}

QByteArray Sha256::result()
{
    if (m_failed)
        return {};
    QByteArray digest(DigestSize, Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_context.get(), reinterpret_cast<unsigned char *>(digest.data()),
                           &length)
            != 1
        || length != DigestSize) {
        m_failed = true;
        OpenSslError::clear();
        return {};
    }
    m_failed = true; // finalised: a further result() without reset() must not return garbage
    return digest;
}

QByteArray Sha256::hash(QByteArrayView data)
{
    QByteArray digest(DigestSize, Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_Digest(data.data(), size_t(data.size()),
                   reinterpret_cast<unsigned char *>(digest.data()), &length, EVP_sha256(), nullptr)
            != 1
        || length != DigestSize) {
        OpenSslError::clear();
        return {};
    }
    return digest;
}

Result<QByteArray> Sha256::hash(QIODevice *device, const Progress &progress)
{
    if (!device || !device->isReadable()) {
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            QStringLiteral("Cannot compute SHA-256: the input is not open for reading."));
    }
    const qint64 total = device->isSequential() ? -1 : device->size() - device->pos();
    QByteArray buffer(ChunkSize, Qt::Uninitialized);
    Sha256 sha;
    qint64 done = 0;
    for (;;) {
        const qint64 n = device->read(buffer.data(), buffer.size());
        if (n < 0) {
            return ServiceError::make(ServiceError::Code::Io,
                                      QStringLiteral("Reading failed after %1 bytes: %2")
                                          .arg(done)
                                          .arg(device->errorString()));
        }
        if (n == 0) {
            if (device->isSequential() && !device->atEnd()
                && device->waitForReadyRead(SequentialReadTimeoutMs))
                continue;
            break;
        }
        sha.addData(QByteArrayView(buffer.constData(), n));
        done += n;
        if (progress && !progress(done, total)) {
            return ServiceError::make(
                ServiceError::Code::Cancelled,
                QStringLiteral("SHA-256 cancelled after %1 bytes.").arg(done));
        }
    }
    QByteArray digest = sha.result();
    if (digest.isEmpty()) {
        return ServiceError::make(ServiceError::Code::Internal,
                                  QStringLiteral("OpenSSL could not compute SHA-256."));
    }
    return digest;
}

Result<QByteArray> Sha256::hashFile(const QString &path, const Progress &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return ServiceError::make(
            ServiceError::Code::Io,
            QStringLiteral("Cannot open %1: %2").arg(path, file.errorString()),
            QStringLiteral("Check that the file exists and is readable."));
    }
    Result<QByteArray> digest = hash(&file, progress);
    if (!digest.ok() && digest.error().code == ServiceError::Code::Io) {
        return ServiceError::make(ServiceError::Code::Io,
                                  QStringLiteral("%1: %2").arg(path, digest.error().message));
    }
    return digest;
}

QString Sha256::toHex(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex());
}

} // namespace Patchboard
