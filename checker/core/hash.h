// A content hash for keys and fingerprints (the result cache, trace
// fingerprints): not cryptographic, stable across runs and machines.
#pragma once

#include <string>

namespace ctcheck::core {

// 32 hex digits: two 64-bit FNV-1a hashes of `text` with different offsets.
std::string content_hash(const std::string &text);

}  // namespace ctcheck::core
