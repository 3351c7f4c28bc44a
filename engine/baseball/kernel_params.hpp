//! The baseball kernel's inputs from a model and a live state: quantised thresholds of exactly the model that
//! engine::ExactBaseball prices, so Monte Carlo and the exact chain agree.
#pragma once

#include "engine/baseball/exact.hpp"
#include "kernels/baseball/baseball_params.hpp"
#include "kernels/core/result.hpp"
#include "models/baseball_model.hpp"

namespace simbook::engine {

//! The kernel parameters of a model: plate-appearance thresholds from models::MakeMatchupRates for each of the
//! model's day factors (models::DayFactors; repeated when there is only one), base-running branches from
//! models::BaseOutTransitions per outcome and base-out state, the starters' lengths and the automatic runner.
//! Errors: an invalid model (models::ValidateBaseballModel).
Result<kernels::baseball::BaseballParams> MakeBaseballKernelParams(const models::BaseballModel& model);

//! The kernel's state of a live state. Errors: an impossible state (ValidateBaseballState), or one past the
//! kernel's innings cap.
Result<kernels::baseball::BaseballState> MakeBaseballKernelState(const BaseballState& state);

//! The exact pricer's state of a kernel state (the inverse of MakeBaseballKernelState), so a game that holds the
//! kernel's state can ask engine::ExactBaseball too.
BaseballState ExactBaseballState(const kernels::baseball::BaseballState& state);

//! round(p * 2^32) as a threshold, 0xffffffff for p at or near 1.
std::uint32_t BaseballThreshold(double p);

} // namespace simbook::engine
