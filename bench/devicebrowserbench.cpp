// SPDX-License-Identifier: Apache-2.0
#include "devicebrowserbench.h"

#include <cstdio>
#include <cstdlib>

namespace Patchboard::Bench {

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_devicebrowser: %s\n", qPrintable(message));
    std::exit(1);
}

QString sizeLabel(qint64 devices)
{
    if (devices >= 1000000 && devices % 1000000 == 0)
        return QString::number(devices / 1000000) + QLatin1Char('M');
    if (devices >= 1000 && devices % 1000 == 0)
        return QString::number(devices / 1000) + QLatin1Char('k');
    return QString::number(devices);
}

DeviceQuery baseQuery()
{
    DeviceQuery query;
    query.referenceDate = BenchDate;
    return query;
}

// --- the filters ----------------------------------------------------------------------------

QList<FilterKind> filterKinds(const FleetCatalog &catalog)
{
    const auto months = [](int i) {
        return BenchDate.addMonths(-(1 + (i * 5) % 36));
    };
    const QList<QList<SupportStatus>> statusSets = {
        {SupportStatus::Ended},
        {SupportStatus::EndingSoon},
        {SupportStatus::Supported},
        {SupportStatus::Ended, SupportStatus::EndingSoon},
        {SupportStatus::Supported, SupportStatus::EndingSoon},
        {SupportStatus::Supported, SupportStatus::Ended},
        {SupportStatus::Supported, SupportStatus::EndingSoon, SupportStatus::Ended},
    };
    const QList<ExceptionFilter> exceptions
        = {ExceptionFilter::None, ExceptionFilter::Rooted, ExceptionFilter::Ported,
           ExceptionFilter::AnyException};
    // An operator typing IDs: IMEI prefixes (type allocation codes) and serial-number prefixes.
    const QStringList prefixes = {
        QStringLiteral("3"),         QStringLiteral("35"),          QStringLiteral("352"),
        QStringLiteral("3529"),      QStringLiteral("35291"),       QStringLiteral("352911"),
        QStringLiteral("3529110"),   QStringLiteral("8"),           QStringLiteral("86"),
        QStringLiteral("867"),       QStringLiteral("8677100"),     QStringLiteral("H"),
        QStringLiteral("HL"),        QStringLiteral("HLX"),         QStringLiteral("HLX-T"),
        QStringLiteral("HLX-T5"),    QStringLiteral("HLX-T5-0001"), QStringLiteral("35410012"),
        QStringLiteral("354100131"), QStringLiteral("9"), // no match
    };
    const auto manufacturer = [catalog](int i) {
        return catalog.manufacturers.isEmpty()
            ? 0
            : catalog.manufacturers[i % catalog.manufacturers.size()].id;
    };
    const auto region = [catalog](int i) {
        return catalog.regions.isEmpty() ? 0 : catalog.regions[i % catalog.regions.size()].id;
    };
    const auto model = [catalog](int i) {
        return catalog.models.isEmpty() ? 0 : catalog.models[(i * 7) % catalog.models.size()].id;
    };

    QList<FilterKind> kinds;
    kinds.append({QStringLiteral("patch_level_before"), [months](int i) {
                      DeviceFilter f;
                      f.patchLevelBefore = months(i);
                      return f;
                  }});
    kinds.append({QStringLiteral("patch_level_after"), [months](int i) {
                      DeviceFilter f;
                      f.patchLevelAfter = months(i + 3);
                      return f;
                  }});
    kinds.append({QStringLiteral("patch_older_than"), [](int i) {
                      DeviceFilter f;
                      f.patchAgeMin = 30 + 15 * (i % 40) + 1; // "older than N days" sets N + 1
                      return f;
                  }});
    kinds.append({QStringLiteral("support_status"), [statusSets](int i) {
                      DeviceFilter f;
                      f.supportStatuses = statusSets[i % statusSets.size()];
                      return f;
                  }});
    kinds.append({QStringLiteral("manufacturer"), [manufacturer](int i) {
                      DeviceFilter f;
                      f.manufacturerId = manufacturer(i);
                      return f;
                  }});
    kinds.append({QStringLiteral("model"), [model](int i) {
                      DeviceFilter f;
                      f.modelId = model(i);
                      return f;
                  }});
    kinds.append({QStringLiteral("region"), [region](int i) {
                      DeviceFilter f;
                      f.regionId = region(i);
                      return f;
                  }});
    kinds.append({QStringLiteral("update_state"), [](int i) {
                      DeviceFilter f;
                      f.updateState = UpdateState(i % UpdateStateCount);
                      return f;
                  }});
    kinds.append({QStringLiteral("exception_state"), [exceptions](int i) {
                      DeviceFilter f;
                      f.exceptions = exceptions[i % exceptions.size()];
                      return f;
                  }});
    kinds.append({QStringLiteral("device_id_prefix"), [prefixes](int i) {
                      DeviceFilter f;
                      f.deviceIdPrefix = prefixes[i % prefixes.size()];
                      return f;
                  }});
    // "This maker's devices in one region, patch older than N days, not rooted or ported".
    kinds.append({QStringLiteral("combined"), [manufacturer, region](int i) {
                      DeviceFilter f;
                      f.manufacturerId = manufacturer(i);
                      f.regionId = region(i * 3);
                      f.patchAgeMin = 90 + 30 * (i % 12) + 1;
                      f.exceptions = ExceptionFilter::None;
                      return f;
                  }});
    return kinds;
}

// --- the sorts ------------------------------------------------------------------------------

QString fieldName(DeviceField field)
{
    switch (field) {
    case DeviceField::DeviceId:
        return QStringLiteral("device_id");
    case DeviceField::Manufacturer:
        return QStringLiteral("manufacturer");
    case DeviceField::Model:
        return QStringLiteral("model");
    case DeviceField::Region:
        return QStringLiteral("region");
    case DeviceField::FirmwareVersion:
        return QStringLiteral("firmware_version");
    case DeviceField::PatchLevel:
        return QStringLiteral("patch_level");
    case DeviceField::PatchAge:
        return QStringLiteral("patch_age");
    case DeviceField::PatchApplied:
        return QStringLiteral("patch_applied");
    case DeviceField::SupportEnd:
        return QStringLiteral("support_end");
    case DeviceField::SupportStatus:
        return QStringLiteral("support_status");
    case DeviceField::LastCheckIn:
        return QStringLiteral("last_check_in");
    case DeviceField::UpdateState:
        return QStringLiteral("update_state");
    case DeviceField::Exceptions:
        return QStringLiteral("exceptions");
    }
    return QStringLiteral("field_%1").arg(int(field));
}

QList<SortCase> sortCases()
{
    QList<SortCase> cases;
    for (int field = 0; field < DeviceFieldCount; ++field) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            cases.append({DeviceSort{DeviceField(field), order},
                          fieldName(DeviceField(field))
                              + (order == Qt::AscendingOrder ? QStringLiteral("_asc")
                                                             : QStringLiteral("_desc"))});
        }
    }
    return cases;
}

} // namespace Patchboard::Bench
