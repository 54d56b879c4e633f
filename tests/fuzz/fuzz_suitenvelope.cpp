// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: arbitrary bytes into the SUIT envelope verifier (and, on the same bytes, the
// COSE_Sign1 parser). Anything but a clean refusal or verification - a crash, a sanitizer report,
// a hang, unbounded memory - is a finding.
#include "crypto/cosesign1.h"
#include "manifest/suitverifier.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Patchboard;

namespace {

// The P-256 key printed in draft-ietf-suit-manifest: the seed corpus (the SUIT examples) verifies
// with it, so the fuzzer starts from inputs that reach every check.
const char ExampleKey[] = "-----BEGIN PUBLIC KEY-----\n"
                          "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEhJaBGq4LqqvSYVcYnuzaJr6qi/Eb\n"
                          "bz/m4rVlnIXbwK07HypLbAmBMcCjbazR14vTgdzfsJwFLbM5kdtzOLSolg==\n"
                          "-----END PUBLIC KEY-----\n";

const PublicKey &exampleKey()
{
    static const PublicKey key = [] {
        Result<PublicKey> loaded = PublicKey::fromPem(QByteArrayView(ExampleKey));
        if (!loaded.ok()) {
            std::fprintf(stderr, "cannot load the example key\n");
            std::abort();
        }
        return std::move(loaded).value();
    }();
    return key;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const ManifestVerification verification = SuitVerifier::verify(input, exampleKey());
    // Invariants a UI relies on: a verified result ran the core checks, and every refusal says why.
    if (verification.isVerified()
        && (!verification.check(ManifestCheckId::Signature) || !verification.decoded))
        std::abort();
    for (const ManifestCheck &check : verification.checks) {
        if (!check.passed && check.reason.isEmpty())
            std::abort();
    }
    const Result<CoseSign1> cose = CoseSign1::parse(input);
    if (cose.ok())
        (void)cose.value().verify(exampleKey(), {},
                                  cose.value().isDetached() ? std::optional<QByteArrayView>(input)
                                                            : std::nullopt);
    return 0;
}
