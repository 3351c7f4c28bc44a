#include "engine/baseball/game.hpp"

#include "engine/baseball/kernel_params.hpp"
#include "engine/state_fields.hpp"
#include "kernels/baseball/launch.hpp"
#include "models/baseball_fitted.hpp"
#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace simbook::engine {

namespace kbb = kernels::baseball;
using state_fields::IntField;
using state_fields::OutOfOrder;

namespace {

// "starter" -> true, "bullpen" -> false; fallback when absent.
Result<bool> PitcherField(const nlohmann::json& json, const char* name) {
    const auto it = json.find(name);
    if (it == json.end() || it->is_null()) {
        return true;
    }
    if (it->is_string() && (*it == "starter" || *it == "bullpen")) {
        return *it == "starter";
    }
    return InvalidArgument(std::string("state.") + name, it->dump() + " is not \"starter\" or \"bullpen\"");
}

Result<int> BasesField(const nlohmann::json& json) {
    const auto it = json.find("bases");
    if (it == json.end() || it->is_null()) {
        return 0;
    }
    if (!it->is_array() || it->size() > 3) {
        return InvalidArgument("state.bases", it->dump() + " is not a list of occupied bases such as [1, 3]");
    }
    int mask = 0;
    for (const nlohmann::json& base : *it) {
        if (!base.is_number_integer() || base.get<long long>() < 1 || base.get<long long>() > 3) {
            return InvalidArgument("state.bases", base.dump() + " is not a base (1, 2 or 3)");
        }
        const int bit = 1 << (base.get<int>() - 1);
        if ((mask & bit) != 0) {
            return InvalidArgument("state.bases", base.dump() + " is listed twice");
        }
        mask |= bit;
    }
    return mask;
}

// Half-innings begun before the state's: 0 at the top of the 1st.
int HalfInnings(const kbb::BaseballState& s) {
    return (s.inning - 1) * 2 + s.bottom;
}

} // namespace

kbb::BaseballState BaseballFirstPitch() {
    return kbb::BaseballState{};
}

Result<kbb::BaseballState> ParseBaseballState(const nlohmann::json& json) {
    if (!json.is_object()) {
        return InvalidArgument("state", "expected a JSON object");
    }
    if (Status s = models::CheckKnownFields(
            json, {"inning", "half", "outs", "bases", "home", "away", "home_pitcher", "away_pitcher"}, "state");
        !s.ok()) {
        return s;
    }
    SIMBOOK_ASSIGN_OR_RETURN(inning, IntField(json, "inning", 1, 1, kbb::kMaxInnings));
    SIMBOOK_ASSIGN_OR_RETURN(half, models::StringField(json, "half", std::string("top"), "state"));
    if (half != "top" && half != "bottom") {
        return InvalidArgument("state.half", "'" + half + "' is not \"top\" or \"bottom\"");
    }
    SIMBOOK_ASSIGN_OR_RETURN(outs, IntField(json, "outs", 0, 0, 2));
    SIMBOOK_ASSIGN_OR_RETURN(bases, BasesField(json));
    SIMBOOK_ASSIGN_OR_RETURN(home, IntField(json, "home", 0, 0, 40));
    SIMBOOK_ASSIGN_OR_RETURN(away, IntField(json, "away", 0, 0, 40));
    SIMBOOK_ASSIGN_OR_RETURN(home_starter, PitcherField(json, "home_pitcher"));
    SIMBOOK_ASSIGN_OR_RETURN(away_starter, PitcherField(json, "away_pitcher"));
    BaseballState state;
    state.inning = inning;
    state.bottom = half == "bottom";
    state.outs = outs;
    state.bases = bases;
    state.home_runs = home;
    state.away_runs = away;
    state.home_starter_in = home_starter;
    state.away_starter_in = away_starter;
    Result<kbb::BaseballState> k = MakeBaseballKernelState(state);
    if (!k.ok()) {
        return Status(k.status().code(), "state." + k.status().message());
    }
    return k.value();
}

nlohmann::json BaseballStateJson(const kbb::BaseballState& s) {
    nlohmann::json bases = nlohmann::json::array();
    for (int b = 0; b < 3; ++b) {
        if ((s.bases >> b & 1) != 0) {
            bases.push_back(b + 1);
        }
    }
    return {{"inning", s.inning},
            {"half", s.bottom != 0 ? "bottom" : "top"},
            {"outs", s.outs},
            {"bases", bases},
            {"home", s.score[0]},
            {"away", s.score[1]},
            {"home_pitcher", s.starter_in[0] != 0 ? "starter" : "bullpen"},
            {"away_pitcher", s.starter_in[1] != 0 ? "starter" : "bullpen"}};
}

int BaseballOutsMade(const kbb::BaseballState& s) {
    return HalfInnings(s) * 3 + s.outs;
}

Status RunKernel(const BaseballGame& game, std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                 BaseballGame::Outcome* out, const kernels::LaunchConfig& launch) {
    return kernels::RunBaseball(game.params, game.state, seed, first_path, count, out, launch);
}

int ElapsedSeconds(const BaseballGame& game) {
    return BaseballOutsMade(game.state) * kSecondsPerOut;
}

bool AtStart(const BaseballGame& game) {
    const kbb::BaseballState& s = game.state;
    return s.inning == 1 && s.bottom == 0 && s.outs == 0 && s.bases == 0 && s.score[0] == 0 && s.score[1] == 0;
}

Status SetState(BaseballGame& game, const nlohmann::json& state) {
    if (state.is_null()) {
        game.state = BaseballFirstPitch();
        return Status::Ok();
    }
    Result<kbb::BaseballState> parsed = ParseBaseballState(state);
    if (!parsed.ok()) {
        return parsed.status();
    }
    game.state = parsed.value();
    return Status::Ok();
}

Result<std::vector<KeyEvent>> Advance(BaseballGame& game, const nlohmann::json& state) {
    auto parsed = ParseBaseballState(state);
    if (!parsed.ok()) {
        return parsed.status();
    }
    const kbb::BaseballState& now = parsed.value();
    const kbb::BaseballState& was = game.state;
    if (now.score[0] < was.score[0] || now.score[1] < was.score[1]) {
        return OutOfOrder("home", "the score cannot go down");
    }
    if (BaseballOutsMade(now) < BaseballOutsMade(was)) {
        return OutOfOrder("inning", "the game cannot go back to an earlier half-inning or fewer outs");
    }
    if ((now.starter_in[0] != 0 && was.starter_in[0] == 0) || (now.starter_in[1] != 0 && was.starter_in[1] == 0)) {
        return OutOfOrder("home_pitcher", "a starter who has left cannot come back");
    }
    std::vector<KeyEvent> events;
    if (now.score[0] != was.score[0] || now.score[1] != was.score[1]) {
        events.push_back({"run", -1});
    }
    if (now.starter_in[0] != was.starter_in[0] || now.starter_in[1] != was.starter_in[1]) {
        events.push_back({"pitching_change", -1});
    }
    game.state = now;
    return events;
}

Result<models::BaseballModel> LoadModel(std::type_identity<BaseballGame>, const GameSource& source,
                                        const FieldNames& field) {
    if (source.home_xg || source.away_xg) {
        return InvalidArgument(field("home_xg"), "applies to soccer only");
    }
    models::BaseballModel model = models::ExampleBaseballModel();
    if (!source.league.empty()) {
        if (source.league != "mlb") {
            return InvalidArgument(field("league"), "'" + source.league + "' is not a baseball league (mlb)");
        }
        Result<models::BaseballModel> match =
            models::FittedMlbMatch(source.params_dir, source.home_team, source.away_team);
        if (!match.ok()) {
            return FittedError(match.status(), field);
        }
        model = match.value();
    }
    if (source.model) {
        Result<models::BaseballModel> parsed = models::BaseballModelFromJson(*source.model);
        if (!parsed.ok()) {
            return ModelError(parsed.status(), field);
        }
        model = parsed.value();
    }
    return model;
}

Result<BaseballGame> StartGame(const models::BaseballModel& model) {
    Result<kbb::BaseballParams> params = MakeBaseballKernelParams(model);
    if (!params.ok()) {
        return params.status();
    }
    return BaseballGame{params.value(), BaseballFirstPitch(), model};
}

std::array<std::string, 2> TeamNames(const models::BaseballModel& model, const std::string& home_team,
                                     const std::string& away_team) {
    const std::string home = model.home.name.empty() ? home_team : model.home.name;
    const std::string away = model.away.name.empty() ? away_team : model.away.name;
    return {home.empty() ? "home" : home, away.empty() ? "away" : away};
}

BaseballExact ExactGame(const BaseballGame& game) {
    Result<BaseballExact> exact = ExactBaseball(game.model, ExactBaseballState(game.state), BaseballGame::kScoreDim);
    SIMBOOK_REQUIRE(exact.ok(), "ExactGame: " + exact.status().message());
    return std::move(exact).value();
}

ScoreDistribution ExactFinalScore(const BaseballGame& game) {
    return ExactGame(game).final_score;
}

ExactLines ExactMainLines(const BaseballGame& game) {
    return LinesOf(ExactFinalScore(game));
}

} // namespace simbook::engine
