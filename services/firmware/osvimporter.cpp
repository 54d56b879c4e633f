// SPDX-License-Identifier: Apache-2.0
#include "osvimporter.h"

#include "zipreader.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::OsvImporter)
};

} // namespace

QList<KnownVulnerability> OsvImporter::fromRecord(const QJsonObject &record)
{
    QList<KnownVulnerability> result;
    const QString osvId = record.value(QStringLiteral("id")).toString();
    QStringList cves;
    for (const QJsonValue &alias : record.value(QStringLiteral("aliases")).toArray()) {
        if (ReleaseNotes::isCveId(alias.toString()))
            cves.append(alias.toString());
    }
    if (cves.isEmpty() && ReleaseNotes::isCveId(osvId))
        cves.append(osvId);
    if (cves.isEmpty())
        return result;
    for (const QJsonValue &affectedValue : record.value(QStringLiteral("affected")).toArray()) {
        const QJsonObject affected = affectedValue.toObject();
        const QJsonObject package = affected.value(QStringLiteral("package")).toObject();
        if (package.value(QStringLiteral("ecosystem")).toString() != QStringLiteral("Android"))
            continue;
        const QJsonObject specific
            = affected.value(QStringLiteral("ecosystem_specific")).toObject();
        const PatchLevel level
            = PatchLevel::fromString(specific.value(QStringLiteral("spl")).toString());
        if (!level.isValid())
            continue;
        const auto severity
            = ReleaseNotes::severityFromName(specific.value(QStringLiteral("severity")).toString());
        for (const QString &cve : std::as_const(cves)) {
            KnownVulnerability v;
            v.osvId = osvId;
            v.cve = cve;
            v.package = package.value(QStringLiteral("name")).toString();
            v.severity = severity.value_or(VulnerabilitySeverity::None);
            v.patchLevel = level;
            v.type = specific.value(QStringLiteral("type")).toString();
            result.append(v);
        }
    }
    return result;
}

void OsvImporter::readDocument(const QByteArray &json, const QString &source, Import &into)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        into.problems.append(Tr::tr("%1: not valid JSON (%2).").arg(source, error.errorString()));
        return;
    }
    QJsonArray records;
    if (document.isArray())
        records = document.array();
    else
        records.append(document.object());
    for (const QJsonValue &value : std::as_const(records)) {
        const QJsonObject record = value.toObject();
        if (record.value(QStringLiteral("id")).toString().isEmpty()) {
            into.problems.append(Tr::tr("%1: a record has no \"id\".").arg(source));
            continue;
        }
        ++into.records;
        into.osvIds.append(record.value(QStringLiteral("id")).toString());
        const QList<KnownVulnerability> found = fromRecord(record);
        if (found.isEmpty())
            ++into.skipped;
        into.vulnerabilities.append(found);
    }
}

Result<OsvImporter::Import> OsvImporter::importPath(const QString &path)
{
    Import import;
    const QFileInfo info(path);
    auto readFile = [&import](const QString &file) {
        QFile f(file);
        if (QFileInfo(file).size() > MaxFileSize) {
            import.problems.append(
                Tr::tr("%1: larger than %2 MiB, skipped.").arg(file).arg(MaxFileSize >> 20));
            return;
        }
        if (!f.open(QIODevice::ReadOnly)) {
            import.problems.append(Tr::tr("%1: %2").arg(file, f.errorString()));
            return;
        }
        readDocument(f.readAll(), file, import);
    };
    if (info.isDir()) {
        QDirIterator it(path, {QStringLiteral("*.json")}, QDir::Files,
                        QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            if (++files > MaxFiles)
                return ServiceError::make(
                    ServiceError::Code::InvalidArgument,
                    Tr::tr("%1 holds more than %2 JSON files.").arg(path).arg(MaxFiles));
            readFile(it.next());
        }
    } else if (info.suffix().compare(QStringLiteral("zip"), Qt::CaseInsensitive) == 0) {
        Result<ZipReader> zip = ZipReader::open(path);
        if (!zip)
            return zip.error();
        for (const ZipReader::Entry &entry : zip.value().entries()) {
            if (entry.isDirectory() || !entry.name.endsWith(QStringLiteral(".json")))
                continue;
            Result<QByteArray> data = zip.value().read(entry);
            if (!data) {
                import.problems.append(data.error().message);
                continue;
            }
            readDocument(data.value(), entry.name, import);
        }
    } else if (info.isFile()) {
        readFile(path);
    } else {
        return ServiceError::make(ServiceError::Code::NotFound,
                                  Tr::tr("%1 does not exist.").arg(path),
                                  Tr::tr("Give a folder of OSV .json files, one .json file or the "
                                         "OSV .zip export."));
    }
    if (import.records == 0)
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("No OSV records were found in %1.").arg(path),
                                  import.problems.isEmpty() ? QString() : import.problems.first());
    return import;
}

} // namespace Patchboard
