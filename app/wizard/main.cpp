// vlab-wizard: the desktop front end. Opens the plan given on the command line, or shows the
// start page (a new lab from the example, a plan to open, the recent plans).

#include "mainwindow.h"

#include "i18n/translations.h"
#include "jobs/stopsignals.h"
#include "net/opensslexit.h"
#include "project/plandocument.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFontDatabase>
#include <QIcon>
#include <QImage>
#include <QImageReader>
#include <QMessageBox>
#include <QPixmap>
#include <QTimer>

#include <cstdio>
#include <thread>

using namespace Qt::StringLiterals;

namespace {
// Resident set size of this process in kB (Linux), for the start-up benchmark.
long residentKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// The window icon: the SVG icon rendered at build time to raw premultiplied RGBA pixels (see
// app/wizard/CMakeLists.txt), so that no icon engine or image-format plugin is loaded here.
QIcon windowIcon()
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128}) {
        QFile file(u":/vlab/icons/%1x%1/vlab-wizard.rgba"_s.arg(size));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray pixels = file.readAll();
        if (pixels.size() != qsizetype(size) * size * 4)
            continue;
        const QImage image(reinterpret_cast<const uchar *>(pixels.constData()), size, size, size * 4,
                           QImage::Format_RGBA8888_Premultiplied);
        icon.addPixmap(QPixmap::fromImage(image)); // copies the pixels
    }
    return icon;
}
} // namespace

int main(int argc, char *argv[])
{
    // Before anything uses OpenSSL: Qt's HTTP thread may still be ending when main() returns.
    vlab::skipOpenSslCleanupAtExit();
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"vLab Wizard"_s);
    QApplication::setOrganizationName(u"vLab"_s);
    QApplication::setApplicationVersion(QStringLiteral(VLAB_VERSION));
    QApplication::setWindowIcon(windowIcon());

    // The language is chosen before any text is made, so --lang is looked for ahead of the
    // parser (which then accepts and documents it).
    const std::optional<QString> language = vlab::languageOption(QApplication::arguments());
    if (vlab::installTranslations(language.value_or(QString())).isEmpty() && language && !language->isEmpty()
        && !language->startsWith(u"en"_s))
        std::fprintf(stderr, "vlab-wizard: %s\n",
                     qPrintable(QApplication::translate("main",
                                                        "there is no translation for \"%1\"; the texts "
                                                        "stay in English.")
                                    .arg(*language)));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Builds a highly available vSphere 6.7 lab."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"PLAN"_s, QApplication::translate("main", "Lab plan to open (.vlab.json)."),
                                 u"[PLAN]"_s);
    const QCommandLineOption screenshot(
        u"screenshot"_s, QApplication::translate("main", "Render every page to PNG files in DIR and quit."),
        u"DIR"_s);
    const QCommandLineOption benchStartup(
        u"bench-startup"_s,
        QApplication::translate("main", "Print start-up time and memory once the window shows, then quit."));
    const QCommandLineOption lang(
        u"lang"_s, QApplication::translate("main", "Language of the texts (vi), instead of the system's."),
        u"LANG"_s);
    parser.addOption(lang);
    parser.addOption(screenshot);
    parser.addOption(benchStartup);
    parser.process(app);

    // Work that needs no widget runs on a second core while the window is built: filling the
    // font database (fontconfig reads and parses every font configuration file, a fifth of
    // the time to the first frame), then loading Qt's image-format plugins, which Qt does all
    // at once the first time it must guess an image's format (the style's first pixmap: the
    // menu bar's overflow arrow). Both are thread-safe in Qt (a mutex each): the first widget
    // that needs either finds it ready or waits for it there. Started only after the parser,
    // whose --help and --version end the process with exit().
    const std::jthread warmUp([] {
        QFontDatabase::families();
        QImageReader(u":/vlab/icons/16x16/vlab-wizard.rgba"_s).canRead(); // no plugin reads it: all are asked
    });
    vlab::MainWindow window;
    QString openError;
    if (const QStringList args = parser.positionalArguments(); !args.isEmpty()) {
        if (const vlab::Result<void> opened = window.openFile(args.constFirst()); !opened) {
            openError = opened.error().message;
            std::fprintf(stderr, "vlab-wizard: %s\n", qPrintable(openError));
            if (parser.isSet(screenshot))
                return 2;
        }
    }
    // Without a plan, the start page: a new lab from the example, a plan to open, recent plans
    // (not for the pictures and the start-up figure, which show the example's steps).
    if (parser.positionalArguments().isEmpty() && !parser.isSet(screenshot) && !parser.isSet(benchStartup))
        window.showStartPage();
    window.show();
    // SIGTERM (logout, kill), SIGHUP (terminal closed) and SIGINT stop the running jobs
    // properly before the wizard exits (128 + the signal's number, as a shell reports it).
    vlab::StopSignals stopSignals;
    QObject::connect(&stopSignals, &vlab::StopSignals::stopRequested, &window, [&window](int signal) {
        window.stopAndQuit(vlab::StopSignals::signalName(signal), 128 + signal);
    });

    if (parser.isSet(benchStartup)) {
        QTimer::singleShot(0, &window, [&] {
            // Render the whole window once, as the first paint does, so that font loading and
            // layout are inside the figure (the same for the bare QWizard baseline).
            const QPixmap firstFrame = window.grab();
            Q_UNUSED(firstFrame)
            std::printf("shown_ms=%.2f rss_kb=%ld\n", double(sinceStart.nsecsElapsed()) / 1e6, residentKb());
            QApplication::quit();
        });
    } else if (parser.isSet(screenshot)) {
        window.screenshotPages(parser.value(screenshot), [](vlab::Result<QStringList> result) {
            if (!result) {
                std::fprintf(stderr, "vlab-wizard: %s\n", qPrintable(result.error().message));
                QApplication::exit(1);
                return;
            }
            for (const QString &file : result.value())
                std::printf("%s\n", qPrintable(file));
            QApplication::exit(0);
        });
    } else if (parser.positionalArguments().isEmpty()) {
        QTimer::singleShot(0, &window, [&] { window.offerRecovery(); });
    } else if (!openError.isEmpty()) {
        QTimer::singleShot(0, &window, [&] {
            QMessageBox::warning(
                &window, QApplication::translate("main", "Cannot open the plan"),
                QApplication::translate("main", "%1\n\nThe example lab is open instead.").arg(openError));
        });
    }
    return QApplication::exec();
}
