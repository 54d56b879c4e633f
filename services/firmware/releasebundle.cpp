// SPDX-License-Identifier: Apache-2.0
#include "releasebundle.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Patchboard {

namespace {

// The translation context of this file's messages. Call Tr::tr() everywhere, also in free
// functions and lambdas: lupdate takes the context from Q_DECLARE_TR_FUNCTIONS, so the context
// it extracts is the one looked up at run time (for a plain tr() it uses the enclosing scope).
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::ReleaseBundle)
};

} // namespace

QString ReleaseBundle::imageNameProblem(const QString &name)
{
    if (name.isEmpty())
        return Tr::tr("An image name is empty.");
    if (name.size() > MaxImageNameLength)
        return Tr::tr("The image name \"%1\" is longer than %2 characters.")
            .arg(name.left(MaxImageNameLength))
            .arg(MaxImageNameLength);
    if (name.startsWith(QLatin1Char('.')))
        return Tr::tr("The image name \"%1\" starts with a dot.").arg(name);
    for (QChar c : name) {
        const bool allowed = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('.')
            || c == QLatin1Char('_') || c == QLatin1Char('-');
        if (!allowed)
            return Tr::tr("The image name \"%1\" has a character other than letters, digits, '.', "
                          "'_' and '-' (no paths).")
                .arg(name);
    }
    return {};
}

QList<QByteArray> ReleaseBundle::notesComponentId()
{
    return {notesFile().toUtf8()};
}

QList<QByteArray> ReleaseBundle::imageComponentId(const QString &name)
{
    return {imagesDir().toUtf8(), name.toUtf8()};
}

QString ReleaseBundle::pathForComponent(const QList<QByteArray> &id)
{
    if (id == notesComponentId())
        return notesFile();
    if (id.size() == 2 && id.first() == imagesDir().toUtf8()) {
        const QString name = QString::fromUtf8(id.at(1));
        // Round trip through UTF-8 so that invalid bytes cannot pass as a valid name.
        if (imageNameProblem(name).isEmpty() && name.toUtf8() == id.at(1))
            return imagesDir() + QLatin1Char('/') + name;
    }
    return {};
}

bool ReleaseBundle::isBundle(const QString &path)
{
    const QFileInfo info(path);
    return info.isDir() && QFileInfo(QDir(path).filePath(manifestFile())).exists();
}

ReleaseBundle::Layout ReleaseBundle::scan(const QString &dirPath)
{
    Layout layout;
    const QFileInfo dirInfo(dirPath);
    layout.dir = dirInfo.absoluteFilePath();
    if (!dirInfo.isDir()) {
        layout.problems.append(Tr::tr("%1 is not a directory.").arg(dirPath));
        return layout;
    }
    const QDir dir(layout.dir);
    const QDir::Filters all = QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;
    const QFileInfoList entries = dir.entryInfoList(all, QDir::Name);
    bool hasImagesDir = false;
    for (const QFileInfo &entry : entries) {
        const QString name = entry.fileName();
        if (entry.isSymLink()) {
            layout.problems.append(
                Tr::tr("%1 is a symbolic link; a bundle holds plain files only.").arg(name));
            continue;
        }
        if (name == manifestFile() && entry.isFile()) {
            layout.manifestPath = entry.absoluteFilePath();
        } else if (name == notesFile() && entry.isFile()) {
            layout.notesPath = entry.absoluteFilePath();
        } else if (name == imagesDir() && entry.isDir()) {
            hasImagesDir = true;
        } else {
            layout.problems.append(
                Tr::tr("%1 does not belong in a release bundle (only %2, %3 and %4/).")
                    .arg(name, manifestFile(), notesFile(), imagesDir()));
        }
    }
    if (layout.manifestPath.isEmpty())
        layout.problems.append(Tr::tr("The bundle has no %1.").arg(manifestFile()));
    if (layout.notesPath.isEmpty())
        layout.problems.append(Tr::tr("The bundle has no %1.").arg(notesFile()));
    if (!hasImagesDir) {
        layout.problems.append(Tr::tr("The bundle has no %1/ folder.").arg(imagesDir()));
        return layout;
    }
    const QDir images(dir.filePath(imagesDir()));
    const QFileInfoList files = images.entryInfoList(all, QDir::Name);
    qint64 total = 0;
    for (const QFileInfo &file : files) {
        const QString name = file.fileName();
        if (file.isSymLink() || !file.isFile()) {
            layout.problems.append(Tr::tr("%1/%2 is not a plain file.").arg(imagesDir(), name));
            continue;
        }
        if (const QString problem = imageNameProblem(name); !problem.isEmpty()) {
            layout.problems.append(problem);
            continue;
        }
        if (file.size() > MaxImageSize) {
            layout.problems.append(Tr::tr("%1/%2 is larger than %3 GiB.")
                                       .arg(imagesDir(), name)
                                       .arg(MaxImageSize >> 30));
            continue;
        }
        total += file.size();
        layout.images.insert(name, file.absoluteFilePath());
    }
    if (layout.images.isEmpty() && files.isEmpty())
        layout.problems.append(Tr::tr("The bundle has no images."));
    if (layout.images.size() > MaxImages)
        layout.problems.append(Tr::tr("The bundle has %1 images; at most %2 are accepted.")
                                   .arg(layout.images.size())
                                   .arg(MaxImages));
    if (total > MaxTotalSize)
        layout.problems.append(
            Tr::tr("The images add up to more than %1 GiB.").arg(MaxTotalSize >> 30));
    return layout;
}

} // namespace Patchboard
