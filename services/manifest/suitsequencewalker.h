// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "crypto/boundedcbor.h"
#include "manifestverification.h"
#include "suitdigest.h"

#include <QByteArray>
#include <QCborArray>
#include <QList>

#include <optional>

namespace Patchboard {

// Reads SUIT command sequences (draft-ietf-suit-manifest section 8.4.10) the way a Recipient
// would, without a device: it tracks the parameters each component ends up with, and follows
// every branch of suit-directive-try-each. The device's slot is an unknown that the first
// suit-condition-component-slot fixes, so a branch that later requires another slot is dropped;
// that is how an A/B manifest yields one image per slot. Every sequence is bounded (depth,
// commands, alternatives) and every argument type is checked.
class SuitSequenceWalker
{
public:
    struct Parameters
    {
        QByteArray vendorId;
        QByteArray classId;
        std::optional<SuitDigest> digest;
        std::optional<quint64> size;
        std::optional<quint64> slot;
        QString uri;
    };

    // One way the sequences can run.
    struct State
    {
        QList<Parameters> components;
        QList<int> selected; // suit-directive-set-component-index
        QList<std::optional<quint64>> deviceSlot; // fixed by the first component-slot condition
    };

    static constexpr int MaxDepth = 8; // nested try-each / run-sequence
    static constexpr int MaxAlternatives = 64; // states alive at once
    static constexpr int MaxCommands = 4096; // commands executed in total

    explicit SuitSequenceWalker(int componentCount, const CborLimits &limits = {});

    QList<State> initialStates() const;
    // Runs an encoded SUIT_Command_Sequence from each input state; returns the states it can end
    // in.
    Result<QList<State>> run(const QByteArray &sequence, const QList<State> &inputs);

    // Images per component from the states, merged by (slot, digest); uri filled when known.
    static void collectImages(const QList<State> &states, QList<SuitComponent> &components);

private:
    Status walk(const QByteArray &encoded, QList<State> &states, int depth);
    Status apply(qint64 command, const QCborValue &argument, QList<State> &states, int depth);
    Status setParameters(const QCborValue &argument, bool override, QList<State> &states) const;
    Status setComponentIndex(const QCborValue &argument, QList<State> &states) const;
    Status tryEach(const QCborValue &argument, QList<State> &states, int depth);

    int m_componentCount;
    CborLimits m_limits;
    int m_commands = 0;
};

} // namespace Patchboard
