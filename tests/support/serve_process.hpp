//! A `simbook serve` child process: its stdout read line by line, its port and demo keys from what it prints.
#pragma once

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <map>
#include <regex>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace simbook::testing {

//! `binary serve args...` with stdout on a pipe; killed (SIGKILL) when destroyed unless stopped first.
class ServeProcess {
public:
    ServeProcess(const std::string& binary, const std::vector<std::string>& args) {
        int fds[2];
        if (pipe(fds) != 0) {
            return;
        }
        pid_ = fork();
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            std::vector<char*> argv{const_cast<char*>(binary.c_str()), const_cast<char*>("serve")};
            for (const std::string& a : args) {
                argv.push_back(const_cast<char*>(a.c_str()));
            }
            argv.push_back(nullptr);
            execv(binary.c_str(), argv.data());
            _exit(127);
        }
        close(fds[1]);
        if (pid_ < 0) {
            close(fds[0]);
            return;
        }
        out_ = fdopen(fds[0], "r");
    }
    ~ServeProcess() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (out_ != nullptr) {
            fclose(out_);
        }
    }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    //! The child's process id (-1 when it could not be started or was stopped).
    pid_t Pid() const { return pid_; }
    //! Reads stdout until a line matches; returns the line (empty at end of output).
    std::string WaitFor(const std::regex& pattern) {
        std::string line;
        while (ReadLine(&line)) {
            if (std::regex_search(line, pattern)) {
                return line;
            }
        }
        return "";
    }
    //! Reads the next line of stdout (kept in Printed()); false at end of output.
    bool ReadLine(std::string* line) {
        char buffer[4096];
        if (out_ == nullptr || std::fgets(buffer, sizeof(buffer), out_) == nullptr) {
            return false;
        }
        *line = buffer;
        printed_ += buffer;
        return true;
    }
    //! Sends a signal and returns the exit status (-1 when killed by a signal).
    int Stop(int signal) {
        kill(pid_, signal);
        int raw = 0;
        waitpid(pid_, &raw, 0);
        pid_ = -1;
        return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    }
    //! Everything read from stdout so far.
    const std::string& Printed() const { return printed_; }

private:
    pid_t pid_ = -1;
    FILE* out_ = nullptr;
    std::string printed_;
};

//! The port of serve's "listening on http://ADDRESS:PORT ..." line (0 when the line has none).
inline std::uint16_t PortOf(const std::string& listening_line) {
    std::smatch m;
    std::regex_search(listening_line, m, std::regex(":([0-9]+) "));
    return m.size() > 1 ? static_cast<std::uint16_t>(std::stoi(m[1])) : 0;
}

//! The last word of a line: the key of a "demo key (ROLE): KEY" line.
inline std::string KeyOf(const std::string& line) {
    return line.substr(line.rfind(' ') + 1, line.find_last_not_of("\r\n") - line.rfind(' '));
}

//! The id of a "demo event: ID  (...)" line.
inline std::string EventIdOf(const std::string& line) {
    return line.substr(12, line.find(' ', 12) - 12);
}

//! Where a started server listens and its demo keys by role name ("sportsbook", "fantasy", "trader", "admin").
struct ServeStarted {
    std::uint16_t port = 0; //!< 0 when the server never said it was listening
    std::map<std::string, std::string> keys;
};

//! Reads the listening line and the four demo keys that `simbook serve` prints at start (no keys file).
inline ServeStarted ReadStartup(ServeProcess& serve) {
    ServeStarted started;
    started.port = PortOf(serve.WaitFor(std::regex("listening on")));
    const std::regex demo_key(R"(demo key \((\w+)\): )");
    std::string line;
    while (started.port != 0 && started.keys.size() < 4 && serve.ReadLine(&line)) {
        std::smatch m;
        if (std::regex_search(line, m, demo_key)) {
            started.keys[m[1]] = KeyOf(line);
        }
    }
    return started;
}

} // namespace simbook::testing
