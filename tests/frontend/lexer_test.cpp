// The lexer token by token: kinds, values, suffixes, escapes, positions, errors.
#include "frontend/lexer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace ctcheck::frontend {
namespace {

struct Lexed {
  SourceManager sm;
  std::unique_ptr<Diagnostics> diags;
  std::vector<Token> toks;
  std::string printed() const {
    std::ostringstream s;
    diags->print(s);
    return s.str();
  }
};

std::unique_ptr<Lexed> lex_text(const std::string &text) {
  auto out = std::make_unique<Lexed>();
  int f = out->sm.add("t.ct", text);
  out->diags = std::make_unique<Diagnostics>(out->sm);
  out->toks = lex(f, out->sm.text(f), *out->diags);
  return out;
}

TEST(Lexer, EmptyInputIsJustEnd) {
  auto l = lex_text("");
  ASSERT_EQ(l->toks.size(), 1u);
  EXPECT_EQ(l->toks[0].kind, Tok::End);
  EXPECT_EQ(l->toks[0].loc.line, 1);
  EXPECT_EQ(l->toks[0].loc.col, 1);
  EXPECT_FALSE(l->diags->has_errors());
}

TEST(Lexer, IdentifiersAndPunctuationWithPositions) {
  auto l = lex_text("percpu s64 x_1 = a+b;\n  y <<= 2;");
  struct E {
    Tok k;
    const char *text;
    int line, col;
  };
  const E want[] = {{Tok::Ident, "percpu", 1, 1}, {Tok::Ident, "s64", 1, 8}, {Tok::Ident, "x_1", 1, 12},
                    {Tok::Punct, "=", 1, 16},     {Tok::Ident, "a", 1, 18},  {Tok::Punct, "+", 1, 19},
                    {Tok::Ident, "b", 1, 20},     {Tok::Punct, ";", 1, 21},  {Tok::Ident, "y", 2, 3},
                    {Tok::Punct, "<<=", 2, 5},    {Tok::Int, "", 2, 9},      {Tok::Punct, ";", 2, 10},
                    {Tok::End, "", 2, 11}};
  ASSERT_EQ(l->toks.size(), std::size(want));
  for (std::size_t i = 0; i < std::size(want); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(l->toks[i].kind, want[i].k);
    if (want[i].k != Tok::Int) {
      EXPECT_EQ(l->toks[i].text, want[i].text);
    }
    EXPECT_EQ(l->toks[i].loc.line, want[i].line);
    EXPECT_EQ(l->toks[i].loc.col, want[i].col);
    EXPECT_EQ(l->toks[i].loc.file, 0);
  }
  EXPECT_EQ(l->toks[10].value, 2u);
}

TEST(Lexer, LongestPunctuationWins) {
  auto l = lex_text(">>= >> > >= == = != ! && & || | ++ + -- -= -> ...");
  std::vector<std::string> got;
  for (const Token &t : l->toks)
    if (t.kind == Tok::Punct) got.push_back(t.text);
  std::vector<std::string> want = {">>=", ">>", ">", ">=", "==", "=",  "!=", "!",  "&&",
                                   "&",   "||", "|", "++", "+",  "--", "-=", "->", "..."};
  EXPECT_EQ(got, want);
  // Without spaces: "a+++b" is a ++ + b, as in C.
  auto m = lex_text("a+++b");
  ASSERT_EQ(m->toks.size(), 5u);
  EXPECT_EQ(m->toks[1].text, "++");
  EXPECT_EQ(m->toks[2].text, "+");
}

TEST(Lexer, IntegerLiteralsAndSuffixes) {
  auto l = lex_text("0 42 4294967295U 7L 8UL 9LL 10ULL 11lu 0x0140000000000000 0XfF 18446744073709551615ULL");
  struct E {
    std::uint64_t v;
    bool u, lng;
  };
  const E want[] = {{0, false, false},
                    {42, false, false},
                    {4294967295u, true, false},
                    {7, false, true},
                    {8, true, true},
                    {9, false, true},
                    {10, true, true},
                    {11, true, true},
                    {0x0140000000000000ull, false, false},
                    {255, false, false},
                    {18446744073709551615ull, true, true}};
  ASSERT_EQ(l->toks.size(), std::size(want) + 1);
  for (std::size_t i = 0; i < std::size(want); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(l->toks[i].kind, Tok::Int);
    EXPECT_EQ(l->toks[i].value, want[i].v);
    EXPECT_EQ(l->toks[i].is_unsigned, want[i].u);
    EXPECT_EQ(l->toks[i].is_long, want[i].lng);
  }
  EXPECT_FALSE(l->diags->has_errors()) << l->printed();
}

TEST(Lexer, StringsWithEscapes) {
  auto l = lex_text(R"(assert("a\"b\\c\nd\te", "");)");
  ASSERT_EQ(l->toks.size(), 8u);  // assert ( "..." , "" ) ; end
  EXPECT_EQ(l->toks[2].kind, Tok::String);
  EXPECT_EQ(l->toks[2].text, "a\"b\\c\nd\te");
  EXPECT_EQ(l->toks[2].loc.col, 8);
  EXPECT_EQ(l->toks[4].kind, Tok::String);
  EXPECT_EQ(l->toks[4].text, "");
  EXPECT_FALSE(l->diags->has_errors());
}

TEST(Lexer, CommentsAreSkippedAndLinesCounted) {
  auto l = lex_text("a // line comment ; b\n/* block\n comment */ c /**/d\n/* x */\te");
  std::vector<std::pair<std::string, std::pair<int, int>>> got;
  for (const Token &t : l->toks)
    if (t.kind == Tok::Ident) got.push_back({t.text, {t.loc.line, t.loc.col}});
  std::vector<std::pair<std::string, std::pair<int, int>>> want = {
      {"a", {1, 1}}, {"c", {3, 13}}, {"d", {3, 19}}, {"e", {4, 9}}};
  EXPECT_EQ(got, want);
  EXPECT_FALSE(l->diags->has_errors());
}

TEST(Lexer, BadCharacterIsReportedAndSkipped) {
  auto l = lex_text("a @ b $");
  std::vector<std::string> idents;
  for (const Token &t : l->toks)
    if (t.kind == Tok::Ident) idents.push_back(t.text);
  EXPECT_EQ(idents, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(l->diags->count(), 2u);
  EXPECT_EQ(l->diags->errors()[0].message, "unexpected character '@'");
  EXPECT_EQ(l->diags->errors()[0].loc.col, 3);
  EXPECT_EQ(l->diags->errors()[1].message, "unexpected character '$'");
  EXPECT_EQ(l->diags->errors()[1].loc.col, 7);
}

TEST(Lexer, NonPrintableCharacterIsShownInHex) {
  auto l = lex_text(std::string("x \x01 y"));
  ASSERT_EQ(l->diags->count(), 1u);
  EXPECT_EQ(l->diags->errors()[0].message, "unexpected character '\\x01'");
}

TEST(Lexer, UnterminatedCommentPointsAtItsStart) {
  auto l = lex_text("a\n  /* never\n closed");
  ASSERT_EQ(l->diags->count(), 1u);
  EXPECT_EQ(l->diags->errors()[0].message, "unterminated comment");
  EXPECT_EQ(l->diags->errors()[0].loc.line, 2);
  EXPECT_EQ(l->diags->errors()[0].loc.col, 3);
  EXPECT_EQ(l->toks.back().kind, Tok::End);
}

TEST(Lexer, UnterminatedStringStopsAtEndOfLine) {
  auto l = lex_text("\"abc\nnext");
  ASSERT_EQ(l->diags->count(), 1u);
  EXPECT_EQ(l->diags->errors()[0].message, "unterminated string literal");
  EXPECT_EQ(l->diags->errors()[0].loc.line, 1);
  EXPECT_EQ(l->diags->errors()[0].loc.col, 1);
  // Lexing continues on the next line.
  ASSERT_GE(l->toks.size(), 2u);
  EXPECT_EQ(l->toks[0].text, "next");
  EXPECT_EQ(l->toks[0].loc.line, 2);
}

TEST(Lexer, OverflowingLiteralIsAnError) {
  auto ok = lex_text("18446744073709551615 0xffffffffffffffff");
  EXPECT_FALSE(ok->diags->has_errors()) << ok->printed();
  EXPECT_EQ(ok->toks[0].value, ~0ull);
  EXPECT_EQ(ok->toks[1].value, ~0ull);

  for (const char *bad : {"18446744073709551616", "0x10000000000000000", "99999999999999999999999"}) {
    SCOPED_TRACE(bad);
    auto l = lex_text(std::string("x = ") + bad + ";");
    ASSERT_EQ(l->diags->count(), 1u);
    EXPECT_EQ(l->diags->errors()[0].message, "integer literal does not fit in 64 bits");
    EXPECT_EQ(l->diags->errors()[0].loc.col, 5);
    // The literal still yields a token, so the parser does not report a second error.
    ASSERT_EQ(l->toks.size(), 5u);
    EXPECT_EQ(l->toks[2].kind, Tok::Int);
  }
}

TEST(Lexer, MalformedNumbers) {
  auto l = lex_text("0x; 12abc 0x1g");
  ASSERT_EQ(l->diags->count(), 3u);
  EXPECT_EQ(l->diags->errors()[0].message, "malformed hexadecimal literal");
  EXPECT_EQ(l->diags->errors()[0].loc.col, 1);
  EXPECT_EQ(l->diags->errors()[1].message, "invalid character in number literal");
  EXPECT_EQ(l->diags->errors()[1].loc.col, 7);
  EXPECT_EQ(l->diags->errors()[2].message, "invalid character in number literal");
  EXPECT_EQ(l->diags->errors()[2].loc.col, 14);
}

TEST(Diagnostics, PrintFormatAndDeduplication) {
  SourceManager sm;
  int f = sm.add("dir/m.ct", "first\n\tsecond line\n");
  Diagnostics d(sm);
  d.error(Loc{f, 2, 3}, "bad thing");
  d.error(Loc{f, 2, 3}, "bad thing");  // same place and message: recorded once
  d.error(Loc{f, 1, 1}, "other");
  std::ostringstream s;
  d.print(s);
  EXPECT_EQ(s.str(),
            "dir/m.ct:2:3: error: bad thing\n"
            "  \tsecond line\n"
            "  \t ^\n"
            "dir/m.ct:1:1: error: other\n"
            "  first\n"
            "  ^\n");
  EXPECT_EQ(d.count(), 2u);
  EXPECT_EQ(d.where(Loc{}), "<command line>");
}

// A huge generated line is shown around the column, with the caret under it.
TEST(Diagnostics, ALongLineIsShownAroundTheColumn) {
  std::string line = std::string(1000, 'a');
  line[600] = 'X';
  SourceManager sm;
  int f = sm.add("m.ct", line + "\n" + std::string(100, 'b') + "\n");
  Diagnostics d(sm);
  d.error(Loc{f, 1, 601}, "here");
  d.error(Loc{f, 1, 3}, "near the start");
  d.error(Loc{f, 2, 50}, "short line");
  std::ostringstream s;
  d.print(s);
  std::vector<std::string> printed;
  std::istringstream in(s.str());
  for (std::string l; std::getline(in, l);) printed.push_back(l);
  ASSERT_EQ(printed.size(), 9u);
  const std::size_t shown = Diagnostics::kMaxShownLine;
  EXPECT_EQ(printed[1].size(), 2 + 3 + shown + 3);    // "  ..." window "..."
  EXPECT_EQ(printed[1][printed[2].size() - 1], 'X');  // the caret is under the column
  EXPECT_EQ(printed[2].back(), '^');
  EXPECT_EQ(printed[4], "  " + line.substr(0, shown) + "...");
  EXPECT_EQ(printed[5], "    ^");
  EXPECT_EQ(printed[7], "  " + std::string(100, 'b'));  // short lines are shown whole
}

TEST(Diagnostics, TooManyErrorsStops) {
  SourceManager sm;
  int f = sm.add("m.ct", "x\n");
  Diagnostics d(sm);
  bool thrown = false;
  try {
    for (int i = 0; i < 100; ++i) d.error(Loc{f, 1, 1}, "error " + std::to_string(i));
  } catch (FatalError &) {
    thrown = true;
  }
  EXPECT_TRUE(thrown);
  EXPECT_EQ(d.count(), Diagnostics::kMaxErrors + 1);
  EXPECT_EQ(d.errors().back().message, "too many errors; stopping");
}

}  // namespace
}  // namespace ctcheck::frontend
