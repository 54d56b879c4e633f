// SPDX-License-Identifier: Apache-2.0
#pragma once
// Shared by the rollout tests: a demo fleet with the demo releases (one approved), the embedded
// rollout backend on it, and waiting for its futures.

#include "core/result.h"
#include "domain/rollout.h"
#include "rollout/localrolloutbackend.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFuture>
#include <QString>

#include <memory>

namespace Patchboard::RolloutKit {

// The clock of every rollout test: the fleet's reference date at noon, UTC.
QDate referenceDate();
QDateTime start();

struct Fleet
{
    QString path;
    qint64 approvedRelease = 0;
    int approvedModel = 0;   // its hardware model
    int modelDevices = 0;    // devices of that model
};

// A demo fleet of `devices` in a new database at path, with the demo releases; empty on success.
QString createFleet(const QString &path, int devices, Fleet *fleet);

// Opens the backend on path with the clock at start() (unless the database has one), stopped.
std::unique_ptr<LocalRolloutBackend> openBackend(const QString &path, quint64 seed = 7);

// Waits for a future while the event loop runs (the backend continues on this thread).
template<typename T>
Result<T> wait(QFuture<Result<T>> future, int timeoutMs = 120000)
{
    QElapsedTimer timer;
    timer.start();
    while (!future.isFinished() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!future.isFinished())
        return ServiceError::make(ServiceError::Code::Internal, QStringLiteral("timed out"));
    return future.result();
}

Operator manager();
Operator viewer();

// A plan for the approved release with the default waves and no maintenance window.
RolloutPlan plan(const Fleet &fleet);

} // namespace Patchboard::RolloutKit
