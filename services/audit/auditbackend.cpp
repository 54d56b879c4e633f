// SPDX-License-Identifier: Apache-2.0
#include "auditbackend.h"

namespace Patchboard {

QStringList AuditBackend::csvHeader()
{
    return {QStringLiteral("sequence"), QStringLiteral("time_utc"),      QStringLiteral("actor"),
            QStringLiteral("role"),     QStringLiteral("action"),        QStringLiteral("subject"),
            QStringLiteral("details"),  QStringLiteral("previous_hash"), QStringLiteral("hash")};
}

} // namespace Patchboard
