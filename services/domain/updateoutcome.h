// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>

namespace Patchboard {

// What a device reports for each phase of an update (X.secup-iot 7). Stored in update_events by
// the stable codes below (never translated), shown by the display names.
enum class UpdatePhase : quint8 { Offer, Download, Verify, Install, Reboot };
constexpr int UpdatePhaseCount = 5;

// ok: the phase is done and the next follows; succeeded: the update is complete (the last phase);
// failed and rolled-back end the update; postponed: the device tries again later.
enum class UpdateOutcome : quint8 { Ok, Succeeded, Failed, RolledBack, Postponed };
constexpr int UpdateOutcomeCount = 5;

enum class FailureReason : quint8 {
    None,
    DownloadTimeout,
    DigestMismatch,
    SignatureRefused,
    InsufficientStorage,
    LowBattery,      // postponed, not failed
    InstallFailed,
    BootFailed,      // rolled back (SESIP secure fail)
};
constexpr int FailureReasonCount = 8;

QString updatePhaseCode(UpdatePhase phase); // "offer", "download", ...
std::optional<UpdatePhase> updatePhaseFromCode(const QString &code);
QString updatePhaseDisplayName(UpdatePhase phase);

QString updateOutcomeCode(UpdateOutcome outcome); // "ok", "succeeded", "failed", "rolled-back", "postponed"
std::optional<UpdateOutcome> updateOutcomeFromCode(const QString &code);
QString updateOutcomeDisplayName(UpdateOutcome outcome);

QString failureReasonCode(FailureReason reason); // "", "download-timeout", ...
std::optional<FailureReason> failureReasonFromCode(const QString &code);
QString failureReasonDisplayName(FailureReason reason);

// Display names for stored codes; an unknown code is shown as it is.
QString updatePhaseDisplayName(const QString &code);
QString updateOutcomeDisplayName(const QString &code);
QString failureReasonDisplayName(const QString &code);

} // namespace Patchboard
