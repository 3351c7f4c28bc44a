// simbook: the one command-line executable.
#include "app/cli.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <stdexcept>

int main(int argc, char** argv) {
    CLI::App app{"simbook: Monte Carlo sports simulation and betting odds"};
    int exit_code = 0;
    simbook::app::RegisterCommands(app, &exit_code);
    // CLI11 converts some option values (a flag's value, e.g. `no-demo = 99999999999999999999` in a config file)
    // with std::stoll, whose out_of_range or invalid_argument escapes as such: before every option has been read,
    // that is the user's input, not an internal error.
    bool options_read = false;
    app.parse_complete_callback([&options_read] { options_read = true; });
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "simbook: error: " << e.what() << "\n";
        return 2;
    } catch (const std::logic_error& e) {
        if (!options_read && (dynamic_cast<const std::out_of_range*>(&e) != nullptr ||
                              dynamic_cast<const std::invalid_argument*>(&e) != nullptr)) {
            std::cerr << "simbook: error: an option's value (on the command line or in --config) is not a number "
                         "in range\n";
            return 2;
        }
        std::cerr << "simbook: internal error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "simbook: internal error: " << e.what() << "\n";
        return 1;
    }
    return exit_code;
}
