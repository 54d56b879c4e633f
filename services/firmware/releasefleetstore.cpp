// SPDX-License-Identifier: Apache-2.0
#include "releasefleetstore.h"

#include "firmwaresql.h"
#include "storage/epochday.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseFleetStore)
};

using FirmwareSql::fromSeconds;
using FirmwareSql::hex;
using FirmwareSql::seconds;

// Rows of "d.id, d.manufacturer_id, m.name, d.name" (a model and its maker).
QList<FleetModel> readModels(QSqlQuery &q)
{
    QList<FleetModel> list;
    while (q.next())
        list.append(FleetModel{q.value(0).toInt(), q.value(1).toInt(), q.value(2).toString(),
                               q.value(3).toString()});
    return list;
}

// The single value of a "SELECT max(sequence) ..." query; none when no row has one.
std::optional<quint64> readMaxSequence(QSqlQuery &q)
{
    if (!q.next() || q.value(0).isNull())
        return std::nullopt;
    return quint64(q.value(0).toLongLong());
}

} // namespace

Status ReleaseFleetStore::setModels(qint64 id, const QList<int> &modelIds)
{
    QSqlQuery q(m_database.connection());
    for (int model : modelIds) {
        if (const Status ok = FirmwareSql::exec(
                m_database, q,
                QStringLiteral(
                    "INSERT INTO release_models (release_id, model_id) VALUES (?, ?) "
                    "ON CONFLICT DO NOTHING"),
                {id, model}, Tr::tr("store the targeted models"));
            !ok)
            return ok;
        for (TestCaseKind kind : TestPlan::allKinds()) {
            if (const Status ok = FirmwareSql::exec(
                    m_database, q,
                    QStringLiteral("INSERT INTO release_test_results (release_id, "
                                   "model_id, test_case) "
                                   "VALUES (?, ?, ?) ON CONFLICT DO NOTHING"),
                    {id, model, TestPlan::kindName(kind)}, Tr::tr("create the test plan"));
                !ok)
                return ok;
        }
    }
    return Done{};
}

Result<QList<FleetModel>> ReleaseFleetStore::models(qint64 id) const
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT d.id, d.manufacturer_id, m.name, d.name FROM release_models r "
                           "JOIN device_models d ON d.id = r.model_id JOIN manufacturers m ON "
                           "m.id = d.manufacturer_id WHERE r.release_id = ? ORDER BY d.name"),
            {id}, Tr::tr("read the targeted models"));
        !ok)
        return ok.error();
    return readModels(q);
}

Result<TestPlan> ReleaseFleetStore::testPlan(qint64 id) const
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral(
                "SELECT t.model_id, d.name, t.test_case, t.outcome, t.note, t.recorded_by, "
                "t.recorded_at, "
                "t.waived, t.waiver_reason, t.waived_by, t.waived_at FROM release_test_results t "
                "JOIN device_models d ON d.id = t.model_id WHERE t.release_id = ? ORDER BY d.name"),
            {id}, Tr::tr("read the test plan"));
        !ok)
        return ok.error();
    TestPlan plan;
    while (q.next()) {
        TestCaseResult c;
        c.modelId = q.value(0).toInt();
        c.modelName = q.value(1).toString();
        c.kind = TestPlan::kindFromName(q.value(2).toString()).value_or(TestCaseKind::Boot);
        c.outcome = TestPlan::outcomeFromName(q.value(3).toString()).value_or(TestOutcome::Pending);
        c.note = q.value(4).toString();
        c.recordedBy = q.value(5).toString();
        c.recordedAt = fromSeconds(q.value(6));
        c.waived = q.value(7).toBool();
        c.waiverReason = q.value(8).toString();
        c.waivedBy = q.value(9).toString();
        c.waivedAt = fromSeconds(q.value(10));
        plan.cases.append(c);
    }
    // Cases of one model in the fixed order of TestPlan::allKinds().
    const QList<TestCaseKind> order = TestPlan::allKinds();
    std::stable_sort(plan.cases.begin(), plan.cases.end(),
                     [&order](const TestCaseResult &a, const TestCaseResult &b) {
                         if (a.modelName != b.modelName)
                             return a.modelName < b.modelName;
                         return order.indexOf(a.kind) < order.indexOf(b.kind);
                     });
    return plan;
}

Status ReleaseFleetStore::saveTestCase(qint64 id, const TestCaseResult &c)
{
    QSqlQuery q(m_database.connection());
    const Status ok = FirmwareSql::exec(
        m_database, q,
        QStringLiteral(
            "UPDATE release_test_results SET outcome = ?, note = ?, recorded_by = ?, recorded_at = "
            "?, "
            "waived = ?, waiver_reason = ?, waived_by = ?, waived_at = ? WHERE release_id = ? AND "
            "model_id = ? AND test_case = ?"),
        {TestPlan::outcomeName(c.outcome), c.note, c.recordedBy, seconds(c.recordedAt), c.waived,
         c.waiverReason, c.waivedBy, seconds(c.waivedAt), id, c.modelId,
         TestPlan::kindName(c.kind)},
        Tr::tr("store the test result"));
    if (ok && q.numRowsAffected() != 1)
        return ServiceError::make(ServiceError::Code::NotFound,
                                  Tr::tr("Release %1 has no test case %2 for model %3.")
                                      .arg(id)
                                      .arg(TestPlan::kindName(c.kind))
                                      .arg(c.modelId));
    return ok;
}

Result<QList<FleetModel>> ReleaseFleetStore::modelsWithClass(const QByteArray &classId) const
{
    if (classId.isEmpty())
        return QList<FleetModel>(); // never match models whose class ID is unset
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT d.id, d.manufacturer_id, m.name, d.name FROM device_models d "
                           "JOIN manufacturers m ON m.id = d.manufacturer_id WHERE "
                           "lower(d.class_id) = ? ORDER BY d.id"),
            {hex(classId)}, Tr::tr("read the hardware models"));
        !ok)
        return ok.error();
    return readModels(q);
}

Result<std::optional<quint64>> ReleaseFleetStore::highestApprovedSequence(const QByteArray &classId,
                                                                          qint64 excludeId) const
{
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT max(sequence) FROM releases WHERE class_id = ? AND "
                           "state IN ('approved', 'withdrawn') AND id <> ?"),
            {hex(classId), excludeId}, Tr::tr("read the approved releases"));
        !ok)
        return ok.error();
    return readMaxSequence(q);
}

Result<std::optional<quint64>>
ReleaseFleetStore::highestInstalledSequence(const QList<int> &modelIds) const
{
    if (modelIds.isEmpty())
        return std::optional<quint64>();
    QVariantList values;
    for (int id : modelIds)
        values.append(id);
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT max(sequence) FROM firmware_versions WHERE model_id IN (%1)")
                .arg(FirmwareSql::placeholders(values.size())),
            values, Tr::tr("read the firmware versions"));
        !ok)
        return ok.error();
    return readMaxSequence(q);
}

Result<std::optional<PatchLevel>> ReleaseFleetStore::baselinePatchLevel(const QByteArray &classId,
                                                                        const QList<int> &modelIds,
                                                                        qint64 excludeId) const
{
    QVariantList values{hex(classId), excludeId};
    QString installed = QStringLiteral("NULL");
    if (!modelIds.isEmpty()) {
        installed = QStringLiteral(
                        "(SELECT max(patch_level) FROM firmware_versions WHERE model_id IN (%1))")
                        .arg(FirmwareSql::placeholders(modelIds.size()));
        for (int id : modelIds)
            values.append(id);
    }
    QSqlQuery q(m_database.connection());
    if (const Status ok = FirmwareSql::exec(
            m_database, q,
            QStringLiteral("SELECT (SELECT max(patch_level) FROM releases WHERE class_id = ? AND "
                           "state IN ('approved', 'withdrawn') AND id <> ?), %1")
                .arg(installed),
            values, Tr::tr("read the patch levels"));
        !ok)
        return ok.error();
    if (!q.next())
        return std::optional<PatchLevel>();
    std::optional<PatchLevel> best;
    for (int column : {0, 1}) {
        if (q.value(column).isNull())
            continue;
        const PatchLevel level(EpochDay::toDate(q.value(column).toLongLong()));
        if (!best || *best < level)
            best = level;
    }
    return best;
}

} // namespace Patchboard
