// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "result.h"

#include <QFuture>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <type_traits>
#include <utility>

namespace Patchboard {

// Runs fn on pool and returns its result as a future. Unlike QtConcurrent::run, a thread that
// waits on this future can never steal the task and run it itself: the task runs on the pool's
// thread, which (in the Local backends) owns the SQLite connection. fn gets the promise for
// progress and cancellation when it takes one.
template<typename T, typename Fn>
QFuture<Result<T>> startOn(QThreadPool &pool, Fn fn)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    QFuture<Result<T>> future = promise->future();
    promise->start();
    pool.start([promise, fn = std::move(fn)]() mutable {
        if constexpr (std::is_invocable_v<Fn, QPromise<Result<T>> &>)
            promise->addResult(fn(*promise));
        else
            promise->addResult(fn());
        promise->finish();
    });
    return future;
}

} // namespace Patchboard
