// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/serviceerror.h"

#include <QDate>
#include <QDateTime>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrlQuery>

#include <optional>

namespace Patchboard {

// Reads the query parameters of a GET request (services/api), like JsonReader reads a body:
// parameter by parameter, remembering the first problem ("patchLevelBefore: expected a date
// (YYYY-MM-DD), not \"2024-13-01\""). An absent parameter gives the fallback; a malformed one gives
// the fallback and the reader is no longer ok(). Problems are InvalidArgument (the client's
// fault), so that the route answers 400 with the message. Values are read fully decoded.
class QueryReader
{
public:
    explicit QueryReader(const QUrlQuery &query);

    bool ok() const { return m_problem.isEmpty(); }
    ServiceError error() const;
    void fail(const char *key, const QString &problem);

    bool has(const char *key) const;
    QString string(const char *key);
    std::optional<qint64> integer(const char *key, qint64 min, qint64 max);
    qint64 integerOr(const char *key, qint64 fallback, qint64 min, qint64 max);
    QDate date(const char *key); // "YYYY-MM-DD"; absent: invalid
    QDateTime dateTime(const char *key); // ISO 8601 with offset, in UTC; absent: invalid
    QStringList list(const char *key); // comma separated; absent: empty

    // A parameter the route does not know is refused: a misspelt filter would otherwise be
    // ignored and the answer would silently list every device. Call after reading.
    void refuseUnknown();

private:
    QString value(const char *key);

    QUrlQuery m_query;
    QSet<QString> m_known;
    QString m_problem;
};

} // namespace Patchboard
