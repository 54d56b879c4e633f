// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Patchboard {

// The cases an MNO runs on each targeted hardware model before approving (SSU-TES-0010).
enum class TestCaseKind { Boot, VoiceCall, EmergencyCall, Data, Sms, UpdateResume };

enum class TestOutcome { Pending, Passed, Failed, Blocked };

struct TestCaseResult
{
    int modelId = 0;
    QString modelName;
    TestCaseKind kind = TestCaseKind::Boot;
    TestOutcome outcome = TestOutcome::Pending;
    QString note;
    QString recordedBy;
    QDateTime recordedAt;
    // A waiver accepts a case that did not pass, with a reason (recorded and audited).
    bool waived = false;
    QString waiverReason;
    QString waivedBy;
    QDateTime waivedAt;

    bool isDone() const { return outcome == TestOutcome::Passed || waived; }
};

// The test plan of one release: every case for every targeted model.
struct TestPlan
{
    QList<TestCaseResult> cases;

    // Every case passed or was waived (and there is at least one).
    bool isComplete() const;
    // The cases that are neither passed nor waived, as "Aurora A7: emergency call (failed)".
    QStringList openCases() const;
    // Everyone who recorded a result or a waiver: the four-eyes rule keeps them from approving.
    QStringList contributors() const;
    const TestCaseResult *find(int modelId, TestCaseKind kind) const;

    static QList<TestCaseKind> allKinds();
    // "boot", "voice-call", "emergency-call", "data", "sms", "update-resume".
    static QString kindName(TestCaseKind kind);
    static std::optional<TestCaseKind> kindFromName(const QString &name);
    static QString kindDisplayName(TestCaseKind kind);
    // "pending", "passed", "failed", "blocked".
    static QString outcomeName(TestOutcome outcome);
    static std::optional<TestOutcome> outcomeFromName(const QString &name);
    static QString outcomeDisplayName(TestOutcome outcome);
};

} // namespace Patchboard
