// fuzz_plan: the plan loader. parsePlan() is what `vlab` and the wizard call on the bytes of a
// .vlab.json file (loadPlanFile() reads the file, then calls it); a plan that loads is then
// validated as every verb does, and saved and loaded again, which must give the same plan.

#include "fuzzinput.h"
#include "plan/planjson.h"
#include "validate/planvalidator.h"

using namespace vlab;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Result<LabPlan> plan = parsePlan(fuzz::bytes(data, size));
    if (!plan) {
        fuzz::require(!plan.error().message.isEmpty(), "a refused plan has a message");
        return 0;
    }
    const Findings findings = validatePlan(*plan);
    for (const Finding &finding : findings)
        fuzz::require(!finding.message.isEmpty(), "every finding has a message");
    const Result<LabPlan> again = parsePlan(serializePlan(*plan));
    fuzz::require(bool(again), "a saved plan loads again");
    fuzz::require(*again == *plan, "a saved plan loads as the same plan");
    return 0;
}
