#include "cli/interrupt.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace ctcheck::cli::interrupt {

namespace {

std::atomic<int> received{0};
std::atomic<bool> graceful{false};

std::shared_ptr<engines::StopSource> &source() {
  static std::shared_ptr<engines::StopSource> s = std::make_shared<engines::StopSource>();
  return s;
}

void say(const char *text) {
  const ssize_t ignored = ::write(STDERR_FILENO, text, std::strlen(text));
  (void)ignored;
}

}  // namespace

void install() {
  sigset_t set;
  sigemptyset(&set);
  // A signal the parent ignores stays ignored (a background job of a
  // non-interactive shell ignores SIGINT, as nohup does SIGHUP).
  for (int sig : {SIGINT, SIGTERM}) {
    struct sigaction old {};
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler != SIG_IGN) sigaddset(&set, sig);
  }
  if (sigisemptyset(&set)) return;
  if (pthread_sigmask(SIG_BLOCK, &set, nullptr) != 0) return;  // signals keep their default action
  std::shared_ptr<engines::StopSource> stop = source();
  std::thread([set, stop] {
    for (;;) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (!graceful.load()) std::_Exit(128 + sig);  // nothing to report: die as the signal would
      if (received.load() != 0) {
        say("\nctcheck: interrupted again: exiting now\n");
        std::_Exit(128 + received.load());
      }
      received.store(sig);
      say(sig == SIGINT
              ? "\nctcheck: interrupted (SIGINT): stopping; what is decided so far will be reported\n"
              : "\nctcheck: terminated (SIGTERM): stopping; what is decided so far will be reported\n");
      stop->request_stop();
    }
  }).detach();
}

void stop_gracefully() { graceful.store(true); }

std::shared_ptr<engines::StopSource> stop_source() { return source(); }

int signal_received() { return received.load(); }

int exit_code() { return 128 + received.load(); }

std::string incomplete_note() {
  return std::string("INCOMPLETE: interrupted by ") + (received.load() == SIGTERM ? "SIGTERM" : "SIGINT") +
         "; properties not decided are unknown (interrupted)";
}

}  // namespace ctcheck::cli::interrupt
