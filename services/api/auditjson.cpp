// SPDX-License-Identifier: Apache-2.0
#include "auditjson.h"

#include <QJsonArray>

namespace Patchboard::Json {

namespace {


void addItem(QUrlQuery &query, const char *key, const QString &value)
{
    // Percent-encoded here, so that '+', '&' and '%' in a search text arrive as typed.
    query.addQueryItem(QLatin1String(key), QString::fromUtf8(QUrl::toPercentEncoding(value)));
}

} // namespace

QJsonObject toJson(const AuditEntry &e)
{
    return QJsonObject{
        {QStringLiteral("sequence"), e.sequence},
        {QStringLiteral("time"), dateTime(e.time)},
        {QStringLiteral("actor"), e.actor},
        {QStringLiteral("role"), e.role},
        {QStringLiteral("action"), e.action},
        {QStringLiteral("subject"), e.subject},
        {QStringLiteral("details"), e.details},
        {QStringLiteral("previousHash"), hex(e.previousHash)},
        {QStringLiteral("hash"), hex(e.hash)},
    };
}

AuditEntry readAuditEntry(JsonReader &r)
{
    AuditEntry e;
    e.sequence = r.integer("sequence");
    e.time = r.dateTime("time");
    e.actor = r.string("actor");
    e.role = r.string("role");
    e.action = r.string("action");
    e.subject = r.string("subject");
    e.details = r.object("details").json();
    e.previousHash = r.hex("previousHash");
    e.hash = r.hex("hash");
    return e;
}

QJsonObject toJson(const QList<AuditEntry> &entries)
{
    QJsonArray array;
    for (const AuditEntry &e : entries)
        array.append(toJson(e));
    return QJsonObject{{QStringLiteral("entries"), array}};
}

Result<QList<AuditEntry>> readAuditEntries(const QJsonValue &value)
{
    return readWhole<QList<AuditEntry>>(value, QStringLiteral("answer"), [](JsonReader &r) {
        QList<AuditEntry> entries;
        const QJsonArray array = r.array("entries");
        entries.reserve(array.size());
        for (qsizetype i = 0; i < array.size() && r.ok(); ++i) {
            JsonReader element = r.element(array, "entries", i);
            entries.append(readAuditEntry(element));
        }
        return entries;
    });
}

QJsonObject toJson(const AuditVerification &v)
{
    return QJsonObject{{QStringLiteral("intact"), v.intact},
                       {QStringLiteral("entries"), v.entries},
                       {QStringLiteral("firstBadSequence"), v.firstBadSequence},
                       {QStringLiteral("problem"), v.problem}};
}

Result<AuditVerification> readAuditVerification(const QJsonValue &value)
{
    return readWhole<AuditVerification>(value, QStringLiteral("verification"), [](JsonReader &r) {
        AuditVerification v;
        v.intact = r.boolean("intact");
        v.entries = r.integer("entries");
        v.firstBadSequence = r.integerOr("firstBadSequence", 0);
        v.problem = r.stringOr("problem");
        return v;
    });
}

QJsonObject toJson(const AuditQuery &q)
{
    return QJsonObject{{QStringLiteral("actor"), q.actor},
                       {QStringLiteral("actionPrefix"), q.actionPrefix},
                       {QStringLiteral("text"), q.text},
                       {QStringLiteral("from"), dateTime(q.from)},
                       {QStringLiteral("to"), dateTime(q.to)}};
}

Result<AuditQuery> readAuditQuery(const QJsonValue &value)
{
    return readWhole<AuditQuery>(value, QStringLiteral("query"), [](JsonReader &r) {
        AuditQuery q;
        q.actor = r.stringOr("actor");
        q.actionPrefix = r.stringOr("actionPrefix");
        q.text = r.stringOr("text");
        q.from = r.dateTimeOr("from");
        q.to = r.dateTimeOr("to");
        return q;
    });
}

QUrlQuery toQuery(const AuditQuery &q)
{
    QUrlQuery query;
    if (!q.actor.isEmpty())
        addItem(query, "actor", q.actor);
    if (!q.actionPrefix.isEmpty())
        addItem(query, "actionPrefix", q.actionPrefix);
    if (!q.text.isEmpty())
        addItem(query, "text", q.text);
    if (q.from.isValid())
        addItem(query, "from", dateTime(q.from).toString());
    if (q.to.isValid())
        addItem(query, "to", dateTime(q.to).toString());
    return query;
}

AuditQuery readAuditQuery(QueryReader &r)
{
    AuditQuery q;
    q.actor = r.string("actor");
    q.actionPrefix = r.string("actionPrefix");
    q.text = r.string("text");
    q.from = r.dateTime("from");
    q.to = r.dateTime("to");
    return q;
}

} // namespace Patchboard::Json
