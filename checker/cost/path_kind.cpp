#include "cost/path_kind.h"

namespace ctcheck::cost {

std::string_view path_kind_id(PathKind k) {
  switch (k) {
    case PathKind::Syscall:
      return "syscall";
    case PathKind::ExitToUserNoWork:
      return "exit_to_user";
    case PathKind::ExitToUserWork:
      return "exit_to_user_work";
    case PathKind::IrqFromUser:
      return "irq_from_user";
    case PathKind::IrqFromKernel:
      return "irq_from_kernel";
    case PathKind::IrqFromIdle:
      return "irq_from_idle";
    case PathKind::NmiFromUser:
      return "nmi_from_user";
    case PathKind::NmiFromKernel:
      return "nmi_from_kernel";
    case PathKind::NmiFromIdle:
      return "nmi_from_idle";
    case PathKind::ExceptionFromUser:
      return "exception_from_user";
    case PathKind::ExceptionFromKernel:
      return "exception_from_kernel";
    case PathKind::ExceptionFromIdle:
      return "exception_from_idle";
  }
  return "?";
}

std::string_view path_kind_title(PathKind k) {
  switch (k) {
    case PathKind::Syscall:
      return "syscall";
    case PathKind::ExitToUserNoWork:
      return "exit to user, no work";
    case PathKind::ExitToUserWork:
      return "exit to user, with work";
    case PathKind::IrqFromUser:
      return "IRQ from user";
    case PathKind::IrqFromKernel:
      return "IRQ from kernel";
    case PathKind::IrqFromIdle:
      return "IRQ from idle";
    case PathKind::NmiFromUser:
      return "NMI from user";
    case PathKind::NmiFromKernel:
      return "NMI from kernel";
    case PathKind::NmiFromIdle:
      return "NMI from idle";
    case PathKind::ExceptionFromUser:
      return "exception from user";
    case PathKind::ExceptionFromKernel:
      return "exception from kernel";
    case PathKind::ExceptionFromIdle:
      return "exception from idle";
  }
  return "?";
}

std::optional<PathKind> path_kind_by_id(std::string_view id) {
  for (PathKind k : kAllPathKinds)
    if (path_kind_id(k) == id) return k;
  return std::nullopt;
}

}  // namespace ctcheck::cost
