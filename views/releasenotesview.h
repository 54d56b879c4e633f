// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/release.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace Patchboard {

class ReleaseChangeModel;

// The Release Notes tab: what the Author claims (type, patch level, targets), the changes with
// their CVEs (offending ones marked), and a preview of the notice end users will read
// (SSU-COM-0020: say it is a security update; SSU-COM-0030: what it contains).
class ReleaseNotesView : public QWidget
{
    Q_OBJECT
public:
    explicit ReleaseNotesView(QWidget *parent = nullptr);

    void setDetail(const ReleaseDetail &detail);

    ReleaseChangeModel *changeModel() const { return m_changes; }
    QString noticeText() const;

private:
    ReleaseChangeModel *m_changes = nullptr;
    QLabel *m_claims = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_noticeTitle = nullptr;
    QLabel *m_notice = nullptr;
};

} // namespace Patchboard
