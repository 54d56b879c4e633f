// SPDX-License-Identifier: Apache-2.0
#include "releasenotes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseNotes)
};

ServiceError invalid(const QString &where, const QString &problem)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument,
                              Tr::tr("Release notes: %1: %2").arg(where, problem),
                              Tr::tr("Ask the Author for notes that follow "
                                     "docs/release-notes.schema.json."));
}

// Line and column of a byte offset, for JSON syntax errors.
QString position(QByteArrayView json, int offset)
{
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return Tr::tr("line %1, column %2").arg(line).arg(column);
}

// Reads members of one JSON object and notices members that nobody asked for.
class ObjectReader
{
public:
    ObjectReader(const QJsonObject &object, const QString &path)
        : m_object(object), m_path(path) { }

    QString where(const QString &key) const
    {
        return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
    }

    Result<QString> text(const QString &key, qsizetype maxLength, bool required = true)
    {
        m_known.insert(key);
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined()) {
            if (!required)
                return QString();
            return invalid(where(key), Tr::tr("is missing."));
        }
        if (!value.isString())
            return invalid(where(key), Tr::tr("must be a string."));
        const QString s = value.toString();
        if (required && s.trimmed().isEmpty())
            return invalid(where(key), Tr::tr("must not be empty."));
        if (s.size() > maxLength)
            return invalid(where(key), Tr::tr("is longer than %1 characters.").arg(maxLength));
        return s;
    }

    Result<QJsonArray> array(const QString &key, qsizetype maxItems, bool required = true)
    {
        m_known.insert(key);
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined()) {
            if (!required)
                return QJsonArray();
            return invalid(where(key), Tr::tr("is missing."));
        }
        if (!value.isArray())
            return invalid(where(key), Tr::tr("must be an array."));
        if (value.toArray().size() > maxItems)
            return invalid(where(key), Tr::tr("has more than %1 entries.").arg(maxItems));
        return value.toArray();
    }

    void allow(const QString &key) { m_known.insert(key); }

    Status noUnknownMembers() const
    {
        for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
            if (!m_known.contains(it.key()))
                return invalid(where(it.key()), Tr::tr("is not a known member."));
        }
        return Done{};
    }

private:
    QJsonObject m_object;
    QString m_path;
    QSet<QString> m_known;
};

Result<ReleaseChange> parseChange(const QJsonValue &value, const QString &path)
{
    if (!value.isObject())
        return invalid(path, Tr::tr("must be an object."));
    ObjectReader reader(value.toObject(), path);
    ReleaseChange change;
    Result<QString> description
        = reader.text(QStringLiteral("description"), ReleaseNotes::MaxTextLength);
    if (!description)
        return description.error();
    change.description = description.value();
    Result<QString> kind = reader.text(QStringLiteral("kind"), 32);
    if (!kind)
        return kind.error();
    const auto parsedKind = ReleaseNotes::kindFromName(kind.value());
    if (!parsedKind)
        return invalid(reader.where(QStringLiteral("kind")),
                       Tr::tr("\"%1\" is not one of security, bugfix, maintenance, feature.")
                           .arg(kind.value()));
    change.kind = *parsedKind;
    Result<QJsonArray> cves
        = reader.array(QStringLiteral("cves"), ReleaseNotes::MaxCvesPerChange, false);
    if (!cves)
        return cves.error();
    for (qsizetype i = 0; i < cves.value().size(); ++i) {
        const QString where = reader.where(QStringLiteral("cves[%1]").arg(i));
        const QJsonValue cve = cves.value().at(i);
        if (!cve.isString() || !ReleaseNotes::isCveId(cve.toString()))
            return invalid(where,
                           Tr::tr("%1 is not a CVE ID (CVE-YYYY-NNNN).")
                               .arg(cve.isString()
                                        ? QLatin1Char('"') + cve.toString() + QLatin1Char('"')
                                        : Tr::tr("the value")));
        if (change.cves.contains(cve.toString()))
            return invalid(where, Tr::tr("%1 is listed twice.").arg(cve.toString()));
        change.cves.append(cve.toString());
    }
    Result<QString> severity = reader.text(QStringLiteral("severity"), 32, false);
    if (!severity)
        return severity.error();
    if (!severity.value().isEmpty()) {
        const auto parsed = ReleaseNotes::severityFromName(severity.value());
        if (!parsed || severity.value() != severity.value().toLower())
            return invalid(reader.where(QStringLiteral("severity")),
                           Tr::tr("\"%1\" is not one of critical, high, moderate, low, none.")
                               .arg(severity.value()));
        change.severity = *parsed;
    }
    // A security fix without a severity cannot be prioritised by the operator.
    if (change.kind == ChangeKind::Security && change.severity == VulnerabilitySeverity::None)
        return invalid(
            reader.where(QStringLiteral("severity")),
            Tr::tr("a security change needs a severity (critical, high, moderate, low)."));
    if (const Status unknown = reader.noUnknownMembers(); !unknown)
        return unknown.error();
    return change;
}

} // namespace

Result<ReleaseNotes> ReleaseNotes::parse(QByteArrayView json)
{
    if (json.size() > MaxBytes)
        return invalid(
            QStringLiteral("notes.json"),
            Tr::tr("is %1 bytes; at most %2 are accepted.").arg(json.size()).arg(MaxBytes));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("notes.json"),
                       Tr::tr("is not valid JSON (%1 at %2).")
                           .arg(error.errorString(), position(json, error.offset)));
    if (!document.isObject())
        return invalid(QStringLiteral("notes.json"), Tr::tr("must be a JSON object."));
    ObjectReader reader(document.object(), QString());
    ReleaseNotes notes;

    const QJsonValue format = document.object().value(QStringLiteral("format"));
    reader.allow(QStringLiteral("format"));
    if (!format.isDouble() || format.toDouble() != FormatVersion)
        return invalid(QStringLiteral("format"),
                       Tr::tr("must be the number %1 (the notes format this Patchboard reads).")
                           .arg(FormatVersion));

    Result<QString> version = reader.text(QStringLiteral("version"), 64);
    if (!version)
        return version.error();
    static const QRegularExpression versionPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._+-]*$"));
    if (!versionPattern.match(version.value()).hasMatch())
        return invalid(
            QStringLiteral("version"),
            Tr::tr("\"%1\" may only hold letters, digits and . _ + -.").arg(version.value()));
    notes.version = version.value();

    Result<QString> type = reader.text(QStringLiteral("release_type"), 32);
    if (!type)
        return type.error();
    const auto parsedType = typeFromName(type.value());
    if (!parsedType)
        return invalid(
            QStringLiteral("release_type"),
            Tr::tr("\"%1\" is not one of security, maintenance, feature.").arg(type.value()));
    notes.type = *parsedType;

    Result<QString> level = reader.text(QStringLiteral("security_patch_level"), 10);
    if (!level)
        return level.error();
    notes.patchLevel = PatchLevel::fromString(level.value());
    if (!notes.patchLevel.isValid() || level.value().trimmed() != level.value())
        return invalid(QStringLiteral("security_patch_level"),
                       Tr::tr("\"%1\" is not a date YYYY-MM-DD.").arg(level.value()));

    Result<QJsonArray> targets = reader.array(QStringLiteral("target_models"), MaxTargets);
    if (!targets)
        return targets.error();
    if (targets.value().isEmpty())
        return invalid(QStringLiteral("target_models"), Tr::tr("must name at least one model."));
    for (qsizetype i = 0; i < targets.value().size(); ++i) {
        const QString where = QStringLiteral("target_models[%1]").arg(i);
        const QJsonValue target = targets.value().at(i);
        if (!target.isString() || target.toString().trimmed().isEmpty()
            || target.toString().size() > 200)
            return invalid(where, Tr::tr("must be a hardware model name."));
        if (notes.targetModels.contains(target.toString()))
            return invalid(where, Tr::tr("\"%1\" is listed twice.").arg(target.toString()));
        notes.targetModels.append(target.toString());
    }

    Result<QJsonArray> changes = reader.array(QStringLiteral("changes"), MaxChanges);
    if (!changes)
        return changes.error();
    if (changes.value().isEmpty())
        return invalid(QStringLiteral("changes"), Tr::tr("must list at least one change."));
    for (qsizetype i = 0; i < changes.value().size(); ++i) {
        Result<ReleaseChange> change
            = parseChange(changes.value().at(i), QStringLiteral("changes[%1]").arg(i));
        if (!change)
            return change.error();
        notes.changes.append(change.value());
    }

    // SSU-COM-0020/0030: what the end user is told about this update.
    Result<QString> notice = reader.text(QStringLiteral("end_user_notice"), MaxTextLength);
    if (!notice)
        return notice.error();
    notes.endUserNotice = notice.value();

    if (const Status unknown = reader.noUnknownMembers(); !unknown)
        return unknown.error();
    return notes;
}

QByteArray ReleaseNotes::toJson() const
{
    QJsonArray changeArray;
    for (const ReleaseChange &change : changes) {
        QJsonObject object{{QStringLiteral("description"), change.description},
                           {QStringLiteral("kind"), kindName(change.kind)}};
        if (!change.cves.isEmpty())
            object.insert(QStringLiteral("cves"), QJsonArray::fromStringList(change.cves));
        if (change.severity != VulnerabilitySeverity::None)
            object.insert(QStringLiteral("severity"), severityName(change.severity));
        changeArray.append(object);
    }
    const QJsonObject object{
        {QStringLiteral("format"), FormatVersion},
        {QStringLiteral("version"), version},
        {QStringLiteral("release_type"), typeName(type)},
        {QStringLiteral("security_patch_level"), patchLevel.toString()},
        {QStringLiteral("target_models"), QJsonArray::fromStringList(targetModels)},
        {QStringLiteral("changes"), changeArray},
        {QStringLiteral("end_user_notice"), endUserNotice}};
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QStringList ReleaseNotes::cves() const
{
    QStringList all;
    for (const ReleaseChange &change : changes) {
        for (const QString &cve : change.cves) {
            if (!all.contains(cve))
                all.append(cve);
        }
    }
    return all;
}

QString ReleaseNotes::typeName(ReleaseType type)
{
    switch (type) {
    case ReleaseType::Security:
        return QStringLiteral("security");
    case ReleaseType::Maintenance:
        return QStringLiteral("maintenance");
    case ReleaseType::Feature:
        return QStringLiteral("feature");
    }
    return {};
}

std::optional<ReleaseType> ReleaseNotes::typeFromName(const QString &name)
{
    for (ReleaseType type :
         {ReleaseType::Security, ReleaseType::Maintenance, ReleaseType::Feature}) {
        if (typeName(type) == name)
            return type;
    }
    return std::nullopt;
}

QString ReleaseNotes::kindName(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Security:
        return QStringLiteral("security");
    case ChangeKind::Bugfix:
        return QStringLiteral("bugfix");
    case ChangeKind::Maintenance:
        return QStringLiteral("maintenance");
    case ChangeKind::Feature:
        return QStringLiteral("feature");
    }
    return {};
}

std::optional<ChangeKind> ReleaseNotes::kindFromName(const QString &name)
{
    for (ChangeKind kind :
         {ChangeKind::Security, ChangeKind::Bugfix, ChangeKind::Maintenance, ChangeKind::Feature}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString ReleaseNotes::severityName(VulnerabilitySeverity severity)
{
    switch (severity) {
    case VulnerabilitySeverity::None:
        return QStringLiteral("none");
    case VulnerabilitySeverity::Low:
        return QStringLiteral("low");
    case VulnerabilitySeverity::Moderate:
        return QStringLiteral("moderate");
    case VulnerabilitySeverity::High:
        return QStringLiteral("high");
    case VulnerabilitySeverity::Critical:
        return QStringLiteral("critical");
    }
    return {};
}

std::optional<VulnerabilitySeverity> ReleaseNotes::severityFromName(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    for (VulnerabilitySeverity severity :
         {VulnerabilitySeverity::None, VulnerabilitySeverity::Low, VulnerabilitySeverity::Moderate,
          VulnerabilitySeverity::High, VulnerabilitySeverity::Critical}) {
        if (severityName(severity) == lower)
            return severity;
    }
    return std::nullopt;
}

bool ReleaseNotes::isCveId(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^CVE-(19|20)\\d\\d-\\d{4,7}$"));
    return pattern.match(text).hasMatch();
}

} // namespace Patchboard
