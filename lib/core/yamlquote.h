#pragma once
// yamlString: the one quoting function for YAML output (the Ansible export). Any text becomes
// a double-quoted YAML scalar that reads back as exactly that text: quotes, backslashes,
// control characters, line breaks and characters YAML does not allow raw are escaped, and a
// long value is folded over several lines with escaped line breaks (so no line gets longer
// than yamllint's limit) without changing it. yamlUnsafe() marks the scalar `!unsafe` as
// well, so Ansible never evaluates Jinja markers ("{{ }}", "{% %}") inside it.

#include <QString>

namespace vlab {

// `indent`: the number of spaces the continuation lines of a folded value start with (the
// indentation of the line the value is on, plus two).
QString yamlString(const QString &text, int indent = 2);
QString yamlUnsafe(const QString &text, int indent = 2);

} // namespace vlab
