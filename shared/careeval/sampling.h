#pragma once
// Seeded, reproducible random draws. A draw is a permutation of 0..N-1 produced by a fixed algorithm
// (SplitMix64-seeded xoshiro256**, unbiased bounded integers, Fisher–Yates): the same seed and N give
// the same sequence on every machine and compiler. The first k are the sample; replacements for
// refusals are taken from the same sequence, in order. A supervisor re-running the draw with the
// recorded seed gets the same residents. "Double random" draws of institutions and inspectors use the
// same sequence.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace careeval {

class SeededRandom
{
public:
    explicit SeededRandom(std::uint64_t seed);
    std::uint64_t next();
    //! Uniform in [0, bound), without modulo bias. bound > 0.
    std::uint64_t below(std::uint64_t bound);

private:
    std::uint64_t m_s[4];
};

//! The first `count` positions (0-based) of the seeded permutation of 0..population-1.
std::vector<std::size_t> drawSequence(std::uint64_t seed, std::size_t population, std::size_t count);

struct Sample {
    std::uint64_t seed = 0;
    std::size_t population = 0;
    std::size_t k = 0;
    std::vector<std::size_t> selected; //!< the k drawn, 0-based, in draw order
    std::vector<std::size_t> replacements; //!< the next ones in the same sequence, for refusals
};

//! k residents from a population of N, plus up to `replacements` stand-ins (fewer when N runs out).
Sample drawSample(std::uint64_t seed, std::size_t population, std::size_t k, std::size_t replacements = 0);

//! A seed from a clock-independent source, for a new draw (recorded with it).
std::uint64_t freshSeed();

} // namespace careeval

namespace careeval {

//! "Double random" (双随机): k institutions drawn from a pool, and for each a team drawn from an
//! inspector pool, never placing an inspector at an institution they are linked to (回避) and never
//! on two teams of one draw. Everything follows from the seed and the inputs, so anyone holding them
//! can re-run the draw and get the same assignment.
struct DrawInput {
    std::uint64_t seed = 0;
    std::vector<std::string> institutions; //!< pool, in a stable (sorted) order
    std::vector<std::string> inspectors; //!< pool, in a stable (sorted) order
    std::vector<std::pair<std::string, std::string>> links; //!< (institution, inspector) to avoid
    std::size_t k = 0;
    std::size_t teamSize = 0;
};

struct DrawAssignment {
    std::string institution;
    std::vector<std::string> team; //!< first is the lead
};

struct DrawResult {
    std::vector<DrawAssignment> assignments;
    std::string problem; //!< non-empty when the pools cannot satisfy the request
};

DrawResult drawInspections(const DrawInput &input);

} // namespace careeval
