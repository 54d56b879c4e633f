// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QList>
#include <QString>

namespace Patchboard {

// Rate limit of failed sign-ins (issue #6: "failed logins are rate-limited"), per key: an
// account name and, separately, a peer address. After limit failures within window seconds the
// key is locked; the first lock lasts lockSeconds, each further one twice as long as the one
// before, up to maxLockSeconds, until the key has been quiet for maxLockSeconds.
//
// A sign-in is counted from its start (begin()) until its end (end()): a burst of parallel
// guesses cannot slip past the limit while the slow password checks are still running.
//
// Pure bookkeeping with the time passed in (seconds since the epoch), so that it can be tested
// without waiting. Lives on one thread; the state is in memory and per server instance.
class LoginThrottle
{
public:
    struct Limits
    {
        int failures = 5;
        int windowSeconds = 5 * 60;
        int lockSeconds = 60;
        int maxLockSeconds = 60 * 60;
    };

    LoginThrottle();
    explicit LoginThrottle(Limits limits);

    // Seconds until key may try again; 0 when it may try now.
    qint64 retryAfter(const QString &key, qint64 now) const;
    // A sign-in of key starts (call only when retryAfter() is 0).
    void begin(const QString &key, qint64 now);
    // It ended. A failure counts and may lock the key: then the lock's length in seconds is
    // returned (0 otherwise). clearOnSuccess: forget the key's failures and locks (an account
    // whose owner just proved the password); a peer address keeps them, or a guesser with one
    // valid account could wipe the count between guesses at others.
    qint64 end(const QString &key, qint64 now, bool succeeded, bool clearOnSuccess);

    int trackedKeys() const { return int(m_keys.size()); }

private:
    struct Key
    {
        QList<qint64> failures; // times within the window, oldest first
        int pending = 0;
        qint64 lockedUntil = 0;
        qint64 lastLockEnd = 0; // for the growth of the next lock
        int locks = 0;
    };
    void forgetOld(Key &key, qint64 now) const;
    void prune(qint64 now);

    Limits m_limits;
    QHash<QString, Key> m_keys;
    qint64 m_lastPrune = 0;
};

} // namespace Patchboard
