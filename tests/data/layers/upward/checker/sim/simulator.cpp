// The simulator must not parse: frontend is on its own layer.
#include "frontend/parser.h"
#include "ir/expr.h"
