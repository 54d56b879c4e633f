// SPDX-License-Identifier: Apache-2.0
#include "csvreader.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QIODevice>

#include <cstring>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::CsvReader)
};

constexpr qint64 ChunkBytes = 256 * 1024;

// The length of sample without an incomplete UTF-8 sequence at its end (cut by the chunk).
qsizetype completeUtf8Length(QByteArrayView sample)
{
    const qsizetype n = sample.size();
    for (qsizetype back = 1; back <= 4 && back <= n; ++back) {
        const auto byte = quint8(sample[n - back]);
        if ((byte & 0xc0) == 0x80)
            continue; // a continuation byte: look further back for its lead byte
        const int needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
        return needed > back ? n - back : n;
    }
    return n;
}

} // namespace

CsvReader::CsvReader(QIODevice *device) : m_device(device) { }

CsvReader::~CsvReader() = default;

QString CsvReader::encodingName(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Utf8:
        return QStringLiteral("UTF-8");
    case Encoding::Utf8WithBom:
        return Tr::tr("UTF-8 with byte-order mark");
    case Encoding::Utf16LittleEndian:
        return Tr::tr("UTF-16 (little endian)");
    case Encoding::Utf16BigEndian:
        return Tr::tr("UTF-16 (big endian)");
    case Encoding::Latin1:
        return Tr::tr("Latin-1 (the file is not valid UTF-8)");
    }
    return {};
}

QString CsvReader::separatorName(char separator)
{
    switch (separator) {
    case ';':
        return Tr::tr("semicolon (;)");
    case ',':
        return Tr::tr("comma (,)");
    case '\t':
        return Tr::tr("tab");
    }
    return QString(QLatin1Char(separator));
}

void CsvReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

bool CsvReader::start()
{
    QByteArray head = m_device->read(ChunkBytes);
    m_bytesRead = head.size();
    if (m_digest)
        m_digest->addData(head);
    m_eof = head.isEmpty();
    if (head.startsWith("\xEF\xBB\xBF")) {
        m_encoding = Encoding::Utf8WithBom;
        head.remove(0, 3);
    } else if (head.startsWith("\xFF\xFE")) {
        m_encoding = Encoding::Utf16LittleEndian;
        m_decoder = std::make_unique<QStringDecoder>(QStringConverter::Utf16LE);
    } else if (head.startsWith("\xFE\xFF")) {
        m_encoding = Encoding::Utf16BigEndian;
        m_decoder = std::make_unique<QStringDecoder>(QStringConverter::Utf16BE);
    } else {
        const QByteArrayView sample(head.constData(),
                                    m_device->atEnd() ? head.size() : completeUtf8Length(head));
        if (!sample.isValidUtf8() && !head.contains('\0')) {
            m_encoding = Encoding::Latin1;
            m_decoder = std::make_unique<QStringDecoder>(QStringConverter::Latin1);
        }
    }
    // The decoders drop a BOM at the start themselves.
    m_in = m_decoder ? QString((*m_decoder)(head)).toUtf8() : head;
    m_pos = 0;
    if (m_in.contains('\0')) {
        fail(Tr::tr("The file contains NUL bytes: it is not a text file (CSV)."));
        return false;
    }
    detectSeparator();
    return true;
}

void CsvReader::detectSeparator()
{
    // The header line, outside quotes, as far as the first chunk holds it.
    int counts[3] = {0, 0, 0}; // ';' ',' '\t'
    bool quoted = false;
    qsizetype end = m_pos;
    for (; end < m_in.size(); ++end) {
        const char c = m_in[end];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ';')
            ++counts[0];
        else if (!quoted && c == ',')
            ++counts[1];
        else if (!quoted && c == '\t')
            ++counts[2];
    }
    // Excel's "sep=;" line names the separator and is not the header.
    const QByteArrayView first(m_in.constData() + m_pos, end - m_pos);
    if (first.size() == 5 && first.first(4).compare("sep=", Qt::CaseInsensitive) == 0) {
        m_separator = first[4];
        m_pos = end;
        if (m_pos < m_in.size() && m_in[m_pos] == '\r')
            ++m_pos;
        if (m_pos < m_in.size() && m_in[m_pos] == '\n')
            ++m_pos;
        m_line = 2;
        return;
    }
    // The most used one; on a tie the semicolon (it is never part of a number) before the comma.
    m_separator = ',';
    if (counts[0] > 0 && counts[0] >= counts[1] && counts[0] >= counts[2])
        m_separator = ';';
    else if (counts[2] > counts[1])
        m_separator = '\t';
}

bool CsvReader::fill()
{
    while (!m_eof) {
        const QByteArray raw = m_device->read(ChunkBytes);
        if (raw.isEmpty()) {
            m_eof = true;
            break;
        }
        m_bytesRead += raw.size();
        if (m_digest)
            m_digest->addData(raw);
        m_in = m_decoder ? QString((*m_decoder)(raw)).toUtf8() : raw;
        m_pos = 0;
        if (std::memchr(m_in.constData(), 0, std::size_t(m_in.size()))) {
            fail(Tr::tr("Line %1 contains NUL bytes: the file is not a text file (CSV).")
                     .arg(m_line));
            return false;
        }
        if (!m_in.isEmpty())
            return true;
    }
    m_in.clear();
    m_pos = 0;
    return false;
}

char CsvReader::peek()
{
    if (m_pos == m_in.size() && !fill())
        return 0;
    return m_in[m_pos];
}

QByteArrayView CsvReader::field(int index) const
{
    if (index < 0 || std::size_t(index) >= m_ends.size())
        return {};
    const qsizetype begin = index == 0 ? 0 : m_ends[std::size_t(index) - 1];
    return QByteArrayView(m_record.constData() + begin, m_ends[std::size_t(index)] - begin);
}

QString CsvReader::text(int index) const
{
    return QString::fromUtf8(field(index));
}

bool CsvReader::isBlank() const
{
    for (const char c : m_record) {
        if (c != ' ' && c != '\t')
            return false;
    }
    return true;
}

CsvReader::Read CsvReader::next()
{
    if (!m_error.isEmpty())
        return Read::Error;
    while (parseRecord()) {
        if (!isBlank())
            return Read::Record;
    }
    return m_error.isEmpty() ? Read::End : Read::Error;
}

// One record from m_pos on. False at the end of the input (no record) or on an error.
bool CsvReader::parseRecord()
{
    m_record.clear();
    m_ends.clear();
    if (m_pos == m_in.size() && !fill())
        return false;
    m_recordLine = m_line;
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    State state = State::FieldStart;
    qint64 quoteLine = 0;
    const char separator = m_separator;
    auto tooLong = [&] {
        fail(Tr::tr("The record starting on line %1 is longer than %2 MiB: the file is not a "
                    "CSV file, or a quote is not closed.")
                 .arg(m_recordLine)
                 .arg(MaxRecordBytes >> 20));
        return false;
    };
    for (;;) {
        if (m_pos == m_in.size() && !fill()) {
            if (!m_error.isEmpty())
                return false;
            if (state == State::Quoted) {
                fail(Tr::tr("The quoted field starting on line %1 is not closed before the end "
                            "of the file.")
                         .arg(quoteLine));
                return false;
            }
            m_ends.push_back(m_record.size());
            return true;
        }
        const char *data = m_in.constData();
        const qsizetype size = m_in.size();
        if (state == State::Quoted) {
            // Everything up to the next quote is text, line breaks included.
            qsizetype end = m_pos;
            while (end < size && data[end] != '"') {
                if (data[end] == '\n')
                    ++m_line;
                ++end;
            }
            m_record.append(data + m_pos, end - m_pos);
            m_pos = end;
            if (m_record.size() > MaxRecordBytes)
                return tooLong();
            if (end < size) {
                ++m_pos;
                state = State::QuoteInQuoted;
            }
            continue;
        }
        const char c = data[m_pos];
        if (state == State::QuoteInQuoted) {
            if (c == '"') { // a doubled quote stands for one
                m_record.append('"');
                ++m_pos;
                state = State::Quoted;
                continue;
            }
            state = State::Unquoted; // the closing quote; anything up to the separator is kept
        }
        if (state == State::FieldStart && c == '"') {
            ++m_pos;
            quoteLine = m_line;
            state = State::Quoted;
            continue;
        }
        if (c == separator) {
            ++m_pos;
            m_ends.push_back(m_record.size());
            state = State::FieldStart;
            continue;
        }
        if (c == '\n' || c == '\r') {
            ++m_pos;
            ++m_line;
            if (c == '\r' && peek() == '\n')
                ++m_pos;
            m_ends.push_back(m_record.size());
            return true;
        }
        // A run of ordinary text (a quote inside an unquoted field is text too).
        qsizetype end = m_pos + 1;
        while (end < size && data[end] != separator && data[end] != '\n' && data[end] != '\r')
            ++end;
        m_record.append(data + m_pos, end - m_pos);
        m_pos = end;
        state = State::Unquoted;
        if (m_record.size() > MaxRecordBytes)
            return tooLong();
    }
}

} // namespace Patchboard
