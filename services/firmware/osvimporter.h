// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/release.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Patchboard {

// Reads Android security bulletin records in OSV format (https://ossf.github.io/osv-schema/):
// each record's CVE is in `aliases` (or its `id`), and each affected Android package gives the
// security patch level that fixes it in `ecosystem_specific.spl` with its severity. Accepts a
// single .json file (one record or an array of them), a folder of such files, or the .zip the
// Android OSV export comes in.
class OsvImporter
{
public:
    static constexpr int MaxFiles = 200000;
    static constexpr qint64 MaxFileSize = 64 * 1024 * 1024;

    struct Import
    {
        QList<KnownVulnerability> vulnerabilities;
        QStringList osvIds; // every record read, to replace older copies of them
        int records = 0;
        int skipped = 0; // records without an Android patch level or CVE
        QStringList problems; // files that could not be read, with why
    };

    static Result<Import> importPath(const QString &path);
    // One document: a record object or an array of records. `source` names it in problems.
    static void readDocument(const QByteArray &json, const QString &source, Import &into);
    // The vulnerabilities one record gives (empty when it has no CVE or no Android patch level).
    static QList<KnownVulnerability> fromRecord(const QJsonObject &record);
};

} // namespace Patchboard
