// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QtGlobal>

namespace Patchboard {

class ApiServer;
class FirmwareBackend;

// The largest file one upload request may carry, unless the server says otherwise (the same
// default as PatchboardServer::Options::maxUploadBytes).
constexpr qint64 kDefaultMaxUploadBytes = qint64(512) << 20;

// The routes of the operator API: releases, tests, approvals, keys, bulletins, uploads.
// Uploads go into uploadDirectory/<uploadId>/ and nowhere else; each file at most
// maxUploadBytes.
void addFirmwareRoutes(ApiServer &server, FirmwareBackend &firmware, const QString &uploadDirectory);
void addFirmwareRoutes(ApiServer &server, FirmwareBackend &firmware, const QString &uploadDirectory,
                       qint64 maxUploadBytes);

} // namespace Patchboard
