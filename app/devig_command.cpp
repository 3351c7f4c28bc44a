#include "app/devig_command.hpp"

namespace simbook::app {

void RegisterDevigCommand(CLI::App& app, int* exit_code) {
    auto* command = app.add_subcommand("devig", "Remove the margin from quoted odds");
    command->callback([exit_code] { *exit_code = 1; });
}

} // namespace simbook::app
