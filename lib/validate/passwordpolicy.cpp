#include "validate/passwordpolicy.h"

#include "core/tr.h"

namespace vlab {

QStringList passwordProblems(const QString &password)
{
    QStringList problems;
    if (password.size() < 8 || password.size() > 20)
        problems << Tr::tr("Use 8 to 20 characters (this one has %1).").arg(password.size());
    bool upper = false, lower = false, digit = false, special = false, ascii = true, space = false;
    for (QChar c : password) {
        const char16_t u = c.unicode();
        if (u > 0x7e || u < 0x20) {
            ascii = false;
            continue;
        }
        if (u == u' ')
            space = true;
        else if (u >= u'A' && u <= u'Z')
            upper = true;
        else if (u >= u'a' && u <= u'z')
            lower = true;
        else if (u >= u'0' && u <= u'9')
            digit = true;
        else
            special = true;
    }
    if (!upper)
        problems << Tr::tr("Add an upper-case letter.");
    if (!lower)
        problems << Tr::tr("Add a lower-case letter.");
    if (!digit)
        problems << Tr::tr("Add a digit.");
    if (!special)
        problems << Tr::tr("Add a special character such as ! # $ %.");
    if (!ascii)
        problems << Tr::tr("Use only ASCII characters (no accents, no control characters).");
    if (space)
        problems << Tr::tr("Remove the spaces.");
    return problems;
}

} // namespace vlab
