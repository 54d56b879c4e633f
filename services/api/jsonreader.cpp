// SPDX-License-Identifier: Apache-2.0
#include "jsonreader.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {
struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};
} // namespace

struct JsonReader::State
{
    ServiceError::Code code = ServiceError::Code::BadResponse;
    QString problem; // the first one, with its path
};

JsonReader::JsonReader(const QJsonValue &value, const QString &path)
    : JsonReader(value, path, std::make_shared<State>())
{
}

JsonReader::JsonReader(const QJsonValue &value, const QString &path, std::shared_ptr<State> state)
    : m_object(value.toObject()), m_path(path), m_state(std::move(state))
{
    if (!value.isObject() && m_state->problem.isEmpty())
        m_state->problem = Api::tr("%1: expected an object").arg(m_path);
}

bool JsonReader::ok() const
{
    return m_state->problem.isEmpty();
}

ServiceError JsonReader::error() const
{
    if (ok())
        return {};
    return ServiceError::make(
        m_state->code,
        m_state->code == ServiceError::Code::BadResponse
            ? Api::tr("The server answered with data Patchboard does not understand (%1).")
                  .arg(m_state->problem)
            : Api::tr("The request is malformed: %1.").arg(m_state->problem),
        m_state->code == ServiceError::Code::BadResponse
            ? Api::tr("Check that the server is a patchboard-server of the same version.")
            : QString());
}

void JsonReader::setCode(ServiceError::Code code)
{
    m_state->code = code;
}

void JsonReader::fail(const char *key, const QString &problem)
{
    if (ok())
        m_state->problem = fieldPath(key) + QStringLiteral(": ") + problem;
}

QString JsonReader::fieldPath(const char *key) const
{
    return m_path + QLatin1Char('.') + QLatin1String(key);
}

bool JsonReader::has(const char *key) const
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    return !v.isUndefined() && !v.isNull();
}

QJsonValue JsonReader::field(const char *key, QJsonValue::Type type, const char *expected)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.type() == type)
        return v;
    if (v.isUndefined())
        fail(key, Api::tr("missing"));
    else
        fail(key, Api::tr("expected %1").arg(QLatin1String(expected)));
    return {};
}

QString JsonReader::string(const char *key)
{
    return field(key, QJsonValue::String, "a string").toString();
}

QString JsonReader::stringOr(const char *key, const QString &fallback)
{
    return has(key) ? string(key) : fallback;
}

qint64 JsonReader::integer(const char *key)
{
    const double d = field(key, QJsonValue::Double, "an integer").toDouble();
    // Exact integers only, and only those a double holds exactly (2^53).
    if (d != double(qint64(d)) || d > 9007199254740992.0 || d < -9007199254740992.0) {
        fail(key, Api::tr("expected an integer"));
        return 0;
    }
    return qint64(d);
}

qint64 JsonReader::integerOr(const char *key, qint64 fallback)
{
    return has(key) ? integer(key) : fallback;
}

double JsonReader::number(const char *key)
{
    return field(key, QJsonValue::Double, "a number").toDouble();
}

double JsonReader::numberOr(const char *key, double fallback)
{
    return has(key) ? number(key) : fallback;
}

bool JsonReader::boolean(const char *key)
{
    return field(key, QJsonValue::Bool, "true or false").toBool();
}

bool JsonReader::booleanOr(const char *key, bool fallback)
{
    return has(key) ? boolean(key) : fallback;
}

QDate JsonReader::date(const char *key)
{
    const QString text = string(key);
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid() && ok())
        fail(key, Api::tr("expected a date (YYYY-MM-DD)"));
    return d;
}

QDate JsonReader::dateOr(const char *key)
{
    return has(key) ? date(key) : QDate();
}

QDateTime JsonReader::dateTime(const char *key)
{
    const QString text = string(key);
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid() && ok())
        fail(key, Api::tr("expected a date and time (ISO 8601)"));
    return t.toUTC();
}

QDateTime JsonReader::dateTimeOr(const char *key)
{
    return has(key) ? dateTime(key) : QDateTime();
}

QByteArray JsonReader::hex(const char *key)
{
    const QString text = string(key);
    for (const QChar c : text) {
        if (!isxdigit(c.toLatin1()) || c.unicode() > 0x7f) {
            fail(key, Api::tr("expected hexadecimal digits"));
            return {};
        }
    }
    if (text.size() % 2) {
        fail(key, Api::tr("expected an even number of hexadecimal digits"));
        return {};
    }
    return QByteArray::fromHex(text.toLatin1());
}

QByteArray JsonReader::base64(const char *key)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        string(key).toLatin1(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded && ok())
        fail(key, Api::tr("expected base64"));
    return decoded.decoded;
}

QJsonArray JsonReader::array(const char *key)
{
    return field(key, QJsonValue::Array, "an array").toArray();
}

QStringList JsonReader::strings(const char *key)
{
    QStringList values;
    const QJsonArray items = array(key);
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isString()) {
            const QByteArray item = QByteArray(key) + '[' + QByteArray::number(i) + ']';
            fail(item.constData(), Api::tr("expected a string"));
            return {};
        }
        values.append(items.at(i).toString());
    }
    return values;
}

QList<int> JsonReader::integers(const char *key)
{
    QList<int> values;
    const QJsonArray items = array(key);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue item = items.at(i);
        const double d = item.toDouble();
        if (!item.isDouble() || d != double(int(d))) {
            const QByteArray name = QByteArray(key) + '[' + QByteArray::number(i) + ']';
            fail(name.constData(), Api::tr("expected a whole number"));
            return {};
        }
        values.append(int(d));
    }
    return values;
}

JsonReader JsonReader::object(const char *key)
{
    const QJsonValue v = field(key, QJsonValue::Object, "an object");
    return JsonReader(v.isObject() ? v : QJsonValue(QJsonObject()), fieldPath(key), m_state);
}

JsonReader JsonReader::element(const QJsonArray &array, const char *key, qsizetype i)
{
    const QString path = fieldPath(key) + QStringLiteral("[%1]").arg(i);
    const QJsonValue v = array.at(i);
    if (!v.isObject() && ok())
        m_state->problem = Api::tr("%1: expected an object").arg(path);
    return JsonReader(v.isObject() ? v : QJsonValue(QJsonObject()), path, m_state);
}

namespace Json {

QJsonValue date(QDate date)
{
    return date.isValid() ? QJsonValue(date.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue dateTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs))
                          : QJsonValue(QJsonValue::Null);
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

} // namespace Json

} // namespace Patchboard
