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
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Patchboard {

class ComplianceReportDialog;
class FirmwareBackend;
class ModelComplianceModel;
class OperatorSession;
class PatchAgeChart;
class PatchAgeModel;
class RolloutBackend;
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
    // The limits counted against (Settings); counts again when they changed.
    void setPolicy(const CompliancePolicy &policy);
    const CompliancePolicy &policy() const { return m_policy; }
    // The compliance report (issue #5) also needs the releases and the rollouts, and who asks:
    // until all three are set, the "Compliance Report…" button is disabled and says why.
    void setReportSources(FirmwareBackend *firmware, RolloutBackend *rollouts,
                          OperatorSession *session);

    bool isLoaded() const { return m_loaded; }
    QString summaryText() const;
    SupportStatusModel *supportModel() const { return m_supportModel; }
    PatchAgeModel *patchAgeModel() const { return m_patchAgeModel; }
    ModelComplianceModel *rankingModel() const { return m_rankingModel; }
    SupportStatusChart *supportChart() const { return m_supportChart; }
    PatchAgeChart *patchAgeChart() const { return m_patchAgeChart; }
    QTableView *rankingTable() const { return m_ranking; }
    QPushButton *reportButton() const { return m_reportButton; }
    // The report dialog once opened (it stays, hidden, for the next report); null before.
    ComplianceReportDialog *reportDialog() const;

public Q_SLOTS:
    void refresh();
    // Shows the report dialog for the page's reference date (today when none is set).
    void openReportDialog();

Q_SIGNALS:
    // Typed navigation to the Devices page (STYLE.md practice 7).
    void showDevices(const Patchboard::DeviceFilter &filter);
    // A summary is on screen.
    void summaryShown();
    // The count failed (the backend's error, shown on the page); the status bar shows it too.
    void errorOccurred(const QString &message);

private:
    void setSummary(const ComplianceSummary &summary);
    void showError(const QString &message);
    void onBinClicked(int bin);
    void onStatusClicked(SupportStatus status);
    void onRankingActivated(const QModelIndex &index);
    void updateReportButton();

    QPointer<TrackerBackend> m_backend;
    QPointer<FirmwareBackend> m_firmware;
    QPointer<RolloutBackend> m_rollouts;
    QPointer<OperatorSession> m_session;
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
    QPushButton *m_reportButton = nullptr;
    QPointer<ComplianceReportDialog> m_reportDialog;
};

} // namespace Patchboard
