// SPDX-License-Identifier: Apache-2.0
#include "tst_suitkit.h"

#include <QFile>
#include <QStringList>

namespace Patchboard::SuitKit {

QString suitFile(const QString &name)
{
    return QStringLiteral(PATCHBOARD_TESTDATA_DIR "/suit/") + name;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

PublicKey exampleKey()
{
    Result<PublicKey> key
        = PublicKey::fromPemFile(suitFile(QStringLiteral("suit-examples-public-key.pem")));
    return key.ok() ? std::move(key).value() : PublicKey();
}

QByteArray describe(const ManifestVerification &v)
{
    QStringList lines;
    for (const ManifestCheck &c : v.checks)
        lines.append(
            QStringLiteral("%1 %2: %3")
                .arg(c.passed ? QStringLiteral("ok") : QStringLiteral("FAILED"), c.name, c.reason));
    return lines.join(QLatin1Char('\n')).toUtf8();
}

} // namespace Patchboard::SuitKit
