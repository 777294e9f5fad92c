#pragma once
// Parsing untrusted JSON without exceptions, with the location of the first syntax error, and the
// small typed accessors that let validation name the exact field that is wrong.

#include "result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace careeval {

using nlohmann::json;

//! Deepest nesting accepted from untrusted input (templates, operations, requests).
constexpr int kMaxJsonDepth = 64;

//! Parses text; on failure the message says "line L, column C: reason". Never throws.
Result<json> parseJson(std::string_view text, int maxDepth = kMaxJsonDepth);

//! Canonical text of a value: compact, object keys sorted (nlohmann keeps them sorted). Used to
//! compare values for equality across devices and to store them.
std::string canonicalJson(const json &value);

//! Appends "/key" to a JSON pointer, escaping as RFC 6901 requires.
std::string jsonPointer(const std::string &base, std::string_view key);
std::string jsonPointer(const std::string &base, std::size_t index);

//! Human name of a JSON value's type ("string", "number", …) for messages.
const char *jsonTypeName(const json &value);

//! Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool validUtf8(std::string_view text);

} // namespace careeval
