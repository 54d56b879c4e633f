// SPDX-License-Identifier: Apache-2.0
#include "loginthrottle.h"

#include <algorithm>

namespace Patchboard {

LoginThrottle::LoginThrottle() : m_limits(Limits()) { }

LoginThrottle::LoginThrottle(Limits limits) : m_limits(limits) { }

void LoginThrottle::forgetOld(Key &key, qint64 now) const
{
    const qint64 oldest = now - m_limits.windowSeconds;
    while (!key.failures.isEmpty() && key.failures.first() <= oldest)
        key.failures.removeFirst();
    // A key that stayed out of trouble for as long as the longest lock starts over.
    if (key.locks > 0 && key.lockedUntil <= now && now - key.lastLockEnd >= m_limits.maxLockSeconds)
        key.locks = 0;
}

qint64 LoginThrottle::retryAfter(const QString &key, qint64 now) const
{
    const auto it = m_keys.constFind(key);
    if (it == m_keys.cend())
        return 0;
    if (it->lockedUntil > now)
        return it->lockedUntil - now;
    // Failures plus the sign-ins still being checked reach the limit: refuse until one of them
    // ends (or, for failures, leaves the window).
    const qint64 oldest = now - m_limits.windowSeconds;
    const auto recent = std::count_if(it->failures.cbegin(), it->failures.cend(),
                                      [oldest](qint64 t) { return t > oldest; });
    if (recent + it->pending >= m_limits.failures) {
        if (it->pending > 0 || recent == 0)
            return 1;
        return std::max<qint64>(1, it->failures.at(it->failures.size() - recent) - oldest);
    }
    return 0;
}

void LoginThrottle::begin(const QString &key, qint64 now)
{
    prune(now);
    ++m_keys[key].pending;
}

qint64 LoginThrottle::end(const QString &key, qint64 now, bool succeeded, bool clearOnSuccess)
{
    const auto it = m_keys.find(key);
    if (it == m_keys.end())
        return 0;
    Key &k = *it;
    k.pending = std::max(0, k.pending - 1);
    if (succeeded) {
        if (clearOnSuccess && k.pending == 0)
            m_keys.erase(it);
        else if (clearOnSuccess)
            k = Key{{}, k.pending, 0, 0, 0};
        return 0;
    }
    forgetOld(k, now);
    k.failures.append(now);
    if (k.failures.size() < m_limits.failures)
        return 0;
    // Locked: 1, 2, 4, ... times lockSeconds, capped.
    qint64 length = m_limits.lockSeconds;
    for (int i = 0; i < k.locks && length < m_limits.maxLockSeconds; ++i)
        length *= 2;
    length = std::min<qint64>(length, m_limits.maxLockSeconds);
    ++k.locks;
    k.lockedUntil = now + length;
    k.lastLockEnd = k.lockedUntil;
    k.failures.clear();
    return length;
}

void LoginThrottle::prune(qint64 now)
{
    // Guessed user names would otherwise grow the table without bound; once a minute is plenty.
    if (now - m_lastPrune < 60 && m_keys.size() < 10000)
        return;
    m_lastPrune = now;
    for (auto it = m_keys.begin(); it != m_keys.end();) {
        forgetOld(*it, now);
        if (it->pending == 0 && it->failures.isEmpty() && it->lockedUntil <= now && it->locks == 0)
            it = m_keys.erase(it);
        else
            ++it;
    }
}

} // namespace Patchboard
