// SPDX-License-Identifier: Apache-2.0
#include "opensslerror.h"

#include <openssl/err.h>

#include <QStringList>

namespace Patchboard {

QString OpenSslError::take()
{
    QStringList parts;
    char buffer[256];
    // Bounded: the queue holds at most ERR_NUM_ERRORS entries, but stay defensive anyway.
    for (int i = 0; i < 32; ++i) {
        const unsigned long code = ERR_get_error();
        if (code == 0)
            break;
        ERR_error_string_n(code, buffer, sizeof buffer);
        parts.append(QString::fromLatin1(buffer));
    }
    clear();
    return parts.join(QStringLiteral("; "));
}

void OpenSslError::clear()
{
    ERR_clear_error();
}

} // namespace Patchboard
