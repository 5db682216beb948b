// The appliance password policy: which rule each password breaks, and that the sentences
// explaining it never repeat the password.

#include "validate/passwordpolicy.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vlab;

class TestPasswordPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passwordProblems_data()
    {
        QTest::addColumn<QString>("password");
        // One word per broken rule, found in the sentence for that rule.
        QTest::addColumn<QStringList>("broken");

        const QString length = u"8 to 20"_s, upper = u"upper-case"_s, lower = u"lower-case"_s,
                      digit = u"digit"_s, special = u"special"_s, ascii = u"ASCII"_s, space = u"spaces"_s;

        QTest::newRow("good") << u"VMware1!"_s << QStringList();
        QTest::newRow("good, every special class") << u"Aa1!\"#$%&'()*+,-./:;"_s << QStringList();
        QTest::newRow("no upper case") << u"vmware1!x"_s << QStringList{upper};
        QTest::newRow("no lower case") << u"VMWARE1!X"_s << QStringList{lower};
        QTest::newRow("no digit") << u"VMware!!x"_s << QStringList{digit};
        QTest::newRow("no special character") << u"VMware12x"_s << QStringList{special};
        QTest::newRow("7 characters") << u"VMwa1!x"_s << QStringList{length};
        QTest::newRow("8 characters") << u"VMwar1!x"_s << QStringList();
        QTest::newRow("20 characters") << u"VMware1!VMware1!VMwa"_s << QStringList();
        QTest::newRow("21 characters") << u"VMware1!VMware1!VMwar"_s << QStringList{length};
        QTest::newRow("accented letter") << u"VMwäre1!x"_s << QStringList{ascii};
        QTest::newRow("emoji") << u"VMware1!🔑"_s << QStringList{ascii};
        QTest::newRow("tab") << u"VMware1!\tx"_s << QStringList{ascii};
        QTest::newRow("DEL") << u"VMware1!\x7fx"_s << QStringList{ascii};
        QTest::newRow("space") << u"VMware 1!x"_s << QStringList{space};
        QTest::newRow("only a space between classes") << u"VMware1 x"_s << QStringList{special, space};
        QTest::newRow("only digits") << u"123456789"_s << QStringList{upper, lower, special};
        QTest::newRow("empty") << QString() << QStringList{length, upper, lower, digit, special};
    }

    void passwordProblems()
    {
        QFETCH(QString, password);
        QFETCH(QStringList, broken);

        const QStringList problems = vlab::passwordProblems(password);
        QVERIFY2(problems.size() == broken.size(), qPrintable(problems.join(u" | "_s)));
        for (const QString &word : std::as_const(broken)) {
            QVERIFY2(std::any_of(problems.cbegin(), problems.cend(),
                                 [&](const QString &p) { return p.contains(word); }),
                     qPrintable(u"no sentence about \"%1\" in: %2"_s.arg(word, problems.join(u" | "_s))));
        }
        for (const QString &problem : problems) {
            QVERIFY(!problem.trimmed().isEmpty());
            // Short passwords ("" or one letter) are part of any sentence; the rest must not be.
            if (password.size() >= 4)
                QVERIFY2(!problem.contains(password), qPrintable(problem));
        }
    }

    void problemsNeverQuoteThePassword_data()
    {
        QTest::addColumn<QString>("password");
        // Passwords that break rules and look like nothing a sentence would say anyway.
        QTest::newRow("too short") << u"Qz7#"_s;
        QTest::newRow("too long") << u"Qz7#Qz7#Qz7#Qz7#Qz7#Qz7#"_s;
        QTest::newRow("non-ASCII") << u"Qz7#ßßßß"_s;
        QTest::newRow("with space") << u"Qz7# xyzw"_s;
        QTest::newRow("lower only") << u"qzqzqzqzq"_s;
        QTest::newRow("a number") << u"12345678"_s;
    }

    void problemsNeverQuoteThePassword()
    {
        QFETCH(QString, password);
        const QStringList problems = vlab::passwordProblems(password);
        QVERIFY(!problems.isEmpty());
        for (const QString &problem : problems) {
            QVERIFY2(!problem.contains(password), qPrintable(problem));
            // Nor a telling piece of it.
            QVERIFY2(!problem.contains(password.left(4)), qPrintable(problem));
        }
    }
};

QTEST_GUILESS_MAIN(TestPasswordPolicy)
#include "tst_passwordpolicy.moc"
