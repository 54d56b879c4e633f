// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace Patchboard {

// The key types Patchboard signs and verifies with. Anything else (RSA, P-384, Ed448, ...) is
// refused when the key is loaded, so a non-null key always has one of these types.
enum class KeyType {
    None,
    EcP256, // NIST P-256 (prime256v1): COSE ES256 / ESP256
    Ed25519, // COSE EdDSA / Ed25519
};

} // namespace Patchboard
