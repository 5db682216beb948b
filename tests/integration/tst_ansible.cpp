// `vlab export ansible` judged by Ansible itself (Debian's ansible, ansible-lint,
// python3-pyvmomi, python3-pexpect; installed by .ci/setup): the YAML quoting keeps hostile
// plan strings as text through Ansible's own loader and templating; the exported project of
// the example lab, and of two labs in one inventory, passes `ansible-playbook --syntax-check`
// and ansible-lint (offline, production profile); the roles run for real against the peers
// that stand for the lab here: the NetScaler role against the NITRO stand-in (created, then
// changed=0, the same objects as `vlab netscaler apply`), the certificate role against the
// openssl command (the key and CSR carry our subject and names), and the Distributed Switch
// role against govmomi's simulator (created, then changed=0, read back by our SOAP client).
// Without Ansible the tests skip, naming the packages.

#include "core/yamlquote.h"
#include "net/httpclient.h"
#include "nitrostandin.h"
#include "plan/planjson.h"
#include "vcsimfixture.h"
#include "vsphere/soapclient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;
using namespace vlab;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString text() const { return QString::fromUtf8(out + err).right(6000); }
};

class TstAnsible : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void exportRefusesBadInput();
    void hostileStringsStayText();
    void exampleLabPassesSyntaxCheckAndLint();
    void twoLabsInOneInventory();
    void netscalerRoleAgainstTheStandin();
    void certificateRoleMatchesOurRequest();
    void dvsRoleAgainstTheSimulator();

private:
    Run run(const QString &program, const QStringList &args, const QString &cwd,
            const QMap<QString, QString> &extraEnv = {}, int timeoutMs = 120000) const;
    Run vlab(const QStringList &args) const { return run(QStringLiteral(VLAB_CLI_PATH), args, m_dir.path()); }
    QString writePlan(const LabPlan &plan, const QString &name) const;
    QString exportProject(const QStringList &plans, const QString &name);
    // ansible-playbook with the json callback: the run's stats for the one host, or a failure.
    QJsonObject playbook(const QString &project, const QStringList &args,
                         const QMap<QString, QString> &env = {});

    struct Switch
    {
        int maxMtu = -1;
        QString version;
        int uplinks = -1;
        QMap<QString, int> portGroupVlans; // name -> VLAN id
    };
    // The switch `name` in the simulator at `hostPort`, read with the engine's own SOAP client.
    std::optional<Switch> readSwitch(const QString &hostPort, const QByteArray &pin, const QString &name);

    QTemporaryDir m_dir;
    QString m_home;
};

bool waitFor(const std::function<bool()> &done)
{
    QDeadlineTimer deadline(30000);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return done();
}

std::optional<TstAnsible::Switch> TstAnsible::readSwitch(const QString &hostPort, const QByteArray &pin,
                                                         const QString &name)
{
    HttpClient http(QUrl(u"https://"_s + hostPort));
    http.setPinnedSha256(pin);
    SoapClient soap(&http);
    std::optional<Result<XmlElement>> content;
    soap.call(u"RetrieveServiceContent"_s, MoRef{u"ServiceInstance"_s, u"ServiceInstance"_s}, {}, this,
              [&](Result<XmlElement> r) { content = std::move(r); });
    if (!waitFor([&] { return content.has_value(); }) || !*content)
        return std::nullopt;
    const MoRef collector = moRefOf((*content)->child(u"propertyCollector"_s));
    const MoRef root = moRefOf((*content)->child(u"rootFolder"_s));
    const MoRef sessions = moRefOf((*content)->child(u"sessionManager"_s));
    std::optional<Result<XmlElement>> login;
    soap.call(
        u"Login"_s, sessions,
        [](QXmlStreamWriter &w, bool) {
            w.writeTextElement(u"userName"_s, u"reader"_s);
            w.writeTextElement(u"password"_s, u"reader"_s);
        },
        this, [&](Result<XmlElement> r) { login = std::move(r); });
    if (!waitFor([&] { return login.has_value(); }) || !*login)
        return std::nullopt;
    // DC0's network folder (the folder traversal does not enter a datacenter by itself).
    std::optional<Result<QList<ObjectContent>>> dcs;
    soap.retrieve(collector, root, true, {{u"Datacenter"_s, {u"name"_s, u"networkFolder"_s}}}, this,
                  [&](Result<QList<ObjectContent>> r) { dcs = std::move(r); });
    if (!waitFor([&] { return dcs.has_value(); }) || !*dcs)
        return std::nullopt;
    MoRef networkFolder;
    for (const ObjectContent &dc : **dcs) {
        if (dc.prop(u"name"_s) && dc.prop(u"name"_s)->text == u"DC0"_s)
            networkFolder = moRefOf(dc.prop(u"networkFolder"_s));
    }
    std::optional<Result<QList<ObjectContent>>> objects;
    soap.retrieve(collector, networkFolder, true,
                  {{u"DistributedVirtualSwitch"_s, {u"name"_s, u"config"_s}},
                   {u"DistributedVirtualPortgroup"_s,
                    {u"name"_s, u"config.distributedVirtualSwitch"_s, u"config.defaultPortConfig"_s}}},
                  this, [&](Result<QList<ObjectContent>> r) { objects = std::move(r); });
    if (!waitFor([&] { return objects.has_value(); }) || !*objects)
        return std::nullopt;
    std::optional<Switch> found;
    MoRef switchRef;
    for (const ObjectContent &o : **objects) {
        const XmlElement *config = o.prop(u"config"_s);
        if (o.obj.type.endsWith(u"DistributedVirtualSwitch"_s) && o.prop(u"name"_s)
            && o.prop(u"name"_s)->text == name && config) {
            Switch s;
            s.maxMtu = config->childText(u"maxMtu"_s).toInt();
            s.version =
                config->at(u"productInfo/version"_s) ? config->at(u"productInfo/version"_s)->text : QString();
            s.uplinks = config->child(u"uplinkPortPolicy"_s)
                ? int(config->child(u"uplinkPortPolicy"_s)->all(u"uplinkPortName"_s).size())
                : -1;
            found = s;
            switchRef = o.obj;
        }
    }
    if (!found)
        return std::nullopt;
    for (const ObjectContent &o : **objects) {
        if (o.obj.type != u"DistributedVirtualPortgroup"_s
            || moRefOf(o.prop(u"config.distributedVirtualSwitch"_s)).value != switchRef.value)
            continue;
        const XmlElement *setting = o.prop(u"config.defaultPortConfig"_s);
        const XmlElement *vlan = setting ? setting->child(u"vlan"_s) : nullptr;
        if (vlan && vlan->xsiType() == u"VmwareDistributedVirtualSwitchVlanIdSpec"_s)
            found->portGroupVlans.insert(o.prop(u"name"_s)->text, vlan->childText(u"vlanId"_s).toInt());
    }
    return found;
}

Run TstAnsible::run(const QString &program, const QStringList &args, const QString &cwd,
                    const QMap<QString, QString> &extraEnv, int timeoutMs) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // A home of its own: Ansible's and ansible-lint's caches never mix with the developer's.
    env.insert(u"HOME"_s, m_home);
    env.insert(u"XDG_CACHE_HOME"_s, m_home + u"/.cache"_s);
    env.insert(u"ANSIBLE_NOCOLOR"_s, u"1"_s);
    env.insert(u"NO_COLOR"_s, u"1"_s);
    env.insert(u"PY_COLORS"_s, u"0"_s);
    env.insert(u"ANSIBLE_LOCAL_TEMP"_s, m_home + u"/.ansible/tmp"_s);
    for (const QString &secret : {u"VLAB_VC_PASSWORD"_s, u"VLAB_NS_PASSWORD"_s, u"VLAB_SSO_PASSWORD"_s,
                                  u"VLAB_ROOT_PASSWORD"_s, u"VLAB_TARGET_PASSWORD"_s})
        env.remove(secret);
    for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(cwd);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return Run{-1, p.readAllStandardOutput(), "timed out"};
    }
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
               p.readAllStandardError()};
}

QString TstAnsible::writePlan(const LabPlan &plan, const QString &name) const
{
    const QString file = m_dir.filePath(name);
    const Result<void> saved = savePlanFile(plan, file);
    return saved ? file : QString();
}

QString TstAnsible::exportProject(const QStringList &plans, const QString &name)
{
    const QString out = m_dir.filePath(name);
    const Run r = vlab(QStringList{u"export"_s, u"ansible"_s} + plans + QStringList{u"-o"_s, out});
    if (r.exitCode != 0) {
        qWarning().noquote() << r.text();
        return {};
    }
    return out;
}

QJsonObject TstAnsible::playbook(const QString &project, const QStringList &args,
                                 const QMap<QString, QString> &env)
{
    QMap<QString, QString> e = env;
    e.insert(u"ANSIBLE_STDOUT_CALLBACK"_s, u"json"_s);
    const Run r = run(u"ansible-playbook"_s, args, project, e);
    // Only the stats, the json callback's last member: task results may hold integers (an RSA
    // modulus) too large for QJsonDocument.
    const qsizetype at = r.out.lastIndexOf("\"stats\":");
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson("{" + r.out.mid(at), &error);
    if (r.exitCode != 0 || at < 0 || !doc.isObject()) {
        qWarning().noquote() << "ansible-playbook" << args.join(u' ') << "exit" << r.exitCode
                             << error.errorString() << "\n"
                             << r.text();
        return {};
    }
    const QJsonObject stats = doc.object().value(u"stats"_s).toObject();
    return stats.isEmpty() ? QJsonObject() : stats.begin().value().toObject();
}

void TstAnsible::initTestCase()
{
    for (const char *tool : {"ansible-playbook", "ansible-lint", "openssl"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(qPrintable(u"%1 is missing: install ansible ansible-core ansible-lint python3-pyvmomi "
                             u"python3-pexpect openssl (.ci/setup does)"_s.arg(QString::fromLatin1(tool))));
    }
    QVERIFY(m_dir.isValid());
    m_home = m_dir.filePath(u"home"_s);
    QVERIFY(QDir().mkpath(m_home));
}

// README "Ansible export (many labs)": exit codes 1 and 2 (a broken plan or two plans of one
// group: 1, nothing written; usage: 2).
void TstAnsible::exportRefusesBadInput()
{
    const QString good = writePlan(examplePlan(), u"good.vlab.json"_s);
    LabPlan broken = examplePlan();
    broken.psc[1].ip = u"192.168.1.300"_s;
    const QString bad = writePlan(broken, u"broken.vlab.json"_s);
    LabPlan twin = examplePlan();
    twin.lab.name = u"SSLab"_s; // the same group as the example's "sslab"
    const QString same = writePlan(twin, u"twin.vlab.json"_s);
    const QString out = m_dir.filePath(u"refused"_s);

    Run r = vlab({u"export"_s, u"ansible"_s, good});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.text().contains(u"-o DIR"_s), qPrintable(r.text()));
    r = vlab({u"export"_s, u"ansible"_s, u"-o"_s, out});
    QCOMPARE(r.exitCode, 2);
    r = vlab({u"export"_s, u"yaml"_s, good, u"-o"_s, out});
    QCOMPARE(r.exitCode, 2);
    r = vlab({u"export"_s, u"ansible"_s, good, bad, u"-o"_s, out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.text().contains(u"broken.vlab.json"_s) && r.text().contains(u"psc[1].ip"_s),
             qPrintable(r.text()));
    r = vlab({u"export"_s, u"ansible"_s, good, same, u"-o"_s, out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.text().contains(u"lab.name"_s) && r.text().contains(u"good.vlab.json"_s),
             qPrintable(r.text()));
    QVERIFY(!QFileInfo::exists(out)); // nothing half written
    r = vlab({u"help"_s, u"export"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.text().contains(u"vlab export ansible PLAN... -o DIR"_s));
}

void TstAnsible::hostileStringsStayText()
{
    // Every value goes through yamlUnsafe() as the exporter writes them; Ansible loads the
    // file, templates a task with the values and writes them out as JSON.
    const QStringList hostile{u"line one\nline two\r\n"_s,
                              u"she said \"hi\" and 'bye' \\ back"_s,
                              u"{{ lookup('ansible.builtin.pipe', 'touch pwned') }}"_s,
                              u"{% raw %}{{ 7 * 7 }}{# note #}"_s,
                              u"key: value # comment"_s,
                              u"- [a, b]: {c: d} & *alias !tag %percent @at `tick`"_s,
                              u"   leading and trailing spaces   "_s,
                              u"tab\there, NUL-free control \x01\x1f\x7f"_s,
                              u"Hà Nội — ✓ \u2028 \u0085"_s,
                              QString(700, u'a') + u" {{ x }} "_s + QString(300, u' ') + u"end"_s};
    QString vars = u"---\nvlab_values:\n"_s;
    for (const QString &s : hostile)
        vars += u"  - "_s + yamlUnsafe(s, 4) + u'\n';
    vars += u"vlab_keyed:\n  "_s + yamlUnsafe(u"{{ key }}: #"_s, 4) + u": "_s + yamlUnsafe(u"{{ v }}"_s, 4)
        + u'\n';
    const QString dir = m_dir.filePath(u"hostile"_s);
    QVERIFY(QDir().mkpath(dir));
    QFile varsFile(dir + u"/vars.yml"_s);
    QVERIFY(varsFile.open(QIODevice::WriteOnly));
    varsFile.write(vars.toUtf8());
    varsFile.close();
    QFile play(dir + u"/play.yml"_s);
    QVERIFY(play.open(QIODevice::WriteOnly));
    play.write("---\n- name: Write the values back\n  hosts: localhost\n  gather_facts: false\n"
               "  vars_files: [vars.yml]\n  tasks:\n"
               "    - name: Write them as JSON\n      ansible.builtin.copy:\n"
               "        content: \"{{ {'values': vlab_values, 'keyed': vlab_keyed} | to_json }}\"\n"
               "        dest: \"{{ playbook_dir }}/out.json\"\n        mode: \"0600\"\n");
    play.close();
    const QJsonObject stats = playbook(dir, {u"-i"_s, u"localhost,"_s, u"-c"_s, u"local"_s, u"play.yml"_s});
    QCOMPARE(stats.value(u"failures"_s).toInt(-1), 0);
    QFile outFile(dir + u"/out.json"_s);
    QVERIFY(outFile.open(QIODevice::ReadOnly));
    const QJsonObject back = QJsonDocument::fromJson(outFile.readAll()).object();
    const QJsonArray values = back.value(u"values"_s).toArray();
    QCOMPARE(values.size(), hostile.size());
    for (qsizetype i = 0; i < hostile.size(); ++i)
        QCOMPARE(values.at(i).toString(), hostile.at(i));
    QCOMPARE(back.value(u"keyed"_s).toObject(), (QJsonObject{{u"{{ key }}: #"_s, u"{{ v }}"_s}}));
    QVERIFY(!QFile::exists(dir + u"/pwned"_s));
}

void TstAnsible::exampleLabPassesSyntaxCheckAndLint()
{
    const QString plan = writePlan(examplePlan(), u"sslab.vlab.json"_s);
    QVERIFY(!plan.isEmpty());
    const QString project = exportProject({plan}, u"one"_s);
    QVERIFY(!project.isEmpty());
    QElapsedTimer timer;
    timer.start();
    Run r = run(u"ansible-playbook"_s, {u"--syntax-check"_s, u"site.yml"_s}, project);
    QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
    const qint64 syntaxMs = timer.restart();
    r = run(u"ansible-lint"_s, {}, project);
    QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
    QVERIFY2(r.text().contains(u"Passed with production profile"_s), qPrintable(r.text()));
    qInfo("syntax-check %lld ms, ansible-lint %lld ms", syntaxMs, timer.elapsed());
}

void TstAnsible::twoLabsInOneInventory()
{
    LabPlan second = examplePlan();
    second.lab.name = u"Room 2: {{ lookup('pipe', 'id') }} #1"_s;
    second.vds.name = u"DS \"{{ 7 * 7 }}\": #2"_s;
    const QString a = writePlan(examplePlan(), u"a.vlab.json"_s);
    const QString b = writePlan(second, u"b.vlab.json"_s);
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    const QString project = exportProject({a, b}, u"two"_s);
    QVERIFY(!project.isEmpty());

    // Ansible's own reading of the inventory: both labs under vlab_labs, each with its values.
    Run r = run(u"ansible-inventory"_s, {u"--list"_s}, project);
    QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
    const QJsonObject inv = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(inv.value(u"vlab_labs"_s).toObject().value(u"children"_s).toArray(),
             (QJsonArray{u"sslab"_s, u"room_2_lookup_pipe_id_1"_s}));
    const QJsonObject hostvars = inv.value(u"_meta"_s).toObject().value(u"hostvars"_s).toObject();
    // ansible-inventory writes an !unsafe string as {"__ansible_unsafe": "..."}.
    const auto text = [](const QJsonValue &v) {
        return v.isObject() ? v.toObject().value(u"__ansible_unsafe"_s).toString() : v.toString();
    };
    const QJsonObject room = hostvars.value(u"room_2_lookup_pipe_id_1-control"_s).toObject();
    QCOMPARE(text(room.value(u"vlab_lab_name"_s)), second.lab.name);
    QCOMPARE(text(room.value(u"vlab_vds"_s).toObject().value(u"name"_s)), second.vds.name);
    const QJsonObject example = hostvars.value(u"sslab-control"_s).toObject();
    QCOMPARE(text(example.value(u"vlab_vds"_s).toObject().value(u"name"_s)), examplePlan().vds.name);

    r = run(u"ansible-playbook"_s, {u"--syntax-check"_s, u"site.yml"_s}, project);
    QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
    r = run(u"ansible-lint"_s, {}, project);
    QVERIFY2(r.exitCode == 0, qPrintable(r.text()));
}

void TstAnsible::netscalerRoleAgainstTheStandin()
{
    NitroStandin ns;
    const QString why = ns.start();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QString plan = writePlan(examplePlan(), u"ns.vlab.json"_s);
    const QString project = exportProject({plan}, u"ns"_s);
    QVERIFY(!project.isEmpty());
    const QStringList args{u"site.yml"_s,
                           u"--tags"_s,
                           u"netscaler"_s,
                           u"-e"_s,
                           u"vlab_netscaler_address="_s + ns.address(),
                           u"-e"_s,
                           u"vlab_netscaler_ca_file="_s + ns.certificatePath()};
    const QMap<QString, QString> env{{u"VLAB_NS_PASSWORD"_s, NitroStandin::password()}};

    // Only reads (and the session's login and logout) may reach the appliance in check mode.
    auto onlyReadsSince = [&ns](qsizetype from) -> QString {
        const QJsonArray log = ns.state().value(u"log"_s).toArray();
        for (qsizetype i = from; i < log.size(); ++i) {
            const QString line = log.at(i).toString();
            if (!line.startsWith(u"GET "_s) && !line.endsWith(u"/login"_s) && !line.endsWith(u"/logout"_s))
                return line;
        }
        return {};
    };

    QElapsedTimer timer;
    timer.start();
    // Check mode on an empty NetScaler: says what a run would change, changes nothing.
    QJsonObject stats = playbook(project, QStringList{args} << u"--check"_s, env);
    QCOMPARE(stats.value(u"failures"_s).toInt(-1), 0);
    QVERIFY(stats.value(u"changed"_s).toInt() > 0);
    QCOMPARE(onlyReadsSince(0), QString());
    QCOMPARE(ns.count(u"server"_s), 0);
    const qint64 checkMs = timer.restart();

    stats = playbook(project, args, env);
    QCOMPARE(stats.value(u"failures"_s).toInt(-1), 0);
    QVERIFY(stats.value(u"changed"_s).toInt() > 0);
    const qint64 firstMs = timer.restart();

    // The same objects `vlab netscaler apply` makes: its verify finds every one as planned.
    QJsonObject running = ns.state().value(u"running"_s).toObject();
    QCOMPARE(ns.count(u"nsip"_s), 1); // the plan's SNIP
    QCOMPARE(ns.count(u"server"_s), 2);
    QCOMPARE(ns.count(u"service"_s), 12);
    QCOMPARE(ns.count(u"lbvserver"_s), 6);
    QCOMPARE(ns.count(u"lbvserver_service_binding"_s), 12);
    QCOMPARE(ns.count(u"lbgroup"_s), 1);
    QCOMPARE(ns.count(u"lbgroup_lbvserver_binding"_s), 6);
    QProcess verify;
    QProcessEnvironment venv = QProcessEnvironment::systemEnvironment();
    venv.insert(u"VLAB_NS_PASSWORD"_s, NitroStandin::password());
    verify.setProcessEnvironment(venv);
    verify.start(QStringLiteral(VLAB_CLI_PATH),
                 {u"netscaler"_s, u"verify"_s, plan, u"--nsip"_s, ns.address(), u"--user"_s,
                  QString::fromLatin1(NitroStandin::kUser), u"--fingerprint"_s,
                  QString::fromLatin1(ns.certificateSha256().toHex(':').toUpper())});
    QVERIFY(verify.waitForFinished(60000));
    QVERIFY2(verify.exitCode() == 0,
             qPrintable(QString::fromUtf8(verify.readAllStandardOutput() + verify.readAllStandardError())));
    // Saved once, because something changed.
    QCOMPARE(ns.state().value(u"saved"_s).toObject(), running);

    // Second run: nothing to change, no write at all.
    const qsizetype requestsBefore = ns.state().value(u"log"_s).toArray().size();
    stats = playbook(project, args, env);
    QCOMPARE(stats.value(u"failures"_s).toInt(-1), 0);
    QCOMPARE(stats.value(u"changed"_s).toInt(-1), 0);
    QCOMPARE(onlyReadsSince(requestsBefore), QString());
    const qint64 secondMs = timer.restart();
    qInfo("netscaler role: --check %lld ms, first run %lld ms, second %lld ms", checkMs, firstMs, secondMs);
}

void TstAnsible::certificateRoleMatchesOurRequest()
{
    const QString plan = writePlan(examplePlan(), u"cert.vlab.json"_s);
    const QString project = exportProject({plan}, u"cert"_s);
    QVERIFY(!project.isEmpty());
    const QString certDir = m_dir.filePath(u"role-certs"_s);
    const QStringList args{u"site.yml"_s, u"--tags"_s, u"certificate"_s, u"-e"_s,
                           u"vlab_cert_dir="_s + certDir};
    QJsonObject stats = playbook(project, args);
    QCOMPARE(stats.value(u"failures"_s).toInt(-1), 0);
    QCOMPARE(stats.value(u"changed"_s).toInt(-1), 3); // folder, key, request
    const QString key = certDir + u"/psc-ha-vip.key"_s;
    const QString csr = certDir + u"/psc-ha-vip.csr"_s;
    const QFileDevice::Permissions mode = QFile::permissions(key);
    QVERIFY(mode.testFlag(QFile::ReadOwner));
    QVERIFY(!(mode
              & (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther
                 | QFile::ExeOther)));

    // Ours: `vlab cert csr` with the engine (its own key); compared field by field with openssl.
    const QString ours = m_dir.filePath(u"engine-certs"_s);
    const Run made = vlab({u"cert"_s, u"csr"_s, plan, u"-o"_s, ours});
    QVERIFY2(made.exitCode == 0, qPrintable(made.text()));
    auto describe = [this](const QString &file) {
        const Run r = run(u"openssl"_s, {u"req"_s, u"-in"_s, file, u"-noout"_s, u"-text"_s, u"-verify"_s},
                          m_dir.path());
        return r.exitCode == 0 ? QString::fromUtf8(r.out + r.err) : QString();
    };
    auto field = [](const QString &text, const QString &label) {
        // The line of `label`, or for an extension the line after its heading.
        const QStringList lines = text.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString line = lines.at(i).trimmed();
            if (line.startsWith(label))
                return line.endsWith(u':') && i + 1 < lines.size() ? lines.at(i + 1).trimmed() : line;
        }
        return QString();
    };
    const QString role = describe(csr);
    const QString engine = describe(ours + u"/psc-ha-vip.csr"_s);
    QVERIFY2(!role.isEmpty() && role.contains(u"verify OK"_s), qPrintable(role));
    QVERIFY(!engine.isEmpty());
    for (const QString &label :
         {u"Subject:"_s, u"X509v3 Subject Alternative Name:"_s, u"X509v3 Key Usage:"_s,
          u"X509v3 Basic Constraints:"_s, u"Public-Key:"_s, u"Signature Algorithm:"_s}) {
        QVERIFY2(!field(role, label).isEmpty(), qPrintable(label));
        QCOMPARE(field(role, label), field(engine, label));
    }
    QCOMPARE(field(role, u"X509v3 Subject Alternative Name:"_s),
             u"DNS:vcenter-psc01.sslab.com, DNS:vcenter-psc02.sslab.com, DNS:vcenter-psc-lb.sslab.com"_s);

    // Unchanged plan, second run: nothing to do.
    stats = playbook(project, args);
    QCOMPARE(stats.value(u"failures"_s).toInt(-1), 0);
    QCOMPARE(stats.value(u"changed"_s).toInt(-1), 0);
}

void TstAnsible::dvsRoleAgainstTheSimulator()
{
    if (QStringLiteral(VLAB_VCSIM_PATH).isEmpty())
        QSKIP("The vCenter simulator was not built: install golang-go and golang-github-vmware-govmomi-dev "
              "(.ci/setup does), then re-run cmake.");
    // pyVmomi checks the host name: a certificate for 127.0.0.1, trusted as the lab's own CA
    // through vlab_vcenter_ca_file (TLS stays verified).
    VcSimFixture sim;
    const QString why = sim.makeCertificate(u"IP:127.0.0.1"_s);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QString failed;
    const QString hostPort = sim.start(QStringLiteral(VLAB_VCSIM_PATH), {u"-dvs-shim"_s}, &failed);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));

    LabPlan lab = examplePlan();
    lab.vds.name = u"DS \"{{ 7 * 7 }}\": #1"_s; // a hostile name reaches vCenter as text
    const QString plan = writePlan(lab, u"dvs.vlab.json"_s);
    const QString project = exportProject({plan}, u"dvs"_s);
    QVERIFY(!project.isEmpty());
    const QStringList args{u"site.yml"_s,
                           u"--tags"_s,
                           u"dvs"_s,
                           u"-e"_s,
                           u"vlab_vcenter_address=127.0.0.1"_s,
                           u"-e"_s,
                           u"vlab_vcenter_port="_s + hostPort.section(u':', -1),
                           u"-e"_s,
                           u"vlab_vds_datacenter=DC0"_s,
                           u"-e"_s,
                           u"vlab_vcenter_ca_file="_s + sim.certificatePath()};
    const QMap<QString, QString> env{{u"VLAB_VC_PASSWORD"_s, u"simulator-accepts-any"_s}};

    QElapsedTimer timer;
    timer.start();
    // Check mode: says the switch would be created, creates nothing.
    QJsonObject stats = playbook(project, QStringList{args} << u"--check"_s, env);
    QCOMPARE(stats.value(u"failures"_s).toInt(-1), 0);
    QCOMPARE(stats.value(u"changed"_s).toInt(-1), 1);
    QVERIFY2(readSwitch(hostPort, sim.pin(), u"DVS0"_s), "the simulator's own switch reads back");
    QVERIFY(!readSwitch(hostPort, sim.pin(), lab.vds.name));
    const qint64 checkMs = timer.restart();

    stats = playbook(project, args, env);
    QCOMPARE(stats.value(u"failures"_s).toInt(-1), 0);
    QCOMPARE(stats.value(u"changed"_s).toInt(-1), 2); // the switch, the port groups
    const qint64 firstMs = timer.restart();

    std::optional<Switch> dvs = readSwitch(hostPort, sim.pin(), lab.vds.name);
    QVERIFY(dvs);
    QCOMPARE(dvs->maxMtu, lab.vds.mtu);
    QCOMPARE(dvs->version, lab.vds.version);
    QCOMPARE(dvs->uplinks, lab.vds.uplinks);
    QMap<QString, int> planned;
    for (const PortGroup &g : lab.vds.portGroups)
        planned.insert(g.name, g.vlan);
    QCOMPARE(dvs->portGroupVlans, planned);

    // Unchanged lab: nothing to do.
    stats = playbook(project, args, env);
    QCOMPARE(stats.value(u"failures"_s).toInt(-1), 0);
    QCOMPARE(stats.value(u"changed"_s).toInt(-1), 0);
    const qint64 secondMs = timer.restart();
    qInfo("dvs role: --check %lld ms, first run %lld ms, second %lld ms", checkMs, firstMs, secondMs);
}

} // namespace

QTEST_GUILESS_MAIN(TstAnsible)
#include "tst_ansible.moc"
