// SPDX-License-Identifier: Apache-2.0
#include "releasenotesview.h"

#include "releasechangemodel.h"
#include "releaseformat.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

ReleaseNotesView::ReleaseNotesView(QWidget *parent)
    : QWidget(parent)
    , m_changes(new ReleaseChangeModel(this))
    , m_claims(new QLabel(this))
    , m_table(new QTableView(this))
    , m_noticeTitle(new QLabel(this))
    , m_notice(new QLabel(this))
{
    m_claims->setWordWrap(true);
    m_claims->setTextFormat(Qt::PlainText);
    m_claims->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setModel(m_changes);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Changes"));

    // The notice as a card, roughly as a device would show it.
    auto *card = new QFrame(this);
    card->setFrameShape(QFrame::StyledPanel);
    card->setBackgroundRole(QPalette::Base);
    card->setAutoFillBackground(true);
    card->setMaximumWidth(420);
    QFont titleFont = m_noticeTitle->font();
    titleFont.setBold(true);
    m_noticeTitle->setFont(titleFont);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *cardLayout = new QVBoxLayout(card);
    cardLayout->addWidget(m_noticeTitle);
    cardLayout->addWidget(m_notice);

    auto *noticeTitle = new QLabel(tr("End-user notice (preview)"), this);
    QFont bold = noticeTitle->font();
    bold.setBold(true);
    noticeTitle->setFont(bold);
    auto *side = new QVBoxLayout;
    side->addWidget(noticeTitle);
    side->addWidget(card);
    side->addStretch(1);
    auto *main = new QVBoxLayout;
    main->addWidget(m_claims);
    main->addWidget(m_table, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(main, 3);
    layout->addLayout(side, 1);
}

QString ReleaseNotesView::noticeText() const
{
    return m_notice->text();
}

void ReleaseNotesView::setDetail(const ReleaseDetail &detail)
{
    const ReleaseNotes &notes = detail.notes;
    m_changes->setChanges(notes.changes, detail.offendingChanges, notes.type);
    m_table->resizeColumnsToContents();
    if (notes.version.isEmpty()) {
        m_claims->setText(tr("The release notes could not be read; see the verification "
                             "checklist."));
    } else {
        m_claims->setText(tr("%1 release %2, claimed security patch level %3, for %4. %Ln CVE(s) "
                             "listed.",
                             nullptr, int(notes.cves().size()))
                              .arg(ReleaseFormat::typeName(notes.type), notes.version,
                                   notes.patchLevel.toString(),
                                   ReleaseFormat::models(notes.targetModels)));
    }
    // SSU-COM-0020: a security update says so.
    m_noticeTitle->setText(notes.type == ReleaseType::Security ? tr("Security update")
                                                               : tr("Software update"));
    m_notice->setText(notes.endUserNotice.isEmpty() ? tr("(no notice)") : notes.endUserNotice);
}

} // namespace Patchboard
