// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QtGlobal>

// CBOR labels of draft-ietf-suit-manifest (the IANA "SUIT Envelope Elements", "SUIT Manifest
// Elements", "SUIT Common Elements", "SUIT Commands" and "SUIT Parameters" registries).
namespace Patchboard::SuitLabel {

constexpr quint64 EnvelopeTag = 107; // SUIT_Envelope_Tagged

// SUIT_Envelope
constexpr qint64 Delegation = 1;
constexpr qint64 AuthenticationWrapper = 2;
constexpr qint64 Manifest = 3;

// SUIT_Manifest
constexpr qint64 ManifestVersion = 1;
constexpr qint64 SequenceNumber = 2;
constexpr qint64 Common = 3;
constexpr qint64 ReferenceUri = 4;
constexpr qint64 ManifestComponentId = 5; // draft-ietf-suit-trust-domains
constexpr qint64 Validate = 7;
constexpr qint64 Load = 8;
constexpr qint64 Invoke = 9;
// Severable members: in the manifest either inline (bstr) or as a SUIT_Digest of the envelope
// member.
constexpr qint64 DependencyResolution = 15; // draft-ietf-suit-trust-domains
constexpr qint64 PayloadFetch = 16;
constexpr qint64 CandidateVerification = 18; // draft-ietf-suit-trust-domains
constexpr qint64 Install = 20;
constexpr qint64 Text = 23;
constexpr qint64 Uninstall = 24; // draft-ietf-suit-trust-domains

// SUIT_Common
constexpr qint64 Dependencies = 1;
constexpr qint64 Components = 2;
constexpr qint64 SharedSequence = 4;

// Commands: conditions
constexpr qint64 ConditionVendorIdentifier = 1;
constexpr qint64 ConditionClassIdentifier = 2;
constexpr qint64 ConditionImageMatch = 3;
constexpr qint64 ConditionUseBefore = 4; // draft-ietf-suit-update-management
constexpr qint64 ConditionComponentSlot = 5;
constexpr qint64 ConditionCheckContent = 6;
constexpr qint64 ConditionDependencyIntegrity = 7; // trust-domains
constexpr qint64 ConditionIsDependency = 8; // trust-domains
constexpr qint64 ConditionAbort = 14;
constexpr qint64 ConditionDeviceIdentifier = 24;
constexpr qint64 ConditionImageNotMatch = 25; // update-management
constexpr qint64 ConditionMinimumBattery = 26; // update-management
constexpr qint64 ConditionUpdateAuthorized = 27; // update-management
constexpr qint64 ConditionVersion = 28; // update-management
// Commands: directives
constexpr qint64 DirectiveWrite = 18;
constexpr qint64 DirectiveSetComponentIndex = 12;
constexpr qint64 DirectiveProcessDependency = 11; // trust-domains
constexpr qint64 DirectiveTryEach = 15;
constexpr qint64 DirectiveSetParameters = 19;
constexpr qint64 DirectiveOverrideParameters = 20;
constexpr qint64 DirectiveFetch = 21;
constexpr qint64 DirectiveCopy = 22;
constexpr qint64 DirectiveInvoke = 23;
constexpr qint64 DirectiveWait = 29; // update-management
constexpr qint64 DirectiveSwap = 31;
constexpr qint64 DirectiveRunSequence = 32;
constexpr qint64 DirectiveUnlink = 33; // trust-domains

// SUIT_Parameters
constexpr qint64 ParameterVendorIdentifier = 1;
constexpr qint64 ParameterClassIdentifier = 2;
constexpr qint64 ParameterImageDigest = 3;
constexpr qint64 ParameterComponentSlot = 5;
constexpr qint64 ParameterImageSize = 14;
constexpr qint64 ParameterUri = 21;

// COSE algorithm identifiers for SUIT_Digest (IANA "COSE Algorithms").
constexpr qint64 DigestSha256 = -16;

} // namespace Patchboard::SuitLabel
