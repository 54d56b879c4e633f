// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QString>

namespace Patchboard {

// A PostgreSQL connection URL as --database takes it (issue #6), in libpq's URI form:
//   postgresql://user:password@host:port/dbname?sslmode=require&connect_timeout=5
// The host may instead be a unix socket folder: postgresql://user@/dbname?host=/run/postgresql.
// Query items other than host are passed to libpq as connection options. The password is kept
// for connecting only: displayName() is what messages and logs show.
struct PostgresUrl
{
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString options; // "key=value;key=value" for QSqlDatabase::setConnectOptions

    static bool matches(const QString &text); // postgresql:// or postgres://
    static Result<PostgresUrl> parse(const QString &text);
    // postgresql://user@host:port/dbname, without password and options.
    QString displayName() const;
    // The URL text without its password (also for text that does not parse).
    static QString redact(const QString &text);
};

} // namespace Patchboard
