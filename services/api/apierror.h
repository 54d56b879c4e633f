// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/serviceerror.h"

#include <QJsonObject>
#include <QString>

namespace Patchboard::ApiError {

// How a ServiceError travels over HTTP: a status code and a body
// {"error": {"code": "permission-denied", "message": "...", "hint": "..."}}, so that a Remote
// backend gives the console the same error (code, message, hint) the Local one would.
int httpStatus(ServiceError::Code code);
QString codeName(ServiceError::Code code);
ServiceError::Code codeFromName(const QString &name); // unknown names: Internal
QJsonObject toJson(const ServiceError &error);
// The error of an HTTP answer that is not 2xx: from its JSON body when it has one, otherwise a
// message naming the status.
ServiceError fromResponse(int httpStatus, const QByteArray &body);

} // namespace Patchboard::ApiError
