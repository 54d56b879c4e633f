// SPDX-License-Identifier: Apache-2.0
#include "suitsequencewalker.h"

#include "suitlabels.h"

#include <QCborMap>

#include <algorithm>

namespace Patchboard {

namespace {

ServiceError sequenceError(const QString &message)
{
    return ServiceError::make(ServiceError::Code::InvalidArgument, message);
}

bool isReportingPolicy(const QCborValue &value)
{
    return value.isInteger() && value.toInteger() >= 0;
}

bool isConditionOrPolicyDirective(qint64 command)
{
    using namespace SuitLabel;
    switch (command) {
    case ConditionVendorIdentifier:
    case ConditionClassIdentifier:
    case ConditionImageMatch:
    case ConditionUseBefore:
    case ConditionCheckContent:
    case ConditionDependencyIntegrity:
    case ConditionIsDependency:
    case ConditionDeviceIdentifier:
    case ConditionImageNotMatch:
    case ConditionMinimumBattery:
    case ConditionUpdateAuthorized:
    case ConditionVersion:
    case DirectiveProcessDependency:
    case DirectiveWrite:
    case DirectiveFetch:
    case DirectiveCopy:
    case DirectiveInvoke:
    case DirectiveWait:
    case DirectiveSwap:
    case DirectiveUnlink:
        return true;
    default:
        return false;
    }
}

} // namespace

SuitSequenceWalker::SuitSequenceWalker(int componentCount, const CborLimits &limits)
    : m_componentCount(componentCount), m_limits(limits)
{ }

QList<SuitSequenceWalker::State> SuitSequenceWalker::initialStates() const
{
    State state;
    state.components.resize(m_componentCount);
    state.deviceSlot.resize(m_componentCount);
    if (m_componentCount > 0)
        state.selected = {0}; // the component index starts at 0
    return {state};
}

Result<QList<SuitSequenceWalker::State>> SuitSequenceWalker::run(const QByteArray &sequence,
                                                                 const QList<State> &inputs)
{
    QList<State> states = inputs;
    const Status ok = walk(sequence, states, 0);
    if (!ok.ok())
        return ok.error();
    return states;
}

Status SuitSequenceWalker::walk(const QByteArray &encoded, QList<State> &states, int depth)
{
    if (depth > MaxDepth)
        return sequenceError(
            QStringLiteral("Command sequences are nested deeper than %1.").arg(MaxDepth));
    Result<QCborValue> decoded = BoundedCbor::decode(encoded, m_limits);
    if (!decoded.ok())
        return sequenceError(
            QStringLiteral("A command sequence is malformed: %1").arg(decoded.error().message));
    // SUIT_Command_Sequence = [+ (label, argument)]
    const QCborArray sequence = decoded.value().toArray();
    if (!decoded.value().isArray() || sequence.isEmpty() || sequence.size() % 2 != 0)
        return sequenceError(QStringLiteral(
            "A command sequence is not a non-empty array of command/argument pairs."));
    for (qsizetype i = 0; i < sequence.size(); i += 2) {
        if (++m_commands > MaxCommands)
            return sequenceError(
                QStringLiteral("The manifest runs more than %1 commands.").arg(MaxCommands));
        if (!sequence.at(i).isInteger())
            return sequenceError(QStringLiteral("A command label is not an integer."));
        const Status ok = apply(sequence.at(i).toInteger(), sequence.at(i + 1), states, depth);
        if (!ok.ok())
            return ok;
    }
    return Done{};
}

Status SuitSequenceWalker::apply(qint64 command, const QCborValue &argument, QList<State> &states,
                                 int depth)
{
    using namespace SuitLabel;
    if (command < 0) {
        // SUIT_Command_Custom = (nint, bstr / tstr / int / nil): vendor-defined, no effect here.
        if (!argument.isByteArray() && !argument.isString() && !argument.isInteger()
            && !argument.isNull())
            return sequenceError(
                QStringLiteral("Custom command %1 has an argument of the wrong type.")
                    .arg(command));
        return Done{};
    }
    switch (command) {
    case DirectiveSetComponentIndex:
        return setComponentIndex(argument, states);
    case DirectiveSetParameters:
        return setParameters(argument, false, states);
    case DirectiveOverrideParameters:
        return setParameters(argument, true, states);
    case DirectiveTryEach:
        return tryEach(argument, states, depth);
    case DirectiveRunSequence:
        if (!argument.isByteArray())
            return sequenceError(
                QStringLiteral("suit-directive-run-sequence needs an encoded sequence."));
        return walk(argument.toByteArray(), states, depth + 1);
    case ConditionAbort:
        if (!isReportingPolicy(argument))
            return sequenceError(QStringLiteral("suit-condition-abort needs a reporting policy."));
        states.clear(); // this way of running the manifest ends here
        return Done{};
    case ConditionComponentSlot: {
        if (!isReportingPolicy(argument))
            return sequenceError(
                QStringLiteral("suit-condition-component-slot needs a reporting policy."));
        QList<State> feasible;
        for (State &state : states) {
            bool holds = true;
            for (int index : std::as_const(state.selected)) {
                const std::optional<quint64> slot = state.components[index].slot;
                if (!slot)
                    continue; // nothing to compare yet: the branch stays possible
                if (!state.deviceSlot[index])
                    state.deviceSlot[index] = slot;
                else if (*state.deviceSlot[index] != *slot)
                    holds = false;
            }
            if (holds)
                feasible.append(std::move(state));
        }
        states = std::move(feasible);
        return Done{};
    }
    default:
        if (isConditionOrPolicyDirective(command)) {
            if (!isReportingPolicy(argument))
                return sequenceError(
                    QStringLiteral("Command %1 needs a reporting policy (an unsigned integer).")
                        .arg(command));
            return Done{};
        }
        return sequenceError(QStringLiteral("Unknown SUIT command %1.").arg(command));
    }
}

Status SuitSequenceWalker::setComponentIndex(const QCborValue &argument, QList<State> &states) const
{
    // IndexArg = uint / bool / [+ uint]; true selects every component, false none.
    QList<int> selected;
    if (argument.isBool()) {
        if (argument.toBool()) {
            for (int i = 0; i < m_componentCount; ++i)
                selected.append(i);
        }
    } else if (argument.isInteger()) {
        selected.append(int(std::clamp<qint64>(argument.toInteger(), -1, m_componentCount)));
    } else if (argument.isArray() && !argument.toArray().isEmpty()) {
        for (const QCborValue &index : argument.toArray()) {
            if (!index.isInteger())
                return sequenceError(QStringLiteral("A component index is not an integer."));
            selected.append(int(std::clamp<qint64>(index.toInteger(), -1, m_componentCount)));
        }
    } else {
        return sequenceError(QStringLiteral(
            "suit-directive-set-component-index has an argument of the wrong type."));
    }
    for (int index : std::as_const(selected)) {
        if (index < 0 || index >= m_componentCount)
            return sequenceError(
                QStringLiteral("A component index is outside the %1 declared component(s).")
                    .arg(m_componentCount));
    }
    for (State &state : states)
        state.selected = selected;
    return Done{};
}

Status SuitSequenceWalker::setParameters(const QCborValue &argument, bool override,
                                         QList<State> &states) const
{
    using namespace SuitLabel;
    if (!argument.isMap() || argument.toMap().isEmpty()
        || BoundedCbor::hasDuplicateKeys(argument.toMap()))
        return sequenceError(
            QStringLiteral("A parameter directive needs a non-empty map without repeated keys."));
    Parameters update;
    QList<qint64> keys;
    const QCborMap map = argument.toMap();
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.key().isInteger())
            return sequenceError(QStringLiteral("A parameter label is not an integer."));
        const qint64 key = it.key().toInteger();
        // The vendor identifier may also be a CBOR PEN, #6.112(bstr).
        const QCborValue value = (key == ParameterVendorIdentifier && it.value().isTag())
            ? it.value().taggedValue()
            : it.value();
        switch (key) {
        case ParameterVendorIdentifier:
        case ParameterClassIdentifier:
            if (!value.isByteArray())
                return sequenceError(QStringLiteral("Parameter %1 is not a byte string.").arg(key));
            (key == ParameterVendorIdentifier ? update.vendorId : update.classId)
                = value.toByteArray();
            break;
        case ParameterImageDigest: {
            if (!value.isByteArray())
                return sequenceError(QStringLiteral(
                    "suit-parameter-image-digest is not a bstr-wrapped SUIT_Digest."));
            Result<SuitDigest> digest = SuitDigest::fromEncoded(value.toByteArray());
            if (!digest.ok())
                return sequenceError(
                    QStringLiteral("suit-parameter-image-digest: %1").arg(digest.error().message));
            update.digest = digest.value();
            break;
        }
        case ParameterImageSize:
        case ParameterComponentSlot:
            if (!value.isInteger() || value.toInteger() < 0)
                return sequenceError(
                    QStringLiteral("Parameter %1 is not an unsigned integer.").arg(key));
            (key == ParameterImageSize ? update.size : update.slot) = quint64(value.toInteger());
            break;
        case ParameterUri:
            if (!value.isString())
                return sequenceError(QStringLiteral("suit-parameter-uri is not text."));
            update.uri = value.toString();
            break;
        default:
            continue; // other parameters do not change what the report shows
        }
        keys.append(key);
    }
    for (State &state : states) {
        for (int index : std::as_const(state.selected)) {
            Parameters &p = state.components[index];
            // suit-directive-set-parameters only fills parameters that are not set yet.
            for (qint64 key : std::as_const(keys)) {
                switch (key) {
                case ParameterVendorIdentifier:
                    if (override || p.vendorId.isEmpty())
                        p.vendorId = update.vendorId;
                    break;
                case ParameterClassIdentifier:
                    if (override || p.classId.isEmpty())
                        p.classId = update.classId;
                    break;
                case ParameterImageDigest:
                    if (override || !p.digest)
                        p.digest = update.digest;
                    break;
                case ParameterImageSize:
                    if (override || !p.size)
                        p.size = update.size;
                    break;
                case ParameterComponentSlot:
                    if (override || !p.slot)
                        p.slot = update.slot;
                    break;
                case ParameterUri:
                    if (override || p.uri.isEmpty())
                        p.uri = update.uri;
                    break;
                default:
                    break;
                }
            }
        }
    }
    return Done{};
}

Status SuitSequenceWalker::tryEach(const QCborValue &argument, QList<State> &states, int depth)
{
    // SUIT_Directive_Try_Each_Argument = [2* bstr .cbor SUIT_Command_Sequence, ? nil]
    if (!argument.isArray() || argument.toArray().isEmpty())
        return sequenceError(
            QStringLiteral("suit-directive-try-each needs an array of sequences."));
    const QCborArray branches = argument.toArray();
    QList<State> outcomes;
    for (qsizetype i = 0; i < branches.size(); ++i) {
        const QCborValue branch = branches.at(i);
        QList<State> branchStates = states;
        if (branch.isNull() && i == branches.size() - 1) {
            // a trailing nil: "if no sequence succeeds, carry on unchanged"
        } else if (branch.isByteArray()) {
            const Status ok = walk(branch.toByteArray(), branchStates, depth + 1);
            if (!ok.ok())
                return ok;
        } else {
            return sequenceError(
                QStringLiteral("A suit-directive-try-each branch is not an encoded sequence."));
        }
        outcomes.append(branchStates);
        if (outcomes.size() > MaxAlternatives)
            return sequenceError(QStringLiteral("The manifest has more than %1 alternative paths.")
                                     .arg(MaxAlternatives));
    }
    states = std::move(outcomes);
    return Done{};
}

void SuitSequenceWalker::collectImages(const QList<State> &states, QList<SuitComponent> &components)
{
    for (const State &state : states) {
        for (qsizetype c = 0; c < state.components.size() && c < components.size(); ++c) {
            const Parameters &p = state.components[c];
            SuitComponent &component = components[c];
            if (component.vendorId.isEmpty())
                component.vendorId = p.vendorId;
            if (component.classId.isEmpty())
                component.classId = p.classId;
            if (!p.digest && !p.size)
                continue;
            auto same = [&p](const SuitImage &image) {
                return image.slot == p.slot && image.digest == p.digest
                    && (image.size == p.size || !image.size || !p.size);
            };
            auto it = std::find_if(component.images.begin(), component.images.end(), same);
            if (it == component.images.end()) {
                component.images.append(SuitImage{p.slot, p.digest, p.size, p.uri});
                continue;
            }
            if (!it->size)
                it->size = p.size;
            if (it->uri.isEmpty())
                it->uri = p.uri;
        }
    }
}

} // namespace Patchboard
