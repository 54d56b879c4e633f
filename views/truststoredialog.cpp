// SPDX-License-Identifier: Apache-2.0
#include "truststoredialog.h"

#include "addtrustedkeydialog.h"
#include "deviceformat.h"
#include "firmware/firmwarebackend.h"
#include "operatorsession.h"
#include "reasondialog.h"
#include "tracker/trackerbackend.h"
#include "trustedkeymodel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

TrustStoreDialog::TrustStoreDialog(FirmwareBackend *firmware, TrackerBackend *tracker,
                                   OperatorSession *session, QWidget *parent)
    : QDialog(parent)
    , m_firmware(firmware)
    , m_tracker(tracker)
    , m_session(session)
    , m_model(new TrustedKeyModel(this))
    , m_table(new QTableView(this))
    , m_error(new QLabel(this))
    , m_add(new QPushButton(tr("&Add Key from PEM File\u2026"), this))
    , m_remove(new QPushButton(tr("&Remove Key\u2026"), this))
{
    setWindowTitle(tr("Author Trust Store"));
    auto *intro = new QLabel(tr("Releases verify only with a key trusted for the vendor ID their "
                                "manifest names. Changes here are recorded in the audit log."),
                             this);
    intro->setWordWrap(true);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setAccessibleName(tr("Trusted keys"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_error->setPalette(errorPalette);
    m_error->hide();

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, &TrustStoreDialog::askToAdd);
    connect(m_remove, &QPushButton::clicked, this, &TrustStoreDialog::askToRemove);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrustStoreDialog::updateButtons);
    connect(m_session, &OperatorSession::operatorChanged, this, &TrustStoreDialog::updateButtons);
    if (m_firmware)
        connect(m_firmware, &FirmwareBackend::releasesChanged, this, &TrustStoreDialog::reload);
    updateButtons();
    reload();
    resize(1100, 420);
}

QString TrustStoreDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void TrustStoreDialog::reload()
{
    if (!m_firmware)
        return;
    const quint64 request = ++m_request;
    m_firmware->trustedKeys(m_session->current())
        .then(this, [this, request](const Result<QList<TrustedKey>> &result) {
            if (request != m_request)
                return;
            if (!result.ok()) {
                showError(result.error().text());
                return;
            }
            m_model->setKeys(result.value());
            m_table->resizeColumnsToContents();
            updateButtons();
            Q_EMIT loaded();
        });
}

void TrustStoreDialog::updateButtons()
{
    const QString denied = m_session->deniedReason(Permission::ManageTrustKeys);
    m_add->setEnabled(denied.isEmpty() && !m_busy);
    m_add->setToolTip(denied);
    const bool selected = m_model->keyAt(m_table->currentIndex().row()) != nullptr;
    m_remove->setEnabled(denied.isEmpty() && selected && !m_busy);
    m_remove->setToolTip(!denied.isEmpty() ? denied
                             : selected    ? QString()
                                           : tr("Select a key first."));
}

void TrustStoreDialog::showError(const QString &message)
{
    m_error->setText(DeviceFormat::warningMarker() + message);
    m_error->setVisible(!message.isEmpty());
}

void TrustStoreDialog::askToAdd()
{
    if (!m_tracker) {
        showError(tr("No device tracker is connected: the manufacturers are unknown."));
        return;
    }
    // The manufacturers come from the Status Tracker's catalog, off the GUI thread.
    m_tracker->catalog().then(this, [this](const Result<FleetCatalog> &catalog) {
        if (!catalog.ok()) {
            showError(catalog.error().text());
            return;
        }
        auto *dialog = new AddTrustedKeyDialog(catalog.value().manufacturers, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog] {
            addKey(dialog->vendorIdHex(), dialog->manufacturerId(), dialog->pem(), dialog->label());
        });
        dialog->open();
    });
}

void TrustStoreDialog::addKey(const QString &vendorIdHex, int manufacturerId, const QByteArray &pem,
                              const QString &label)
{
    if (!m_firmware)
        return;
    m_busy = true;
    updateButtons();
    m_firmware->addTrustedKey(m_session->current(), vendorIdHex, manufacturerId, pem, label)
        .then(this, [this](const Result<TrustedKey> &result) {
            m_busy = false;
            updateButtons();
            if (!result.ok()) {
                showError(result.error().text());
                return;
            }
            showError({});
            Q_EMIT statusMessage(tr("Trusted the key %1 for %2.")
                                     .arg(result.value().fingerprint.left(16) + QChar(0x2026),
                                          result.value().manufacturer));
            reload();
        });
}

void TrustStoreDialog::askToRemove()
{
    const TrustedKey *key = m_model->keyAt(m_table->currentIndex().row());
    if (!key)
        return;
    const qint64 id = key->id;
    auto *dialog = new ReasonDialog(
        tr("Remove Trusted Key"),
        tr("Remove the key %1 (%2) of %3? Releases signed with it stop verifying at once: open "
           "ones can no longer be approved.")
            .arg(key->fingerprint.left(16) + QChar(0x2026), key->label, key->manufacturer),
        tr("Remove Key"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, id] { removeKey(id, dialog->reason()); });
    dialog->open();
}

void TrustStoreDialog::removeKey(qint64 keyId, const QString &reason)
{
    if (!m_firmware)
        return;
    m_busy = true;
    updateButtons();
    m_firmware->removeTrustedKey(m_session->current(), keyId, reason)
        .then(this, [this](const Result<TrustedKey> &result) {
            m_busy = false;
            updateButtons();
            if (!result.ok()) {
                showError(result.error().text());
                return;
            }
            showError({});
            Q_EMIT statusMessage(tr("Removed the key %1 from the trust store.")
                                     .arg(result.value().fingerprint.left(16) + QChar(0x2026)));
            reload();
        });
}

} // namespace Patchboard
