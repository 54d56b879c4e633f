// SPDX-License-Identifier: Apache-2.0
#include "releasebench.h"

#include "demotracker.h"
#include "storage/database.h"

namespace Patchboard {

QString ReleaseBench::setUp(int devices)
{
    dir = std::make_unique<QTemporaryDir>();
    if (!dir->isValid())
        return QStringLiteral("no temporary folder");
    QString error;
    tracker = DemoTracker::open(dir->path(), devices, &error);
    if (!tracker)
        return error;
    databasePath = dir->filePath(QStringLiteral("fleet-%1.db").arg(devices));
    {
        // As the desktop app does on first start: its own connection, closed when done.
        Result<Database> db = Database::open(databasePath);
        if (!db)
            return db.error().text();
        const Result<DemoReleases::Report> created = DemoReleases::create(
            db.value(), databasePath + QStringLiteral(".releases"), received());
        if (!created)
            return created.error().text();
        demo = created.value();
    }
    firmware = std::make_unique<LocalFirmwareBackend>();
    const std::shared_ptr<QDateTime> clock = now;
    const Result<Done> opened = waitFor(firmware->open({databasePath, {}, [clock] {
                                                            return *clock;
                                                        }}));
    if (!opened)
        return opened.error().text();
    audit = std::make_unique<LocalAuditBackend>();
    const Result<AuditVerification> verified = waitFor(audit->open(databasePath));
    if (!verified)
        return verified.error().text();
    openVerification = verified.value();
    return {};
}

void ReleaseBench::tearDown()
{
    audit.reset();
    firmware.reset();
    tracker.reset();
    dir.reset();
}

} // namespace Patchboard
