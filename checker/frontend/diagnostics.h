// Every error of the front end goes through one helper (rumur pastes its
// error printer three times; we do not): `file:line:col: error: message`,
// then the source line and a caret. Errors are collected, so one run reports
// several of them.
#pragma once

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ctcheck::frontend {

struct Loc {
  int file = -1;  // index into SourceManager
  int line = 0;   // 1-based
  int col = 0;    // 1-based
};

// Owns the text of every loaded file; files may come from disk or from the
// models embedded in the binary.
class SourceManager {
 public:
  int add(std::string path, std::string text);
  const std::string &path(int file) const { return files_.at(file).path; }
  const std::string &text(int file) const { return files_.at(file).text; }
  std::string line_text(int file, int line) const;
  int count() const { return static_cast<int>(files_.size()); }

 private:
  struct File {
    std::string path, text;
    std::vector<std::size_t> line_starts;
  };
  std::vector<File> files_;
};

struct Diagnostic {
  Loc loc;
  std::string message;
};

class Diagnostics {
 public:
  explicit Diagnostics(const SourceManager &sm) : sm_(sm) {}
  // Records an error; the same (location, message) is recorded once, since an
  // inlined procedure would otherwise repeat its errors per call site.
  void error(Loc loc, const std::string &message);
  bool has_errors() const { return !errors_.empty(); }
  std::size_t count() const { return errors_.size(); }
  const std::vector<Diagnostic> &errors() const { return errors_; }
  // Prints every error in order of recording.
  void print(std::ostream &out) const;
  std::string format(const Diagnostic &d) const;
  std::string where(Loc loc) const;  // "file:line:col"
  static constexpr std::size_t kMaxErrors = 50;
  static constexpr std::size_t kMaxShownLine = 160;  // characters of the source line shown

 private:
  const SourceManager &sm_;
  std::vector<Diagnostic> errors_;
  std::map<std::string, bool> seen_;
};

// Thrown to abandon a file after too many errors or an unrecoverable one; the
// error itself is already recorded.
struct FatalError {};

}  // namespace ctcheck::frontend
