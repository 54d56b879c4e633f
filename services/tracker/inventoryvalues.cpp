// SPDX-License-Identifier: Apache-2.0
#include "inventoryvalues.h"

#include "domain/device.h"

#include <QCoreApplication>
#include <QTime>

namespace Patchboard::InventoryValues {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::InventoryValues)
};

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Digits at [from, from + count) as a number, or -1.
int number(QByteArrayView value, qsizetype from, qsizetype count)
{
    if (from + count > value.size())
        return -1;
    int n = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        if (!isDigit(value[i]))
            return -1;
        n = n * 10 + (value[i] - '0');
    }
    return n;
}

QString shown(QByteArrayView value)
{
    return QString::fromUtf8(value.first(qMin<qsizetype>(value.size(), 40)));
}

} // namespace

QByteArrayView trimmed(QByteArrayView value)
{
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && (value[begin] == ' ' || value[begin] == '\t'))
        ++begin;
    while (end > begin && (value[end - 1] == ' ' || value[end - 1] == '\t'))
        --end;
    return value.sliced(begin, end - begin);
}

int luhnCheckDigit(QByteArrayView digits)
{
    int sum = 0;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        int d = digits[i] - '0';
        // From the right of the 14 digits, every second one (the rightmost first) is doubled.
        if ((digits.size() - i) % 2 == 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return (10 - sum % 10) % 10;
}

bool isValidImei(QByteArrayView digits)
{
    if (digits.size() != 15)
        return false;
    for (const char c : digits) {
        if (!isDigit(c))
            return false;
    }
    return luhnCheckDigit(digits.first(14)) == digits[14] - '0';
}

DeviceIdCheck checkDeviceId(QByteArrayView value)
{
    DeviceIdCheck check;
    bool numeric = !value.isEmpty();
    bool separated = false;
    bool letter = false;
    bool allowed = true;
    QByteArray digits;
    for (const char c : value) {
        if (isDigit(c)) {
            digits += c;
        } else if (c == ' ' || c == '-') {
            separated = true;
        } else {
            numeric = false;
            letter = letter || isLetter(c);
            allowed = allowed
                && (isLetter(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == ':');
        }
        if (c == ' ')
            allowed = false;
    }
    if (numeric && (!separated || digits.size() == 15)) {
        if (digits.size() != 15) {
            check.problem = Tr::tr("A numeric device ID is an IMEI of 15 digits; %1 has %n "
                                   "digit(s).",
                                   nullptr, int(digits.size()))
                                .arg(shown(value));
        } else if (!isValidImei(digits)) {
            check.badCheckDigit = true;
            check.problem = Tr::tr("IMEI %1 has the check digit %2, but its first 14 digits "
                                   "give %3 (Luhn): a digit is wrong.")
                                .arg(QString::fromLatin1(digits))
                                .arg(digits[14] - '0')
                                .arg(luhnCheckDigit(QByteArrayView(digits).first(14)));
        } else {
            check.deviceId = digits;
        }
        return check;
    }
    // Spreadsheets turn a long number into "3.52911E+14": the IMEI is lost in that cell.
    if (!value.isEmpty() && isDigit(value[0])
        && (value.contains(QByteArrayView("E+")) || value.contains(QByteArrayView("e+")))) {
        check.problem = Tr::tr("%1 looks like an IMEI a spreadsheet turned into a rounded number; "
                               "export the column as text.")
                            .arg(shown(value));
        return check;
    }
    if (!allowed || !letter || value.size() < 4 || value.size() > 64) {
        check.problem = Tr::tr("%1 is neither an IMEI (15 digits) nor a serial number (4 to 64 "
                               "letters, digits and - _ . / : with at least one letter).")
                            .arg(shown(value));
        return check;
    }
    check.deviceId = value.toByteArray();
    return check;
}

QDate parseDate(QByteArrayView value)
{
    if (value.size() != 10 || value[4] != '-' || value[7] != '-')
        return {};
    const int year = number(value, 0, 4);
    const int month = number(value, 5, 2);
    const int day = number(value, 8, 2);
    if (year < 0 || month < 0 || day < 0)
        return {};
    return QDate(year, month, day); // invalid for 2024-02-30
}

QDateTime parseDateTime(QByteArrayView value)
{
    const QDate date = parseDate(value.first(qMin<qsizetype>(value.size(), 10)));
    if (!date.isValid())
        return {};
    if (value.size() == 10)
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    if (value.size() < 16 || (value[10] != 'T' && value[10] != ' ') || value[13] != ':')
        return {};
    const int hour = number(value, 11, 2);
    const int minute = number(value, 14, 2);
    int second = 0;
    qsizetype pos = 16;
    if (pos < value.size() && value[pos] == ':') {
        second = number(value, pos + 1, 2);
        pos += 3;
        if (pos < value.size() && (value[pos] == '.' || value[pos] == ',')) {
            ++pos;
            while (pos < value.size() && isDigit(value[pos]))
                ++pos; // fractions of a second do not matter for a check-in
        }
    }
    const QTime time(hour, minute, qMax(second, 0));
    if (hour < 0 || minute < 0 || second < 0 || !time.isValid())
        return {};
    const QDateTime utc(date, time, Qt::UTC);
    const QByteArrayView zone = value.sliced(pos);
    if (zone.isEmpty() || zone == "Z" || zone == "z")
        return utc;
    if (zone[0] != '+' && zone[0] != '-')
        return {};
    const int zoneHours = number(zone, 1, 2);
    const qsizetype minutesAt = zone.size() == 6 && zone[3] == ':' ? 4 : 3;
    const int zoneMinutes = zone.size() == 3 ? 0 : number(zone, minutesAt, 2);
    if (zoneHours < 0 || zoneHours > 14 || zoneMinutes < 0 || zoneMinutes > 59
        || (zone.size() != 3 && zone.size() != 5 && zone.size() != 6))
        return {};
    const int offset = (zoneHours * 60 + zoneMinutes) * 60 * (zone[0] == '-' ? -1 : 1);
    return utc.addSecs(-offset);
}

QString dateProblem(QByteArrayView value, bool withTime)
{
    const QString text = shown(value);
    if (value.size() >= 8 && value.size() <= 10 && (value.contains('.') || value.contains('/'))) {
        return Tr::tr("%1 is not a date in the form YYYY-MM-DD; day and month orders differ "
                      "between countries, so it is not guessed.")
            .arg(text);
    }
    if (value.size() >= 10 && value[4] == '-' && value[7] == '-' && number(value, 0, 4) >= 0
        && number(value, 5, 2) >= 0 && number(value, 8, 2) >= 0
        && !parseDate(value.first(10)).isValid())
        return Tr::tr("%1 is not a day of the calendar.").arg(text);
    return withTime ? Tr::tr("%1 is not a date (YYYY-MM-DD) or a date and time "
                             "(YYYY-MM-DDThh:mm:ss, with Z or an offset).")
                          .arg(text)
                    : Tr::tr("%1 is not a date in the form YYYY-MM-DD.").arg(text);
}

int parseExceptions(QByteArrayView value, QString *unknown)
{
    int flags = NoException;
    qsizetype begin = 0;
    auto isSeparator = [](char c) {
        return c == '|' || c == ',' || c == ';' || c == '/' || c == '+' || c == '&' || c == ' '
            || c == '\t';
    };
    while (begin < value.size()) {
        qsizetype end = begin;
        while (end < value.size() && !isSeparator(value[end]))
            ++end;
        const QByteArray word = value.sliced(begin, end - begin).toByteArray().toLower();
        begin = end + 1;
        if (word.isEmpty() || word == "none" || word == "-" || word == "no")
            continue;
        if (word == "rooted" || word == "root" || word == "jailbroken")
            flags |= Rooted;
        else if (word == "ported" || word == "portedout" || word == "port")
            flags |= Ported;
        else {
            if (unknown)
                *unknown = QString::fromUtf8(word);
            return -1;
        }
    }
    return flags;
}

int parseFlag(QByteArrayView value)
{
    if (value.isEmpty())
        return -1;
    const QByteArray word = value.toByteArray().toLower();
    if (word == "yes" || word == "y" || word == "true" || word == "1" || word == "x" || word == "ja"
        || word == "j")
        return 1;
    if (word == "no" || word == "n" || word == "false" || word == "0" || word == "nein"
        || word == "-")
        return 0;
    return -2;
}

} // namespace Patchboard::InventoryValues
