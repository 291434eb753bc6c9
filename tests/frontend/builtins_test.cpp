// The table of built-ins: it matches the language reference, and each row is
// consistent (statements have no value, expressions have a value kind).
#include "frontend/builtins.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "helpers.h"

namespace ctcheck::frontend {
namespace {

// Names in the first column of the built-ins table of docs/language.md §5.
std::set<std::string> documented_builtins() {
  std::ifstream in(std::string(CTCHECK_SOURCE_DIR) + "/docs/language.md");
  std::stringstream text;
  text << in.rdbuf();
  std::string doc = text.str();
  std::size_t start = doc.find("| built-in | meaning |");
  EXPECT_NE(start, std::string::npos) << "the built-ins table is missing from docs/language.md";
  std::set<std::string> out;
  std::istringstream rows(doc.substr(start));
  std::string row;
  std::getline(rows, row);  // header
  std::getline(rows, row);  // |---|---|
  const std::regex name(R"(`([a-z_]+)\()");
  while (std::getline(rows, row) && row.rfind("|", 0) == 0) {
    std::string first = row.substr(0, row.find('|', 1));
    for (std::sregex_iterator it(first.begin(), first.end(), name), end; it != end; ++it)
      out.insert((*it)[1]);
  }
  return out;
}

TEST(Builtins, TheTableIsTheDocumentedSet) {
  std::set<std::string> table;
  for (const Builtin &b : all_builtins()) EXPECT_TRUE(table.insert(b.name).second) << b.name << " twice";
  EXPECT_EQ(table, documented_builtins());
}

TEST(Builtins, RowsAreConsistent) {
  for (const Builtin &b : all_builtins()) {
    EXPECT_EQ(find_builtin(b.name), &b);
    if (b.is_statement()) {
      EXPECT_TRUE(b.result.is(TypeKind::Void)) << b.name;
      EXPECT_EQ(b.value(), nullptr) << b.name;
    } else {
      EXPECT_FALSE(b.result.is(TypeKind::Void)) << b.name;
    }
  }
  EXPECT_EQ(find_builtin("no_such_builtin"), nullptr);
  EXPECT_TRUE(find_builtin("local_irq_save")->writes_arg());
  EXPECT_FALSE(find_builtin("local_irq_restore")->writes_arg());
  EXPECT_TRUE(find_builtin("nondet_int")->is_nondet());
  EXPECT_FALSE(find_builtin("smp_processor_id")->is_nondet());
}

// A user procedure of the same name replaces the built-in.
TEST(Builtins, ADeclarationShadowsABuiltin) {
  auto l = fetest::load_text(R"(
global s32 x = 0;
void user_code() { x = 7; }
void t() { user_code(); }
task t;
)");
  ASSERT_TRUE(l.ok) << l.errors;
  fetest::Driver d(l.lm->ts);
  d.step();
  EXPECT_EQ(d.get("x"), 7u);
}

}  // namespace
}  // namespace ctcheck::frontend
