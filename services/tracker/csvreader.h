// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

#include <memory>
#include <vector>

class QCryptographicHash;
class QIODevice;

namespace Patchboard {

// A streaming reader of delimited text as CRM and device-management tools export it (RFC 4180):
// quoted fields with separators, doubled quotes and line breaks inside; CRLF or LF line ends;
// a UTF-8 byte-order mark. The separator (';', ',' or tab) is the one the header line uses most,
// or the one an Excel "sep=;" first line names. The text is UTF-8 (with or without BOM), UTF-16
// with a BOM, or, when the start of the file is not valid UTF-8, Latin-1 (older Excel exports).
//
// Records come one at a time from a bounded buffer, so a file of any size is read in constant
// memory; fields are UTF-8 views valid until the next call to next(). Lenient where exports are
// sloppy (a quote inside an unquoted field is kept as text), strict where data would be lost (a
// quote that never closes, a record longer than MaxRecordBytes, NUL bytes: not a text file).
class CsvReader
{
public:
    enum class Encoding { Utf8, Utf8WithBom, Utf16LittleEndian, Utf16BigEndian, Latin1 };
    enum class Read { Record, End, Error };
    static constexpr qsizetype MaxRecordBytes = 1 << 20;

    // device must be open for reading and outlive the reader.
    explicit CsvReader(QIODevice *device);
    ~CsvReader();
    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    // Every byte read from the device is also added to hash (for the audit entry's digest).
    void setDigest(QCryptographicHash *hash) { m_digest = hash; }
    // Detects encoding and separator from the start of the file. False (see errorString()) for
    // a file that is not text.
    bool start();
    Encoding encoding() const { return m_encoding; }
    static QString encodingName(Encoding encoding); // "UTF-8", "UTF-16 (little endian)", ...
    char separator() const { return m_separator; }
    static QString separatorName(char separator); // translated: "semicolon (;)"

    // The next record that is not blank (blank lines and rows of empty fields are skipped).
    Read next();
    int fieldCount() const { return int(m_ends.size()); }
    QByteArrayView field(int index) const; // UTF-8; empty when index is out of range
    QString text(int index) const;
    qint64 line() const { return m_recordLine; } // 1-based line where the record started
    qint64 bytesRead() const { return m_bytesRead; } // of the device, for progress

    QString errorString() const { return m_error; }

private:
    bool fill();
    bool parseRecord();
    bool isBlank() const;
    char peek();
    void detectSeparator();
    void fail(const QString &message);

    QIODevice *m_device;
    QCryptographicHash *m_digest = nullptr;
    Encoding m_encoding = Encoding::Utf8;
    char m_separator = ',';
    std::unique_ptr<QStringDecoder> m_decoder; // UTF-16 and Latin-1 are converted to UTF-8
    QByteArray m_in; // UTF-8 text not parsed yet starts at m_pos
    qsizetype m_pos = 0;
    bool m_eof = false;
    qint64 m_bytesRead = 0;
    qint64 m_line = 1; // the line the parser is on
    qint64 m_recordLine = 0;
    QByteArray m_record; // the current record's field contents, back to back
    std::vector<qsizetype> m_ends; // where each field ends in m_record
    QString m_error;
};

} // namespace Patchboard
