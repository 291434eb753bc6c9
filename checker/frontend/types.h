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
// Wider than any value of the language: for arithmetic on s64 bounds
// (HI - LO, LO - 1, ...) that must not overflow.
__extension__ typedef __int128 WideInt;

// Bits for n distinct codes (at least 1).
unsigned bits_for(unsigned long long n);
// Bits for the span + 1 values 0..span (at least 1); span may be 2^64 - 1.
unsigned bits_for_span(std::uint64_t span);

}  // namespace ctcheck::frontend
