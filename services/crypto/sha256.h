// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "opensslptr.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace Patchboard {

// SHA-256 through OpenSSL's EVP digest API, one-shot or streaming. Firmware images are large
// (hundreds of MiB), so the device and file variants read in big chunks, report progress and can
// be cancelled (ARCHITECTURE.md: long work shows progress and can be cancelled).
class Sha256
{
public:
    static constexpr int DigestSize = 32;
    // Called after every chunk with the bytes hashed so far and the total (-1 if unknown).
    // Returning false cancels the hash with ServiceError::Code::Cancelled.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    Sha256();
    Sha256(Sha256 &&) noexcept = default;
    Sha256 &operator=(Sha256 &&) noexcept = default;

    void addData(QByteArrayView data);
    // The digest of everything added since construction or the last reset(); empty if OpenSSL
    // failed (which only happens when it is out of memory).
    QByteArray result();
    void reset();

    static QByteArray hash(QByteArrayView data);
    // Reads the device from its current position to its end. The device must be open for reading.
    static Result<QByteArray> hash(QIODevice *device, const Progress &progress = {});
    static Result<QByteArray> hashFile(const QString &path, const Progress &progress = {});

    // Lower-case hex, the form `openssl dgst -sha256` and sha256sum print.
    static QString toHex(const QByteArray &digest);

private:
    EvpMdCtxPtr m_context;
    bool m_failed = false;
};

} // namespace Patchboard
