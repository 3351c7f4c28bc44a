#include "models/baseball_model.hpp"

#include "models/json_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <utility>

namespace simbook::models {
namespace {

constexpr int kFirst = 1, kSecond = 2, kThird = 4;
constexpr int kValueSweeps = 200; // on-base chains within an out level shrink geometrically (~0.35 a sweep)

double At(const PaRates& rates, PaOutcome outcome) {
    return rates[static_cast<std::size_t>(outcome)];
}

void Add(PaTransitions& t, int outs, int bases, int runs, double probability, bool home_run = false) {
    if (probability <= 0.0) {
        return;
    }
    const int next = outs >= 3 ? kInningOver : outs * 8 + bases;
    t.items[static_cast<std::size_t>(t.count++)] = {next, outs >= 3 ? 0 : runs, probability, home_run};
}

void AddOut(PaTransitions& t, int outs, int bases, double q, const BaseRunning& r) {
    if (q <= 0.0) {
        return;
    }
    double rest = q;
    if (outs < 2 && (bases & kFirst)) {
        const double dp = q * r.double_play;
        Add(t, outs + 2, (bases & kSecond) ? kThird : 0, (bases & kThird) ? 1 : 0, dp);
        rest -= dp;
    }
    if (outs < 2 && (bases & kThird)) {
        const double sf = rest * r.sacrifice_fly;
        Add(t, outs + 1, bases & ~kThird, 1, sf);
        rest -= sf;
    }
    const double advance = outs < 2 && bases != 0 ? rest * r.out_advance : 0.0;
    Add(t, outs + 1, (bases << 1) & 7, (bases & kThird) ? 1 : 0, advance);
    Add(t, outs + 1, bases, 0, rest - advance);
}

int WalkBases(int bases, int& runs) {
    runs = 0;
    if (!(bases & kFirst)) {
        return bases | kFirst;
    }
    if (!(bases & kSecond)) {
        return bases | kFirst | kSecond;
    }
    runs = (bases & kThird) ? 1 : 0;
    return kFirst | kSecond | kThird;
}

void AddSingle(PaTransitions& t, int outs, int bases, double p, const BaseRunning& r) {
    const int from_third = (bases & kThird) ? 1 : 0;
    const double second_scores = (bases & kSecond) ? r.single_second_scores : 0.0;
    for (int scores = 0; scores < 2; ++scores) {
        const double p2 = scores ? second_scores : 1.0 - second_scores;
        const bool third_taken = (bases & kSecond) && !scores;
        const double first_to_third = (bases & kFirst) && !third_taken ? r.single_first_to_third : 0.0;
        for (int to_third = 0; to_third < 2; ++to_third) {
            const double p1 = to_third ? first_to_third : 1.0 - first_to_third;
            int next = kFirst | (third_taken ? kThird : 0);
            if (bases & kFirst) {
                next |= to_third ? kThird : kSecond;
            }
            Add(t, outs, next, from_third + scores, p * p2 * p1);
        }
    }
}

void AddDouble(PaTransitions& t, int outs, int bases, double p, const BaseRunning& r) {
    const int runs = ((bases & kSecond) ? 1 : 0) + ((bases & kThird) ? 1 : 0);
    if (!(bases & kFirst)) {
        Add(t, outs, kSecond, runs, p);
        return;
    }
    Add(t, outs, kSecond, runs + 1, p * r.double_first_scores);
    Add(t, outs, kSecond | kThird, runs, p * (1.0 - r.double_first_scores));
}

Status ValidateRates(const PaRates& rates, const std::string& field, bool positive) {
    double sum = 0.0;
    for (int i = 0; i < kPaOutcomes; ++i) {
        const double p = rates[static_cast<std::size_t>(i)];
        const std::string name = FieldPath(field, PaOutcomeNames()[static_cast<std::size_t>(i)]);
        if (!InRange(p, 0.0, 1.0)) {
            return InvalidArgument(name, std::to_string(p) + " is not a probability in [0, 1]");
        }
        if (positive && !(p > 0.0)) {
            return InvalidArgument(name, "must be positive (the log5 reference divides by it)");
        }
        sum += p;
    }
    if (std::abs(sum - 1.0) > 1e-6) {
        return InvalidArgument(field, "rates sum to " + std::to_string(sum) + ", not 1");
    }
    if (At(rates, PaOutcome::kStrikeout) + At(rates, PaOutcome::kOtherOut) < 0.2) {
        return InvalidArgument(field, "outs (strikeout + other_out) below 0.2: innings would hardly end");
    }
    return Status::Ok();
}

Status ValidateTeam(const BaseballTeamModel& team, const std::string& side) {
    for (const auto& [rates, name] :
         {std::pair{&team.batting, "batting"}, std::pair{&team.pitching.starter_rates, "pitching.starter_rates"},
          std::pair{&team.pitching.bullpen_rates, "pitching.bullpen_rates"}}) {
        if (Status s = ValidateRates(*rates, side + "." + name, false); !s.ok()) {
            return s;
        }
    }
    if (!InRange(team.pitching.starter_innings, 0.0, 9.0)) {
        return InvalidArgument(side + ".pitching.starter_innings",
                               std::to_string(team.pitching.starter_innings) + " is outside [0, 9]");
    }
    return Status::Ok();
}

std::array<std::pair<const char*, double*>, 6> RunningFields(BaseRunning& r) {
    return {{{"single_second_scores", &r.single_second_scores},
             {"single_first_to_third", &r.single_first_to_third},
             {"double_first_scores", &r.double_first_scores},
             {"double_play", &r.double_play},
             {"sacrifice_fly", &r.sacrifice_fly},
             {"out_advance", &r.out_advance}}};
}

Result<PaRates> RatesFromJson(const nlohmann::json& json, const std::string& field) {
    if (!json.is_object()) {
        return InvalidArgument(field, "must be an object of outcome probabilities");
    }
    const auto& names = PaOutcomeNames();
    if (Status s =
            CheckKnownFields(json, {names[0], names[1], names[2], names[3], names[4], names[5], names[6]}, field);
        !s.ok()) {
        return s;
    }
    PaRates rates{};
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto p = NumberField(json, names[i], std::nullopt, field, 0.0, 1.0);
        if (!p) {
            return p.status();
        }
        rates[i] = *p;
    }
    return rates;
}

nlohmann::json RatesToJson(const PaRates& rates) {
    nlohmann::json json = nlohmann::json::object();
    for (std::size_t i = 0; i < rates.size(); ++i) {
        json[PaOutcomeNames()[i]] = rates[i];
    }
    return json;
}

Result<PitchingStaff> StaffFromJson(const nlohmann::json& json, const std::string& field) {
    if (!json.is_object()) {
        return InvalidArgument(field, "must be an object");
    }
    if (Status s = CheckKnownFields(json, {"starter", "starter_rates", "starter_innings", "bullpen_rates"}, field);
        !s.ok()) {
        return s;
    }
    PitchingStaff staff;
    auto name = StringField(json, "starter", std::string("starter"), field);
    auto innings = NumberField(json, "starter_innings", 5.7, field, 0.0, 9.0);
    if (!name || !innings) {
        return !name ? name.status() : innings.status();
    }
    for (const auto& [key, rates] :
         {std::pair{"starter_rates", &staff.starter_rates}, std::pair{"bullpen_rates", &staff.bullpen_rates}}) {
        if (!json.contains(key)) {
            return InvalidArgument(FieldPath(field, key), "required");
        }
        auto r = RatesFromJson(json.at(key), FieldPath(field, key));
        if (!r) {
            return r.status();
        }
        *rates = *r;
    }
    staff.starter = *name;
    staff.starter_innings = *innings;
    return staff;
}

Result<BaseballTeamModel> TeamFromJson(const nlohmann::json& json, const std::string& field) {
    if (!json.is_object()) {
        return InvalidArgument(field, "must be an object");
    }
    if (Status s = CheckKnownFields(json, {"name", "batting", "pitching"}, field); !s.ok()) {
        return s;
    }
    BaseballTeamModel team;
    auto name = StringField(json, "name", std::nullopt, field);
    if (!name) {
        return name.status();
    }
    team.name = *name;
    for (const char* key : {"batting", "pitching"}) {
        if (!json.contains(key)) {
            return InvalidArgument(FieldPath(field, key), "required");
        }
    }
    auto batting = RatesFromJson(json.at("batting"), FieldPath(field, "batting"));
    if (!batting) {
        return batting.status();
    }
    auto staff = StaffFromJson(json.at("pitching"), FieldPath(field, "pitching"));
    if (!staff) {
        return staff.status();
    }
    team.batting = *batting;
    team.pitching = *std::move(staff);
    return team;
}

nlohmann::json TeamToJson(const BaseballTeamModel& t) {
    return {{"name", t.name},
            {"batting", RatesToJson(t.batting)},
            {"pitching",
             {{"starter", t.pitching.starter},
              {"starter_rates", RatesToJson(t.pitching.starter_rates)},
              {"starter_innings", t.pitching.starter_innings},
              {"bullpen_rates", RatesToJson(t.pitching.bullpen_rates)}}}};
}

Result<BaseRunning> RunningFromJson(const nlohmann::json& json, const std::string& field) {
    BaseRunning running;
    if (!json.is_object()) {
        return InvalidArgument(field, "must be an object");
    }
    if (Status s = CheckKnownFields(json,
                                    {"single_second_scores", "single_first_to_third", "double_first_scores",
                                     "double_play", "sacrifice_fly", "out_advance"},
                                    field);
        !s.ok()) {
        return s;
    }
    for (auto [name, value] : RunningFields(running)) {
        auto p = NumberField(json, name, *value, field, 0.0, 1.0);
        if (!p) {
            return p.status();
        }
        *value = *p;
    }
    return running;
}

//! "inning_factors": nine numbers in [0.5, 2]; all 1 when absent.
Result<std::array<double, 9>> InningFactorsFromJson(const nlohmann::json& json) {
    std::array<double, 9> factors{1, 1, 1, 1, 1, 1, 1, 1, 1};
    const auto it = json.find("inning_factors");
    if (it == json.end()) {
        return factors;
    }
    if (!it->is_array() || it->size() != factors.size()) {
        return InvalidArgument("inning_factors", "must be an array of 9 numbers (innings 1 to 9)");
    }
    for (std::size_t i = 0; i < factors.size(); ++i) {
        const nlohmann::json& x = (*it)[i];
        if (!x.is_number() || !InRange(x.get<double>(), 0.5, 2.0)) {
            return InvalidArgument("inning_factors[" + std::to_string(i) + "]",
                                   x.dump() + " is not a number in [0.5, 2]");
        }
        factors[i] = x.get<double>();
    }
    return factors;
}

//! Solves the 8 x 8 system in columns 0..7 for the right-hand side in column 8 (Gaussian elimination; I - P of a
//! substochastic P is diagonally dominant, so no pivoting is needed). The solution replaces column 8.
void SolveInPlace(double (&a)[8][9]) {
    for (int col = 0; col < 8; ++col) {
        for (int row = col + 1; row < 8; ++row) {
            const double f = a[row][col] / a[col][col];
            for (int k = col; k < 9; ++k) {
                a[row][k] -= f * a[col][k];
            }
        }
    }
    for (int row = 7; row >= 0; --row) {
        double x = a[row][8];
        for (int k = row + 1; k < 8; ++k) {
            x -= a[row][k] * a[k][8];
        }
        a[row][8] = x / a[row][row];
    }
}

} // namespace

const std::array<const char*, kPaOutcomes>& PaOutcomeNames() {
    static const std::array<const char*, kPaOutcomes> kNames = {"strikeout", "other_out", "walk",    "single",
                                                                "double",    "triple",    "home_run"};
    return kNames;
}

PaTransitions BaseOutTransitions(int state, const PaRates& rates, const BaseRunning& running) {
    PaTransitions t;
    const int outs = state / 8;
    const int bases = state % 8;
    const int on_base = std::popcount(static_cast<unsigned>(bases));
    Add(t, outs + 1, bases, 0, At(rates, PaOutcome::kStrikeout));
    AddOut(t, outs, bases, At(rates, PaOutcome::kOtherOut), running);
    int walk_runs = 0;
    const int walk_bases = WalkBases(bases, walk_runs);
    Add(t, outs, walk_bases, walk_runs, At(rates, PaOutcome::kWalk));
    AddSingle(t, outs, bases, At(rates, PaOutcome::kSingle), running);
    AddDouble(t, outs, bases, At(rates, PaOutcome::kDouble), running);
    Add(t, outs, kThird, on_base, At(rates, PaOutcome::kTriple));
    Add(t, outs, 0, on_base + 1, At(rates, PaOutcome::kHomeRun), true);
    return t;
}

PaRates Log5(const PaRates& batter, const PaRates& pitcher, const PaRates& league) {
    PaRates out{};
    double sum = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = batter[i] * pitcher[i] / league[i];
        sum += out[i];
    }
    SIMBOOK_REQUIRE(sum > 0.0, "log5 of rates with no common outcome");
    for (double& p : out) {
        p /= sum;
    }
    return out;
}

PaRates ScaleOnBase(const PaRates& rates, double k) {
    const double outs = At(rates, PaOutcome::kStrikeout) + At(rates, PaOutcome::kOtherOut);
    const double on_base = 1.0 - outs;
    SIMBOOK_REQUIRE(k >= 0.0 && k * on_base < 1.0 && outs > 0.0, "on-base scale leaves no outs");
    PaRates out = rates;
    const double out_scale = (1.0 - k * on_base) / outs;
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] *= i < 2 ? out_scale : k;
    }
    return out;
}

namespace {

//! Values V(s) = sum over transitions t of p (reward(t) + V(next)) of the 24 base-out states, the inning's end worth
//! 0. Out levels 2, 1, 0 in turn: within a level only on-base events move between its 8 base states, so each level
//! is an 8 x 8 linear system (I - P) V = c, c the rewards of one plate appearance plus the values of higher levels.
template <typename Reward>
std::array<double, 24> SolveByOutLevel(const PaRates& rates, const BaseRunning& running, Reward&& reward) {
    std::array<double, 24> value{};
    for (int outs = 2; outs >= 0; --outs) {
        double a[8][9] = {};
        for (int b = 0; b < 8; ++b) {
            a[b][b] = 1.0;
            const PaTransitions ts = BaseOutTransitions(outs * 8 + b, rates, running);
            for (int i = 0; i < ts.count; ++i) {
                const PaTransition& x = ts.items[static_cast<std::size_t>(i)];
                a[b][8] += x.probability * reward(x);
                if (x.next == kInningOver) {
                    continue;
                }
                if (x.next / 8 == outs) {
                    a[b][x.next % 8] -= x.probability;
                } else {
                    a[b][8] += x.probability * value[static_cast<std::size_t>(x.next)];
                }
            }
        }
        SolveInPlace(a);
        for (int b = 0; b < 8; ++b) {
            value[static_cast<std::size_t>(outs * 8 + b)] = a[b][8];
        }
    }
    return value;
}

} // namespace

std::array<double, 24> RunExpectancy(const PaRates& rates, const BaseRunning& running) {
    return SolveByOutLevel(rates, running, [](const PaTransition& t) { return static_cast<double>(t.runs); });
}

std::array<double, 24> ExpectedVisits(const PaRates& rates, const BaseRunning& running) {
    std::array<double, 24> visits{};
    for (int sweep = 0; sweep < kValueSweeps; ++sweep) {
        std::array<double, 24> next{};
        next[0] = 1.0;
        for (int s = 0; s < kBaseOutStates; ++s) {
            const PaTransitions ts = BaseOutTransitions(s, rates, running);
            for (int i = 0; i < ts.count; ++i) {
                const PaTransition& x = ts.items[static_cast<std::size_t>(i)];
                if (x.next != kInningOver) {
                    next[static_cast<std::size_t>(x.next)] += visits[static_cast<std::size_t>(s)] * x.probability;
                }
            }
        }
        visits = next;
    }
    return visits;
}

std::array<double, 2> ExpectedDoublePlaysAndSacFlies(const PaRates& rates, const BaseRunning& running) {
    const std::array<double, 24> visits = ExpectedVisits(rates, running);
    const double q = At(rates, PaOutcome::kOtherOut);
    std::array<double, 2> out{};
    for (int s = 0; s < 16; ++s) { // fewer than two outs
        const int bases = s % 8;
        const double dp = (bases & kFirst) ? running.double_play : 0.0;
        out[0] += visits[static_cast<std::size_t>(s)] * q * dp;
        if (bases & kThird) {
            out[1] += visits[static_cast<std::size_t>(s)] * q * (1.0 - dp) * running.sacrifice_fly;
        }
    }
    return out;
}

double OnBaseScaleForRuns(const PaRates& rates, const BaseRunning& running, double factor) {
    SIMBOOK_REQUIRE(factor >= 0.25 && factor <= 4.0, "run factor outside [0.25, 4]");
    if (factor == 1.0) {
        return 1.0;
    }
    const double base = RunExpectancy(rates, running)[0];
    const double target = base * factor;
    const double on_base = 1.0 - At(rates, PaOutcome::kStrikeout) - At(rates, PaOutcome::kOtherOut);
    const double k_max = std::min(4.0, 0.98 / on_base);
    const auto gap = [&](double k) { return RunExpectancy(ScaleOnBase(rates, k), running)[0] - target; };
    // Secant from k = 1 and a first guess of runs ~ on-base^2; runs rise smoothly with k, so a few steps suffice.
    double k0 = 1.0, g0 = base - target;
    double k1 = std::min(std::sqrt(factor), 0.5 * (1.0 + k_max));
    double g1 = gap(k1);
    for (int i = 0; i < 100 && std::abs(g1) > 1e-14 * target && g1 != g0; ++i) {
        const double k2 = std::clamp(k1 - g1 * (k1 - k0) / (g1 - g0), 0.5 * k1, 0.5 * (k1 + k_max));
        k0 = k1, g0 = g1;
        k1 = k2, g1 = gap(k2);
    }
    SIMBOOK_REQUIRE(std::abs(g1) <= 1e-9 * target, "run factor out of the on-base scale's reach");
    return k1;
}

std::vector<std::pair<double, double>> DayFactors(double sd) {
    if (sd == 0.0) {
        return {{1.0, 1.0}};
    }
    const double x = std::sqrt(3.0) * sd;
    const double mean = (std::exp(-x) + 4.0 + std::exp(x)) / 6.0;
    return {{std::exp(-x) / mean, 1.0 / 6.0}, {1.0 / mean, 2.0 / 3.0}, {std::exp(x) / mean, 1.0 / 6.0}};
}

std::array<double, 2> HalfInningRunMoments(const PaRates& rates, const BaseRunning& running) {
    // Second moments by the same level-by-level solve as RunExpectancy: S(s) = sum p (r^2 + 2 r E(next) + S(next)).
    const std::array<double, 24> mean = RunExpectancy(rates, running);
    const std::array<double, 24> second = SolveByOutLevel(rates, running, [&mean](const PaTransition& t) {
        const double next_mean = t.next == kInningOver ? 0.0 : mean[static_cast<std::size_t>(t.next)];
        return t.runs * t.runs + 2.0 * t.runs * next_mean;
    });
    return {mean[0], second[0] - mean[0] * mean[0]};
}

MatchupRates MakeMatchupRates(const BaseballModel& model, double home_day, double away_day) {
    MatchupRates m;
    const BaseballTeamModel* batting[2] = {&model.home, &model.away};
    const double side_factor[2] = {model.park_factor * model.home_run_factor * home_day,
                                   model.park_factor / model.home_run_factor * away_day};
    std::map<std::tuple<int, int, double>, PaRates> solved; // innings with the same factor share a solve
    for (int inning = 0; inning <= 9; ++inning) {
        const double inning_factor = inning == 0 ? 1.0 : model.inning_factors[static_cast<std::size_t>(inning - 1)];
        for (int side = 0; side < 2; ++side) {
            const PitchingStaff& staff = batting[1 - side]->pitching;
            const PaRates* pitcher[2] = {&staff.starter_rates, &staff.bullpen_rates};
            for (int p = 0; p < 2; ++p) {
                const double factor = std::clamp(side_factor[side] * inning_factor, 0.25, 4.0);
                auto [it, fresh] = solved.try_emplace({side, p, factor});
                if (fresh) {
                    const PaRates raw = Log5(batting[side]->batting, *pitcher[p], model.league);
                    it->second = ScaleOnBase(raw, OnBaseScaleForRuns(raw, model.running, factor));
                }
                m.rates[static_cast<std::size_t>(inning)][static_cast<std::size_t>(side)][static_cast<std::size_t>(p)] =
                    it->second;
            }
        }
    }
    return m;
}

Status ValidateBaseballModel(const BaseballModel& model) {
    if (Status s = ValidateTeam(model.home, "home"); !s.ok()) {
        return s;
    }
    if (Status s = ValidateTeam(model.away, "away"); !s.ok()) {
        return s;
    }
    if (Status s = ValidateRates(model.league, "league", true); !s.ok()) {
        return s;
    }
    BaseRunning running = model.running;
    for (auto [name, value] : RunningFields(running)) {
        if (!InRange(*value, 0.0, 1.0)) {
            return InvalidArgument(std::string("running.") + name, std::to_string(*value) + " is not a probability");
        }
    }
    if (!InRange(model.day_sd, 0.0, 0.5)) {
        return InvalidArgument("day_sd", std::to_string(model.day_sd) + " is outside [0, 0.5]");
    }
    for (std::size_t i = 0; i < model.inning_factors.size(); ++i) {
        if (!InRange(model.inning_factors[i], 0.5, 2.0)) {
            return InvalidArgument("inning_factors[" + std::to_string(i) + "]",
                                   std::to_string(model.inning_factors[i]) + " is outside [0.5, 2]");
        }
    }
    for (const auto& [name, value] :
         {std::pair{"home_run_factor", model.home_run_factor}, std::pair{"park_factor", model.park_factor}}) {
        if (!InRange(value, 0.5, 2.0)) {
            return InvalidArgument(name, std::to_string(value) + " is outside [0.5, 2]");
        }
    }
    return Status::Ok();
}

BaseballModel ExampleBaseballModel() {
    BaseballModel m;
    // Roughly the 2014-18 league per plate appearance (K, other out, BB+HBP, 1B, 2B, 3B, HR).
    m.league = {0.212, 0.4665, 0.0935, 0.1455, 0.0455, 0.0050, 0.0320};
    m.home.name = "Home";
    m.home.batting = {0.200, 0.4670, 0.0960, 0.1480, 0.0470, 0.0050, 0.0370};
    m.home.pitching = {"Home Starter",
                       {0.235, 0.4640, 0.0850, 0.1390, 0.0430, 0.0045, 0.0295},
                       6.2,
                       {0.225, 0.4530, 0.0990, 0.1440, 0.0440, 0.0050, 0.0300}};
    m.away.name = "Away";
    m.away.batting = {0.225, 0.4640, 0.0900, 0.1440, 0.0450, 0.0050, 0.0270};
    m.away.pitching = {"Away Starter",
                       {0.205, 0.4670, 0.0930, 0.1500, 0.0465, 0.0050, 0.0335},
                       5.3,
                       {0.230, 0.4570, 0.0960, 0.1430, 0.0435, 0.0045, 0.0260}};
    m.home_run_factor = 1.02;
    m.park_factor = 1.04;
    m.inning_factors = {1.14, 0.93, 1.01, 1.03, 1.02, 1.02, 0.96, 0.95, 0.94};
    m.day_sd = 0.25;
    return m;
}

Result<BaseballModel> BaseballModelFromJson(const nlohmann::json& json) {
    if (!json.is_object()) {
        return InvalidArgument("model", "must be a JSON object");
    }
    if (Status s = CheckKnownFields(json,
                                    {"home", "away", "league", "running", "home_run_factor", "park_factor",
                                     "automatic_runner", "inning_factors", "day_sd"},
                                    "");
        !s.ok()) {
        return s;
    }
    for (const char* key : {"home", "away", "league"}) {
        if (!json.contains(key)) {
            return InvalidArgument(key, "required");
        }
    }
    BaseballModel m;
    auto home = TeamFromJson(json.at("home"), "home");
    auto away = home ? TeamFromJson(json.at("away"), "away") : home;
    auto league = RatesFromJson(json.at("league"), "league");
    if (!home || !away || !league) {
        return !home ? home.status() : !away ? away.status() : league.status();
    }
    auto running = RunningFromJson(json.value("running", nlohmann::json::object()), "running");
    auto home_factor = NumberField(json, "home_run_factor", 1.0, "", 0.5, 2.0);
    auto park = NumberField(json, "park_factor", 1.0, "", 0.5, 2.0);
    auto automatic = BoolField(json, "automatic_runner", false, "");
    auto day_sd = NumberField(json, "day_sd", 0.0, "", 0.0, 0.5);
    if (!running || !home_factor || !park || !automatic || !day_sd) {
        return !running       ? running.status()
               : !home_factor ? home_factor.status()
               : !park        ? park.status()
               : !automatic   ? automatic.status()
                              : day_sd.status();
    }
    m.day_sd = *day_sd;
    m.home = *std::move(home);
    m.away = *std::move(away);
    m.league = *league;
    m.running = *running;
    m.home_run_factor = *home_factor;
    m.park_factor = *park;
    m.automatic_runner = *automatic;
    if (auto factors = InningFactorsFromJson(json); !factors) {
        return factors.status();
    } else {
        m.inning_factors = *factors;
    }
    if (Status s = ValidateBaseballModel(m); !s.ok()) {
        return s;
    }
    return m;
}

nlohmann::json ToJson(const BaseballModel& model) {
    BaseRunning running = model.running;
    nlohmann::json run = nlohmann::json::object();
    for (auto [name, value] : RunningFields(running)) {
        run[name] = *value;
    }
    return {{"home", TeamToJson(model.home)},
            {"away", TeamToJson(model.away)},
            {"league", RatesToJson(model.league)},
            {"running", run},
            {"home_run_factor", model.home_run_factor},
            {"park_factor", model.park_factor},
            {"automatic_runner", model.automatic_runner},
            {"inning_factors", model.inning_factors},
            {"day_sd", model.day_sd}};
}

} // namespace simbook::models
