// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/telemetry.h"
#include "telemetryrange.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;

namespace Patchboard {

// What the Telemetry page looks at: the scope (the whole fleet, a rollout with its state, active
// ones marked, or a release) and the time range (last hour ... everything, or custom bounds in
// local time). Emits the operator's choices; setting them from code emits nothing.
class TelemetryQueryBar : public QWidget
{
    Q_OBJECT
public:
    explicit TelemetryQueryBar(QWidget *parent = nullptr);

    // The rollouts (newest first) and releases to choose from; the whole fleet is always there.
    void setScopes(const QList<TelemetryScopeChoice> &choices);
    const QList<TelemetryScopeChoice> &scopes() const { return m_choices; }
    // Selects a scope; one that is not listed (no events yet) is added by its id.
    void setScope(TelemetryScope scope);
    TelemetryScope scope() const { return m_scope; }
    // "Whole fleet", "Rollout November, Germany", "Release AUR-2025.11.2".
    QString scopeName(TelemetryScope scope) const;

    void setRange(const TelemetryRange &range);
    TelemetryRange range() const { return m_range; }
    // The bounds the custom fields start from when the operator picks "Custom" (UTC).
    void setSuggestedBounds(const QDateTime &from, const QDateTime &to);

    QComboBox *scopeBox() const { return m_scopeBox; }
    QComboBox *rangeBox() const { return m_rangeBox; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QDateTimeEdit *toEdit() const { return m_to; }

Q_SIGNALS:
    void scopeChosen(Patchboard::TelemetryScope scope);
    void rangeChosen(const Patchboard::TelemetryRange &range);
    // The custom bounds are not a range (the start is not before the end); nothing changed.
    void invalidRange(const QString &message);

private:
    void fillScopes();
    int indexOf(TelemetryScope scope) const;
    void onScopeIndexChanged(int index);
    void onRangeIndexChanged(int index);
    void onCustomEdited();
    void showCustomFields(bool show);

    QList<TelemetryScopeChoice> m_choices;
    TelemetryScope m_scope;
    TelemetryRange m_range;
    QDateTime m_suggestedFrom;
    QDateTime m_suggestedTo;
    QComboBox *m_scopeBox = nullptr;
    QComboBox *m_rangeBox = nullptr;
    QLabel *m_fromLabel = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QLabel *m_toLabel = nullptr;
    QDateTimeEdit *m_to = nullptr;
};

} // namespace Patchboard
