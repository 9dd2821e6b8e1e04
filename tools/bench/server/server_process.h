// pathways-server as a child process on a free port: started, timed until it prints
// "listening on http://HOST:PORT", signalled, reaped. Used by the load generator and by the
// server suite's crash test.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace pathways::bench {

class ServerProcess {
 public:
  // Runs `binary` with `args` (add "--port 0"), stdout read for the listening line, stderr to
  // `stderr_path` (empty: /dev/null). Throws std::runtime_error when it does not come up
  // within `timeout_seconds`.
  ServerProcess(const std::string& binary, const std::vector<std::string>& args, const std::string& stderr_path = "",
                int timeout_seconds = 120);
  ~ServerProcess();  // SIGKILL if still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // From fork to the listening line.
  double seconds_to_listen() const { return seconds_to_listen_; }
  // Resident memory now, in MiB (from /proc).
  double resident_mib() const;
  // Sends the signal and reaps the process; returns its wait status.
  int stop(int signal);

 private:
  pid_t pid_ = -1;
  int stdout_ = -1;
  int port_ = 0;
  double seconds_to_listen_ = 0;
};

}  // namespace pathways::bench
