#include "stephost.h"

#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vlab {

StepHost::StepHost(const StepInfo &step, const StepContext &context)
    : m_step(step)
    , m_context(context)
{
    setObjectName(u"page:"_s + QString::fromLatin1(step.id));
    setTitle(step.title());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
}

QWizardPage *StepHost::page()
{
    if (!m_page) {
        m_page = m_step.create(m_context);
        m_page->setObjectName(m_page->objectName() + u":content"_s); // the host keeps "page:<id>"
        // A page taller than the window scrolls instead of making the window taller than the
        // screen (Apply certificates needs about 900 px; the window must fit 1024x700).
        auto *scroll = new QScrollArea;
        scroll->setObjectName(u"stepScroll"_s);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidgetResizable(true);
        scroll->setWidget(m_page);
        layout()->addWidget(scroll);
        setTitle(m_page->title());
        setSubTitle(m_page->subTitle());
        connect(m_page, &QWizardPage::completeChanged, this, &QWizardPage::completeChanged);
    }
    return m_page;
}

void StepHost::initializePage()
{
    page()->initializePage();
}

void StepHost::cleanupPage()
{
    if (m_page)
        m_page->cleanupPage();
}

bool StepHost::isComplete() const
{
    return m_page ? m_page->isComplete() : true;
}

bool StepHost::validatePage()
{
    return m_page ? m_page->validatePage() : true;
}

} // namespace vlab
