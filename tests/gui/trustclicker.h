#pragma once
// TrustClicker: answers the wizard's TrustDialog (an unknown TLS certificate or SSH host key)
// as a person would, with a real mouse click on "Trust" or a real key press (Enter, which
// must not trust, or Escape) once it is shown. It keeps what each dialog showed (host, kind,
// fingerprint, where to find the real one, which button is the default) and what the run
// panel showed behind it at that moment (its title and every job's state).

#include <QApplication>
#include <QDialog>
#include <QEvent>
#include <QLabel>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

class TrustClicker : public QObject
{
public:
    explicit TrustClicker(QObject *parent = nullptr)
        : QObject(parent)
    {
        qApp->installEventFilter(this);
    }
    ~TrustClicker() override { qApp->removeEventFilter(this); }

    enum class Answer {
        Trust,        // a mouse click on "Trust this ..."
        Enter,        // the Return key alone: the default button, which must be "Do not trust"
        EnterOnTrust, // Return with the focus on "Trust this ..." (tabbed to): still must not trust
        Escape,       // the Escape key
    };
    Answer answer = Answer::Trust;

    struct Shown
    {
        QString title;
        QString kind;
        QString host;
        QString fingerprint; // as shown (may span lines)
        QString previous;    // a changed certificate: the one confirmed before, as shown
        QString where;
        bool declineIsDefault = false;
        bool trustIsDefault = true;
        QString panelTitle;       // the run panel's title line while the dialog is open
        QStringList panelStates;  // the run panel's State column while the dialog is open
        QString panelStatusTexts; // its Status column, joined
    };
    QList<Shown> shown;
    int unanswered = 0;         // dialogs the answer did not close (closed after a while, declined)
    QPointer<QWidget> runPanel; // whose state is kept while a dialog is open

    // The fingerprint as one string, without the line breaks and blanks the dialog adds.
    static QString compact(const QString &text)
    {
        QString out = text;
        return out.remove(QRegularExpression(QStringLiteral("\\s")));
    }

    // "AB:CD:..." of a PEM certificate, from the openssl command (independent of the wizard).
    static QString opensslSha256(const QString &certificatePath)
    {
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("x509"), QStringLiteral("-in"), certificatePath,
                       QStringLiteral("-noout"), QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
        if (!openssl.waitForFinished(20000) || openssl.exitCode() != 0)
            return {};
        const QString out = QString::fromLatin1(openssl.readAllStandardOutput()).trimmed();
        return out.mid(out.indexOf(QLatin1Char('=')) + 1).toUpper();
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Show || watched->objectName() != QLatin1String("trustDialog"))
            return false;
        auto *dialog = qobject_cast<QDialog *>(watched);
        if (!dialog)
            return false;
        const auto text = [dialog](const char *name) {
            const auto *label = dialog->findChild<QLabel *>(QLatin1String(name));
            return label ? label->text() : QString();
        };
        Shown s;
        s.title = dialog->windowTitle();
        s.kind = text("trustKind");
        s.host = text("trustHost");
        s.fingerprint = text("trustFingerprint");
        s.previous = text("trustPrevious");
        s.where = text("trustWhere");
        if (const auto *b = dialog->findChild<QPushButton *>(QStringLiteral("trustDecline")))
            s.declineIsDefault = b->isDefault();
        if (const auto *b = dialog->findChild<QPushButton *>(QStringLiteral("trustConfirm")))
            s.trustIsDefault = b->isDefault() || b->autoDefault();
        if (runPanel) {
            if (const auto *title = runPanel->findChild<QLabel *>(QStringLiteral("runTitle")))
                s.panelTitle = title->text();
            if (const auto *jobs = runPanel->findChild<QTreeWidget *>()) {
                for (int i = 0; i < jobs->topLevelItemCount(); ++i) {
                    s.panelStates << jobs->topLevelItem(i)->text(1);
                    s.panelStatusTexts += jobs->topLevelItem(i)->text(2) + QLatin1Char('\n');
                }
            }
        }
        shown << s;
        const Answer how = answer;
        // Answered from the dialog's own event loop, once it is up.
        QTimer::singleShot(0, dialog, [dialog, how] {
            switch (how) {
            case Answer::Trust:
                if (auto *b = dialog->findChild<QPushButton *>(QStringLiteral("trustConfirm")))
                    QTest::mouseClick(b, Qt::LeftButton);
                break;
            case Answer::Enter:
                QTest::keyClick(dialog->focusWidget() ? dialog->focusWidget() : dialog, Qt::Key_Return);
                break;
            case Answer::EnterOnTrust:
                if (auto *b = dialog->findChild<QPushButton *>(QStringLiteral("trustConfirm"))) {
                    b->setFocus();
                    QTest::keyClick(b, Qt::Key_Return);
                }
                break;
            case Answer::Escape:
                QTest::keyClick(dialog->focusWidget() ? dialog->focusWidget() : dialog, Qt::Key_Escape);
                break;
            }
        });
        // An answer that did not close it (Enter doing nothing, say) is counted, not hung on.
        QTimer::singleShot(15000, dialog, [this, dialog] {
            if (dialog->isVisible()) {
                ++unanswered;
                dialog->reject();
            }
        });
        return false;
    }
};
