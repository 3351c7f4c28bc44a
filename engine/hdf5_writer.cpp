#include "engine/hdf5_writer.hpp"

#include <H5Cpp.h>
#include <nlohmann/json.hpp>

#include <vector>

namespace simbook::engine {

namespace {

void StringAttribute(H5::H5Object& object, const char* name, const std::string& value) {
    const H5::StrType type(H5::PredType::C_S1, value.empty() ? 1 : value.size());
    H5::Attribute attribute = object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
    attribute.write(type, value.empty() ? std::string(" ") : value);
}

template <typename T> void ScalarAttribute(H5::H5Object& object, const char* name, const H5::PredType& type, T value) {
    H5::Attribute attribute = object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
    attribute.write(type, &value);
}

template <typename T>
H5::DataSet Dataset(H5::Group& group, const char* name, const H5::PredType& type, const std::vector<hsize_t>& dims,
                    const std::vector<T>& data) {
    const H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
    H5::DataSet dataset = group.createDataSet(name, type, space);
    dataset.write(data.data(), type);
    return dataset;
}

std::vector<std::uint64_t> Counts(const Histogram1D& h) {
    return h.counts();
}

//! The sport's own datasets, in a group named after the sport.
void WriteSportGroup(H5::H5File& file, const SoccerTallies& s) {
    H5::Group g = file.createGroup("/soccer");
    const Histogram2D& ht = s.half_time;
    std::vector<std::uint64_t> ht_counts(ht.dim() * ht.dim());
    for (std::size_t h = 0; h < ht.dim(); ++h) {
        for (std::size_t a = 0; a < ht.dim(); ++a) {
            ht_counts[h * ht.dim() + a] = ht.count(h, a);
        }
    }
    Dataset(g, "half_time_counts", H5::PredType::NATIVE_UINT64, {ht.dim(), ht.dim()}, ht_counts);
    std::vector<std::uint64_t> minutes = Counts(s.goal_minute[0]);
    const std::vector<std::uint64_t> away = Counts(s.goal_minute[1]);
    minutes.insert(minutes.end(), away.begin(), away.end());
    Dataset(g, "goal_minute_counts", H5::PredType::NATIVE_UINT64, {2, away.size()}, minutes);
    const std::vector<std::uint64_t> first(s.first_goal.begin(), s.first_goal.end());
    Dataset(g, "first_goal_counts", H5::PredType::NATIVE_UINT64, {first.size()}, first);
    Dataset(g, "lead_change_counts", H5::PredType::NATIVE_UINT64, {s.lead_changes.size()}, Counts(s.lead_changes));
}

void WriteSportGroup(H5::H5File& file, const BasketballTallies& b) {
    H5::Group g = file.createGroup("/basketball");
    const auto& players = b.players;
    std::vector<std::uint64_t> stats;
    nlohmann::json names = nlohmann::json::array();
    std::vector<int> teams;
    for (const PlayerTallies& p : players) {
        for (const Histogram1D& h : p.stat) {
            stats.insert(stats.end(), h.counts().begin(), h.counts().end());
        }
        names.push_back(p.name);
        teams.push_back(p.team);
    }
    if (!players.empty()) {
        H5::DataSet set = Dataset(g, "player_stat_counts", H5::PredType::NATIVE_UINT64,
                                  {players.size(), kernels::basketball::kPlayerStats, 256}, stats);
        StringAttribute(set, "player_names", names.dump());
        StringAttribute(set, "stats", R"(["points","rebounds","assists","threes"])");
        Dataset(g, "player_teams", H5::PredType::NATIVE_INT, {teams.size()}, teams);
    }
    Dataset(g, "overtime_counts", H5::PredType::NATIVE_UINT64, {b.overtimes.size()}, Counts(b.overtimes));
    Dataset(g, "largest_run_counts", H5::PredType::NATIVE_UINT64, {b.largest_run.size()}, Counts(b.largest_run));
    Dataset(g, "lead_change_counts", H5::PredType::NATIVE_UINT64, {b.lead_changes.size()}, Counts(b.lead_changes));
}

void WriteSportGroup(H5::H5File& file, const BaseballTallies& b) {
    H5::Group g = file.createGroup("/baseball");
    Dataset(g, "innings_counts", H5::PredType::NATIVE_UINT64, {b.innings.size()}, Counts(b.innings));
    std::vector<std::uint64_t> runs;
    for (const auto& team : b.inning_runs) {
        runs.insert(runs.end(), team.begin(), team.end());
    }
    // Sums over paths of the runs each team scored in innings 1-12 from the state on.
    Dataset(g, "inning_run_sums", H5::PredType::NATIVE_UINT64, {2, b.inning_runs[0].size()}, runs);
    const std::vector<std::uint64_t> first(b.first_score.begin(), b.first_score.end());
    Dataset(g, "first_score_counts", H5::PredType::NATIVE_UINT64, {first.size()}, first);
    ScalarAttribute(g, "walkoffs", H5::PredType::NATIVE_UINT64, b.walkoffs);
}

void WriteSportGroup(H5::H5File& file, const FootballTallies& f) {
    H5::Group g = file.createGroup("/football");
    std::vector<std::uint64_t> points;
    for (const auto& team : f.quarter_points) {
        points.insert(points.end(), team.begin(), team.end());
    }
    // Sums over paths of the points each team scored in quarters 1-4 from the state on.
    Dataset(g, "quarter_point_sums", H5::PredType::NATIVE_UINT64, {2, 4}, points);
    const std::vector<std::uint64_t> next(f.next_score.begin(), f.next_score.end());
    Dataset(g, "next_score_counts", H5::PredType::NATIVE_UINT64, {next.size()}, next);
    Dataset(g, "drive_counts", H5::PredType::NATIVE_UINT64, {f.drives.size()}, Counts(f.drives));
    ScalarAttribute(g, "overtimes", H5::PredType::NATIVE_UINT64, f.overtimes);
}

} // namespace

Status WriteHdf5(const std::string& path, const SimulationResult& r, const std::string& model_json,
                 const std::string& state_json) {
    try {
        H5::Exception::dontPrint();
        H5::H5File file(path, H5F_ACC_TRUNC);
        H5::Group root = file.openGroup("/");
        StringAttribute(root, "sport", SportName(r.sport()));
        StringAttribute(root, "backend", std::string(kernels::BackendName(r.backend)));
        StringAttribute(root, "model", model_json);
        StringAttribute(root, "state", state_json);
        ScalarAttribute(root, "seed", H5::PredType::NATIVE_UINT64, r.seed);
        ScalarAttribute(root, "sims", H5::PredType::NATIVE_UINT64, r.sims);
        ScalarAttribute(root, "invalid_paths", H5::PredType::NATIVE_UINT64, r.invalid_paths);

        const std::size_t rows = r.score.MaxHome() + 1;
        const std::size_t cols = r.score.MaxAway() + 1;
        std::vector<std::uint64_t> counts(rows * cols);
        std::vector<double> probability(rows * cols);
        for (std::size_t h = 0; h < rows; ++h) {
            for (std::size_t a = 0; a < cols; ++a) {
                counts[h * cols + a] = r.score.count(h, a);
                probability[h * cols + a] =
                    r.sims > 0 ? static_cast<double>(r.score.count(h, a)) / static_cast<double>(r.sims) : 0.0;
            }
        }
        Dataset(root, "score_counts", H5::PredType::NATIVE_UINT64, {rows, cols}, counts);
        Dataset(root, "score_distribution", H5::PredType::NATIVE_DOUBLE, {rows, cols}, probability);
        int offset = 0;
        const std::vector<double> margin = r.MarginDistribution(&offset);
        H5::DataSet margin_set =
            Dataset(root, "margin_distribution", H5::PredType::NATIVE_DOUBLE, {margin.size()}, margin);
        ScalarAttribute(margin_set, "offset", H5::PredType::NATIVE_INT, offset);
        const std::vector<double> total = r.TotalDistribution();
        Dataset(root, "total_distribution", H5::PredType::NATIVE_DOUBLE, {total.size()}, total);

        std::visit([&file](const auto& tallies) { WriteSportGroup(file, tallies); }, r.tallies);
    } catch (const H5::Exception& e) {
        return {StatusCode::kUnavailable, "cannot write HDF5 file '" + path + "': " + e.getDetailMsg()};
    }
    return Status::Ok();
}

} // namespace simbook::engine
