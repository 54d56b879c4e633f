// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"
#include "domain/release.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace Patchboard {

class FirmwareBackend;
class OperatorSession;
class ReleaseDetailPanel;
class ReleaseImportBar;
class ReleaseListModel;
class ReleaseSettingsDialog;
class TrackerBackend;
class TrustStoreDialog;

// Releases (ARCHITECTURE.md update procedure step 2): the releases the Firmware Server holds,
// sortable and filtered by state, with the 7-day test window of each (SSU-TES-0010); the selected
// release in full below; importing release bundles and bulletin data; the Author trust store and
// the release policy (the configurable four-eyes rule, always shown in the toolbar).
class ReleasesPage : public QWidget
{
    Q_OBJECT
public:
    enum StateFilter { AllReleases, AwaitingDecision, Overdue, SingleState };

    ReleasesPage(FirmwareBackend *firmware, TrackerBackend *tracker, OperatorSession *session,
                 QWidget *parent = nullptr);

    ReleaseListModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    ReleaseDetailPanel *detailPanel() const { return m_detail; }
    QComboBox *stateFilter() const { return m_filter; }
    QLabel *countLabel() const { return m_count; }
    ReleaseImportBar *importBar() const { return m_imports; }
    QPushButton *trustStoreButton() const { return m_trust; }
    TrustStoreDialog *trustStoreDialog() const;
    QPushButton *releasePolicyButton() const { return m_policy; }
    ReleaseSettingsDialog *releaseSettingsDialog() const;
    // The four-eyes rule as stored ("Four-eyes rule: on"), the explanation in its tooltip.
    QLabel *fourEyesLabel() const { return m_fourEyes; }
    bool isLoaded() const { return m_loaded; }
    QString errorText() const;

public Q_SLOTS:
    void refresh();
    // Selects a release in the list (clearing a filter that hides it) and shows its detail.
    void showRelease(qint64 releaseId);
    void showTrustStore();
    void showReleasePolicy();

Q_SIGNALS:
    // The list arrived (the first time and after every refresh).
    void releasesShown();
    void statusMessage(const QString &message);

private:
    void applyFilter();
    void updateCount();
    void loadPolicy();
    void showFourEyes(const Result<FirmwareSettings> &settings);
    void showCurrentRelease();
    void showError(const QString &message);
    void setInitialColumnWidths();

    QPointer<FirmwareBackend> m_firmware;
    QPointer<TrackerBackend> m_tracker;
    OperatorSession *m_session = nullptr;
    ReleaseListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    ReleaseImportBar *m_imports = nullptr;
    QPushButton *m_trust = nullptr;
    QPushButton *m_policy = nullptr;
    QComboBox *m_filter = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_fourEyes = nullptr;
    QLabel *m_error = nullptr;
    QTableView *m_table = nullptr;
    QSplitter *m_splitter = nullptr;
    ReleaseDetailPanel *m_detail = nullptr;
    QPointer<TrustStoreDialog> m_trustDialog;
    QPointer<ReleaseSettingsDialog> m_policyDialog;
    QTimer m_refreshDelay;
    QTimer m_clockTick;
    qint64 m_selected = 0;
    quint64 m_request = 0;
    quint64 m_policyRequest = 0;
    bool m_loaded = false;
};

} // namespace Patchboard
