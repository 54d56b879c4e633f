// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Patchboard {

// Where a device stands in the update procedure (X.secup-iot 7). The numbers are stored.
enum class UpdateState : quint8 {
    Idle = 0,        // nothing pending
    Offered = 1,     // an update was offered, not yet started
    Downloading = 2,
    Verifying = 3,
    Installing = 4,
    Rebooting = 5,
    Failed = 6,      // the last update failed
    RolledBack = 7,  // the last update failed to boot and the device went back (SESIP secure fail)
    Postponed = 8,   // e.g. low battery, outside the maintenance window
};
constexpr int UpdateStateCount = 9;

// Why a device is outside the operator's normal update duty (SSU-TES-0030). Stored as bit flags.
enum ExceptionFlag : quint8 {
    NoException = 0,
    Rooted = 0x1, // rooted / user-modified software
    Ported = 0x2, // subscription moved to another network operator
};

// SSU-SEC-0030/0040: supported, support ends soon, or ended (the device should be replaced).
enum class SupportStatus : quint8 { Supported = 0, EndingSoon = 1, Ended = 2 };
constexpr int SupportStatusCount = 3;

// One device as the operator sees it: ids resolved to names, derived values computed
// against the query's reference date.
struct Device
{
    qint64 id = 0;       // storage key
    QString deviceId;    // IMEI or serial number
    int modelId = 0;
    QString manufacturer;
    QString model;
    int regionId = 0;
    QString region;
    QString firmwareVersion;
    qint64 firmwareSequence = 0; // monotonic, anti-rollback (SESIP 5.5.6)
    QDate patchLevel;
    QDate patchApplied; // SSU-COM-0040
    QDate supportEnd;
    QDateTime lastCheckIn; // UTC
    UpdateState updateState = UpdateState::Idle;
    quint8 exceptions = NoException;

    int patchAgeDays = 0;
    SupportStatus supportStatus = SupportStatus::Supported;
};

// One phase report of one device in one rollout. phase, outcome and reason hold the stable codes
// of domain/updateoutcome.h.
struct UpdateEvent
{
    qint64 id = 0;
    qint64 deviceId = 0;
    qint64 rolloutId = 0;
    QString rolloutName; // empty outside a rollout
    int wave = 0;
    QString phase;
    QString outcome;
    QString reason;
    QString fromVersion;
    QString toVersion;
    QDateTime time;
};

struct DeviceDetail
{
    Device device;
    QString regionTimeZone;
    QList<UpdateEvent> history; // newest first
};

QString updateStateName(UpdateState state);       // translated, for display
QString supportStatusName(SupportStatus status);  // translated, for display
QString exceptionNames(quint8 flags);             // translated, comma separated; empty if none

} // namespace Patchboard

Q_DECLARE_METATYPE(Patchboard::Device)
Q_DECLARE_METATYPE(Patchboard::DeviceDetail)
