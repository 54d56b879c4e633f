// SPDX-License-Identifier: Apache-2.0
#include "csvexport.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QProgressDialog>

namespace Patchboard::CsvExport {

namespace {
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::CsvExport)
};
} // namespace

void watch(QWidget *parent, const QFuture<Result<int>> &future, int expectedRows,
           const Texts &texts, const std::function<void(const QString &)> &status,
           const std::function<void()> &finished)
{
    auto *progress = new QProgressDialog(texts.label, Tr::tr("Cancel"), 0, expectedRows, parent);
    progress->setWindowTitle(texts.title);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAutoReset(false);
    progress->setAutoClose(false);
    progress->setValue(0);
    auto *watcher = new QFutureWatcher<Result<int>>(progress);
    QObject::connect(watcher, &QFutureWatcherBase::progressRangeChanged, progress,
                     &QProgressDialog::setRange);
    QObject::connect(watcher, &QFutureWatcherBase::progressValueChanged, progress,
                     &QProgressDialog::setValue);
    QObject::connect(progress, &QProgressDialog::canceled, watcher, [watcher] { watcher->cancel(); });
    QObject::connect(watcher, &QFutureWatcherBase::finished, parent,
                     [parent, watcher, progress, texts, status, finished] {
        progress->hide();
        progress->deleteLater();
        const QFuture<Result<int>> done = watcher->future();
        if (done.isCanceled() || done.resultCount() == 0) {
            status(Tr::tr("Export cancelled; no file was written."));
        } else if (const Result<int> result = done.result(); result.ok()) {
            status(texts.done(result.value()));
        } else if (result.error().code == ServiceError::Code::Cancelled) {
            status(result.error().text());
        } else {
            // Not exec(): the GUI keeps running while the operator reads the message.
            auto *box = new QMessageBox(QMessageBox::Warning, Tr::tr("Export Failed"),
                                        result.error().text(), QMessageBox::Ok, parent);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
        finished();
    });
    watcher->setFuture(future);
}

} // namespace Patchboard::CsvExport
