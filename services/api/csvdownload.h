// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QFuture>
#include <QString>
#include <QUrlQuery>

namespace Patchboard {

class ApiClient;

// A CSV export of the server, saved to filePath the way the Local backends write theirs: the
// result is the number of records (rows without the header), the progress follows the download
// (bytes), and cancelling the returned future stops the download and leaves no file behind.
// Used by the Remote backends for their export*() calls.
QFuture<Result<int>> downloadCsv(ApiClient *client, const QString &path, const QUrlQuery &query,
                                 const QString &filePath);

namespace CsvRecords {
// Records in an RFC 4180 file with a header row (line breaks inside quoted fields do not count).
Result<int> count(const QString &filePath);
} // namespace CsvRecords

} // namespace Patchboard
