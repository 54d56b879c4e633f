// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

namespace Patchboard::KnownFleet {

// A small fleet whose every answer is known by hand, written with plain SQL into a new
// Patchboard database at path. "Today" for it is referenceDate().
//
// models: 1 Acme One   (ends 2022-12-31: ended)
//         2 Acme Two   (ends 2026-12-31: ends within 90 days)
//         3 Beta Max   (ends 2029-12-31: supported)
// devices (id, model, region, patch level, state, exceptions):
//   350000000000001  1 DE 2022-06-05 idle    rooted
//   350000000000019  2 DE 2026-10-01 idle    -
//   350000000000027  2 JP 2026-10-01 failed  ported
//   351111111111110  3 JP 2026-09-05 idle    -
//   351111111111128  3 DE 2025-03-01 postponed rooted+ported
//   HLX-00000001     3 JP 2025-03-01 idle    -
//   AB%_1            1 DE 2022-06-05 idle    -
//   ABC1             1 JP 2022-06-05 idle    -
//   AB_X             1 DE 2022-06-05 idle    -
QDate referenceDate();
QStringList allDeviceIds();
// Returns an empty string on success, else what failed.
QString create(const QString &path);

} // namespace Patchboard::KnownFleet
