#include "engine/football/game.hpp"

#include "engine/state_fields.hpp"
#include "kernels/football/launch.hpp"
#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace simbook::engine {

namespace kf = kernels::football;
using state_fields::IntField;
using state_fields::OutOfOrder;
using state_fields::TeamField;

namespace {

constexpr double kFootballTwo32 = 4294967296.0;

//! Drive-end probabilities of cumulative thresholds (as the kernel draws them).
models::DriveEnds EndsOf(const std::uint32_t* thresholds) {
    models::DriveEnds e;
    double previous = 0.0;
    for (int k = 0; k < kf::kDriveEnds; ++k) {
        const double t = k + 1 < kf::kDriveEnds ? double(thresholds[k]) : kFootballTwo32;
        e.p[k] = (t - previous) / kFootballTwo32;
        previous = t;
    }
    return e;
}

//! Seconds of a clock field: "mm:ss" or whole seconds, within 0..900.
Result<int> ClockField(const nlohmann::json& json) {
    const auto it = json.find("clock");
    if (it == json.end() || it->is_null()) {
        return kFootballQuarterSeconds;
    }
    int seconds = -1;
    if (it->is_number_integer()) {
        const long long s = it->get<long long>();
        seconds = s < 0 || s > kFootballQuarterSeconds ? -1 : static_cast<int>(s);
    } else if (it->is_string()) {
        const std::string text = it->get<std::string>();
        int minutes = 0, secs = 0, used = 0;
        if (std::sscanf(text.c_str(), "%2d:%2d%n", &minutes, &secs, &used) == 2 &&
            used == static_cast<int>(text.size()) && minutes >= 0 && secs >= 0 && secs < 60 && text.size() >= 4) {
            seconds = minutes * 60 + secs;
            seconds = seconds > kFootballQuarterSeconds ? -1 : seconds;
        } else {
            return InvalidArgument("state.clock", it->dump() + " is not \"mm:ss\" or whole seconds");
        }
    } else {
        return InvalidArgument("state.clock", it->dump() + " is not \"mm:ss\" or whole seconds");
    }
    if (seconds < 0) {
        return InvalidArgument("state.clock", it->dump() + " is outside 0:00 to 15:00");
    }
    return seconds;
}

} // namespace

kf::FootballState FootballKickoff() {
    return kf::FootballState{};
}

int FootballDrivesDone(const kf::FootballParams& params, int seconds_left) {
    double mean = 0.0, previous = 0.0;
    for (int k = 0; k < kf::kDriveCounts; ++k) {
        const double t = k + 1 < kf::kDriveCounts ? double(params.drive_count_threshold[k]) : kFootballTwo32;
        mean += (params.min_drives + k) * (t - previous) / kFootballTwo32;
        previous = t;
    }
    const int last = params.min_drives + kf::kDriveCounts - 1;
    const int done = static_cast<int>(std::lround(mean * (3600 - seconds_left) / 3600.0));
    return std::clamp(done, 0, last - 1);
}

Result<kf::FootballState> ParseFootballState(const FootballGame& game, const nlohmann::json& json, FootballLive* live) {
    if (!json.is_object()) {
        return InvalidArgument("state", "expected a JSON object");
    }
    if (Status s = models::CheckKnownFields(json,
                                            {"quarter", "clock", "home", "away", "possession", "yard_line", "down",
                                             "distance", "received_opening_kickoff", "turnover"},
                                            "state");
        !s.ok()) {
        return s;
    }
    SIMBOOK_ASSIGN_OR_RETURN(quarter, IntField(json, "quarter", 1, 1, 4));
    SIMBOOK_ASSIGN_OR_RETURN(clock, ClockField(json));
    SIMBOOK_ASSIGN_OR_RETURN(home, IntField(json, "home", 0, 0, 150));
    SIMBOOK_ASSIGN_OR_RETURN(away, IntField(json, "away", 0, 0, 150));
    SIMBOOK_ASSIGN_OR_RETURN(possession, TeamField(json, "possession", -1));
    SIMBOOK_ASSIGN_OR_RETURN(yard_line, IntField(json, "yard_line", -1, 0, 100));
    SIMBOOK_ASSIGN_OR_RETURN(down, IntField(json, "down", 0, 1, 4));
    SIMBOOK_ASSIGN_OR_RETURN(distance, IntField(json, "distance", 0, 1, 100));
    SIMBOOK_ASSIGN_OR_RETURN(receiver, TeamField(json, "received_opening_kickoff", -1));
    SIMBOOK_ASSIGN_OR_RETURN(turnover, state_fields::BoolField(json, "turnover"));
    const int seconds_left = (4 - quarter) * kFootballQuarterSeconds + clock;
    if (seconds_left <= 0) {
        return InvalidArgument("state.clock", "0:00 in the 4th quarter: regulation is over (overtime states are not "
                                              "taken)");
    }
    if (json.contains("yard_line") && yard_line >= 0 && possession < 0) {
        return InvalidArgument("state.yard_line", "a yard line needs the team in possession (state.possession)");
    }
    if ((down > 0) != (distance > 0)) {
        return InvalidArgument(down > 0 ? "state.distance" : "state.down", "down and distance go together");
    }
    if (down > 0 && yard_line < 0) {
        return InvalidArgument("state.down", "down and distance need a yard line (state.yard_line)");
    }
    if (distance > 0 && distance > 100 - yard_line) {
        return InvalidArgument("state.distance", std::to_string(distance) + " yards to go from the " +
                                                     std::to_string(yard_line) + " is past the goal line");
    }
    if (turnover && possession < 0) {
        return InvalidArgument("state.turnover", "a turnover needs the team now in possession (state.possession)");
    }
    kf::FootballState s;
    s.seconds_left = seconds_left;
    s.drives_done = game.params.clock != 0 ? 0 : FootballDrivesDone(game.params, seconds_left);
    s.score[0] = home;
    s.score[1] = away;
    s.possession = possession;
    s.field = turnover && yard_line < 0 ? 1 : 0;
    s.opening_receiver = receiver;
    if (yard_line >= 0) {
        const models::DriveEnds normal = EndsOf(game.params.drive_threshold[possession][0]);
        const models::DriveEnds now =
            models::DriveEndsAtYardLine(normal, models::EffectiveYardLine(yard_line, down, distance));
        double cumulative = 0.0;
        for (int k = 0; k + 1 < kf::kDriveEnds; ++k) {
            cumulative += now.p[k];
            s.now_threshold[k] = models::FootballThreshold(std::min(cumulative, 1.0));
        }
        s.now_set = 1;
    }
    if (Status v = kernels::ValidateFootballKernelState(game.params, s); !v.ok()) {
        return Status(v.code(), "state." + v.message());
    }
    if (live != nullptr) {
        *live = FootballLive{quarter, clock, yard_line, down, distance};
    }
    return s;
}

nlohmann::json FootballStateJson(const FootballGame& game) {
    const kf::FootballState& s = game.state;
    const FootballLive& l = game.live;
    char clock[16];
    std::snprintf(clock, sizeof clock, "%02d:%02d", l.clock_seconds / 60, l.clock_seconds % 60);
    nlohmann::json j = {{"quarter", l.quarter}, {"clock", clock}, {"home", s.score[0]}, {"away", s.score[1]}};
    j["possession"] = s.possession < 0 ? nlohmann::json(nullptr) : nlohmann::json(s.possession == 0 ? "home" : "away");
    if (l.yard_line >= 0) {
        j["yard_line"] = l.yard_line;
    }
    if (l.down > 0) {
        j["down"] = l.down;
        j["distance"] = l.distance;
    }
    if (s.opening_receiver >= 0) {
        j["received_opening_kickoff"] = s.opening_receiver == 0 ? "home" : "away";
    }
    return j;
}

Status RunKernel(const FootballGame& game, std::uint64_t seed, std::uint64_t first_path, std::size_t count,
                 FootballGame::Outcome* out, const kernels::LaunchConfig& launch) {
    return kernels::RunFootball(game.params, game.state, seed, first_path, count, out, launch);
}

int ElapsedSeconds(const FootballGame& game) {
    return 3600 - game.state.seconds_left;
}

bool AtStart(const FootballGame& game) {
    const kf::FootballState& s = game.state;
    return s.seconds_left == 3600 && s.score[0] == 0 && s.score[1] == 0 && s.now_set == 0 && s.field == 0;
}

Status SetState(FootballGame& game, const nlohmann::json& state) {
    if (state.is_null()) {
        game.state = FootballKickoff();
        game.live = FootballLive{};
        return Status::Ok();
    }
    FootballLive live;
    Result<kf::FootballState> parsed = ParseFootballState(game, state, &live);
    if (!parsed.ok()) {
        return parsed.status();
    }
    game.state = parsed.value();
    game.live = live;
    return Status::Ok();
}

Result<std::vector<KeyEvent>> Advance(FootballGame& game, const nlohmann::json& state) {
    FootballLive live;
    auto parsed = ParseFootballState(game, state, &live);
    if (!parsed.ok()) {
        return parsed.status();
    }
    const kf::FootballState& now = parsed.value();
    const kf::FootballState& was = game.state;
    if (now.score[0] < was.score[0] || now.score[1] < was.score[1]) {
        return OutOfOrder(now.score[0] < was.score[0] ? "home" : "away", "the score cannot go down");
    }
    if (now.seconds_left > was.seconds_left) {
        return OutOfOrder("clock", "the game cannot go back to an earlier quarter or more time left");
    }
    if (was.opening_receiver >= 0 && now.opening_receiver != was.opening_receiver) {
        return OutOfOrder("received_opening_kickoff", "who received the opening kickoff cannot change");
    }
    std::vector<KeyEvent> events;
    for (int team = 0; team < 2; ++team) {
        const int points = now.score[team] - was.score[team];
        if (points >= 6) {
            events.push_back({"touchdown", -1});
        } else if (points >= 3) {
            events.push_back({"field_goal", -1});
        } else if (points == 2) {
            events.push_back({"safety", -1});
        } else if (points == 1) {
            events.push_back({"extra_point", -1});
        }
    }
    if (const auto turnover = state.find("turnover"); turnover != state.end() && *turnover == true) {
        events.push_back({"turnover", -1});
    }
    game.state = now;
    game.live = live;
    return events;
}

Result<models::FootballMatchModel> LoadModel(std::type_identity<FootballGame>, const GameSource& source,
                                             const FieldNames& field) {
    if (source.home_xg || source.away_xg) {
        return InvalidArgument(field("home_xg"), "applies to soccer only");
    }
    models::FootballMatchModel model = models::ExampleFootballMatch();
    if (!source.league.empty()) {
        if (source.league != "nfl") {
            return InvalidArgument(field("league"), "'" + source.league + "' is not a football league (nfl)");
        }
        Result<models::FootballMatchModel> match =
            models::FittedNflMatch(source.params_dir, source.home_team, source.away_team);
        if (!match.ok()) {
            return FittedError(match.status(), field);
        }
        model = match.value();
    }
    if (source.model) {
        Result<models::FootballMatchModel> parsed = models::FootballMatchFromJson(*source.model);
        if (!parsed.ok()) {
            return ModelError(parsed.status(), field);
        }
        model = parsed.value();
    }
    return model;
}

Result<FootballGame> StartGame(const models::FootballMatchModel& model) {
    if (Status s = models::ValidateFootballMatch(model); !s.ok()) {
        return s;
    }
    return FootballGame{models::MakeFootballMatchParams(model), FootballKickoff(), FootballLive{}, model};
}

std::array<std::string, 2> TeamNames(const models::FootballMatchModel& model, const std::string& home_team,
                                     const std::string& away_team) {
    const std::string home = model.home_name.empty() ? home_team : model.home_name;
    const std::string away = model.away_name.empty() ? away_team : model.away_name;
    return {home.empty() ? "home" : home, away.empty() ? "away" : away};
}

FootballGame NoClockGame(const FootballGame& game) {
    if (game.params.clock == 0) {
        return game;
    }
    FootballGame twin = game;
    twin.model.clock = false;
    twin.params = models::MakeFootballMatchParams(twin.model);
    twin.state.drives_done = FootballDrivesDone(twin.params, game.state.seconds_left);
    return twin;
}

ScoreDistribution ExactFinalScore(const FootballGame& game) {
    const FootballGame twin = NoClockGame(game);
    Result<FootballScorePmf> pmf = ExactFootball(twin.params, twin.state);
    SIMBOOK_REQUIRE(pmf.ok(), "ExactFinalScore: " + pmf.status().message());
    ScoreDistribution grid(FootballGame::kScoreDim);
    for (int h = 0; h <= kFootballMaxPoints; ++h) {
        for (int a = 0; a <= kFootballMaxPoints; ++a) {
            const double p = pmf->At(h, a);
            if (p > 0.0 && h < int(grid.dim()) && a < int(grid.dim())) {
                grid.At(std::size_t(h), std::size_t(a)) += p;
            }
        }
    }
    return grid;
}

ExactLines ExactMainLines(const FootballGame& game) {
    return LinesOf(ExactFinalScore(game));
}

} // namespace simbook::engine
