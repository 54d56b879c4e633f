// SPDX-License-Identifier: Apache-2.0
#include "releasestore.h"

#include "firmwaresql.h"
#include "storage/epochday.h"

#include <QCoreApplication>
#include <QStringList>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseStore)
};

using FirmwareSql::fromSeconds;
using FirmwareSql::hex;
using FirmwareSql::seconds;

const char *const recordColumns
    = "SELECT id, version, vendor_id, class_id, sequence, release_type, patch_level, received, "
      "decided, state, notes, manifest, manifest_digest, signer, algorithm, store_path, "
      "imported_by "
      "FROM releases";

ReleaseRecord readRecord(const QSqlQuery &q)
{
    ReleaseRecord r;
    r.id = q.value(0).toLongLong();
    r.version = q.value(1).toString();
    r.vendorId = QByteArray::fromHex(q.value(2).toString().toLatin1());
    r.classId = QByteArray::fromHex(q.value(3).toString().toLatin1());
    r.sequenceNumber = quint64(q.value(4).toLongLong());
    r.type = ReleaseNotes::typeFromName(q.value(5).toString()).value_or(ReleaseType::Security);
    if (!q.value(6).isNull())
        r.patchLevel = PatchLevel(EpochDay::toDate(q.value(6).toLongLong()));
    r.received = fromSeconds(q.value(7));
    r.decided = fromSeconds(q.value(8));
    r.state = ReleaseStates::fromName(q.value(9).toString()).value_or(ReleaseState::Refused);
    r.notes = q.value(10).toByteArray();
    r.manifest = q.value(11).toByteArray();
    r.manifestDigest = q.value(12).toString();
    r.signer = q.value(13).toString();
    r.algorithm = q.value(14).toString();
    r.storePath = q.value(15).toString();
    r.importedBy = q.value(16).toString();
    return r;
}

} // namespace

Result<qint64> ReleaseStore::insert(const ReleaseRecord &r)
{
    QSqlQuery q(m_database.connection());
    const Status ok = FirmwareSql::exec(
        m_database, q,
        QStringLiteral(
            "INSERT INTO releases (version, vendor_id, class_id, sequence, release_type, "
            "patch_level, received, decided, state, notes, manifest, manifest_digest, "
            "signer, algorithm, store_path, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?)"),
        {r.version, hex(r.vendorId), hex(r.classId), qint64(r.sequenceNumber),
         ReleaseNotes::typeName(r.type),
         r.patchLevel.isValid() ? QVariant(EpochDay::fromDate(r.patchLevel.date()))
                                : QVariant(QMetaType::fromType<qint64>()),
         seconds(r.received), seconds(r.decided), ReleaseStates::name(r.state), r.notes, r.manifest,
         r.manifestDigest, r.signer, r.algorithm, r.storePath, r.importedBy},
        Tr::tr("store the release"));
    if (!ok)
        return ok.error();
    return q.lastInsertId().toLongLong();
}

Status ReleaseStore::setStorePath(qint64 id, const QString &path)
{
    QSqlQuery q(m_database.connection());
    return FirmwareSql::exec(m_database, q,
                             QStringLiteral("UPDATE releases SET store_path = ? WHERE id = ?"),
                             {path, id}, Tr::tr("store the release"));
}

Result<ReleaseRecord> ReleaseStore::record(qint64 id) const
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q, QString::fromLatin1(recordColumns) + QStringLiteral(" WHERE id = ?"),
            {id}, Tr::tr("read the release"));
        !ok)
        return ok.error();
    if (!q.next())
        return ServiceError::make(ServiceError::Code::NotFound,
                                  Tr::tr("There is no release %1.").arg(id));
    return readRecord(q);
}

Result<QList<ReleaseRecord>> ReleaseStore::records() const
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QString::fromLatin1(recordColumns) + QStringLiteral(" ORDER BY received DESC, id DESC"),
            {}, Tr::tr("read the releases"));
        !ok)
        return ok.error();
    QList<ReleaseRecord> list;
    while (q.next())
        list.append(readRecord(q));
    return list;
}

Result<std::optional<qint64>> ReleaseStore::activeWithDigest(const QString &digest) const
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral(
                "SELECT id FROM releases WHERE manifest_digest = ? AND state <> 'refused' LIMIT 1"),
            {digest}, Tr::tr("read the releases"));
        !ok)
        return ok.error();
    return q.next() ? std::optional<qint64>(q.value(0).toLongLong()) : std::optional<qint64>();
}

Status ReleaseStore::setState(qint64 id, ReleaseState state, const QDateTime &decided)
{
    QSqlQuery q(m_database.connection());
    return FirmwareSql::exec(
        m_database, q, QStringLiteral("UPDATE releases SET state = ?, decided = ? WHERE id = ?"),
        {ReleaseStates::name(state), seconds(decided), id}, Tr::tr("change the release state"));
}

Status ReleaseStore::addTransition(qint64 id, const ReleaseTransition &t)
{
    QSqlQuery q(m_database.connection());
    return FirmwareSql::exec(
        m_database, q,
        QStringLiteral("INSERT INTO release_transitions (release_id, from_state, to_state, "
                       "actor, role, time, reason) VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {id, ReleaseStates::name(t.from), ReleaseStates::name(t.to), t.actor, t.role,
         t.time.toSecsSinceEpoch(), t.reason},
        Tr::tr("record the transition"));
}

Result<QList<ReleaseTransition>> ReleaseStore::history(qint64 id) const
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT from_state, to_state, actor, role, time, reason FROM "
                           "release_transitions WHERE release_id = ? ORDER BY id"),
            {id}, Tr::tr("read the release history"));
        !ok)
        return ok.error();
    QList<ReleaseTransition> list;
    while (q.next()) {
        list.append(ReleaseTransition{
            ReleaseStates::fromName(q.value(0).toString()).value_or(ReleaseState::Received),
            ReleaseStates::fromName(q.value(1).toString()).value_or(ReleaseState::Received),
            q.value(2).toString(), q.value(3).toString(), fromSeconds(q.value(4)),
            q.value(5).toString()});
    }
    return list;
}

Status ReleaseStore::replaceChecks(qint64 id, const QList<ReleaseCheck> &checks,
                                   const QDateTime &time)
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q, QStringLiteral("DELETE FROM release_checks WHERE release_id = ?"), {id},
            Tr::tr("store the checklist"));
        !ok)
        return ok;
    for (int i = 0; i < checks.size(); ++i) {
        const ReleaseCheck &c = checks[i];
        if (const Status ok = FirmwareSql::exec(
                m_database, q,
                QStringLiteral("INSERT INTO release_checks (release_id, position, name, passed, "
                               "blocking, reason, checked) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                {id, i, c.name, c.passed, c.blocking, c.reason, time.toSecsSinceEpoch()},
                Tr::tr("store the checklist"));
            !ok)
            return ok;
    }
    return Done{};
}

Result<QList<ReleaseCheck>> ReleaseStore::checks(qint64 id) const
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT name, passed, reason, blocking FROM release_checks "
                           "WHERE release_id = ? ORDER BY position"),
            {id}, Tr::tr("read the checklist"));
        !ok)
        return ok.error();
    QList<ReleaseCheck> list;
    while (q.next())
        list.append(ReleaseCheck{q.value(0).toString(), q.value(1).toBool(), q.value(2).toString(),
                                 q.value(3).toBool()});
    return list;
}

Status ReleaseStore::replaceImages(qint64 id, const QList<ReleaseImage> &images)
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q, QStringLiteral("DELETE FROM release_images WHERE release_id = ?"), {id},
            Tr::tr("store the images"));
        !ok)
        return ok;
    for (int i = 0; i < images.size(); ++i) {
        if (const Status ok = FirmwareSql::exec(
                m_database, q,
                QStringLiteral(
                    "INSERT INTO release_images (release_id, position, name, digest, size) "
                    "VALUES (?, ?, ?, ?, ?)"),
                {id, i, images[i].name, images[i].digest, images[i].size},
                Tr::tr("store the images"));
            !ok)
            return ok;
    }
    return Done{};
}

Result<QList<ReleaseImage>> ReleaseStore::images(qint64 id) const
{
    QSqlQuery q(m_database.connection());
    if (const Status ok
        = FirmwareSql::exec(m_database, q,
                            QStringLiteral("SELECT name, digest, size FROM release_images WHERE "
                                           "release_id = ? ORDER BY position"),
                            {id}, Tr::tr("read the images"));
        !ok)
        return ok.error();
    QList<ReleaseImage> list;
    while (q.next())
        list.append(
            ReleaseImage{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()});
    return list;
}

Result<FirmwareSettings> ReleaseStore::settings() const
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT value FROM settings WHERE key = 'firmware.four_eyes'"), {},
            Tr::tr("read the settings"));
        !ok)
        return ok.error();
    FirmwareSettings settings;
    if (q.next())
        settings.fourEyes = q.value(0).toString() != QStringLiteral("0");
    return settings;
}

Status ReleaseStore::saveSettings(const FirmwareSettings &settings)
{
    QSqlQuery q(m_database.connection());
    return FirmwareSql::exec(
        m_database, q,
        QStringLiteral("INSERT INTO settings (key, value) VALUES ('firmware.four_eyes', ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
        {settings.fourEyes ? QStringLiteral("1") : QStringLiteral("0")},
        Tr::tr("store the settings"));
}

} // namespace Patchboard
