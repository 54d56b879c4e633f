// SPDX-License-Identifier: Apache-2.0
#include "auditlogmodel.h"

#include "audit/auditbackend.h"
#include "deviceformat.h"
#include "domain/operator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <limits>

namespace Patchboard {

AuditLogModel::AuditLogModel(AuditBackend *backend, QObject *parent)
    : QAbstractTableModel(parent), m_backend(backend)
{ }

void AuditLogModel::setQuery(const AuditQuery &query)
{
    m_query = query;
    refresh();
}

void AuditLogModel::refresh()
{
    ++m_job;
    m_atEnd = false;
    setLoading(true); // a view asking for more during the reset waits for the first page
    if (!m_rows.isEmpty()) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }
    m_atEnd = false;
    request(0);
}

const AuditEntry *AuditLogModel::entryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row].entry : nullptr;
}

void AuditLogModel::setFirstBadSequence(qint64 sequence)
{
    if (sequence == m_firstBad)
        return;
    m_firstBad = sequence;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString AuditLogModel::detailsText(const QJsonObject &details)
{
    QStringList parts;
    // The reason first: it is what a reader looks for.
    const QString reasonKey = QStringLiteral("reason");
    if (details.contains(reasonKey))
        parts.append(tr("reason: %1").arg(details.value(reasonKey).toVariant().toString()));
    for (auto it = details.begin(); it != details.end(); ++it) {
        if (it.key() == reasonKey)
            continue;
        QString value;
        if (it.value().isArray())
            value = QString::fromUtf8(
                QJsonDocument(it.value().toArray()).toJson(QJsonDocument::Compact));
        else if (it.value().isObject())
            value = QString::fromUtf8(
                QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact));
        else
            value = it.value().toVariant().toString();
        if (!value.isEmpty()) // "note: " says nothing; the tooltip has the whole object
            parts.append(QStringLiteral("%1: %2").arg(it.key(), value));
    }
    return parts.join(QStringLiteral("; "));
}

void AuditLogModel::request(int offset)
{
    if (!m_backend) {
        m_atEnd = true;
        return;
    }
    setLoading(true);
    const quint64 job = m_job;
    // Rows are inserted from the event loop, never from inside fetchMore() or a reset (an answer
    // that is ready at once would otherwise arrive while the view is still in that call).
    m_backend->entries(m_query, offset, m_pageSize)
        .then(this, [this, job, offset](const Result<QList<AuditEntry>> &result) {
            QMetaObject::invokeMethod(
                this, [this, job, offset, result] { receive(job, offset, result); },
                Qt::QueuedConnection);
        });
}

void AuditLogModel::receive(quint64 job, int offset, const Result<QList<AuditEntry>> &result)
{
    if (job != m_job)
        return; // a newer query or refresh owns the rows now
    setLoading(false);
    if (!result.ok()) {
        m_atEnd = true;
        Q_EMIT errorOccurred(result.error().text());
        return;
    }
    const QList<AuditEntry> &page = result.value();
    m_atEnd = page.size() < m_pageSize;
    // Entries written since the first page shift the offsets: skip what is already shown
    // (sequences only grow, and the rows are newest first).
    const qint64 below
        = m_rows.isEmpty() ? std::numeric_limits<qint64>::max() : m_rows.constLast().entry.sequence;
    QList<Row> rows;
    rows.reserve(page.size());
    for (const AuditEntry &entry : page) {
        if (entry.sequence >= below)
            continue;
        const std::optional<OperatorRole> role = Operator::roleFromName(entry.role);
        rows.append(Row{entry, DeviceFormat::dateTime(entry.time),
                        role ? Operator::roleDisplayName(*role) : entry.role,
                        detailsText(entry.details)});
    }
    if (!rows.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(rows.size()) - 1);
        m_rows.append(rows);
        endInsertRows();
    } else if (!m_atEnd) {
        // A whole page of entries already shown (many were written meanwhile): the view saw no
        // new row and will not ask again, so go on to the next page.
        request(offset + int(page.size()));
        return;
    }
    Q_EMIT pageLoaded(int(rows.size()));
}

void AuditLogModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

bool AuditLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_loading;
}

void AuditLogModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    request(int(m_rows.size()));
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const AuditEntry &e = row.entry;
    const int column = index.column();
    const bool untrusted = m_firstBad > 0 && e.sequence >= m_firstBad;
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool raw = role == SortRole;
        switch (column) {
        case SequenceColumn: // a position, not a quantity: no group separators
            if (raw)
                return e.sequence;
            return untrusted ? DeviceFormat::warningMarker() + QString::number(e.sequence)
                             : QString::number(e.sequence);
        case TimeColumn:
            return raw ? QVariant(e.time) : QVariant(row.time);
        case ActorColumn:
            return e.actor;
        case RoleColumn:
            return raw ? QVariant(e.role) : QVariant(row.role);
        case ActionColumn:
            return e.action;
        case SubjectColumn:
            return e.subject;
        case DetailsColumn:
            return row.details;
        }
        return {};
    }
    switch (role) {
    case SequenceRole:
        return e.sequence;
    case UntrustedRole:
        return untrusted;
    case Qt::ForegroundRole:
        return untrusted ? QVariant(DeviceFormat::criticalColor()) : QVariant();
    case Qt::TextAlignmentRole:
        return column == SequenceColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                        : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == TimeColumn && e.time.isValid())
            return QLocale().toString(e.time.toLocalTime(), QLocale::LongFormat);
        if (column == DetailsColumn && !e.details.isEmpty())
            return QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Indented));
        if (column == SequenceColumn)
            return untrusted ? tr("The chain does not verify from entry %1 on: this entry cannot "
                                  "be trusted.")
                                   .arg(m_firstBad)
                             : tr("Hash %1").arg(QString::fromLatin1(e.hash.toHex()));
        return {};
    default:
        return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SequenceColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case ActorColumn:
        return tr("Operator");
    case RoleColumn:
        return tr("Role");
    case ActionColumn:
        return tr("Action");
    case SubjectColumn:
        return tr("Subject");
    case DetailsColumn:
        return tr("Details");
    }
    return {};
}

} // namespace Patchboard
