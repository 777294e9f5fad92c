#pragma once
// The server's cryptography: argon2id password hashes, random tokens and SHA-256 of short strings
// (token hashes) from libsodium; the incremental SHA-256 that verifies blobs is our own (sha256.cpp:
// the CPU's SHA extensions, several times libsodium's portable code). Nothing here throws.

#include <cstdint>
#include <string>
#include <string_view>

namespace careeval::server {

//! Must be called once before anything else here (idempotent).
bool cryptoInit();
//! argon2id (libsodium's interactive limits), self-describing string for storage.
std::string hashPassword(std::string_view password);
bool verifyPassword(const std::string &stored, std::string_view password);
//! Random bytes as lower-case hex.
std::string randomHex(std::size_t bytes);
std::string sha256Hex(std::string_view data);

//! Whether Sha256 uses the CPU's SHA extensions (the default where the CPU has them) or portable
//! code, for tests that compare the two. Answers whether what was asked for is now in effect.
bool sha256UseCpuExtensions(bool use);

//! Incremental SHA-256, for blobs that arrive in chunks.
class Sha256
{
public:
    Sha256();
    void update(std::string_view data);
    //! The digest of everything given; the hash then starts again, empty.
    std::string finishHex();
    //! The running state as bytes (to continue hashing after a restart) and back.
    std::string save() const;
    //! False, leaving the hash as it was, for bytes that are not a running hash.
    bool restore(std::string_view bytes);

private:
    alignas(64) unsigned char m_state[512];
};

} // namespace careeval::server
