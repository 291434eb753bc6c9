#include "frontend/lexer.h"

#include <cctype>

namespace ctcheck::frontend {
namespace {

// Longest first, so ">>=" wins over ">>" and ">".
const char *const kPuncts[] = {"<<=", ">>=", "...", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++",
                               "--",  "+=",  "-=",  "*=", "/=", "%=", "&=", "|=", "^=", "->", "+",  "-",
                               "*",   "/",   "%",   "<",  ">",  "=",  "!",  "~",  "&",  "|",  "^",  "?",
                               ":",   ";",   ",",   ".",  "(",  ")",  "{",  "}",  "[",  "]"};

class Lexer {
 public:
  Lexer(int file, const std::string &text, Diagnostics &diags) : file_(file), s_(text), diags_(diags) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    while (true) {
      skip_space_and_comments();
      Token t;
      t.loc = here();
      if (i_ >= s_.size()) {
        t.kind = Tok::End;
        out.push_back(t);
        return out;
      }
      char c = s_[i_];
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        t.kind = Tok::Ident;
        while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
          t.text += advance();
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        if (!number(t)) continue;
      } else if (c == '"') {
        if (!string(t)) continue;
      } else if (!punct(t)) {
        diags_.error(t.loc, std::string("unexpected character '") + printable(c) + "'");
        advance();
        continue;
      }
      out.push_back(std::move(t));
    }
  }

 private:
  static std::string printable(char c) {
    if (std::isprint(static_cast<unsigned char>(c))) return std::string(1, c);
    char buf[8];
    snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
    return buf;
  }
  Loc here() const { return Loc{file_, line_, col_}; }
  char advance() {
    char c = s_[i_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    return c;
  }
  bool starts(const char *p) const { return s_.compare(i_, std::char_traits<char>::length(p), p) == 0; }

  void skip_space_and_comments() {
    while (i_ < s_.size()) {
      if (std::isspace(static_cast<unsigned char>(s_[i_]))) {
        advance();
      } else if (starts("//")) {
        while (i_ < s_.size() && s_[i_] != '\n') advance();
      } else if (starts("/*")) {
        Loc start = here();
        advance();
        advance();
        while (i_ < s_.size() && !starts("*/")) advance();
        if (i_ >= s_.size()) {
          diags_.error(start, "unterminated comment");
          return;
        }
        advance();
        advance();
      } else {
        return;
      }
    }
  }

  bool number(Token &t) {
    t.kind = Tok::Int;
    std::uint64_t v = 0;
    bool overflow = false;
    unsigned base = 10;
    if (starts("0x") || starts("0X")) {
      base = 16;
      advance();
      advance();
    }
    std::size_t digits = 0;
    while (i_ < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[i_]))) {
      char c = s_[i_];
      unsigned d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10);
      if (d >= base) break;
      if (v > (~std::uint64_t{0} - d) / base) overflow = true;
      v = v * base + d;
      advance();
      ++digits;
    }
    if (digits == 0) {
      diags_.error(t.loc, "malformed hexadecimal literal");
      return false;
    }
    while (i_ < s_.size() && (s_[i_] == 'u' || s_[i_] == 'U' || s_[i_] == 'l' || s_[i_] == 'L')) {
      char c = advance();
      if (c == 'u' || c == 'U')
        t.is_unsigned = true;
      else
        t.is_long = true;
    }
    if (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) {
      diags_.error(here(), "invalid character in number literal");
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) advance();
      t.value = v;
      return true;  // keep the (reported) token so the parser does not cascade
    }
    if (overflow) {
      diags_.error(t.loc, "integer literal does not fit in 64 bits");
      t.value = v;
      return true;  // keep the (reported) token so the parser does not cascade
    }
    t.value = v;
    return true;
  }

  bool string(Token &t) {
    t.kind = Tok::String;
    advance();  // opening quote
    while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\n') {
      if (s_[i_] == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] != '\n') {
        advance();
        char c = advance();
        t.text += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      } else {
        t.text += advance();
      }
    }
    if (i_ >= s_.size() || s_[i_] != '"') {
      diags_.error(t.loc, "unterminated string literal");
      return false;
    }
    advance();
    return true;
  }

  bool punct(Token &t) {
    for (const char *p : kPuncts) {
      if (starts(p)) {
        t.kind = Tok::Punct;
        t.text = p;
        for (std::size_t k = 0; p[k]; ++k) advance();
        return true;
      }
    }
    return false;
  }

  int file_;
  const std::string &s_;
  Diagnostics &diags_;
  std::size_t i_ = 0;
  int line_ = 1, col_ = 1;
};

}  // namespace

std::vector<Token> lex(int file, const std::string &text, Diagnostics &diags) {
  return Lexer(file, text, diags).run();
}

}  // namespace ctcheck::frontend
