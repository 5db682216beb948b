// Baseline for the start-up benchmark: a bare QWizard with one form page, built with the
// same compiler and flags, reporting the same figures as `vlab-wizard --bench-startup`.

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFormLayout>
#include <QLineEdit>
#include <QPixmap>
#include <QTimer>
#include <QWizard>
#include <QWizardPage>

#include <cstdio>

using namespace Qt::StringLiterals;

static long residentKb()
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

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QWizard wizard;
    auto *page = new QWizardPage;
    page->setTitle(u"Bare page"_s);
    auto *form = new QFormLayout(page);
    for (int i = 0; i < 10; ++i)
        form->addRow(u"Field %1"_s.arg(i), new QLineEdit);
    wizard.addPage(page);
    wizard.show();
    QTimer::singleShot(0, &wizard, [&] {
        const QPixmap firstFrame = wizard.grab(); // the first full render, as in vlab-wizard
        Q_UNUSED(firstFrame)
        std::printf("shown_ms=%.2f rss_kb=%ld\n", double(sinceStart.nsecsElapsed()) / 1e6, residentKb());
        QApplication::quit();
    });
    return QApplication::exec();
}
