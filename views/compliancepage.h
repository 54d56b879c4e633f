// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/compliance.h"
#include "domain/devicequery.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QModelIndex;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;

namespace Patchboard {

class ModelComplianceModel;
class PatchAgeChart;
class PatchAgeModel;
class SupportStatusChart;
class SupportStatusModel;
class TrackerBackend;

// The fleet's patch-age and end-of-support overview (SSU-SEC-0020/0021/0040): devices by support
// status, a patch-age histogram and the hardware models ranked by number of devices. Every bar,
// slice and row leads to the devices behind it through showDevices().
class CompliancePage : public QWidget
{
    Q_OBJECT
public:
    explicit CompliancePage(TrackerBackend *backend, QWidget *parent = nullptr);

    void setReferenceDate(QDate date);
    void setPolicy(const CompliancePolicy &policy);

    bool isLoaded() const { return m_loaded; }
    QString summaryText() const;
    SupportStatusModel *supportModel() const { return m_supportModel; }
    PatchAgeModel *patchAgeModel() const { return m_patchAgeModel; }
    ModelComplianceModel *rankingModel() const { return m_rankingModel; }
    SupportStatusChart *supportChart() const { return m_supportChart; }
    PatchAgeChart *patchAgeChart() const { return m_patchAgeChart; }
    QTableView *rankingTable() const { return m_ranking; }

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    // Typed navigation to the Devices page (STYLE.md practice 7).
    void showDevices(const Patchboard::DeviceFilter &filter);
    // A summary is on screen.
    void summaryShown();

private:
    void setSummary(const ComplianceSummary &summary);
    void showError(const QString &message);
    void onBinClicked(int bin);
    void onStatusClicked(SupportStatus status);
    void onRankingActivated(const QModelIndex &index);

    QPointer<TrackerBackend> m_backend;
    CompliancePolicy m_policy;
    QDate m_referenceDate;
    quint64 m_request = 0;
    bool m_loaded = false;
    QTimer m_refreshDelay;

    SupportStatusModel *m_supportModel = nullptr;
    PatchAgeModel *m_patchAgeModel = nullptr;
    ModelComplianceModel *m_rankingModel = nullptr;
    QSortFilterProxyModel *m_rankingProxy = nullptr;

    QLabel *m_summary = nullptr;
    QProgressBar *m_busy = nullptr;
    SupportStatusChart *m_supportChart = nullptr;
    PatchAgeChart *m_patchAgeChart = nullptr;
    QTableView *m_ranking = nullptr;
};

} // namespace Patchboard
