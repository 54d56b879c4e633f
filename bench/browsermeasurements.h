// SPDX-License-Identifier: Apache-2.0
#pragma once
// The model-driven measurements of bench_devicebrowser: a LocalTrackerBackend on the fleet file
// and the DeviceTableModel over it, driven by the event loop the way the device page drives it.

#include "devicebrowserbench.h"

#include <QList>
#include <QString>

namespace Patchboard::Bench {

class Report;

// What the model-driven measurements leave for the plain-SQL baseline and the targets.
struct BrowserRun
{
    FleetCatalog catalog;
    QList<FilterKind> kinds;
    int repeat = 0; // runs per filter kind
    // The model's match count of repeat i of kind k at i * kinds.size() + k (device-ID order).
    QList<int> filterMatches;
    Worst changeWorst; // every filter or sort change, p95
};

// Opens the fleet file (cold, then openRepeat times warm), then changes filters and sorts and
// scrolls, `repeat` runs per figure. Prints open_to_*, rss_after_index_ready_mb, filter_*,
// sort_*, scroll_window and peak_rss_browse_mb, and adds the first-rows target.
BrowserRun measureBrowser(Report &report, const QString &path, qint64 devices, int repeat,
                          int openRepeat);

} // namespace Patchboard::Bench
