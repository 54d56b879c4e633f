// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QFile;
QT_END_NAMESPACE

namespace Patchboard {

// A small, bounded reader for the ZIP archives Android's OSV export comes in (stored and
// deflated entries; no ZIP64, encryption or multi-disk archives). Qt 6.4 has no public ZIP API,
// so deflate goes through zlib. The archive is untrusted input: every size and offset is checked
// against the file, each entry's size is bounded (zip bombs), and the CRC-32 is verified.
class ZipReader
{
public:
    struct Limits
    {
        int maxEntries = 500000;
        qint64 maxEntrySize = 32 * 1024 * 1024; // uncompressed, per entry
    };
    struct Entry
    {
        QString name;
        quint16 method = 0;
        quint32 crc = 0;
        qint64 compressedSize = 0;
        qint64 size = 0;
        qint64 localHeaderOffset = 0;
        bool isDirectory() const { return name.endsWith(QLatin1Char('/')); }
    };

    ZipReader();
    ZipReader(ZipReader &&) noexcept;
    ZipReader &operator=(ZipReader &&) noexcept;
    ~ZipReader();

    static Result<ZipReader> open(const QString &path);
    static Result<ZipReader> open(const QString &path, const Limits &limits);
    const QList<Entry> &entries() const { return m_entries; }
    Result<QByteArray> read(const Entry &entry) const;

private:
    Status readCentralDirectory();

    QString m_path;
    Limits m_limits;
    std::unique_ptr<QFile> m_file;
    QList<Entry> m_entries;
};

} // namespace Patchboard
