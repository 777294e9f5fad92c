#pragma once
// The server's cryptography, all from libsodium: argon2id password hashes, random tokens and
// SHA-256 (token hashes and blob verification). Nothing here throws.

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

//! Incremental SHA-256, for blobs that arrive in chunks.
class Sha256
{
public:
    Sha256();
    void update(std::string_view data);
    std::string finishHex();
    //! The running state as bytes (to continue hashing after a restart) and back.
    std::string save() const;
    bool restore(std::string_view bytes);

private:
    alignas(64) unsigned char m_state[512];
};

} // namespace careeval::server
