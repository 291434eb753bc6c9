#include "cli/case_files.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace ctcheck::cli {

std::vector<std::string> ct_files(const std::string &dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".ct") out.push_back(it->path().string());
  std::sort(out.begin(), out.end());
  return out;
}

bool parse_shard(const std::string &spec, int *index, int *count, std::string *error) {
  const std::size_t slash = spec.find('/');
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no '/'");
    std::size_t used = 0;
    const std::string a = spec.substr(0, slash), b = spec.substr(slash + 1);
    const int i = std::stoi(a, &used);
    if (used != a.size()) throw std::invalid_argument("index");
    const int n = std::stoi(b, &used);
    if (used != b.size()) throw std::invalid_argument("count");
    if (n < 1 || i < 0 || i >= n) throw std::out_of_range("range");
    *index = i;
    *count = n;
    return true;
  } catch (const std::exception &) {
    if (error) *error = "--shard wants I/N with 0 <= I < N (e.g. 0/4), not '" + spec + "'";
    return false;
  }
}

std::vector<std::string> shard(const std::vector<std::string> &files, int index, int count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < files.size(); ++i)
    if (static_cast<int>(i % static_cast<std::size_t>(count)) == index) out.push_back(files[i]);
  return out;
}

}  // namespace ctcheck::cli
