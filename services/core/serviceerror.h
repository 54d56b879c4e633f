// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace Patchboard {

// STYLE.md practice 8: errors are values. A ServiceError says what failed (message) and what
// the operator can do about it (hint); raw QSqlError / network errors never reach a view.
struct ServiceError
{
    enum class Code {
        None,
        InvalidArgument,   // the caller asked for something malformed (bad filter, bad date)
        NotFound,
        StorageUnavailable, // file missing, unreadable, locked
        StorageCorrupt,     // not a database, or a damaged one
        SchemaTooNew,       // written by a newer Patchboard
        ForeignDatabase,    // a SQLite file that is not a Patchboard database
        StorageFailure,     // a statement failed at run time
        Io,                 // file export/import failed
        Cancelled,
        PermissionDenied,
        Internal,
        Unauthenticated,   // no session, or it expired: sign in again
        RateLimited,       // too many attempts: wait
        Unreachable,       // the server does not answer (down, network, TLS refused)
        BadResponse,       // the server answered something that is not our protocol
        TooLarge,          // a request body over the limit
    };

    Code code = Code::None;
    QString message; // what is wrong, naming the object (file, device, release)
    QString hint;    // what the operator can do

    bool isError() const { return code != Code::None; }
    QString text() const { return hint.isEmpty() ? message : message + QLatin1Char('\n') + hint; }

    static ServiceError make(Code code, const QString &message, const QString &hint = {})
    {
        return ServiceError{code, message, hint};
    }
};

} // namespace Patchboard
