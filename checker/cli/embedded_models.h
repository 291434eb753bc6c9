// Generated at build time from spec/, encodings/ and cases/ (cmake/embed.cmake).
#pragma once

namespace ctcheck::cli {

struct EmbeddedFile {
  const char *path;  // null terminates the table
  const char *text;
};
const EmbeddedFile *embedded_files();

}  // namespace ctcheck::cli
