// The config file of `simbook <command> --config FILE` (CLI11's TOML/INI reader on the commands' own options,
// app::RegisterCommands as main.cpp sets them up), read from a scratch file as the CLI reads it. The commands'
// callbacks never run: the harness stops after parsing, so a valid file runs nothing.
//
// Input: byte 0 picks the command named on the command line, the rest is the file. A finding: a crash, a
// sanitizer report, or an exception that is not CLI11's (main.cpp would print "internal error").
#include "app/cli.hpp"
#include "fuzz/fuzz_support.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>

namespace {

simbook::fuzz::ScratchDir* scratch = nullptr;

struct Parsed {};

//! The command line, built once (RegisterCommands adds hundreds of options: building it per input ran at 54
//! inputs/s) and cleared before each parse.
struct Cli {
    CLI::App app{"simbook"};
    int exit_code = 0;
};
Cli* cli = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    scratch = new simbook::fuzz::ScratchDir;
    cli = new Cli;
    simbook::app::RegisterCommands(cli->app, &cli->exit_code);
    // The app's own parse-complete callback runs after every option is parsed and checked and before any
    // command's callback: stop there, so a valid file runs nothing. (Clearing the commands' callbacks would
    // free the option values their lambdas own.)
    cli->app.parse_complete_callback([] { throw Parsed{}; });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::array<const char*, 12> kCommands{"serve",  "simulate", "price",   "devig",
                                                       "fit",    "evaluate", "futures", "whatif",
                                                       "replay", "project",  "lineup",  "momentum"};
    if (size < 1) {
        return 0;
    }
    const std::string path = scratch->Write("simbook.toml", simbook::fuzz::Text(data + 1, size - 1));
    CLI::App& app = cli->app;
    app.clear();
    std::string program = "simbook";
    std::string command = kCommands[data[0] % kCommands.size()];
    std::string flag = "--config";
    std::string file = path;
    std::array<char*, 4> argv{program.data(), command.data(), flag.data(), file.data()};
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const Parsed&) {
        // a valid file
    } catch (const CLI::Error&) {
        // main.cpp's "simbook: error: ..." (exit code 2)
    } catch (const std::out_of_range&) {
        // main.cpp's "an option's value is not a number in range" (exit code 2): CLI11's stoll on a flag's value
    } catch (const std::invalid_argument&) {
        // the same
    } catch (const std::exception& e) {
        simbook::fuzz::Finding(std::string("internal error from a config file: ") + e.what());
    }
    return 0;
}
