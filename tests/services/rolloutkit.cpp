// SPDX-License-Identifier: Apache-2.0
#include "rolloutkit.h"

#include "firmware/demoreleases.h"
#include "simulation/demofleetgenerator.h"
#include "storage/database.h"

#include <QSqlQuery>

namespace Patchboard::RolloutKit {

QDate referenceDate()
{
    return QDate(2026, 11, 2);
}

QDateTime start()
{
    return QDateTime(referenceDate(), QTime(12, 0), Qt::UTC);
}

QString createFleet(const QString &path, int devices, Fleet *fleet)
{
    Result<Database> database = Database::open(path);
    if (!database)
        return database.error().text();
    DemoFleetOptions options;
    options.devices = devices;
    options.seed = 11;
    options.referenceDate = referenceDate();
    if (const Status ok = DemoFleetGenerator(options).generate(database.value()); !ok)
        return ok.error().text();
    const Result<DemoReleases::Report> releases =
        DemoReleases::create(database.value(), path + QStringLiteral(".releases"), start().addDays(-3));
    if (!releases)
        return releases.error().text();
    fleet->path = path;
    fleet->approvedRelease = releases.value().approvedReleaseId;
    QSqlQuery q(database.value().connection());
    q.prepare(QStringLiteral("SELECT model_id, (SELECT count(*) FROM devices d WHERE d.model_id = "
                             "r.model_id) FROM release_models r WHERE release_id = ?"));
    q.addBindValue(fleet->approvedRelease);
    if (!q.exec() || !q.next())
        return QStringLiteral("the approved demo release has no model");
    fleet->approvedModel = q.value(0).toInt();
    fleet->modelDevices = q.value(1).toInt();
    return {};
}

std::unique_ptr<LocalRolloutBackend> openBackend(const QString &path, quint64 seed)
{
    auto backend = std::make_unique<LocalRolloutBackend>();
    LocalRolloutBackend::Options options;
    options.databasePath = path;
    options.seed = seed;
    options.clockStart = start();
    options.running = false;
    const Result<Done> opened = wait(backend->open(options));
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().text()));
        return nullptr;
    }
    return backend;
}

Operator manager()
{
    return Operator{QStringLiteral("rita"), OperatorRole::RolloutManager};
}

Operator viewer()
{
    return Operator{QStringLiteral("vic"), OperatorRole::Viewer};
}

RolloutPlan plan(const Fleet &fleet)
{
    RolloutPlan p;
    p.releaseId = fleet.approvedRelease;
    p.name = QStringLiteral("test rollout");
    p.waves = RolloutPlan::defaultWaves();
    p.window.enabled = false;
    return p;
}

} // namespace Patchboard::RolloutKit
