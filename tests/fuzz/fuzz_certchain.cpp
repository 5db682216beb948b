// fuzz_certchain: the certificate chain reader. The input is one or more files (separated by
// a line "#vlab-next-file"), each PEM (any number of certificates), DER or PKCS#7 (PEM or DER),
// as a user gives them: each is described as `vlab cert show` describes it
// (certs/certinfo.h describeCertificates()), then all of them are ordered into a chain as the
// wizard does with dropped files (certs/chainbuilder.h buildChain()), and the first file is
// taken as the leaf as `vlab cert chain --leaf` does. A chain that was built must read back.

#include "certs/certinfo.h"
#include "certs/chainbuilder.h"
#include "fuzzinput.h"

#include <QList>

using namespace vlab;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    static const QByteArray separator = "\n#vlab-next-file\n";
    QList<CertSource> sources;
    qsizetype from = 0;
    while (sources.size() < 8) {
        const qsizetype at = input.indexOf(separator, from);
        const QByteArray piece = at < 0 ? input.mid(from) : input.mid(from, at - from);
        sources.append({u"file%1.crt"_s.arg(sources.size() + 1), piece});
        if (at < 0)
            break;
        from = at + separator.size();
    }

    for (const CertSource &source : std::as_const(sources)) {
        const Result<QList<CertInfo>> info = describeCertificates(source.data, source.name);
        if (info) {
            for (const CertInfo &cert : *info)
                (void)cert.toText();
        } else {
            fuzz::require(!info.error().message.isEmpty(), "a refused file has a message");
        }
    }

    const auto checkChain = [](const Result<CertificateChain> &chain) {
        if (!chain) {
            fuzz::require(!chain.error().message.isEmpty(), "a refused chain has a message");
            return;
        }
        const Result<QList<CertInfo>> back = describeCertificates(chain->chainPem(), u"chain"_s);
        fuzz::require(bool(back), "a built chain reads back");
        fuzz::require(back->size() == 2 + chain->intermediatesPem.size(),
                      "a built chain holds the leaf, its intermediates and the root");
    };
    checkChain(buildChain(sources));
    if (sources.size() > 1)
        checkChain(buildChain(sources.constFirst(), sources.mid(1)));
    return 0;
}
