#include "core/hash.h"

#include <cstdint>
#include <cstdio>

namespace ctcheck::core {

namespace {

std::uint64_t fnv1a(const std::string &text, std::uint64_t h) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

std::string content_hash(const std::string &text) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx",
                static_cast<unsigned long long>(fnv1a(text, 0xcbf29ce484222325ULL)),
                static_cast<unsigned long long>(fnv1a(text, 0x84222325cbf29ce4ULL)));
  return buf;
}

}  // namespace ctcheck::core
