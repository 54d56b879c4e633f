// SPDX-License-Identifier: Apache-2.0
#include "addtrustedkeydialog.h"

#include "crypto/publickey.h"
#include "deviceformat.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

// A PEM public key is a few hundred bytes; anything much larger is not one.
constexpr qint64 MaxPemBytes = 64 * 1024;

} // namespace

AddTrustedKeyDialog::AddTrustedKeyDialog(const QList<Manufacturer> &manufacturers, QWidget *parent)
    : QDialog(parent)
    , m_file(new QLineEdit(this))
    , m_preview(new QLabel(this))
    , m_manufacturer(new QComboBox(this))
    , m_vendor(new QLineEdit(this))
    , m_label(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Add Trusted Author Key"));
    auto *intro = new QLabel(tr("Releases whose manifest names this vendor ID are verified with "
                                "this key, and may only target the manufacturer's models."),
                             this);
    intro->setWordWrap(true);
    m_file->setReadOnly(true);
    m_file->setPlaceholderText(tr("No file chosen"));
    auto *browse = new QPushButton(tr("&Choose\u2026"), this);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    m_preview->setWordWrap(true);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (const Manufacturer &m : manufacturers)
        m_manufacturer->addItem(m.name, m.id);
    m_vendor->setPlaceholderText(tr("32 hex digits, or a UUID with dashes"));
    m_vendor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_label->setPlaceholderText(tr("e.g. Aurora release signing key 2026"));
    m_label->setMaxLength(200);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Public key (PEM):"), fileRow);
    form->addRow(QString(), m_preview);
    form->addRow(tr("&Manufacturer:"), m_manufacturer);
    form->addRow(tr("&Vendor ID:"), m_vendor);
    form->addRow(tr("&Label:"), m_label);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add Key"));

    connect(browse, &QPushButton::clicked, this, &AddTrustedKeyDialog::browse);
    connect(m_vendor, &QLineEdit::textChanged, this, &AddTrustedKeyDialog::updateButton);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_preview->setText(tr("Choose the Author's public key file (SubjectPublicKeyInfo PEM, as "
                          "patchboard-author keygen writes it beside the private key)."));
    updateButton();
    resize(620, sizeHint().height());
}

void AddTrustedKeyDialog::browse()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Choose Public Key"), QDir::homePath(),
                                       tr("PEM public keys (*.pem *.pub);;All files (*)"));
    if (!path.isEmpty())
        loadPemFile(path);
}

void AddTrustedKeyDialog::loadPemFile(const QString &path)
{
    m_file->setText(QDir::toNativeSeparators(path));
    m_pem.clear();
    m_fingerprint.clear();
    QPalette palette = this->palette();
    QFile file(path);
    QString problem;
    if (!file.open(QIODevice::ReadOnly))
        problem = tr("Cannot read the file: %1").arg(file.errorString());
    else if (file.size() > MaxPemBytes)
        problem = tr("The file is too large to be a public key.");
    if (problem.isEmpty()) {
        const QByteArray pem = file.read(MaxPemBytes);
        const Result<PublicKey> key = PublicKey::fromPem(pem);
        if (key.ok()) {
            m_pem = pem;
            m_fingerprint = key.value().fingerprint();
            m_preview->setText(tr("%1 key, fingerprint (SHA-256):\n%2\nCompare it with the "
                                  "fingerprint the Author published before adding it.")
                                   .arg(key.value().typeName(), m_fingerprint));
        } else {
            problem = key.error().text();
        }
    }
    if (!problem.isEmpty()) {
        m_preview->setText(DeviceFormat::warningMarker() + problem);
        palette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    }
    m_preview->setPalette(palette);
    updateButton();
}

QString AddTrustedKeyDialog::vendorIdHex() const
{
    QString text = m_vendor->text().trimmed().toLower();
    text.remove(QLatin1Char('-'));
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{32}$"));
    return hex.match(text).hasMatch() ? text : QString();
}

int AddTrustedKeyDialog::manufacturerId() const
{
    return m_manufacturer->currentData().toInt();
}

QString AddTrustedKeyDialog::label() const
{
    return m_label->text().trimmed();
}

void AddTrustedKeyDialog::updateButton()
{
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    QString missing;
    if (m_pem.isEmpty())
        missing = tr("Choose a readable public key file.");
    else if (vendorIdHex().isEmpty())
        missing = tr("Enter the vendor ID: 32 hex digits (a UUID).");
    else if (manufacturerId() == 0)
        missing = tr("Choose the manufacturer.");
    ok->setEnabled(missing.isEmpty());
    ok->setToolTip(missing);
}

} // namespace Patchboard
