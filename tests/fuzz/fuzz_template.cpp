// Fuzz target: any bytes as a template. Parsing must never crash, hang or leak, and a template it
// accepts must also merge and score an empty inspection.
#include <careeval/merge.h>
#include <careeval/scoring.h>
#include <careeval/template.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::vector<careeval::TemplateIssue> issues;
    auto t = careeval::parseTemplate(std::string_view(reinterpret_cast<const char *>(data), size), &issues);
    if (t) {
        const careeval::InspectionState st = careeval::merge("fuzz", {}, {});
        (void)careeval::score(t.value(), st);
    } else if (issues.empty()) {
        __builtin_trap(); // a rejection must always say where and why
    }
    return 0;
}
