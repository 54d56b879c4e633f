// SPDX-License-Identifier: Apache-2.0
#include "boundedcbor.h"

#include <QCborStreamReader>
#include <QSet>
#include <QVarLengthArray>

namespace Patchboard {

namespace {

ServiceError cborError(const QString &message)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument, message);
}

QString readerError(QCborStreamReader &reader)
{
    const QCborError error = reader.lastError();
    if (error.c == QCborError::EndOfFile)
        return QStringLiteral("the CBOR data is truncated at byte %1").arg(reader.currentOffset());
    return QStringLiteral("malformed CBOR at byte %1: %2")
        .arg(reader.currentOffset())
        .arg(error.toString());
}

} // namespace

Status BoundedCbor::check(QByteArrayView data, const CborLimits &limits)
{
    if (data.isEmpty())
        return cborError(QStringLiteral("The input is empty."));
    if (data.size() > limits.maxBytes) {
        return cborError(QStringLiteral("The input is %1 bytes; at most %2 are accepted.")
                             .arg(data.size())
                             .arg(limits.maxBytes));
    }
    const QByteArray bytes = QByteArray::fromRawData(data.data(), data.size());
    QCborStreamReader reader(bytes);
    const qsizetype size = data.size();
    int depth = 0; // open containers
    int tagRun = 0; // tags seen in a row, waiting for the item they tag
    qsizetype items = 0;
    bool topLevelDone = false;

    while (!topLevelDone) {
        if (reader.lastError() != QCborError::NoError)
            return cborError(readerError(reader));
        if (depth > 0 && !reader.hasNext()) {
            if (!reader.leaveContainer())
                return cborError(readerError(reader));
            if (--depth == 0)
                topLevelDone = true;
            continue;
        }
        if (++items > limits.maxItems)
            return cborError(
                QStringLiteral("The input has more than %1 CBOR items.").arg(limits.maxItems));
        const qint64 offset = reader.currentOffset();
        const qint64 remaining = size - offset;

        switch (reader.type()) {
        case QCborStreamReader::Tag:
            if (depth + ++tagRun > limits.maxDepth)
                return cborError(QStringLiteral("CBOR nesting deeper than %1 at byte %2.")
                                     .arg(limits.maxDepth)
                                     .arg(offset));
            if (!reader.next())
                return cborError(readerError(reader));
            continue; // the tagged item follows
        case QCborStreamReader::ByteArray:
        case QCborStreamReader::String:
            if (!reader.isLengthKnown())
                return cborError(
                    QStringLiteral("Indefinite-length string at byte %1 is not accepted.")
                        .arg(offset));
            if (reader.length() > quint64(remaining)) {
                return cborError(QStringLiteral("The CBOR data is truncated: a string at byte %1 "
                                                "claims %2 bytes but only %3 remain.")
                                     .arg(offset)
                                     .arg(reader.length())
                                     .arg(remaining));
            }
            if (!reader.next())
                return cborError(readerError(reader));
            break;
        case QCborStreamReader::Array:
        case QCborStreamReader::Map: {
            if (!reader.isLengthKnown())
                return cborError(
                    QStringLiteral("Indefinite-length container at byte %1 is not accepted.")
                        .arg(offset));
            const quint64 count = reader.length();
            // Every item takes at least one byte: a larger count can only be a lie.
            const quint64 minimumBytes = reader.isMap() ? 2 * count : count;
            if (count > quint64(limits.maxContainerItems)) {
                return cborError(
                    QStringLiteral(
                        "A container at byte %1 claims %2 entries; at most %3 are accepted.")
                        .arg(offset)
                        .arg(count)
                        .arg(limits.maxContainerItems));
            }
            if (minimumBytes > quint64(remaining)) {
                return cborError(QStringLiteral("The CBOR data is truncated: a container at byte "
                                                "%1 claims %2 entries but only %3 bytes remain.")
                                     .arg(offset)
                                     .arg(count)
                                     .arg(remaining));
            }
            if (depth + tagRun + 1 > limits.maxDepth)
                return cborError(QStringLiteral("CBOR nesting deeper than %1 at byte %2.")
                                     .arg(limits.maxDepth)
                                     .arg(offset));
            if (!reader.enterContainer())
                return cborError(readerError(reader));
            ++depth;
            tagRun = 0;
            continue; // an empty container is closed at the top of the loop
        }
        case QCborStreamReader::Invalid:
            return cborError(readerError(reader));
        default: // integers, simple values, floats: fixed size
            if (!reader.next())
                return cborError(readerError(reader));
            break;
        }
        tagRun = 0;
        if (depth == 0)
            topLevelDone = true;
    }
    if (reader.lastError() != QCborError::NoError)
        return cborError(readerError(reader));
    if (reader.currentOffset() != size) {
        return cborError(
            QStringLiteral("%1 bytes of trailing data after the CBOR item (at byte %2).")
                .arg(size - reader.currentOffset())
                .arg(reader.currentOffset()));
    }
    return Done{};
}

Result<QCborValue> BoundedCbor::decode(QByteArrayView data, const CborLimits &limits)
{
    const Status valid = check(data, limits);
    if (!valid.ok())
        return valid.error();
    QCborParserError error;
    // A deep copy: the decoded value must not depend on the caller's buffer staying alive.
    QCborValue value = QCborValue::fromCbor(data.toByteArray(), &error);
    if (error.error != QCborError::NoError)
        return cborError(QStringLiteral("Malformed CBOR at byte %1: %2")
                             .arg(error.offset)
                             .arg(error.errorString()));
    return value;
}

Result<BoundedCbor::RawMap> BoundedCbor::decodeRawMap(QByteArrayView data, const CborLimits &limits)
{
    const Status valid = check(data, limits);
    if (!valid.ok())
        return valid.error();
    const QByteArray bytes = QByteArray::fromRawData(data.data(), data.size());
    QCborStreamReader reader(bytes);
    RawMap map;
    if (reader.isTag()) {
        map.tag = quint64(reader.toTag());
        reader.next();
        if (reader.isTag())
            return cborError(QStringLiteral("More than one CBOR tag on the top-level map."));
    }
    if (!reader.isMap())
        return cborError(
            QStringLiteral("Expected a CBOR map at byte %1.").arg(reader.currentOffset()));
    reader.enterContainer();
    while (reader.hasNext()) {
        MapEntry entry;
        entry.key = QCborValue::fromCbor(reader);
        const qint64 start = reader.currentOffset();
        if (!reader.next())
            return cborError(readerError(reader));
        const qint64 end = reader.currentOffset();
        entry.rawValue = QByteArray(data.data() + start, qsizetype(end - start)); // deep copy
        map.entries.append(std::move(entry));
    }
    if (!reader.leaveContainer() || reader.lastError() != QCborError::NoError)
        return cborError(readerError(reader));
    return map;
}

bool BoundedCbor::hasDuplicateKeys(const QCborMap &map)
{
    QSet<QByteArray> seen;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (seen.contains(it.key().toCbor()))
            return true;
        seen.insert(it.key().toCbor());
    }
    return false;
}

} // namespace Patchboard
