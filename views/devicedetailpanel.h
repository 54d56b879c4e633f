// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/compliance.h"
#include "domain/device.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <array>

class QLabel;
class QStackedWidget;
class QTableView;

namespace Patchboard {

class TrackerBackend;
class UpdateHistoryModel;

// Everything about one device, for the support desk's "what is this device running?" question
// (SSU-COM-0040: the patch level and when it was applied), with its update history. Asks the
// backend for the detail; an answer for a device no longer selected is dropped.
class DeviceDetailPanel : public QWidget
{
    Q_OBJECT
public:
    enum Field {
        DeviceIdField,
        ManufacturerField,
        ModelField,
        RegionField,
        FirmwareField,
        PatchLevelField,
        PatchAppliedField,
        PatchAgeField,
        SupportEndField,
        SupportField,
        LastCheckInField,
        UpdateStateField,
        ExceptionsField,
        FieldCount
    };
    Q_ENUM(Field)

    explicit DeviceDetailPanel(TrackerBackend *backend, QWidget *parent = nullptr);

    // The storage id of the device shown or being loaded; 0 when none.
    qint64 deviceId() const { return m_id; }
    bool isLoaded() const { return m_loaded; }
    // The value shown for a field, as the operator reads it.
    QString fieldText(Field field) const;
    // What the panel says instead of details (nothing selected, loading, an error).
    QString messageText() const;
    UpdateHistoryModel *historyModel() const { return m_history; }
    QString historyPlaceholderText() const;

    // The compliance limits (Settings) the patch-age warning and the support status follow.
    void setPolicy(const CompliancePolicy &policy);

public Q_SLOTS:
    void showDevice(qint64 id, QDate referenceDate);
    void clear();

Q_SIGNALS:
    void loaded(qint64 id);

private:
    void request();
    void setDetail(const DeviceDetail &detail);
    void showMessage(const QString &message);
    void setField(Field field, const QString &text, const QString &warning = {},
                  bool critical = false);

    QPointer<TrackerBackend> m_backend;
    qint64 m_id = 0;
    QDate m_referenceDate;
    CompliancePolicy m_policy;
    DeviceDetail m_detail; // the one shown, for a new policy
    quint64 m_request = 0;
    bool m_loaded = false;
    QTimer m_refreshDelay;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    std::array<QLabel *, FieldCount> m_fields{};
    UpdateHistoryModel *m_history = nullptr;
    QStackedWidget *m_historyStack = nullptr;
    QTableView *m_historyView = nullptr;
    QLabel *m_historyEmpty = nullptr;
};

} // namespace Patchboard
