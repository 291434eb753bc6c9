#pragma once

#include "frontend/ast.h"
#include "frontend/lexer.h"
#include "frontend/limits.h"

namespace ctcheck::frontend {

// Parses one loaded file. Syntax errors are recorded in `diags`; the returned
// AST holds every declaration that parsed. Nesting deeper than `max_nesting`
// (statements, expressions) is an error.
FileAst parse(int file, const SourceManager &sm, Diagnostics &diags, int max_nesting = Limits{}.max_nesting);

}  // namespace ctcheck::frontend
