// SPDX-License-Identifier: Apache-2.0
#pragma once
// The database step of bench_devicebrowser: a generated fleet file of the requested size, and
// the generation rate.

#include <QString>

namespace Patchboard::Bench {

class Report;

// The --build-only mode: generates a fleet of `devices` at path (replacing the file) and prints
// build_database_<size> and generate_devices_per_s. Returns the program's exit status.
int buildOnly(qint64 devices, const QString &path);

// Reuses path when it is a generated bench fleet of the right size (and then measures the
// generation rate on a 100k-device sample), else generates it. Generation runs in a child
// process (--build-only) whose figures are passed on to report.
void provideFleet(Report &report, qint64 devices, const QString &path);

} // namespace Patchboard::Bench
