// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Patchboard {

// The release bundle an Author hands to the Firmware Server (docs/release-format.md):
//
//   NAME.pbrelease/
//     manifest.suit      signed SUIT envelope (COSE_Sign1, ES256 or EdDSA)
//     notes.json         release notes; component ["notes.json"] of the manifest
//     images/NAME        payload images; component ["images", NAME] each
//
// Every file but the manifest is a manifest component with its SHA-256 and size, so one
// signature covers the notes and every image. Nothing else may be in the bundle: a file the
// manifest does not list is not covered by the signature and is refused, as are symbolic links.
class ReleaseBundle
{
public:
    static constexpr int MaxImages = 32;
    static constexpr qint64 MaxImageSize = qint64(4) * 1024 * 1024 * 1024; // 4 GiB each
    static constexpr qint64 MaxTotalSize = qint64(16) * 1024 * 1024 * 1024;
    static constexpr int MaxImageNameLength = 100;

    static QString manifestFile() { return QStringLiteral("manifest.suit"); }
    static QString notesFile() { return QStringLiteral("notes.json"); }
    static QString imagesDir() { return QStringLiteral("images"); }
    static QString suffix() { return QStringLiteral(".pbrelease"); }

    // An image name is one path segment of [A-Za-z0-9._-], not starting with '.', at most 100
    // characters: no traversal ("..", "/"), no absolute paths, no hidden or device names.
    // Returns an empty string when valid, otherwise why it is not.
    static QString imageNameProblem(const QString &name);

    static QList<QByteArray> notesComponentId();
    static QList<QByteArray> imageComponentId(const QString &name);
    // The bundle-relative path a component ID stands for ("notes.json", "images/NAME"), or empty
    // when the ID is not one a bundle uses.
    static QString pathForComponent(const QList<QByteArray> &id);

    // What a directory holds, checked against the layout without reading file contents.
    struct Layout
    {
        QString dir;
        QString manifestPath;
        QString notesPath;
        QMap<QString, QString> images; // name -> absolute path
        QStringList problems; // empty when the layout is right
        bool ok() const { return problems.isEmpty(); }
    };
    static Layout scan(const QString &dir);

    // A directory with a manifest.suit in it.
    static bool isBundle(const QString &path);
};

} // namespace Patchboard
