#include "sampling.h"

#include <algorithm>
#include <random>
#include <unordered_map>

namespace careeval {

namespace {

std::uint64_t splitmix64(std::uint64_t &x)
{
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

} // namespace

SeededRandom::SeededRandom(std::uint64_t seed)
{
    for (auto &s : m_s)
        s = splitmix64(seed);
}

std::uint64_t SeededRandom::next()
{
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
}

std::uint64_t SeededRandom::below(std::uint64_t bound)
{
    // Rejection sampling on the top of the range: exact, portable, no 128-bit arithmetic needed.
    const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % bound);
    std::uint64_t r;
    do {
        r = next();
    } while (r >= limit);
    return r % bound;
}

std::vector<std::size_t> drawSequence(std::uint64_t seed, std::size_t population, std::size_t count)
{
    count = std::min(count, population);
    std::vector<std::size_t> out;
    out.reserve(count);
    // Lazy Fisher–Yates: only the swapped positions are stored, so a draw of 10 from 10^6 is cheap.
    std::unordered_map<std::size_t, std::size_t> swapped;
    auto at = [&](std::size_t i) {
        auto it = swapped.find(i);
        return it == swapped.end() ? i : it->second;
    };
    SeededRandom rng(seed);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(rng.below(population - i));
        const std::size_t vi = at(i), vj = at(j);
        swapped[j] = vi;
        swapped[i] = vj;
        out.push_back(vj);
    }
    return out;
}

Sample drawSample(std::uint64_t seed, std::size_t population, std::size_t k, std::size_t replacements)
{
    Sample s;
    s.seed = seed;
    s.population = population;
    s.k = std::min(k, population);
    auto seq = drawSequence(seed, population, s.k + replacements);
    s.selected.assign(seq.begin(), seq.begin() + static_cast<std::ptrdiff_t>(s.k));
    s.replacements.assign(seq.begin() + static_cast<std::ptrdiff_t>(s.k), seq.end());
    return s;
}

std::uint64_t freshSeed()
{
    std::random_device rd;
    // Seeds stay below 2^53 so that they survive JSON numbers everywhere.
    return ((static_cast<std::uint64_t>(rd()) << 32) ^ rd()) & ((1ull << 53) - 1);
}

} // namespace careeval

namespace careeval {

DrawResult drawInspections(const DrawInput &in)
{
    DrawResult out;
    if (in.k > in.institutions.size()) {
        out.problem = "asked for " + std::to_string(in.k) + " institutions, the pool has " + std::to_string(in.institutions.size());
        return out;
    }
    if (in.teamSize == 0) {
        out.problem = "a team needs at least one inspector";
        return out;
    }
    const auto chosen = drawSequence(in.seed, in.institutions.size(), in.k);
    // Each team's draw uses its own derived seed, so the teams do not depend on how many draws an
    // earlier team needed to skip linked inspectors.
    std::vector<bool> used(in.inspectors.size(), false);
    for (std::size_t n = 0; n < chosen.size(); ++n) {
        const std::string &inst = in.institutions[chosen[n]];
        SeededRandom derive(in.seed ^ (0x9E3779B97F4A7C15ull * (n + 1)));
        const auto order = drawSequence(derive.next(), in.inspectors.size(), in.inspectors.size());
        DrawAssignment a {inst, {}};
        for (std::size_t idx : order) {
            if (a.team.size() == in.teamSize)
                break;
            if (used[idx])
                continue;
            const std::string &who = in.inspectors[idx];
            const bool linked = std::find(in.links.begin(), in.links.end(), std::make_pair(inst, who)) != in.links.end();
            if (linked)
                continue;
            used[idx] = true;
            a.team.push_back(who);
        }
        if (a.team.size() < in.teamSize) {
            out.problem = "not enough inspectors free of links for " + inst + " (needed " + std::to_string(in.teamSize) + ", found "
                + std::to_string(a.team.size()) + ")";
            out.assignments.clear();
            return out;
        }
        out.assignments.push_back(std::move(a));
    }
    return out;
}

} // namespace careeval
