// Hand-written lexer: C tokens, // and /* */ comments, integer literals with
// C suffixes, string literals (for assertion messages and import paths).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "frontend/diagnostics.h"

namespace ctcheck::frontend {

enum class Tok { Ident, Int, String, Punct, End };

struct Token {
  Tok kind = Tok::End;
  std::string text;          // identifier, punctuation, or string contents
  std::uint64_t value = 0;   // Int
  bool is_unsigned = false;  // Int: U suffix
  bool is_long = false;      // Int: L / LL suffix
  Loc loc;
};

// Lexes a whole file; lexical errors are reported and the bad character skipped.
std::vector<Token> lex(int file, const std::string &text, Diagnostics &diags);

}  // namespace ctcheck::frontend
