// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "release.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace Patchboard {

// The pure rules of release approval, without storage: the backend feeds them what it knows.
class ReleaseRules
{
public:
    struct SecurityOnly
    {
        ReleaseCheck check;
        QList<int> offending; // indices into notes.changes
    };
    // SSU-SEC-0010: a security release holds only security changes, each with at least one CVE.
    static SecurityOnly securityOnly(const ReleaseNotes &notes);

    // SESIP 5.5.6: the sequence number must be above every one already approved for the class and
    // every one the fleet already runs for the model.
    static ReleaseCheck antiRollback(quint64 sequence, std::optional<quint64> highestApproved,
                                     std::optional<quint64> highestInstalled);

    struct CveCrossCheck
    {
        ReleaseCheck check;
        QList<KnownVulnerability> missing; // most severe first
    };
    // The bulletin vulnerabilities fixed in (baseline, claimed level] that the notes do not list.
    // Without a baseline the window is the claimed level's bulletin month. `known` are all the
    // bulletin records available; `haveData` tells whether any bulletin data was imported at all.
    static CveCrossCheck cveCrossCheck(const ReleaseNotes &notes,
                                       const QList<KnownVulnerability> &known,
                                       std::optional<PatchLevel> baseline, bool haveData);
    // The first patch level the cross-check covers.
    static PatchLevel windowStart(const PatchLevel &claimed, std::optional<PatchLevel> baseline);

    // SSU-TES-0010: the one-week test window.
    static TestWindow testWindow(const QDateTime &received, const QDateTime &decided,
                                 const QDateTime &now);

    // Why an approval must be refused: failed blocking checks, open test cases, four-eyes.
    static QStringList approvalBlockers(ReleaseState state, const QList<ReleaseCheck> &checks,
                                        const TestPlan &plan, bool fourEyes,
                                        const QString &approver);
};

} // namespace Patchboard
