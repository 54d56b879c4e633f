// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

namespace Patchboard {

// One line of a release's verification checklist: what was checked, whether it passed and why.
// A blocking check that failed stops approval; a non-blocking one is a warning the operator sees
// (and the approval records).
struct ReleaseCheck
{
    QString name; // stable, machine-readable: "signature", "image:modem.bin", "security-only", ...
    bool passed = false;
    QString reason;
    bool blocking = true;

    static ReleaseCheck pass(const QString &name, const QString &reason)
    {
        return ReleaseCheck{name, true, reason, true};
    }
    static ReleaseCheck fail(const QString &name, const QString &reason)
    {
        return ReleaseCheck{name, false, reason, true};
    }
    static ReleaseCheck warning(const QString &name, const QString &reason)
    {
        return ReleaseCheck{name, false, reason, false};
    }
};

// True when no blocking check failed and the list is not empty.
inline bool allBlockingChecksPass(const QList<ReleaseCheck> &checks)
{
    if (checks.isEmpty())
        return false;
    for (const ReleaseCheck &check : checks) {
        if (check.blocking && !check.passed)
            return false;
    }
    return true;
}

} // namespace Patchboard
