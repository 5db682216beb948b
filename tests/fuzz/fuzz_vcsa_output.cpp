// fuzz_vcsa_output: the vcsa-deploy output parser (vsphere/vcsaoutputparser.h). The input is
// what the installer printed; it is cut into lines as VcsaDeployJob::readOutput() cuts the
// process output (at '\n', UTF-8, '\r' removed) and every line is fed to one parser, as during a
// run. Progress must stay within 0..1.

#include "fuzzinput.h"
#include "vsphere/vcsaoutputparser.h"

using namespace vlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray output = fuzz::bytes(data, size);
    VcsaOutputParser parser;
    for (const QByteArray &line : output.split('\n')) {
        const VcsaOutputParser::Update update = parser.feed(QString::fromUtf8(line).remove(u'\r'));
        if (update.progress)
            fuzz::require(*update.progress >= 0.0 && *update.progress <= 1.0, "progress stays within 0..1");
    }
    (void)parser.workflowLogDir();
    (void)parser.failedTask();
    (void)parser.failureReason();
    (void)parser.failureHint();
    return 0;
}
