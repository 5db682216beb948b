#pragma once
// ResumeClicker: answers the run panel's "Resume the interrupted run?" question (objectName
// "resumeQuestion") as a person would, with a real mouse click on the button named `answer`
// (or the Escape key, answer "Escape") once the dialog is shown, and keeps what each question said and
// offered (its text, its informative text with what the checks of the lab found, and the objectNames of its
// buttons).

#include <QAbstractButton>
#include <QApplication>
#include <QEvent>
#include <QMessageBox>
#include <QTest>
#include <QTimer>

class ResumeClicker : public QObject
{
public:
    explicit ResumeClicker(QObject *parent = nullptr)
        : QObject(parent)
    {
        qApp->installEventFilter(this);
    }
    ~ResumeClicker() override { qApp->removeEventFilter(this); }

    struct Shown
    {
        QString text;
        QString informative;
        QStringList buttons; // objectNames
    };
    QString answer = QStringLiteral("resumeNotNow"); // the button the next questions get, or "Escape"
    QList<Shown> shown;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Show || watched->objectName() != QLatin1String("resumeQuestion"))
            return false;
        auto *box = qobject_cast<QMessageBox *>(watched);
        if (!box)
            return false;
        Shown s{box->text(), box->informativeText(), {}};
        for (const QAbstractButton *b : box->buttons())
            s.buttons << b->objectName();
        shown << s;
        const QString name = answer;
        QTimer::singleShot(0, box, [box, name] {
            if (name == QLatin1String("Escape"))
                QTest::keyClick(box, Qt::Key_Escape);
            else if (auto *b = box->findChild<QAbstractButton *>(name))
                QTest::mouseClick(b, Qt::LeftButton);
            else
                box->reject(); // not offered: Escape's way out
        });
        return false;
    }
};
