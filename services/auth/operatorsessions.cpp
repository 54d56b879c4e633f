// SPDX-License-Identifier: Apache-2.0
#include "operatorsessions.h"

#include "audit/auditlog.h"
#include "core/pooltask.h"
#include "crypto/sha256.h"
#include "passwordhash.h"
#include "storage/database.h"

#include <openssl/rand.h>

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>

#include <algorithm>
#include <cmath>

namespace Patchboard {

Q_LOGGING_CATEGORY(lcAuth, "patchboard.auth")

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::OperatorSessions)
};

constexpr int TokenBytes = 32;
constexpr int TokenLength = 43; // base64url of 32 bytes, without padding
constexpr int MaxCachedSessions = 10000;
// Who the audit log names for changes made with the server's own command line.
const QLatin1String ServerActor("patchboard-server");

// A user name without a usable account is checked against this, so that it costs as much as a
// wrong password (same scheme and iteration count). The key is zeros: no password is known to
// derive it, and none may, since the check fails regardless.
QString dummyHash()
{
    return QStringLiteral("pbkdf2-sha256$%1$asvtcZDj7EHCP7TqsIvK2g==$"
                          "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        .arg(PasswordHash::DefaultIterations);
}

bool looksLikeToken(const QByteArray &token)
{
    if (token.size() != TokenLength)
        return false;
    return std::all_of(token.cbegin(), token.cend(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_';
    });
}

QByteArray tokenHash(const QByteArray &token)
{
    return Sha256::hash(token);
}

QString accountKey(const QString &user)
{
    // Case-folded: "Alice" and "alice" must not be two budgets of guesses for one account.
    return QStringLiteral("a:") + user.trimmed().left(256).toCaseFolded();
}

QString peerKey(const QHostAddress &peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        return QStringLiteral("p:") + QHostAddress(v4).toString();
    if (peer.protocol() == QAbstractSocket::IPv6Protocol) {
        // One IPv6 host usually has a whole /64 to pick addresses from.
        Q_IPV6ADDR address = peer.toIPv6Address();
        for (int i = 8; i < 16; ++i)
            address[i] = 0;
        return QStringLiteral("p:") + QHostAddress(address).toString() + QStringLiteral("/64");
    }
    return QStringLiteral("p:") + peer.toString();
}

QDateTime fromSeconds(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

ServiceError notOpen()
{
    return ServiceError::make(ServiceError::Code::Internal,
                              Tr::tr("The operator accounts are not open."));
}

ServiceError rateLimited(qint64 seconds)
{
    const int minutes = int(std::max<qint64>(1, (seconds + 59) / 60));
    return ServiceError::make(
        ServiceError::Code::RateLimited,
        Tr::tr("Too many failed sign-ins. Try again in %n minute(s).", nullptr, minutes),
        Tr::tr("If you forgot your password, ask an administrator to set "
               "a new one."));
}

struct LoginAttempt
{
    QString user;
    QString password;
    QString peer;
    qint64 now = 0;
    int sessionHours = 8;
};

struct LoginOutcome
{
    bool succeeded = false;
    bool knownAccount = false;
    QString name;
    OperatorLogin login;
};

// The writes and the password checks, on a thread of their own with their own connection.
struct SessionWorker
{
    Database database;

    ServiceError sqlError(const QSqlQuery &query, const QString &what) const
    {
        return database.error(query.lastError(), what);
    }

    // Runs body inside a transaction: committed when it succeeds, rolled back otherwise.
    template<typename Fn> Status inTransaction(const QString &what, Fn body)
    {
        QSqlDatabase db = database.connection();
        if (!db.transaction())
            return database.error(db.lastError(), what);
        const Status done = body();
        if (!done) {
            db.rollback();
            return done;
        }
        if (!db.commit()) {
            const ServiceError error = database.error(db.lastError(), what);
            db.rollback();
            return error;
        }
        return Done{};
    }

    Result<LoginOutcome> login(const LoginAttempt &attempt)
    {
        QSqlQuery query(database.connection());
        query.prepare(QStringLiteral("SELECT role, password_hash, disabled FROM operator_accounts "
                                     "WHERE name = ?"));
        query.addBindValue(attempt.user);
        if (!query.exec())
            return sqlError(query, Tr::tr("read the operator accounts"));
        LoginOutcome outcome;
        outcome.name = attempt.user;
        std::optional<OperatorRole> role;
        QString stored;
        bool disabled = false;
        if (query.next()) {
            outcome.knownAccount = true;
            role = Operator::roleFromName(query.value(0).toString());
            stored = query.value(1).toString();
            disabled = query.value(2).toLongLong() != 0;
        }
        query.finish();
        const bool usable = outcome.knownAccount && role && !disabled;
        // Always one full password check, also for names without an account (see dummyHash()).
        const bool matches = PasswordHash::verify(attempt.password, usable ? stored : dummyHash());
        if (!usable || !matches) {
            // A name without an account is not written down: it is often a password typed into
            // the user field.
            // Empty, not null: the audit log's columns are NOT NULL.
            const QString nothing = QStringLiteral("");
            const QString reason = !outcome.knownAccount ? QStringLiteral("unknown-user")
                : disabled                               ? QStringLiteral("disabled")
                : !role                                  ? QStringLiteral("unknown-role")
                                                         : QStringLiteral("wrong-password");
            const Result<AuditEntry> audited = AuditLog(database).append(
                outcome.knownAccount ? attempt.user : QStringLiteral("(unknown)"),
                role ? Operator::roleName(*role) : nothing, QStringLiteral("operator.login-failed"),
                outcome.knownAccount ? attempt.user : nothing,
                QJsonObject{{QStringLiteral("peer"), attempt.peer},
                            {QStringLiteral("reason"), reason}},
                fromSeconds(attempt.now));
            if (!audited)
                qCWarning(lcAuth, "Cannot record a failed sign-in: %s",
                          qPrintable(audited.error().message));
            return outcome;
        }

        QByteArray raw(TokenBytes, Qt::Uninitialized);
        if (RAND_bytes(reinterpret_cast<unsigned char *>(raw.data()), TokenBytes) != 1) {
            return ServiceError::make(ServiceError::Code::Internal,
                                      Tr::tr("No random bytes for a session token."));
        }
        const QByteArray token
            = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const qint64 expires = attempt.now + qint64(attempt.sessionHours) * 3600;
        const QString roleName = Operator::roleName(*role);
        const Status written = inTransaction(Tr::tr("open a session"), [&]() -> Status {
            QSqlQuery q(database.connection());
            // Expired sessions go whenever a new one comes: the table stays as small as the
            // number of people signed in.
            q.prepare(QStringLiteral("DELETE FROM operator_sessions WHERE expires <= ?"));
            q.addBindValue(attempt.now);
            if (!q.exec())
                return sqlError(q, Tr::tr("remove expired sessions"));
            q.prepare(QStringLiteral("INSERT INTO operator_sessions (token_hash, name, role, "
                                     "created, expires) VALUES (?, ?, ?, ?, ?)"));
            q.addBindValue(tokenHash(token));
            q.addBindValue(attempt.user);
            q.addBindValue(roleName);
            q.addBindValue(attempt.now);
            q.addBindValue(expires);
            if (!q.exec())
                return sqlError(q, Tr::tr("open a session"));
            // The session and the record of the login are written together or not at all.
            const Result<AuditEntry> audited = AuditLog(database).appendWithinTransaction(
                attempt.user, roleName, QStringLiteral("operator.login"), attempt.user,
                QJsonObject{
                    {QStringLiteral("peer"), attempt.peer},
                    {QStringLiteral("expires"), fromSeconds(expires).toString(Qt::ISODate)}},
                fromSeconds(attempt.now));
            if (!audited)
                return audited.error();
            return Done{};
        });
        if (!written)
            return written.error();
        outcome.succeeded = true;
        outcome.login.token = token;
        outcome.login.session.who = Operator{attempt.user, *role};
        outcome.login.session.expires = fromSeconds(expires);
        return outcome;
    }

    Status logout(const QByteArray &hash, qint64 now)
    {
        return inTransaction(Tr::tr("end a session"), [&]() -> Status {
            QSqlQuery q(database.connection());
            q.prepare(
                QStringLiteral("SELECT name, role FROM operator_sessions WHERE token_hash = ?"));
            q.addBindValue(hash);
            if (!q.exec())
                return sqlError(q, Tr::tr("read the sessions"));
            if (!q.next())
                return Done{}; // gone already (expired and removed, or logged out elsewhere)
            const QString name = q.value(0).toString();
            const QString role = q.value(1).toString();
            q.finish();
            q.prepare(QStringLiteral("DELETE FROM operator_sessions WHERE token_hash = ?"));
            q.addBindValue(hash);
            if (!q.exec())
                return sqlError(q, Tr::tr("end a session"));
            const Result<AuditEntry> audited = AuditLog(database).appendWithinTransaction(
                name, role, QStringLiteral("operator.logout"), name, {}, fromSeconds(now));
            if (!audited)
                return audited.error();
            return Done{};
        });
    }

    Status addAccount(const QString &name, OperatorRole role, const QString &password, qint64 now)
    {
        QSqlQuery q(database.connection());
        q.prepare(QStringLiteral("SELECT 1 FROM operator_accounts WHERE name = ?"));
        q.addBindValue(name);
        if (!q.exec())
            return sqlError(q, Tr::tr("read the operator accounts"));
        // Checked before hashing: a server restarted on its database re-adds its operators.
        if (q.next()) {
            return ServiceError::make(ServiceError::Code::InvalidArgument,
                                      Tr::tr("An operator named %1 exists already.").arg(name),
                                      Tr::tr("Choose another name."));
        }
        q.finish();
        const Result<QString> hash = PasswordHash::hash(password);
        if (!hash)
            return hash.error();
        return inTransaction(Tr::tr("add an operator"), [&]() -> Status {
            QSqlQuery insert(database.connection());
            insert.prepare(
                QStringLiteral("INSERT INTO operator_accounts (name, role, "
                               "password_hash, created, disabled) VALUES (?, ?, ?, ?, 0)"));
            insert.addBindValue(name);
            insert.addBindValue(Operator::roleName(role));
            insert.addBindValue(hash.value());
            insert.addBindValue(now);
            if (!insert.exec())
                return sqlError(insert, Tr::tr("add the operator %1").arg(name));
            const Result<AuditEntry> audited = AuditLog(database).appendWithinTransaction(
                ServerActor, Operator::roleName(OperatorRole::Administrator),
                QStringLiteral("operator.account.add"), name,
                QJsonObject{{QStringLiteral("role"), Operator::roleName(role)}}, fromSeconds(now));
            if (!audited)
                return audited.error();
            return Done{};
        });
    }

    Status disableAccount(const QString &name, qint64 now)
    {
        return inTransaction(Tr::tr("disable an operator"), [&]() -> Status {
            QSqlQuery q(database.connection());
            q.prepare(QStringLiteral("UPDATE operator_accounts SET disabled = 1 WHERE name = ?"));
            q.addBindValue(name);
            if (!q.exec())
                return sqlError(q, Tr::tr("disable the operator %1").arg(name));
            if (q.numRowsAffected() < 1) {
                return ServiceError::make(ServiceError::Code::NotFound,
                                          Tr::tr("There is no operator named %1.").arg(name),
                                          Tr::tr("Check the name (it is case-sensitive)."));
            }
            q.prepare(QStringLiteral("DELETE FROM operator_sessions WHERE name = ?"));
            q.addBindValue(name);
            if (!q.exec())
                return sqlError(q, Tr::tr("end the sessions of %1").arg(name));
            const Result<AuditEntry> audited = AuditLog(database).appendWithinTransaction(
                ServerActor, Operator::roleName(OperatorRole::Administrator),
                QStringLiteral("operator.account.disable"), name, {}, fromSeconds(now));
            if (!audited)
                return audited.error();
            return Done{};
        });
    }

    Result<QList<OperatorAccount>> accounts()
    {
        QSqlQuery q(database.connection());
        if (!q.exec(QStringLiteral("SELECT name, role, created, disabled FROM operator_accounts "
                                   "ORDER BY name")))
            return sqlError(q, Tr::tr("read the operator accounts"));
        QList<OperatorAccount> list;
        while (q.next()) {
            OperatorAccount account;
            account.name = q.value(0).toString();
            account.role
                = Operator::roleFromName(q.value(1).toString()).value_or(OperatorRole::Viewer);
            account.created = fromSeconds(q.value(2).toLongLong());
            account.disabled = q.value(3).toLongLong() != 0;
            list.append(account);
        }
        return list;
    }
};

} // namespace

struct OperatorSessions::Private
{
    struct Cached
    {
        SignedInSession session;
        qint64 expires = 0;
        qint64 checked = 0;
    };

    int sessionHours = 8;
    std::function<QDateTime()> clock = [] {
        return QDateTime::currentDateTimeUtc();
    };
    Database database; // the server thread's, for the token lookups
    std::unique_ptr<QObject> context; // the server thread, for login continuations
    QThreadPool pool;
    std::shared_ptr<SessionWorker> worker = std::make_shared<SessionWorker>();
    LoginThrottle accountThrottle;
    LoginThrottle peerThrottle{LoginThrottle::Limits{20, 5 * 60, 60, 60 * 60}};
    QHash<QByteArray, Cached> cache; // by token hash

    qint64 now() const { return clock().toSecsSinceEpoch(); }

    void remember(const QByteArray &hash, const SignedInSession &session, qint64 now)
    {
        // A bound, not a policy: an instance with more people signed in re-reads the table.
        if (cache.size() >= MaxCachedSessions)
            cache.clear();
        cache.insert(hash, Cached{session, session.expires.toSecsSinceEpoch(), now});
    }

    template<typename T, typename Fn> Result<T> runAndWait(Fn fn)
    {
        if (!worker->database.isOpen())
            return notOpen();
        QFuture<Result<T>> future = startOn<T>(pool, std::move(fn));
        future.waitForFinished();
        return future.result();
    }
};

OperatorSessions::OperatorSessions(int sessionHours) : d(std::make_unique<Private>())
{
    d->sessionHours = std::clamp(sessionHours, 1, 24 * 90);
    // One thread: the worker's connection belongs to it, and password checks queue up instead
    // of taking every core when someone hammers the login.
    d->pool.setMaxThreadCount(1);
    d->pool.setExpiryTimeout(-1);
}

OperatorSessions::~OperatorSessions()
{
    d->pool.start([worker = d->worker] { worker->database = Database(); });
    d->pool.waitForDone();
}

Status OperatorSessions::open(const QString &databasePath)
{
    Result<Database> database = Database::open(databasePath);
    if (!database)
        return database.error();
    d->database = std::move(database).value();
    d->context = std::make_unique<QObject>();
    QFuture<Result<Done>> opened
        = startOn<Done>(d->pool, [worker = d->worker, databasePath]() -> Result<Done> {
              Result<Database> own = Database::open(databasePath);
              if (!own)
                  return own.error();
              worker->database = std::move(own).value();
              return Done{};
          });
    opened.waitForFinished();
    return opened.result();
}

std::optional<Operator> OperatorSessions::operatorForToken(const QByteArray &token)
{
    if (const std::optional<SignedInSession> session = sessionForToken(token))
        return session->who;
    return std::nullopt;
}

std::optional<SignedInSession> OperatorSessions::sessionForToken(const QByteArray &token)
{
    if (!looksLikeToken(token) || !d->database.isOpen())
        return std::nullopt;
    const qint64 now = d->now();
    const QByteArray hash = tokenHash(token);
    const auto cached = d->cache.constFind(hash);
    if (cached != d->cache.cend() && now - cached->checked < RecheckSeconds) {
        if (cached->expires > now)
            return cached->session;
        d->cache.erase(cached);
        return std::nullopt;
    }
    QSqlQuery query(d->database.connection());
    query.prepare(QStringLiteral("SELECT name, role, expires FROM operator_sessions "
                                 "WHERE token_hash = ?"));
    query.addBindValue(hash);
    if (!query.exec()) {
        // A database hiccup must not sign everybody out: a session seen recently stays good
        // until its expiry.
        qCWarning(lcAuth, "Cannot read the sessions: %s", qPrintable(query.lastError().text()));
        if (cached != d->cache.cend() && cached->expires > now)
            return cached->session;
        return std::nullopt;
    }
    std::optional<OperatorRole> role;
    SignedInSession session;
    qint64 expires = 0;
    if (query.next()) {
        session.who.name = query.value(0).toString();
        role = Operator::roleFromName(query.value(1).toString());
        expires = query.value(2).toLongLong();
    }
    if (!role || expires <= now) {
        d->cache.remove(hash);
        return std::nullopt;
    }
    session.who.role = *role;
    session.expires = fromSeconds(expires);
    d->remember(hash, session, now);
    return session;
}

Status OperatorSessions::addAccount(const QString &name, OperatorRole role, const QString &password)
{
    const QString trimmed = name.trimmed();
    const bool control = std::any_of(name.cbegin(), name.cend(),
                                     [](QChar c) { return c.category() == QChar::Other_Control; });
    if (trimmed.isEmpty() || trimmed != name || name.size() > MaxNameLength || control) {
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("\"%1\" cannot be an operator name.").arg(name.left(80)),
                                  Tr::tr("Use 1 to %1 characters, without spaces at either end "
                                         "and without control characters.")
                                      .arg(MaxNameLength));
    }
    if (password.size() < MinPasswordLength) {
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("The password of %1 is too short.").arg(name),
            Tr::tr("Use at least %n characters.", nullptr, MinPasswordLength));
    }
    const qint64 now = d->now();
    return d->runAndWait<Done>([worker = d->worker, name, role, password, now] {
        return worker->addAccount(name, role, password, now);
    });
}

Status OperatorSessions::disableAccount(const QString &name)
{
    const qint64 now = d->now();
    const Status disabled = d->runAndWait<Done>(
        [worker = d->worker, name, now] { return worker->disableAccount(name, now); });
    if (disabled && d->context) {
        // The cache belongs to the server's thread; from there this runs at once.
        Private *p = d.get();
        QMetaObject::invokeMethod(d->context.get(), [p, name] {
            for (auto it = p->cache.begin(); it != p->cache.end();) {
                if (it->session.who.name == name)
                    it = p->cache.erase(it);
                else
                    ++it;
            }
        });
    }
    return disabled;
}

Result<QList<OperatorAccount>> OperatorSessions::accounts()
{
    return d->runAndWait<QList<OperatorAccount>>(
        [worker = d->worker] { return worker->accounts(); });
}

QFuture<Result<OperatorLogin>> OperatorSessions::login(const QString &user, const QString &password,
                                                       const QHostAddress &peer)
{
    if (!d->worker->database.isOpen() || !d->context)
        return QtFuture::makeReadyFuture(Result<OperatorLogin>(notOpen()));
    const qint64 now = d->now();
    const QString account = accountKey(user);
    const QString address = peerKey(peer);
    const qint64 wait = std::max(d->accountThrottle.retryAfter(account, now),
                                 d->peerThrottle.retryAfter(address, now));
    if (wait > 0)
        return QtFuture::makeReadyFuture(Result<OperatorLogin>(rateLimited(wait)));
    // Counted from now on: parallel guesses cannot overtake the limit while they are checked.
    d->accountThrottle.begin(account, now);
    d->peerThrottle.begin(address, now);

    LoginAttempt attempt{user, password, peer.toString(), now, d->sessionHours};
    QFuture<Result<LoginOutcome>> checked = startOn<LoginOutcome>(
        d->pool, [worker = d->worker, attempt] { return worker->login(attempt); });
    Private *p = d.get();
    const QString peerText = peer.toString();
    return checked.then(
        p->context.get(),
        [p, account, address,
         peerText](const Result<LoginOutcome> &outcome) -> Result<OperatorLogin> {
            const qint64 now = p->now();
            if (!outcome) {
                // The server's fault, not the caller's: it does not count as a failure.
                p->accountThrottle.end(account, now, true, false);
                p->peerThrottle.end(address, now, true, false);
                return outcome.error();
            }
            const LoginOutcome &o = outcome.value();
            const qint64 accountLock = p->accountThrottle.end(account, now, o.succeeded, true);
            const qint64 peerLock = p->peerThrottle.end(address, now, o.succeeded, false);
            // Names only of existing accounts (see LoginAttempt handling in the worker).
            if (accountLock > 0 && o.knownAccount)
                qCWarning(lcAuth, "Sign-ins to %s are locked for %lld s after repeated failures.",
                          qPrintable(o.name), accountLock);
            if (peerLock > 0)
                qCWarning(lcAuth, "Sign-ins from %s are locked for %lld s after repeated failures.",
                          qPrintable(peerText), peerLock);
            if (!o.succeeded) {
                return ServiceError::make(ServiceError::Code::Unauthenticated,
                                          Tr::tr("The user name or the password is wrong."),
                                          Tr::tr("Check both and try again. After %n failed "
                                                 "attempts, sign-in is locked for a while.",
                                                 nullptr, LoginThrottle::Limits{}.failures));
            }
            p->remember(tokenHash(o.login.token), o.login.session, now);
            return o.login;
        });
}

qint64 OperatorSessions::retryAfter(const QString &user, const QHostAddress &peer) const
{
    const qint64 now = d->now();
    return std::max(d->accountThrottle.retryAfter(accountKey(user), now),
                    d->peerThrottle.retryAfter(peerKey(peer), now));
}

QFuture<Status> OperatorSessions::logout(const QByteArray &token)
{
    if (!d->worker->database.isOpen())
        return QtFuture::makeReadyFuture(Status(notOpen()));
    if (!looksLikeToken(token))
        return QtFuture::makeReadyFuture(Status(Done{}));
    const QByteArray hash = tokenHash(token);
    d->cache.remove(hash); // refused here from this moment on
    const qint64 now = d->now();
    return startOn<Done>(d->pool,
                         [worker = d->worker, hash, now] { return worker->logout(hash, now); });
}

void OperatorSessions::setClock(std::function<QDateTime()> clock)
{
    d->clock = std::move(clock);
}

void OperatorSessions::setThrottleLimits(const LoginThrottle::Limits &perAccount,
                                         const LoginThrottle::Limits &perPeer)
{
    d->accountThrottle = LoginThrottle(perAccount);
    d->peerThrottle = LoginThrottle(perPeer);
}

} // namespace Patchboard
