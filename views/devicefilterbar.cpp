// SPDX-License-Identifier: Apache-2.0
#include "devicefilterbar.h"

#include "deviceformat.h"
#include "patchlevelfilteredit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>

namespace Patchboard {

namespace {

// Support-status choices as bit masks of SupportStatus values; 0 = all.
int statusBit(SupportStatus status)
{
    return 1 << int(status);
}

int statusMask(const QList<SupportStatus> &statuses)
{
    int mask = 0;
    for (SupportStatus s : statuses)
        mask |= statusBit(s);
    return mask;
}

QList<SupportStatus> statusesOf(int mask)
{
    QList<SupportStatus> statuses;
    for (int i = 0; i < SupportStatusCount; ++i) {
        if (mask & (1 << i))
            statuses.append(SupportStatus(i));
    }
    return statuses;
}

constexpr int MaxDeviceIdLength = 64; // as FilterValidation::checkFilter accepts

} // namespace

DeviceFilterBar::DeviceFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_patchLevel(new PatchLevelFilterEdit(this))
    , m_support(new QComboBox(this))
    , m_manufacturer(new QComboBox(this))
    , m_model(new QComboBox(this))
    , m_region(new QComboBox(this))
    , m_updateState(new QComboBox(this))
    , m_exceptions(new QComboBox(this))
    , m_clear(new QPushButton(tr("Clear filters"), this))
    , m_message(new QLabel(this))
    , m_eventsLabel(new QLabel(this))
    , m_eventsRemove(new QPushButton(tr("Remove"), this))
{
    m_search->setPlaceholderText(tr("Device ID (IMEI or serial number) starts with\u2026"));
    m_search->setAccessibleName(tr("Device ID search"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaxLength(MaxDeviceIdLength);
    m_search->setMinimumWidth(m_search->fontMetrics().horizontalAdvance(m_search->placeholderText())
                              + 40);

    m_support->addItem(tr("Any support status"), 0);
    m_support->addItem(supportStatusName(SupportStatus::Supported),
                       statusBit(SupportStatus::Supported));
    m_support->addItem(supportStatusName(SupportStatus::EndingSoon),
                       statusBit(SupportStatus::EndingSoon));
    m_support->addItem(supportStatusName(SupportStatus::Ended), statusBit(SupportStatus::Ended));
    // SSU-SEC-0040: the devices to replace now or soon, in one list.
    m_support->addItem(tr("Ending soon or ended"),
                       statusBit(SupportStatus::EndingSoon) | statusBit(SupportStatus::Ended));
    m_support->setAccessibleName(tr("Support status"));

    m_updateState->addItem(tr("Any update state"), -1);
    for (int i = 0; i < UpdateStateCount; ++i)
        m_updateState->addItem(updateStateName(UpdateState(i)), i);
    m_updateState->setAccessibleName(tr("Update state"));

    // SSU-TES-0030: devices outside the normal update duty.
    m_exceptions->addItem(tr("Any exception state"), int(ExceptionFilter::Any));
    m_exceptions->addItem(tr("No exceptions"), int(ExceptionFilter::None));
    m_exceptions->addItem(tr("Rooted or modified"), int(ExceptionFilter::Rooted));
    m_exceptions->addItem(tr("Ported to another operator"), int(ExceptionFilter::Ported));
    m_exceptions->addItem(tr("Any exception"), int(ExceptionFilter::AnyException));
    m_exceptions->setAccessibleName(tr("Exception state"));

    m_manufacturer->setAccessibleName(tr("Manufacturer"));
    m_model->setAccessibleName(tr("Model"));
    m_region->setAccessibleName(tr("Region"));
    for (QComboBox *box :
         {m_support, m_manufacturer, m_model, m_region, m_updateState, m_exceptions})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setCatalog({});

    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Filter problem"));
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, DeviceFormat::criticalColor());
    m_message->setPalette(palette);
    m_message->hide();

    m_clear->setToolTip(tr("Show every device of the fleet"));

    // A drill-down from a chart: named, and removable on its own.
    m_eventsLabel->setWordWrap(true);
    m_eventsLabel->setAccessibleName(tr("Devices from the Telemetry page"));
    m_eventsRemove->setToolTip(tr("Show these devices without the chart's selection"));
    m_eventsRemove->setAccessibleName(tr("Remove the Telemetry selection"));
    m_eventsLabel->hide();
    m_eventsRemove->hide();
    connect(m_eventsRemove, &QPushButton::clicked, this, [this] {
        m_events.reset();
        commit();
    });

    auto *first = new QHBoxLayout;
    first->addWidget(m_search, 1);
    first->addWidget(m_patchLevel);
    first->addWidget(m_clear);
    auto *second = new QHBoxLayout;
    for (QComboBox *box :
         {m_support, m_manufacturer, m_model, m_region, m_updateState, m_exceptions})
        second->addWidget(box);
    second->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(first);
    layout->addLayout(second);
    auto *third = new QHBoxLayout;
    third->addWidget(m_eventsLabel, 1);
    third->addWidget(m_eventsRemove);
    layout->addLayout(third);
    layout->addWidget(m_message);

    // Typing restarts the pause; the query goes out when the operator stops (or presses Enter).
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(SearchDelayMs);
    connect(&m_searchDelay, &QTimer::timeout, this, &DeviceFilterBar::commit);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, &DeviceFilterBar::commit);

    connect(m_patchLevel, &PatchLevelFilterEdit::changed, this, &DeviceFilterBar::commit);
    connect(m_manufacturer, &QComboBox::currentIndexChanged, this, [this] {
        fillModels();
        commit();
    });
    for (QComboBox *box : {m_support, m_model, m_region, m_updateState, m_exceptions})
        connect(box, &QComboBox::currentIndexChanged, this, &DeviceFilterBar::commit);
    connect(m_clear, &QPushButton::clicked, this, &DeviceFilterBar::clear);
    m_clear->setEnabled(false);
}

void DeviceFilterBar::setCatalog(const FleetCatalog &catalog)
{
    m_catalog = catalog;
    std::sort(m_catalog.manufacturers.begin(), m_catalog.manufacturers.end(),
              [](const Manufacturer &a, const Manufacturer &b) {
                  return QString::localeAwareCompare(a.name, b.name) < 0;
              });
    std::sort(m_catalog.regions.begin(), m_catalog.regions.end(),
              [](const Region &a, const Region &b) {
                  return QString::localeAwareCompare(a.name, b.name) < 0;
              });
    const QSignalBlocker blockManufacturer(m_manufacturer);
    const QSignalBlocker blockModel(m_model);
    const QSignalBlocker blockRegion(m_region);
    m_manufacturer->clear();
    m_manufacturer->addItem(tr("All manufacturers"), 0);
    for (const Manufacturer &m : std::as_const(m_catalog.manufacturers))
        m_manufacturer->addItem(m.name, m.id);
    m_region->clear();
    m_region->addItem(tr("All regions"), 0);
    for (const Region &r : std::as_const(m_catalog.regions))
        m_region->addItem(r.name, r.id);
    // Keep what is selected when the catalog comes after a filter (navigation on startup).
    selectData(m_manufacturer, m_filter.manufacturerId, QString());
    fillModels();
    selectData(m_model, m_filter.modelId, QString());
    selectData(m_region, m_filter.regionId, QString());
}

void DeviceFilterBar::fillModels()
{
    const int manufacturerId = m_manufacturer->currentData().toInt();
    const int selected = m_model->currentData().toInt();
    QList<QPair<QString, int>> items;
    for (const DeviceModel &model : std::as_const(m_catalog.models)) {
        if (manufacturerId && model.manufacturerId != manufacturerId)
            continue;
        // Without a manufacturer, the model list names both ("Acme A1").
        const QString text = manufacturerId
            ? model.name
            : tr("%1 %2", "manufacturer, model").arg(model.manufacturer, model.name);
        items.append({text, model.id});
    }
    std::sort(items.begin(), items.end(), [](const auto &a, const auto &b) {
        return QString::localeAwareCompare(a.first, b.first) < 0;
    });
    const QSignalBlocker block(m_model);
    m_model->clear();
    m_model->addItem(tr("All models"), 0);
    for (const auto &item : std::as_const(items))
        m_model->addItem(item.first, item.second);
    const int index = m_model->findData(selected);
    m_model->setCurrentIndex(index >= 0 ? index : 0);
}

QString DeviceFilterBar::problem() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void DeviceFilterBar::setFilter(const DeviceFilter &filter)
{
    m_searchDelay.stop();
    {
        const QSignalBlocker b1(m_search);
        const QSignalBlocker b2(m_support);
        const QSignalBlocker b3(m_manufacturer);
        const QSignalBlocker b4(m_model);
        const QSignalBlocker b5(m_region);
        const QSignalBlocker b6(m_updateState);
        const QSignalBlocker b7(m_exceptions);
        m_search->setText(filter.deviceIdPrefix);
        m_patchLevel->showFilter(filter);
        const QList<SupportStatus> statuses = filter.supportStatuses;
        QStringList names;
        for (SupportStatus s : statuses)
            names.append(supportStatusName(s));
        selectData(m_support, statusMask(statuses), names.join(tr(" or ")));
        selectData(m_manufacturer, filter.manufacturerId,
                   tr("Manufacturer %1").arg(filter.manufacturerId));
        fillModels();
        selectData(m_model, filter.modelId, tr("Model %1").arg(filter.modelId));
        selectData(m_region, filter.regionId, tr("Region %1").arg(filter.regionId));
        selectData(m_updateState, filter.updateState ? int(*filter.updateState) : -1, QString());
        selectData(m_exceptions, int(filter.exceptions), QString());
    }
    m_events = filter.events;
    commit();
}

void DeviceFilterBar::clear()
{
    m_patchLevel->reset();
    setFilter(DeviceFilter());
}

void DeviceFilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void DeviceFilterBar::commit()
{
    m_searchDelay.stop();
    DeviceFilter filter;
    if (!m_patchLevel->apply(filter)) {
        showProblem(m_patchLevel->problem());
        return; // refused: the query keeps the last accepted filter
    }
    // Literal text: quotes, % and _ mean themselves (the backend never treats it as a pattern).
    filter.deviceIdPrefix = m_search->text().trimmed();
    filter.supportStatuses = statusesOf(m_support->currentData().toInt());
    filter.manufacturerId = m_manufacturer->currentData().toInt();
    filter.modelId = m_model->currentData().toInt();
    filter.regionId = m_region->currentData().toInt();
    const int state = m_updateState->currentData().toInt();
    if (state >= 0)
        filter.updateState = UpdateState(state);
    filter.exceptions = ExceptionFilter(m_exceptions->currentData().toInt());
    filter.events = m_events;
    m_eventsLabel->setText(
        m_events ? tr("\u2691 Devices behind the chart: %1").arg(m_events->description) : QString());
    m_eventsLabel->setVisible(m_events.has_value());
    m_eventsRemove->setVisible(m_events.has_value());

    const QString problem = FilterValidation::checkFilter(filter);
    showProblem(problem);
    if (!problem.isEmpty())
        return;
    m_clear->setEnabled(!filter.isEmpty());
    if (filter == m_filter)
        return;
    m_filter = filter;
    Q_EMIT filterChanged(m_filter);
}

void DeviceFilterBar::showProblem(const QString &problem)
{
    m_message->setText(problem.isEmpty() ? QString() : DeviceFormat::warningMarker() + problem);
    m_message->setVisible(!problem.isEmpty());
    if (!problem.isEmpty())
        m_clear->setEnabled(true);
}

void DeviceFilterBar::selectData(QComboBox *box, const QVariant &value, const QString &fallbackText)
{
    int index = box->findData(value);
    if (index < 0 && !fallbackText.isEmpty()) {
        // A value the choices do not offer (a drill-down, or a catalog not loaded yet): show it
        // rather than silently dropping it from the filter.
        box->addItem(fallbackText, value);
        index = box->count() - 1;
    }
    box->setCurrentIndex(qMax(0, index));
}

} // namespace Patchboard
