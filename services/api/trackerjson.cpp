// SPDX-License-Identifier: Apache-2.0
#include "trackerjson.h"

#include "telemetryjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <climits>
#include <optional>
#include <utility>

namespace Patchboard::Json {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

// Stable names of the enums on the wire. Never translated, never renumbered: other programs
// (scripts, a second console of another version) read them.
template<typename E> using Name = std::pair<E, const char *>;

constexpr Name<UpdateState> kUpdateStates[] = {
    {UpdateState::Idle, "idle"},
    {UpdateState::Offered, "offered"},
    {UpdateState::Downloading, "downloading"},
    {UpdateState::Verifying, "verifying"},
    {UpdateState::Installing, "installing"},
    {UpdateState::Rebooting, "rebooting"},
    {UpdateState::Failed, "failed"},
    {UpdateState::RolledBack, "rolled-back"},
    {UpdateState::Postponed, "postponed"},
};

constexpr Name<SupportStatus> kSupportStatuses[] = {
    {SupportStatus::Supported, "supported"},
    {SupportStatus::EndingSoon, "ending-soon"},
    {SupportStatus::Ended, "ended"},
};

constexpr Name<ExceptionFilter> kExceptionFilters[] = {
    {ExceptionFilter::Any, "any"},
    {ExceptionFilter::None, "none"},
    {ExceptionFilter::Rooted, "rooted"},
    {ExceptionFilter::Ported, "ported"},
    {ExceptionFilter::AnyException, "any-exception"},
};

constexpr Name<ExceptionFlag> kExceptionFlags[] = {
    {Rooted, "rooted"},
    {Ported, "ported"},
};

constexpr Name<DeviceField> kDeviceFields[] = {
    {DeviceField::DeviceId, "device-id"},
    {DeviceField::Manufacturer, "manufacturer"},
    {DeviceField::Model, "model"},
    {DeviceField::Region, "region"},
    {DeviceField::FirmwareVersion, "firmware-version"},
    {DeviceField::PatchLevel, "patch-level"},
    {DeviceField::PatchAge, "patch-age"},
    {DeviceField::PatchApplied, "patch-applied"},
    {DeviceField::SupportEnd, "support-end"},
    {DeviceField::SupportStatus, "support-status"},
    {DeviceField::LastCheckIn, "last-check-in"},
    {DeviceField::UpdateState, "update-state"},
    {DeviceField::Exceptions, "exceptions"},
};

constexpr Name<Qt::SortOrder> kSortOrders[] = {
    {Qt::AscendingOrder, "asc"},
    {Qt::DescendingOrder, "desc"},
};

template<typename E, std::size_t N> QString nameOf(const Name<E> (&table)[N], E value)
{
    for (const Name<E> &entry : table) {
        if (entry.first == value)
            return QLatin1String(entry.second);
    }
    return {};
}

template<typename E, std::size_t N>
std::optional<E> valueOf(const Name<E> (&table)[N], const QString &name)
{
    for (const Name<E> &entry : table) {
        if (name == QLatin1String(entry.second))
            return entry.first;
    }
    return std::nullopt;
}

template<typename E, std::size_t N>
QString unknownName(const Name<E> (&table)[N], const QString &name)
{
    QStringList names;
    for (const Name<E> &entry : table)
        names << QLatin1String(entry.second);
    return Tr::tr("expected one of %1, not \"%2\"").arg(names.join(QStringLiteral(", ")), name);
}

// An enum field of a JSON object; unknown names are a problem of the reader.
template<typename E, std::size_t N>
E readName(JsonReader &r, const char *key, const Name<E> (&table)[N], E fallback)
{
    const QString name = r.string(key);
    if (const std::optional<E> value = valueOf(table, name))
        return *value;
    if (r.ok())
        r.fail(key, unknownName(table, name));
    return fallback;
}

// The same for a query parameter.
template<typename E, std::size_t N>
std::optional<E> readName(QueryReader &r, const char *key, const Name<E> (&table)[N])
{
    const QString name = r.string(key);
    if (!r.has(key))
        return std::nullopt;
    const std::optional<E> value = valueOf(table, name);
    if (!value)
        r.fail(key, unknownName(table, name));
    return value;
}


// Reads the array key of r, element by element, with read(JsonReader &element).
template<typename T, typename Read> QList<T> readList(JsonReader &r, const char *key, Read read)
{
    QList<T> list;
    const QJsonArray array = r.array(key);
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size() && r.ok(); ++i) {
        JsonReader element = r.element(array, key, i);
        list.append(read(element));
    }
    return list;
}

QJsonValue optionalInt(const std::optional<int> &value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

DeviceModel readDeviceModel(JsonReader &r)
{
    DeviceModel m;
    m.id = int(r.integer("id"));
    m.manufacturerId = int(r.integer("manufacturerId"));
    m.manufacturer = r.string("manufacturer");
    m.name = r.string("name");
    m.launchDate = r.dateOr("launchDate");
    m.supportMonths = int(r.integer("supportMonths"));
    m.classId = r.stringOr("classId");
    return m;
}

CompliancePolicy readPolicy(JsonReader &r)
{
    CompliancePolicy policy;
    policy.outOfDateDays = int(r.integer("outOfDateDays"));
    policy.endingSoonDays = int(r.integer("endingSoonDays"));
    return policy;
}

} // namespace

// Catalog ------------------------------------------------------------------------------------

QJsonObject toJson(const FleetCatalog &catalog)
{
    QJsonArray manufacturers;
    for (const Manufacturer &m : catalog.manufacturers)
        manufacturers.append(
            QJsonObject{{QStringLiteral("id"), m.id}, {QStringLiteral("name"), m.name}});
    QJsonArray models;
    for (const DeviceModel &m : catalog.models) {
        models.append(QJsonObject{
            {QStringLiteral("id"), m.id},
            {QStringLiteral("manufacturerId"), m.manufacturerId},
            {QStringLiteral("manufacturer"), m.manufacturer},
            {QStringLiteral("name"), m.name},
            {QStringLiteral("launchDate"), date(m.launchDate)},
            {QStringLiteral("supportMonths"), m.supportMonths},
            {QStringLiteral("classId"), m.classId},
        });
    }
    QJsonArray regions;
    for (const Region &region : catalog.regions) {
        regions.append(QJsonObject{{QStringLiteral("id"), region.id},
                                   {QStringLiteral("code"), region.code},
                                   {QStringLiteral("name"), region.name},
                                   {QStringLiteral("timeZone"), region.timeZone}});
    }
    return QJsonObject{{QStringLiteral("manufacturers"), manufacturers},
                       {QStringLiteral("models"), models},
                       {QStringLiteral("regions"), regions},
                       {QStringLiteral("deviceCount"), catalog.deviceCount}};
}

Result<FleetCatalog> readFleetCatalog(const QJsonValue &value)
{
    return readWhole<FleetCatalog>(value, QStringLiteral("catalog"), [](JsonReader &r) {
        FleetCatalog catalog;
        catalog.manufacturers = readList<Manufacturer>(r, "manufacturers", [](JsonReader &e) {
            Manufacturer m;
            m.id = int(e.integer("id"));
            m.name = e.string("name");
            return m;
        });
        catalog.models = readList<DeviceModel>(r, "models", readDeviceModel);
        catalog.regions = readList<Region>(r, "regions", [](JsonReader &e) {
            Region region;
            region.id = int(e.integer("id"));
            region.code = e.string("code");
            region.name = e.string("name");
            region.timeZone = e.stringOr("timeZone");
            return region;
        });
        catalog.deviceCount = int(r.integer("deviceCount"));
        return catalog;
    });
}

// Devices ------------------------------------------------------------------------------------

QJsonObject toJson(const Device &d)
{
    QJsonArray exceptions;
    for (const Name<ExceptionFlag> &flag : kExceptionFlags) {
        if (d.exceptions & flag.first)
            exceptions.append(QLatin1String(flag.second));
    }
    return QJsonObject{
        {QStringLiteral("id"), d.id},
        {QStringLiteral("deviceId"), d.deviceId},
        {QStringLiteral("modelId"), d.modelId},
        {QStringLiteral("manufacturer"), d.manufacturer},
        {QStringLiteral("model"), d.model},
        {QStringLiteral("regionId"), d.regionId},
        {QStringLiteral("region"), d.region},
        {QStringLiteral("firmwareVersion"), d.firmwareVersion},
        {QStringLiteral("firmwareSequence"), d.firmwareSequence},
        {QStringLiteral("patchLevel"), date(d.patchLevel)},
        {QStringLiteral("patchApplied"), date(d.patchApplied)},
        {QStringLiteral("supportEnd"), date(d.supportEnd)},
        {QStringLiteral("lastCheckIn"), dateTime(d.lastCheckIn)},
        {QStringLiteral("updateState"), nameOf(kUpdateStates, d.updateState)},
        {QStringLiteral("exceptions"), exceptions},
        {QStringLiteral("patchAgeDays"), d.patchAgeDays},
        {QStringLiteral("supportStatus"), nameOf(kSupportStatuses, d.supportStatus)},
    };
}

Device readDevice(JsonReader &r)
{
    Device d;
    d.id = r.integer("id");
    d.deviceId = r.string("deviceId");
    d.modelId = int(r.integer("modelId"));
    d.manufacturer = r.string("manufacturer");
    d.model = r.string("model");
    d.regionId = int(r.integer("regionId"));
    d.region = r.string("region");
    d.firmwareVersion = r.string("firmwareVersion");
    d.firmwareSequence = r.integer("firmwareSequence");
    d.patchLevel = r.dateOr("patchLevel");
    d.patchApplied = r.dateOr("patchApplied");
    d.supportEnd = r.dateOr("supportEnd");
    d.lastCheckIn = r.dateTimeOr("lastCheckIn");
    d.updateState = readName(r, "updateState", kUpdateStates, UpdateState::Idle);
    const QJsonArray exceptions = r.array("exceptions");
    for (const QJsonValue &flag : exceptions) {
        const std::optional<ExceptionFlag> value = valueOf(kExceptionFlags, flag.toString());
        if (!value) {
            r.fail("exceptions", unknownName(kExceptionFlags, flag.toString()));
            break;
        }
        d.exceptions |= *value;
    }
    d.patchAgeDays = int(r.integer("patchAgeDays"));
    d.supportStatus = readName(r, "supportStatus", kSupportStatuses, SupportStatus::Supported);
    return d;
}

QJsonObject toJson(const UpdateEvent &e)
{
    return QJsonObject{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("deviceId"), e.deviceId},
        {QStringLiteral("rolloutId"), e.rolloutId},
        {QStringLiteral("rolloutName"), e.rolloutName},
        {QStringLiteral("wave"), e.wave},
        {QStringLiteral("phase"), e.phase},
        {QStringLiteral("outcome"), e.outcome},
        {QStringLiteral("reason"), e.reason},
        {QStringLiteral("fromVersion"), e.fromVersion},
        {QStringLiteral("toVersion"), e.toVersion},
        {QStringLiteral("time"), dateTime(e.time)},
    };
}

UpdateEvent readUpdateEvent(JsonReader &r)
{
    // phase, outcome and reason are the stored codes (domain/updateoutcome.h), passed on as they
    // are: the history shows an unknown code as it is, like the Local backend does.
    UpdateEvent e;
    e.id = r.integer("id");
    e.deviceId = r.integer("deviceId");
    e.rolloutId = r.integer("rolloutId");
    e.rolloutName = r.stringOr("rolloutName");
    e.wave = int(r.integer("wave"));
    e.phase = r.string("phase");
    e.outcome = r.string("outcome");
    e.reason = r.stringOr("reason");
    e.fromVersion = r.stringOr("fromVersion");
    e.toVersion = r.stringOr("toVersion");
    e.time = r.dateTimeOr("time");
    return e;
}

QJsonObject toJson(const DeviceDetail &detail)
{
    QJsonArray history;
    for (const UpdateEvent &e : detail.history)
        history.append(toJson(e));
    return QJsonObject{{QStringLiteral("device"), toJson(detail.device)},
                       {QStringLiteral("regionTimeZone"), detail.regionTimeZone},
                       {QStringLiteral("history"), history}};
}

Result<DeviceDetail> readDeviceDetail(const QJsonValue &value)
{
    return readWhole<DeviceDetail>(value, QStringLiteral("detail"), [](JsonReader &r) {
        DeviceDetail detail;
        JsonReader device = r.object("device");
        detail.device = readDevice(device);
        detail.regionTimeZone = r.stringOr("regionTimeZone");
        detail.history = readList<UpdateEvent>(r, "history", readUpdateEvent);
        return detail;
    });
}

QJsonObject toJson(const DevicePage &page)
{
    QJsonArray rows;
    for (const Device &d : page.rows)
        rows.append(toJson(d));
    return QJsonObject{{QStringLiteral("offset"), page.offset},
                       {QStringLiteral("matching"), page.matching},
                       {QStringLiteral("fleetSize"), page.fleetSize},
                       {QStringLiteral("referenceDate"), date(page.referenceDate)},
                       {QStringLiteral("rows"), rows}};
}

Result<DevicePage> readDevicePage(const QJsonValue &value)
{
    return readWhole<DevicePage>(value, QStringLiteral("page"), [](JsonReader &r) {
        DevicePage page;
        page.offset = int(r.integer("offset"));
        page.matching = int(r.integer("matching"));
        page.fleetSize = int(r.integer("fleetSize"));
        page.referenceDate = r.dateOr("referenceDate");
        page.rows = readList<Device>(r, "rows", readDevice);
        return page;
    });
}

// Filters and queries ------------------------------------------------------------------------

QJsonObject toJson(const DeviceFilter &f)
{
    QJsonArray statuses;
    for (SupportStatus s : f.supportStatuses)
        statuses.append(nameOf(kSupportStatuses, s));
    return QJsonObject{
        {QStringLiteral("patchLevelBefore"), date(f.patchLevelBefore)},
        {QStringLiteral("patchLevelAfter"), date(f.patchLevelAfter)},
        {QStringLiteral("patchAgeMin"), optionalInt(f.patchAgeMin)},
        {QStringLiteral("patchAgeMax"), optionalInt(f.patchAgeMax)},
        {QStringLiteral("supportStatuses"), statuses},
        {QStringLiteral("manufacturerId"), f.manufacturerId},
        {QStringLiteral("modelId"), f.modelId},
        {QStringLiteral("regionId"), f.regionId},
        {QStringLiteral("updateState"),
         f.updateState ? QJsonValue(nameOf(kUpdateStates, *f.updateState)) : QJsonValue()},
        {QStringLiteral("exceptions"), nameOf(kExceptionFilters, f.exceptions)},
        {QStringLiteral("deviceIdPrefix"), f.deviceIdPrefix},
        {QStringLiteral("events"), f.events ? QJsonValue(toJson(*f.events)) : QJsonValue()},
    };
}

DeviceFilter readDeviceFilter(JsonReader &r)
{
    DeviceFilter f;
    f.patchLevelBefore = r.dateOr("patchLevelBefore");
    f.patchLevelAfter = r.dateOr("patchLevelAfter");
    if (r.has("patchAgeMin"))
        f.patchAgeMin = int(r.integer("patchAgeMin"));
    if (r.has("patchAgeMax"))
        f.patchAgeMax = int(r.integer("patchAgeMax"));
    if (r.has("supportStatuses")) {
        const QJsonArray names = r.array("supportStatuses");
        for (const QJsonValue &name : names) {
            const std::optional<SupportStatus> s = valueOf(kSupportStatuses, name.toString());
            if (!s) {
                r.fail("supportStatuses", unknownName(kSupportStatuses, name.toString()));
                break;
            }
            f.supportStatuses << *s;
        }
    }
    f.manufacturerId = int(r.integerOr("manufacturerId", 0));
    f.modelId = int(r.integerOr("modelId", 0));
    f.regionId = int(r.integerOr("regionId", 0));
    if (r.has("updateState"))
        f.updateState = readName(r, "updateState", kUpdateStates, UpdateState::Idle);
    if (r.has("exceptions"))
        f.exceptions = readName(r, "exceptions", kExceptionFilters, ExceptionFilter::Any);
    f.deviceIdPrefix = r.stringOr("deviceIdPrefix");
    if (r.has("events")) {
        JsonReader events = r.object("events");
        f.events = readUpdateEventFilter(events);
    }
    return f;
}

Result<DeviceFilter> readDeviceFilter(const QJsonValue &value)
{
    return readWhole<DeviceFilter>(value, QStringLiteral("filter"),
                                   [](JsonReader &r) { return readDeviceFilter(r); });
}

QJsonObject toJson(const DeviceQuery &query)
{
    return QJsonObject{
        {QStringLiteral("filter"), toJson(query.filter)},
        {QStringLiteral("sort"),
         QJsonObject{{QStringLiteral("field"), nameOf(kDeviceFields, query.sort.field)},
                     {QStringLiteral("order"), nameOf(kSortOrders, query.sort.order)}}},
        {QStringLiteral("referenceDate"), date(query.referenceDate)},
        {QStringLiteral("endingSoonDays"), query.endingSoonDays},
    };
}

Result<DeviceQuery> readDeviceQuery(const QJsonValue &value)
{
    return readWhole<DeviceQuery>(value, QStringLiteral("query"), [](JsonReader &r) {
        DeviceQuery query;
        JsonReader filter = r.object("filter");
        query.filter = readDeviceFilter(filter);
        JsonReader sort = r.object("sort");
        query.sort.field = readName(sort, "field", kDeviceFields, DeviceField::DeviceId);
        query.sort.order = readName(sort, "order", kSortOrders, Qt::AscendingOrder);
        query.referenceDate = r.dateOr("referenceDate");
        query.endingSoonDays = int(r.integerOr("endingSoonDays", 90));
        return query;
    });
}

// Compliance ---------------------------------------------------------------------------------

QJsonObject toJson(const CompliancePolicy &policy)
{
    return QJsonObject{{QStringLiteral("outOfDateDays"), policy.outOfDateDays},
                       {QStringLiteral("endingSoonDays"), policy.endingSoonDays}};
}

CompliancePolicy readCompliancePolicy(JsonReader &r)
{
    return readPolicy(r);
}

QJsonObject toJson(const ComplianceSummary &s)
{
    QJsonArray bins;
    for (const PatchAgeBin &bin : s.patchAge) {
        bins.append(QJsonObject{{QStringLiteral("minDays"), bin.minDays},
                                {QStringLiteral("maxDays"), bin.maxDays},
                                {QStringLiteral("devices"), bin.devices}});
    }
    QJsonArray models;
    for (const ModelCompliance &m : s.models) {
        models.append(QJsonObject{
            {QStringLiteral("modelId"), m.modelId},
            {QStringLiteral("manufacturer"), m.manufacturer},
            {QStringLiteral("model"), m.model},
            {QStringLiteral("supportEnd"), date(m.supportEnd)},
            {QStringLiteral("supportStatus"), nameOf(kSupportStatuses, m.supportStatus)},
            {QStringLiteral("devices"), m.devices},
            {QStringLiteral("outOfDate"), m.outOfDate},
        });
    }
    const auto count = [&s](SupportStatus status) {
        return s.bySupportStatus[int(status)];
    };
    return QJsonObject{
        {QStringLiteral("referenceDate"), date(s.referenceDate)},
        {QStringLiteral("policy"), toJson(s.policy)},
        {QStringLiteral("devices"), s.devices},
        {QStringLiteral("bySupportStatus"),
         QJsonObject{{QStringLiteral("supported"), count(SupportStatus::Supported)},
                     {QStringLiteral("endingSoon"), count(SupportStatus::EndingSoon)},
                     {QStringLiteral("ended"), count(SupportStatus::Ended)}}},
        {QStringLiteral("patchAge"), bins},
        {QStringLiteral("models"), models},
    };
}

Result<ComplianceSummary> readComplianceSummary(const QJsonValue &value)
{
    return readWhole<ComplianceSummary>(value, QStringLiteral("compliance"), [](JsonReader &r) {
        ComplianceSummary s;
        s.referenceDate = r.dateOr("referenceDate");
        JsonReader policy = r.object("policy");
        s.policy = readPolicy(policy);
        s.devices = int(r.integer("devices"));
        JsonReader by = r.object("bySupportStatus");
        s.bySupportStatus[int(SupportStatus::Supported)] = int(by.integer("supported"));
        s.bySupportStatus[int(SupportStatus::EndingSoon)] = int(by.integer("endingSoon"));
        s.bySupportStatus[int(SupportStatus::Ended)] = int(by.integer("ended"));
        s.patchAge = readList<PatchAgeBin>(r, "patchAge", [](JsonReader &e) {
            PatchAgeBin bin;
            bin.minDays = int(e.integer("minDays"));
            bin.maxDays = int(e.integer("maxDays"));
            bin.devices = int(e.integer("devices"));
            return bin;
        });
        s.models = readList<ModelCompliance>(r, "models", [](JsonReader &e) {
            ModelCompliance m;
            m.modelId = int(e.integer("modelId"));
            m.manufacturer = e.string("manufacturer");
            m.model = e.string("model");
            m.supportEnd = e.dateOr("supportEnd");
            m.supportStatus
                = readName(e, "supportStatus", kSupportStatuses, SupportStatus::Supported);
            m.devices = int(e.integer("devices"));
            m.outOfDate = int(e.integer("outOfDate"));
            return m;
        });
        return s;
    });
}

// Query parameters ---------------------------------------------------------------------------

namespace {

void addItem(QUrlQuery &query, const char *key, const QString &value)
{
    // '+' and '&' inside a value must survive every URL parser: percent-encode them rather than
    // trusting each side's idea of form encoding.
    QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(value));
    query.addQueryItem(QLatin1String(key), encoded);
}

void addDate(QUrlQuery &query, const char *key, QDate value)
{
    if (value.isValid())
        addItem(query, key, value.toString(Qt::ISODate));
}

void addId(QUrlQuery &query, const char *key, int id)
{
    if (id != 0)
        addItem(query, key, QString::number(id));
}

int readId(QueryReader &r, const char *key)
{
    return int(r.integerOr(key, 0, 0, INT_MAX));
}

} // namespace

void addToQuery(QUrlQuery &query, const DeviceFilter &f)
{
    addDate(query, "patchLevelBefore", f.patchLevelBefore);
    addDate(query, "patchLevelAfter", f.patchLevelAfter);
    if (f.patchAgeMin)
        addItem(query, "patchAgeMin", QString::number(*f.patchAgeMin));
    if (f.patchAgeMax)
        addItem(query, "patchAgeMax", QString::number(*f.patchAgeMax));
    if (!f.supportStatuses.isEmpty()) {
        QStringList names;
        for (SupportStatus s : f.supportStatuses)
            names << nameOf(kSupportStatuses, s);
        addItem(query, "supportStatus", names.join(QLatin1Char(',')));
    }
    addId(query, "manufacturerId", f.manufacturerId);
    addId(query, "modelId", f.modelId);
    addId(query, "regionId", f.regionId);
    if (f.updateState)
        addItem(query, "updateState", nameOf(kUpdateStates, *f.updateState));
    if (f.exceptions != ExceptionFilter::Any)
        addItem(query, "exceptions", nameOf(kExceptionFilters, f.exceptions));
    if (!f.deviceIdPrefix.isEmpty())
        addItem(query, "deviceIdPrefix", f.deviceIdPrefix);
    if (f.events) {
        addItem(query, "events",
                QString::fromUtf8(QJsonDocument(toJson(*f.events)).toJson(QJsonDocument::Compact)));
    }
}

DeviceFilter readDeviceFilter(QueryReader &r)
{
    DeviceFilter f;
    f.patchLevelBefore = r.date("patchLevelBefore");
    f.patchLevelAfter = r.date("patchLevelAfter");
    if (const auto days = r.integer("patchAgeMin", INT_MIN, INT_MAX))
        f.patchAgeMin = int(*days);
    if (const auto days = r.integer("patchAgeMax", INT_MIN, INT_MAX))
        f.patchAgeMax = int(*days);
    const QStringList statuses = r.list("supportStatus");
    for (const QString &name : statuses) {
        const std::optional<SupportStatus> s = valueOf(kSupportStatuses, name);
        if (!s) {
            r.fail("supportStatus", unknownName(kSupportStatuses, name));
            break;
        }
        f.supportStatuses << *s;
    }
    f.manufacturerId = readId(r, "manufacturerId");
    f.modelId = readId(r, "modelId");
    f.regionId = readId(r, "regionId");
    f.updateState = readName(r, "updateState", kUpdateStates);
    f.exceptions = readName(r, "exceptions", kExceptionFilters).value_or(ExceptionFilter::Any);
    f.deviceIdPrefix = r.string("deviceIdPrefix");
    const QString events = r.string("events");
    if (r.has("events")) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(events.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            r.fail("events", Tr::tr("expected an event filter as a JSON object"));
        } else {
            JsonReader reader(document.object(), QStringLiteral("events"));
            reader.setCode(ServiceError::Code::InvalidArgument);
            f.events = readUpdateEventFilter(reader);
            if (!reader.ok())
                r.fail("events", reader.error().message);
        }
    }
    return f;
}

QUrlQuery toQuery(const DeviceQuery &query)
{
    QUrlQuery q;
    addToQuery(q, query.filter);
    if (query.sort.field != DeviceField::DeviceId)
        addItem(q, "sort", nameOf(kDeviceFields, query.sort.field));
    if (query.sort.order != Qt::AscendingOrder)
        addItem(q, "order", nameOf(kSortOrders, query.sort.order));
    addDate(q, "referenceDate", query.referenceDate);
    if (query.endingSoonDays != DeviceQuery().endingSoonDays)
        addItem(q, "endingSoonDays", QString::number(query.endingSoonDays));
    return q;
}

DeviceQuery readDeviceQuery(QueryReader &r)
{
    DeviceQuery query;
    query.filter = readDeviceFilter(r);
    query.sort.field = readName(r, "sort", kDeviceFields).value_or(DeviceField::DeviceId);
    query.sort.order = readName(r, "order", kSortOrders).value_or(Qt::AscendingOrder);
    query.referenceDate = r.date("referenceDate");
    query.endingSoonDays = int(r.integerOr("endingSoonDays", query.endingSoonDays, 0, 36500));
    return query;
}

QUrlQuery toQuery(const ComplianceRequest &request)
{
    QUrlQuery q;
    addToQuery(q, request.filter);
    const CompliancePolicy defaults;
    if (request.policy.outOfDateDays != defaults.outOfDateDays)
        addItem(q, "outOfDateDays", QString::number(request.policy.outOfDateDays));
    if (request.policy.endingSoonDays != defaults.endingSoonDays)
        addItem(q, "endingSoonDays", QString::number(request.policy.endingSoonDays));
    addDate(q, "referenceDate", request.referenceDate);
    return q;
}

ComplianceRequest readComplianceRequest(QueryReader &r)
{
    ComplianceRequest request;
    request.filter = readDeviceFilter(r);
    request.policy.outOfDateDays
        = int(r.integerOr("outOfDateDays", request.policy.outOfDateDays, 0, 36500));
    request.policy.endingSoonDays
        = int(r.integerOr("endingSoonDays", request.policy.endingSoonDays, 0, 36500));
    request.referenceDate = r.date("referenceDate");
    return request;
}

} // namespace Patchboard::Json
