// SPDX-License-Identifier: Apache-2.0
#include "devicespage.h"

#include "csvexport.h"
#include "devicedetailpanel.h"
#include "devicefilterbar.h"
#include "deviceformat.h"
#include "devicetablemodel.h"
#include "tracker/trackerbackend.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

// Queries take milliseconds; a busy bar that flashes for each one would be noise.
constexpr int BusyDelayMs = 150;

} // namespace

DevicesPage::DevicesPage(TrackerBackend *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_model(new DeviceTableModel(backend, this))
    , m_filterBar(new DeviceFilterBar(this))
    , m_count(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_error(new QLabel(this))
    , m_export(new QPushButton(tr("Export CSV\u2026"), this))
    , m_tableStack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_empty(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_detail(new DeviceDetailPanel(backend, this))
{
    m_count->setAccessibleName(tr("Device count"));
    m_count->setText(tr("Loading devices\u2026"));
    m_busy->setRange(0, 0); // indeterminate
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(m_count->sizeHint().height());
    m_busy->setAccessibleName(tr("Query running"));
    m_busy->hide();
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_error->setPalette(errorPalette);
    m_error->hide();
    m_export->setToolTip(tr("Write the devices matching the filters to a CSV file (Ctrl+E)"));

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setCornerButtonEnabled(false);
    m_table->setAccessibleName(tr("Devices"));
    // Uniform row heights: the view never measures a million rows.
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    rows->hide();
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setSectionsMovable(true);
    columns->setHighlightSections(false);
    columns->setStretchLastSection(true);
    columns->setSortIndicator(DeviceTableModel::DeviceIdColumn, Qt::AscendingOrder);
    m_table->setSortingEnabled(
        true); // header clicks call DeviceTableModel::sort: the backend sorts
    setInitialColumnWidths();
    // SSU-SEC-0040: support status next to the patch age, where it is seen without scrolling;
    // the installation date moves further right (the columns can be dragged back).
    columns->moveSection(columns->visualIndex(DeviceTableModel::SupportStatusColumn),
                         columns->visualIndex(DeviceTableModel::PatchAppliedColumn));

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::RichText);
    connect(m_empty, &QLabel::linkActivated, m_filterBar, &DeviceFilterBar::clear);
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(m_empty);

    m_detail->setMinimumWidth(280);
    m_splitter->addWidget(m_tableStack);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    auto *countRow = new QHBoxLayout;
    countRow->addWidget(m_count);
    countRow->addWidget(m_busy);
    countRow->addStretch(1);
    countRow->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filterBar);
    layout->addLayout(countRow);
    layout->addWidget(m_error);
    layout->addWidget(m_splitter, 1);

    m_busyDelay.setSingleShot(true);
    m_busyDelay.setInterval(BusyDelayMs);
    connect(&m_busyDelay, &QTimer::timeout, m_busy, &QWidget::show);

    connect(m_filterBar, &DeviceFilterBar::filterChanged, m_model, &DeviceTableModel::setFilter);
    connect(m_model, &DeviceTableModel::queryStarted, this, [this] {
        if (!m_busyDelay.isActive() && m_busy->isHidden())
            m_busyDelay.start();
    });
    connect(m_model, &DeviceTableModel::queryFinished, this, [this] {
        m_error->hide();
        onQueryEnded();
        Q_EMIT devicesShown();
    });
    connect(m_model, &DeviceTableModel::errorOccurred, this, [this](const QString &message) {
        showError(message);
        onQueryEnded();
    });
    connect(m_model, &DeviceTableModel::countChanged, this, &DevicesPage::onCountChanged);
    // A new filter or sort order resets the model and with it the selection; the detail panel
    // keeps the device the operator last picked rather than going blank.
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DevicesPage::showCurrentDevice);
    // A selected row whose page was still on its way: show its device when it arrives.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int row = m_table->currentIndex().row();
                if (row >= topLeft.row() && row <= bottomRight.row())
                    showCurrentDevice();
            });

    loadCatalog();
    m_model->setQuery(DeviceQuery());
}

void DevicesPage::setPolicy(const CompliancePolicy &policy)
{
    m_model->setPolicy(policy);
    m_detail->setPolicy(policy);
}

void DevicesPage::setReferenceDate(QDate date)
{
    if (date == m_model->query().referenceDate)
        return;
    DeviceQuery query = m_model->query();
    query.referenceDate = date;
    m_model->setQuery(query);
}

bool DevicesPage::isBusy() const
{
    return m_model->isQueryRunning();
}

void DevicesPage::showDevices(const DeviceFilter &filter)
{
    m_filterBar->setFilter(filter);
}

void DevicesPage::focusSearch()
{
    m_filterBar->focusSearch();
}

void DevicesPage::loadCatalog()
{
    if (!m_backend)
        return;
    m_backend->catalog().then(this, [this](const Result<FleetCatalog> &result) {
        if (result.ok())
            m_filterBar->setCatalog(result.value());
        else
            showError(result.error().text());
    });
}

void DevicesPage::onCountChanged(int matching, int fleetSize)
{
    const QLocale locale;
    // Always visible, and the numbers in the operator's locale: "12,345 of 200,000 devices".
    if (m_model->query().filter.isEmpty())
        m_count->setText(tr("%Ln device(s)", "the whole fleet", fleetSize));
    else
        m_count->setText(tr("%1 of %Ln device(s)", "matching of fleet", fleetSize)
                             .arg(locale.toString(matching)));
    if (matching == 0) {
        m_empty->setText(fleetSize == 0 ? tr("The fleet has no devices yet.")
                                        : tr("No devices match these filters.<br><br>"
                                             "<a href=\"clear\">Clear filters</a>"));
        m_tableStack->setCurrentWidget(m_empty);
    } else {
        m_tableStack->setCurrentWidget(m_table);
    }
    m_export->setEnabled(matching > 0 && !m_exporting);
    Q_EMIT countChanged(matching, fleetSize);
}

void DevicesPage::onQueryEnded()
{
    m_busyDelay.stop();
    m_busy->hide();
}

void DevicesPage::showError(const QString &message)
{
    m_error->setText(DeviceFormat::warningMarker() + message);
    m_error->show();
}

void DevicesPage::showCurrentDevice()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const QVariant id = current.siblingAtColumn(DeviceTableModel::DeviceIdColumn)
                            .data(DeviceTableModel::DeviceIdRole);
    if (id.isValid()) // else the row's page is on its way; dataChanged brings us back
        m_detail->showDevice(id.toLongLong(), m_model->referenceDate());
}

void DevicesPage::exportCsv()
{
    if (m_exporting || m_model->matchingCount() == 0)
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder).filePath(
        tr("devices-%1.csv", "export file name").arg(QDate::currentDate().toString(Qt::ISODate)));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Devices"), suggested,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty())
        exportCsvTo(path);
}

void DevicesPage::exportCsvTo(const QString &path)
{
    if (!m_backend || m_exporting)
        return;
    m_exporting = true;
    m_export->setEnabled(false);
    const int expected = m_model->matchingCount();
    CsvExport::Texts texts;
    texts.title = tr("Export Devices");
    texts.label = tr("Exporting %Ln device(s)\u2026", nullptr, expected);
    texts.done = [path](int written) {
        return tr("Exported %Ln device(s) to %1.", nullptr, written)
            .arg(QDir::toNativeSeparators(path));
    };
    CsvExport::watch(
        this, m_backend->exportDevices(m_model->query(), path), expected, texts,
        [this](const QString &message) { Q_EMIT statusMessage(message); },
        [this] {
            m_exporting = false;
            m_export->setEnabled(m_model->matchingCount() > 0);
        });
}

void DevicesPage::setInitialColumnWidths()
{
    // Wide enough for typical content and the whole header (no elided titles); measured from
    // the font rather than from a million rows.
    const QFontMetrics fm = m_table->fontMetrics();
    const QFontMetrics headerFm = m_table->horizontalHeader()->fontMetrics();
    const QLocale locale;
    const QDate sampleDate(2024, 12, 28);
    const QString samples[DeviceTableModel::ColumnCount] = {
        QStringLiteral("352911031234567"),
        QStringLiteral("Fjord Telecom"),
        QStringLiteral("Granite Meter LTE-M"),
        QStringLiteral("United States (West)"),
        QStringLiteral("12.4.1"),
        QStringLiteral("2024-12-05"),
        DeviceFormat::warningMarker() + locale.toString(1888),
        locale.toString(sampleDate, QLocale::ShortFormat),
        locale.toString(sampleDate, QLocale::ShortFormat),
        DeviceFormat::warningMarker() + supportStatusName(SupportStatus::EndingSoon),
        locale.toString(QDateTime(sampleDate, QTime(23, 59)), QLocale::ShortFormat),
        updateStateName(UpdateState::Downloading),
        exceptionNames(Rooted),
    };
    constexpr int padding = 16; // cell margins
    constexpr int sortArrow = 24; // the header's sort indicator
    for (int column = 0; column < DeviceTableModel::ColumnCount; ++column) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        const int width = qMax(fm.horizontalAdvance(samples[column]) + padding,
                               headerFm.horizontalAdvance(title) + sortArrow);
        m_table->setColumnWidth(column, width);
    }
}

} // namespace Patchboard
