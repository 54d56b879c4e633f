// SPDX-License-Identifier: Apache-2.0
#include "walllegend.h"

#include "rolloutformat.h"
#include "wallstyle.h"
#include "wallwavebar.h"

#include <QHBoxLayout>
#include <QLabel>

#include <algorithm>
#include <utility>

namespace Patchboard {

WallLegend::WallLegend(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    RolloutFormat::Counts succeeded, failed, inProgress, pending;
    succeeded.succeeded = 1;
    failed.failed = 1;
    inProgress.inProgress = 1;
    pending.pending = 1;
    const std::pair<RolloutFormat::Counts, QString> parts[] = {
        {succeeded, RolloutFormat::succeededMark() + QLatin1Char(' ') + tr("Succeeded")},
        {failed, RolloutFormat::failedMark() + QLatin1Char(' ') + tr("Failed")},
        {inProgress, RolloutFormat::inProgressMark() + QLatin1Char(' ') + tr("In progress")},
        {pending, RolloutFormat::pendingMark() + QLatin1Char(' ') + tr("Pending")},
    };
    for (const auto &[counts, text] : parts) {
        auto *swatch = new WallWaveBar(this);
        swatch->setCounts(counts);
        swatch->setAccessibleName(text);
        QLabel *label = WallStyle::makeLabel(this, WallStyle::Text::Small, 1.0);
        label->setText(text);
        layout->addWidget(swatch);
        layout->addWidget(label);
        layout->addSpacing(16);
    }
    layout->addStretch(1);
    QLabel *keys = WallStyle::makeLabel(this, WallStyle::Text::Small, 1.0);
    keys->setText(tr("Esc or F11 leaves the wall screen"));
    layout->addWidget(keys);
}

void WallLegend::setScale(double scale)
{
    WallStyle::applyScale(this, scale);
    const int swatch = WallStyle::pixelSize(WallStyle::Text::Small, scale);
    const QList<WallWaveBar *> swatches = findChildren<WallWaveBar *>();
    for (WallWaveBar *bar : swatches)
        bar->setFixedSize(swatch * 3, swatch + swatch / 2);
    layout()->setSpacing(std::max(4, swatch / 2));
}

} // namespace Patchboard
