// Bets: a customer's bets, placing one (idempotent by key), one bet by id.
#include "api/errors.hpp"
#include "api/handlers.hpp"
#include "api/requests.hpp"
#include "api/service_context.hpp"
#include "odds/market.hpp"

#include <cmath>

namespace simbook::api {
namespace {

using nlohmann::json;

std::string_view ToString(odds::risk::RefusalReason reason) {
    switch (reason) {
    case odds::risk::RefusalReason::kMarketSuspended:
        return "market_suspended";
    case odds::risk::RefusalReason::kMarketClosed:
        return "market_closed";
    case odds::risk::RefusalReason::kPriceMoved:
        return "price_moved";
    case odds::risk::RefusalReason::kLimit:
        return "limit";
    case odds::risk::RefusalReason::kNone:
        break;
    }
    return "refused";
}

//! Idempotency keys are scoped per API key: the book stores "<length of owner>:<owner>:<client key>" (the length
//! makes it unambiguous whatever the names hold), so one client's key never finds another's bet.
std::string ScopedKey(const std::string& owner, const std::string& key) {
    return std::to_string(owner.size()) + ":" + owner + ":" + key;
}

//! The client's key of a stored (scoped) key.
std::string ClientKey(const std::string& stored) {
    std::size_t used = 0;
    std::size_t length = 0;
    try {
        length = std::stoul(stored, &used);
    } catch (const std::exception&) {
        return stored; // stored before keys were scoped
    }
    const std::size_t start = used + 1 + length + 1;
    return used < stored.size() && stored[used] == ':' && start <= stored.size() && stored[start - 1] == ':'
               ? stored.substr(start)
               : stored;
}

json BetJson(const odds::risk::BetRecord& b) {
    return {{"id", std::to_string(b.id)},
            {"idempotency_key", ClientKey(b.idempotency_key)},
            {"customer_id", b.customer_id},
            {"event_id", b.event_id},
            {"market", b.market_key},
            {"outcome", b.outcome},
            {"price", odds::risk::ToDecimal(b.price)},
            {"requested_price", odds::risk::ToDecimal(b.requested_price)},
            {"stake", static_cast<double>(b.stake) / 100.0},
            {"potential_payout", static_cast<double>(b.potential_payout) / 100.0},
            {"placed_at_ms", b.placed_at_ms},
            {"settled", b.settled},
            {"payout", static_cast<double>(b.payout) / 100.0}};
}

} // namespace

RouteReply ListBets(ServiceContext& ctx, const RouteCall& call) {
    const std::string customer_id = call.Query("customer_id", "");
    if (customer_id.empty()) {
        throw Bad("customer_id", "customer_id query parameter is required");
    }
    auto bets = ctx.ledger->ListBetsByCustomer(customer_id);
    if (!bets.ok()) {
        throw FromStatus(bets.status());
    }
    json list = json::array();
    for (const odds::risk::BetRecord& b : bets.value()) {
        list.push_back(BetJson(b));
    }
    return json{{"customer_id", customer_id}, {"bets", list}};
}

RouteReply PlaceBet(ServiceContext& ctx, const RouteCall& call) {
    const PlaceBetRequest in = ReadRequest<PlaceBetRequest>(call.request.body, call.request.idempotency_key);
    odds::risk::BetRequest request;
    if (in.idempotency_key.size() > 200) {
        throw Bad("Idempotency-Key", "must be at most 200 characters");
    }
    request.idempotency_key = ScopedKey(call.who.name, in.idempotency_key);
    request.event_id = in.event_id;
    request.market_key = in.market;
    request.outcome = in.outcome;
    request.customer_id = in.customer_id.value_or(call.who.name);
    auto milli = odds::risk::PriceFromDecimal(in.price, "price");
    if (!milli.ok()) {
        throw FromStatus(milli.status(), "price");
    }
    if (!(in.stake > 0.0 && in.stake <= 1e8)) {
        throw Bad("stake", "stake must be in (0, 100000000]");
    }
    request.requested_price = milli.value();
    request.stake = static_cast<odds::risk::Cents>(std::llround(in.stake * 100.0));
    if (std::abs(in.stake * 100.0 - static_cast<double>(request.stake)) > 1e-6) {
        throw Bad("stake", "stake must be a whole number of cents (it is not rounded)");
    }
    request.actor = "customer:" + request.customer_id;
    ctx.events.Find(request.event_id);
    if (!ctx.book->Exposure(request.event_id, request.market_key).ok()) {
        throw NotFound("market '" + request.market_key + "' of event '" + request.event_id + "'");
    }
    auto market = odds::ParseMarket(request.market_key);
    request.line = market.ok() ? market.value().line : 0.0;
    auto response = ctx.book->PlaceBet(request);
    if (!response.ok()) {
        throw FromStatus(response.status());
    }
    const odds::risk::BetResponse& r = response.value();
    if (r.decision == odds::risk::BetDecision::kDuplicate &&
        (r.bet.event_id != request.event_id || r.bet.market_key != request.market_key ||
         r.bet.outcome != request.outcome || r.bet.stake != request.stake ||
         r.bet.requested_price != request.requested_price || r.bet.customer_id != request.customer_id)) {
        // The IETF Idempotency-Key draft: a key reused with another request is a conflict, not a replay.
        ApiError error = MakeError(StatusCode::kAlreadyExists,
                                   "Idempotency-Key '" + in.idempotency_key + "' was used for a different bet");
        error.reason = "idempotency_key_reused";
        throw error;
    }
    if (r.decision == odds::risk::BetDecision::kRefused) {
        ++ctx.metrics.bets_refused;
        // A moved price is a conflict the client resolves by quoting again (Aborted); the others are the
        // market's state or the book's limits (FailedPrecondition). Both answer 409.
        ApiError error = MakeError(r.reason == odds::risk::RefusalReason::kPriceMoved ? StatusCode::kAborted
                                                                                      : StatusCode::kFailedPrecondition,
                                   r.message.empty() ? "bet refused" : r.message);
        error.reason = std::string(ToString(r.reason));
        throw error;
    }
    RouteReply reply;
    if (r.decision == odds::risk::BetDecision::kAccepted) {
        ++ctx.metrics.bets_accepted;
        reply.status = 201;
    }
    reply.body = BetJson(r.bet);
    reply.body["duplicate"] = r.decision == odds::risk::BetDecision::kDuplicate;
    return reply;
}

RouteReply GetBet(ServiceContext& ctx, const RouteCall& call) {
    const std::string& text = call.Param("id");
    std::int64_t id = 0;
    try {
        std::size_t used = 0;
        id = std::stoll(text, &used);
        if (used != text.size()) {
            id = 0;
        }
    } catch (const std::exception&) {
        id = 0;
    }
    if (id <= 0) {
        throw NotFound("bet '" + text + "'");
    }
    auto bet = ctx.book->GetBet(id);
    if (!bet.ok()) {
        throw FromStatus(bet.status());
    }
    if (!bet->has_value()) {
        throw NotFound("bet '" + text + "'");
    }
    return BetJson(**bet);
}

} // namespace simbook::api
