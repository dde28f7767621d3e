// Build tool: renders an SVG to a square PNG of the given size with Qt Svg (the renderer the
// tray uses for its icons), for the hicolor icon sizes and the macOS .icns.
//
// Usage: ocs_svg2png INPUT.svg SIZE OUTPUT.png
#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    bool ok = false;
    const int size = args.value(2).toInt(&ok);
    if (args.size() != 4 || !ok || size <= 0 || size > 4096) {
        std::fprintf(stderr, "usage: ocs_svg2png INPUT.svg SIZE OUTPUT.png\n");
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "ocs_svg2png: cannot read %s\n", qPrintable(args.at(1)));
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
        // Keep the aspect ratio, centred.
        QSizeF natural = svg.defaultSize();
        if (natural.isEmpty())
            natural = QSizeF(size, size);
        const QSizeF fitted = natural.scaled(QSizeF(size, size), Qt::KeepAspectRatio);
        svg.render(
            &painter,
            QRectF(QPointF((size - fitted.width()) / 2, (size - fitted.height()) / 2), fitted));
    }
    if (!image.convertToFormat(QImage::Format_ARGB32).save(args.at(3), "PNG")) {
        std::fprintf(stderr, "ocs_svg2png: cannot write %s\n", qPrintable(args.at(3)));
        return 1;
    }
    return 0;
}
