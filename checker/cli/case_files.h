// Which files a corpus command looks at: every .ct file below a directory,
// sorted (the order shards are cut from), and the files of one shard.
#pragma once

#include <string>
#include <vector>

namespace ctcheck::cli {

// Every .ct file below `dir`, sorted.
std::vector<std::string> ct_files(const std::string &dir);

// "I/N" with 0 <= I < N; false (and *error) when malformed.
bool parse_shard(const std::string &spec, int *index, int *count, std::string *error);
// The files of shard I of N: index % N == I over the sorted list.
std::vector<std::string> shard(const std::vector<std::string> &files, int index, int count);

}  // namespace ctcheck::cli
