// SPDX-License-Identifier: Apache-2.0
#include "deviceidset.h"

#include <QHashFunctions>

namespace Patchboard {

namespace {

std::size_t tableSizeFor(qsizetype ids)
{
    std::size_t size = 1024;
    while (size < std::size_t(ids) * 2) // at most half full: short probe sequences
        size *= 2;
    return size;
}

} // namespace

void DeviceIdSet::reserve(qsizetype ids)
{
    m_entries.reserve(std::size_t(ids));
    m_chars.reserve(ids * 16);
    if (m_slots.size() < tableSizeFor(ids)) {
        m_slots.assign(tableSizeFor(ids), 0);
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            std::size_t slot = qHash(id(qint64(i))) & (m_slots.size() - 1);
            while (m_slots[slot])
                slot = (slot + 1) & (m_slots.size() - 1);
            m_slots[slot] = quint32(i + 1);
        }
    }
}

void DeviceIdSet::grow()
{
    reserve(qsizetype(m_slots.empty() ? 512 : m_slots.size()));
}

QByteArrayView DeviceIdSet::id(qint64 index) const
{
    const Entry &e = m_entries[std::size_t(index)];
    return QByteArrayView(m_chars.constData() + e.offset, e.length);
}

qint64 DeviceIdSet::insert(QByteArrayView id, bool *inserted)
{
    if (inserted)
        *inserted = false;
    if (id.size() > MaxIdBytes)
        return -1;
    if ((m_entries.size() + 1) * 2 > m_slots.size())
        grow();
    const std::size_t mask = m_slots.size() - 1;
    std::size_t slot = qHash(id) & mask;
    while (const quint32 occupant = m_slots[slot]) {
        if (this->id(occupant - 1) == id)
            return occupant - 1;
        slot = (slot + 1) & mask;
    }
    Entry e;
    e.offset = quint32(m_chars.size());
    e.length = quint8(id.size());
    m_chars.append(id.data(), id.size());
    m_entries.push_back(e);
    m_slots[slot] = quint32(m_entries.size());
    if (inserted)
        *inserted = true;
    return qint64(m_entries.size()) - 1;
}

} // namespace Patchboard
