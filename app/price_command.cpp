#include "app/price_command.hpp"

namespace simbook::app {

void RegisterPriceCommand(CLI::App& app, int* exit_code) {
    auto* command = app.add_subcommand("price", "Price markets from a simulated game");
    command->callback([exit_code] { *exit_code = 1; });
}

} // namespace simbook::app
