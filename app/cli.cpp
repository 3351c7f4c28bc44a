#include "app/cli.hpp"

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

namespace simbook::app {

void RegisterCommands(CLI::App& app, int* exit_code) {
    app.require_subcommand(1);
    // Options from a file, e.g. `simbook serve --config simbook.toml` with a [serve] section of
    // `option = value` lines (TOML or INI); options given on the command line win over the file.
    app.set_config("--config", "",
                   "read options from a TOML/INI file: a [serve] (or other command) section of "
                   "'long-option = value' lines; command-line options win");
    app.fallthrough(); // --config may follow the command name
    RegisterSimulateCommand(app, exit_code);
    RegisterPriceCommand(app, exit_code);
    RegisterDevigCommand(app, exit_code);
    RegisterFitCommand(app, exit_code);
    RegisterEvaluateCommand(app, exit_code);
    RegisterServeCommand(app, exit_code);
    RegisterFuturesCommand(app, exit_code);
    RegisterWhatIfCommand(app, exit_code);
    RegisterReplayCommand(app, exit_code);
    RegisterProjectCommand(app, exit_code);
    RegisterLineupCommand(app, exit_code);
}

} // namespace simbook::app
