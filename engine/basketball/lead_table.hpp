//! Backward tables of the exact basketball total with a lead pull: the first stage of a live state update in
//! microseconds instead of a slot-by-slot DP over the rest of the game.
//!
//! With a lead pull a possession's points depend on the margin, so the final total needs the joint (margin,
//! points) walk: stepped forward from a state it costs O(slots^2) cells (milliseconds from early states). The
//! walk backward does not depend on the state: for k slots left, a margin m and the team with the ball, the
//! table holds the pmf of the points still to come in regulation, split by whether regulation ends tied (then
//! the overtimes follow). A state update reads its row for each pace (the paces end regulation after different
//! numbers of slots), after at most kLevelStep - 1 slots stepped forward to the nearest stored level.
//! The table is built once per model (params) and reused by every state of every event with that model. Its
//! rows are trimmed as the forward DP's are (cells below 1e-16 at the ends), so the two agree to about 1e-11.
#pragma once

#include "engine/score_distribution.hpp"
#include "kernels/basketball/basketball_params.hpp"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace simbook::engine {

class LeadTotalTable {
public:
    //! Levels (slots left) stored: every kLevelStep-th from kLowestLevel up to the most slots a game can have.
    static constexpr int kLevelStep = 4;
    //! States with fewer slots left for some pace are priced by the forward DP (fast there). From 24 (before
    //! 2026-12-07) the last minutes' states took the forward DP's 1.4-1.5 ms, the slowest first stages of a game.
    static constexpr int kLowestLevel = 4;
    //! Margins stored: |m| <= kRadius. States whose margin can leave it before the nearest level use the DP.
    static constexpr int kRadius = 40;

    //! Builds the table of a model with a lead pull (tens of milliseconds to a few hundred). When `cancel` becomes
    //! true the build stops early and the table covers no state.
    explicit LeadTotalTable(const kernels::basketball::BasketballParams& params,
                            const std::atomic<bool>* cancel = nullptr);

    //! pmf of the final total (overtimes included) from the state, as ExactBasketballTotal, or nullopt where the
    //! state is outside the table (too few slots left, or a margin past kRadius - 3 * (kLevelStep - 1)).
    std::optional<IntegerPmf> Total(const kernels::basketball::BasketballState& state) const;

    //! The model the table was built for.
    const kernels::basketball::BasketballParams& params() const { return params_; }
    //! Memory held, bytes.
    std::size_t Bytes() const;

private:
    //! One stored pmf over the points to come: data_[start, start + size) is P(points = offset + i).
    struct Row {
        std::uint32_t start = 0;
        std::uint32_t size = 0;
        std::int32_t offset = 0;
    };
    //! Index of (level index, team with the ball, margin, tied at the end?) in rows_.
    std::size_t RowIndex(int level, int team, int margin, bool tied) const;
    void Store(int level, int team, int margin, bool tied, const std::vector<double>& pmf, int offset);
    void Build(const std::atomic<bool>* cancel);

    kernels::basketball::BasketballParams params_;
    //! Points pmf of each offence at each lead row (detail::LeadPmfs).
    std::array<std::array<std::array<double, 4>, kernels::basketball::kLeadRows>, 2> pmfs_{};
    int max_level_ = 0; //!< the highest stored level
    std::vector<Row> rows_;
    std::vector<double> data_;
    //! Points of the overtimes from a tie, by overtime length m and the team with the ball first.
    std::vector<std::vector<double>> overtime_total_; //!< index 2 * m + first
};

//! A process-wide cache of tables, built by one background thread so that no request waits for a build. A model
//! is queued for a build the first time it is looked up while the cache has room (or holds a table unused for a
//! minute, which it then drops); until its table is ready, callers price with the forward DP.
class LeadTableCache {
public:
    //! The cache used by ExactMainLines.
    static LeadTableCache& Instance();
    ~LeadTableCache();

    //! The model's table if built, else null (and the model queued as above). Null for a model without a pull.
    std::shared_ptr<const LeadTotalTable> Find(const kernels::basketball::BasketballParams& params);
    //! Most tables held (about 25 MB each); 0 turns the tables off. Default 8.
    void SetCapacity(std::size_t tables);
    //! Blocks until no build is queued or running (tests and benchmarks).
    void WaitIdle();
    //! Tables held now.
    std::size_t Size();

private:
    LeadTableCache();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace simbook::engine
