// SPDX-License-Identifier: Apache-2.0
#include "rollouttargetseditor.h"

#include "deviceformat.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QSet>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace Patchboard {

namespace {

// Checked ids of a checkable list; empty when every enabled item is checked ("all").
QList<int> checkedIds(const QListWidget *list, bool *none = nullptr)
{
    QList<int> ids;
    bool all = true;
    for (int row = 0; row < list->count(); ++row) {
        const QListWidgetItem *item = list->item(row);
        if (!(item->flags() & Qt::ItemIsEnabled))
            continue;
        if (item->checkState() == Qt::Checked)
            ids.append(item->data(Qt::UserRole).toInt());
        else
            all = false;
    }
    if (none)
        *none = ids.isEmpty() && list->count() > 0;
    return all ? QList<int>() : ids;
}

QListWidgetItem *checkableItem(const QString &text, int id, QListWidget *list)
{
    auto *item = new QListWidgetItem(text, list);
    item->setData(Qt::UserRole, id);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    item->setCheckState(Qt::Checked);
    return item;
}

} // namespace

RolloutTargetsEditor::RolloutTargetsEditor(QWidget *parent)
    : QWidget(parent)
    , m_models(new QListWidget(this))
    , m_regions(new QListWidget(this))
    , m_patchCheck(new QCheckBox(tr("Only devices with a &patch level older than"), this))
    , m_patchLevel(new QDateEdit(this))
    , m_sequenceCheck(new QCheckBox(tr("Only devices with a firmware se&quence below"), this))
    , m_sequence(new QSpinBox(this))
    , m_rooted(new QCheckBox(tr("Include r&ooted or modified devices"), this))
    , m_ported(new QCheckBox(tr("Include devices &ported to another operator"), this))
    , m_unsupported(new QCheckBox(tr("Include devices past their &support end"), this))
{
    m_models->setAccessibleName(tr("Models"));
    m_regions->setAccessibleName(tr("Regions"));
    auto *modelsLabel = new QLabel(tr("&Models of the release:"), this);
    modelsLabel->setBuddy(m_models);
    auto *regionsLabel = new QLabel(tr("R&egions:"), this);
    regionsLabel->setBuddy(m_regions);
    auto *lists = new QGridLayout;
    lists->addWidget(modelsLabel, 0, 0);
    lists->addWidget(regionsLabel, 0, 1);
    lists->addWidget(m_models, 1, 0);
    lists->addWidget(m_regions, 1, 1);

    m_patchLevel->setCalendarPopup(true);
    m_patchLevel->setDisplayFormat(QStringLiteral("yyyy-MM-dd")); // patch levels read as ISO
    m_patchLevel->setAccessibleName(tr("Patch level older than"));
    m_patchLevel->setEnabled(false);
    m_sequence->setRange(1, std::numeric_limits<int>::max());
    m_sequence->setAccessibleName(tr("Firmware sequence below"));
    m_sequence->setEnabled(false);
    auto *filters = new QGridLayout;
    filters->addWidget(m_patchCheck, 0, 0);
    filters->addWidget(m_patchLevel, 0, 1);
    filters->addWidget(m_sequenceCheck, 1, 0);
    filters->addWidget(m_sequence, 1, 1);
    filters->setColumnStretch(2, 1);

    // SSU-TES-0030 / SSU-SEC-0040: left out unless the operator includes them on purpose.
    m_rooted->setToolTip(tr("SSU-TES-0030: devices with user-modified software are left out "
                            "unless included."));
    m_ported->setToolTip(tr("SSU-TES-0030: devices whose subscription moved are left out unless "
                            "included."));
    m_unsupported->setToolTip(tr("SSU-SEC-0040: devices past their support end should be "
                                 "replaced; they are listed in the preview."));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(lists, 1);
    layout->addLayout(filters);
    layout->addWidget(m_rooted);
    layout->addWidget(m_ported);
    layout->addWidget(m_unsupported);

    connect(m_models, &QListWidget::itemChanged, this, &RolloutTargetsEditor::changed);
    connect(m_regions, &QListWidget::itemChanged, this, &RolloutTargetsEditor::changed);
    connect(m_patchCheck, &QCheckBox::toggled, m_patchLevel, &QWidget::setEnabled);
    connect(m_sequenceCheck, &QCheckBox::toggled, m_sequence, &QWidget::setEnabled);
    for (QCheckBox *box : {m_patchCheck, m_sequenceCheck, m_rooted, m_ported, m_unsupported})
        connect(box, &QCheckBox::toggled, this, &RolloutTargetsEditor::changed);
    connect(m_patchLevel, &QDateEdit::dateChanged, this, &RolloutTargetsEditor::changed);
    connect(m_sequence, &QSpinBox::valueChanged, this, &RolloutTargetsEditor::changed);
}

void RolloutTargetsEditor::setCatalog(const FleetCatalog &catalog)
{
    m_catalog = catalog;
    {
        const QSignalBlocker blocker(m_regions);
        m_regions->clear();
        for (const Region &region : catalog.regions) {
            checkableItem(tr("%1 (%2)", "region name, code").arg(region.name, region.code),
                          region.id, m_regions)
                ->setToolTip(region.timeZone);
        }
    }
    fillModels();
    Q_EMIT changed();
}

void RolloutTargetsEditor::setRelease(const ReleaseSummary *release)
{
    m_releaseModels = release ? release->models : QStringList();
    if (release) {
        const QSignalBlocker patchBlocker(m_patchLevel);
        const QSignalBlocker sequenceBlocker(m_sequence);
        if (release->patchLevel.isValid())
            m_patchLevel->setDate(release->patchLevel.date());
        m_sequence->setValue(
            int(qMin<quint64>(release->sequenceNumber, quint64(std::numeric_limits<int>::max()))));
    }
    fillModels();
    Q_EMIT changed();
}

void RolloutTargetsEditor::fillModels()
{
    const QSignalBlocker blocker(m_models);
    m_models->clear();
    // The release names its models as the Status Tracker knows them.
    for (const QString &name : std::as_const(m_releaseModels)) {
        const auto found = std::find_if(m_catalog.models.cbegin(), m_catalog.models.cend(),
                                        [&name](const DeviceModel &m) { return m.name == name; });
        if (found == m_catalog.models.cend()) {
            auto *item = new QListWidgetItem(tr("%1 (not in the fleet)").arg(name), m_models);
            item->setFlags(Qt::NoItemFlags);
            continue;
        }
        checkableItem(found->name, found->id, m_models)
            ->setToolTip(tr("%1, supported until %2")
                             .arg(found->manufacturer, DeviceFormat::date(found->supportEnd())));
    }
}

RolloutTargetFilter RolloutTargetsEditor::filter() const
{
    RolloutTargetFilter f;
    f.modelIds = checkedIds(m_models);
    f.regionIds = checkedIds(m_regions);
    f.patchLevelBefore = m_patchCheck->isChecked() ? m_patchLevel->date() : QDate();
    f.sequenceBelow = m_sequenceCheck->isChecked() ? m_sequence->value() : 0;
    f.includeRooted = m_rooted->isChecked();
    f.includePorted = m_ported->isChecked();
    f.includeUnsupported = m_unsupported->isChecked();
    return f;
}

QStringList RolloutTargetsEditor::problems() const
{
    QStringList problems;
    bool none = false;
    checkedIds(m_models, &none);
    if (none)
        problems.append(tr("Choose at least one model."));
    checkedIds(m_regions, &none);
    if (none)
        problems.append(tr("Choose at least one region."));
    return problems;
}

DeviceFilter RolloutTargetsEditor::unsupportedDevicesFilter() const
{
    // The device filter takes one model or one manufacturer: the narrowest that covers the
    // targeted models.
    DeviceFilter filter;
    filter.supportStatuses = {SupportStatus::Ended};
    QList<int> models = checkedIds(m_models);
    if (models.isEmpty()) {
        for (int row = 0; row < m_models->count(); ++row) {
            if (m_models->item(row)->flags() & Qt::ItemIsEnabled)
                models.append(m_models->item(row)->data(Qt::UserRole).toInt());
        }
    }
    if (models.size() == 1) {
        filter.modelId = models.constFirst();
    } else {
        QSet<int> manufacturers;
        for (const DeviceModel &model : m_catalog.models) {
            if (models.contains(model.id))
                manufacturers.insert(model.manufacturerId);
        }
        if (manufacturers.size() == 1)
            filter.manufacturerId = *manufacturers.cbegin();
    }
    const QList<int> regions = checkedIds(m_regions);
    if (regions.size() == 1)
        filter.regionId = regions.constFirst();
    return filter;
}

} // namespace Patchboard
