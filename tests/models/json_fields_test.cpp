#include "models/json_fields.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <string>

namespace simbook::models {
namespace {

std::string Message(const Status& status) {
    return status.message();
}

TEST(JsonFields, PathsNameTheFieldAndTopLevelFieldsStandAlone) {
    EXPECT_EQ(FieldPath("", "sims"), "sims");
    EXPECT_EQ(FieldPath("table[1]", "points"), "table[1].points");
    const nlohmann::json j = {{"x", 1}, {"colour", "red"}};
    EXPECT_EQ(Message(CheckKnownFields(j, {"x"}, "")), "colour: unknown field (allowed: x)");
    EXPECT_EQ(Message(CheckKnownFields(j, {"x"}, "p", {"type"})), "p.colour: unknown field (allowed: x, type)");
    EXPECT_TRUE(CheckKnownFields(j, {"x"}, "p", {"colour"}).ok());
}

TEST(JsonFields, NumbersInRangeWithFallbackOrRequired) {
    const nlohmann::json j = {{"a", 0.5}, {"b", "x"}, {"c", 3}};
    EXPECT_EQ(NumberField(j, "a", 0.0, "p", 0.0, 1.0).value(), 0.5);
    EXPECT_EQ(NumberField(j, "missing", 0.25, "p", 0.0, 1.0).value(), 0.25);
    EXPECT_EQ(Message(NumberField(j, "missing", std::nullopt, "p").status()), "p.missing: required");
    EXPECT_EQ(Message(NumberField(j, "b", 0.0, "p").status()), "p.b: \"x\" is not a number");
    EXPECT_EQ(Message(NumberField(j, "c", 0.0, "", 0.0, 1.5).status()), "c: 3 is outside [0, 1.5]");
}

TEST(JsonFields, IntegersRefuseFractionsAndValuesThatDoNotFit) {
    const nlohmann::json j = nlohmann::json::parse(
        R"({"n": 4, "half": 1.5, "neg": -1, "huge": 18446744073709551615, "big": 9223372036854775808})");
    EXPECT_EQ(IntField(j, "n", 0, "", 1, 10).value(), 4);
    EXPECT_EQ(IntField(j, "missing", 7, "", 1, 10).value(), 7);
    EXPECT_EQ(Message(IntField(j, "missing", std::nullopt, "s", 0, 1).status()), "s.missing: required");
    EXPECT_EQ(Message(IntField(j, "half", 0, "s", 0, 9).status()), "s.half: 1.5 is not an integer");
    EXPECT_EQ(Message(IntField(j, "n", 0, "s", 1, 3).status()), "s.n: 4 is outside [1, 3]");
    // No wrap: an unsigned value beyond int64 is out of range, not -1.
    const auto max64 = std::numeric_limits<std::int64_t>::max();
    EXPECT_EQ(Message(IntField(j, "huge", 0, "", -5, max64).status()),
              "huge: 18446744073709551615 is outside [-5, 9223372036854775807]");
    EXPECT_FALSE(IntField(j, "big", 0, "", 0, max64).ok());
    const auto max_u = std::numeric_limits<std::uint64_t>::max();
    EXPECT_EQ(UnsignedField(j, "huge", 0, "", 0, max_u).value(), max_u);
    EXPECT_EQ(Message(UnsignedField(j, "neg", 0, "", 0, max_u).status()),
              "neg: -1 is outside [0, 18446744073709551615]");
}

TEST(JsonFields, BooleansStringsAndLists) {
    const nlohmann::json j = {{"t", true}, {"one", 1}, {"s", "BOS"}, {"e", ""}, {"l", {"a", 2}}};
    EXPECT_TRUE(BoolField(j, "t", false, "state").value());
    EXPECT_FALSE(BoolField(j, "missing", false, "state").value());
    EXPECT_EQ(Message(BoolField(j, "one", false, "state").status()), "state.one: 1 is not true or false");
    EXPECT_EQ(StringField(j, "s", std::nullopt, "").value(), "BOS");
    EXPECT_EQ(StringField(j, "missing", std::string("x"), "").value(), "x");
    EXPECT_EQ(Message(StringField(j, "missing", std::nullopt, "g").status()), "g.missing: required");
    EXPECT_EQ(Message(StringField(j, "e", std::nullopt, "g").status()), "g.e: \"\" is not a non-empty string");
    EXPECT_TRUE(StringListField(j, "missing", "").value().empty());
    EXPECT_EQ(Message(StringListField(j, "s", "").status()), "s: \"BOS\" is not an array of strings");
    EXPECT_EQ(Message(StringListField(j, "l", "r").status()), "r.l[1]: 2 is not a non-empty string");
    EXPECT_EQ(TextField(j, "e", "x", "").value(), "");
    EXPECT_EQ(TextField(j, "missing", "x", "").value(), "x");
    EXPECT_EQ(Message(TextField(j, "one", "x", "g").status()), "g.one: 1 is not a string");
}

TEST(JsonFieldsTest, MessagesNeverCarryALargeValueWhole) {
    const nlohmann::json j = {
        {"big", std::string(100000, 'x')}, {"list", nlohmann::json::array({1, 2, 3})}, {"object", {{"a", 1}}}};
    const std::string big = Message(NumberField(j, "big", 0.0, "s").status());
    EXPECT_LT(big.size(), 100u) << big;
    EXPECT_EQ(big.rfind("s.big: \"xxx", 0), 0u) << big;
    EXPECT_EQ(Message(NumberField(j, "list", 0.0, "s").status()), "s.list: an array is not a number");
    EXPECT_EQ(Message(TextField(j, "object", "", "s").status()), "s.object: an object is not a string");
}

} // namespace
} // namespace simbook::models
