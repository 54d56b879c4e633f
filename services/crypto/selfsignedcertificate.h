// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

namespace Patchboard {

// The self-signed development certificate of patchboard-server (issue #6: "a self-signed
// development certificate generated on first start, with its fingerprint printed"): a P-256 key
// and an X.509 v3 certificate for "patchboard-server development", valid for a year, naming
// localhost, 127.0.0.1, ::1 and the given host names.
//
// A console trusts it in one of two ways (ApiClient, ServerEndpoint): by pinning its SHA-256
// fingerprint, or by taking the certificate file as a CA file. For the second, the certificate
// must verify as its own issuer, so it is a CA certificate (basicConstraints CA:TRUE, pathlen 0;
// keyUsage keyCertSign + digitalSignature) that is also a TLS server certificate
// (extendedKeyUsage serverAuth) - the usual shape of a development certificate. The console
// adds a CA file only to its connections to this server, so its key vouches for nothing else.
class SelfSignedCertificate
{
public:
    struct Pem
    {
        QByteArray certificate;
        QByteArray key; // PKCS#8, unencrypted: handle as a secret
    };

    // A new key and certificate. hostNames may hold DNS names and IP addresses; a name that is
    // neither is refused (InvalidArgument), since it would end up in the certificate.
    static Result<Pem> create(const QStringList &hostNames, int days = 365);

    // SHA-256 over the certificate's DER (32 bytes; empty for a null certificate), as
    // ServerEndpoint::pinnedSha256 takes it.
    static QByteArray sha256Fingerprint(const QSslCertificate &certificate);
    // "AB:CD:...", the way patchboard-server prints a fingerprint and the console reads it.
    static QString fingerprintText(const QByteArray &sha256);
};

// Writes a self-signed development certificate and its key (PEM; the key readable by its owner
// only) unless both exist. Both existing and usable: nothing is written. Only one of them, an
// unreadable or expired one: an error naming the file and what to do; nothing is overwritten,
// since a new certificate has a new fingerprint that every console would have to pin again.
Status ensureDevelopmentCertificate(const QString &certPath, const QString &keyPath,
                                    const QStringList &hostNames);

} // namespace Patchboard
