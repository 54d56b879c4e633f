// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "patchlevel.h"
#include "releasecheck.h"
#include "releasenotes.h"
#include "releasestate.h"
#include "releasetestplan.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Patchboard {

// SSU-TES-0010: an MNO completes testing of a security-only update within one week.
struct TestWindow
{
    static constexpr int Days = 7;

    QDateTime deadline; // received + 7 days
    int daysLeft = Days; // whole days until the deadline; negative when overdue
    bool overdue = false; // undecided past the deadline
    qint64 decisionSeconds = -1; // received -> decision, or -1 while undecided
    bool decidedWithinWindow = false;
};

// A release as the list shows it.
struct ReleaseSummary
{
    qint64 id = 0;
    QString version;
    QString vendorId; // hex
    QString manufacturer; // of the vendor, if the vendor is registered
    QStringList models; // targeted hardware models
    QString classId; // hex, the manifest's class ID
    ReleaseType type = ReleaseType::Security;
    PatchLevel patchLevel; // claimed
    quint64 sequenceNumber = 0;
    QDateTime received;
    QDateTime decided; // invalid while undecided
    ReleaseState state = ReleaseState::Received;
    TestWindow window; // applies to security releases (SSU-TES-0010)
    bool windowApplies = true;
};

// One state change: who, when, why.
struct ReleaseTransition
{
    ReleaseState from = ReleaseState::Received;
    ReleaseState to = ReleaseState::Received;
    QString actor;
    QString role;
    QDateTime time;
    QString reason;
};

// A vulnerability an Android security bulletin (OSV record) lists as fixed at a patch level.
struct KnownVulnerability
{
    QString osvId; // "ASB-A-210498909"
    QString cve; // "CVE-2018-25020"
    QString package; // ":linux_kernel:", "platform/frameworks/base"
    VulnerabilitySeverity severity = VulnerabilitySeverity::None;
    PatchLevel patchLevel; // the level that fixes it ("spl")
    QString type; // "EoP", "RCE", ...
};

// A payload of the release as the signed manifest lists it.
struct ReleaseImage
{
    QString name; // "notes.json" or an image name under images/
    QString digest; // SHA-256, hex
    qint64 size = 0;
};

// Everything the Releases page shows for one release.
struct ReleaseDetail
{
    ReleaseSummary summary;
    ReleaseNotes notes;
    QList<ReleaseCheck> checks; // the full checklist, in order
    TestPlan testPlan;
    QList<ReleaseTransition> history; // oldest first
    QList<KnownVulnerability> missingCves; // fixed at or below the claimed level, not in the notes
    QList<int> offendingChanges; // indices into notes.changes that break SSU-SEC-0010
    QList<ReleaseImage> images;
    QString signerFingerprint;
    QString algorithm;
    QString manifestDigest;
    // Why approve() would refuse right now (empty: it would succeed, role permitting).
    QStringList approvalBlockers;
};

// An Author public key registered for a vendor ID (the trust store).
struct TrustedKey
{
    qint64 id = 0;
    QString vendorId; // hex
    int manufacturerId = 0;
    QString manufacturer;
    QString fingerprint; // SHA-256 of the DER SubjectPublicKeyInfo, hex
    QString keyType; // "P-256", "Ed25519"
    QString label;
    QByteArray pem;
    QDateTime added;
    QString addedBy;
};

// Workflow settings an administrator can change.
struct FirmwareSettings
{
    // The approver must not be anyone who recorded a test result or waiver for the release.
    bool fourEyes = true;
};

} // namespace Patchboard
