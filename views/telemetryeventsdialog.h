// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QCheckBox;

namespace Patchboard {

// Asks how to export the update events behind the Telemetry page: with device IDs or with
// pseudonyms in their place (on by default: a reader of the export rarely needs the real IDs,
// IoTSF / GSMA IoT guidelines). Says what is exported and that the pseudonyms' salt is not kept.
class TelemetryEventsDialog : public QDialog
{
    Q_OBJECT
public:
    // what: the scope and range in words ("Rollout November · the last 24 hours up to ...").
    explicit TelemetryEventsDialog(const QString &what, QWidget *parent = nullptr);

    bool pseudonyms() const;
    QCheckBox *pseudonymsBox() const { return m_pseudonyms; }

private:
    QCheckBox *m_pseudonyms = nullptr;
};

} // namespace Patchboard
