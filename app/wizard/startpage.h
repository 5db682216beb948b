#pragma once
// StartPage: what the wizard shows when it starts without a plan, as VMware's installer and
// Calamares start with a page of their own: a new lab from the built-in example, a plan file
// to open, or one of the plans opened or saved last (RecentPlans). It only asks; MainWindow
// does the opening and then shows the steps.

#include <QWidget>

class QListWidget;
class QPushButton;

namespace vlab {

class StartPage : public QWidget
{
    Q_OBJECT
public:
    explicit StartPage(QWidget *parent = nullptr);

    // Lists the recent plans again (a plan that is gone is shown as such and cannot be opened).
    void refresh();

Q_SIGNALS:
    void newLabRequested();
    void openRequested();
    void recentRequested(const QString &fileName);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void openSelected();

    QPushButton *m_new;
    QPushButton *m_open;
    QListWidget *m_recent;
    QPushButton *m_openRecent;
};

} // namespace vlab
