// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "domain/devicemodel.h"

#include <QByteArray>
#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Patchboard {

// Trust an Author's public key for one SUIT vendor ID (docs/release-format.md, "Trust store"):
// a PEM file, the vendor ID from the Author, the manufacturer whose models the vendor may target,
// and a label. The key's type and fingerprint are shown before anything is stored, so that the
// administrator can compare them with the fingerprint the Author published.
class AddTrustedKeyDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddTrustedKeyDialog(const QList<Manufacturer> &manufacturers,
                                 QWidget *parent = nullptr);

    // Reads and checks the key file; the preview says what was found.
    void loadPemFile(const QString &path);
    QByteArray pem() const { return m_pem; }
    // 32 lower-case hex digits, or empty while the field does not hold a vendor ID.
    QString vendorIdHex() const;
    int manufacturerId() const;
    QString label() const;
    QString fingerprint() const { return m_fingerprint; }

    QLineEdit *vendorEdit() const { return m_vendor; }
    QLineEdit *labelEdit() const { return m_label; }
    QComboBox *manufacturerBox() const { return m_manufacturer; }

private:
    void browse();
    void updateButton();

    QLineEdit *m_file = nullptr;
    QLabel *m_preview = nullptr;
    QComboBox *m_manufacturer = nullptr;
    QLineEdit *m_vendor = nullptr;
    QLineEdit *m_label = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QByteArray m_pem;
    QString m_fingerprint;
};

} // namespace Patchboard
