// SPDX-License-Identifier: Apache-2.0
#include "bulletinstore.h"

#include "firmwaresql.h"
#include "storage/epochday.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::BulletinStore)
};

} // namespace

Result<int> BulletinStore::replace(const OsvImporter::Import &import, const QDateTime &time)
{
    FirmwareSql::Transaction transaction(m_database);
    if (!transaction.started())
        return m_database.error(m_database.connection().lastError(),
                                Tr::tr("start the bulletin import"));
    QSqlQuery remove(m_database.connection());
    remove.prepare(QStringLiteral("DELETE FROM osv_vulnerabilities WHERE osv_id = ?"));
    for (const QString &id : import.osvIds) {
        remove.bindValue(0, id);
        if (!remove.exec())
            return m_database.error(remove.lastError(), Tr::tr("replace bulletin records"));
    }
    QSqlQuery insert(m_database.connection());
    insert.prepare(
        QStringLiteral("INSERT INTO osv_vulnerabilities (osv_id, cve, package, severity, "
                       "patch_level, type, imported) VALUES (?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (osv_id, cve, package, patch_level) DO UPDATE SET "
                       "severity = excluded.severity, type = excluded.type, "
                       "imported = excluded.imported"));
    for (const KnownVulnerability &v : import.vulnerabilities) {
        const QVariantList values{v.osvId,
                                  v.cve,
                                  v.package,
                                  ReleaseNotes::severityName(v.severity),
                                  EpochDay::fromDate(v.patchLevel.date()),
                                  v.type,
                                  time.toSecsSinceEpoch()};
        for (int i = 0; i < values.size(); ++i)
            insert.bindValue(i,
                             values[i].toString().isNull()
                                     && values[i].typeId() == QMetaType::QString
                                 ? QVariant(QStringLiteral(""))
                                 : values[i]);
        if (!insert.exec())
            return m_database.error(insert.lastError(), Tr::tr("write bulletin records"));
    }
    if (const Status ok = transaction.commit(Tr::tr("finish the bulletin import")); !ok)
        return ok.error();
    return int(import.vulnerabilities.size());
}

Result<QList<KnownVulnerability>> BulletinStore::fixedBetween(const PatchLevel &from,
                                                              const PatchLevel &to) const
{
    QSqlQuery query(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, query,
            QStringLiteral(
                "SELECT osv_id, cve, package, severity, patch_level, type FROM osv_vulnerabilities "
                "WHERE patch_level BETWEEN ? AND ? ORDER BY patch_level, cve"),
            {EpochDay::fromDate(from.date()), EpochDay::fromDate(to.date())},
            Tr::tr("read the bulletin records"));
        !ok)
        return ok.error();
    QList<KnownVulnerability> result;
    while (query.next()) {
        KnownVulnerability v;
        v.osvId = query.value(0).toString();
        v.cve = query.value(1).toString();
        v.package = query.value(2).toString();
        v.severity = ReleaseNotes::severityFromName(query.value(3).toString())
                         .value_or(VulnerabilitySeverity::None);
        v.patchLevel = PatchLevel(EpochDay::toDate(query.value(4).toLongLong()));
        v.type = query.value(5).toString();
        result.append(v);
    }
    return result;
}

Result<int> BulletinStore::count() const
{
    QSqlQuery query(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, query, QStringLiteral("SELECT count(*) FROM osv_vulnerabilities"), {},
            Tr::tr("count the bulletin records"));
        !ok)
        return ok.error();
    return query.next() ? query.value(0).toInt() : 0;
}

} // namespace Patchboard
