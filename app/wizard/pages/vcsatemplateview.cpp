#include "vcsatemplateview.h"

#include "codeview.h"
#include "core/atomicfile.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

VcsaTemplateView::VcsaTemplateView(VcsaRole role, const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_role(role)
    , m_view(new QPlainTextEdit)
    , m_status(new QLabel)
{
    m_view->setObjectName(name + u"Template"_s);
    setUpCodeView(m_view);
    m_status->setObjectName(name + u"TemplateStatus"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *copy = new QPushButton(tr("Copy"));
    copy->setObjectName(name + u"Copy"_s);
    auto *save = new QPushButton(tr("Save..."));
    save->setObjectName(name + u"Save"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(copy);
    buttons->addWidget(save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Save the installer template"), QDir(m_folder).filePath(vcsaTemplateFileName(m_role)),
            tr("JSON (*.json)"));
        if (file.isEmpty())
            return;
        // The template holds placeholders, never passwords: the default mode is right.
        const Result<WrittenFile> written = writeFileAtomically(file, text().toUtf8());
        m_status->setText(written ? tr("Saved %1").arg(QDir::toNativeSeparators(file))
                                  : written.error().message);
    });
}

void VcsaTemplateView::showPlan(const LabPlan &plan, const QString &folder)
{
    m_folder = folder;
    const Result<QByteArray> json = renderVcsaTemplate(plan, m_role, VcsaVersion::V67);
    m_view->setPlainText(json ? QString::fromUtf8(*json) : json.error().message);
}

QString VcsaTemplateView::text() const
{
    return m_view->toPlainText();
}

} // namespace vlab
