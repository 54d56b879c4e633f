// SPDX-License-Identifier: Apache-2.0
#include "compliancereportdialog.h"

#include "compliancereportgatherer.h"
#include "compliancereportwriter.h"
#include "deviceformat.h"
#include "operatorsession.h"
#include "viewstyle.h"

#include <QDateEdit>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

const QLatin1String PdfSuffix(".pdf");

QString documentsFolder()
{
    const QString docs = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return docs.isEmpty() ? QDir::homePath() : docs;
}

} // namespace

ComplianceReportDialog::ComplianceReportDialog(TrackerBackend *tracker, FirmwareBackend *firmware,
                                               RolloutBackend *rollouts, OperatorSession *session,
                                               QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_gatherer(new ComplianceReportGatherer(tracker, firmware, rollouts, this))
    , m_date(new QDateEdit(this))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse\u2026"), this))
    , m_fileHint(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Compliance Report"));
    auto *intro = new QLabel(tr("A PDF for a regulator or a manager: the devices by patch age and "
                                "support status, the security update decisions against the 7-day "
                                "window (SSU-TES-0010), and the rollouts completed by the date."),
                             this);
    intro->setWordWrap(true);

    const QDate today = QDate::currentDate();
    m_date->setCalendarPopup(true);
    m_date->setMaximumDate(today); // what is recorded up to now; the future has no figures yet
    m_date->setDate(today);
    m_date->setAccessibleName(tr("Report date"));
    m_file->setText(defaultFileName(today));
    m_file->setAccessibleName(tr("File name of the report"));
    m_fileHint->setWordWrap(true);
    ViewStyle::setMuted(m_fileHint);

    m_progress->setTextVisible(false);
    m_progress->setRange(0, 0);
    m_progress->setAccessibleName(tr("Report progress"));
    m_progress->hide();
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_status->setMinimumHeight(m_status->fontMetrics().height() * 3);

    m_write = m_buttons->addButton(tr("&Write Report"), QDialogButtonBox::AcceptRole);
    m_write->setDefault(true);
    m_open = m_buttons->addButton(tr("&Open Report"), QDialogButtonBox::ActionRole);
    m_open->setEnabled(false);
    m_open->setToolTip(tr("Opens the report written last in the PDF viewer."));

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Report &date:"), m_date);
    // A row holding a layout gets no buddy from QFormLayout: the label needs one for Alt+S.
    auto *saveAs = new QLabel(tr("&Save as:"), this);
    saveAs->setBuddy(m_file);
    form->addRow(saveAs, fileRow);
    form->addRow(QString(), m_fileHint);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    connect(m_date, &QDateEdit::dateChanged, this, [this](QDate date) {
        if (!m_fileEdited)
            m_file->setText(defaultFileName(date));
    });
    connect(m_file, &QLineEdit::textEdited, this, [this] { m_fileEdited = true; });
    connect(m_file, &QLineEdit::textChanged, this, &ComplianceReportDialog::updateFileHint);
    connect(m_browse, &QPushButton::clicked, this, &ComplianceReportDialog::browse);
    connect(m_write, &QPushButton::clicked, this, &ComplianceReportDialog::write);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (!m_written.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_written));
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ComplianceReportDialog::reject);
    connect(m_gatherer, &ComplianceReportGatherer::progressChanged, this,
            [this](int done, int total, const QString &step) {
                m_progress->setRange(0, total);
                m_progress->setValue(done);
                showStatus(step, false);
            });
    connect(m_gatherer, &ComplianceReportGatherer::finished, this,
            &ComplianceReportDialog::onGathered);
    connect(m_gatherer, &ComplianceReportGatherer::failed, this, &ComplianceReportDialog::onFailed);
    updateFileHint();
    resize(560, sizeHint().height());
}

ComplianceReportDialog::~ComplianceReportDialog() = default;

QDate ComplianceReportDialog::date() const
{
    return m_date->date();
}

void ComplianceReportDialog::setDate(QDate date)
{
    m_date->setDate(date);
}

QString ComplianceReportDialog::fileName() const
{
    return m_file->text().trimmed();
}

void ComplianceReportDialog::setFileName(const QString &path)
{
    m_fileEdited = true;
    m_file->setText(path);
}

void ComplianceReportDialog::setPolicy(const CompliancePolicy &policy)
{
    m_gatherer->setPolicy(policy);
}

QString ComplianceReportDialog::statusText() const
{
    return m_status->text();
}

QString ComplianceReportDialog::defaultFileName(QDate date)
{
    return QDir(documentsFolder())
        .filePath(QStringLiteral("patchboard-compliance-%1.pdf").arg(date.toString(Qt::ISODate)));
}

void ComplianceReportDialog::write()
{
    if (m_busy)
        return;
    QString path = fileName();
    if (path.isEmpty()) {
        showStatus(tr("Enter a file name for the report."), true);
        m_file->setFocus();
        return;
    }
    if (!path.endsWith(PdfSuffix, Qt::CaseInsensitive))
        path += PdfSuffix;
    // A bare name goes to the documents folder, not wherever the program was started from.
    if (QFileInfo(path).isRelative())
        path = QDir(documentsFolder()).absoluteFilePath(path);
    const QFileInfo info(path);
    if (!info.absoluteDir().exists()) {
        showStatus(tr("The folder %1 does not exist. Choose another folder.")
                       .arg(QDir::toNativeSeparators(info.absolutePath())),
                   true);
        return;
    }
    if (info.isDir()) {
        showStatus(tr("%1 is a folder. Enter a file name.").arg(QDir::toNativeSeparators(path)),
                   true);
        return;
    }
    m_file->setText(QDir::toNativeSeparators(path));
    m_target = path;
    m_open->setEnabled(false);
    setBusy(true);
    showStatus(tr("Gathering the figures for %1\u2026").arg(DeviceFormat::date(date())), false);
    m_gatherer->start(date(), m_session ? m_session->current() : Operator());
}

void ComplianceReportDialog::reject()
{
    // Close while gathering cancels the report and keeps the dialog open.
    if (m_busy) {
        m_gatherer->cancel();
        setBusy(false);
        showStatus(tr("Cancelled; no file was written."), false);
        return;
    }
    QDialog::reject();
}

void ComplianceReportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Compliance Report"),
                                                      fileName(), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    m_fileEdited = true;
    m_file->setText(QDir::toNativeSeparators(path));
}

void ComplianceReportDialog::onGathered(const ComplianceReportData &data)
{
    showStatus(tr("Writing the PDF\u2026"), false);
    const Result<int> written = ComplianceReportWriter::writePdf(data, m_target);
    setBusy(false);
    if (!written.ok())
        return onFailed(written.error().text());
    m_written = m_target;
    m_open->setEnabled(true);
    updateFileHint();
    showStatus(tr("Report for %1 written to %2 (%Ln page(s)).", nullptr, written.value())
                   .arg(DeviceFormat::date(data.date), QDir::toNativeSeparators(m_written)),
               false);
    Q_EMIT reportWritten(m_written, written.value());
}

void ComplianceReportDialog::onFailed(const QString &message)
{
    setBusy(false);
    showStatus(DeviceFormat::warningMarker() + message, true);
    Q_EMIT reportFailed(message);
}

void ComplianceReportDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_date->setEnabled(!busy);
    m_file->setEnabled(!busy);
    m_browse->setEnabled(!busy);
    m_write->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Close)->setText(busy ? tr("Cancel") : tr("Close"));
    m_progress->setVisible(busy);
    if (busy)
        m_progress->setRange(0, 0);
}

void ComplianceReportDialog::showStatus(const QString &text, bool error)
{
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_status->setPalette(p);
    m_status->setText(text);
}

void ComplianceReportDialog::updateFileHint()
{
    const QFileInfo info(fileName());
    if (!fileName().isEmpty() && info.exists() && info.isFile())
        m_fileHint->setText(tr("A file with this name exists; writing the report replaces it."));
    else
        m_fileHint->setText(QString());
}

} // namespace Patchboard
