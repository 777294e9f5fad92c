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

//! The length (1–4 bytes) of the well-formed UTF-8 character that starts at `at`, or 0 when the
//! bytes there are not one (for text to be repaired a character at a time: U+FFFD for each bad byte).
std::size_t utf8CharLength(std::string_view text, std::size_t at);

//! Whether the bytes between a JSON string's quotes read as themselves: no escapes, no control
//! characters, well-formed UTF-8. Such a string's canonical text is the same bytes in quotes.
bool plainString(std::string_view inner);

//! A value whose text is already canonical (what canonicalJson would write back, byte for byte) and
//! simple enough to judge without a parser: a whole number of at most 15 digits as JSON spells it
//! ("0", "48", "-7"; not "-0", "07", "1.0", "1e2"), or a plainString in quotes. Anything else, or
//! text around it, is Other: parse it.
enum class PlainValue { Other, Number, Text };
PlainValue plainValue(std::string_view text);

} // namespace careeval
