// SPDX-License-Identifier: Apache-2.0
#include "telemetryexportbutton.h"

#include "csvexport.h"
#include "telemetry/telemetrybackend.h"
#include "telemetrychartview.h"
#include "telemetryeventsdialog.h"
#include "telemetryexport.h"

#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QRandomGenerator>
#include <QStandardPaths>

namespace Patchboard {

namespace {

// HMAC-SHA-256 salt: as long as the hash.
constexpr int SaltBytes = 32;

} // namespace

TelemetryExportButton::TelemetryExportButton(TelemetryBackend *backend, QWidget *parent)
    : QToolButton(parent), m_backend(backend)
{
    setText(tr("E&xport"));
    setAccessibleName(tr("Export"));
    setToolTip(tr("Save the chart on screen, its numbers, or the update events behind it"));
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(this);
    m_chartActions = {
        menu->addAction(tr("Save Chart as &PNG\u2026"), this, &TelemetryExportButton::saveImage),
        menu->addAction(tr("Save Chart as &SVG\u2026"), this, &TelemetryExportButton::saveSvg),
        menu->addAction(tr("Save Chart &Data as CSV\u2026"), this,
                        &TelemetryExportButton::saveData),
    };
    menu->addSeparator();
    m_eventsAction = menu->addAction(tr("Export Update &Events\u2026"), this,
                                     &TelemetryExportButton::exportEvents);
    setMenu(menu);
    updateActions();
}

void TelemetryExportButton::setChart(TelemetryChartView *chart, const QString &fileStem)
{
    m_chart = chart;
    m_fileStem = fileStem;
}

void TelemetryExportButton::setEvents(const UpdateEventFilter &events, bool hasData)
{
    m_events = events;
    m_hasData = hasData;
    updateActions();
}

void TelemetryExportButton::updateActions()
{
    for (QAction *action : std::as_const(m_chartActions))
        action->setEnabled(m_hasData);
    m_eventsAction->setEnabled(m_backend && m_hasData && !m_exporting);
}

QString TelemetryExportButton::askForFile(const QString &title, const QString &suffix,
                                          const QString &filter)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name = QStringLiteral("telemetry-%1-%2.%3")
                             .arg(m_fileStem, QDate::currentDate().toString(Qt::ISODate), suffix);
    return QFileDialog::getSaveFileName(this, title, QDir(folder).filePath(name), filter);
}

void TelemetryExportButton::saveImage()
{
    const QString path
        = askForFile(tr("Save Chart as PNG"), QStringLiteral("png"), tr("PNG images (*.png)"));
    if (!path.isEmpty())
        saveImageTo(path);
}

void TelemetryExportButton::saveSvg()
{
    const QString path
        = askForFile(tr("Save Chart as SVG"), QStringLiteral("svg"), tr("SVG drawings (*.svg)"));
    if (!path.isEmpty())
        saveSvgTo(path);
}

void TelemetryExportButton::saveData()
{
    const QString path = askForFile(tr("Save Chart Data as CSV"), QStringLiteral("csv"),
                                    tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        saveDataTo(path);
}

bool TelemetryExportButton::report(bool ok, const QString &error, const QString &done)
{
    if (!ok) {
        Q_EMIT failed(error);
        Q_EMIT statusMessage(error.section(QLatin1Char('\n'), 0, 0));
        return false;
    }
    Q_EMIT statusMessage(done);
    return true;
}

bool TelemetryExportButton::saveImageTo(const QString &path)
{
    if (!m_chart)
        return false;
    const Status saved = TelemetryExport::savePng(m_chart, path);
    return report(saved.ok(), saved.error().text(),
                  tr("Saved chart to %1.").arg(QDir::toNativeSeparators(path)));
}

bool TelemetryExportButton::saveSvgTo(const QString &path)
{
    if (!m_chart)
        return false;
    const Status saved = TelemetryExport::saveSvg(m_chart, path);
    return report(saved.ok(), saved.error().text(),
                  tr("Saved chart to %1.").arg(QDir::toNativeSeparators(path)));
}

bool TelemetryExportButton::saveDataTo(const QString &path)
{
    if (!m_chart)
        return false;
    // Every chart model keeps its raw values in Qt::UserRole (its SortRole).
    const Result<int> saved = TelemetryExport::saveCsv(m_chart->dataModel(), Qt::UserRole, path);
    return report(
        saved.ok(), saved.error().text(),
        tr("Saved the numbers of \u201c%1\u201d (%Ln row(s)) to %2.", nullptr, saved.value())
            .arg(m_chart->title(), QDir::toNativeSeparators(path)));
}

void TelemetryExportButton::exportEvents()
{
    if (!m_backend || m_exporting)
        return;
    auto *dialog = new TelemetryEventsDialog(m_events.description, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const bool pseudonyms = dialog->pseudonyms();
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Update Events"),
            QDir(folder).filePath(QStringLiteral("update-events-%1.csv")
                                      .arg(QDate::currentDate().toString(Qt::ISODate))),
            tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            exportEventsTo(path, pseudonyms);
    });
    dialog->open();
}

void TelemetryExportButton::exportEventsTo(const QString &path, bool pseudonyms)
{
    if (!m_backend || m_exporting)
        return;
    m_exporting = true;
    updateActions();
    PseudonymOptions options;
    options.enabled = pseudonyms;
    if (pseudonyms) {
        // A new secret for every export, never stored: the pseudonyms cannot be reversed, nor
        // linked across exports.
        options.salt.resize(SaltBytes);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(options.salt.data()),
                                              SaltBytes / int(sizeof(quint32)));
    }
    CsvExport::Texts texts;
    texts.title = tr("Export Update Events");
    texts.label = tr("Exporting the update events of %1\u2026").arg(m_events.description);
    texts.done = [path, pseudonyms](int written) {
        QString text = tr("Exported %Ln update event(s) to %1.", nullptr, written)
                           .arg(QDir::toNativeSeparators(path));
        if (pseudonyms)
            text += QLatin1Char(' ')
                + tr("Device IDs were replaced with pseudonyms; their random salt was not "
                     "stored, so they cannot be traced back.");
        return text;
    };
    CsvExport::watch(
        this, m_backend->exportEvents(m_events, path, options), 0, texts,
        [this](const QString &message) { Q_EMIT statusMessage(message); },
        [this] {
            m_exporting = false;
            updateActions();
        });
}

} // namespace Patchboard
