// SPDX-License-Identifier: Apache-2.0
#include "auditpage.h"

#include "audit/auditbackend.h"
#include "auditfilterbar.h"
#include "auditlogmodel.h"
#include "csvexport.h"
#include "deviceformat.h"
#include "releaseformat.h"

#include <QDir>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

constexpr int RefreshDelayMs = 300;

} // namespace

AuditPage::AuditPage(AuditBackend *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_model(new AuditLogModel(backend, this))
    , m_filterBar(new AuditFilterBar(this))
    , m_banner(new QFrame(this))
    , m_bannerText(new QLabel(m_banner))
    , m_count(new QLabel(this))
    , m_verification(new QLabel(this))
    , m_error(new QLabel(this))
    , m_verify(new QPushButton(tr("&Verify Chain"), this))
    , m_export(new QPushButton(tr("E&xport CSV\u2026"), this))
    , m_table(new QTableView(this))
{
    // The banner: a damaged log is the one thing on this page nobody may overlook.
    m_banner->setFrameShape(QFrame::Box);
    m_banner->setLineWidth(2);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_banner->setPalette(bannerPalette);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bannerFont = m_bannerText->font();
    bannerFont.setBold(true);
    m_bannerText->setFont(bannerFont);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText);
    m_banner->setAccessibleName(tr("Audit log warning"));
    m_banner->hide();

    m_count->setTextFormat(Qt::PlainText);
    m_verification->setTextFormat(Qt::PlainText);
    m_verification->setWordWrap(true);
    m_verification->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verification->setText(tr("The chain has not been checked yet."));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_error->setPalette(errorPalette);
    m_error->hide();
    m_verify->setToolTip(tr("Walk the whole hash chain: a changed, removed or inserted entry is "
                            "reported with its position."));
    m_export->setToolTip(tr("Write the entries matching the filters, with their hashes, to a "
                            "CSV file"));

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setAccessibleName(tr("Audit entries"));
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    rows->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // The store orders the log (newest first); no header sorting over a partly fetched log.
    const QFontMetrics fm = m_table->fontMetrics();
    const int widths[AuditLogModel::ColumnCount] = {
        fm.horizontalAdvance(QStringLiteral("000000")) + 16,
        fm.horizontalAdvance(DeviceFormat::dateTime(QDateTime(QDate(2026, 12, 28), QTime(23, 59))))
            + 24,
        fm.horizontalAdvance(QStringLiteral("demo-setup-operator")) + 16,
        fm.horizontalAdvance(tr("Rollout manager")) + 16,
        fm.horizontalAdvance(QStringLiteral("release.approve.refused")) + 16,
        fm.horizontalAdvance(QStringLiteral("release 12 (demo-1234.unknown-key)")) + 16,
        0};
    for (int column = 0; column + 1 < AuditLogModel::ColumnCount; ++column)
        m_table->setColumnWidth(column, widths[column]);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_count);
    actions->addSpacing(24);
    actions->addWidget(m_verify);
    actions->addWidget(m_verification, 1);
    actions->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_filterBar);
    layout->addLayout(actions);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);

    connect(m_filterBar, &AuditFilterBar::queryChanged, m_model, &AuditLogModel::setQuery);
    connect(m_verify, &QPushButton::clicked, this, &AuditPage::verifyChain);
    connect(m_export, &QPushButton::clicked, this, &AuditPage::exportCsv);
    connect(m_model, &AuditLogModel::pageLoaded, this, [this] {
        m_loaded = true;
        m_error->hide();
        updateCount();
        Q_EMIT entriesShown();
    });
    connect(m_model, &AuditLogModel::modelReset, this, &AuditPage::updateCount);
    connect(m_model, &AuditLogModel::errorOccurred, this, &AuditPage::showError);
    m_refreshDelay.setSingleShot(true);
    m_refreshDelay.setInterval(RefreshDelayMs);
    connect(&m_refreshDelay, &QTimer::timeout, this, [this] {
        if (isVisible())
            m_model->refresh();
        else
            m_stale = true; // fetched when the page is shown
    });
    m_model->setQuery(m_filterBar->query());
}

QString AuditPage::verificationText() const
{
    return m_verification->text();
}

QString AuditPage::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

void AuditPage::setVerification(const AuditVerification &v)
{
    const QString when = DeviceFormat::dateTime(QDateTime::currentDateTimeUtc());
    QPalette palette = this->palette();
    if (v.intact) {
        m_verification->setText(
            ReleaseFormat::checkMark() + QLatin1Char(' ')
            + tr("Chain intact: %Ln record(s) verified at %1.", nullptr, int(v.entries)).arg(when));
        palette.setColor(QPalette::WindowText, ReleaseFormat::goodColor());
        m_banner->hide();
    } else {
        const QString problem
            = tr("Chain broken at entry %1: %2").arg(v.firstBadSequence).arg(v.problem);
        m_verification->setText(ReleaseFormat::crossMark() + QLatin1Char(' ') + problem);
        palette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
        m_bannerText->setText(DeviceFormat::warningMarker()
                              + tr("The audit log has been tampered with or damaged. %1 Entries "
                                   "from there on cannot be trusted; keep a copy of the database "
                                   "file and report it.")
                                    .arg(problem));
        m_banner->show();
    }
    m_verification->setPalette(palette);
    m_model->setFirstBadSequence(v.intact ? 0 : v.firstBadSequence);
    Q_EMIT verified(v);
}

void AuditPage::verifyChain()
{
    if (!m_backend)
        return;
    m_verify->setEnabled(false);
    m_verification->setText(tr("Verifying the chain\u2026"));
    m_verification->setPalette(palette());
    m_backend->verify().then(this, [this](const Result<AuditVerification> &result) {
        m_verify->setEnabled(true);
        if (!result.ok()) {
            m_verification->setText(DeviceFormat::warningMarker() + result.error().text());
            return;
        }
        setVerification(result.value());
    });
}

void AuditPage::refresh()
{
    if (!m_refreshDelay.isActive())
        m_refreshDelay.start();
}

void AuditPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        m_model->refresh();
    }
}

void AuditPage::updateCount()
{
    const int rows = m_model->rowCount();
    if (!m_loaded)
        m_count->setText(tr("Loading the audit log\u2026"));
    else if (rows == 0)
        m_count->setText(tr("No entries match."));
    else if (m_model->atEnd())
        m_count->setText(tr("%Ln record(s)", nullptr, rows));
    else
        m_count->setText(tr("Newest %Ln record(s); scroll down for older ones", nullptr, rows));
    m_export->setEnabled(rows > 0 && !m_exporting);
}

void AuditPage::showError(const QString &message)
{
    m_error->setText(DeviceFormat::warningMarker() + message);
    m_error->show();
}

void AuditPage::exportCsv()
{
    if (m_exporting)
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder).filePath(
        tr("audit-%1.csv", "export file name").arg(QDate::currentDate().toString(Qt::ISODate)));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Audit Log"), suggested,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsvTo(path);
}

void AuditPage::exportCsvTo(const QString &path)
{
    if (!m_backend || m_exporting)
        return;
    m_exporting = true;
    m_export->setEnabled(false);
    CsvExport::Texts texts;
    texts.title = tr("Export Audit Log");
    texts.label = tr("Exporting audit entries\u2026");
    texts.done = [path](int written) {
        return tr("Exported %Ln audit record(s) to %1.", nullptr, written)
            .arg(QDir::toNativeSeparators(path));
    };
    CsvExport::watch(
        this, m_backend->exportCsv(m_model->query(), path), 0, texts,
        [this](const QString &message) { Q_EMIT statusMessage(message); },
        [this] {
            m_exporting = false;
            updateCount();
        });
}

} // namespace Patchboard
