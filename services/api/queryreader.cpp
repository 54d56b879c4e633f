// SPDX-License-Identifier: Apache-2.0
#include "queryreader.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {
struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};
} // namespace

QueryReader::QueryReader(const QUrlQuery &query) : m_query(query) { }

ServiceError QueryReader::error() const
{
    if (ok())
        return {};
    return ServiceError::make(ServiceError::Code::InvalidArgument,
                              Api::tr("Bad query parameter %1.").arg(m_problem),
                              Api::tr("Correct the parameter and send the request again."));
}

void QueryReader::fail(const char *key, const QString &problem)
{
    if (ok())
        m_problem = QLatin1String(key) + QStringLiteral(": ") + problem;
}

bool QueryReader::has(const char *key) const
{
    return m_query.hasQueryItem(QLatin1String(key));
}

QString QueryReader::value(const char *key)
{
    const QString name = QLatin1String(key);
    m_known.insert(name);
    const QStringList values = m_query.allQueryItemValues(name, QUrl::FullyDecoded);
    if (values.size() > 1) {
        fail(key, Api::tr("given %1 times; give it once").arg(values.size()));
        return {};
    }
    return values.value(0);
}

QString QueryReader::string(const char *key)
{
    return value(key);
}

std::optional<qint64> QueryReader::integer(const char *key, qint64 min, qint64 max)
{
    const QString text = value(key);
    if (!has(key))
        return std::nullopt;
    bool isNumber = false;
    const qint64 n = text.toLongLong(&isNumber);
    if (!isNumber) {
        fail(key, Api::tr("expected a whole number, not \"%1\"").arg(text));
        return std::nullopt;
    }
    if (n < min || n > max) {
        fail(key, Api::tr("expected a number from %1 to %2, not %3").arg(min).arg(max).arg(n));
        return std::nullopt;
    }
    return n;
}

qint64 QueryReader::integerOr(const char *key, qint64 fallback, qint64 min, qint64 max)
{
    return integer(key, min, max).value_or(fallback);
}

QDate QueryReader::date(const char *key)
{
    const QString text = value(key);
    if (!has(key))
        return {};
    const QDate d = QDate::fromString(text, Qt::ISODate);
    if (!d.isValid() || text.size() != 10)
        fail(key, Api::tr("expected a date (YYYY-MM-DD), not \"%1\"").arg(text));
    return d.isValid() ? d : QDate();
}

QDateTime QueryReader::dateTime(const char *key)
{
    const QString text = value(key);
    if (!has(key))
        return {};
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) {
        fail(key,
             Api::tr("expected a date and time (ISO 8601, e.g. 2025-03-01T12:00:00Z), not "
                     "\"%1\"")
                 .arg(text));
        return {};
    }
    return t.toUTC();
}

QStringList QueryReader::list(const char *key)
{
    const QString text = value(key);
    if (text.isEmpty())
        return {};
    return text.split(QLatin1Char(','));
}

void QueryReader::refuseUnknown()
{
    const auto items = m_query.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (!m_known.contains(item.first)) {
            QStringList known(m_known.cbegin(), m_known.cend());
            known.sort();
            const QByteArray key = item.first.toUtf8();
            fail(key.constData(),
                 Api::tr("unknown parameter; this request takes %1")
                     .arg(known.join(QStringLiteral(", "))));
            return;
        }
    }
}

} // namespace Patchboard
