#include "startpage.h"

#include "recentplans.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

StartPage::StartPage(QWidget *parent)
    : QWidget(parent)
    , m_new(new QPushButton(tr("&New lab from the example")))
    , m_open(new QPushButton(tr("&Open a plan...")))
    , m_recent(new QListWidget)
    , m_openRecent(new QPushButton(tr("Open the &selected plan")))
{
    setObjectName(u"startPage"_s);
    m_new->setObjectName(u"startNew"_s);
    m_open->setObjectName(u"startOpen"_s);
    m_recent->setObjectName(u"recentPlans"_s);
    m_openRecent->setObjectName(u"startOpenRecent"_s);

    auto *heading = new QLabel(tr("<h2>vLab Wizard</h2>"));
    auto *intro = new QLabel(tr("Plan a highly available vSphere 6.7 lab (two PSCs behind a NetScaler, "
                                "vCenter with VCHA, a Distributed Switch), write every file and a "
                                "runbook for it, or build it step by step. Every step can run plan "
                                "only; nothing touches a lab until you start a live step and approve "
                                "it."));
    intro->setWordWrap(true);
    auto *newNote = new QLabel(tr("Starts from the example lab \"sslab\", every field filled in: change "
                                  "the names and addresses to yours, then save it under its own name."));
    newNote->setWordWrap(true);
    newNote->setIndent(12);
    auto *recentLabel = new QLabel(tr("&Recent plans:"));
    recentLabel->setBuddy(m_recent);
    m_recent->setMinimumHeight(120);
    m_recent->setAlternatingRowColors(true);

    auto *column = new QVBoxLayout;
    column->addWidget(heading);
    column->addWidget(intro);
    column->addSpacing(12);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_open);
    buttons->addStretch();
    column->addLayout(buttons);
    column->addWidget(newNote);
    column->addSpacing(12);
    column->addWidget(recentLabel);
    column->addWidget(m_recent, 1);
    auto *recentButtons = new QHBoxLayout;
    recentButtons->addStretch();
    recentButtons->addWidget(m_openRecent);
    column->addLayout(recentButtons);

    // A readable column in the middle of a wide window.
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    auto *middle = new QWidget;
    middle->setMaximumWidth(720);
    middle->setLayout(column);
    outer->addWidget(middle, 4);
    outer->addStretch(1);

    connect(m_new, &QPushButton::clicked, this, &StartPage::newLabRequested);
    connect(m_open, &QPushButton::clicked, this, &StartPage::openRequested);
    connect(m_openRecent, &QPushButton::clicked, this, &StartPage::openSelected);
    connect(m_recent, &QListWidget::itemActivated, this, &StartPage::openSelected);
    connect(m_recent, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        m_openRecent->setEnabled(item && (item->flags() & Qt::ItemIsEnabled));
    });
    refresh();
}

void StartPage::refresh()
{
    m_recent->clear();
    const QStringList files = RecentPlans::load();
    for (const QString &file : files) {
        const QFileInfo info(file);
        const bool exists = info.isFile();
        auto *item = new QListWidgetItem(
            exists ? tr("%1 - in %2").arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath()))
                   : tr("%1 - in %2 (not found)")
                         .arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath())));
        item->setData(Qt::UserRole, file);
        item->setToolTip(QDir::toNativeSeparators(file));
        if (!exists)
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        m_recent->addItem(item);
    }
    if (files.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No plan opened or saved yet."));
        item->setFlags(Qt::NoItemFlags);
        m_recent->addItem(item);
    }
    // The newest plan that still exists is selected: Enter in the list opens it.
    m_recent->setCurrentItem(nullptr);
    for (int row = 0; row < m_recent->count(); ++row) {
        if (m_recent->item(row)->flags() & Qt::ItemIsEnabled) {
            m_recent->setCurrentRow(row);
            break;
        }
    }
    m_openRecent->setEnabled(m_recent->currentItem() != nullptr);
}

void StartPage::showEvent(QShowEvent *event)
{
    refresh();
    QWidget::showEvent(event);
    m_new->setFocus(Qt::OtherFocusReason);
}

void StartPage::openSelected()
{
    const QListWidgetItem *item = m_recent->currentItem();
    if (item && (item->flags() & Qt::ItemIsEnabled))
        Q_EMIT recentRequested(item->data(Qt::UserRole).toString());
}

} // namespace vlab
