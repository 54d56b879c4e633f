// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/operator.h"
#include "loginthrottle.h"

#include <QByteArray>
#include <QDateTime>
#include <QFuture>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Patchboard {

// An operator account of patchboard-server (never its password hash).
struct OperatorAccount
{
    QString name;
    OperatorRole role = OperatorRole::Viewer;
    QDateTime created;
    bool disabled = false;
};

// A signed-in operator and until when the token is good.
struct SignedInSession
{
    Operator who;
    QDateTime expires;
};

// A successful login: the bearer token (shown to its owner once, never stored or logged) and the
// session it opens.
struct OperatorLogin
{
    QByteArray token;
    SignedInSession session;
};

// Operator accounts, login and bearer-token sessions of patchboard-server (issue #6).
//
// - Passwords are stored as PBKDF2 hashes (PasswordHash). Checking one takes a few hundred
//   milliseconds, so login() does it on a worker thread of its own and answers by future; the
//   worker also does every write (sessions, accounts, audit entries) on its own connection.
// - A token is 32 random bytes (base64url). The table keeps only its SHA-256, so that a copy of
//   the database does not hand out sessions, and several server instances on one database share
//   them. operatorForToken() answers on the server's thread from a cache in front of the table;
//   a cached session is re-read after RecheckSeconds, which bounds how long a logout on another
//   instance goes unnoticed here.
// - Failed logins are rate-limited per account and per peer address (LoginThrottle): 5 failures
//   in 5 minutes lock the account for 1 minute, then 2, 4, ... up to an hour; 20 from one
//   address (a /64 for IPv6) lock the address. A wrong user name costs the same password check
//   as a wrong password, so timing does not tell which names exist.
// - Logins, failed logins, logouts and account changes go to the audit log; a user name that
//   has no account is not recorded (it is often a password typed into the wrong field).
//
// open(), login(), logout(), operatorForToken() and sessionForToken() belong to the thread that
// called open() (the server's); addAccount(), disableAccount() and accounts() may be called from
// any thread and block until done.
class OperatorSessions
{
public:
    static constexpr int RecheckSeconds = 30;
    static constexpr int MinPasswordLength = 8;
    static constexpr int MaxNameLength = 64;

    explicit OperatorSessions(int sessionHours = 8);
    ~OperatorSessions();
    OperatorSessions(const OperatorSessions &) = delete;
    OperatorSessions &operator=(const OperatorSessions &) = delete;

    Status open(const QString &databasePath);
    std::optional<Operator> operatorForToken(const QByteArray &token);
    std::optional<SignedInSession> sessionForToken(const QByteArray &token);

    // Accounts. Names are 1 to 64 characters without control characters, compared exactly;
    // passwords have at least 8 characters.
    Status addAccount(const QString &name, OperatorRole role, const QString &password);
    // Refuses new logins and ends the account's sessions.
    Status disableAccount(const QString &name);
    Result<QList<OperatorAccount>> accounts();

    // Checks the password and opens a session. Wrong user and wrong password fail alike
    // (Unauthenticated); too many failures give RateLimited with retryAfter() seconds.
    QFuture<Result<OperatorLogin>> login(const QString &user, const QString &password,
                                         const QHostAddress &peer);
    // Seconds until user may try again from peer; 0 when not locked.
    qint64 retryAfter(const QString &user, const QHostAddress &peer) const;
    // Ends the session of token (here at once, on other instances within RecheckSeconds).
    QFuture<Status> logout(const QByteArray &token);

    // Tests: the wall clock (UTC) and the throttle's limits.
    void setClock(std::function<QDateTime()> clock);
    void setThrottleLimits(const LoginThrottle::Limits &perAccount,
                           const LoginThrottle::Limits &perPeer);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Patchboard
