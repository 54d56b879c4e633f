// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableView;

namespace Patchboard {

class FirmwareBackend;
class OperatorSession;
class TrackerBackend;
class TrustedKeyModel;

// The Author trust store: which public keys vouch for which vendor's releases. Everyone may look;
// administrators add keys from PEM files and remove them with a reason (audited). A removed key
// stops vouching at once: approval verifies the stored bundle again.
class TrustStoreDialog : public QDialog
{
    Q_OBJECT
public:
    TrustStoreDialog(FirmwareBackend *firmware, TrackerBackend *tracker, OperatorSession *session,
                     QWidget *parent = nullptr);

    TrustedKeyModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QString errorText() const;

    void reload();
    // The actions behind the buttons, after their dialogs.
    void addKey(const QString &vendorIdHex, int manufacturerId, const QByteArray &pem,
                const QString &label);
    void removeKey(qint64 keyId, const QString &reason);

Q_SIGNALS:
    void loaded();
    void statusMessage(const QString &message);

private:
    void askToAdd();
    void askToRemove();
    void updateButtons();
    void showError(const QString &message);

    QPointer<FirmwareBackend> m_firmware;
    QPointer<TrackerBackend> m_tracker;
    OperatorSession *m_session = nullptr;
    TrustedKeyModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    quint64 m_request = 0;
    bool m_busy = false;
};

} // namespace Patchboard
