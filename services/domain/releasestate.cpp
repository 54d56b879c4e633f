// SPDX-License-Identifier: Apache-2.0
#include "releasestate.h"

#include <QCoreApplication>

namespace Patchboard {

bool ReleaseStates::canTransition(ReleaseState from, ReleaseState to)
{
    switch (from) {
    case ReleaseState::Received:
        return to == ReleaseState::Verified || to == ReleaseState::Refused;
    case ReleaseState::Verified:
        return to == ReleaseState::InTesting || to == ReleaseState::Approved
            || to == ReleaseState::Rejected;
    case ReleaseState::InTesting:
        return to == ReleaseState::Approved || to == ReleaseState::Rejected;
    case ReleaseState::Approved:
        return to == ReleaseState::Withdrawn;
    case ReleaseState::Refused:
    case ReleaseState::Rejected:
    case ReleaseState::Withdrawn:
        return false;
    }
    return false;
}

bool ReleaseStates::isDecided(ReleaseState state)
{
    return state == ReleaseState::Refused || state == ReleaseState::Approved
        || state == ReleaseState::Rejected || state == ReleaseState::Withdrawn;
}

bool ReleaseStates::isFinal(ReleaseState state)
{
    return state == ReleaseState::Refused || state == ReleaseState::Rejected
        || state == ReleaseState::Withdrawn;
}

QString ReleaseStates::name(ReleaseState state)
{
    switch (state) {
    case ReleaseState::Received:
        return QStringLiteral("received");
    case ReleaseState::Verified:
        return QStringLiteral("verified");
    case ReleaseState::Refused:
        return QStringLiteral("refused");
    case ReleaseState::InTesting:
        return QStringLiteral("in-testing");
    case ReleaseState::Approved:
        return QStringLiteral("approved");
    case ReleaseState::Rejected:
        return QStringLiteral("rejected");
    case ReleaseState::Withdrawn:
        return QStringLiteral("withdrawn");
    }
    return {};
}

std::optional<ReleaseState> ReleaseStates::fromName(const QString &name)
{
    for (ReleaseState state :
         {ReleaseState::Received, ReleaseState::Verified, ReleaseState::Refused,
          ReleaseState::InTesting, ReleaseState::Approved, ReleaseState::Rejected,
          ReleaseState::Withdrawn}) {
        if (ReleaseStates::name(state) == name)
            return state;
    }
    return std::nullopt;
}

QString ReleaseStates::displayName(ReleaseState state)
{
    const char *context = "Patchboard::ReleaseState";
    switch (state) {
    case ReleaseState::Received:
        return QCoreApplication::translate(context, "Received");
    case ReleaseState::Verified:
        return QCoreApplication::translate(context, "Verified");
    case ReleaseState::Refused:
        return QCoreApplication::translate(context, "Refused");
    case ReleaseState::InTesting:
        return QCoreApplication::translate(context, "In testing");
    case ReleaseState::Approved:
        return QCoreApplication::translate(context, "Approved");
    case ReleaseState::Rejected:
        return QCoreApplication::translate(context, "Rejected");
    case ReleaseState::Withdrawn:
        return QCoreApplication::translate(context, "Withdrawn");
    }
    return {};
}

} // namespace Patchboard
