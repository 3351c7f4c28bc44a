#include "app/devig_command.hpp"

#include "app/game_setup.hpp"

#include "odds/formats.hpp"
#include "odds/margin.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace simbook::app {
namespace {

struct DevigOptions {
    std::string odds;
    std::string odds_format = "decimal";
    std::string method = "multiplicative";
    bool json = false;
};

//! The name of a margin method's parameter.
const char* ParameterName(odds::MarginMethod method) {
    switch (method) {
    case odds::MarginMethod::kMultiplicative:
        return "factor";
    case odds::MarginMethod::kAdditive:
        return "shift";
    case odds::MarginMethod::kPower:
        return "k";
    case odds::MarginMethod::kShin:
        return "z";
    case odds::MarginMethod::kOddsRatio:
        return "c";
    }
    return "parameter";
}

int RunDevig(const DevigOptions& o) {
    const auto format = odds::ParseOddsFormat(o.odds_format);
    if (!format.ok()) {
        return Fail("--odds-format: " + format.status().message());
    }
    const auto method = odds::ParseMarginMethod(o.method);
    if (!method.ok()) {
        return Fail("--method: " + method.status().message());
    }
    std::vector<double> decimal_odds;
    std::size_t start = 0;
    while (start <= o.odds.size()) {
        const std::size_t end = std::min(o.odds.find(',', start), o.odds.size());
        const std::string item = o.odds.substr(start, end - start);
        const auto price = odds::ParseOdds(item, *format);
        if (!price.ok()) {
            return Fail("--odds: '" + item + "': " + price.status().message());
        }
        decimal_odds.push_back(*price);
        start = end + 1;
    }
    if (decimal_odds.size() < 2) {
        return Fail("--odds: '" + o.odds + "': need at least two prices, comma-separated");
    }
    const auto book = odds::RemoveMargin(decimal_odds, *method);
    if (!book.ok()) {
        return Fail("--odds: '" + o.odds + "': " + book.status().message());
    }
    if (o.json) {
        nlohmann::json out;
        out["method"] = odds::ToString(*method);
        out["decimal_odds"] = decimal_odds;
        out["overround"] = book->overround;
        out["probabilities"] = book->probabilities;
        std::vector<double> fair;
        for (const double p : book->probabilities) {
            fair.push_back(1.0 / p);
        }
        out["fair_decimal_odds"] = fair;
        out["parameter"] = {{"name", ParameterName(*method)}, {"value", book->parameter}};
        std::cout << out.dump() << "\n";
        return 0;
    }
    std::printf("method %s, overround %.4f%%, %s = %.10g\n", std::string(odds::ToString(*method)).c_str(),
                100.0 * book->overround, ParameterName(*method), book->parameter);
    std::printf("%10s %14s %12s\n", "odds", "probability", "fair odds");
    for (std::size_t i = 0; i < decimal_odds.size(); ++i) {
        std::printf("%10.4f %14.10f %12.4f\n", decimal_odds[i], book->probabilities[i], 1.0 / book->probabilities[i]);
    }
    return 0;
}

} // namespace

void RegisterDevigCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<DevigOptions>();
    CLI::App* command = app.add_subcommand("devig", "remove the margin from quoted odds: fair probabilities");
    command->add_option("--odds", options->odds, "quoted prices of one market, comma-separated, e.g. 2.6,2.4,4.3")
        ->required();
    command
        ->add_option("--odds-format", options->odds_format,
                     "format of --odds: decimal, american, fractional, probability")
        ->capture_default_str();
    command->add_option("--method", options->method, "multiplicative, additive, power, shin or odds-ratio")
        ->capture_default_str();
    command->add_flag("--json", options->json, "print one JSON object");
    command->callback([options, exit_code] { *exit_code = RunDevig(*options); });
}

} // namespace simbook::app
