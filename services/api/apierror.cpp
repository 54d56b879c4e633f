// SPDX-License-Identifier: Apache-2.0
#include "apierror.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <array>
#include <utility>

namespace Patchboard::ApiError {

namespace {

struct Api
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::Api)
};

using Code = ServiceError::Code;

struct Spelling
{
    Code code;
    const char *name;
    int status;
};

constexpr std::array<Spelling, 17> kSpellings{{
    {Code::None, "none", 200},
    {Code::InvalidArgument, "invalid-argument", 400},
    {Code::NotFound, "not-found", 404},
    {Code::StorageUnavailable, "storage-unavailable", 503},
    {Code::StorageCorrupt, "storage-corrupt", 500},
    {Code::SchemaTooNew, "schema-too-new", 500},
    {Code::ForeignDatabase, "foreign-database", 500},
    {Code::StorageFailure, "storage-failure", 500},
    {Code::Io, "io", 500},
    {Code::Cancelled, "cancelled", 409},
    {Code::PermissionDenied, "permission-denied", 403},
    {Code::Internal, "internal", 500},
    {Code::Unauthenticated, "unauthenticated", 401},
    {Code::RateLimited, "rate-limited", 429},
    {Code::Unreachable, "unreachable", 502},
    {Code::BadResponse, "bad-response", 502},
    {Code::TooLarge, "too-large", 413},
}};

const Spelling &spelling(Code code)
{
    for (const Spelling &s : kSpellings) {
        if (s.code == code)
            return s;
    }
    return kSpellings[11]; // internal
}

} // namespace

int httpStatus(ServiceError::Code code)
{
    return spelling(code).status;
}

QString codeName(ServiceError::Code code)
{
    return QLatin1String(spelling(code).name);
}

ServiceError::Code codeFromName(const QString &name)
{
    for (const Spelling &s : kSpellings) {
        if (name == QLatin1String(s.name))
            return s.code;
    }
    return Code::Internal;
}

QJsonObject toJson(const ServiceError &error)
{
    QJsonObject inner{{QStringLiteral("code"), codeName(error.code)},
                      {QStringLiteral("message"), error.message}};
    if (!error.hint.isEmpty())
        inner.insert(QStringLiteral("hint"), error.hint);
    return QJsonObject{{QStringLiteral("error"), inner}};
}

ServiceError fromResponse(int status, const QByteArray &body)
{
    const QJsonObject inner =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    const QString message = inner.value(QStringLiteral("message")).toString();
    if (!message.isEmpty()) {
        Code code = codeFromName(inner.value(QStringLiteral("code")).toString());
        if (code == Code::None)
            code = Code::Internal;
        return ServiceError::make(code, message, inner.value(QStringLiteral("hint")).toString());
    }
    // Not our error format: a proxy, a load balancer or something else answered.
    switch (status) {
    case 401:
        return ServiceError::make(Code::Unauthenticated, Api::tr("The server asks you to sign in."));
    case 403:
        return ServiceError::make(Code::PermissionDenied,
                                  Api::tr("The server refused the request (HTTP 403)."));
    case 404:
        return ServiceError::make(Code::NotFound, Api::tr("The server does not know this address (HTTP 404)."),
                                  Api::tr("Check the server address, and that it is a patchboard-server."));
    case 413:
        return ServiceError::make(Code::TooLarge, Api::tr("The request is too large for the server (HTTP 413)."));
    case 429:
        return ServiceError::make(Code::RateLimited, Api::tr("Too many requests; the server asks to wait (HTTP 429)."));
    case 502:
    case 503:
    case 504:
        return ServiceError::make(Code::Unreachable,
                                  Api::tr("The server is not available (HTTP %1).").arg(status),
                                  Api::tr("Patchboard retries by itself; check the server if this lasts."));
    default:
        return ServiceError::make(Code::BadResponse,
                                  Api::tr("The server answered HTTP %1 without an explanation.").arg(status),
                                  Api::tr("Check that the server is a patchboard-server of the same version."));
    }
}

} // namespace Patchboard::ApiError
