#include "api/request_reader.hpp"

#include "api/errors.hpp"
#include "api/event_pricing.hpp"
#include "api/event_registry.hpp"
#include "api/json_depth.hpp"
#include "api/requests.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace simbook::api {
namespace {

// The message of the ApiError that reading throws, "" when it throws none.
template <typename F> std::string Refusal(F read) {
    try {
        read();
    } catch (const ApiError& e) {
        return e.field + "|" + e.message;
    }
    return "";
}

TEST(FieldReader, KeepsTheApiMessagesOverTheModelsReaders) {
    const nlohmann::json body = nlohmann::json::parse(
        R"({"s": "BOS", "e": "", "x": 1.5, "t": "1", "n": 5, "neg": -1, "big": 18446744073709551615})");
    const FieldReader in(body);
    EXPECT_EQ(in.String("s"), "BOS");
    EXPECT_EQ(Refusal([&] { (void)in.String("e"); }), "e|e must be a non-empty string");
    EXPECT_EQ(Refusal([&] { (void)in.String("missing"); }), "missing|missing is required");
    EXPECT_FALSE(in.OptionalString("missing").has_value());
    EXPECT_EQ(in.Number("x"), 1.5);
    EXPECT_EQ(Refusal([&] { (void)in.Number("t"); }), "t|t must be a number");
    EXPECT_EQ(Refusal([&] { (void)in.Number("missing"); }), "missing|missing is required");
    EXPECT_EQ(in.OptionalInteger("n", 1, 10), 5u);
    EXPECT_FALSE(in.OptionalInteger("missing", 1, 10).has_value());
    EXPECT_EQ(Refusal([&] { (void)in.OptionalInteger("n", 1, 4); }), "n|n must be an integer in [1, 4]");
    EXPECT_EQ(Refusal([&] { (void)in.OptionalInteger("x", 1, 4); }), "x|x must be an integer in [1, 4]");
    EXPECT_EQ(Refusal([&] { (void)in.OptionalInteger("neg", 0, 4, "neg must be a non-negative integer"); }),
              "neg|neg must be a non-negative integer");
    // A seed beyond int64 is a non-negative integer like any other (no wrap to a negative value).
    const auto max = std::numeric_limits<std::uint64_t>::max();
    EXPECT_EQ(in.OptionalInteger("big", 0, max), max);
}

TEST(ResolveRequest, TimeIsWholeUnixMilliseconds) {
    // Found by fuzz/request_body_fuzz: {"time_ms": -1e30} was cast to int64, undefined behaviour.
    const std::string head = R"({"label": "home", "confidence": 0.9, "time_ms": )";
    for (const char* time : {"-1e30", "1e30", "-1", "1767000000000.5", "\"1767000000000\"", "253402300800000"}) {
        EXPECT_EQ(Refusal([&] { (void)ReadRequest<ResolveRequest>(head + time + "}"); }),
                  "time_ms|time_ms must be Unix milliseconds, an integer in [0, 253402300799999]")
            << time;
    }
    EXPECT_EQ(ReadRequest<ResolveRequest>(head + "1767000000000}").time_ms, 1767000000000);
    EXPECT_FALSE(ReadRequest<ResolveRequest>(R"({"label": "home", "confidence": 0.9})").time_ms.has_value());
}

TEST(ValidateStateUpdate, OutOfOrderNamesTheFieldAndReason) {
    // Found by fuzz/live_state_fuzz: the 409's message was read through a reference to a destroyed Status
    // (stack-use-after-scope; the asan preset fails this test without the fix).
    Event e;
    e.game = LoadEventGame(SIMBOOK_SOURCE_PARAMS_DIR, "soccer", "premier-league", "Arsenal", "Chelsea").game;
    RestoreState(nlohmann::json::parse(R"({"minute": 60, "home": 1, "away": 1})"), &e.game);
    try {
        (void)ValidateStateUpdate(e, nlohmann::json::parse(R"({"minute": 50, "home": 0, "away": 1})"));
        ADD_FAILURE() << "a state going back was accepted";
    } catch (const ApiError& error) {
        EXPECT_EQ(error.reason, "out_of_order");
        EXPECT_FALSE(error.field.empty());
        EXPECT_EQ(error.message.find(": "), std::string::npos) << error.message;
        EXPECT_FALSE(error.message.empty());
    }
}

TEST(JsonNesting, CountsArraysAndObjectsNotBracketsInStrings) {
    EXPECT_EQ(JsonNesting(R"({"a": 1})"), 1u);
    EXPECT_EQ(JsonNesting(R"({"a": [[1], {"b": {}}]})"), 4u);
    EXPECT_EQ(JsonNesting(R"({"a": "[[[{{{", "b": "\"[[["})"), 1u);
    EXPECT_EQ(JsonNesting("42"), 0u);
}

TEST(ParseBody, RefusesBodiesNestedDeeperThanTheLimit) {
    const auto nested = [](std::size_t depth) {
        return "{\"state\": " + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
    };
    EXPECT_NO_THROW(ParseBody(nested(kMaxJsonNesting)));
    EXPECT_EQ(Refusal([&] { ParseBody(nested(kMaxJsonNesting + 1)); }),
              "body|request body is nested deeper than 64 levels");
    EXPECT_EQ(Refusal([&] { ParseBody(nested(300'000)); }), "body|request body is nested deeper than 64 levels");
}

} // namespace
} // namespace simbook::api
