// SPDX-License-Identifier: Apache-2.0
#include "releaseworkflow.h"

#include "audit/auditlog.h"
#include "auth/permissions.h"
#include "domain/releaserules.h"
#include "firmwareaudit.h"
#include "firmwaresql.h"
#include "releasechecklist.h"
#include "releasefleetstore.h"
#include "releaseimporter.h"
#include "releasereader.h"
#include "releasestore.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseWorkflow)
};

QString subjectOf(const ReleaseRecord &record)
{
    return QStringLiteral("release %1 (%2)").arg(record.id).arg(record.version);
}

ServiceError needsReason(const QString &what)
{
    return ServiceError::make(
        ServiceError::Code::InvalidArgument,
        Tr::tr("Say why you %1: the reason is recorded with the decision.").arg(what));
}

} // namespace

ReleaseWorkflow::ReleaseWorkflow(Database &database, const QString &storeDir, Clock clock)
    : m_database(database), m_storeDir(storeDir), m_clock(std::move(clock))
{ }

QDateTime ReleaseWorkflow::now() const
{
    return FirmwareAudit::now(m_clock);
}

Status ReleaseWorkflow::audit(const Operator &who, const QString &action, const QString &subject,
                              const QJsonObject &details)
{
    return FirmwareAudit::append(m_database, who, action, subject, details, now());
}

Result<QList<ReleaseSummary>> ReleaseWorkflow::releases(const Operator &who)
{
    if (const Status allowed = Permissions::check(who, Permission::ViewReleases); !allowed)
        return allowed.error();
    const Result<QList<ReleaseRecord>> records = ReleaseStore(m_database).records();
    if (!records)
        return records.error();
    QList<ReleaseSummary> list;
    for (const ReleaseRecord &record : records.value()) {
        Result<ReleaseSummary> s = ReleaseReader::summary(m_database, record, now());
        if (!s)
            return s.error();
        list.append(s.value());
    }
    return list;
}

Result<ReleaseDetail> ReleaseWorkflow::detail(const Operator &who, qint64 id)
{
    if (const Status allowed = Permissions::check(who, Permission::ViewReleases); !allowed)
        return allowed.error();
    return ReleaseReader::detail(
        m_database, id, who.role == OperatorRole::TestEngineer ? who.name : QString(), now());
}

Status ReleaseWorkflow::transition(const Operator &who, const ReleaseRecord &record,
                                   ReleaseState to, const QString &reason, const QString &action,
                                   QJsonObject details)
{
    if (!ReleaseStates::canTransition(record.state, to))
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("Release %1 is %2 and cannot become %3.")
                                      .arg(record.id)
                                      .arg(ReleaseStates::displayNameInSentence(record.state),
                                           ReleaseStates::displayNameInSentence(to)));
    ReleaseStore store(m_database);
    const QDateTime time = now();
    FirmwareSql::Transaction transaction(m_database);
    const QDateTime decided
        = (to == ReleaseState::Approved || to == ReleaseState::Rejected) ? time : record.decided;
    Status ok = store.setState(record.id, to, decided);
    if (ok)
        ok = store.addTransition(record.id,
                                 ReleaseTransition{record.state, to, who.name,
                                                   Operator::roleName(who.role), time, reason});
    details.insert(QStringLiteral("from"), ReleaseStates::name(record.state));
    details.insert(QStringLiteral("to"), ReleaseStates::name(to));
    details.insert(QStringLiteral("reason"), reason);
    // The transition and its audit entry are one transaction: neither exists without the other.
    if (ok) {
        const Result<AuditEntry> entry
            = AuditLog(m_database)
                  .appendWithinTransaction(who.name, Operator::roleName(who.role), action,
                                           subjectOf(record), details, time);
        if (!entry)
            ok = entry.error();
    }
    if (ok)
        ok = transaction.commit(Tr::tr("change the release state"));
    return ok;
}

Result<ReleaseDetail> ReleaseWorkflow::importBundle(const Operator &who, const QString &bundleDir,
                                                    const Sha256::Progress &progress)
{
    if (const Status allowed = Permissions::check(who, Permission::ImportRelease); !allowed)
        return allowed.error();
    const Result<ReleaseImporter::Imported> imported
        = ReleaseImporter::import(m_database, m_storeDir, who, bundleDir, now(), progress);
    if (!imported)
        return imported.error();
    const BundleVerification &v = imported.value().verification;
    QJsonArray failed;
    for (const ReleaseCheck &check : v.checks) {
        if (!check.passed)
            failed.append(check.name);
    }
    const QString subject = QStringLiteral("release %1 (%2)")
                                .arg(imported.value().id)
                                .arg(v.notes ? v.notes->version : QStringLiteral("?"));
    const Status audited
        = audit(who,
                imported.value().state == ReleaseState::Verified ? QStringLiteral("release.verify")
                                                                 : QStringLiteral("release.refuse"),
                subject,
                {{QStringLiteral("bundle"), bundleDir},
                 {QStringLiteral("manifest_digest"), v.manifest.manifestDigest.toHex()},
                 {QStringLiteral("signer"), v.manifest.keyFingerprint},
                 {QStringLiteral("sequence"), QString::number(v.manifest.sequenceNumber)},
                 {QStringLiteral("failed_checks"), failed},
                 {QStringLiteral("reason"), imported.value().reason}});
    if (!audited)
        return audited.error();
    return ReleaseReader::detail(m_database, imported.value().id, who.name, now());
}

Result<ReleaseDetail>
ReleaseWorkflow::changeTestCase(const Operator &who, qint64 id, int modelId, TestCaseKind testCase,
                                const std::function<Status(TestCaseResult &)> &change,
                                const QString &action, const QJsonObject &details)
{
    ReleaseStore store(m_database);
    const Result<ReleaseRecord> record = store.record(id);
    if (!record)
        return record.error();
    if (record.value().state != ReleaseState::Verified
        && record.value().state != ReleaseState::InTesting)
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("Release %1 is %2: its test results can no longer change.")
                .arg(id)
                .arg(ReleaseStates::displayNameInSentence(record.value().state)));
    const Result<TestPlan> plan = ReleaseFleetStore(m_database).testPlan(id);
    if (!plan)
        return plan.error();
    const TestCaseResult *found = plan.value().find(modelId, testCase);
    if (!found)
        return ServiceError::make(
            ServiceError::Code::NotFound,
            Tr::tr("Release %1 does not target hardware model %2.").arg(id).arg(modelId));
    TestCaseResult updated = *found;
    if (const Status ok = change(updated); !ok)
        return ok.error();
    if (const Status ok = ReleaseFleetStore(m_database).saveTestCase(id, updated); !ok)
        return ok.error();
    QJsonObject entry = details;
    entry.insert(QStringLiteral("model"), updated.modelName);
    entry.insert(QStringLiteral("case"), TestPlan::kindName(testCase));
    if (const Status ok = audit(who, action, subjectOf(record.value()), entry); !ok)
        return ok.error();
    // The first result or waiver starts the test phase.
    if (record.value().state == ReleaseState::Verified) {
        if (const Status ok = transition(who, record.value(), ReleaseState::InTesting,
                                         Tr::tr("Testing started: first result recorded."),
                                         QStringLiteral("release.testing"));
            !ok)
            return ok.error();
    }
    return ReleaseReader::detail(m_database, id, who.name, now());
}

Result<ReleaseDetail> ReleaseWorkflow::recordTestResult(const Operator &who, qint64 id, int modelId,
                                                        TestCaseKind testCase, TestOutcome outcome,
                                                        const QString &note)
{
    if (const Status allowed = Permissions::check(who, Permission::RecordTestResult); !allowed)
        return allowed.error();
    if (outcome == TestOutcome::Pending)
        return ServiceError::make(ServiceError::Code::InvalidArgument,
                                  Tr::tr("A test result is passed, failed or blocked."));
    if (outcome != TestOutcome::Passed && note.trimmed().isEmpty())
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("Describe what failed or what blocks the test in the note."));
    const QDateTime time = now();
    return changeTestCase(who, id, modelId, testCase,
                          [&](TestCaseResult &c) -> Status {
                              c.outcome = outcome;
                              c.note = note.trimmed();
                              c.recordedBy = who.name;
                              c.recordedAt = time;
                              // A new result replaces any waiver of the old one.
                              c.waived = false;
                              c.waiverReason.clear();
                              c.waivedBy.clear();
                              c.waivedAt = QDateTime();
                              return Done{};
                          },
                          QStringLiteral("release.test"),
                          {{QStringLiteral("outcome"), TestPlan::outcomeName(outcome)},
                           {QStringLiteral("note"), note.trimmed()}});
}

Result<ReleaseDetail> ReleaseWorkflow::waiveTestCase(const Operator &who, qint64 id, int modelId,
                                                     TestCaseKind testCase, const QString &reason)
{
    if (const Status allowed = Permissions::check(who, Permission::WaiveTestCase); !allowed)
        return allowed.error();
    if (reason.trimmed().isEmpty())
        return needsReason(Tr::tr("waive this test case"));
    const QDateTime time = now();
    return changeTestCase(
        who, id, modelId, testCase,
        [&](TestCaseResult &c) -> Status {
            if (c.outcome == TestOutcome::Passed)
                return ServiceError::make(ServiceError::Code::InvalidArgument,
                                          Tr::tr("The case passed; there is nothing to waive."));
            c.waived = true;
            c.waiverReason = reason.trimmed();
            c.waivedBy = who.name;
            c.waivedAt = time;
            return Done{};
        },
        QStringLiteral("release.waive"), {{QStringLiteral("reason"), reason.trimmed()}});
}

Result<ReleaseDetail> ReleaseWorkflow::approve(const Operator &who, qint64 id,
                                               const QString &reason)
{
    if (const Status allowed = Permissions::check(who, Permission::ApproveRelease); !allowed)
        return allowed.error();
    ReleaseStore store(m_database);
    const Result<ReleaseRecord> record = store.record(id);
    if (!record)
        return record.error();
    if (!ReleaseStates::canTransition(record.value().state, ReleaseState::Approved))
        return ServiceError::make(
            ServiceError::Code::InvalidArgument,
            Tr::tr("Release %1 is %2 and cannot be approved.")
                .arg(id)
                .arg(ReleaseStates::displayNameInSentence(record.value().state)));
    // Never approve on an old verdict: the stored bundle is verified again with the keys trusted
    // now, and the fleet checks are recomputed (SESIP 5.5.4, 5.5.6).
    const BundleVerification verification
        = ReleaseChecklist::verifyStored(m_database, record.value());
    const std::optional<ReleaseNotes> notes = verification.notes;
    const Result<ReleaseChecklist::Policy> policy
        = ReleaseChecklist::policy(m_database, record.value(), notes);
    if (!policy)
        return policy.error();
    const QList<ReleaseCheck> checks = ReleaseChecklist::merge(verification.checks, policy.value());
    if (const Status ok = store.replaceChecks(id, checks, now()); !ok)
        return ok.error();
    const Result<TestPlan> plan = ReleaseFleetStore(m_database).testPlan(id);
    const Result<FirmwareSettings> settings = store.settings();
    if (!plan || !settings)
        return plan ? settings.error() : plan.error();
    const QStringList blockers = ReleaseRules::approvalBlockers(
        record.value().state, checks, plan.value(), settings.value().fourEyes, who.name);
    if (!blockers.isEmpty()) {
        const Status audited
            = audit(who, QStringLiteral("release.approve.refused"), subjectOf(record.value()),
                    {{QStringLiteral("blockers"), QJsonArray::fromStringList(blockers)}});
        if (!audited)
            return audited.error();
        return ServiceError::make(ServiceError::Code::PermissionDenied,
                                  Tr::tr("Release %1 cannot be approved: %2")
                                      .arg(id)
                                      .arg(blockers.join(QStringLiteral(" "))),
                                  Tr::tr("Resolve the items listed, or reject the release."));
    }
    QJsonArray warnings;
    for (const ReleaseCheck &check : checks) {
        if (!check.passed)
            warnings.append(QStringLiteral("%1: %2").arg(check.name, check.reason));
    }
    const TestWindow window = ReleaseRules::testWindow(record.value().received, now(), now());
    const QString why = reason.trimmed().isEmpty()
        ? Tr::tr("Every check passed and every test case passed or was waived.")
        : reason.trimmed();
    if (const Status ok = transition(
            who, record.value(), ReleaseState::Approved, why, QStringLiteral("release.approve"),
            {{QStringLiteral("warnings"), warnings},
             {QStringLiteral("decision_seconds"), double(window.decisionSeconds)},
             {QStringLiteral("within_test_window"), window.decidedWithinWindow}});
        !ok)
        return ok.error();
    return ReleaseReader::detail(m_database, id, who.name, now());
}

Result<ReleaseDetail> ReleaseWorkflow::reject(const Operator &who, qint64 id, const QString &reason)
{
    if (const Status allowed = Permissions::check(who, Permission::RejectRelease); !allowed)
        return allowed.error();
    if (reason.trimmed().isEmpty())
        return needsReason(Tr::tr("reject the release"));
    const Result<ReleaseRecord> record = ReleaseStore(m_database).record(id);
    if (!record)
        return record.error();
    if (const Status ok = transition(who, record.value(), ReleaseState::Rejected, reason.trimmed(),
                                     QStringLiteral("release.reject"));
        !ok)
        return ok.error();
    return ReleaseReader::detail(m_database, id, who.name, now());
}

Result<ReleaseDetail> ReleaseWorkflow::withdraw(const Operator &who, qint64 id,
                                                const QString &reason)
{
    if (const Status allowed = Permissions::check(who, Permission::WithdrawRelease); !allowed)
        return allowed.error();
    if (reason.trimmed().isEmpty())
        return needsReason(Tr::tr("withdraw the release"));
    const Result<ReleaseRecord> record = ReleaseStore(m_database).record(id);
    if (!record)
        return record.error();
    if (const Status ok = transition(who, record.value(), ReleaseState::Withdrawn, reason.trimmed(),
                                     QStringLiteral("release.withdraw"));
        !ok)
        return ok.error();
    return ReleaseReader::detail(m_database, id, who.name, now());
}

} // namespace Patchboard
