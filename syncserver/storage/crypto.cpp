#include "crypto.h"

// Blob hashing uses OpenSSL's SHA-256 (CPU SHA extensions, several times libsodium's portable code on
// these machines); its SHA256_CTX is plain data, so a running hash can be saved and restored. The
// low-level API is deprecated in OpenSSL 3 but kept: EVP contexts cannot be serialized.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <sodium.h>

#include <cstring>

namespace careeval::server {

static_assert(sizeof(SHA256_CTX) <= 512);

bool cryptoInit()
{
    return sodium_init() >= 0;
}

std::string hashPassword(std::string_view password)
{
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return {};
    return out;
}

bool verifyPassword(const std::string &stored, std::string_view password)
{
    if (stored.empty())
        return false;
    return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

static std::string toHex(const unsigned char *data, std::size_t n)
{
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.pop_back();
    return out;
}

std::string randomHex(std::size_t bytes)
{
    std::string buf(bytes, '\0');
    randombytes_buf(buf.data(), bytes);
    return toHex(reinterpret_cast<const unsigned char *>(buf.data()), bytes);
}

std::string sha256Hex(std::string_view data)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char *>(data.data()), data.size());
    return toHex(h, sizeof h);
}

Sha256::Sha256()
{
    SHA256_Init(reinterpret_cast<SHA256_CTX *>(m_state));
}

void Sha256::update(std::string_view data)
{
    SHA256_Update(reinterpret_cast<SHA256_CTX *>(m_state), data.data(), data.size());
}

std::string Sha256::save() const
{
    return std::string(reinterpret_cast<const char *>(m_state), sizeof(SHA256_CTX));
}

bool Sha256::restore(std::string_view bytes)
{
    if (bytes.size() != sizeof(SHA256_CTX))
        return false;
    std::memcpy(m_state, bytes.data(), bytes.size());
    return true;
}

std::string Sha256::finishHex()
{
    unsigned char h[SHA256_DIGEST_LENGTH];
    SHA256_Final(h, reinterpret_cast<SHA256_CTX *>(m_state));
    return toHex(h, sizeof h);
}

} // namespace careeval::server
