// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QFuture>
#include <QString>

#include <functional>

class QWidget;

namespace Patchboard::CsvExport {

struct Texts
{
    QString title;                      // the progress dialog's window title
    QString label;                      // what is being exported
    std::function<QString(int)> done;   // the status message for N rows written
};

// Shows a window-modal, cancellable progress dialog while an export future runs (Cancel cancels
// the work itself; the backends leave no partial file behind), then reports the outcome through
// status(): written, or cancelled. A failure opens a message box that does not block the GUI.
// finished() runs last in every case. Everything is owned by parent.
void watch(QWidget *parent, const QFuture<Result<int>> &future, int expectedRows,
           const Texts &texts, const std::function<void(const QString &)> &status,
           const std::function<void()> &finished);

} // namespace Patchboard::CsvExport
