// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "patchlevel.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Patchboard {

// What a release claims to be. SSU-SEC-0010: a "security" release fixes only security problems,
// each identified by CVEs.
enum class ReleaseType { Security, Maintenance, Feature };

enum class ChangeKind { Security, Bugfix, Maintenance, Feature };

// The Android security bulletin scale (also used by the OSV records of the bulletins).
enum class VulnerabilitySeverity { None, Low, Moderate, High, Critical };

struct ReleaseChange
{
    QString description;
    ChangeKind kind = ChangeKind::Security;
    QStringList cves; // "CVE-2025-21234"
    VulnerabilitySeverity severity = VulnerabilitySeverity::None;
};

// The release notes an Author ships in notes.json (schema: docs/release-notes.schema.json).
// They are a component of the signed SUIT manifest, so the signature covers them. They give the
// claimed security patch level, the change list with CVEs (the security-only check, SSU-SEC-0010)
// and the end-user notice (SSU-COM-0020: say that it is a security update; SSU-COM-0030: what it
// contains).
struct ReleaseNotes
{
    static constexpr int FormatVersion = 1;
    static constexpr qsizetype MaxBytes = 256 * 1024;
    static constexpr qsizetype MaxChanges = 500;
    static constexpr qsizetype MaxCvesPerChange = 100;
    static constexpr qsizetype MaxTargets = 64;
    static constexpr qsizetype MaxTextLength = 4000;

    QString version; // "2.4.117"
    ReleaseType type = ReleaseType::Security;
    PatchLevel patchLevel; // the claimed security patch level
    QStringList targetModels; // hardware model names, as the Status Tracker knows them
    QList<ReleaseChange> changes;
    QString endUserNotice;

    // Strict: malformed JSON, a missing or unknown member, a wrong type, a bad CVE ID or patch
    // level are refused with InvalidArgument and a message naming the member
    // ("changes[2].cves[0]").
    static Result<ReleaseNotes> parse(QByteArrayView json);
    // The canonical JSON form (what patchboard-author writes when asked to format notes).
    QByteArray toJson() const;

    // Every CVE ID of every change, each once, in order of appearance.
    QStringList cves() const;

    static QString typeName(ReleaseType type);
    static std::optional<ReleaseType> typeFromName(const QString &name);
    static QString kindName(ChangeKind kind);
    static std::optional<ChangeKind> kindFromName(const QString &name);
    static QString severityName(VulnerabilitySeverity severity);
    // Case-insensitive: OSV records write "High", notes write "high".
    static std::optional<VulnerabilitySeverity> severityFromName(const QString &name);
    // "CVE-YYYY-NNNN" with four or more digits in the second part.
    static bool isCveId(const QString &text);
};

} // namespace Patchboard
