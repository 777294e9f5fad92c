#include "crypto.h"

#include <sodium.h>

#include <cstring>

namespace careeval::server {

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

} // namespace careeval::server
