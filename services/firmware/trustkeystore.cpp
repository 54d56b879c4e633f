// SPDX-License-Identifier: Apache-2.0
#include "trustkeystore.h"

#include "firmwaresql.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::TrustKeyStore)
};

const char *const keyColumns
    = "SELECT k.id, k.vendor_id, v.manufacturer_id, m.name, k.fingerprint, k.key_type, k.label, "
      "k.pem, k.added, k.added_by FROM trust_keys k JOIN firmware_vendors v ON v.vendor_id = "
      "k.vendor_id LEFT JOIN manufacturers m ON m.id = v.manufacturer_id";

TrustedKey readKey(const QSqlQuery &query)
{
    TrustedKey key;
    key.id = query.value(0).toLongLong();
    key.vendorId = query.value(1).toString();
    key.manufacturerId = query.value(2).toInt();
    key.manufacturer = query.value(3).toString();
    key.fingerprint = query.value(4).toString();
    key.keyType = query.value(5).toString();
    key.label = query.value(6).toString();
    key.pem = query.value(7).toString().toLatin1();
    key.added = QDateTime::fromSecsSinceEpoch(query.value(8).toLongLong(), Qt::UTC);
    key.addedBy = query.value(9).toString();
    return key;
}

using FirmwareSql::hex;

} // namespace

Result<QList<TrustedKey>> TrustKeyStore::keys() const
{
    QSqlQuery query(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, query,
            QString::fromLatin1(keyColumns)
                + QStringLiteral(" WHERE k.removed IS NULL ORDER BY k.vendor_id, k.id"),
            {}, Tr::tr("read the trusted keys"));
        !ok)
        return ok.error();
    QList<TrustedKey> keys;
    while (query.next())
        keys.append(readKey(query));
    return keys;
}

Result<QList<PublicKey>> TrustKeyStore::publicKeysFor(const QByteArray &vendorId) const
{
    QSqlQuery query(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, query,
            QStringLiteral("SELECT pem FROM trust_keys WHERE vendor_id = ? AND removed IS NULL"),
            {hex(vendorId)}, Tr::tr("read the trusted keys"));
        !ok)
        return ok.error();
    QList<PublicKey> keys;
    while (query.next()) {
        Result<PublicKey> key = PublicKey::fromPem(query.value(0).toString().toLatin1());
        if (key)
            keys.append(std::move(key).value());
    }
    return keys;
}

Result<std::optional<int>> TrustKeyStore::manufacturerOf(const QByteArray &vendorId) const
{
    QSqlQuery query(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, query,
            QStringLiteral("SELECT manufacturer_id FROM firmware_vendors WHERE vendor_id = ?"),
            {hex(vendorId)}, Tr::tr("read the vendors"));
        !ok)
        return ok.error();
    if (!query.next())
        return std::optional<int>();
    return std::optional<int>(query.value(0).toInt());
}

Result<QString> TrustKeyStore::manufacturerName(const QByteArray &vendorId) const
{
    QSqlQuery query(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, query,
            QStringLiteral("SELECT m.name FROM firmware_vendors v JOIN manufacturers m ON m.id = "
                           "v.manufacturer_id WHERE v.vendor_id = ?"),
            {hex(vendorId)}, Tr::tr("read the vendors"));
        !ok)
        return ok.error();
    return query.next() ? query.value(0).toString() : QString();
}

Result<TrustedKey> TrustKeyStore::add(const QByteArray &vendorId, int manufacturerId,
                                      const QByteArray &pem, const QString &label,
                                      const QString &actor, const QDateTime &time)
{
    using Code = ServiceError::Code;
    if (vendorId.size() != 16)
        return ServiceError::make(
            Code::InvalidArgument,
            Tr::tr("A vendor ID is a 16-byte UUID (RFC 9124), not %1.").arg(hex(vendorId)));
    Result<PublicKey> key = PublicKey::fromPem(pem);
    if (!key)
        return key.error();
    QSqlQuery query(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, query, QStringLiteral("SELECT name FROM manufacturers WHERE id = ?"),
            {manufacturerId}, Tr::tr("read the manufacturers"));
        !ok)
        return ok.error();
    if (!query.next())
        return ServiceError::make(Code::NotFound,
                                  Tr::tr("There is no manufacturer %1.").arg(manufacturerId));
    const Result<std::optional<int>> registered = manufacturerOf(vendorId);
    if (!registered)
        return registered.error();
    if (registered.value() && *registered.value() != manufacturerId)
        return ServiceError::make(
            Code::InvalidArgument,
            Tr::tr("Vendor ID %1 is already registered for another manufacturer.")
                .arg(hex(vendorId)),
            Tr::tr("A vendor ID belongs to one manufacturer; check the ID."));
    const QString fingerprint = key.value().fingerprint();
    FirmwareSql::Transaction transaction(m_database);
    if (!registered.value()) {
        if (const Status ok = FirmwareSql::exec(
                m_database, query,
                QStringLiteral(
                    "INSERT INTO firmware_vendors (vendor_id, manufacturer_id) VALUES (?, ?)"),
                {hex(vendorId), manufacturerId}, Tr::tr("register the vendor"));
            !ok)
            return ok.error();
    }
    if (const Status ok
        = FirmwareSql::exec(m_database, query,
                            QStringLiteral("SELECT count(*) FROM trust_keys WHERE vendor_id = ? "
                                           "AND fingerprint = ? AND removed IS NULL"),
                            {hex(vendorId), fingerprint}, Tr::tr("read the trusted keys"));
        !ok)
        return ok.error();
    if (query.next() && query.value(0).toInt() > 0)
        return ServiceError::make(
            Code::InvalidArgument,
            Tr::tr("The key %1 is already trusted for vendor %2.").arg(fingerprint, hex(vendorId)));
    if (const Status ok = FirmwareSql::exec(
            m_database, query,
            QStringLiteral("INSERT INTO trust_keys (vendor_id, fingerprint, key_type, label, pem, "
                           "added, added_by) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {hex(vendorId), fingerprint, key.value().typeName(), label,
             QString::fromLatin1(key.value().toPem()), time.toSecsSinceEpoch(), actor},
            Tr::tr("add the key"));
        !ok)
        return ok.error();
    const qint64 id = query.lastInsertId().toLongLong();
    if (const Status ok = transaction.commit(Tr::tr("add the key")); !ok)
        return ok.error();
    if (const Status ok = FirmwareSql::exec(
            m_database, query, QString::fromLatin1(keyColumns) + QStringLiteral(" WHERE k.id = ?"),
            {id}, Tr::tr("read the trusted keys"));
        !ok || !query.next())
        return ok ? ServiceError::make(Code::Internal, Tr::tr("The new key was not found."))
                  : ok.error();
    return readKey(query);
}

Result<TrustedKey> TrustKeyStore::remove(qint64 keyId, const QString &actor, const QDateTime &time)
{
    QSqlQuery query(m_database.connection());
    if (const Status ok
        = FirmwareSql::exec(m_database, query,
                            QString::fromLatin1(keyColumns)
                                + QStringLiteral(" WHERE k.id = ? AND k.removed IS NULL"),
                            {keyId}, Tr::tr("read the trusted keys"));
        !ok)
        return ok.error();
    if (!query.next())
        return ServiceError::make(ServiceError::Code::NotFound,
                                  Tr::tr("Key %1 is not in the trust store.").arg(keyId));
    const TrustedKey key = readKey(query);
    if (const Status ok = FirmwareSql::exec(
            m_database, query,
            QStringLiteral("UPDATE trust_keys SET removed = ?, removed_by = ? WHERE id = ?"),
            {time.toSecsSinceEpoch(), actor, keyId}, Tr::tr("remove the key"));
        !ok)
        return ok.error();
    return key;
}

} // namespace Patchboard
