// SPDX-License-Identifier: Apache-2.0
#include "devicecsv.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace Patchboard::DeviceCsv {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::DeviceCsv)
};

QString stateKey(UpdateState state)
{
    static const char *const keys[] = {"idle", "offered", "downloading", "verifying", "installing",
                                       "rebooting", "failed", "rolled_back", "postponed"};
    return QString::fromLatin1(keys[int(state)]);
}

QString supportKey(SupportStatus status)
{
    static const char *const keys[] = {"supported", "ending_soon", "ended"};
    return QString::fromLatin1(keys[int(status)]);
}

QString exceptionKeys(quint8 flags)
{
    QStringList keys;
    if (flags & Rooted)
        keys << QStringLiteral("rooted");
    if (flags & Ported)
        keys << QStringLiteral("ported");
    return keys.join(QLatin1Char('|'));
}

} // namespace

QStringList header()
{
    return {QStringLiteral("device_id"),       QStringLiteral("manufacturer"),
            QStringLiteral("model"),           QStringLiteral("region"),
            QStringLiteral("firmware_version"), QStringLiteral("firmware_sequence"),
            QStringLiteral("patch_level"),     QStringLiteral("patch_age_days"),
            QStringLiteral("patch_applied"),   QStringLiteral("support_end"),
            QStringLiteral("support_status"),  QStringLiteral("last_checkin_utc"),
            QStringLiteral("update_state"),    QStringLiteral("exceptions")};
}

QStringList fields(const Device &d)
{
    return {d.deviceId,
            d.manufacturer,
            d.model,
            d.region,
            d.firmwareVersion,
            QString::number(d.firmwareSequence),
            d.patchLevel.toString(Qt::ISODate),
            QString::number(d.patchAgeDays),
            d.patchApplied.toString(Qt::ISODate),
            d.supportEnd.toString(Qt::ISODate),
            supportKey(d.supportStatus),
            d.lastCheckIn.toUTC().toString(Qt::ISODate),
            stateKey(d.updateState),
            exceptionKeys(d.exceptions)};
}

QString quote(const QString &field)
{
    QString text = field;
    // OWASP "CSV injection": a cell starting with = + - @ runs as a formula in a spreadsheet.
    if (!text.isEmpty() && QStringView(u"=+-@\t\r").contains(text.front()))
        text.prepend(QLatin1Char('\''));
    const bool needsQuotes = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
    if (!needsQuotes)
        return text;
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

Result<int> write(const QString &path, const FleetIndex &index, const FleetIndex::Rows &rows,
                  const DeviceQuery &query, const Progress &progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return ServiceError::make(ServiceError::Code::Io,
                                  Tr::tr("Cannot write '%1': %2").arg(path, file.errorString()),
                                  Tr::tr("Choose a folder you can write to."));
    }
    const int total = int(rows.size());
    auto line = [](const QStringList &values) {
        QString text;
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (i)
                text += QLatin1Char(',');
            text += quote(values[i]);
        }
        text += QLatin1String("\r\n");
        return text.toUtf8();
    };
    QByteArray buffer = line(header());
    for (int i = 0; i < total; ++i) {
        buffer += line(fields(index.device(rows[std::size_t(i)], query.referenceDate, query.endingSoonDays)));
        if (buffer.size() > (1 << 20) || i + 1 == total) {
            if (file.write(buffer) != buffer.size()) {
                return ServiceError::make(
                    ServiceError::Code::Io,
                    Tr::tr("Writing '%1' failed: %2").arg(path, file.errorString()),
                    Tr::tr("Check that the disk is not full."));
            }
            buffer.clear();
        }
        if (progress && (i % 4096 == 0 || i + 1 == total) && !progress(i + 1, total)) {
            file.cancelWriting();
            return ServiceError::make(ServiceError::Code::Cancelled,
                                      Tr::tr("The export was cancelled; no file was written."));
        }
    }
    if (!buffer.isEmpty() && file.write(buffer) != buffer.size()) {
        return ServiceError::make(ServiceError::Code::Io,
                                  Tr::tr("Writing '%1' failed: %2").arg(path, file.errorString()));
    }
    if (!file.commit()) {
        return ServiceError::make(ServiceError::Code::Io,
                                  Tr::tr("Saving '%1' failed: %2").arg(path, file.errorString()),
                                  Tr::tr("Check that the disk is not full."));
    }
    return total;
}

} // namespace Patchboard::DeviceCsv
