// SPDX-License-Identifier: Apache-2.0
#include "devicedetailpanel.h"

#include "deviceformat.h"
#include "tracker/trackerbackend.h"
#include "updatehistorymodel.h"
#include "viewstyle.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Patchboard {

namespace {

constexpr int RefreshDelayMs = 500; // a rollout may change the fleet every second

QLabel *makeValueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

DeviceDetailPanel::DeviceDetailPanel(TrackerBackend *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_history(new UpdateHistoryModel(this))
    , m_historyStack(new QStackedWidget(this))
    , m_historyView(new QTableView(this))
    , m_historyEmpty(new QLabel(this))
{
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    ViewStyle::setMuted(m_message);
    ViewStyle::setPanelTitle(m_title);

    auto *content = new QWidget(this);
    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const QString labels[FieldCount] = {
        tr("IMEI / serial:"), tr("Manufacturer:"),  tr("Model:"),
        tr("Region:"),        tr("Firmware:"),      tr("Security patch level:"),
        tr("Patch applied:"), tr("Patch age:"),     tr("Support ends:"),
        tr("Support:"),       tr("Last check-in:"), tr("Update state:"),
        tr("Exceptions:"),
    };
    for (int i = 0; i < FieldCount; ++i) {
        m_fields[i] = makeValueLabel(content);
        auto *label = new QLabel(labels[i], content);
        label->setBuddy(m_fields[i]);
        form->addRow(label, m_fields[i]);
    }

    m_historyView->setModel(m_history);
    m_historyView->verticalHeader()->hide();
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->setTabKeyNavigation(false); // Tab leaves it, arrows move in it
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    m_historyView->setAccessibleName(tr("Update history"));
    m_historyEmpty->setText(tr("No updates recorded for this device yet."));
    m_historyEmpty->setAlignment(Qt::AlignCenter);
    m_historyEmpty->setWordWrap(true);
    ViewStyle::setMuted(m_historyEmpty);
    m_historyStack->addWidget(m_historyEmpty);
    m_historyStack->addWidget(m_historyView);

    auto *historyTitle = new QLabel(tr("Update history"), content);
    QFont sectionFont = historyTitle->font();
    sectionFont.setBold(true);
    historyTitle->setFont(sectionFont);

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(m_title);
    contentLayout->addWidget(m_subtitle);
    contentLayout->addLayout(form);
    contentLayout->addSpacing(8);
    contentLayout->addWidget(historyTitle);
    contentLayout->addWidget(m_historyStack, 1);

    m_stack->addWidget(m_message);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_refreshDelay.setSingleShot(true);
    m_refreshDelay.setInterval(RefreshDelayMs);
    connect(&m_refreshDelay, &QTimer::timeout, this, &DeviceDetailPanel::request);
    if (backend) {
        connect(backend, &TrackerBackend::fleetChanged, this, [this] {
            if (m_id && !m_refreshDelay.isActive())
                m_refreshDelay.start();
        });
    }
    clear();
}

QString DeviceDetailPanel::fieldText(Field field) const
{
    return m_loaded ? m_fields[field]->text() : QString();
}

QString DeviceDetailPanel::messageText() const
{
    return m_stack->currentWidget() == m_message ? m_message->text() : QString();
}

QString DeviceDetailPanel::historyPlaceholderText() const
{
    return m_historyStack->currentWidget() == m_historyEmpty ? m_historyEmpty->text() : QString();
}

void DeviceDetailPanel::setPolicy(const CompliancePolicy &policy)
{
    if (policy == m_policy)
        return;
    m_policy = policy;
    if (m_loaded)
        setDetail(m_detail);
}

void DeviceDetailPanel::showDevice(qint64 id, QDate referenceDate)
{
    if (id == m_id && referenceDate == m_referenceDate && m_loaded)
        return;
    m_id = id;
    m_referenceDate = referenceDate;
    m_loaded = false;
    // Keep the previous device on screen while the next one loads (arrow keys through the
    // table should not flash an empty panel); say "loading" only when nothing is shown.
    if (m_stack->currentWidget() == m_message)
        showMessage(tr("Loading\u2026"));
    request();
}

void DeviceDetailPanel::clear()
{
    ++m_request; // whatever is on its way is for a device no longer selected
    m_id = 0;
    m_loaded = false;
    m_history->clear();
    showMessage(tr("Select a device to see its details and update history."));
}

void DeviceDetailPanel::request()
{
    if (!m_id)
        return;
    if (!m_backend) {
        showMessage(tr("No device tracker is connected."));
        return;
    }
    const quint64 request = ++m_request;
    const qint64 id = m_id;
    m_backend->deviceDetail(id, m_referenceDate)
        .then(this, [this, request, id](const Result<DeviceDetail> &result) {
            if (request != m_request)
                return; // the operator moved on
            if (!result.ok()) {
                m_loaded = false;
                showMessage(result.error().text());
                return;
            }
            setDetail(result.value());
            Q_EMIT loaded(id);
        });
}

void DeviceDetailPanel::setDetail(const DeviceDetail &detail)
{
    m_detail = detail;
    Device d = detail.device;
    // The backend answers with the default ending-soon period; the configured one decides here
    // (the table's query carries it to the backend).
    if (m_referenceDate.isValid())
        d.supportStatus
            = Compliance::supportStatus(d.supportEnd, m_referenceDate, m_policy.endingSoonDays);
    m_loaded = true;
    m_title->setText(d.deviceId);
    m_subtitle->setText(tr("%1 %2", "manufacturer, model").arg(d.manufacturer, d.model));
    setField(DeviceIdField, d.deviceId);
    setField(ManufacturerField, d.manufacturer);
    setField(ModelField, d.model);
    setField(RegionField,
             detail.regionTimeZone.isEmpty()
                 ? d.region
                 : tr("%1, time zone %2").arg(d.region, detail.regionTimeZone));
    setField(FirmwareField, tr("%1 (sequence %2)").arg(d.firmwareVersion).arg(d.firmwareSequence));
    setField(PatchLevelField, DeviceFormat::patchLevel(d.patchLevel));
    // SSU-COM-0040: when the patch level was applied, not only which one.
    setField(PatchAppliedField, DeviceFormat::date(d.patchApplied));
    setField(PatchAgeField, tr("%Ln day(s)", nullptr, d.patchAgeDays),
             DeviceFormat::patchAgeWarning(d.patchAgeDays, m_policy));
    setField(SupportEndField, DeviceFormat::date(d.supportEnd));
    setField(SupportField, supportStatusName(d.supportStatus),
             DeviceFormat::supportAdvice(d.supportStatus, d.supportEnd),
             d.supportStatus == SupportStatus::Ended);
    setField(LastCheckInField, DeviceFormat::dateTime(d.lastCheckIn));
    const bool failed
        = d.updateState == UpdateState::Failed || d.updateState == UpdateState::RolledBack;
    setField(UpdateStateField, updateStateName(d.updateState),
             failed ? tr("The last update did not complete.") : QString());
    const QString exceptions = exceptionNames(d.exceptions);
    setField(ExceptionsField, exceptions.isEmpty() ? tr("None") : exceptions);

    m_history->setEvents(detail.history);
    m_historyStack->setCurrentWidget(
        detail.history.isEmpty() ? static_cast<QWidget *>(m_historyEmpty) : m_historyView);
    if (!detail.history.isEmpty())
        m_historyView->resizeColumnsToContents();
    m_stack->setCurrentIndex(1);
}

void DeviceDetailPanel::setField(Field field, const QString &text, const QString &warning,
                                 bool critical)
{
    QLabel *label = m_fields[field];
    // The warning is written out, not only coloured.
    label->setText(warning.isEmpty()
                       ? text
                       : text + QLatin1Char('\n') + DeviceFormat::warningMarker() + warning);
    QPalette palette = this->palette();
    if (!warning.isEmpty()) {
        palette.setColor(QPalette::WindowText,
                         critical ? DeviceFormat::criticalColor() : DeviceFormat::warningColor());
    }
    label->setPalette(palette);
}

void DeviceDetailPanel::showMessage(const QString &message)
{
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
}

} // namespace Patchboard
