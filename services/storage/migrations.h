// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace Patchboard::Migrations {

// The statements that take the schema from version (n - 1) to n, for n in 1..SchemaVersion.
QStringList statementsFor(int version);

} // namespace Patchboard::Migrations
