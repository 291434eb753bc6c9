#pragma once

#include "frontend/ast.h"
#include "frontend/lexer.h"

namespace ctcheck::frontend {

// Parses one loaded file. Syntax errors are recorded in `diags`; the returned
// AST holds every declaration that parsed.
FileAst parse(int file, const SourceManager &sm, Diagnostics &diags);

}  // namespace ctcheck::frontend
