// rendericon: renders the SVG icon to the PNG sizes the desktop wants and to a Windows .ico
// (PNG entries), at build time. Usage: rendericon ICON.svg OUTDIR SIZE...
// Writes OUTDIR/<size>x<size>/<name>.png for every size, OUTDIR/<name>.ico with the sizes
// up to 256, and OUTDIR/<size>x<size>/<name>.rgba: the raw pixels (premultiplied RGBA, one
// byte each, row by row), which the wizard embeds for its window icon so that showing the
// window decodes no image format at all.

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QtEndian>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
QImage render(QSvgRenderer &svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter, QRectF(0, 0, size, size));
    painter.end();
    return image;
}

QByteArray rawRgba(const QImage &image)
{
    const QImage rgba = image.convertToFormat(QImage::Format_RGBA8888_Premultiplied);
    QByteArray raw;
    for (int y = 0; y < rgba.height(); ++y)
        raw.append(reinterpret_cast<const char *>(rgba.constScanLine(y)), rgba.width() * 4);
    return raw;
}

QByteArray png(const QImage &image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit();
}

template<typename T>
void appendLittleEndian(QByteArray &out, T value)
{
    const T le = qToLittleEndian(value);
    out.append(reinterpret_cast<const char *>(&le), sizeof le);
}

// An .ico whose images are PNG streams (Windows Vista and later read these).
QByteArray icoFrom(const QList<QPair<int, QByteArray>> &pngs)
{
    QByteArray ico;
    appendLittleEndian<quint16>(ico, 0); // reserved
    appendLittleEndian<quint16>(ico, 1); // type: icon
    appendLittleEndian<quint16>(ico, quint16(pngs.size()));
    quint32 offset = 6 + 16 * quint32(pngs.size());
    for (const auto &[size, png] : pngs) {
        ico.append(char(size >= 256 ? 0 : size)); // 0 means 256
        ico.append(char(size >= 256 ? 0 : size));
        ico.append(char(0)); // no palette
        ico.append(char(0)); // reserved
        appendLittleEndian<quint16>(ico, 1);  // colour planes
        appendLittleEndian<quint16>(ico, 32); // bits per pixel
        appendLittleEndian<quint32>(ico, quint32(png.size()));
        appendLittleEndian<quint32>(ico, offset);
        offset += quint32(png.size());
    }
    for (const auto &entry : pngs)
        ico.append(entry.second);
    return ico;
}
} // namespace

int main(int argc, char *argv[])
{
    // Rendering needs a QGuiApplication but no display.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        std::fputs("usage: rendericon ICON.svg OUTDIR SIZE...\n", stderr);
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "rendericon: cannot read %s\n", qPrintable(args.at(1)));
        return 1;
    }
    const QString name = QFileInfo(args.at(1)).completeBaseName();
    const QDir out(args.at(2));
    QList<QPair<int, QByteArray>> forIco;
    for (const QString &arg : args.mid(3)) {
        bool ok = false;
        const int size = arg.toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            std::fprintf(stderr, "rendericon: bad size %s\n", qPrintable(arg));
            return 2;
        }
        const QImage image = render(svg, size);
        const QByteArray encoded = png(image);
        const QString path = out.filePath(u"%1x%1/%2.png"_s.arg(size).arg(name));
        const QString rawPath = out.filePath(u"%1x%1/%2.rgba"_s.arg(size).arg(name));
        if (encoded.isEmpty() || !writeFile(path, encoded) || !writeFile(rawPath, rawRgba(image))) {
            std::fprintf(stderr, "rendericon: cannot write %s\n", qPrintable(path));
            return 1;
        }
        if (size <= 256)
            forIco.append({size, encoded});
    }
    const QString icoPath = out.filePath(name + u".ico"_s);
    if (!writeFile(icoPath, icoFrom(forIco))) {
        std::fprintf(stderr, "rendericon: cannot write %s\n", qPrintable(icoPath));
        return 1;
    }
    return 0;
}
