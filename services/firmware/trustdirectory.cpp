// SPDX-License-Identifier: Apache-2.0
#include "trustdirectory.h"

#include <QDir>
#include <QFileInfo>
#include <QUuid>

namespace Patchboard {

QString TrustDirectory::vendorFolderName(const QByteArray &vendorId)
{
    return QString::fromLatin1(vendorId.toHex());
}

QList<PublicKey> TrustDirectory::keysFor(const QByteArray &vendorId) const
{
    m_problems.clear();
    QList<PublicKey> keys;
    if (vendorId.isEmpty())
        return keys;
    QStringList folders{vendorFolderName(vendorId)};
    if (vendorId.size() == 16)
        folders.append(QUuid::fromRfc4122(vendorId).toString(QUuid::WithoutBraces));
    for (const QString &folder : std::as_const(folders)) {
        const QDir dir(QDir(m_path).filePath(folder));
        if (!dir.exists())
            continue;
        const QFileInfoList files
            = dir.entryInfoList({QStringLiteral("*.pem")}, QDir::Files, QDir::Name);
        for (const QFileInfo &file : files) {
            Result<PublicKey> key = PublicKey::fromPemFile(file.absoluteFilePath());
            if (!key) {
                m_problems.append(
                    QStringLiteral("%1: %2").arg(file.absoluteFilePath(), key.error().message));
                continue;
            }
            keys.append(std::move(key).value());
        }
    }
    return keys;
}

} // namespace Patchboard
