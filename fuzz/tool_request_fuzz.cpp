// The bodies of the tool routes, each read by its layer's JSON entry point exactly as the route calls it
// (api::ParseBody, then the layer's request function): POST /v1/whatif, /v1/momentum, /v1/futures,
// /v1/fantasy/projections and /v1/fantasy/lineups. A body that passes every check runs its simulation, so the
// contexts are the server's with small limits (16 what-if paths, 4 seasons, 100 fantasy paths) and the fitted
// models are cut down to a few teams once, at start: a run costs little and a file read costs little.
//
// Input: byte 0 picks the route, the rest is the body. A finding: a crash, a sanitizer report or an exception
// other than the API's errors (the catch point would answer it with a 500).
#include "api/errors.hpp"
#include "api/request_reader.hpp"
#include "fantasy/fantasy_api.hpp"
#include "futures/futures_api.hpp"
#include "fuzz/fuzz_support.hpp"
#include "whatif/whatif_api.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <set>
#include <string>

namespace {

using namespace simbook;
using nlohmann::json;

struct Fixture {
    fuzz::ScratchDir scratch;
    whatif::WhatIfContext whatif;
    futures::FuturesContext futures;
    fantasy::FantasyContext fantasy;
};

Fixture* fixture = nullptr;

json ReadJson(const std::string& path) {
    std::ifstream in(path);
    json file = json::parse(in, nullptr, false);
    if (file.is_discarded()) {
        fuzz::Finding("cannot read " + path);
    }
    return file;
}

//! The committed fitted models with only a few teams (same fields, same values), so that loading one per request
//! stays cheap.
std::string SmallParamsDir(const fuzz::ScratchDir& scratch) {
    const std::string source = SIMBOOK_FUZZ_PARAMS_DIR;
    const std::set<std::string> soccer_teams{"Arsenal", "Chelsea", "Liverpool", "Everton"};
    json soccer = ReadJson(source + "/soccer/premier-league.json");
    json kept = json::array();
    for (const json& team : soccer["teams"]) {
        if (soccer_teams.count(team.value("name", "")) != 0) {
            kept.push_back(team);
        }
    }
    soccer["teams"] = kept;
    soccer.erase("match_probabilities");
    scratch.Write("params/soccer/premier-league.json", soccer.dump());
    const std::set<std::string> nba_teams{"BOS", "DAL", "LAL", "DEN"};
    json nba = ReadJson(source + "/nba/2023-24.json");
    json teams = json::object();
    for (const auto& [code, team] : nba["teams"].items()) {
        if (nba_teams.count(code) != 0) {
            teams[code] = team;
        }
    }
    nba["teams"] = teams;
    scratch.Write("params/nba/2023-24.json", nba.dump());
    return scratch.Path() + "/params";
}

template <typename Context>
void Run(const std::string& body, const Context& context, Result<json> (*request)(const json&, const Context&)) {
    try {
        (void)request(api::ParseBody(body), context);
    } catch (const api::ApiError&) {
        // the route's 4xx answer
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fixture = new Fixture;
    const std::string params = SmallParamsDir(fixture->scratch);
    fixture->whatif.params_dir = params;
    fixture->whatif.launch = {kernels::Backend::kCpu, 1};
    fixture->whatif.max_paths = 16;
    fixture->whatif.max_total_paths = 64;
    fixture->futures.params_dir = params;
    fixture->futures.data_dir = fixture->scratch.Path() + "/data"; // no data: a season from data is refused
    fixture->futures.threads = 1;
    fixture->futures.max_seasons = 4;
    fixture->futures.backend = kernels::Backend::kCpu;
    fixture->fantasy.params_dir = params;
    fixture->fantasy.extra_rates_file = fantasy::DefaultExtraRatesFile();
    fixture->fantasy.default_sims = 100;
    fixture->fantasy.max_sims = 100;
    fixture->fantasy.threads = 1;
    fixture->fantasy.backend = kernels::Backend::kCpu;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) {
        return 0;
    }
    const std::string body = fuzz::Text(data + 1, size - 1);
    switch (data[0] % 5) {
    case 0:
        Run(body, fixture->whatif, &whatif::WhatIfRequest);
        break;
    case 1:
        Run(body, fixture->whatif, &whatif::MomentumRequest);
        break;
    case 2:
        Run(body, fixture->futures, &futures::FuturesRequest);
        break;
    case 3:
        Run(body, fixture->fantasy, &fantasy::ProjectionsRequest);
        break;
    default:
        Run(body, fixture->fantasy, &fantasy::LineupsRequest);
        break;
    }
    return 0;
}
