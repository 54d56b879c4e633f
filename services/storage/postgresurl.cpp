// SPDX-License-Identifier: Apache-2.0
#include "postgresurl.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::PostgresUrl)
};

QString urlHint()
{
    return Tr::tr("Give the database as postgresql://USER:PASSWORD@HOST:PORT/DATABASE.");
}

} // namespace

bool PostgresUrl::matches(const QString &text)
{
    return text.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

QString PostgresUrl::redact(const QString &text)
{
    // user:password@ -> user@ ; works on text QUrl would refuse, too.
    static const QRegularExpression password(QStringLiteral("^([A-Za-z]+://[^/?#:@]*):[^@/]*@"));
    QString out = text;
    out.replace(password, QStringLiteral("\\1@"));
    return out;
}

Result<PostgresUrl> PostgresUrl::parse(const QString &text)
{
    using Code = ServiceError::Code;
    const QUrl url(text, QUrl::StrictMode);
    const QString shown = redact(text);
    if (!matches(text) || !url.isValid()) {
        return ServiceError::make(Code::InvalidArgument,
                                  Tr::tr("'%1' is not a valid PostgreSQL URL.").arg(shown),
                                  urlHint());
    }
    PostgresUrl result;
    result.user = url.userName(QUrl::FullyDecoded);
    result.password = url.password(QUrl::FullyDecoded);
    result.host = url.host(QUrl::FullyDecoded);
    result.port = url.port(5432);
    result.database = url.path(QUrl::FullyDecoded).mid(1);
    QStringList options;
    const QUrlQuery query(url);
    static const QRegularExpression optionName(QStringLiteral("^[a-z_]+$"));
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host")) {
            result.host = value;
            continue;
        }
        // Options go into a "k=v;k=v" string: refuse what would break out of it.
        if (!optionName.match(key).hasMatch() || value.contains(QLatin1Char(';'))
            || key == QLatin1String("password")) {
            return ServiceError::make(
                Code::InvalidArgument,
                Tr::tr("The PostgreSQL URL '%1' has an option Patchboard cannot pass on: '%2'.")
                    .arg(shown, key),
                Tr::tr("Use libpq connection options such as sslmode=require or "
                       "connect_timeout=10, and put the password before the '@'."));
        }
        // libpq's conninfo quoting: Qt joins the options with spaces.
        QString quoted = value;
        quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        quoted.replace(QLatin1Char('\''), QLatin1String("\\'"));
        options << key + QStringLiteral("='") + quoted + QLatin1Char('\'');
    }
    if (!query.hasQueryItem(QStringLiteral("connect_timeout")))
        options << QStringLiteral("connect_timeout=10"); // a dead host must not hang start-up
    result.options = options.join(QLatin1Char(';'));
    if (result.database.isEmpty() || result.database.contains(QLatin1Char('/'))) {
        return ServiceError::make(
            Code::InvalidArgument,
            Tr::tr("The PostgreSQL URL '%1' names no database.").arg(shown), urlHint());
    }
    if (result.host.isEmpty()) {
        return ServiceError::make(Code::InvalidArgument,
                                  Tr::tr("The PostgreSQL URL '%1' names no host.").arg(shown),
                                  urlHint());
    }
    return result;
}

QString PostgresUrl::displayName() const
{
    QString text = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        text += user + QLatin1Char('@');
    if (host.startsWith(QLatin1Char('/')))
        return text + QLatin1Char('/') + database + QStringLiteral("?host=") + host;
    return text + host + QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + database;
}

} // namespace Patchboard
