// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QString>

namespace Patchboard::RolloutReason {

// What the engine decided and why, stored as JSON so that it is shown in the language of whoever
// reads it (an operator's own words are stored as they typed them and shown as they are).
//   {"kind":"error-threshold","wave":2,"failed":12,"results":150,"threshold":5}
//   {"kind":"below-success","wave":2,"succeeded":140,"size":150,"threshold":95}
//   {"kind":"release-withdrawn","version":"2.4.1"}
//   {"kind":"started"} {"kind":"wave-started","wave":2} {"kind":"gate-opened","wave":1}
//   {"kind":"completed","succeeded":980,"failed":20,"expired":0}
//   {"kind":"deadline","expired":31}  {"kind":"created"}
QString encode(const QJsonObject &reason);
// The display text of a stored reason: engine reasons translated, anything else as stored.
QString describe(const QString &stored);

} // namespace Patchboard::RolloutReason
