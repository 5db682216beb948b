#pragma once
// VcsaDeployJob: runs the VCSA CLI installer (vcsa-deploy, from the mounted VCSA ISO) for one
// appliance of the lab in three phases: verify the template, precheck against the target,
// install (the last one left out for a precheck-only run). The template the writer made has
// placeholders for the passwords; they are filled in here, in memory, and the result lives
// only in a 0600 file inside a private temporary folder that is removed when the job ends,
// whatever the outcome. Passwords never reach the arguments (visible in ps), the child's
// environment, the log, the evidence or the journal; output lines are masked as well.
//
// The installer runs asynchronously (QProcess on the event loop), in a process group of its
// own on Unix so that a cancel or a timeout ends the whole tree (TERM, then KILL after a few
// seconds). Progress is one 0..1 figure over the phases with the installer's task as the
// status line (VcsaOutputParser). A failure names the phase, the installer's own reason when
// it printed one, else the first ERROR lines of its newest vcsa-cli-installer.log, and the
// log path.
//
// Command forms: reference/domain-facts.md "vcsa-deploy" lists the flags; the phases are
// spelled as in VMware's 6.7 documentation, all under the install subcommand:
//   install --accept-eula --acknowledge-ceip --verify-template-only --terse --log-dir DIR FILE
//   install --accept-eula --acknowledge-ceip --precheck-only [--no-ssl-...] --terse --log-dir DIR FILE
//   install --accept-eula --acknowledge-ceip [--no-ssl-certificate-verification] --terse --log-dir DIR FILE
// Exit code 0 is success; other codes are unverified, so they are reported, not interpreted.

#include "jobs/job.h"
#include "jobs/outcomecheck.h"
#include "vsphere/vcsaoutputparser.h"
#include "vsphere/vcsatemplatewriter.h"

#include <QByteArray>
#include <QProcess>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace vlab {

// "vcsa-cli-installer/lin64/vcsa-deploy" (win32: vcsa-deploy.exe, macOS: mac/vcsa-deploy).
QString vcsaDeployRelativePath();

// The installer under a mounted ISO folder (or its vcsa-cli-installer folder). The error
// names the path that was expected ("vcsa.installer.missing", "vcsa.installer.notexec").
Result<QString> findVcsaDeploy(const QString &isoFolder);

// The template with every password placeholder replaced (as JSON string values, so quotes
// and backslashes in a password stay valid JSON). Fails ("vcsa.template.placeholder") when a
// placeholder would stay unfilled because its secret is empty, and on invalid JSON.
Result<QByteArray> fillVcsaTemplate(const QByteArray &templateJson, const VcsaSecrets &secrets);

// "psc1", "psc2", "vcenter"
QString vcsaRoleName(VcsaRole role);

struct VcsaDeployRequest
{
    VcsaRole role = VcsaRole::Psc1;
    QString installer;       // the vcsa-deploy executable (findVcsaDeploy)
    QByteArray templateJson; // renderVcsaTemplate() output, with placeholders
    VcsaSecrets secrets;     // memory only
    QString logRoot;         // <project>/logs; the run gets logs/vcsa-<role>-<timestamp>
    bool precheckOnly = false;
    bool noSslVerification = false; // --no-ssl-certificate-verification, only when chosen
    QString tempFolder;             // where the private template folder is made; empty: the system's
};

class VcsaDeployJob : public Job
{
    Q_OBJECT
public:
    enum class Phase { VerifyTemplate, Precheck, Install };
    Q_ENUM(Phase)

    explicit VcsaDeployJob(VcsaDeployRequest request, QObject *parent = nullptr);
    ~VcsaDeployJob() override;
    // What this job runs with (what a page keeps once it succeeded).
    const VcsaDeployRequest &request() const { return m_request; }

    // The --log-dir of this run (set when it starts) and the installer's own workflow folder
    // (from its output, or the newest one found under the log dir).
    QString logDir() const { return m_logDir; }
    QString workflowLogDir() const { return m_parser.workflowLogDir(); }
    // The filled template while the job runs (empty before and after).
    QString templatePath() const { return m_templatePath; }
    Phase phase() const { return m_phase; }
    // The last installer output, masked, for people who want to see it at the end.
    QStringList outputTail() const { return m_tail; }

    static QString phaseName(Phase phase);

    // After an install was cut off: whether its installer still runs and whether the appliance
    // answers as itself (ApplianceProbeJob).
    OutcomeProbe outcomeProbe() const override;

    // How long the process tree has after TERM before it gets KILL.
    void setKillGrace(std::chrono::milliseconds grace) { m_killGrace = grace; }

protected:
    void run() override;
    void onCancel() override;

private:
    void describeChanges();
    QString leftBehind() const;
    QStringList argumentsFor(Phase phase) const;
    void startPhase(Phase phase);
    void readOutput();
    void handleLine(const QString &line);
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    // After the installer's exit: once nothing of its process group runs any more (KILLed,
    // waited for briefly), the phase's outcome.
    void afterTreeGone(int exitCode, bool crashed);
    void onProcessError(QProcess::ProcessError error);
    void end(Result<void> result);
    void signalTree(bool hard); // TERM, or KILL when hard
    void removeTemplate();
    Error phaseFailure(int exitCode, bool crashed) const;
    QString mask(QString text) const;
    qreal phaseStart(Phase phase) const;
    qreal phaseEnd(Phase phase) const;

    VcsaDeployRequest m_request;
    Phase m_phase = Phase::VerifyTemplate;
    QProcess *m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QString m_templatePath;
    QString m_logDir;
    QString m_applianceName; // from the template, for what a stopped install leaves behind
    QString m_targetHost;
    VcsaOutputParser m_parser;
    QByteArray m_pending; // output without its line end yet
    QStringList m_phaseOutput;
    QStringList m_tail;
    QTimer m_killTimer;
    std::chrono::milliseconds m_killGrace{3000};
    qint64 m_pid = 0;
    QTimer m_goneTimer; // polls for the end of the installer's process group
    bool m_ending = false;
};

} // namespace vlab
