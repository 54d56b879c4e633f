// SPDX-License-Identifier: Apache-2.0
#include "zipreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QtEndian>

#include <zlib.h>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ZipReader)
};

constexpr quint32 EndOfCentralDirectory = 0x06054b50;
constexpr quint32 CentralHeader = 0x02014b50;
constexpr quint32 LocalHeader = 0x04034b50;
constexpr int EndRecordSize = 22;
constexpr int CentralHeaderSize = 46;
constexpr int LocalHeaderSize = 30;

quint16 u16(const QByteArray &data, qsizetype at)
{
    return qFromLittleEndian<quint16>(data.constData() + at);
}

quint32 u32(const QByteArray &data, qsizetype at)
{
    return qFromLittleEndian<quint32>(data.constData() + at);
}

} // namespace

ZipReader::ZipReader() = default;
ZipReader::ZipReader(ZipReader &&) noexcept = default;
ZipReader &ZipReader::operator=(ZipReader &&) noexcept = default;
ZipReader::~ZipReader() = default;

Result<ZipReader> ZipReader::open(const QString &path)
{
    return open(path, Limits());
}

Result<ZipReader> ZipReader::open(const QString &path, const Limits &limits)
{
    ZipReader reader;
    reader.m_path = path;
    reader.m_limits = limits;
    reader.m_file = std::make_unique<QFile>(path);
    if (!reader.m_file->open(QIODevice::ReadOnly))
        return ServiceError::make(
            ServiceError::Code::Io,
            Tr::tr("Cannot read %1: %2").arg(path, reader.m_file->errorString()));
    if (const Status read = reader.readCentralDirectory(); !read)
        return read.error();
    return reader;
}

Status ZipReader::readCentralDirectory()
{
    auto corrupt = [this](const QString &why) {
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("%1 is not a ZIP archive Patchboard can read: %2").arg(m_path, why));
    };
    const qint64 fileSize = m_file->size();
    if (fileSize < EndRecordSize)
        return corrupt(Tr::tr("it is too small."));
    // The end record is in the last 22 bytes plus at most a 64 KiB comment.
    const qint64 tailSize = qMin<qint64>(fileSize, EndRecordSize + 0xffff);
    m_file->seek(fileSize - tailSize);
    const QByteArray tail = m_file->read(tailSize);
    qsizetype end = -1;
    for (qsizetype i = tail.size() - EndRecordSize; i >= 0; --i) {
        if (u32(tail, i) == EndOfCentralDirectory) {
            end = i;
            break;
        }
    }
    if (end < 0)
        return corrupt(Tr::tr("there is no end of central directory record."));
    const quint16 disk = u16(tail, end + 4);
    const quint16 cdDisk = u16(tail, end + 6);
    const quint16 count = u16(tail, end + 10);
    const quint32 cdSize = u32(tail, end + 12);
    const quint32 cdOffset = u32(tail, end + 16);
    if (disk != 0 || cdDisk != 0)
        return corrupt(Tr::tr("multi-disk archives are not supported."));
    if (count == 0xffff || cdSize == 0xffffffff || cdOffset == 0xffffffff)
        return corrupt(Tr::tr("ZIP64 archives are not supported."));
    if (count > m_limits.maxEntries)
        return corrupt(Tr::tr("it has more than %1 entries.").arg(m_limits.maxEntries));
    if (qint64(cdOffset) + cdSize > fileSize)
        return corrupt(Tr::tr("the central directory lies outside the file."));
    m_file->seek(cdOffset);
    const QByteArray cd = m_file->read(cdSize);
    if (cd.size() != qsizetype(cdSize))
        return corrupt(Tr::tr("the central directory cannot be read."));
    qsizetype at = 0;
    for (int i = 0; i < count; ++i) {
        if (at + CentralHeaderSize > cd.size() || u32(cd, at) != CentralHeader)
            return corrupt(Tr::tr("central directory entry %1 is damaged.").arg(i + 1));
        const quint16 flags = u16(cd, at + 8);
        Entry entry;
        entry.method = u16(cd, at + 10);
        entry.crc = u32(cd, at + 16);
        entry.compressedSize = u32(cd, at + 20);
        entry.size = u32(cd, at + 24);
        const quint16 nameLength = u16(cd, at + 28);
        const quint16 extraLength = u16(cd, at + 30);
        const quint16 commentLength = u16(cd, at + 32);
        entry.localHeaderOffset = u32(cd, at + 42);
        const qsizetype next = at + CentralHeaderSize + nameLength + extraLength + commentLength;
        if (next > cd.size())
            return corrupt(Tr::tr("central directory entry %1 is damaged.").arg(i + 1));
        entry.name = QString::fromUtf8(cd.mid(at + CentralHeaderSize, nameLength));
        if (flags & 0x1)
            return corrupt(Tr::tr("%1 is encrypted.").arg(entry.name));
        if (entry.localHeaderOffset + LocalHeaderSize + entry.compressedSize > fileSize)
            return corrupt(Tr::tr("%1 lies outside the file.").arg(entry.name));
        m_entries.append(entry);
        at = next;
    }
    return Done{};
}

Result<QByteArray> ZipReader::read(const Entry &entry) const
{
    auto corrupt = [this, &entry](const QString &why) {
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("%1 in %2 cannot be read: %3").arg(entry.name, m_path, why));
    };
    if (entry.size > m_limits.maxEntrySize || entry.compressedSize > m_limits.maxEntrySize)
        return corrupt(Tr::tr("it is larger than %1 MiB.").arg(m_limits.maxEntrySize >> 20));
    if (entry.method != 0 && entry.method != 8)
        return corrupt(Tr::tr("compression method %1 is not supported.").arg(entry.method));
    m_file->seek(entry.localHeaderOffset);
    const QByteArray header = m_file->read(LocalHeaderSize);
    if (header.size() != LocalHeaderSize || u32(header, 0) != LocalHeader)
        return corrupt(Tr::tr("its local header is damaged."));
    const qint64 dataOffset
        = entry.localHeaderOffset + LocalHeaderSize + u16(header, 26) + u16(header, 28);
    if (dataOffset + entry.compressedSize > m_file->size())
        return corrupt(Tr::tr("its data lies outside the file."));
    m_file->seek(dataOffset);
    const QByteArray compressed = m_file->read(entry.compressedSize);
    if (compressed.size() != entry.compressedSize)
        return corrupt(Tr::tr("its data is cut short."));

    QByteArray data;
    if (entry.method == 0) {
        data = compressed;
    } else {
        // Raw deflate (no zlib header), output bounded by the declared size.
        data.resize(entry.size);
        z_stream stream{};
        if (inflateInit2(&stream, -MAX_WBITS) != Z_OK)
            return corrupt(Tr::tr("zlib could not start."));
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
        stream.avail_in = uInt(compressed.size());
        stream.next_out = reinterpret_cast<Bytef *>(data.data());
        stream.avail_out = uInt(data.size());
        const int status = inflate(&stream, Z_FINISH);
        const qint64 produced = qint64(stream.total_out);
        inflateEnd(&stream);
        if (status != Z_STREAM_END || produced != entry.size)
            return corrupt(Tr::tr("its compressed data is damaged or larger than declared."));
    }
    if (data.size() != entry.size)
        return corrupt(Tr::tr("its size does not match the directory."));
    const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(data.constData()),
                            uInt(data.size()));
    if (quint32(crc) != entry.crc)
        return corrupt(Tr::tr("its CRC-32 does not match."));
    return data;
}

} // namespace Patchboard
