// The kinds of path `ctcheck cost` reports (docs/cost.md defines each).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace ctcheck::cost {

enum class PathKind {
  Syscall,           // the task: from the step that leaves user mode to the one that returns to it
  ExitToUserNoWork,  // the part of a syscall after the system call body, no schedule() on it
  ExitToUserWork,    // the same with exit work (at least one schedule())
  IrqFromUser,
  IrqFromKernel,
  IrqFromIdle,
  NmiFromUser,
  NmiFromKernel,
  NmiFromIdle,
  ExceptionFromUser,
  ExceptionFromKernel,
  ExceptionFromIdle,
};
inline constexpr std::array<PathKind, 12> kAllPathKinds = {
    PathKind::Syscall,           PathKind::ExitToUserNoWork,    PathKind::ExitToUserWork,
    PathKind::IrqFromUser,       PathKind::IrqFromKernel,       PathKind::IrqFromIdle,
    PathKind::NmiFromUser,       PathKind::NmiFromKernel,       PathKind::NmiFromIdle,
    PathKind::ExceptionFromUser, PathKind::ExceptionFromKernel, PathKind::ExceptionFromIdle};

// "syscall", "irq_from_user", ... (JSON, CSV, options).
std::string_view path_kind_id(PathKind k);
// "IRQ from user", ... (text and SVG).
std::string_view path_kind_title(PathKind k);
std::optional<PathKind> path_kind_by_id(std::string_view id);

}  // namespace ctcheck::cost
