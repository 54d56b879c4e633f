// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "tracker/localtrackerbackend.h"

#include <QCoreApplication>
#include <QString>

namespace Patchboard {

// The desktop console's command line. Parsing only; main() acts on it.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::CommandLine)
public:
    enum class Page { Devices, Compliance };

    LocalTrackerBackend::Options backend;
    QString screenshotPath; // grab the window to this PNG once the page has loaded, then quit
    Page page = Page::Devices;
    bool quitAfterLoad = false;

    // Returns an empty string when the arguments are usable, else what is wrong with them.
    // --help and --version print and exit inside.
    QString parse(const QStringList &arguments);

    static QString defaultDatabasePath();
};

} // namespace Patchboard
