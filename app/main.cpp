// simbook: the one command-line executable.
#include "app/devig_command.hpp"
#include "app/evaluate_command.hpp"
#include "app/fit_command.hpp"
#include "app/futures_command.hpp"
#include "app/lineup_command.hpp"
#include "app/price_command.hpp"
#include "app/project_command.hpp"
#include "app/replay_command.hpp"
#include "app/serve_command.hpp"
#include "app/simulate_command.hpp"
#include "app/whatif_command.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"simbook: Monte Carlo sports simulation and betting odds"};
    app.require_subcommand(1);
    // Options from a file, e.g. `simbook serve --config simbook.toml` with a [serve] section of
    // `option = value` lines (TOML or INI); options given on the command line win over the file.
    app.set_config("--config", "",
                   "read options from a TOML/INI file: a [serve] (or other command) section of "
                   "'long-option = value' lines; command-line options win");
    app.fallthrough(); // --config may follow the command name
    int exit_code = 0;
    simbook::app::RegisterSimulateCommand(app, &exit_code);
    simbook::app::RegisterPriceCommand(app, &exit_code);
    simbook::app::RegisterDevigCommand(app, &exit_code);
    simbook::app::RegisterFitCommand(app, &exit_code);
    simbook::app::RegisterEvaluateCommand(app, &exit_code);
    simbook::app::RegisterServeCommand(app, &exit_code);
    simbook::app::RegisterFuturesCommand(app, &exit_code);
    simbook::app::RegisterWhatIfCommand(app, &exit_code);
    simbook::app::RegisterReplayCommand(app, &exit_code);
    simbook::app::RegisterProjectCommand(app, &exit_code);
    simbook::app::RegisterLineupCommand(app, &exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "simbook: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "simbook: internal error: " << e.what() << "\n";
        return 1;
    }
    return exit_code;
}
