#include "engine/basketball/lead_table.hpp"

#include "engine/basketball/exact_internal.hpp"
#include "models/basketball_model.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>

namespace simbook::engine {

namespace kb = kernels::basketball;
static_assert(LeadTotalTable::kLowestLevel % 2 == 0 && LeadTotalTable::kLevelStep % 2 == 0,
              "stored levels are even: the overtime starts with the team that has the ball at the level");
using detail::kLeadNegligibleCell;
using detail::LeadPmfs;
using detail::PmfAt;

namespace {

//! A pmf over the points still to come: p[i] = P(points = offset + i).
struct Pmf {
    int offset = 0;
    std::vector<double> p;
};

//! Drops the cells below kLeadNegligibleCell at both ends (as the forward DP trims its rows).
void Trim(Pmf& pmf) {
    std::size_t lo = 0, hi = pmf.p.size();
    while (lo < hi && pmf.p[lo] < kLeadNegligibleCell) {
        ++lo;
    }
    while (hi > lo && pmf.p[hi - 1] < kLeadNegligibleCell) {
        --hi;
    }
    pmf.p.erase(pmf.p.begin() + static_cast<std::ptrdiff_t>(hi), pmf.p.end());
    pmf.p.erase(pmf.p.begin(), pmf.p.begin() + static_cast<std::ptrdiff_t>(lo));
    pmf.offset += static_cast<int>(lo);
}

//! One level of the backward walk (k slots left): for each team with the ball, the rows |m| <= explicit_radius
//! (decided and tied at the end of regulation), and past them the rows where the margin can no longer come
//! within the lead cap: no tie, and the capped pmfs every slot (one pmf per side).
struct Level {
    int k = 0;
    int radius = 0;
    std::array<std::vector<Pmf>, 2> decided; //!< [team][m + radius]
    std::array<std::vector<Pmf>, 2> tied;
    std::array<std::array<Pmf, 2>, 2> far; //!< [team][m > 0]

    //! Rows past 17 + 3k never bring the margin within the cap (20) in the k slots left, nor to a tie.
    static int ExplicitRadius(int k) { return 17 + 3 * k; }
    const Pmf& Decided(int team, int m) const {
        if (std::abs(m) > radius) {
            return far[static_cast<std::size_t>(team)][m > 0 ? 1 : 0];
        }
        return decided[static_cast<std::size_t>(team)][static_cast<std::size_t>(m + radius)];
    }
    const Pmf* Tied(int team, int m) const {
        if (std::abs(m) > radius) {
            return nullptr;
        }
        return &tied[static_cast<std::size_t>(team)][static_cast<std::size_t>(m + radius)];
    }
};

//! sum over x of pmf[x] x source(x) shifted by x points (a possession scoring x).
template <typename Source> Pmf Combine(const std::array<double, 4>& pmf, Source&& source) {
    int lo = 0, hi = -1;
    bool any = false;
    for (int x = 0; x < 4; ++x) {
        const Pmf* s = source(x);
        if (s == nullptr || s->p.empty() || pmf[static_cast<std::size_t>(x)] == 0.0) {
            continue;
        }
        const int from = s->offset + x, to = s->offset + x + static_cast<int>(s->p.size()) - 1;
        lo = any ? std::min(lo, from) : from;
        hi = any ? std::max(hi, to) : to;
        any = true;
    }
    Pmf out;
    if (!any) {
        return out;
    }
    out.offset = lo;
    out.p.assign(static_cast<std::size_t>(hi - lo + 1), 0.0);
    for (int x = 3; x >= 0; --x) {
        const Pmf* s = source(x);
        const double w = pmf[static_cast<std::size_t>(x)];
        if (s == nullptr || s->p.empty() || w == 0.0) {
            continue;
        }
        double* o = out.p.data() + (s->offset + x - lo);
        for (std::size_t i = 0; i < s->p.size(); ++i) {
            o[i] += w * s->p[i];
        }
    }
    Trim(out);
    return out;
}

//! The level with one slot more than `prev`, its rows out to `radius` (at most the explicit radius).
Level StepBack(const LeadPmfs& pmfs, const Level& prev, int radius) {
    Level next;
    next.k = prev.k + 1;
    next.radius = std::min(radius, Level::ExplicitRadius(next.k));
    for (int team = 0; team < 2; ++team) {
        const int sign = team == 0 ? 1 : -1; // home points raise the margin, away points lower it
        const int other = 1 - team;
        auto& decided = next.decided[static_cast<std::size_t>(team)];
        auto& tied = next.tied[static_cast<std::size_t>(team)];
        decided.resize(static_cast<std::size_t>(2 * next.radius + 1));
        tied.resize(decided.size());
        for (int m = -next.radius; m <= next.radius; ++m) {
            const std::array<double, 4>& pmf = PmfAt(pmfs, team, m);
            decided[static_cast<std::size_t>(m + next.radius)] =
                Combine(pmf, [&](int x) { return &prev.Decided(other, m + sign * x); });
            tied[static_cast<std::size_t>(m + next.radius)] =
                Combine(pmf, [&](int x) { return prev.Tied(other, m + sign * x); });
        }
        for (int side = 0; side < 2; ++side) { // far rows: the margin stays past the cap on that side
            const int m = side == 1 ? kb::kLeadCap + 1 : -(kb::kLeadCap + 1);
            next.far[static_cast<std::size_t>(team)][static_cast<std::size_t>(side)] =
                Combine(PmfAt(pmfs, team, m), [&](int) {
                    return &prev.far[static_cast<std::size_t>(other)][static_cast<std::size_t>(side)];
                });
        }
    }
    return next;
}

//! The end of regulation: no points to come; decided unless tied.
Level LastLevel() {
    Level level;
    level.radius = Level::ExplicitRadius(0);
    for (int team = 0; team < 2; ++team) {
        auto& decided = level.decided[static_cast<std::size_t>(team)];
        auto& tied = level.tied[static_cast<std::size_t>(team)];
        decided.assign(static_cast<std::size_t>(2 * level.radius + 1), Pmf{0, {1.0}});
        tied.assign(decided.size(), Pmf{});
        decided[static_cast<std::size_t>(level.radius)] = Pmf{};
        tied[static_cast<std::size_t>(level.radius)] = Pmf{0, {1.0}};
        level.far[static_cast<std::size_t>(team)] = {Pmf{0, {1.0}}, Pmf{0, {1.0}}};
    }
    return level;
}

} // namespace

LeadTotalTable::LeadTotalTable(const kb::BasketballParams& params, const std::atomic<bool>* cancel) : params_(params) {
    Build(cancel);
}

std::size_t LeadTotalTable::RowIndex(int level, int team, int margin, bool tied) const {
    const std::size_t per_level = 2 * (2 * kRadius + 1) * 2;
    return static_cast<std::size_t>(level) * per_level +
           ((static_cast<std::size_t>(team) * (2 * kRadius + 1) + static_cast<std::size_t>(margin + kRadius)) * 2 +
            (tied ? 1 : 0));
}

void LeadTotalTable::Store(int level, int team, int margin, bool tied, const std::vector<double>& pmf, int offset) {
    Row& row = rows_[RowIndex(level, team, margin, tied)];
    row.start = static_cast<std::uint32_t>(data_.size());
    row.size = static_cast<std::uint32_t>(pmf.size());
    row.offset = offset;
    data_.insert(data_.end(), pmf.begin(), pmf.end());
}

void LeadTotalTable::Build(const std::atomic<bool>* cancel) {
    pmfs_ = detail::MakeLeadPmfs(params_);
    const LeadPmfs& pmfs = pmfs_;
    kb::BasketballState tip_off{1, kb::kQuarterSeconds, {0, 0}, -1, 0};
    int most_slots = 0, most_overtime = 0;
    for (const detail::PaceEnd& e : detail::PaceEnds(params_, tip_off)) {
        most_slots = std::max(most_slots, e.slots);
        most_overtime = std::max(most_overtime, e.m);
    }
    max_level_ = kLowestLevel + (std::max(most_slots, kLowestLevel) - kLowestLevel) / kLevelStep * kLevelStep;
    const int levels = (max_level_ - kLowestLevel) / kLevelStep + 1;
    rows_.assign(static_cast<std::size_t>(levels) * 2 * (2 * kRadius + 1) * 2, Row{});
    Level level = LastLevel();
    for (int k = 0;; ++k) {
        if (k >= kLowestLevel && (k - kLowestLevel) % kLevelStep == 0) {
            const int index = (k - kLowestLevel) / kLevelStep;
            for (int team = 0; team < 2; ++team) {
                for (int m = -kRadius; m <= kRadius; ++m) {
                    const Pmf& d = level.Decided(team, m);
                    Store(index, team, m, false, d.p, d.offset);
                    const Pmf* t = level.Tied(team, m);
                    Store(index, team, m, true, t != nullptr ? t->p : std::vector<double>{},
                          t != nullptr ? t->offset : 0);
                }
            }
        }
        if (k == max_level_) {
            break;
        }
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
            max_level_ = 0; // covers no state: Total declines every one
            rows_.clear();
            data_.clear();
            return;
        }
        // Rows needed at level k + 1 so that every stored level reaches kRadius.
        level = StepBack(pmfs, level, kRadius + 3 * (max_level_ - k - 1));
    }
    data_.shrink_to_fit();
    overtime_total_.assign(static_cast<std::size_t>(2 * (most_overtime + 1)), {});
    for (int m = 1; m <= most_overtime; ++m) {
        for (int first = 0; first < 2; ++first) {
            overtime_total_[static_cast<std::size_t>(2 * m + first)] = detail::OvertimeTotal(pmfs, m, first);
        }
    }
}

std::optional<IntegerPmf> LeadTotalTable::Total(const kb::BasketballState& state) const {
    const std::vector<detail::PaceEnd> ends = detail::PaceEnds(params_, state);
    const int lead = state.score[0] - state.score[1];
    constexpr int kForward = kLevelStep - 1; // slots stepped forward at most
    if (std::abs(lead) + 3 * kForward > kRadius) {
        return std::nullopt;
    }
    for (const detail::PaceEnd& e : ends) {
        if (e.slots < kLowestLevel || e.slots >= max_level_ + kLevelStep ||
            2 * e.m + 1 >= static_cast<int>(overtime_total_.size())) {
            return std::nullopt;
        }
    }
    const LeadPmfs& pmfs = pmfs_;
    // The forward steps: (margin lead - 3 kForward .. lead + 3 kForward, points 0 .. 3 kForward).
    constexpr int kRows = 6 * kForward + 1, kCols = 3 * kForward + 1;
    using Grid = std::array<double, kRows * kCols>;
    auto at = [](int dm, int points) { return static_cast<std::size_t>((dm + 3 * kForward) * kCols + points); };
    // Accumulated forward mass by (level index, parity of the forward steps, overtime length).
    struct Accumulator {
        int level;
        int parity;
        int m;
        Grid mass;
    };
    IntegerPmf out{state.score[0] + state.score[1], {}};
    out.p.assign(static_cast<std::size_t>(3 * (max_level_ + kLevelStep) + 1), 0.0);
    std::vector<std::vector<double>> tied(overtime_total_.size()); // by 2 m + first: regulation points to come
    for (const auto& [start, start_weight] : detail::Starts(state)) {
        std::array<Grid, kLevelStep> forward{};
        forward[0][at(0, 0)] = 1.0;
        for (int j = 0; j + 1 < kLevelStep; ++j) {
            const int team = start ^ (j & 1);
            for (int dm = -3 * j; dm <= 3 * j; ++dm) {
                const std::array<double, 4>& pmf = PmfAt(pmfs, team, lead + dm);
                for (int points = 0; points <= 3 * j; ++points) {
                    const double v = forward[static_cast<std::size_t>(j)][at(dm, points)];
                    for (int x = 0; x < 4 && v != 0.0; ++x) {
                        forward[static_cast<std::size_t>(j + 1)][at(dm + (team == 0 ? x : -x), points + x)] +=
                            v * pmf[static_cast<std::size_t>(x)];
                    }
                }
            }
        }
        std::vector<Accumulator> accumulators;
        for (const detail::PaceEnd& e : ends) {
            const int level = (e.slots - kLowestLevel) / kLevelStep;
            const int j = e.slots - kLowestLevel - level * kLevelStep;
            auto it = std::find_if(accumulators.begin(), accumulators.end(), [&](const Accumulator& a) {
                return a.level == level && a.parity == (j & 1) && a.m == e.m;
            });
            if (it == accumulators.end()) {
                accumulators.push_back({level, j & 1, e.m, Grid{}});
                it = accumulators.end() - 1;
            }
            const Grid& g = forward[static_cast<std::size_t>(j)];
            for (std::size_t i = 0; i < g.size(); ++i) {
                it->mass[i] += start_weight * e.weight * g[i];
            }
        }
        for (const Accumulator& a : accumulators) {
            // After j slots the ball is with start ^ j; the stored levels are even, so the overtime starts with it.
            const int team = start ^ a.parity;
            std::vector<double>& tie = tied[static_cast<std::size_t>(2 * a.m + team)];
            for (int dm = -3 * kForward; dm <= 3 * kForward; ++dm) {
                for (int points = 0; points <= 3 * kForward; ++points) {
                    const double v = a.mass[at(dm, points)];
                    if (v == 0.0) {
                        continue;
                    }
                    const Row& d = rows_[RowIndex(a.level, team, lead + dm, false)];
                    double* o = out.p.data() + points + d.offset;
                    for (std::uint32_t i = 0; i < d.size; ++i) {
                        o[i] += v * data_[d.start + i];
                    }
                    const Row& t = rows_[RowIndex(a.level, team, lead + dm, true)];
                    if (a.m == 0 || t.size == 0) {
                        continue; // no overtime possessions: the tied mass is the kernel's invalid paths
                    }
                    const std::size_t need = static_cast<std::size_t>(points + t.offset) + t.size;
                    if (tie.size() < need) {
                        tie.resize(need, 0.0);
                    }
                    for (std::uint32_t i = 0; i < t.size; ++i) {
                        tie[static_cast<std::size_t>(points + t.offset) + i] += v * data_[t.start + i];
                    }
                }
            }
        }
    }
    for (std::size_t g = 0; g < tied.size(); ++g) {
        const std::vector<double>& over = overtime_total_[g];
        const std::vector<double>& tie = tied[g];
        if (tie.empty() || over.empty()) {
            continue;
        }
        if (out.p.size() < tie.size() + over.size()) {
            out.p.resize(tie.size() + over.size(), 0.0);
        }
        for (std::size_t v = 0; v < tie.size(); ++v) {
            // The zero test out of the inner loop, which then vectorises (this loop was 70% of a lookup).
            const double mass = tie[v];
            if (mass == 0.0) {
                continue;
            }
            double* o = out.p.data() + v;
            for (std::size_t w = 0; w < over.size(); ++w) {
                o[w] += mass * over[w];
            }
        }
    }
    detail::TrimZeros(out);
    return out;
}

std::size_t LeadTotalTable::Bytes() const {
    std::size_t bytes = data_.size() * sizeof(double) + rows_.size() * sizeof(Row);
    for (const auto& v : overtime_total_) {
        bytes += v.size() * sizeof(double);
    }
    return bytes;
}

// ---- The cache ----

namespace {

//! What a table depends on: the lead pmfs and the pace distribution (the overtime lengths follow from it).
std::vector<double> KeyOf(const kb::BasketballParams& params) {
    std::vector<double> key;
    for (const auto& team : detail::MakeLeadPmfs(params)) {
        for (const auto& row : team) {
            key.insert(key.end(), row.begin(), row.end());
        }
    }
    const auto pace = models::PaceProbabilities(params);
    key.insert(key.end(), pace.begin(), pace.end());
    key.push_back(static_cast<double>(params.pace_min));
    return key;
}

} // namespace

struct LeadTableCache::Impl {
    struct Entry {
        std::vector<double> key;
        std::shared_ptr<const LeadTotalTable> table; //!< null while queued or building
        std::chrono::steady_clock::time_point used;
        kb::BasketballParams params;
    };
    std::mutex mutex;
    std::condition_variable wake;    //!< the builder: work queued or stopping
    std::condition_variable settled; //!< WaitIdle: a build finished
    std::atomic<bool> cancel{false}; //!< stops a running build (the process is exiting)
    std::vector<Entry> entries;
    std::size_t capacity = 8;
    bool building = false;
    bool stopping = false;
    std::thread builder;

    //! Runs builds of queued entries until stopping.
    void Run() {
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, [this] { return stopping || Queued() != nullptr; });
            if (stopping) {
                return;
            }
            Entry* e = Queued();
            const std::vector<double> key = e->key;
            const kb::BasketballParams params = e->params;
            building = true;
            lock.unlock();
            auto table = std::make_shared<const LeadTotalTable>(params, &cancel);
            lock.lock();
            building = false;
            for (Entry& entry : entries) {
                if (entry.key == key && !entry.table) {
                    entry.table = std::move(table);
                    break;
                }
            }
            settled.notify_all();
        }
    }
    Entry* Queued() {
        for (Entry& e : entries) {
            if (!e.table) {
                return &e;
            }
        }
        return nullptr;
    }
};

LeadTableCache& LeadTableCache::Instance() {
    static LeadTableCache cache;
    return cache;
}

LeadTableCache::LeadTableCache() : impl_(std::make_unique<Impl>()) {}

LeadTableCache::~LeadTableCache() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopping = true;
    }
    impl_->cancel.store(true); // a build still running at exit stops at its next level
    impl_->wake.notify_all();
    if (impl_->builder.joinable()) {
        impl_->builder.join();
    }
}

std::shared_ptr<const LeadTotalTable> LeadTableCache::Find(const kb::BasketballParams& params) {
    if (models::LeadIndependent(params)) {
        return nullptr;
    }
    static_assert(std::is_trivially_copyable_v<kb::BasketballParams>);
    Impl& m = *impl_;
    const auto now = std::chrono::steady_clock::now();
    {
        // The same parameters byte for byte (every update of a game): found without deriving the key.
        std::lock_guard lock(m.mutex);
        for (Impl::Entry& e : m.entries) {
            if (std::memcmp(&e.params, &params, sizeof params) == 0) {
                e.used = now;
                return e.table;
            }
        }
    }
    std::vector<double> key = KeyOf(params);
    std::lock_guard lock(m.mutex);
    if (m.capacity == 0) {
        return nullptr;
    }
    for (Impl::Entry& e : m.entries) {
        if (e.key == key) {
            e.used = now;
            return e.table;
        }
    }
    if (m.entries.size() >= m.capacity) {
        // Full: drop the least recently used table if nobody has asked for it for a minute, else do not build.
        auto lru = std::min_element(m.entries.begin(), m.entries.end(),
                                    [](const Impl::Entry& a, const Impl::Entry& b) { return a.used < b.used; });
        if (!lru->table || now - lru->used < std::chrono::minutes(1)) {
            return nullptr;
        }
        m.entries.erase(lru);
    }
    m.entries.push_back({std::move(key), nullptr, now, params});
    if (!m.builder.joinable()) {
        m.builder = std::thread([&m] { m.Run(); });
    }
    m.wake.notify_all();
    return nullptr;
}

void LeadTableCache::SetCapacity(std::size_t tables) {
    Impl& m = *impl_;
    std::lock_guard lock(m.mutex);
    m.capacity = tables;
    while (m.entries.size() > tables) { // drop built tables first, least recently used first
        auto victim =
            std::min_element(m.entries.begin(), m.entries.end(), [](const Impl::Entry& a, const Impl::Entry& b) {
                return (a.table != nullptr) != (b.table != nullptr) ? a.table != nullptr : a.used < b.used;
            });
        m.entries.erase(victim);
    }
}

void LeadTableCache::WaitIdle() {
    Impl& m = *impl_;
    std::unique_lock lock(m.mutex);
    m.settled.wait(lock, [&m] { return !m.building && m.Queued() == nullptr; });
}

std::size_t LeadTableCache::Size() {
    Impl& m = *impl_;
    std::lock_guard lock(m.mutex);
    return static_cast<std::size_t>(
        std::count_if(m.entries.begin(), m.entries.end(), [](const Impl::Entry& e) { return e.table != nullptr; }));
}

} // namespace simbook::engine
