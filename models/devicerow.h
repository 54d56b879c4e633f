// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/compliance.h"
#include "domain/devicequery.h"

#include <QCoreApplication>
#include <QVariant>

#include <array>

namespace Patchboard {

// One device as the device table shows it: every cell's text made once when its page arrives,
// so that the model's data() only looks things up (STYLE.md practice 4).
class DeviceRow
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::DeviceRow)
public:
    enum class Attention { None, Warning, Critical };

    DeviceRow() = default;
    DeviceRow(const Device &device, const CompliancePolicy &policy);

    const Device &device() const { return m_device; }
    // column is a DeviceField.
    const QString &text(int column) const { return m_text[column]; }
    // The raw value: QString (firmware versions in numeric collation), QDate, QDateTime or int.
    QVariant sortValue(int column) const { return sortValue(m_device, column); }
    static QVariant sortValue(const Device &device, int column);
    Attention attention(int column) const;
    QString toolTip(int column) const;

    static bool isNumeric(int column);
    static QString columnTitle(int column);
    static QString columnToolTip(int column, QDate referenceDate);

private:
    Device m_device;
    std::array<QString, DeviceFieldCount> m_text;
    QString m_patchAgeWarning;
    QString m_supportAdvice;
};

} // namespace Patchboard
