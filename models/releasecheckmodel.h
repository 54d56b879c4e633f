// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/releasecheck.h"

#include <QAbstractTableModel>

namespace Patchboard {

// A release's verification checklist (docs/release-format.md), in the order the verifier ran
// it: each check with ✓/✗/⚠ and a word, whether it blocks approval, and the verifier's reason.
class ReleaseCheckModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ResultColumn, CheckColumn, EffectColumn, ReasonColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole, // raw value: 0 failed blocking, 1 warning, 2 passed; the name
        CheckNameRole, // the stable name ("signature")
        PassedRole, // bool
        BlockingRole, // bool
    };

    explicit ReleaseCheckModel(QObject *parent = nullptr);

    void setChecks(const QList<ReleaseCheck> &checks);
    const QList<ReleaseCheck> &checks() const { return m_checks; }
    int failedBlocking() const;
    int warnings() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<ReleaseCheck> m_checks;
};

} // namespace Patchboard
