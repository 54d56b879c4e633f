// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

class QSqlError;
class QSqlQuery;

namespace Patchboard {

// One Qt SQL connection to a Patchboard SQLite file, owned by the thread that opened it
// (ARCHITECTURE.md: one connection per thread). open() refuses, without writing a byte, a file
// that is not SQLite, a SQLite file of another application, and one written by a newer schema;
// otherwise it switches to WAL and applies the numbered migrations (PRAGMA user_version).
class Database
{
public:
    // The schema this build writes; migrations 1..SchemaVersion are in migrations.cpp.
    static constexpr int SchemaVersion = 6;
    // PRAGMA application_id: "PBD1". Marks the file as ours.
    static constexpr int ApplicationId = 0x50424431;

    Database() = default;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database();

    // Opens (creating when missing) the database file for the calling thread.
    static Result<Database> open(const QString &path);

    bool isOpen() const { return !m_connectionName.isEmpty(); }
    QSqlDatabase connection() const;
    QString path() const { return m_path; }
    // True when open() created the file or found it empty: the caller may seed it.
    bool isNew() const { return m_isNew; }

    // A ServiceError for a failed statement, naming the file; corruption is told apart from
    // other failures so that the operator learns the file is damaged, not that "a query failed".
    ServiceError error(const QSqlError &error, const QString &what) const;
    static ServiceError error(const QString &path, const QSqlError &error, const QString &what);

    // Runs statements that return no rows, stopping at the first failure.
    Status exec(const QString &sql);

private:
    void close();

    QString m_connectionName;
    QString m_path;
    bool m_isNew = false;
};

} // namespace Patchboard
