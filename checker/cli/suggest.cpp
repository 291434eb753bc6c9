#include "cli/suggest.h"

#include <algorithm>
#include <ostream>

namespace ctcheck::cli {

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of neighbours ("jbos" is one step from "jobs").
std::size_t distance(const std::string &a, const std::string &b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i)
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

// The name in "unknown procedure 'x'" (after `prefix`), or "".
std::string quoted_after(const std::string &message, const std::string &prefix) {
  if (message.rfind(prefix, 0) != 0 || message.back() != '\'') return "";
  return message.substr(prefix.size(), message.size() - prefix.size() - 1);
}

}  // namespace

std::string closest(const std::string &word, const std::vector<std::string> &candidates) {
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::string best;
  std::size_t best_d = limit + 1;
  for (const std::string &c : candidates) {
    if (c == word) continue;
    const std::size_t d = distance(word, c);
    if (d < best_d) best_d = d, best = c;
  }
  return best;
}

std::string did_you_mean(const std::string &word, const std::vector<std::string> &candidates) {
  const std::string c = closest(word, candidates);
  return c.empty() ? "" : " (did you mean '" + c + "'?)";
}

void print_diagnostics(const frontend::LoadedModel &lm, const frontend::Diagnostics &diags,
                       std::ostream &out) {
  std::vector<std::string> procs, names;
  for (const auto &[name, decl] : lm.program.named)
    (decl->kind == frontend::DeclKind::Proc ? procs : names).push_back(name);
  for (const frontend::Diagnostic &d : diags.errors()) {
    out << diags.format(d);
    std::string suggestion;
    if (std::string p = quoted_after(d.message, "unknown procedure '"); !p.empty())
      suggestion = closest(p, procs);
    if (std::string n = quoted_after(d.message, "unknown name '"); !n.empty()) suggestion = closest(n, names);
    if (!suggestion.empty()) out << diags.where(d.loc) << ": note: did you mean '" << suggestion << "'?\n";
  }
}

}  // namespace ctcheck::cli
