// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QDateTime>
#include <QString>

namespace Patchboard::InventoryValues {

// The cell values of a device inventory file, as UTF-8 bytes straight from the CSV reader: the
// checks run a million times per import, so they look at bytes and allocate only for results.

// Leading and trailing spaces and tabs removed.
QByteArrayView trimmed(QByteArrayView value);

// The Luhn check digit of an IMEI's first 14 digits, and the check of all 15 (3GPP TS 23.003).
int luhnCheckDigit(QByteArrayView fourteenDigits);
bool isValidImei(QByteArrayView digits);

// A device ID as stored, or why it is refused (translated). The rules, documented in the README:
// - only digits (spaces or hyphens between groups allowed): an IMEI, which must have 15 digits
//   and a valid check digit; it is stored as the 15 digits;
// - otherwise a serial number: 4 to 64 characters from A-Z a-z 0-9 - _ . / : with at least one
//   letter, stored as written.
struct DeviceIdCheck
{
    QByteArray deviceId; // normalised; empty when refused
    QString problem;
    bool badCheckDigit = false; // refused for its check digit alone (a typo, most likely)
};
DeviceIdCheck checkDeviceId(QByteArrayView value);

// Exactly YYYY-MM-DD (ISO 8601, as security bulletins write patch levels); else invalid.
QDate parseDate(QByteArrayView value);
// YYYY-MM-DD (midnight UTC) or YYYY-MM-DDThh:mm[:ss[.fff]] (T or a space) with Z or an offset
// +hh:mm / +hhmm; without one the time is UTC. Invalid otherwise.
QDateTime parseDateTime(QByteArrayView value);
// Why a date was refused, for the report: names the format and, for a familiar other form
// (31.12.2024, 12/31/2024), says why it is not guessed.
QString dateProblem(QByteArrayView value, bool withTime);

// Exception flags from "rooted", "ported", "rooted|ported" (also , ; / + & and spaces between),
// "none", "-" or empty: the Rooted/Ported bits, or -1 with *unknown set to the word not known.
int parseExceptions(QByteArrayView value, QString *unknown);
// yes/no, y/n, true/false, 1/0, x, ja/nein: 1 or 0; -1 for an empty value; -2 when unknown.
int parseFlag(QByteArrayView value);

} // namespace Patchboard::InventoryValues
