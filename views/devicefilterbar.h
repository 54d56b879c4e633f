// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/devicemodel.h"
#include "domain/devicequery.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Patchboard {

class PatchLevelFilterEdit;

// The Devices page's filters, which combine (AND): patch level, support status, manufacturer and
// model, region, update state, exception state and a device-ID prefix. Choices come from the
// backend's FleetCatalog. The search box waits for a pause in typing (STYLE.md practice 6);
// every other control applies at once. Refused input shows a message and sends nothing.
class DeviceFilterBar : public QWidget
{
    Q_OBJECT
public:
    static constexpr int SearchDelayMs = 300;

    explicit DeviceFilterBar(QWidget *parent = nullptr);

    void setCatalog(const FleetCatalog &catalog);
    // The filter last sent with filterChanged().
    DeviceFilter filter() const { return m_filter; }
    // Why the last input was refused; empty when it was accepted.
    QString problem() const;

    QLineEdit *searchEdit() const { return m_search; }
    PatchLevelFilterEdit *patchLevelEdit() const { return m_patchLevel; }
    QComboBox *supportBox() const { return m_support; }
    QComboBox *manufacturerBox() const { return m_manufacturer; }
    QComboBox *modelBox() const { return m_model; }
    QComboBox *regionBox() const { return m_region; }
    QComboBox *updateStateBox() const { return m_updateState; }
    QComboBox *exceptionBox() const { return m_exceptions; }
    QPushButton *clearButton() const { return m_clear; }
    QLabel *messageLabel() const { return m_message; }
    // The drill-down from the Telemetry page, when the filter has one, and its remove button.
    QLabel *eventsLabel() const { return m_eventsLabel; }
    QPushButton *eventsRemoveButton() const { return m_eventsRemove; }

public Q_SLOTS:
    // Shows filter in the controls and sends it (navigation from another page).
    void setFilter(const DeviceFilter &filter);
    void clear();
    void focusSearch();

Q_SIGNALS:
    void filterChanged(const DeviceFilter &filter);

private:
    void commit();
    void fillModels();
    void showProblem(const QString &problem);
    static void selectData(QComboBox *box, const QVariant &value, const QString &fallbackText);

    QLineEdit *m_search = nullptr;
    PatchLevelFilterEdit *m_patchLevel = nullptr;
    QComboBox *m_support = nullptr;
    QComboBox *m_manufacturer = nullptr;
    QComboBox *m_model = nullptr;
    QComboBox *m_region = nullptr;
    QComboBox *m_updateState = nullptr;
    QComboBox *m_exceptions = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_eventsLabel = nullptr;
    QPushButton *m_eventsRemove = nullptr;
    std::optional<UpdateEventFilter> m_events;
    QTimer m_searchDelay;

    FleetCatalog m_catalog;
    DeviceFilter m_filter;
};

} // namespace Patchboard
