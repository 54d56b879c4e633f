// SPDX-License-Identifier: Apache-2.0
#include "knownfleet.h"

#include "storage/database.h"
#include "storage/epochday.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Patchboard::KnownFleet {

QDate referenceDate()
{
    return QDate(2026, 11, 23);
}

QStringList allDeviceIds()
{
    return {QStringLiteral("350000000000001"), QStringLiteral("350000000000019"),
            QStringLiteral("350000000000027"), QStringLiteral("351111111111110"),
            QStringLiteral("351111111111128"), QStringLiteral("AB%_1"),
            QStringLiteral("ABC1"),            QStringLiteral("AB_X"),
            QStringLiteral("HLX-00000001")};
}

QString create(const QString &path)
{
    Result<Database> db = Database::open(path);
    if (!db)
        return db.error().text();
    auto day = [](int y, int m, int d) { return QString::number(EpochDay::fromDate(QDate(y, m, d))); };
    const qint64 noon = QDateTime(referenceDate(), QTime(12, 0), Qt::UTC).toSecsSinceEpoch();
    const QStringList statements = {
        QStringLiteral("INSERT INTO manufacturers VALUES (1, 'Acme'), (2, 'Beta')"),
        QStringLiteral("INSERT INTO device_models VALUES (1, 1, 'Acme One', %1, 36, ''), "
                       "(2, 1, 'Acme Two', %2, 36, ''), (3, 2, 'Beta Max', %3, 60, '')")
            .arg(day(2020, 1, 1), day(2024, 1, 1), day(2025, 1, 1)),
        QStringLiteral("INSERT INTO regions VALUES (1, 'DE', 'Germany', 'Europe/Berlin'), "
                       "(2, 'JP', 'Japan', 'Asia/Tokyo')"),
        QStringLiteral("INSERT INTO firmware_versions VALUES (1, 1, '1.0', 1, %1, %1), "
                       "(2, 2, '2.0', 5, %2, %2), (3, 3, '3.1', 2, %3, %3), (4, 3, '3.0', 1, %4, %4)")
            .arg(day(2022, 6, 5), day(2026, 10, 1), day(2026, 9, 5), day(2025, 3, 1)),
    };
    struct Row
    {
        const char *id;
        int model, region, firmware, year, month, dayOfMonth, state, flags;
    };
    const Row rows[] = {
        {"350000000000001", 1, 1, 1, 2022, 6, 5, 0, 1},
        {"350000000000019", 2, 1, 2, 2026, 10, 1, 0, 0},
        {"350000000000027", 2, 2, 2, 2026, 10, 1, 6, 2},
        {"351111111111110", 3, 2, 3, 2026, 9, 5, 0, 0},
        {"351111111111128", 3, 1, 4, 2025, 3, 1, 8, 3},
        {"HLX-00000001", 3, 2, 4, 2025, 3, 1, 0, 0},
        {"AB%_1", 1, 1, 1, 2022, 6, 5, 0, 0},
        {"ABC1", 1, 2, 1, 2022, 6, 5, 0, 0},
        {"AB_X", 1, 1, 1, 2022, 6, 5, 0, 0},
    };
    QSqlQuery query(db.value().connection());
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return query.lastError().text();
    }
    query.prepare(QStringLiteral("INSERT INTO devices (device_id, model_id, region_id, firmware_id, "
                                 "patch_level, patch_applied, last_checkin, update_state, "
                                 "exception_flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    int n = 0;
    for (const Row &row : rows) {
        const qint64 level = EpochDay::fromDate(QDate(row.year, row.month, row.dayOfMonth));
        const QVariantList values = {QString::fromLatin1(row.id), row.model, row.region,
                                     row.firmware, level, level + 10, noon - 3600 * (++n),
                                     row.state, row.flags};
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values[i]);
        if (!query.exec())
            return query.lastError().text();
    }
    return QString();
}

} // namespace Patchboard::KnownFleet
