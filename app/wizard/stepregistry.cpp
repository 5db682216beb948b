#include "stepregistry.h"

#include <algorithm>

namespace vlab {

namespace {
QList<StepInfo> &registry()
{
    static QList<StepInfo> steps; // function-local: safe from static initialisation order
    return steps;
}
} // namespace

bool StepRegistry::add(const StepInfo &step)
{
    registry().append(step);
    return true;
}

QList<StepInfo> StepRegistry::steps()
{
    QList<StepInfo> sorted = registry();
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const StepInfo &a, const StepInfo &b) { return a.order < b.order; });
    return sorted;
}

} // namespace vlab
