// SPDX-License-Identifier: Apache-2.0
#include "rolloutplanner.h"

#include "domain/releasenotes.h"
#include "domain/rolloutrules.h"
#include "firmware/firmwaresql.h"
#include "storage/database.h"
#include "storage/devicesql.h"
#include "storage/epochday.h"
#include "storage/preparedstatement.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>
#include <limits>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::RolloutPlanner)
};

} // namespace

Result<RolloutRelease> RolloutPlanner::readRelease(Database &database, qint64 releaseId)
{
    QSqlQuery q(database.connection());
    if (const Status ok = FirmwareSql::exec(
            database, q,
            QStringLiteral("SELECT version, sequence, patch_level, state, notes FROM releases "
                           "WHERE id = ?"),
            {releaseId}, Tr::tr("read the release"));
        !ok)
        return ok.error();
    if (!q.next())
        return ServiceError::make(ServiceError::Code::NotFound,
                                  Tr::tr("Release %1 does not exist.").arg(releaseId),
                                  Tr::tr("Choose an approved release."));
    RolloutRelease release;
    release.id = releaseId;
    release.version = q.value(0).toString();
    release.sequence = q.value(1).toLongLong();
    if (!q.value(2).isNull())
        release.patchLevel = EpochDay::toDate(q.value(2).toLongLong());
    release.state = ReleaseStates::fromName(q.value(3).toString()).value_or(ReleaseState::Received);
    if (const auto notes = ReleaseNotes::parse(q.value(4).toByteArray()); notes.ok()) {
        release.cves = notes.value().cves();
        release.endUserNotice = notes.value().endUserNotice;
    }
    q.finish();
    if (const Status ok = FirmwareSql::exec(
            database, q,
            QStringLiteral("SELECT model_id FROM release_models WHERE release_id = ? ORDER BY model_id"),
            {releaseId}, Tr::tr("read the release's models"));
        !ok)
        return ok.error();
    while (q.next())
        release.modelIds.append(q.value(0).toInt());
    return release;
}

Result<RolloutPlanner::Planned> RolloutPlanner::plan(Database &database, const RolloutPlan &plan,
                                                     QDate today, quint64 seed, bool keepTargets)
{
    Planned planned;
    RolloutPreview &preview = planned.preview;
    preview.problems = RolloutRules::validatePlan(plan);

    Result<RolloutRelease> release = readRelease(database, plan.releaseId);
    if (!release) {
        if (release.error().code != ServiceError::Code::NotFound)
            return release.error();
        preview.problems.prepend(release.error().message);
        return planned;
    }
    planned.release = release.value();
    const RolloutRelease &r = planned.release;
    if (r.state == ReleaseState::Withdrawn)
        preview.problems.prepend(
            Tr::tr("Release %1 was withdrawn: it must not be rolled out.").arg(r.version));
    else if (r.state != ReleaseState::Approved)
        preview.problems.prepend(Tr::tr("Release %1 is %2, not approved: only approved releases "
                                        "are rolled out.")
                                     .arg(r.version, ReleaseStates::displayNameInSentence(r.state)));

    QList<int> models = r.modelIds;
    if (!plan.targets.modelIds.isEmpty()) {
        for (int model : plan.targets.modelIds) {
            if (!r.modelIds.contains(model))
                preview.problems.append(
                    Tr::tr("Hardware model %1 is not one the release is for.").arg(model));
        }
        models.removeIf([&](int model) { return !plan.targets.modelIds.contains(model); });
    }

    Result<FleetCatalog> catalog = DeviceSql::readCatalog(database);
    if (!catalog)
        return catalog.error();
    QHash<int, const DeviceModel *> modelInfo;
    for (const DeviceModel &model : catalog.value().models)
        modelInfo.insert(model.id, &model);
    QHash<int, qint64> supportEnd; // epoch day of the last supported day
    for (int model : std::as_const(models)) {
        if (const DeviceModel *info = modelInfo.value(model))
            supportEnd.insert(model, EpochDay::fromDate(info->supportEnd()));
    }

    // Devices already in an active rollout.
    std::vector<qint64> busy;
    {
        auto statement = PreparedStatement::prepare(
            database, QStringLiteral("SELECT device_id FROM rollout_targets WHERE active = 1"),
            Tr::tr("read the devices in active rollouts"));
        if (!statement)
            return statement.error();
        if (const Status ok = statement.value().start(); !ok)
            return ok.error();
        while (statement.value().next())
            busy.push_back(statement.value().integer(0));
        if (const Status ok = statement.value().finishRows(); !ok)
            return ok.error();
        std::sort(busy.begin(), busy.end());
    }

    std::vector<qint64> targets;
    std::vector<int> modelOf;
    if (!models.isEmpty()) {
        auto statement = PreparedStatement::prepare(
            database,
            QStringLiteral("SELECT d.id, d.model_id, d.region_id, f.sequence, d.patch_level, "
                           "d.exception_flags FROM devices d JOIN firmware_versions f ON f.id = "
                           "d.firmware_id WHERE d.model_id IN (%1)")
                .arg(FirmwareSql::placeholders(models.size())),
            Tr::tr("read the targeted devices"));
        if (!statement)
            return statement.error();
        PreparedStatement &scan = statement.value();
        for (int i = 0; i < models.size(); ++i)
            scan.bind(i, qint64(models[i]));
        if (const Status ok = scan.start(); !ok)
            return ok.error();
        const qint64 todayDay = EpochDay::fromDate(today);
        const qint64 patchBefore = plan.targets.patchLevelBefore.isValid()
            ? EpochDay::fromDate(plan.targets.patchLevelBefore)
            : std::numeric_limits<qint64>::max();
        const QList<int> &regionIds = plan.targets.regionIds;
        auto regionWanted = [&regionIds](int region) {
            return regionIds.isEmpty() || regionIds.contains(region);
        };
        while (scan.next()) {
            const qint64 id = scan.integer(0);
            const int model = int(scan.integer(1));
            const int region = int(scan.integer(2));
            const qint64 sequence = scan.integer(3);
            const qint64 patchLevel = scan.integer(4);
            const int exceptions = int(scan.integer(5));
            if (sequence >= r.sequence) {
                ++preview.alreadyCurrent;
                continue;
            }
            if (!regionWanted(region) || patchLevel >= patchBefore
                || (plan.targets.sequenceBelow > 0 && sequence >= plan.targets.sequenceBelow)) {
                ++preview.filteredOut;
                continue;
            }
            if (supportEnd.value(model, std::numeric_limits<qint64>::max()) < todayDay) {
                ++preview.unsupported;
                if (!plan.targets.includeUnsupported)
                    continue;
            } else if (exceptions & Rooted) {
                ++preview.rooted;
                if (!plan.targets.includeRooted)
                    continue;
            } else if (exceptions & Ported) {
                ++preview.ported;
                if (!plan.targets.includePorted)
                    continue;
            }
            if (std::binary_search(busy.begin(), busy.end(), id)) {
                ++preview.busy;
                continue;
            }
            targets.push_back(id);
            modelOf.push_back(model);
        }
        if (const Status ok = scan.finishRows(); !ok)
            return ok.error();
    }

    preview.targeted = int(targets.size());
    if (targets.empty() && preview.problems.isEmpty())
        preview.problems.append(
            Tr::tr("No device is targeted: every device of the release's models is excluded "
                   "or filtered out."));
    QString sizeProblem;
    preview.waveSizes = RolloutRules::waveSizes(plan.waves, preview.targeted, &sizeProblem);
    if (!sizeProblem.isEmpty() && !targets.empty())
        preview.problems.append(sizeProblem);

    // Fill waves in popularity order (SSU-SEC-0021).
    const std::vector<quint32> order = RolloutRules::fillOrder(targets, modelOf, seed);
    QHash<int, int> rowOfModel;
    std::vector<quint8> waveOf(targets.size(), 0);
    {
        std::size_t position = 0;
        for (int wave = 0; wave < preview.waveSizes.size(); ++wave) {
            for (int i = 0; i < preview.waveSizes[wave] && position < order.size(); ++i)
                waveOf[order[position++]] = quint8(wave + 1);
        }
    }
    for (quint32 index : order) {
        const int model = modelOf[index];
        auto found = rowOfModel.constFind(model);
        if (found == rowOfModel.constEnd()) {
            RolloutPreview::ModelRow row;
            row.modelId = model;
            if (const DeviceModel *info = modelInfo.value(model)) {
                row.manufacturer = info->manufacturer;
                row.model = info->name;
            }
            row.perWave = QList<int>(preview.waveSizes.size(), 0);
            preview.models.append(row);
            found = rowOfModel.insert(model, int(preview.models.size() - 1));
        }
        RolloutPreview::ModelRow &row = preview.models[*found];
        ++row.devices;
        if (waveOf[index] > 0)
            ++row.perWave[waveOf[index] - 1];
    }

    if (preview.unsupported > 0)
        preview.warnings.append(
            plan.targets.includeUnsupported
                ? Tr::tr("%Ln device(s) past their support end-date are included; they should "
                         "be replaced (SSU-SEC-0040).", nullptr, preview.unsupported)
                : Tr::tr("%Ln device(s) past their support end-date are left out and listed for "
                         "replacement (SSU-SEC-0040).", nullptr, preview.unsupported));
    if (plan.targets.includeRooted && preview.rooted > 0)
        preview.warnings.append(Tr::tr("%Ln rooted or modified device(s) are included.", nullptr,
                                       preview.rooted));
    if (plan.targets.includePorted && preview.ported > 0)
        preview.warnings.append(Tr::tr("%Ln device(s) ported to another operator are included "
                                       "(SSU-TES-0030).", nullptr, preview.ported));
    if (preview.busy > 0)
        preview.warnings.append(Tr::tr("%Ln device(s) are in another active rollout and are "
                                       "left out.", nullptr, preview.busy));

    preview.noticeTitle = plan.notice.title.trimmed().isEmpty()
        ? RolloutRules::defaultNoticeTitle(r.patchLevel)
        : plan.notice.title.trimmed();
    preview.noticeSummary = !plan.notice.summary.trimmed().isEmpty() ? plan.notice.summary.trimmed()
        : !r.endUserNotice.isEmpty()                                 ? r.endUserNotice
                                     : RolloutRules::defaultNoticeSummary(r.cves);
    if (plan.notice.manufacturerFallback && plan.notice.fallbackUrl.trimmed().isEmpty())
        preview.problems.append(Tr::tr("The manufacturer fallback needs the address of the "
                                       "manufacturer's update server."));

    if (keepTargets) {
        planned.devices.reserve(order.size());
        planned.waves.reserve(order.size());
        planned.models.reserve(order.size());
        for (quint32 index : order) {
            planned.devices.push_back(targets[index]);
            planned.waves.push_back(waveOf[index]);
            planned.models.push_back(modelOf[index]);
        }
    }
    return planned;
}

} // namespace Patchboard
