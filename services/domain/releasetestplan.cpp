// SPDX-License-Identifier: Apache-2.0
#include "releasetestplan.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

// The translation context of this file's messages. A class declared with Q_DECLARE_TR_FUNCTIONS
// (rather than a context in a variable, which lupdate cannot read) lets lupdate extract each
// message under the context it is looked up in at run time.
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::TestPlan)
};

} // namespace

bool TestPlan::isComplete() const
{
    if (cases.isEmpty())
        return false;
    for (const TestCaseResult &c : cases) {
        if (!c.isDone())
            return false;
    }
    return true;
}

QStringList TestPlan::openCases() const
{
    QStringList open;
    for (const TestCaseResult &c : cases) {
        if (!c.isDone())
            open.append(
                QStringLiteral("%1: %2 (%3)")
                    .arg(c.modelName, kindDisplayName(c.kind), outcomeDisplayName(c.outcome)));
    }
    return open;
}

QStringList TestPlan::contributors() const
{
    QStringList names;
    for (const TestCaseResult &c : cases) {
        for (const QString &name : {c.recordedBy, c.waivedBy}) {
            if (!name.isEmpty() && !names.contains(name))
                names.append(name);
        }
    }
    return names;
}

const TestCaseResult *TestPlan::find(int modelId, TestCaseKind kind) const
{
    for (const TestCaseResult &c : cases) {
        if (c.modelId == modelId && c.kind == kind)
            return &c;
    }
    return nullptr;
}

QList<TestCaseKind> TestPlan::allKinds()
{
    return {TestCaseKind::Boot, TestCaseKind::VoiceCall, TestCaseKind::EmergencyCall,
            TestCaseKind::Data, TestCaseKind::Sms,       TestCaseKind::UpdateResume};
}

QString TestPlan::kindName(TestCaseKind kind)
{
    switch (kind) {
    case TestCaseKind::Boot:
        return QStringLiteral("boot");
    case TestCaseKind::VoiceCall:
        return QStringLiteral("voice-call");
    case TestCaseKind::EmergencyCall:
        return QStringLiteral("emergency-call");
    case TestCaseKind::Data:
        return QStringLiteral("data");
    case TestCaseKind::Sms:
        return QStringLiteral("sms");
    case TestCaseKind::UpdateResume:
        return QStringLiteral("update-resume");
    }
    return {};
}

std::optional<TestCaseKind> TestPlan::kindFromName(const QString &name)
{
    for (TestCaseKind kind : allKinds()) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString TestPlan::kindDisplayName(TestCaseKind kind)
{
    switch (kind) {
    case TestCaseKind::Boot:
        return Tr::tr("Boot");
    case TestCaseKind::VoiceCall:
        return Tr::tr("Voice call");
    case TestCaseKind::EmergencyCall:
        return Tr::tr("Emergency call");
    case TestCaseKind::Data:
        return Tr::tr("Data");
    case TestCaseKind::Sms:
        return Tr::tr("SMS");
    case TestCaseKind::UpdateResume:
        return Tr::tr("Update resume after power loss");
    }
    return {};
}

QString TestPlan::outcomeName(TestOutcome outcome)
{
    switch (outcome) {
    case TestOutcome::Pending:
        return QStringLiteral("pending");
    case TestOutcome::Passed:
        return QStringLiteral("passed");
    case TestOutcome::Failed:
        return QStringLiteral("failed");
    case TestOutcome::Blocked:
        return QStringLiteral("blocked");
    }
    return {};
}

std::optional<TestOutcome> TestPlan::outcomeFromName(const QString &name)
{
    for (TestOutcome outcome :
         {TestOutcome::Pending, TestOutcome::Passed, TestOutcome::Failed, TestOutcome::Blocked}) {
        if (outcomeName(outcome) == name)
            return outcome;
    }
    return std::nullopt;
}

QString TestPlan::outcomeDisplayName(TestOutcome outcome)
{
    switch (outcome) {
    case TestOutcome::Pending:
        return Tr::tr("pending");
    case TestOutcome::Passed:
        return Tr::tr("passed");
    case TestOutcome::Failed:
        return Tr::tr("failed");
    case TestOutcome::Blocked:
        return Tr::tr("blocked");
    }
    return {};
}

} // namespace Patchboard
