// SPDX-License-Identifier: Apache-2.0
#include "devicerow.h"

#include "deviceformat.h"

#include <QLocale>

namespace Patchboard {

namespace {

int col(DeviceField field)
{
    return int(field);
}

} // namespace

DeviceRow::DeviceRow(const Device &d, const CompliancePolicy &policy)
    : m_device(d)
    , m_patchAgeWarning(DeviceFormat::patchAgeWarning(d.patchAgeDays, policy))
    , m_supportAdvice(DeviceFormat::supportAdvice(d.supportStatus, d.supportEnd))
{
    auto &text = m_text;
    text[col(DeviceField::DeviceId)] = d.deviceId;
    text[col(DeviceField::Manufacturer)] = d.manufacturer;
    text[col(DeviceField::Model)] = d.model;
    text[col(DeviceField::Region)] = d.region;
    text[col(DeviceField::FirmwareVersion)] = d.firmwareVersion;
    text[col(DeviceField::PatchLevel)] = DeviceFormat::patchLevel(d.patchLevel);
    // A marker as well as a colour: attention is never told by colour alone.
    text[col(DeviceField::PatchAge)] = m_patchAgeWarning.isEmpty()
        ? DeviceFormat::patchAge(d.patchAgeDays)
        : DeviceFormat::warningMarker() + DeviceFormat::patchAge(d.patchAgeDays);
    text[col(DeviceField::PatchApplied)] = DeviceFormat::date(d.patchApplied);
    text[col(DeviceField::SupportEnd)] = DeviceFormat::date(d.supportEnd);
    text[col(DeviceField::SupportStatus)] = d.supportStatus == SupportStatus::Supported
        ? supportStatusName(d.supportStatus)
        : DeviceFormat::warningMarker() + supportStatusName(d.supportStatus);
    text[col(DeviceField::LastCheckIn)] = DeviceFormat::dateTime(d.lastCheckIn);
    text[col(DeviceField::UpdateState)] = updateStateName(d.updateState);
    text[col(DeviceField::Exceptions)] = exceptionNames(d.exceptions);
}

QVariant DeviceRow::sortValue(const Device &d, int column)
{
    switch (DeviceField(column)) {
    case DeviceField::DeviceId:
        return d.deviceId;
    case DeviceField::Manufacturer:
        return d.manufacturer;
    case DeviceField::Model:
        return d.model;
    case DeviceField::Region:
        return d.region;
    case DeviceField::FirmwareVersion:
        return d.firmwareVersion; // versions compare naturally ("10.0" after "9.4")
    case DeviceField::PatchLevel:
        return d.patchLevel;
    case DeviceField::PatchAge:
        return d.patchAgeDays;
    case DeviceField::PatchApplied:
        return d.patchApplied;
    case DeviceField::SupportEnd:
        return d.supportEnd;
    case DeviceField::SupportStatus:
        return int(d.supportStatus);
    case DeviceField::LastCheckIn:
        return d.lastCheckIn;
    case DeviceField::UpdateState:
        return int(d.updateState);
    case DeviceField::Exceptions:
        return int(d.exceptions);
    }
    return {};
}

DeviceRow::Attention DeviceRow::attention(int column) const
{
    switch (DeviceField(column)) {
    case DeviceField::PatchAge: // one highlighted cell per fact: the age, not the level too
        return m_patchAgeWarning.isEmpty() ? Attention::None : Attention::Warning;
    case DeviceField::SupportEnd:
    case DeviceField::SupportStatus:
        // SSU-SEC-0040: ended support means replace; ending soon means plan the replacement.
        switch (m_device.supportStatus) {
        case SupportStatus::Ended:
            return Attention::Critical;
        case SupportStatus::EndingSoon:
            return Attention::Warning;
        case SupportStatus::Supported:
            return Attention::None;
        }
        return Attention::None;
    case DeviceField::UpdateState:
        return m_device.updateState == UpdateState::Failed
                || m_device.updateState == UpdateState::RolledBack
            ? Attention::Warning
            : Attention::None;
    default:
        return Attention::None;
    }
}

QString DeviceRow::toolTip(int column) const
{
    const Device &d = m_device;
    switch (DeviceField(column)) {
    case DeviceField::PatchLevel:
    case DeviceField::PatchAge:
        return m_patchAgeWarning;
    case DeviceField::SupportEnd:
    case DeviceField::SupportStatus:
        return m_supportAdvice;
    case DeviceField::FirmwareVersion:
        return tr("Sequence number %1").arg(d.firmwareSequence);
    case DeviceField::LastCheckIn:
        return d.lastCheckIn.isValid()
            ? QLocale().toString(d.lastCheckIn.toLocalTime(), QLocale::LongFormat)
            : QString();
    default:
        return {};
    }
}

bool DeviceRow::isNumeric(int column)
{
    return DeviceField(column) == DeviceField::PatchAge;
}

QString DeviceRow::columnTitle(int column)
{
    switch (DeviceField(column)) {
    case DeviceField::DeviceId:
        return tr("Device ID");
    case DeviceField::Manufacturer:
        return tr("Manufacturer");
    case DeviceField::Model:
        return tr("Model");
    case DeviceField::Region:
        return tr("Region");
    case DeviceField::FirmwareVersion:
        return tr("Firmware");
    case DeviceField::PatchLevel:
        return tr("Patch level");
    case DeviceField::PatchAge:
        return tr("Patch age (days)");
    case DeviceField::PatchApplied:
        return tr("Applied");
    case DeviceField::SupportEnd:
        return tr("Support end");
    case DeviceField::SupportStatus:
        return tr("Support");
    case DeviceField::LastCheckIn:
        return tr("Last check-in");
    case DeviceField::UpdateState:
        return tr("Update state");
    case DeviceField::Exceptions:
        return tr("Exceptions");
    }
    return {};
}

QString DeviceRow::columnToolTip(int column, QDate referenceDate)
{
    switch (DeviceField(column)) {
    case DeviceField::DeviceId:
        return tr("IMEI or serial number");
    case DeviceField::PatchLevel:
        return tr("Security patch level as named in the bulletin");
    case DeviceField::PatchAge:
        return referenceDate.isValid()
            ? tr("Days from the security patch level to %1").arg(DeviceFormat::date(referenceDate))
            : tr("Days since the security patch level");
    case DeviceField::PatchApplied:
        return tr("Date the patch level was installed");
    case DeviceField::SupportEnd:
        return tr("Last day of the model's security support");
    case DeviceField::Exceptions:
        return tr("Rooted or modified software, or ported to another operator (SSU-TES-0030)");
    default:
        return {};
    }
}

} // namespace Patchboard
