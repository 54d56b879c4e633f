// SPDX-License-Identifier: Apache-2.0
#include "walltile.h"

#include "deviceformat.h"
#include "rolloutformat.h"
#include "wallformat.h"
#include "wallwavebar.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QVBoxLayout>

#include <cmath>

namespace Patchboard {

namespace {

int scaled(double design, double scale)
{
    return std::max(1, int(std::lround(design * scale)));
}

} // namespace

WallTile::WallTile(QWidget *parent)
    : QFrame(parent)
    , m_layout(new QVBoxLayout(this))
    , m_badge(makeLabel(WallStyle::Text::Heading))
    , m_name(makeLabel(WallStyle::Text::Heading, true))
    , m_release(makeLabel(WallStyle::Text::Body))
    , m_reason(makeLabel(WallStyle::Text::Emphasis, true))
    , m_timing(makeLabel(WallStyle::Text::Body, true))
    , m_waveBox(new QWidget(this))
    , m_waveGrid(new QGridLayout(m_waveBox))
    , m_failure(makeLabel(WallStyle::Text::Emphasis, true))
    , m_devices(makeLabel(WallStyle::Text::Body))
    , m_note(makeLabel(WallStyle::Text::Small, true))
{
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::NoFocus);
    m_release->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_release->setAccessibleName(tr("Release"));
    m_reason->setAccessibleName(tr("Halt reason"));
    m_failure->setAccessibleName(tr("Failure rate"));
    m_devices->setAccessibleName(tr("Devices updated"));
    m_note->setAccessibleName(tr("Threshold note"));
    m_note->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_waveGrid->setContentsMargins(0, 0, 0, 0);
    m_waveGrid->setColumnStretch(1, 1);

    auto *header = new QHBoxLayout;
    header->addWidget(m_badge, 0, Qt::AlignVCenter);
    header->addWidget(m_name, 1, Qt::AlignVCenter);
    header->addWidget(m_release, 0, Qt::AlignVCenter);
    // The failure rate has a line of its own (it must not wrap around its threshold); the devices
    // updated share theirs with the small print on the threshold.
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_devices, 0, Qt::AlignVCenter);
    footer->addWidget(m_note, 1);
    m_layout->addLayout(header);
    m_layout->addWidget(m_reason);
    m_layout->addWidget(m_timing);
    m_layout->addWidget(m_waveBox);
    m_layout->addWidget(m_failure);
    m_layout->addLayout(footer);
    m_layout->addStretch(1);
    updateMargins();
}

QLabel *WallTile::makeLabel(WallStyle::Text role, bool wrap)
{
    return WallStyle::makeLabel(this, role, m_scale, wrap);
}

bool WallTile::isFinished() const
{
    return m_rollout.state == RolloutState::Completed || m_rollout.state == RolloutState::Cancelled;
}

void WallTile::setRollout(const RolloutSummary &rollout, const QDateTime &now)
{
    const bool stateChanged = rollout.state != m_rollout.state;
    m_rollout = rollout;
    m_now = now;
    const bool halted = rollout.state == RolloutState::Halted;

    m_badge->setText(WallFormat::stateText(rollout.state));
    // Halted in the size of the name; the other states as body text, leaving the name room.
    const WallStyle::Text badgeRole = halted ? WallStyle::Text::Heading : WallStyle::Text::Body;
    WallStyle::setTextRole(m_badge, badgeRole);
    m_badge->setFont(WallStyle::font(badgeRole, m_scale));
    m_name->setText(rollout.name);
    m_release->setText(rollout.releaseVersion);
    m_reason->setText(halted ? (rollout.haltReason.isEmpty()
                                    ? tr("The rollout service gave no reason.")
                                    : rollout.haltReason)
                             : QString());
    m_reason->setVisible(halted);
    const QString timing = WallFormat::timing(rollout, now);
    m_timing->setText(timing);
    m_timing->setVisible(!timing.isEmpty());
    const QString rate = isFinished() ? QString() : WallFormat::failureRate(rollout);
    m_failure->setText(rate);
    m_failure->setVisible(!rate.isEmpty());
    const QString note = isFinished() ? QString() : WallFormat::thresholdNote(rollout);
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    m_devices->setText(WallFormat::devicesUpdated(rollout));

    // A finished rollout keeps one bar over all its waves; the others a bar per wave.
    setRows(isFinished() ? 1 : int(rollout.waves.size()));
    updateRows();
    updateColors();
    if (stateChanged)
        updateMargins();

    setAccessibleName(tr("%1, %2", "rollout name, state")
                          .arg(rollout.name, rolloutStateDisplayName(rollout.state)));
    setAccessibleDescription(WallFormat::description(rollout, now));
    invalidateLayout();
    update();
}

void WallTile::setRows(int count)
{
    if (count == m_rows.size())
        return;
    for (const WaveRow &row : std::as_const(m_rows)) {
        delete row.name;
        delete row.bar;
        delete row.counts;
    }
    m_rows.clear();
    for (int i = 0; i < count; ++i) {
        WaveRow row;
        row.name = makeLabel(WallStyle::Text::Body);
        row.bar = new WallWaveBar(m_waveBox);
        WallStyle::setTextRole(row.bar, WallStyle::Text::Body);
        row.bar->setFont(WallStyle::font(WallStyle::Text::Body, m_scale));
        row.counts = makeLabel(WallStyle::Text::Small);
        row.counts->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_waveGrid->addWidget(row.name, i, 0);
        m_waveGrid->addWidget(row.bar, i, 1);
        m_waveGrid->addWidget(row.counts, i, 2);
        m_rows.append(row);
    }
}

void WallTile::updateRows()
{
    if (isFinished()) {
        if (m_rows.isEmpty())
            return;
        const WaveRow &row = m_rows.constFirst();
        const RolloutFormat::Counts counts = RolloutFormat::counts(m_rollout);
        row.name->setText(tr("All waves"));
        row.bar->setCounts(counts);
        row.bar->setDimmed(true);
        row.bar->setAccessibleName(tr("All waves"));
        row.bar->setAccessibleDescription(RolloutFormat::progressToolTip(counts));
        row.counts->setText(RolloutFormat::progressText(counts));
        return;
    }
    for (int i = 0; i < m_rows.size() && i < m_rollout.waves.size(); ++i) {
        const WaveRow &row = m_rows.at(i);
        const WaveProgress &wave = m_rollout.waves.at(i);
        const RolloutFormat::Counts counts = RolloutFormat::counts(wave);
        const QString name = RolloutFormat::waveName(wave.number, wave.plan);
        const bool current = wave.number == m_rollout.currentWave;
        row.name->setText(WallFormat::waveLabel(wave));
        // The current wave stands out in weight, not only in colour.
        const WallStyle::Text role = current ? WallStyle::Text::Emphasis : WallStyle::Text::Body;
        WallStyle::setTextRole(row.name, role);
        row.name->setFont(WallStyle::font(role, m_scale));
        row.bar->setCounts(counts);
        row.bar->setDimmed(false);
        row.bar->setAccessibleName(
            tr("%1, %2", "wave name, wave state").arg(name, waveStateDisplayName(wave.state)));
        row.bar->setAccessibleDescription(RolloutFormat::progressToolTip(counts));
        row.counts->setText(RolloutFormat::progressText(counts));
    }
}

void WallTile::updateColors()
{
    const QPalette base = palette();
    const QColor normal = base.color(QPalette::WindowText);
    const QColor muted = base.color(QPalette::PlaceholderText);
    const QColor critical = WallStyle::criticalColor(base);
    const bool finished = isFinished();
    const QColor text = finished ? muted : normal;
    for (QLabel *label : {m_name, m_release, m_reason, m_timing, m_devices})
        WallStyle::setTextColor(label, base, text);

    // The badge: halted on a red ground (the loudest thing on the wall), paused in amber.
    const bool halted = m_rollout.state == RolloutState::Halted;
    QPalette badge = base;
    badge.setColor(QPalette::Window, critical);
    badge.setColor(QPalette::WindowText,
                   halted                                        ? WallStyle::onCriticalColor(base)
                       : m_rollout.state == RolloutState::Paused ? WallStyle::warningColor(base)
                                                                 : text);
    m_badge->setPalette(badge);
    m_badge->setAutoFillBackground(halted);
    m_badge->setMargin(halted ? scaled(6, m_scale) : 0);

    const WaveProgress *wave = WallFormat::currentWave(m_rollout);
    WallStyle::setTextColor(
        m_failure, base, !finished && wave && WallFormat::aboveThreshold(*wave) ? critical : text);

    WallStyle::setTextColor(m_note, base, muted);
    for (int i = 0; i < m_rows.size(); ++i) {
        const WaveRow &row = m_rows.at(i);
        WallStyle::setTextColor(row.counts, base, text);
        // The mark says the state; the colour repeats it.
        QColor nameColor;
        if (!finished && i < m_rollout.waves.size()) {
            const WaveProgress &w = m_rollout.waves.at(i);
            if (w.state == WaveState::Halted)
                nameColor = critical;
            else if (w.waitingForGate)
                nameColor = WallStyle::warningColor(base);
        }
        WallStyle::setTextColor(row.name, base, nameColor.isValid() ? nameColor : text);
    }
}

void WallTile::setScale(double scale)
{
    m_scale = scale;
    WallStyle::applyScale(this, scale);
    updateMargins();
    updateColors(); // the badge's margin
    invalidateLayout();
}

void WallTile::invalidateLayout()
{
    // The wave box learns of its labels' new fonts only when its layout request is processed,
    // later; the board measures the tile (heightForWidth) now, so the sizes are renewed now.
    m_waveGrid->invalidate();
    m_waveBox->updateGeometry();
    m_layout->invalidate();
}

int WallTile::borderWidth() const
{
    switch (m_rollout.state) {
    case RolloutState::Halted:
        return scaled(6, m_scale);
    case RolloutState::Paused:
        return scaled(4, m_scale);
    case RolloutState::Completed:
    case RolloutState::Cancelled:
        return scaled(1, m_scale);
    default:
        return scaled(2, m_scale);
    }
}

int WallTile::stripeWidth() const
{
    return m_rollout.state == RolloutState::Halted ? scaled(18, m_scale) : 0;
}

void WallTile::updateMargins()
{
    const int padding = scaled(16, m_scale) + borderWidth();
    m_layout->setContentsMargins(padding + stripeWidth(), padding, padding, padding);
    m_layout->setSpacing(scaled(8, m_scale));
    m_waveGrid->setHorizontalSpacing(scaled(16, m_scale));
    m_waveGrid->setVerticalSpacing(scaled(4, m_scale));
    if (auto *header = qobject_cast<QHBoxLayout *>(m_layout->itemAt(0)->layout()))
        header->setSpacing(scaled(16, m_scale));
}

void WallTile::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    const QPalette pal = palette();
    const QColor critical = WallStyle::criticalColor(pal);
    const int border = borderWidth();
    const QRectF frame
        = QRectF(rect()).adjusted(border / 2.0, border / 2.0, -border / 2.0, -border / 2.0);
    const double radius = 12 * m_scale;

    QColor fill = pal.color(QPalette::Base);
    QColor edge = pal.color(QPalette::Mid);
    Qt::PenStyle style = Qt::SolidLine;
    switch (m_rollout.state) {
    case RolloutState::Halted:
        fill = WallStyle::blend(critical, fill, 0.16);
        edge = critical;
        break;
    case RolloutState::Paused:
        edge = WallStyle::warningColor(pal);
        style = Qt::DashLine; // not told by colour alone
        break;
    case RolloutState::Completed:
    case RolloutState::Cancelled:
        fill = pal.color(QPalette::Window);
        break;
    default:
        break;
    }
    QPainterPath outline;
    outline.addRoundedRect(frame, radius, radius);
    painter.fillPath(outline, fill);

    if (const int stripe = stripeWidth(); stripe > 0) {
        // Hazard stripes down the left edge of a halted rollout.
        painter.save();
        painter.setClipPath(outline);
        const QRectF band(frame.left(), frame.top(), stripe + border / 2.0, frame.height());
        painter.fillRect(band, critical);
        painter.setClipRect(band, Qt::IntersectClip);
        painter.setPen(Qt::NoPen);
        painter.setBrush(WallStyle::onCriticalColor(pal));
        const double s = stripe / 2.0;
        for (double y = band.top() - band.width(); y < band.bottom(); y += 2 * s) {
            const QPolygonF slant({QPointF(band.left(), y + band.width()),
                                   QPointF(band.left(), y + band.width() + s),
                                   QPointF(band.right(), y + s), QPointF(band.right(), y)});
            painter.drawPolygon(slant);
        }
        painter.restore();
    }

    QPen pen(edge, border, style);
    pen.setJoinStyle(Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(outline);
}

void WallTile::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

QString WallTile::nameText() const
{
    return m_name->text();
}

QString WallTile::stateText() const
{
    return m_badge->text();
}

QString WallTile::releaseText() const
{
    return m_release->text();
}

QString WallTile::haltReasonText() const
{
    return m_reason->isHidden() ? QString() : m_reason->text();
}

QString WallTile::timingText() const
{
    return m_timing->isHidden() ? QString() : m_timing->text();
}

QString WallTile::failureRateText() const
{
    return m_failure->text();
}

QString WallTile::devicesText() const
{
    return m_devices->text();
}

QString WallTile::thresholdNoteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

QStringList WallTile::waveLabels() const
{
    QStringList labels;
    for (const WaveRow &row : m_rows)
        labels.append(row.name->text());
    return labels;
}

QStringList WallTile::waveCounts() const
{
    QStringList counts;
    for (const WaveRow &row : m_rows)
        counts.append(row.counts->text());
    return counts;
}

QList<WallWaveBar *> WallTile::bars() const
{
    QList<WallWaveBar *> list;
    for (const WaveRow &row : m_rows)
        list.append(row.bar);
    return list;
}

} // namespace Patchboard
