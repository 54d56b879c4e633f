// SPDX-License-Identifier: Apache-2.0
#include "democatalog.h"

namespace Patchboard::DemoCatalog {

const QList<ModelSpec> &models()
{
    // Eight fictional makers, five models each: phones, tablets, routers and cellular IoT
    // modules. Launches are counted back from the fleet's reference date, so that a demo fleet
    // generated on any day shows the same mix: most models supported, some ending within 90
    // days, some ended (and four with less than the 36 months SSU-SEC-0030 asks for).
    static const QList<ModelSpec> specs = {
        {"Aurora Mobile", "Aurora A3", 60, 36, 1, "35291103", 0.010},
        {"Aurora Mobile", "Aurora A5", 40, 48, 1, "35291104", 0.008},
        {"Aurora Mobile", "Aurora A7", 22, 60, 1, "35291105", 0.006},
        {"Aurora Mobile", "Aurora A9 Pro", 6, 84, 1, "35291106", 0.005},
        {"Aurora Mobile", "Aurora Tab 10", 35, 36, 1, "35291107", 0.012},
        {"Borealis", "Borealis One", 50, 36, 1, "35410012", 0.015},
        {"Borealis", "Borealis Two", 30, 48, 1, "35410013", 0.011},
        {"Borealis", "Borealis Three", 14, 60, 1, "35410014", 0.009},
        {"Borealis", "Borealis Lite", 26, 30, 3, "35410015", 0.020},
        {"Borealis", "Borealis Go", 3, 48, 1, "35410016", 0.010},
        {"Cedar Devices", "Cedar X1", 70, 36, 3, "86012301", 0.025},
        {"Cedar Devices", "Cedar X2", 46, 36, 1, "86012302", 0.018},
        {"Cedar Devices", "Cedar X3", 28, 48, 1, "86012303", 0.014},
        {"Cedar Devices", "Cedar M Router", 44, 60, 3, "86012304", 0.007},
        {"Cedar Devices", "Cedar Kids", 23, 24, 3, "86012305", 0.030},
        {"Dunmore", "Dunmore D10", 47, 48, 1, "35899901", 0.009},
        {"Dunmore", "Dunmore D20", 36, 60, 1, "35899902", 0.007},
        {"Dunmore", "Dunmore D30", 18, 84, 1, "35899903", 0.004},
        {"Dunmore", "Dunmore Fold", 8, 84, 1, "35899904", 0.012},
        {"Dunmore", "Dunmore Rugged", 40, 72, 3, "35899905", 0.008},
        {"Eastwind", "Eastwind E4", 64, 36, 1, "86771001", 0.020},
        {"Eastwind", "Eastwind E6", 38, 36, 1, "86771002", 0.016},
        {"Eastwind", "Eastwind E8", 24, 48, 1, "86771003", 0.013},
        {"Eastwind", "Eastwind Note", 16, 48, 1, "86771004", 0.011},
        {"Eastwind", "Eastwind Mini", 28, 30, 3, "86771005", 0.022},
        {"Fjord Telecom", "Fjord Hotspot 4G", 58, 60, 3, "35650001", 0.010},
        {"Fjord Telecom", "Fjord Hotspot 5G", 20, 60, 3, "35650002", 0.008},
        {"Fjord Telecom", "Fjord Home Router", 42, 72, 3, "35650003", 0.006},
        {"Fjord Telecom", "Fjord Phone F1", 32, 36, 1, "35650004", 0.015},
        {"Fjord Telecom", "Fjord Phone F2", 12, 48, 1, "35650005", 0.012},
        {"Granite IoT", "Granite Tracker NB", 54, 60, 3, "35170201", 0.020},
        {"Granite IoT", "Granite Meter LTE-M", 50, 120, 3, "35170202", 0.012},
        {"Granite IoT", "Granite Gateway", 46, 84, 1, "35170203", 0.009},
        {"Granite IoT", "Granite Sensor Cat-1", 34, 60, 3, "35170204", 0.018},
        {"Granite IoT", "Granite Alarm Panel", 66, 48, 3, "35170205", 0.014},
        {"Helix", "Helix Telematics T5", 56, 96, 3, "HLX-T5", 0.011},
        {"Helix", "Helix Telematics T7", 26, 96, 3, "HLX-T7", 0.009},
        {"Helix", "Helix Vending V2", 62, 60, 3, "HLX-V2", 0.016},
        {"Helix", "Helix POS P1", 40, 60, 1, "HLX-P1", 0.010},
        {"Helix", "Helix Wearable W1", 30, 24, 3, "HLX-W1", 0.028},
    };
    return specs;
}

const QList<RegionSpec> &regions()
{
    static const QList<RegionSpec> specs = {
        {"DE", "Germany", "Europe/Berlin", 18},
        {"GB", "United Kingdom", "Europe/London", 14},
        {"FR", "France", "Europe/Paris", 12},
        {"ES", "Spain", "Europe/Madrid", 9},
        {"IT", "Italy", "Europe/Rome", 9},
        {"NL", "Netherlands", "Europe/Amsterdam", 5},
        {"PL", "Poland", "Europe/Warsaw", 6},
        {"SE", "Sweden", "Europe/Stockholm", 3},
        {"US-E", "United States (East)", "America/New_York", 8},
        {"US-W", "United States (West)", "America/Los_Angeles", 6},
        {"BR", "Brazil", "America/Sao_Paulo", 4},
        {"ZA", "South Africa", "Africa/Johannesburg", 2},
        {"IN", "India", "Asia/Kolkata", 5},
        {"JP", "Japan", "Asia/Tokyo", 4},
        {"AU", "Australia", "Australia/Sydney", 3},
    };
    return specs;
}

int luhnCheckDigit(QStringView digits)
{
    // Luhn over the payload: double every second digit counting from the right of the payload.
    int sum = 0;
    bool doubleIt = true;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        int d = digits[i].digitValue();
        if (doubleIt) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        doubleIt = !doubleIt;
    }
    return (10 - sum % 10) % 10;
}

} // namespace Patchboard::DemoCatalog
