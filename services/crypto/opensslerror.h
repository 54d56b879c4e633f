// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace Patchboard {

// OpenSSL reports failures on a thread-local error queue. Every crypto call that fails turns the
// queue into text for a ServiceError message and leaves it empty, so a stale error never shows up
// as the reason for a later, unrelated failure.
class OpenSslError
{
public:
    // The queued errors, oldest first, joined with "; " (empty if there were none). Clears the
    // queue.
    static QString take();
    // Drops whatever is queued (used before a call whose failure we explain ourselves).
    static void clear();
};

} // namespace Patchboard
