#include "frontend/types.h"

#include <map>

namespace ctcheck::frontend {

bool Type::same(const Type &o) const {
  if (kind != o.kind) return false;
  switch (kind) {
    case TypeKind::Int:
      return width == o.width && is_signed == o.is_signed;
    case TypeKind::Range:
      return lo == o.lo && hi == o.hi;
    case TypeKind::Enum:
      return enm == o.enm;
    default:
      return true;
  }
}

std::string Type::name() const {
  switch (kind) {
    case TypeKind::Error:
      return "<error>";
    case TypeKind::Void:
      return "void";
    case TypeKind::Bool:
      return "bool";
    case TypeKind::Int:
      return std::string(is_signed ? "s" : "u") + std::to_string(width);
    case TypeKind::Range:
      return "range<" + std::to_string(lo) + ", " + std::to_string(hi) + ">";
    case TypeKind::Enum:
      return "enum " + (enm ? enm->name : std::string("?"));
  }
  return "?";
}

Type builtin_type(const std::string &name) {
  static const std::map<std::string, Type> table = {
      {"bool", Type::boolean()},
      {"void", Type::void_()},
      {"s8", Type::integer(8, true)},
      {"s16", Type::integer(16, true)},
      {"s32", Type::integer(32, true)},
      {"s64", Type::integer(64, true)},
      {"u8", Type::integer(8, false)},
      {"u16", Type::integer(16, false)},
      {"u32", Type::integer(32, false)},
      {"u64", Type::integer(64, false)},
      {"int", Type::integer(32, true)},
      {"signed int", Type::integer(32, true)},
      {"long", Type::integer(64, true)},
      {"long long", Type::integer(64, true)},
      {"signed long", Type::integer(64, true)},
      {"signed long long", Type::integer(64, true)},
      {"atomic_t", Type::integer(32, true)},
      {"unsigned int", Type::integer(32, false)},
      {"unsigned long", Type::integer(64, false)},
      {"unsigned long long", Type::integer(64, false)},
      {"unsigned char", Type::integer(8, false)},
      {"signed char", Type::integer(8, true)},
  };
  auto it = table.find(name);
  if (it != table.end()) return it->second;
  // Bit-precise integers (u2, s12, ...) for deliberate abstraction.
  if (name.size() >= 2 && name.size() <= 3 && (name[0] == 'u' || name[0] == 's') &&
      name.find_first_not_of("0123456789", 1) == std::string::npos) {
    int w = std::stoi(name.substr(1));
    if (w >= 1 && w <= 64 && !(name[0] == 's' && w < 2))
      return Type::integer(static_cast<unsigned>(w), name[0] == 's');
  }
  return Type::error();
}

Type promote(const Type &t) {
  switch (t.kind) {
    case TypeKind::Bool:
      return Type::integer(32, true);
    case TypeKind::Range:
      return Type::integer(64, true);
    case TypeKind::Int:
      return t.width < 32 ? Type::integer(32, true) : t;
    default:
      return t;
  }
}

Type common_type(const Type &a0, const Type &b0) {
  Type a = promote(a0), b = promote(b0);
  if (!a.is(TypeKind::Int) || !b.is(TypeKind::Int)) return Type::error();
  if (a.is_signed == b.is_signed) return a.width >= b.width ? a : b;
  const Type &u = a.is_signed ? b : a;
  const Type &s = a.is_signed ? a : b;
  if (u.width >= s.width) return u;
  return s;  // the signed type is wider and holds every unsigned value
}

bool assignable(const Type &from, const Type &to) {
  if (from.is(TypeKind::Error) || to.is(TypeKind::Error)) return true;  // already reported
  if (to.is(TypeKind::Enum) || from.is(TypeKind::Enum)) return from.same(to);
  if (to.is(TypeKind::Void) || from.is(TypeKind::Void)) return false;
  return from.is_arith() && to.is_arith();
}

unsigned bits_for(unsigned long long n) {
  unsigned b = 1;
  while (b < 64 && (1ull << b) < n) ++b;
  return b;
}

unsigned bits_for_span(std::uint64_t span) {
  unsigned b = 1;
  while (b < 64 && (span >> b) != 0) ++b;
  return b;
}

unsigned storage_bits(const Type &t) {
  switch (t.kind) {
    case TypeKind::Bool:
      return 1;
    case TypeKind::Int:
      return t.width;
    case TypeKind::Range:
      return bits_for_span(static_cast<std::uint64_t>(t.hi) - static_cast<std::uint64_t>(t.lo));
    case TypeKind::Enum:
      return bits_for(t.enm ? t.enm->names.size() : 1);
    default:
      return 1;
  }
}

}  // namespace ctcheck::frontend
