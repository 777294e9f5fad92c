// SHA-256 (FIPS 180-4) for blobs that arrive in chunks, without OpenSSL: the default server does not
// map libcrypto at all (it cost ~1.5 MB of resident memory in load-time relocations alone; TLS, which
// needs it, is a module loaded only when configured, net/tls_module.h).
//
// Two block functions: the CPU's SHA extensions (SHA-NI, every x86-64 from the last several years,
// ~2 GB/s here, the same instructions OpenSSL used), chosen at run time from CPUID, and portable code
// for the rest. The running state keeps OpenSSL's SHA256_CTX layout (8 words of hash, the bit count in
// two words, 64 bytes of pending input, their number, the digest length), so a partial upload's
// saved hash from a server that still used OpenSSL continues here.

#include "crypto.h"

#include <sodium.h>

#include <atomic>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define CAREEVAL_SHA_NI 1
#endif

namespace careeval::server {

namespace {

struct State {
    std::uint32_t h[8];
    std::uint32_t nl, nh; //!< bits hashed so far, low and high word
    unsigned char data[64]; //!< input not yet hashed (a block in the making)
    std::uint32_t num; //!< bytes in data
    std::uint32_t mdLen; //!< 32
};
static_assert(sizeof(State) == 112, "OpenSSL's SHA256_CTX layout");

alignas(16) constexpr std::uint32_t K[64]
    = {0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
        0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
        0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
        0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
        0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
        0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t kInit[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr std::uint32_t rotr(std::uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

std::uint32_t loadBe(const unsigned char *p)
{
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | std::uint32_t(p[3]);
}

void blocksPortable(std::uint32_t h[8], const unsigned char *p, std::size_t blocks)
{
    for (; blocks > 0; --blocks, p += 64) {
        std::uint32_t w[64];
        for (int i = 0; i < 16; ++i)
            w[i] = loadBe(p + 4 * i);
        for (int i = 16; i < 64; ++i) {
            const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; ++i) {
            const std::uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
            const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
}

#ifdef CAREEVAL_SHA_NI
// Intel's SHA extensions: the state is kept as two vectors, ABEF and CDGH; each sha256rnds2 does two
// rounds, sha256msg1/msg2 extend the message schedule four words at a time.
__attribute__((target("sha,sse4.1,ssse3"))) void blocksShaNi(std::uint32_t h[8], const unsigned char *p, std::size_t blocks)
{
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(h)), 0xB1); // CDAB
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(h + 4)), 0x1B); // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8); // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0); // CDGH
    for (; blocks > 0; --blocks, p += 64) {
        const __m128i abef = state0, cdgh = state1;
        __m128i w[4];
        for (int i = 0; i < 4; ++i)
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * i)), byteSwap);
#pragma GCC unroll 16
        for (int i = 0; i < 16; ++i) {
            __m128i msg = _mm_add_epi32(w[i & 3], _mm_load_si128(reinterpret_cast<const __m128i *>(K + 4 * i)));
            state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
            msg = _mm_shuffle_epi32(msg, 0x0E);
            state0 = _mm_sha256rnds2_epu32(state0, state1, msg);
            if (i < 12) { // words 4(i+4).. from the four vectors before them
                __m128i next = _mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]);
                next = _mm_add_epi32(next, _mm_alignr_epi8(w[(i + 3) & 3], w[(i + 2) & 3], 4));
                w[i & 3] = _mm_sha256msg2_epu32(next, w[(i + 3) & 3]);
            }
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }
    tmp = _mm_shuffle_epi32(state0, 0x1B); // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1); // DCHG
    _mm_storeu_si128(reinterpret_cast<__m128i *>(h), _mm_blend_epi16(tmp, state1, 0xF0)); // DCBA
    _mm_storeu_si128(reinterpret_cast<__m128i *>(h + 4), _mm_alignr_epi8(state1, tmp, 8)); // HGFE
}

bool cpuHasShaNi()
{
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3))
        return false;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return false;
    return (b & (1u << 29)) != 0; // CPUID.(EAX=7,ECX=0):EBX.SHA
}
#endif

using BlockFn = void (*)(std::uint32_t *, const unsigned char *, std::size_t);

std::atomic<BlockFn> g_blocks {nullptr};

BlockFn blockFn()
{
    BlockFn f = g_blocks.load(std::memory_order_relaxed);
    if (!f) {
        f = blocksPortable;
#ifdef CAREEVAL_SHA_NI
        if (cpuHasShaNi())
            f = blocksShaNi;
#endif
        g_blocks.store(f, std::memory_order_relaxed);
    }
    return f;
}

State &stateOf(unsigned char *bytes)
{
    static_assert(sizeof(State) <= sizeof(Sha256) && alignof(State) <= alignof(Sha256));
    return *reinterpret_cast<State *>(bytes);
}

} // namespace

bool sha256UseCpuExtensions(bool use)
{
#ifdef CAREEVAL_SHA_NI
    if (use && cpuHasShaNi()) {
        g_blocks.store(blocksShaNi);
        return true;
    }
#endif
    g_blocks.store(blocksPortable);
    return !use;
}

Sha256::Sha256()
{
    State &s = stateOf(m_state);
    std::memcpy(s.h, kInit, sizeof kInit);
    s.nl = s.nh = 0;
    std::memset(s.data, 0, sizeof s.data);
    s.num = 0;
    s.mdLen = 32;
}

void Sha256::update(std::string_view bytes)
{
    State &s = stateOf(m_state);
    if (bytes.empty())
        return;
    const std::uint64_t bits = (std::uint64_t(s.nh) << 32 | s.nl) + (std::uint64_t(bytes.size()) << 3);
    s.nl = static_cast<std::uint32_t>(bits);
    s.nh = static_cast<std::uint32_t>(bits >> 32);
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    std::size_t n = bytes.size();
    const BlockFn blocks = blockFn();
    if (s.num > 0) {
        const std::size_t take = std::min<std::size_t>(n, 64 - s.num);
        std::memcpy(s.data + s.num, p, take);
        s.num += static_cast<std::uint32_t>(take);
        p += take;
        n -= take;
        if (s.num < 64)
            return;
        blocks(s.h, s.data, 1);
        s.num = 0;
    }
    if (n >= 64) {
        blocks(s.h, p, n / 64);
        p += n / 64 * 64;
        n %= 64;
    }
    std::memcpy(s.data, p, n);
    s.num = static_cast<std::uint32_t>(n);
}

std::string Sha256::save() const
{
    return std::string(reinterpret_cast<const char *>(m_state), sizeof(State));
}

bool Sha256::restore(std::string_view bytes)
{
    if (bytes.size() != sizeof(State))
        return false;
    State s;
    std::memcpy(&s, bytes.data(), sizeof s);
    // What a running hash must satisfy: whole bytes, the pending ones the count's remainder.
    const std::uint64_t bits = std::uint64_t(s.nh) << 32 | s.nl;
    if (s.mdLen != 32 || s.num >= 64 || bits % 8 != 0 || (bits / 8) % 64 != s.num)
        return false;
    std::memcpy(m_state, &s, sizeof s);
    return true;
}

std::string Sha256::finishHex()
{
    State &s = stateOf(m_state);
    const std::uint64_t bits = std::uint64_t(s.nh) << 32 | s.nl;
    const BlockFn blocks = blockFn();
    s.data[s.num++] = 0x80;
    if (s.num > 56) {
        std::memset(s.data + s.num, 0, 64 - s.num);
        blocks(s.h, s.data, 1);
        s.num = 0;
    }
    std::memset(s.data + s.num, 0, 56 - s.num);
    for (int i = 0; i < 8; ++i)
        s.data[56 + i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
    blocks(s.h, s.data, 1);
    unsigned char digest[32];
    for (int i = 0; i < 8; ++i)
        for (int j = 0; j < 4; ++j)
            digest[4 * i + j] = static_cast<unsigned char>(s.h[i] >> (24 - 8 * j));
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    *this = Sha256(); // ready for new input
    return std::string(hex, 64);
}

} // namespace careeval::server
