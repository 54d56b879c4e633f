// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>

namespace Patchboard {

// The roles an operator acts in (GSMA IoT security guidelines: administrative access is
// accountable and separated). What each role may do is in services/auth/permissions.h.
enum class OperatorRole {
    Viewer, // reads releases, test results and the audit log
    TestEngineer, // imports releases, records test results, approves or rejects (SSU-TES-0010)
    RolloutManager, // schedules rollouts of approved releases, withdraws them
    Administrator, // manages trust keys, bulletin data and workflow settings
};

// Who is acting: the name recorded in transitions and the audit log, and the role acted in.
struct Operator
{
    QString name;
    OperatorRole role = OperatorRole::Viewer;

    bool isValid() const { return !name.trimmed().isEmpty(); }

    // Stable, machine-readable names: "viewer", "test-engineer", "rollout-manager",
    // "administrator" (the audit log's role column).
    static QString roleName(OperatorRole role);
    static std::optional<OperatorRole> roleFromName(const QString &name);
    // Translated, for display: "Test engineer" (a label, capitalised in English).
    static QString roleDisplayName(OperatorRole role);
    // Translated, to insert within a sentence: "test engineer" in English. Use this rather than
    // roleDisplayName().toLower(): other languages capitalise differently (German nouns keep
    // their capital letter).
    static QString roleDisplayNameInSentence(OperatorRole role);
};

} // namespace Patchboard
