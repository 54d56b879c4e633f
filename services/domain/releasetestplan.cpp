// SPDX-License-Identifier: Apache-2.0
#include "releasetestplan.h"

#include <QCoreApplication>

namespace Patchboard {

namespace {

const char *const context = "Patchboard::TestPlan";

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
        return QCoreApplication::translate(context, "Boot");
    case TestCaseKind::VoiceCall:
        return QCoreApplication::translate(context, "Voice call");
    case TestCaseKind::EmergencyCall:
        return QCoreApplication::translate(context, "Emergency call");
    case TestCaseKind::Data:
        return QCoreApplication::translate(context, "Data");
    case TestCaseKind::Sms:
        return QCoreApplication::translate(context, "SMS");
    case TestCaseKind::UpdateResume:
        return QCoreApplication::translate(context, "Update resume after power loss");
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
        return QCoreApplication::translate(context, "pending");
    case TestOutcome::Passed:
        return QCoreApplication::translate(context, "passed");
    case TestOutcome::Failed:
        return QCoreApplication::translate(context, "failed");
    case TestOutcome::Blocked:
        return QCoreApplication::translate(context, "blocked");
    }
    return {};
}

} // namespace Patchboard
