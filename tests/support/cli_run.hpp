//! Runs the built `simbook` binary as a user would and captures its exit status, stdout and stderr.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace simbook::testing {

struct CliRun {
    int status; //!< exit status, -1 when the process did not exit normally
    std::string out;
    std::string err;
};

//! `binary args` through the shell. stderr goes to a file unique to this process and call, so tests that
//! CTest runs in parallel never read each other's output.
inline CliRun RunCli(const std::string& binary, const std::string& args) {
    static int calls = 0;
    const std::string err_path =
        ::testing::TempDir() + "simbook_cli_" + std::to_string(::getpid()) + "_" + std::to_string(++calls) + ".stderr";
    const std::string command = binary + " " + args + " 2>" + err_path;
    CliRun run{};
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    while (pipe != nullptr && std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
        run.out += buffer.data();
    }
    const int raw = pipe != nullptr ? pclose(pipe) : -1;
    run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    if (FILE* err = std::fopen(err_path.c_str(), "r")) {
        while (std::fgets(buffer.data(), buffer.size(), err) != nullptr) {
            run.err += buffer.data();
        }
        std::fclose(err);
    }
    std::remove(err_path.c_str());
    return run;
}

} // namespace simbook::testing
