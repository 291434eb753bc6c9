// C's integer rules as the language uses them (docs/language.md §2).
#pragma once

#include <string>

#include "frontend/ast.h"

namespace ctcheck::frontend {

// Resolves a builtin type name ("s64", "unsigned long", "atomic_t", ...);
// Error type when the name is not builtin.
Type builtin_type(const std::string &name);

// Integer promotion: bool and small ints become int, ranges compute in s64.
Type promote(const Type &t);
// The usual arithmetic conversions of two arithmetic types.
Type common_type(const Type &a, const Type &b);
// Whether a value of type `from` may be assigned to `to` implicitly.
bool assignable(const Type &from, const Type &to);
// Bits needed to store a value of this type in the IR.
unsigned storage_bits(const Type &t);
// Bits for n distinct codes (at least 1).
unsigned bits_for(unsigned long long n);

}  // namespace ctcheck::frontend
