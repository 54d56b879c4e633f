// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "crypto/publickey.h"
#include "domain/release.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <optional>

namespace Patchboard {

class Database;

// The trust store in the fleet database: Author public keys registered per SUIT vendor ID, each
// vendor tied to one manufacturer (so a vendor's key can only vouch for that manufacturer's
// hardware models). Removing a key keeps its row with who removed it and when. Works on the
// calling thread's connection; permissions and audit are the caller's (ReleaseWorkflow).
class TrustKeyStore
{
public:
    explicit TrustKeyStore(Database &database) : m_database(database) { }

    Result<QList<TrustedKey>> keys() const; // the keys trusted now
    Result<QList<PublicKey>> publicKeysFor(const QByteArray &vendorId) const;
    // The manufacturer a vendor ID is registered for.
    Result<std::optional<int>> manufacturerOf(const QByteArray &vendorId) const;
    // Its name, or empty when the vendor is not registered.
    Result<QString> manufacturerName(const QByteArray &vendorId) const;

    Result<TrustedKey> add(const QByteArray &vendorId, int manufacturerId, const QByteArray &pem,
                           const QString &label, const QString &actor, const QDateTime &time);
    Result<TrustedKey> remove(qint64 keyId, const QString &actor, const QDateTime &time);

private:
    Database &m_database;
};

} // namespace Patchboard
