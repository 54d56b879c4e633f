// SPDX-License-Identifier: Apache-2.0
#include "remoteauditbackend.h"

#include "api/apiclient.h"
#include "api/auditjson.h"
#include "api/csvdownload.h"

#include <QCoreApplication>

#include <climits>

namespace Patchboard {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RemoteAuditBackend)
};

} // namespace

RemoteAuditBackend::RemoteAuditBackend(ApiClient *client, QObject *parent)
    : AuditBackend(parent), m_client(client)
{ }

RemoteAuditBackend::~RemoteAuditBackend() = default;

QFuture<Result<QList<AuditEntry>>> RemoteAuditBackend::part(const AuditQuery &query, int offset,
                                                            int limit)
{
    QUrlQuery parameters = Json::toQuery(query);
    parameters.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    parameters.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return decodeAnswer<QList<AuditEntry>>(
        m_client->get(QStringLiteral("/api/v1/audit"), parameters), Json::readAuditEntries);
}

QFuture<Result<QList<AuditEntry>>> RemoteAuditBackend::entries(const AuditQuery &query, int offset,
                                                               int limit)
{
    if (limit <= Json::MaxAuditEntriesPerRequest || offset < 0)
        return part(query, offset, limit);
    QList<QFuture<Result<QList<AuditEntry>>>> parts;
    for (qint64 start = 0; start < limit; start += Json::MaxAuditEntriesPerRequest) {
        const int size = int(qMin<qint64>(Json::MaxAuditEntriesPerRequest, limit - start));
        parts << part(query, int(qMin<qint64>(qint64(offset) + start, INT_MAX)), size);
    }
    return QtFuture::whenAll(parts.begin(), parts.end())
        .then([](const QList<QFuture<Result<QList<AuditEntry>>>> &answers)
                  -> Result<QList<AuditEntry>> {
            QList<AuditEntry> joined;
            for (const auto &answer : answers) {
                if (answer.isCanceled() || answer.resultCount() == 0)
                    return ServiceError::make(ServiceError::Code::Cancelled,
                                              Tr::tr("The request was cancelled."));
                const Result<QList<AuditEntry>> &part = answer.result();
                if (!part)
                    return part.error();
                joined += part.value();
            }
            return joined;
        });
}

QFuture<Result<AuditVerification>> RemoteAuditBackend::verify()
{
    return decodeAnswer<AuditVerification>(m_client->get(QStringLiteral("/api/v1/audit/verify")),
                                           Json::readAuditVerification);
}

QFuture<Result<int>> RemoteAuditBackend::exportCsv(const AuditQuery &query, const QString &path)
{
    return downloadCsv(m_client, QStringLiteral("/api/v1/audit/export.csv"), Json::toQuery(query),
                       path);
}

} // namespace Patchboard
