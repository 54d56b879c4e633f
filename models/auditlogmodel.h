// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "audit/auditlog.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace Patchboard {

class AuditBackend;

// The audit log, newest first, fetched from the store a page at a time (canFetchMore/fetchMore):
// the log grows with every decision for as long as the fleet lives, so it is never loaded whole.
// Filtering happens in the store (AuditQuery). A new query makes pages still on their way stale.
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        SequenceColumn,
        TimeColumn,
        ActorColumn,
        RoleColumn,
        ActionColumn,
        SubjectColumn,
        DetailsColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // raw value
        SequenceRole, // qint64
        UntrustedRole, // bool: at or after the first entry that does not verify
    };

    static constexpr int DefaultPageSize = 200;

    explicit AuditLogModel(AuditBackend *backend, QObject *parent = nullptr);

    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    const AuditQuery &query() const { return m_query; }
    // Clears the rows and fetches the first page of the new query.
    void setQuery(const AuditQuery &query);
    // Fetches the first page of the current query again (new entries were written).
    void refresh();
    bool isLoading() const { return m_loading; }
    bool atEnd() const { return m_atEnd; }
    const AuditEntry *entryAt(int row) const;
    // From this entry on the chain does not verify: those rows are marked (0: the chain is intact).
    void setFirstBadSequence(qint64 sequence);

    // "reason: tests passed; from: verified" for the details column.
    static QString detailsText(const QJsonObject &details);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    // A page arrived (also an empty one); atEnd() tells whether more can come.
    void pageLoaded(int rowsAdded);
    void errorOccurred(const QString &message);

private:
    void request(int offset);
    void receive(quint64 job, int offset, const Result<QList<AuditEntry>> &result);
    void setLoading(bool loading);

    struct Row
    {
        AuditEntry entry;
        QString time;
        QString role;
        QString details;
    };

    QPointer<AuditBackend> m_backend;
    AuditQuery m_query;
    QList<Row> m_rows;
    int m_pageSize = DefaultPageSize;
    qint64 m_firstBad = 0;
    quint64 m_job = 0; // answers of older jobs are dropped
    bool m_loading = false;
    bool m_atEnd = true;
};

} // namespace Patchboard
