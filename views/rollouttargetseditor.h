// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/devicemodel.h"
#include "domain/devicequery.h"
#include "domain/release.h"
#include "domain/rollout.h"

#include <QWidget>

class QCheckBox;
class QDateEdit;
class QListWidget;
class QSpinBox;

namespace Patchboard {

// Which devices a rollout is for: the release's models and the fleet's regions (checkable; all
// checked means all), an optional patch level and firmware sequence to stay below, and the
// exceptions that are left out unless the operator includes them (SSU-TES-0030: rooted and
// ported devices; SSU-SEC-0040: devices past their support end).
class RolloutTargetsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutTargetsEditor(QWidget *parent = nullptr);

    // The regions and the models as the Status Tracker knows them.
    void setCatalog(const FleetCatalog &catalog);
    // The release's models (all checked) and its patch level and sequence as the defaults of the
    // two optional filters; null: no release.
    void setRelease(const ReleaseSummary *release);

    RolloutTargetFilter filter() const;
    // Why the targets cannot be used (no model or no region checked), for the operator.
    QStringList problems() const;
    // The devices of the targeted models (and region, if one) past their support end.
    DeviceFilter unsupportedDevicesFilter() const;

    QListWidget *modelList() const { return m_models; }
    QListWidget *regionList() const { return m_regions; }
    QCheckBox *patchLevelCheck() const { return m_patchCheck; }
    QDateEdit *patchLevelEdit() const { return m_patchLevel; }
    QCheckBox *sequenceCheck() const { return m_sequenceCheck; }
    QSpinBox *sequenceSpin() const { return m_sequence; }
    QCheckBox *includeRootedCheck() const { return m_rooted; }
    QCheckBox *includePortedCheck() const { return m_ported; }
    QCheckBox *includeUnsupportedCheck() const { return m_unsupported; }

Q_SIGNALS:
    void changed();

private:
    void fillModels();

    FleetCatalog m_catalog;
    QStringList m_releaseModels;
    QListWidget *m_models = nullptr;
    QListWidget *m_regions = nullptr;
    QCheckBox *m_patchCheck = nullptr;
    QDateEdit *m_patchLevel = nullptr;
    QCheckBox *m_sequenceCheck = nullptr;
    QSpinBox *m_sequence = nullptr;
    QCheckBox *m_rooted = nullptr;
    QCheckBox *m_ported = nullptr;
    QCheckBox *m_unsupported = nullptr;
};

} // namespace Patchboard
