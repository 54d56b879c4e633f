// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace Patchboard {

// Device IDs of the database and of an import file in one compact hash set: the characters back
// to back in one array and an open-addressing table of 32-bit slots, about 30 bytes an ID where
// a QSet<QByteArray> takes over 80. An import of a million rows into a fleet of a million
// devices looks up every ID here, to find duplicates in the file and devices already stored.
class DeviceIdSet
{
public:
    static constexpr qsizetype MaxIdBytes = 255;

    struct Entry
    {
        quint32 offset = 0; // into the character array
        quint8 length = 0;
        quint32 line = 0; // first line of the file that names the ID; 0: not in the file
        qint64 storageId = 0; // devices.id; 0: not in the database
    };

    void reserve(qsizetype ids);
    // The entry of id, inserted (zeroed) when new. IDs longer than MaxIdBytes are not stored:
    // -1 is returned (no valid device ID is that long).
    qint64 insert(QByteArrayView id, bool *inserted = nullptr);
    Entry &entry(qint64 index) { return m_entries[std::size_t(index)]; }
    const Entry &entry(qint64 index) const { return m_entries[std::size_t(index)]; }
    QByteArrayView id(qint64 index) const;
    qsizetype size() const { return qsizetype(m_entries.size()); }

private:
    void grow();

    QByteArray m_chars;
    std::vector<Entry> m_entries;
    std::vector<quint32> m_slots; // entry index + 1; 0 = empty
};

} // namespace Patchboard
