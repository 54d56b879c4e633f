// SPDX-License-Identifier: Apache-2.0
#include "releaseimportbar.h"

#include "firmware/firmwarebackend.h"
#include "operatorsession.h"

#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>

namespace Patchboard {

ReleaseImportBar::ReleaseImportBar(FirmwareBackend *firmware, OperatorSession *session,
                                   QWidget *parent)
    : QWidget(parent)
    , m_firmware(firmware)
    , m_session(session)
    , m_import(new QPushButton(tr("&Import Release Bundle\u2026"), this))
    , m_bulletins(new QPushButton(tr("Import &Bulletin Data (OSV)"), this))
{
    auto *menu = new QMenu(m_bulletins);
    menu->addAction(tr("From a &Folder of OSV Records\u2026"), this,
                    [this] { chooseBulletins(true); });
    menu->addAction(tr("From a &ZIP or JSON File\u2026"), this, [this] { chooseBulletins(false); });
    m_bulletins->setMenu(menu);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_import);
    layout->addWidget(m_bulletins);
    connect(m_import, &QPushButton::clicked, this, &ReleaseImportBar::chooseBundle);
    connect(m_session, &OperatorSession::operatorChanged, this, &ReleaseImportBar::updateButtons);
    updateButtons();
}

void ReleaseImportBar::updateButtons()
{
    const QString importWhy = m_session->deniedReason(Permission::ImportRelease);
    m_import->setEnabled(importWhy.isEmpty() && !m_busy && m_firmware);
    m_import->setToolTip(importWhy.isEmpty()
                             ? tr("Verify and store a NAME.pbrelease folder an Author published")
                             : importWhy);
    const QString bulletinWhy = m_session->deniedReason(Permission::ImportVulnerabilityData);
    m_bulletins->setEnabled(bulletinWhy.isEmpty() && !m_busy && m_firmware);
    m_bulletins->setToolTip(bulletinWhy.isEmpty() ? tr(
                                "Android security bulletin records (OSV) for the CVE cross-check")
                                                  : bulletinWhy);
}

void ReleaseImportBar::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void ReleaseImportBar::chooseBundle()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Import Release Bundle (a NAME.pbrelease folder)"), QDir::homePath());
    if (!dir.isEmpty())
        importBundleFrom(dir);
}

void ReleaseImportBar::importBundleFrom(const QString &bundleDir)
{
    if (!m_firmware || m_busy)
        return;
    setBusy(true);
    const QString name = QDir(bundleDir).dirName();
    QFuture<Result<ReleaseDetail>> future
        = m_firmware->importBundle(m_session->current(), bundleDir);
    auto *progress = new QProgressDialog(tr("Copying and verifying %1\u2026").arg(name),
                                         tr("Cancel"), 0, 1000, this);
    progress->setWindowTitle(tr("Import Release Bundle"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAutoReset(false);
    progress->setAutoClose(false);
    auto *watcher = new QFutureWatcher<Result<ReleaseDetail>>(progress);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, progress,
            &QProgressDialog::setValue);
    // Cancel stops the hashing; the backend stores nothing of a cancelled import.
    connect(progress, &QProgressDialog::canceled, watcher, [watcher] { watcher->cancel(); });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, progress, name] {
        setBusy(false);
        progress->hide();
        progress->deleteLater();
        const QFuture<Result<ReleaseDetail>> done = watcher->future();
        if (done.isCanceled() || done.resultCount() == 0) {
            report(false, QString(), tr("Import of %1 cancelled; nothing was stored.").arg(name));
            return;
        }
        const Result<ReleaseDetail> result = done.result();
        if (!result.ok()) {
            report(false, tr("Import Failed"), result.error().text());
            return;
        }
        const ReleaseSummary &s = result.value().summary;
        Q_EMIT releaseImported(s.id);
        // A refused release is a result, not an error: it is stored and its checklist says why.
        report(true, QString(),
               s.state == ReleaseState::Refused
                   ? tr("Imported %1: refused, see the failed checks.").arg(s.version)
                   : tr("Imported %1: %2.")
                         .arg(s.version, ReleaseStates::displayName(s.state).toLower()));
    });
    watcher->setFuture(future);
}

void ReleaseImportBar::chooseBulletins(bool folder)
{
    const QString path = folder
        ? QFileDialog::getExistingDirectory(this, tr("Import Bulletin Data: Folder of OSV Records"),
                                            QDir::homePath())
        : QFileDialog::getOpenFileName(this, tr("Import Bulletin Data: OSV Export"),
                                       QDir::homePath(),
                                       tr("OSV data (*.zip *.json);;All files (*)"));
    if (!path.isEmpty())
        importBulletinsFrom(path);
}

void ReleaseImportBar::importBulletinsFrom(const QString &path)
{
    if (!m_firmware || m_busy)
        return;
    setBusy(true);
    auto *progress = new QProgressDialog(
        tr("Reading bulletin records from %1\u2026").arg(QDir::toNativeSeparators(path)), QString(),
        0, 0, this);
    progress->setWindowTitle(tr("Import Bulletin Data"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    m_firmware->importBulletins(m_session->current(), path)
        .then(this, [this, progress](const Result<BulletinImportReport> &result) {
            setBusy(false);
            progress->deleteLater();
            if (!result.ok()) {
                report(false, tr("Import Failed"), result.error().text());
                return;
            }
            const BulletinImportReport &r = result.value();
            QString message = tr("Read %Ln bulletin record(s): ", nullptr, r.records)
                + tr("%Ln vulnerability level(s) stored, ", nullptr, r.vulnerabilities)
                + tr("%Ln skipped (no CVE or no Android patch level).", nullptr, r.skipped);
            if (!r.problems.isEmpty())
                message += QLatin1Char('\n')
                    + tr("Not readable: %1").arg(r.problems.join(QStringLiteral(", ")));
            Q_EMIT bulletinsImported();
            report(true, r.problems.isEmpty() ? QString() : tr("Bulletin Data Imported"), message);
        });
}

void ReleaseImportBar::report(bool ok, const QString &title, const QString &message)
{
    Q_EMIT statusMessage(message);
    Q_EMIT importFinished(ok, message);
    if (title.isEmpty())
        return;
    // Not exec(): the GUI keeps running while the operator reads the message.
    auto *box = new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning, title,
                                message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace Patchboard
