// SPDX-License-Identifier: Apache-2.0
#include "telemetryexport.h"

#include "telemetrychartview.h"

#include <QAbstractItemModel>
#include <QBuffer>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QPainter>
#include <QPixmap>
#include <QSaveFile>
#include <QSvgGenerator>

namespace Patchboard::TelemetryExport {

namespace {

class Tr
{
    Q_DECLARE_TR_FUNCTIONS(Patchboard::TelemetryExport)
};

QString csvValue(const QVariant &raw, const QVariant &display)
{
    switch (raw.typeId()) {
    case QMetaType::QDateTime:
        return raw.toDateTime().toUTC().toString(Qt::ISODate);
    case QMetaType::Double:
    case QMetaType::Float:
        return QString::number(raw.toDouble(), 'f', 3);
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
        return raw.toString();
    default:
        break;
    }
    if (!raw.isValid() && !display.toString().isEmpty()) {
        // A number the model has no raw value for (a rate without results): an empty field,
        // not the dash shown on screen.
        return QString();
    }
    return display.toString();
}

Status writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        return ServiceError::make(ServiceError::Code::Io,
                                  Tr::tr("Could not write %1: %2")
                                      .arg(QDir::toNativeSeparators(path), file.errorString()),
                                  Tr::tr("Choose a folder you can write to, with free space."));
    }
    return Done{};
}

} // namespace

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QByteArray csv(const QAbstractItemModel *model, int sortRole)
{
    QString text;
    const int columns = model->columnCount();
    const auto appendRow = [&text](const QStringList &fields) {
        QStringList quoted;
        for (const QString &field : fields)
            quoted.append(csvField(field));
        text += quoted.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    };
    QStringList header;
    for (int column = 0; column < columns; ++column)
        header.append(model->headerData(column, Qt::Horizontal).toString());
    appendRow(header);
    for (int row = 0; row < model->rowCount(); ++row) {
        QStringList fields;
        for (int column = 0; column < columns; ++column) {
            const QModelIndex index = model->index(row, column);
            fields.append(csvValue(index.data(sortRole), index.data(Qt::DisplayRole)));
        }
        appendRow(fields);
    }
    return text.toUtf8();
}

Result<int> saveCsv(const QAbstractItemModel *model, int sortRole, const QString &path)
{
    const Status written = writeFile(path, csv(model, sortRole));
    if (!written.ok())
        return written.error();
    return model->rowCount();
}

Status savePng(TelemetryChartView *chart, const QString &path)
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    if (!chart->grab().save(&buffer, "PNG")) {
        return ServiceError::make(ServiceError::Code::Internal,
                                  Tr::tr("The chart could not be drawn as a picture."));
    }
    return writeFile(path, data);
}

Status saveSvg(TelemetryChartView *chart, const QString &path)
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(chart->size());
    generator.setViewBox(QRect(QPoint(0, 0), chart->size()));
    generator.setTitle(chart->title());
    generator.setDescription(chart->accessibleDescription());
    generator.setResolution(chart->logicalDpiX());
    const bool patterns = chart->patterns();
    chart->setPatterns(false); // the generator drops texture brushes
    {
        QPainter painter(&generator);
        chart->render(&painter);
    }
    chart->setPatterns(patterns);
    return writeFile(path, data);
}

} // namespace Patchboard::TelemetryExport
