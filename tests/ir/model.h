// Models for the IR tests, written in the modelling language and lowered by
// the front end: the passes are tested on what the lowering really produces.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "frontend/lower.h"

namespace ctcheck::testing {

inline std::unique_ptr<frontend::LoadedModel> lower_text(const std::string &text) {
  auto lm = std::make_unique<frontend::LoadedModel>();
  frontend::Diagnostics diags(lm->sources);
  frontend::FileReader reader = [&text](const std::string &path) -> std::optional<std::string> {
    if (path == "m.ct") return text;
    return std::nullopt;
  };
  if (!frontend::load_model("m.ct", reader, *lm, diags)) {
    std::ostringstream out;
    diags.print(out);
    ADD_FAILURE() << out.str();
    return nullptr;
  }
  return lm;
}

}  // namespace ctcheck::testing
