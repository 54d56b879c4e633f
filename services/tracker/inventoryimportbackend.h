// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inventoryimport.h"

#include <QFuture>
#include <QObject>
#include <QThreadPool>

#include <memory>

namespace Patchboard {

// Device inventory import for the console, asynchronously: every call runs on one worker thread
// that owns its own connection to the fleet database (like AuditBackend; SQLite in WAL mode lets
// it read beside the rollout simulator, and BEGIN IMMEDIATE with a busy timeout waits for the
// simulator's short write transactions). Results arrive through the futures; continue them with
// .then(context, ...). validate() and run() report progress (0..1000, with a text) and can be
// cancelled; a cancelled import leaves the database unchanged.
class InventoryImportBackend : public QObject
{
    Q_OBJECT
public:
    explicit InventoryImportBackend(QObject *parent = nullptr);
    ~InventoryImportBackend() override;

    // The fleet database file; the connection is opened by the first call that needs it.
    void setDatabasePath(const QString &path);
    QString databasePath() const { return m_path; }
    // Fixes "today" and "now" for the checks (tests, --reference-date); invalid = the clock.
    void setReferenceTime(const QDateTime &now);
    QDateTime referenceTime() const { return m_now; }

    QFuture<Result<InventoryPreview>> inspect(const QString &csvPath);
    // Checks every row; nothing is written. Needs Permission::ImportDevices like run().
    QFuture<Result<InventoryReport>> validate(const Operator &who, const QString &csvPath,
                                              const InventoryMapping &mapping, bool updateExisting);
    // Checks every row and writes them all in one transaction when none has a problem, with the
    // audit entry. devicesImported() follows a successful write.
    QFuture<Result<InventoryReport>> run(const Operator &who, const QString &csvPath,
                                         const InventoryMapping &mapping, bool updateExisting);

Q_SIGNALS:
    // Devices were added or updated: the tracker reloads its fleet index.
    void devicesImported(const Patchboard::InventoryReport &report);

private:
    QFuture<Result<InventoryReport>> start(const Operator *who, const QString &csvPath,
                                           const InventoryMapping &mapping, bool updateExisting);

    struct Worker;
    std::shared_ptr<Worker> m_worker;
    QThreadPool m_pool; // exactly one thread: owns the Database connection
    QString m_path;
    QDateTime m_now;
};

} // namespace Patchboard
