// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QWidget>

class QPushButton;

namespace Patchboard {

class FirmwareBackend;
class OperatorSession;

// Bringing things into the Firmware Server: a release bundle (a NAME.pbrelease folder, copied,
// hashed with progress and verified off the GUI thread) and Android security bulletin data (OSV:
// a folder, a .json or the .zip export) for the CVE cross-check. Buttons the role cannot use are
// disabled with the reason.
class ReleaseImportBar : public QWidget
{
    Q_OBJECT
public:
    ReleaseImportBar(FirmwareBackend *firmware, OperatorSession *session,
                     QWidget *parent = nullptr);

    QPushButton *importButton() const { return m_import; }
    QPushButton *bulletinButton() const { return m_bulletins; }
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    void chooseBundle();
    void importBundleFrom(const QString &bundleDir);
    void importBulletinsFrom(const QString &path);

Q_SIGNALS:
    // A release was stored (verified or refused): show it.
    void releaseImported(qint64 releaseId);
    void bulletinsImported();
    void importFinished(bool ok, const QString &message);
    void statusMessage(const QString &message);

private:
    void chooseBulletins(bool folder);
    void setBusy(bool busy);
    void updateButtons();
    void report(bool ok, const QString &title, const QString &message);

    QPointer<FirmwareBackend> m_firmware;
    OperatorSession *m_session = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_bulletins = nullptr;
    bool m_busy = false;
};

} // namespace Patchboard
