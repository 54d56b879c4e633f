// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "core/serviceerror.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Patchboard {

// Reads one JSON object of the API (services/api), field by field, remembering the first problem
// with its path ("devices[3].patchLevel: expected a date (YYYY-MM-DD)"). A missing or mistyped
// field gives the fallback and the reader is no longer ok(); readers of nested objects share the
// first problem with their parent, so a codec checks ok() once at the end:
//
//     JsonReader r(value, QStringLiteral("device"));
//     device.id = r.integer("id");
//     device.serial = r.string("serial");
//     if (!r.ok()) return r.error();
//
// Optional fields use the *Or() variants, which accept an absent key or null.
class JsonReader
{
public:
    JsonReader(const QJsonValue &value, const QString &path);

    bool ok() const;
    // ServiceError::Code::BadResponse in a client, InvalidArgument in the server (setCode()).
    ServiceError error() const;
    void setCode(ServiceError::Code code);
    // Records a problem found by the codec itself (an unknown enum name, a value out of range).
    void fail(const char *key, const QString &problem);

    bool has(const char *key) const;
    QString string(const char *key);
    QString stringOr(const char *key, const QString &fallback = {});
    qint64 integer(const char *key);
    qint64 integerOr(const char *key, qint64 fallback);
    double number(const char *key);
    double numberOr(const char *key, double fallback);
    bool boolean(const char *key);
    bool booleanOr(const char *key, bool fallback);
    QDate date(const char *key); // "YYYY-MM-DD"
    QDate dateOr(const char *key); // absent or null: an invalid QDate
    QDateTime dateTime(const char *key); // ISO 8601 with offset, returned in UTC
    QDateTime dateTimeOr(const char *key); // absent or null: an invalid QDateTime
    QByteArray hex(const char *key); // lower- or upper-case hex digits
    QByteArray base64(const char *key);
    QJsonArray array(const char *key);
    // Arrays of strings or of whole numbers; a wrong element is named by its index.
    QStringList strings(const char *key);
    QList<int> integers(const char *key);
    JsonReader object(const char *key);
    // An array of objects, each read by read(JsonReader &) -> T; stops at the first problem.
    template<typename T, typename Read>
    QList<T> objects(const char *key, Read read)
    {
        QList<T> list;
        const QJsonArray items = array(key);
        for (qsizetype i = 0; i < items.size() && ok(); ++i) {
            JsonReader item = element(items, key, i);
            list.append(read(item));
        }
        return list;
    }
    // For arrays: a reader of element i of array (named key), sharing this reader's state.
    JsonReader element(const QJsonArray &array, const char *key, qsizetype i);

    const QJsonObject &json() const { return m_object; }
    QString path() const { return m_path; }

private:
    struct State;
    JsonReader(const QJsonValue &value, const QString &path, std::shared_ptr<State> state);
    QJsonValue field(const char *key, QJsonValue::Type type, const char *expected);
    QString fieldPath(const char *key) const;

    QJsonObject m_object;
    QString m_path;
    std::shared_ptr<State> m_state;
};

// The API's spelling of the common value types: dates "YYYY-MM-DD", date-times ISO 8601 UTC with
// milliseconds ("2026-11-23T21:07:41.000Z"), invalid ones as null.
namespace Json {
// A whole answer read by read(JsonReader &) -> T: the value, or the first problem as the error.
template<typename T, typename Read>
Result<T> readWhole(const QJsonValue &value, const QString &path, Read read)
{
    JsonReader r(value, path);
    T result = read(r);
    if (!r.ok())
        return r.error();
    return result;
}

QJsonValue date(QDate date);
QJsonValue dateTime(const QDateTime &time);
QString hex(const QByteArray &bytes);
} // namespace Json

} // namespace Patchboard
