// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>

namespace Patchboard {

// Where a release stands (ARCHITECTURE.md, update procedure step 2):
//   received -> verified | refused      (verification runs on import)
//   verified -> in-testing              (the first test result or waiver)
//   verified | in-testing -> approved | rejected
//   approved -> withdrawn
// Refused, rejected and withdrawn are final.
enum class ReleaseState { Received, Verified, Refused, InTesting, Approved, Rejected, Withdrawn };

class ReleaseStates
{
public:
    static bool canTransition(ReleaseState from, ReleaseState to);
    // A decision has been taken (SSU-TES-0010 measures the time to it).
    static bool isDecided(ReleaseState state);
    static bool isFinal(ReleaseState state);

    // "received", "verified", "refused", "in-testing", "approved", "rejected", "withdrawn".
    static QString name(ReleaseState state);
    static std::optional<ReleaseState> fromName(const QString &name);
    // Translated, for display: "In testing" (a label, capitalised in English).
    static QString displayName(ReleaseState state);
    // Translated, to insert within a sentence: "in testing" in English. Use this rather than
    // displayName().toLower(): other languages capitalise differently (German nouns keep their
    // capital letter).
    static QString displayNameInSentence(ReleaseState state);
};

} // namespace Patchboard
