#include "engine/baseball/kernel_params.hpp"

#include "kernels/baseball/launch.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

namespace simbook::engine {
namespace baseball_kernel_detail {
namespace {

namespace kb = kernels::baseball;

//! Writes cumulative thresholds of `n` probabilities (the last implied) into thresholds[0..n-2].
void Cumulative(const double* p, int n, std::uint32_t* thresholds) {
    double cumulative = 0.0;
    for (int k = 0; k + 1 < n; ++k) {
        cumulative += p[k];
        thresholds[k] = BaseballThreshold(cumulative);
    }
}

void FillPlateAppearances(const models::BaseballModel& model, kb::BaseballParams& out) {
    const auto days = models::DayFactors(model.day_sd);
    for (int day = 0; day < kb::kDayFactors; ++day) {
        // One day factor: its value at every index (the middle one of three when the model has them).
        const std::size_t d = days.size() == 1 ? 0 : static_cast<std::size_t>(day);
        const models::MatchupRates rates = models::MakeMatchupRates(model, days[d].first, days[d].first);
        for (int side = 0; side < 2; ++side) {
            for (int row = 0; row < kb::kInningRows; ++row) {
                for (int pitcher = 0; pitcher < 2; ++pitcher) {
                    const models::PaRates& r =
                        rates.rates[static_cast<std::size_t>(row)][static_cast<std::size_t>(side)]
                                   [static_cast<std::size_t>(pitcher)];
                    Cumulative(r.data(), kb::kPaOutcomes, out.pa_threshold[kb::PaTable(side, day, row, pitcher)]);
                }
            }
        }
    }
    double day_p[kb::kDayFactors] = {1.0, 0.0, 0.0};
    for (std::size_t d = 0; days.size() == static_cast<std::size_t>(kb::kDayFactors) && d < days.size(); ++d) {
        day_p[d] = days[d].second;
    }
    Cumulative(day_p, kb::kDayFactors, out.day_threshold);
}

std::uint16_t PackRunning(const models::PaTransition& t) {
    return static_cast<std::uint16_t>(t.next | (t.runs << kb::kRunsShift) |
                                      ((t.home_run ? 1 : 0) << kb::kHomeRunShift));
}

//! Base-running branches of each outcome from each base-out state: the model's transitions of a plate appearance
//! that is surely that outcome.
void FillRunning(const models::BaseRunning& running, kb::BaseballParams& out) {
    for (int outcome = 0; outcome < kb::kPaOutcomes; ++outcome) {
        models::PaRates sure{};
        sure[static_cast<std::size_t>(outcome)] = 1.0;
        for (int state = 0; state < kb::kBaseOutStates; ++state) {
            const models::PaTransitions t = models::BaseOutTransitions(state, sure, running);
            SIMBOOK_REQUIRE(t.count >= 1 && t.count <= kb::kRunningBranches, "base running with too many branches");
            const int r = outcome * kb::kBaseOutStates + state;
            double p[kb::kRunningBranches] = {};
            for (int b = 0; b < kb::kRunningBranches; ++b) {
                const models::PaTransition& x = t.items[static_cast<std::size_t>(std::min(b, t.count - 1))];
                p[b] = b < t.count ? x.probability : 0.0;
                out.running_result[r][b] = PackRunning(x);
            }
            Cumulative(p, kb::kRunningBranches, out.running_threshold[r]);
            for (int b = t.count - 1; b < kb::kRunningBranches - 1; ++b) {
                out.running_threshold[r][b] = 0xffffffffu; // no branch past the last real one (bar a 2^-32 draw)
            }
        }
    }
}

void FillStarter(const models::PitchingStaff& staff, int team, kb::BaseballParams& out) {
    const int whole = std::min(static_cast<int>(std::floor(staff.starter_innings)), 9);
    const double frac = whole == 9 ? 0.0 : staff.starter_innings - whole;
    out.starter_whole[team] = whole;
    out.starter_has_extra[team] = frac > 0.0 ? 1 : 0;
    out.starter_extra_threshold[team] = BaseballThreshold(frac);
}

} // namespace
} // namespace baseball_kernel_detail

std::uint32_t BaseballThreshold(double p) {
    constexpr double kTwo32 = 4294967296.0;
    const double scaled = std::round(p * kTwo32);
    if (scaled >= kTwo32 - 1.0) {
        return 0xffffffffu;
    }
    return scaled <= 0.0 ? 0u : static_cast<std::uint32_t>(scaled);
}

Result<kernels::baseball::BaseballParams> MakeBaseballKernelParams(const models::BaseballModel& model) {
    if (Status s = models::ValidateBaseballModel(model); !s.ok()) {
        return s;
    }
    kernels::baseball::BaseballParams params{};
    baseball_kernel_detail::FillPlateAppearances(model, params);
    baseball_kernel_detail::FillRunning(model.running, params);
    baseball_kernel_detail::FillStarter(model.home.pitching, 0, params);
    baseball_kernel_detail::FillStarter(model.away.pitching, 1, params);
    params.automatic_runner = model.automatic_runner ? 1 : 0;
    return params;
}

Result<kernels::baseball::BaseballState> MakeBaseballKernelState(const BaseballState& state) {
    if (Status s = ValidateBaseballState(state); !s.ok()) {
        return s;
    }
    kernels::baseball::BaseballState k;
    k.inning = state.inning;
    k.bottom = state.bottom ? 1 : 0;
    k.outs = state.outs;
    k.bases = state.bases;
    k.score[0] = state.home_runs;
    k.score[1] = state.away_runs;
    k.starter_in[0] = state.home_starter_in ? 1 : 0;
    k.starter_in[1] = state.away_starter_in ? 1 : 0;
    if (Status s = kernels::ValidateBaseballKernelState(k); !s.ok()) {
        return s;
    }
    return k;
}

BaseballState ExactBaseballState(const kernels::baseball::BaseballState& k) {
    BaseballState s;
    s.inning = k.inning;
    s.bottom = k.bottom != 0;
    s.outs = k.outs;
    s.bases = k.bases;
    s.home_runs = k.score[0];
    s.away_runs = k.score[1];
    s.home_starter_in = k.starter_in[0] != 0;
    s.away_starter_in = k.starter_in[1] != 0;
    return s;
}

} // namespace simbook::engine
