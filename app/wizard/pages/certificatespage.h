#pragma once
// CertificatesPage (step 3): the PSC machine certificate. Shows the OpenSSL request config
// generated from the plan (its subject, names and key edited right here), makes the key and CSR, signs with
// the VMCA root (option 1) or takes what an external CA returned, in any order, by drag-and-drop or file
// picker (option 2), and shows the verification report as a checklist. All work goes through the run panel;
// files go to <project folder>/certs.

#include "stepregistry.h"

#include <QWizardPage>

class QButtonGroup;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QTreeWidget;

namespace vlab {

struct CertReport;
class PlanForm;
class Job;

class CertificatesPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit CertificatesPage(const StepContext &context);
    static QString stepTitle(); // built when first shown (StepHost)
    void initializePage() override;
    static bool ownsField(const QString &path);
    Q_INVOKABLE QWidget *showField(const QString &path);

    QString certFolder() const;

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void refreshFromPlan();
    void refreshFiles();
    void generate();
    void signWithVmca();
    void buildExternalChain();
    void verifyExisting();
    void addReturnedFiles(const QStringList &files);
    void run(const QList<Job *> &jobs, const QString &title);
    void showReport(const CertReport &report);

    StepContext m_context;
    PlanForm *m_subject = nullptr;
    PlanForm *m_key = nullptr;
    QRadioButton *m_vmca;
    QRadioButton *m_external;
    QLabel *m_folderLabel;
    QPlainTextEdit *m_config;
    QPushButton *m_generate;
    QGroupBox *m_vmcaBox;
    QLineEdit *m_rootCert;
    QLineEdit *m_rootKey;
    QPushButton *m_sign;
    QGroupBox *m_externalBox;
    QPlainTextEdit *m_csr;
    QListWidget *m_returned;
    QPushButton *m_build;
    QTreeWidget *m_checks;
    QLabel *m_verdict;
    QList<QPushButton *> m_actions;
};

} // namespace vlab
