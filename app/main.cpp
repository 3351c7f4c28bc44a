// simbook: the one command-line executable.
#include "app/cli.hpp"

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"simbook: Monte Carlo sports simulation and betting odds"};
    int exit_code = 0;
    simbook::app::RegisterCommands(app, &exit_code);
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
