// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/release.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTableView;

namespace Patchboard {

class ReleaseCheckModel;
class VulnerabilityModel;

// The Verification tab of a release: the checklist (every check with ✓/✗/⚠, whether it blocks,
// and why), the signer and digests, the security-only result with the offending changes, and the
// bulletin CVEs the notes miss.
class ReleaseVerificationView : public QWidget
{
    Q_OBJECT
public:
    explicit ReleaseVerificationView(QWidget *parent = nullptr);

    void setDetail(const ReleaseDetail &detail);

    ReleaseCheckModel *checkModel() const { return m_checks; }
    VulnerabilityModel *missingCveModel() const { return m_missing; }
    QTableView *checkTable() const { return m_checkTable; }
    QString summaryText() const;
    QString securityOnlyText() const;
    QString signerText() const;

private:
    ReleaseCheckModel *m_checks = nullptr;
    VulnerabilityModel *m_missing = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_checkTable = nullptr;
    QLabel *m_signer = nullptr;
    QLabel *m_algorithm = nullptr;
    QLabel *m_manifestDigest = nullptr;
    QLabel *m_ids = nullptr;
    QLabel *m_images = nullptr;
    QLabel *m_securityOnly = nullptr;
    QStackedWidget *m_missingStack = nullptr;
    QLabel *m_missingNone = nullptr;
    QTableView *m_missingTable = nullptr;
};

} // namespace Patchboard
