// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/rollout.h"

#include <QWidget>

#include <array>

class QLabel;
class QListWidget;
class QPushButton;
class QTableView;

namespace Patchboard {

class RolloutPreviewModel;

// What a planned rollout would do, before it is created: the devices targeted, the devices left
// out and why (already current, rooted, ported, past their support end: SSU-TES-0030,
// SSU-SEC-0040), the wave sizes, the model x wave table, the end-user notice as the device shows
// it, and the problems that block creating it and the warnings worth a look.
class RolloutPreviewView : public QWidget
{
    Q_OBJECT
public:
    explicit RolloutPreviewView(QWidget *parent = nullptr);

    void setPreview(const RolloutPreview &preview);
    void clear(const QString &message);
    // Local problems (no model chosen, no name) listed with the service's.
    void setLocalProblems(const QStringList &problems);

    RolloutPreviewModel *model() const { return m_model; }
    QTableView *modelTable() const { return m_table; }
    QPushButton *showDevicesButton() const { return m_showDevices; }
    QListWidget *problemList() const { return m_problems; }
    QString targetedText() const;
    QString exclusionsText() const;
    QString wavesText() const;
    QString noticeText() const;
    // The problems and warnings as listed, one per line.
    QString problemsText() const;
    QString warningsText() const;

Q_SIGNALS:
    // "Show in Devices" next to the devices past their support end.
    void showUnsupportedRequested();

private:
    void fillProblems();

    RolloutPreviewModel *m_model = nullptr;
    RolloutPreview m_preview;
    QStringList m_localProblems;
    bool m_hasPreview = false;
    QLabel *m_targeted = nullptr;
    std::array<QLabel *, 6> m_excluded{}; // already current, rooted, ported, unsupported, busy,
                                          // filtered out
    QPushButton *m_showDevices = nullptr;
    QLabel *m_waves = nullptr;
    QLabel *m_noticeTitle = nullptr;
    QLabel *m_noticeSummary = nullptr;
    QListWidget *m_problems = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace Patchboard
