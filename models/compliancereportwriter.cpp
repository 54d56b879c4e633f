// SPDX-License-Identifier: Apache-2.0
#include "compliancereportwriter.h"

#include "compliancereportbuilder.h"

#include <QAbstractTextDocumentLayout>
#include <QDir>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QXmlStreamWriter>

#include <cmath>
#include <memory>

namespace Patchboard {

namespace {

constexpr double FooterPoints = 8.0;

// The document laid out for one paint device, in that device's pixels.
struct Pages
{
    std::unique_ptr<QTextDocument> doc;
    QRectF body; // where the document's pages go
    QRectF footer;
    int count = 0;
};

// QTextDocument has no "keep with next": a heading at the foot of a page would be parted from
// its table. Such a heading starts the next page instead. One at a time, as each move changes
// the layout of what follows.
void keepHeadingsWithNext(QTextDocument &doc, double lineHeight)
{
    const double pageHeight = doc.pageSize().height();
    const double room = 5 * lineHeight; // the heading's paragraph and a table row or two
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        QTextBlockFormat format = block.blockFormat();
        if (format.headingLevel() == 0 || block.blockNumber() == 0)
            continue;
        const QRectF rect = doc.documentLayout()->blockBoundingRect(block);
        const double pageEnd = (std::floor(rect.top() / pageHeight) + 1) * pageHeight;
        if (rect.bottom() + room <= pageEnd)
            continue;
        format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        QTextCursor(block).setBlockFormat(format);
        // The layout's own update after a format change can leave the last block unlaid (seen
        // with Qt 6.4): lay the whole document out again.
        doc.markContentsDirty(0, doc.characterCount());
    }
}

// area: the printable rectangle in the painter's coordinates (a QPdfWriter's painter starts at
// the margins, an image's at the paper's corner).
Pages paginate(const ComplianceReportData &data, QPaintDevice *device, const QRectF &area)
{
    Pages pages;
    pages.doc = ComplianceReportBuilder::document(data);
    const double pointToPixel = device->logicalDpiY() / 72.0;
    const double footerHeight = FooterPoints * 3.0 * pointToPixel;
    // Whole device pixels: with a fractional page height QTextDocument may leave the last block
    // of a page unlaid.
    pages.body = QRectF(area.left(), area.top(), std::floor(area.width()),
                        std::floor(area.height() - footerHeight));
    pages.footer
        = QRectF(area.left(), area.bottom() - footerHeight * 0.7, area.width(), footerHeight * 0.7);
    // Laid out on the device itself, so that fonts and the HTML's pixel lengths scale to it.
    pages.doc->documentLayout()->setPaintDevice(device);
    pages.doc->setPageSize(pages.body.size());
    keepHeadingsWithNext(*pages.doc, QFontMetricsF(pages.doc->defaultFont(), device).height());
    pages.count = pages.doc->pageCount();
    return pages;
}

void paintPage(QPainter &painter, const Pages &pages, int page, const QString &title)
{
    const QRectF &body = pages.body;
    painter.save();
    painter.translate(body.left(), body.top() - page * body.height());
    QAbstractTextDocumentLayout::PaintContext context;
    context.clip = QRectF(0, page * body.height(), body.width(), body.height());
    // Print colours: black text whatever the screen's theme.
    context.palette.setColor(QPalette::Text, Qt::black);
    painter.setClipRect(context.clip);
    pages.doc->documentLayout()->draw(&painter, context);
    painter.restore();

    painter.save();
    QFont font = pages.doc->defaultFont();
    font.setPointSizeF(FooterPoints);
    painter.setFont(font);
    painter.setPen(QPen(QColor(0x5a, 0x62, 0x70), 0));
    painter.drawLine(pages.footer.topLeft(), pages.footer.topRight());
    painter.drawText(pages.footer, Qt::AlignLeft | Qt::AlignBottom, title);
    painter.drawText(pages.footer, Qt::AlignRight | Qt::AlignBottom,
                     ComplianceReportWriter::tr("Page %1 of %2").arg(page + 1).arg(pages.count));
    painter.restore();
}

// The PDF's document information as XMP: QPdfWriter has a title and a creator tool, but no
// author; dc:creator names the operator who made the report.
QByteArray xmpMetadata(const ComplianceReportData &data)
{
    const QString rdf = QStringLiteral("http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    QByteArray xml;
    QXmlStreamWriter w(&xml);
    w.setAutoFormatting(true);
    w.writeProcessingInstruction(QStringLiteral("xpacket"),
                                 QStringLiteral("begin='' id='W5M0MpCehiHzreSzNTczkc9d'"));
    w.writeNamespace(QStringLiteral("adobe:ns:meta/"), QStringLiteral("x"));
    w.writeNamespace(rdf, QStringLiteral("rdf"));
    w.writeNamespace(QStringLiteral("http://purl.org/dc/elements/1.1/"), QStringLiteral("dc"));
    w.writeNamespace(QStringLiteral("http://ns.adobe.com/xap/1.0/"), QStringLiteral("xmp"));
    w.writeStartElement(QStringLiteral("adobe:ns:meta/"), QStringLiteral("xmpmeta"));
    w.writeStartElement(rdf, QStringLiteral("RDF"));
    w.writeStartElement(rdf, QStringLiteral("Description"));
    w.writeAttribute(rdf, QStringLiteral("about"), QString());
    const QString dc = QStringLiteral("http://purl.org/dc/elements/1.1/");
    w.writeStartElement(dc, QStringLiteral("title"));
    w.writeStartElement(rdf, QStringLiteral("Alt"));
    w.writeStartElement(rdf, QStringLiteral("li"));
    w.writeAttribute(QStringLiteral("xml:lang"), QStringLiteral("x-default"));
    w.writeCharacters(ComplianceReportBuilder::title(data));
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeStartElement(dc, QStringLiteral("creator"));
    w.writeStartElement(rdf, QStringLiteral("Seq"));
    w.writeTextElement(rdf, QStringLiteral("li"), ComplianceReportBuilder::authorText(data));
    w.writeEndElement();
    w.writeEndElement();
    const QString xmp = QStringLiteral("http://ns.adobe.com/xap/1.0/");
    w.writeTextElement(xmp, QStringLiteral("CreatorTool"), QStringLiteral("Patchboard"));
    w.writeTextElement(xmp, QStringLiteral("CreateDate"),
                       data.generated.toUTC().toString(Qt::ISODate));
    w.writeEndElement(); // Description
    w.writeEndElement(); // RDF
    w.writeEndElement(); // xmpmeta
    w.writeProcessingInstruction(QStringLiteral("xpacket"), QStringLiteral("end='w'"));
    w.writeEndDocument();
    return xml;
}

ServiceError writeError(const QString &path, const QString &why)
{
    return ServiceError::make(
        ServiceError::Code::Io,
        ComplianceReportWriter::tr("Could not write the report to %1: %2")
            .arg(QDir::toNativeSeparators(path), why),
        ComplianceReportWriter::tr("Choose a folder you can write to, with space left, and try "
                                   "again. No file was written."));
}

} // namespace

QPageLayout ComplianceReportWriter::pageLayout()
{
    return QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(18, 18, 18, 18),
                       QPageLayout::Millimeter);
}

Result<int> ComplianceReportWriter::writePdf(const ComplianceReportData &data, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return writeError(path, file.errorString());
    int count = 0;
    {
        QPdfWriter writer(&file);
        writer.setResolution(PdfResolution);
        writer.setPageLayout(pageLayout());
        writer.setTitle(ComplianceReportBuilder::title(data));
        writer.setCreator(QStringLiteral("Patchboard"));
        writer.setDocumentXmpMetadata(xmpMetadata(data));
        QPainter painter;
        if (!painter.begin(&writer)) {
            file.cancelWriting();
            return writeError(path, tr("the PDF writer could not start"));
        }
        const QRectF area(QPointF(0, 0),
                          QSizeF(writer.pageLayout().paintRectPixels(PdfResolution).size()));
        const Pages pages = paginate(data, &writer, area);
        const QString title = ComplianceReportBuilder::title(data);
        for (int page = 0; page < pages.count; ++page) {
            if (page > 0 && !writer.newPage()) {
                painter.end();
                file.cancelWriting();
                return writeError(path, tr("the PDF writer could not add page %1").arg(page + 1));
            }
            paintPage(painter, pages, page, title);
        }
        count = pages.count;
        painter.end(); // writes the PDF's trailer to the file
    }
    // commit() renames the finished temporary file into place, or removes it.
    if (!file.commit())
        return writeError(path, file.errorString());
    return count;
}

QImage ComplianceReportWriter::renderPage(const ComplianceReportData &data, int page, int dpi)
{
    const QPageLayout layout = pageLayout();
    QImage image(layout.fullRectPixels(dpi).size(), QImage::Format_RGB32);
    image.setDotsPerMeterX(qRound(dpi / 0.0254));
    image.setDotsPerMeterY(qRound(dpi / 0.0254));
    image.fill(Qt::white);
    const Pages pages = paginate(data, &image, QRectF(layout.paintRectPixels(dpi)));
    if (page < 0 || page >= pages.count)
        return {};
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paintPage(painter, pages, page, ComplianceReportBuilder::title(data));
    return image;
}

int ComplianceReportWriter::pageCount(const ComplianceReportData &data, int dpi)
{
    const QPageLayout layout = pageLayout();
    QImage image(QSize(1, 1), QImage::Format_RGB32);
    image.setDotsPerMeterX(qRound(dpi / 0.0254));
    image.setDotsPerMeterY(qRound(dpi / 0.0254));
    return paginate(data, &image, QRectF(layout.paintRectPixels(dpi))).count;
}

} // namespace Patchboard
