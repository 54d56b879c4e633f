// SPDX-License-Identifier: Apache-2.0
#include "releaseverificationview.h"

#include "deviceformat.h"
#include "releasechangemodel.h"
#include "releasecheckmodel.h"
#include "releaseformat.h"
#include "vulnerabilitymodel.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

QLabel *valueLabel(QWidget *parent, bool monospace = false)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    if (monospace)
        label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return label;
}

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

void setTone(QLabel *label, const QColor &color)
{
    QPalette palette = label->parentWidget() ? label->parentWidget()->palette() : label->palette();
    if (color.isValid())
        palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAccessibleName(name);
    return table;
}

// Hex digests in groups of eight, so that they wrap in a narrow column and can be compared with
// the Author's published value group by group.
QString groupedHex(const QString &hex)
{
    QStringList groups;
    for (qsizetype i = 0; i < hex.size(); i += 8)
        groups.append(hex.mid(i, 8));
    return groups.join(QLatin1Char(' '));
}

} // namespace

ReleaseVerificationView::ReleaseVerificationView(QWidget *parent)
    : QWidget(parent)
    , m_checks(new ReleaseCheckModel(this))
    , m_missing(new VulnerabilityModel(this))
    , m_summary(valueLabel(this))
    , m_signer(valueLabel(this, true))
    , m_algorithm(valueLabel(this))
    , m_manifestDigest(valueLabel(this, true))
    , m_ids(valueLabel(this, true))
    , m_images(valueLabel(this))
    , m_securityOnly(valueLabel(this))
    , m_missingStack(new QStackedWidget(this))
    , m_missingNone(valueLabel(this))
{
    m_checkTable = makeTable(m_checks, tr("Verification checklist"), this);
    m_missingTable = makeTable(m_missing, tr("Missing CVEs"), this);
    m_missingStack->addWidget(m_missingNone);
    m_missingStack->addWidget(m_missingTable);
    m_missingNone->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    QFont summaryFont = m_summary->font();
    summaryFont.setBold(true);
    m_summary->setFont(summaryFont);

    auto *left = new QVBoxLayout;
    left->addWidget(m_summary);
    left->addWidget(m_checkTable, 1);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("Signer key (SHA-256):"), m_signer);
    form->addRow(tr("Algorithm:"), m_algorithm);
    form->addRow(tr("Manifest digest:"), m_manifestDigest);
    form->addRow(tr("Vendor / class ID:"), m_ids);
    form->addRow(tr("Images:"), m_images);
    // The facts beside the checklist scroll when the window is small rather than being clipped.
    auto *side = new QWidget(this);
    auto *right = new QVBoxLayout(side);
    right->setContentsMargins(0, 0, 0, 0);
    right->addWidget(sectionTitle(tr("Signature and digests"), this));
    right->addLayout(form);
    right->addSpacing(6);
    right->addWidget(sectionTitle(tr("Security-only claim (SSU-SEC-0010)"), this));
    right->addWidget(m_securityOnly);
    right->addSpacing(6);
    right->addWidget(sectionTitle(tr("Bulletin CVEs missing from the notes"), this));
    right->addWidget(m_missingStack, 1);
    right->addStretch(0);

    auto *layout = new QHBoxLayout(this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(side);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->viewport()->setAutoFillBackground(false); // the tab page's background shows through
    side->setAutoFillBackground(false);
    layout->addLayout(left, 2);
    layout->addWidget(scroll, 1);
}

QString ReleaseVerificationView::summaryText() const
{
    return m_summary->text();
}

QString ReleaseVerificationView::securityOnlyText() const
{
    return m_securityOnly->text();
}

QString ReleaseVerificationView::signerText() const
{
    return m_signer->text();
}

void ReleaseVerificationView::setDetail(const ReleaseDetail &detail)
{
    m_checks->setChecks(detail.checks);
    const int failed = m_checks->failedBlocking();
    const int warnings = m_checks->warnings();
    if (detail.checks.isEmpty()) {
        m_summary->setText(tr("Not verified yet."));
        setTone(m_summary, {});
    } else if (failed > 0) {
        QStringList names;
        for (const ReleaseCheck &check : detail.checks) {
            if (check.blocking && !check.passed)
                names.append(ReleaseFormat::checkName(check.name));
        }
        m_summary->setText(ReleaseFormat::crossMark() + QLatin1Char(' ')
                           + tr("%Ln blocking check(s) failed: %1", nullptr, failed)
                                 .arg(QLocale().createSeparatedList(names)));
        setTone(m_summary, DeviceFormat::criticalColor());
    } else {
        m_summary->setText(
            warnings > 0
                ? QString(DeviceFormat::warningMarker()
                          + tr("No check that blocks approval failed; %Ln warning(s) to read.",
                               nullptr, warnings))
                : QString(ReleaseFormat::checkMark() + QLatin1Char(' ')
                          + tr("All %Ln check(s) passed.", nullptr, int(detail.checks.size()))));
        setTone(m_summary,
                warnings > 0 ? DeviceFormat::warningColor() : ReleaseFormat::goodColor());
    }
    m_checkTable->resizeColumnToContents(ReleaseCheckModel::ResultColumn);
    m_checkTable->resizeColumnToContents(ReleaseCheckModel::CheckColumn);
    m_checkTable->resizeColumnToContents(ReleaseCheckModel::EffectColumn);

    const QString unknown = tr("not recorded (no trusted signature)");
    m_signer->setText(detail.signerFingerprint.isEmpty() ? unknown
                                                         : groupedHex(detail.signerFingerprint));
    m_algorithm->setText(detail.algorithm.isEmpty() ? tr("unknown") : detail.algorithm);
    m_manifestDigest->setText(detail.manifestDigest.isEmpty() ? tr("unknown")
                                                              : groupedHex(detail.manifestDigest));
    m_ids->setText(
        tr("%1\n%2", "vendor id, class id")
            .arg(groupedHex(detail.summary.vendorId), groupedHex(detail.summary.classId)));
    QStringList images;
    for (const ReleaseImage &image : detail.images)
        images.append(tr("%1 (%2 bytes)").arg(image.name, DeviceFormat::number(image.size)));
    m_images->setText(images.isEmpty() ? tr("none recorded") : images.join(QLatin1Char('\n')));

    // SSU-SEC-0010, spelled out with the changes that break it.
    if (detail.summary.type != ReleaseType::Security) {
        m_securityOnly->setText(tr("Not claimed: this is a %1 release.")
                                    .arg(ReleaseFormat::typeName(detail.summary.type).toLower()));
        setTone(m_securityOnly, {});
    } else if (detail.offendingChanges.isEmpty()) {
        m_securityOnly->setText(ReleaseFormat::checkMark() + QLatin1Char(' ')
                                + tr("Every change is a security fix with a CVE."));
        setTone(m_securityOnly, ReleaseFormat::goodColor());
    } else {
        QStringList lines{ReleaseFormat::crossMark() + QLatin1Char(' ')
                          + tr("%Ln change(s) breaking the claim:", nullptr,
                               int(detail.offendingChanges.size()))};
        for (int i : detail.offendingChanges) {
            if (i < 0 || i >= detail.notes.changes.size())
                continue;
            const ReleaseChange &change = detail.notes.changes[i];
            lines.append(QStringLiteral("\u2022 ") + change.description + QStringLiteral(" \u2014 ")
                         + ReleaseChangeModel::problem(change));
        }
        m_securityOnly->setText(lines.join(QLatin1Char('\n')));
        setTone(m_securityOnly, DeviceFormat::criticalColor());
    }

    m_missing->setVulnerabilities(detail.missingCves);
    if (detail.missingCves.isEmpty()) {
        const ReleaseCheck *cross = nullptr;
        for (const ReleaseCheck &check : detail.checks) {
            if (check.name == QLatin1String("cve-cross-check"))
                cross = &check;
        }
        m_missingNone->setText(cross && !cross->passed ? cross->reason
                                                       : tr("None: the notes list every CVE the "
                                                            "imported bulletins fix up to the "
                                                            "claimed patch level."));
        m_missingStack->setCurrentWidget(m_missingNone);
    } else {
        m_missingStack->setCurrentWidget(m_missingTable);
        m_missingTable->resizeColumnsToContents();
    }
}

} // namespace Patchboard
