// The fitted-model and model files, each read from a scratch folder by the function the server or CLI calls: a
// soccer league's Dixon-Coles fit (models::FittedSoccerMatch, <params>/soccer/<league>.json), the NBA fit
// (models::FittedNbaMatch, <params>/nba/2023-24.json), a model given with `simbook simulate --params FILE`
// (app::PrepareGame, soccer and basketball), the fantasy rates file (fantasy::LoadExtraRates) and a slate file
// (fantasy::LoadSlate).
//
// Input: byte 0 picks the file, the rest is its text. A finding: a crash, a sanitizer report or an exception
// (the loaders answer bad files with a Status).
#include "app/game_setup.hpp"
#include "fantasy/extra_stats.hpp"
#include "fantasy/projection.hpp"
#include "fuzz/fuzz_support.hpp"
#include "models/fitted.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace simbook;

fuzz::ScratchDir* scratch = nullptr;

void Simulate(const char* sport, const std::string& params_file) {
    app::SimulateOptions options;
    options.sport = sport;
    options.params_file = params_file;
    options.params_dir = scratch->Path();
    (void)app::PrepareGame(options);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    scratch = new fuzz::ScratchDir;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) {
        return 0;
    }
    const std::string text = fuzz::Text(data + 1, size - 1);
    switch (data[0] % 6) {
    case 0:
        scratch->Write("soccer/fuzzed.json", text);
        (void)models::FittedSoccerMatch(scratch->Path(), "fuzzed", "Arsenal", "Chelsea", (data[0] & 0x80) != 0);
        break;
    case 1:
        scratch->Write("nba/2023-24.json", text);
        (void)models::FittedNbaMatch(scratch->Path(), "BOS", "DAL");
        break;
    case 2:
        Simulate("soccer", scratch->Write("model.json", text));
        break;
    case 3:
        Simulate("basketball", scratch->Write("model.json", text));
        break;
    case 4:
        (void)fantasy::LoadExtraRates(scratch->Write("rates.json", text));
        break;
    default:
        (void)fantasy::LoadSlate(scratch->Write("slate.json", text));
        break;
    }
    return 0;
}
