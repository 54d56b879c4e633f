// SPDX-License-Identifier: Apache-2.0
#include "releasestate.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages. A class declared with Q_DECLARE_TR_FUNCTIONS
// (rather than a context in a variable, which lupdate cannot read) lets lupdate extract each
// message under the context it is looked up in at run time.
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseState)
};

} // namespace

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
    switch (state) {
    case ReleaseState::Received:
        return Tr::tr("Received");
    case ReleaseState::Verified:
        return Tr::tr("Verified");
    case ReleaseState::Refused:
        return Tr::tr("Refused");
    case ReleaseState::InTesting:
        return Tr::tr("In testing");
    case ReleaseState::Approved:
        return Tr::tr("Approved");
    case ReleaseState::Rejected:
        return Tr::tr("Rejected");
    case ReleaseState::Withdrawn:
        return Tr::tr("Withdrawn");
    }
    return {};
}

QString ReleaseStates::displayNameInSentence(ReleaseState state)
{
    switch (state) {
    case ReleaseState::Received:
        return Tr::tr("received", "within a sentence");
    case ReleaseState::Verified:
        return Tr::tr("verified", "within a sentence");
    case ReleaseState::Refused:
        return Tr::tr("refused", "within a sentence");
    case ReleaseState::InTesting:
        return Tr::tr("in testing", "within a sentence");
    case ReleaseState::Approved:
        return Tr::tr("approved", "within a sentence");
    case ReleaseState::Rejected:
        return Tr::tr("rejected", "within a sentence");
    case ReleaseState::Withdrawn:
        return Tr::tr("withdrawn", "within a sentence");
    }
    return {};
}

} // namespace Patchboard
