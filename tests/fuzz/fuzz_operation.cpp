// Fuzz target: any bytes as a batch of operation lines. Parsing must never crash; whatever parses must
// merge (checked against the pilot template shape) without crashing, in any order.
#include <careeval/merge.h>
#include <careeval/operation.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::string_view text(reinterpret_cast<const char *>(data), size);
    std::vector<careeval::Operation> ops;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        auto op = careeval::parseOperation(text.substr(0, nl));
        if (op)
            ops.push_back(op.value());
        if (nl == std::string_view::npos)
            break;
        text.remove_prefix(nl + 1);
    }
    if (ops.empty())
        return 0;
    const auto a = careeval::merge(ops.front().inspection, ops);
    std::reverse(ops.begin(), ops.end());
    const auto b = careeval::merge(ops.back().inspection, ops);
    if (a.accepted != b.accepted || a.refused.size() != b.refused.size())
        __builtin_trap(); // order must not matter
    return 0;
}
