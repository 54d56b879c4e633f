// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/devicemodel.h"
#include "domain/rollout.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace Patchboard {

// A rollout's plan as the operator reads it (ARCHITECTURE.md update procedure step 3): the
// targets filter, the waves with their thresholds, soak and gate, the schedule, the maintenance
// window, the deadline and the end-user notice as the device shows it.
class RolloutPlanView : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutPlanView(QWidget *parent = nullptr);

    // Names of models and regions come from the catalog; models the release targets also from
    // the rollout's own model rows (targets), which are there without a catalog.
    void setPlan(const RolloutPlan &plan, const RolloutPreview &targets);
    void setCatalog(const FleetCatalog &catalog);

    QString targetsText() const;
    QString scheduleText() const;
    QString noticeText() const;
    QTableWidget *wavesTable() const { return m_waves; }

private:
    void showPlan();
    QString modelName(int id) const;
    QString regionName(int id) const;

    RolloutPlan m_plan;
    RolloutPreview m_targets;
    FleetCatalog m_catalog;
    QLabel *m_targetsLabel = nullptr;
    QTableWidget *m_waves = nullptr;
    QLabel *m_schedule = nullptr;
    QLabel *m_noticeTitle = nullptr;
    QLabel *m_noticeSummary = nullptr;
    QLabel *m_fallback = nullptr;
};

} // namespace Patchboard
