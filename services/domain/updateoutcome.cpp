// SPDX-License-Identifier: Apache-2.0
#include "updateoutcome.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages (see releasestate.cpp for why a class).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::UpdateOutcome)
};

// Finds the enum value whose stable code is `code` by trying every value in order.
template<typename Enum, typename CodeOf>
std::optional<Enum> fromCode(const QString &code, int count, CodeOf codeOf)
{
    for (int i = 0; i < count; ++i) {
        const auto value = Enum(i);
        if (codeOf(value) == code)
            return value;
    }
    return std::nullopt;
}

} // namespace

QString updatePhaseCode(UpdatePhase phase)
{
    switch (phase) {
    case UpdatePhase::Offer:
        return QStringLiteral("offer");
    case UpdatePhase::Download:
        return QStringLiteral("download");
    case UpdatePhase::Verify:
        return QStringLiteral("verify");
    case UpdatePhase::Install:
        return QStringLiteral("install");
    case UpdatePhase::Reboot:
        return QStringLiteral("reboot");
    }
    return {};
}

std::optional<UpdatePhase> updatePhaseFromCode(const QString &code)
{
    return fromCode<UpdatePhase>(code, UpdatePhaseCount, updatePhaseCode);
}

QString updatePhaseDisplayName(UpdatePhase phase)
{
    switch (phase) {
    case UpdatePhase::Offer:
        return Tr::tr("Offer");
    case UpdatePhase::Download:
        return Tr::tr("Download");
    case UpdatePhase::Verify:
        return Tr::tr("Verify");
    case UpdatePhase::Install:
        return Tr::tr("Install");
    case UpdatePhase::Reboot:
        return Tr::tr("Reboot");
    }
    return {};
}

QString updateOutcomeCode(UpdateOutcome outcome)
{
    switch (outcome) {
    case UpdateOutcome::Ok:
        return QStringLiteral("ok");
    case UpdateOutcome::Succeeded:
        return QStringLiteral("succeeded");
    case UpdateOutcome::Failed:
        return QStringLiteral("failed");
    case UpdateOutcome::RolledBack:
        return QStringLiteral("rolled-back");
    case UpdateOutcome::Postponed:
        return QStringLiteral("postponed");
    }
    return {};
}

std::optional<UpdateOutcome> updateOutcomeFromCode(const QString &code)
{
    return fromCode<UpdateOutcome>(code, UpdateOutcomeCount, updateOutcomeCode);
}

QString updateOutcomeDisplayName(UpdateOutcome outcome)
{
    switch (outcome) {
    case UpdateOutcome::Ok:
        return Tr::tr("OK");
    case UpdateOutcome::Succeeded:
        return Tr::tr("Succeeded");
    case UpdateOutcome::Failed:
        return Tr::tr("Failed");
    case UpdateOutcome::RolledBack:
        return Tr::tr("Rolled back");
    case UpdateOutcome::Postponed:
        return Tr::tr("Postponed");
    }
    return {};
}

QString failureReasonCode(FailureReason reason)
{
    switch (reason) {
    case FailureReason::None:
        return QString(); // stored as the empty string: most events have no reason
    case FailureReason::DownloadTimeout:
        return QStringLiteral("download-timeout");
    case FailureReason::DigestMismatch:
        return QStringLiteral("digest-mismatch");
    case FailureReason::SignatureRefused:
        return QStringLiteral("signature-refused");
    case FailureReason::InsufficientStorage:
        return QStringLiteral("insufficient-storage");
    case FailureReason::LowBattery:
        return QStringLiteral("low-battery");
    case FailureReason::InstallFailed:
        return QStringLiteral("install-failed");
    case FailureReason::BootFailed:
        return QStringLiteral("boot-failed");
    }
    return {};
}

std::optional<FailureReason> failureReasonFromCode(const QString &code)
{
    // A null and an empty string both mean "no reason" (a NULL column reads as a null QString).
    if (code.isEmpty())
        return FailureReason::None;
    return fromCode<FailureReason>(code, FailureReasonCount, failureReasonCode);
}

QString failureReasonDisplayName(FailureReason reason)
{
    switch (reason) {
    case FailureReason::None:
        return QString(); // nothing to show in a reason column
    case FailureReason::DownloadTimeout:
        return Tr::tr("Download timed out");
    case FailureReason::DigestMismatch:
        return Tr::tr("Digest mismatch");
    case FailureReason::SignatureRefused:
        return Tr::tr("Signature refused");
    case FailureReason::InsufficientStorage:
        return Tr::tr("Insufficient storage");
    case FailureReason::LowBattery:
        return Tr::tr("Low battery");
    case FailureReason::InstallFailed:
        return Tr::tr("Install failed");
    case FailureReason::BootFailed:
        return Tr::tr("Boot failed");
    }
    return {};
}

QString updatePhaseDisplayName(const QString &code)
{
    const std::optional<UpdatePhase> phase = updatePhaseFromCode(code);
    return phase ? updatePhaseDisplayName(*phase) : code;
}

QString updateOutcomeDisplayName(const QString &code)
{
    const std::optional<UpdateOutcome> outcome = updateOutcomeFromCode(code);
    return outcome ? updateOutcomeDisplayName(*outcome) : code;
}

QString failureReasonDisplayName(const QString &code)
{
    const std::optional<FailureReason> reason = failureReasonFromCode(code);
    return reason ? failureReasonDisplayName(*reason) : code;
}

} // namespace Patchboard
