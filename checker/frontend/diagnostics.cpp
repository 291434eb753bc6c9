#include "frontend/diagnostics.h"

#include <algorithm>

namespace ctcheck::frontend {

int SourceManager::add(std::string path, std::string text) {
  File f{std::move(path), std::move(text), {0}};
  for (std::size_t i = 0; i < f.text.size(); ++i)
    if (f.text[i] == '\n') f.line_starts.push_back(i + 1);
  files_.push_back(std::move(f));
  return static_cast<int>(files_.size()) - 1;
}

std::string SourceManager::line_text(int file, int line) const {
  if (file < 0 || file >= count()) return "";
  const File &f = files_[file];
  if (line < 1 || static_cast<std::size_t>(line) > f.line_starts.size()) return "";
  std::size_t start = f.line_starts[line - 1];
  std::size_t end = f.text.find('\n', start);
  if (end == std::string::npos) end = f.text.size();
  return f.text.substr(start, end - start);
}

void Diagnostics::error(Loc loc, const std::string &message) {
  std::string key = where(loc) + message;
  if (seen_.count(key)) return;
  seen_[key] = true;
  errors_.push_back({loc, message});
  if (errors_.size() >= kMaxErrors) {
    errors_.push_back({loc, "too many errors; stopping"});
    throw FatalError{};
  }
}

std::string Diagnostics::where(Loc loc) const {
  if (loc.file < 0) return "<command line>";
  return sm_.path(loc.file) + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

std::string Diagnostics::format(const Diagnostic &d) const {
  std::string out = where(d.loc) + ": error: " + d.message + "\n";
  std::string line = sm_.line_text(d.loc.file, d.loc.line);
  if (line.empty() && d.loc.line <= 0) return out;
  // A long line is shown as the part around the column, so errors in a huge
  // generated line do not print megabytes each.
  const std::size_t col = std::min<std::size_t>(d.loc.col > 0 ? d.loc.col - 1 : 0, line.size());
  std::size_t start = 0, end = line.size();
  if (line.size() > kMaxShownLine) {
    start = col > kMaxShownLine / 2 ? col - kMaxShownLine / 2 : 0;
    end = std::min(line.size(), start + kMaxShownLine);
  }
  std::string shown =
      (start > 0 ? "..." : "") + line.substr(start, end - start) + (end < line.size() ? "..." : "");
  // Tabs are kept so the caret lines up under the same columns.
  std::string caret(start > 0 ? 3 : 0, ' ');
  for (std::size_t i = start; i < col; ++i) caret += line[i] == '\t' ? '\t' : ' ';
  return out + "  " + shown + "\n  " + caret + "^\n";
}

void Diagnostics::print(std::ostream &out) const {
  for (const Diagnostic &d : errors_) out << format(d);
}

}  // namespace ctcheck::frontend
