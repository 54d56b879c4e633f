// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

class QAbstractItemModel;

namespace Patchboard {

class TelemetryChartView;

// Saving a Telemetry chart: as a picture (PNG, what is on screen), as a drawing (SVG, with the
// chart's title and text summary in <title> and <desc>), or its numbers (CSV). Files are written
// through QSaveFile: a failed save leaves no partial file and keeps an older one.
namespace TelemetryExport {

// RFC 4180: a header row of the model's column titles, then a row per model row, CRLF line ends,
// UTF-8, fields with a comma, a quote or a line break quoted (quotes doubled). Values are the raw
// ones of the model's SortRole where that is a number (C locale, "." decimal point) or a
// timestamp (ISO 8601, UTC); text as displayed. A rate without results is an empty field.
QByteArray csv(const QAbstractItemModel *model, int sortRole);
QString csvField(const QString &text);

Result<int> saveCsv(const QAbstractItemModel *model, int sortRole, const QString &path);
Status savePng(TelemetryChartView *chart, const QString &path);
Status saveSvg(TelemetryChartView *chart, const QString &path);

} // namespace TelemetryExport

} // namespace Patchboard
