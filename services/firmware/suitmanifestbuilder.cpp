// SPDX-License-Identifier: Apache-2.0
#include "suitmanifestbuilder.h"

#include "manifest/suitdigest.h"
#include "manifest/suitlabels.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

namespace Patchboard {

namespace {

// Conditions carry a reporting policy; 15 = report on success and failure, record everything.
constexpr qint64 ReportAll = 15;

} // namespace

QByteArray SuitManifestBuilder::build() const
{
    using namespace SuitLabel;
    QCborArray ids;
    QCborArray shared;
    for (qsizetype i = 0; i < m_components.size(); ++i) {
        const Component &c = m_components[i];
        QCborArray id;
        for (const QByteArray &part : c.id)
            id.append(part);
        ids.append(id);

        const QByteArray digest = SuitDigest{DigestSha256, c.sha256}.toCbor();
        QCborMap parameters;
        parameters.insert(ParameterVendorIdentifier, c.vendorId);
        parameters.insert(ParameterClassIdentifier, c.classId);
        parameters.insert(ParameterImageDigest, digest);
        parameters.insert(ParameterImageSize, qint64(c.size));
        shared.append(DirectiveSetComponentIndex);
        shared.append(i);
        shared.append(DirectiveOverrideParameters);
        shared.append(parameters);
        shared.append(ConditionVendorIdentifier);
        shared.append(ReportAll);
        shared.append(ConditionClassIdentifier);
        shared.append(ReportAll);
    }
    QCborMap common;
    common.insert(Components, ids);
    if (!shared.isEmpty())
        common.insert(SharedSequence, QCborValue(shared).toCbor());

    const QCborArray validate{DirectiveSetComponentIndex, true, ConditionImageMatch, ReportAll};

    QCborMap manifest;
    manifest.insert(ManifestVersion, 1);
    manifest.insert(SequenceNumber, qint64(m_sequence));
    manifest.insert(Common, QCborValue(common).toCbor());
    manifest.insert(Validate, QCborValue(validate).toCbor());
    return QCborValue(manifest).toCbor();
}

} // namespace Patchboard
