// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "tracker/localtrackerbackend.h"

#include <memory>

namespace Patchboard::DemoTracker {

// The reference date every model and view test computes patch ages against.
QDate referenceDate();

// Opens a LocalTrackerBackend on a seeded demo fleet in a new file under directory and waits
// until its in-memory index is ready, so that tests see the fast path the GUI uses. Returns null
// (and sets error) when opening failed.
std::unique_ptr<LocalTrackerBackend> open(const QString &directory, int devices, QString *error);

} // namespace Patchboard::DemoTracker
