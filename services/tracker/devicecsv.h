// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/device.h"
#include "domain/devicequery.h"
#include "fleetindex.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace Patchboard::DeviceCsv {

// The export's header: stable, English, machine-readable column names.
QStringList header();
// One device as CSV fields (ISO dates, UTC times, stable English keys for states).
QStringList fields(const Device &device);
// A field quoted as RFC 4180 asks; text that a spreadsheet would run as a formula is defused.
QString quote(const QString &field);

// Called every few thousand rows with (written, total); return false to cancel.
using Progress = std::function<bool(int written, int total)>;

// Writes the given rows of index to path, all or nothing (QSaveFile): a failed or cancelled
// export leaves an existing file at path untouched. Returns the number of devices written.
Result<int> write(const QString &path, const FleetIndex &index, const FleetIndex::Rows &rows,
                  const DeviceQuery &query, const Progress &progress = {});

} // namespace Patchboard::DeviceCsv
