// SPDX-License-Identifier: Apache-2.0
#include "rolloutreason.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLocale>

namespace Patchboard::RolloutReason {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RolloutReason)
};

QString percent(double value)
{
    return QLocale().toString(value, 'f', value == qRound(value) ? 0 : 1);
}

} // namespace

QString encode(const QJsonObject &reason)
{
    return QString::fromUtf8(QJsonDocument(reason).toJson(QJsonDocument::Compact));
}

QString describe(const QString &stored)
{
    if (!stored.startsWith(QLatin1Char('{')))
        return stored;
    const QJsonObject r = QJsonDocument::fromJson(stored.toUtf8()).object();
    const QString kind = r.value(QStringLiteral("kind")).toString();
    const int wave = r.value(QStringLiteral("wave")).toInt();
    const QLocale locale;
    if (kind == QLatin1String("error-threshold")) {
        const int failed = r.value(QStringLiteral("failed")).toInt();
        const int results = r.value(QStringLiteral("results")).toInt();
        return Tr::tr("Wave %1 halted: %2 of %Ln result(s) failed (%3%), above the error "
                      "threshold of %4%.", nullptr, results)
            .arg(wave)
            .arg(locale.toString(failed))
            .arg(percent(results ? 100.0 * failed / results : 0))
            .arg(percent(r.value(QStringLiteral("threshold")).toDouble()));
    }
    if (kind == QLatin1String("below-success")) {
        const int succeeded = r.value(QStringLiteral("succeeded")).toInt();
        const int size = r.value(QStringLiteral("size")).toInt();
        return Tr::tr("Wave %1 halted: every device reported, but only %2 of %Ln succeeded (%3%), "
                      "below the success threshold of %4%.", nullptr, size)
            .arg(wave)
            .arg(locale.toString(succeeded))
            .arg(percent(size ? 100.0 * succeeded / size : 0))
            .arg(percent(r.value(QStringLiteral("threshold")).toDouble()));
    }
    if (kind == QLatin1String("release-withdrawn"))
        return Tr::tr("Halted: release %1 was withdrawn.")
            .arg(r.value(QStringLiteral("version")).toString());
    if (kind == QLatin1String("started"))
        return Tr::tr("Scheduled start reached; wave 1 started.");
    if (kind == QLatin1String("wave-started"))
        return Tr::tr("Wave %1 started.").arg(wave);
    if (kind == QLatin1String("gate-opened"))
        return Tr::tr("Gate after wave %1 opened.").arg(wave);
    if (kind == QLatin1String("created"))
        return Tr::tr("Created.");
    if (kind == QLatin1String("completed")) {
        const int succeeded = r.value(QStringLiteral("succeeded")).toInt();
        const int failed = r.value(QStringLiteral("failed")).toInt();
        const int expired = r.value(QStringLiteral("expired")).toInt();
        QString text = Tr::tr("Completed: %Ln device(s) updated", nullptr, succeeded);
        text += Tr::tr(", %Ln failed", nullptr, failed);
        if (expired > 0)
            text += Tr::tr(", %Ln not offered before the deadline", nullptr, expired);
        return text + QLatin1Char('.');
    }
    if (kind == QLatin1String("deadline")) {
        const int expired = r.value(QStringLiteral("expired")).toInt();
        const QString fallback = r.value(QStringLiteral("fallback")).toString();
        if (!fallback.isEmpty())
            return Tr::tr("Deadline reached: %Ln device(s) the operator could not reach are left "
                          "to the manufacturer's update server (%1).", nullptr, expired)
                .arg(fallback);
        return Tr::tr("Deadline reached: %Ln device(s) not yet offered will not be.", nullptr,
                      expired);
    }
    return stored;
}

} // namespace Patchboard::RolloutReason
