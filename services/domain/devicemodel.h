// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDate>
#include <QList>
#include <QString>

namespace Patchboard {

struct Manufacturer
{
    int id = 0;
    QString name;
};

// A hardware model: what a release targets and what a support period is published for
// (SSU-SEC-0030: at least 36 months from launch; SSU-COM-0050: users can discover it).
struct DeviceModel
{
    int id = 0;
    int manufacturerId = 0;
    QString manufacturer;
    QString name;
    QDate launchDate;
    int supportMonths = 0;
    QString classId; // SUIT class ID (hex) the Author's manifests name for this model

    // Last day on which the model is supported.
    QDate supportEnd() const { return launchDate.addMonths(supportMonths).addDays(-1); }
    // SSU-SEC-0030 asks for at least 36 months.
    bool meetsMinimumSupport() const { return supportMonths >= 36; }
};

struct Region
{
    int id = 0;
    QString code;     // e.g. "DE"
    QString name;     // e.g. "Germany"
    QString timeZone; // IANA id, for maintenance windows in device-local time
};

// Everything a filter bar needs to offer choices.
struct FleetCatalog
{
    QList<Manufacturer> manufacturers;
    QList<DeviceModel> models;
    QList<Region> regions;
    int deviceCount = 0;
};

} // namespace Patchboard
