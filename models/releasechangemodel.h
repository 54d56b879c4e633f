// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/release.h"

#include <QAbstractTableModel>

namespace Patchboard {

// The changes a release's notes list, with their CVEs and severity; the ones that break the
// security-only claim (SSU-SEC-0010) are marked and say why.
class ReleaseChangeModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        KindColumn,
        DescriptionColumn,
        CvesColumn,
        SeverityColumn,
        ProblemColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        OffendingRole, // bool: breaks the security-only claim
    };

    explicit ReleaseChangeModel(QObject *parent = nullptr);

    // offending: indices into changes (ReleaseDetail::offendingChanges).
    void setChanges(const QList<ReleaseChange> &changes, const QList<int> &offending,
                    ReleaseType releaseType);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Why a change may not be in a security release: a sentence, and a few words for the column.
    static QString problem(const ReleaseChange &change);
    static QString shortProblem(const ReleaseChange &change);

private:
    QList<ReleaseChange> m_changes;
    QList<bool> m_offending;
};

} // namespace Patchboard
