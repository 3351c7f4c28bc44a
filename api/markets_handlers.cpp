// An event's markets in the book: a trader suspends, resumes, settles (naming the winner) or resolves (from
// evidence) one. A refusal because of the market's state (settled, not suspended) is FailedPrecondition on
// every action, so settling or resolving a settled market answers 409 on both routes.
#include "api/errors.hpp"
#include "api/handlers.hpp"
#include "api/requests.hpp"
#include "api/service_context.hpp"

#include <chrono>

namespace simbook::api {
namespace {

using nlohmann::json;

//! The event and market of the route, checked to exist.
struct MarketRef {
    std::string event_id;
    std::string market;
    std::string actor; //!< "role:name" of the caller, for the book's audit trail
};

MarketRef FindMarket(ServiceContext& ctx, const RouteCall& call) {
    MarketRef ref{ctx.events.Find(call.Param("id"))->id, call.Param("market"),
                  std::string(ToString(call.who.role)) + ":" + call.who.name};
    if (!ctx.book->Exposure(ref.event_id, ref.market).ok()) {
        throw NotFound("market '" + ref.market + "' of event '" + ref.event_id + "'");
    }
    return ref;
}

//! A refusal of the risk book as an API error. The book names the field first ("market: ..."): a refusal
//! about the market itself is its state (FailedPrecondition), about the event an unknown one (NotFound), about
//! any other field a bad argument (InvalidArgument, naming the field).
ApiError BookError(const Status& status) {
    ApiError error = FromFieldStatus(status);
    if (error.field.rfind("evidence.", 0) == 0) {
        error.field = error.field.substr(9); // the book's Evidence fields are the request's
    }
    if (status.code() == StatusCode::kInvalidArgument && error.field == "market") {
        return MakeError(StatusCode::kFailedPrecondition, status.message(), "market");
    }
    if (status.code() == StatusCode::kInvalidArgument && error.field == "event") {
        return MakeError(StatusCode::kNotFound, status.message());
    }
    return error;
}

json StateJson(ServiceContext& ctx, const MarketRef& ref) {
    auto exposure = ctx.book->Exposure(ref.event_id, ref.market);
    if (!exposure.ok()) {
        throw BookError(exposure.status());
    }
    return {
        {"event_id", ref.event_id}, {"market", ref.market}, {"state", odds::risk::ToString(exposure.value().state)}};
}

} // namespace

RouteReply SuspendMarket(ServiceContext& ctx, const RouteCall& call) {
    const MarketRef ref = FindMarket(ctx, call);
    if (Status done = ctx.book->Suspend(ref.event_id, ref.market, ref.actor, "manual"); !done.ok()) {
        throw BookError(done);
    }
    return StateJson(ctx, ref);
}

RouteReply ResumeMarket(ServiceContext& ctx, const RouteCall& call) {
    const MarketRef ref = FindMarket(ctx, call);
    if (Status done = ctx.book->Reopen(ref.event_id, ref.market, ref.actor); !done.ok()) {
        throw BookError(done);
    }
    return StateJson(ctx, ref);
}

RouteReply SettleMarket(ServiceContext& ctx, const RouteCall& call) {
    const MarketRef ref = FindMarket(ctx, call);
    const SettleRequest request = ReadRequest<SettleRequest>(call.request.body);
    auto report = ctx.book->SettleWithWinner(ref.event_id, ref.market, request.winner, ref.actor);
    if (!report.ok()) {
        throw BookError(report.status());
    }
    return json{{"event_id", ref.event_id},
                {"market", ref.market},
                {"winner", request.winner},
                {"bets", report.value().bets},
                {"payouts", static_cast<double>(report.value().payouts) / 100.0}};
}

RouteReply ResolveMarket(ServiceContext& ctx, const RouteCall& call) {
    // Evidence from a data or video feed: confident evidence inside the market's window settles the market with
    // its label as winner, anything else sends it to manual review; both are audited.
    const MarketRef ref = FindMarket(ctx, call);
    const ResolveRequest request = ReadRequest<ResolveRequest>(call.request.body);
    odds::risk::Evidence evidence;
    evidence.label = request.label;
    evidence.confidence = request.confidence;
    evidence.source = request.source.value_or(ref.actor);
    evidence.time_ms = request.time_ms.value_or(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
    auto resolution = ctx.book->ResolveWithEvidence(ref.event_id, ref.market, evidence, ref.actor);
    if (!resolution.ok()) {
        throw BookError(resolution.status());
    }
    const odds::risk::Resolution& r = resolution.value();
    json out{{"event_id", ref.event_id}, {"market", ref.market}, {"settled", r.settled}, {"reason", r.reason}};
    out["state"] = r.settled ? "settled" : "manual_review";
    if (r.report) {
        out["bets"] = r.report->bets;
        out["payouts"] = static_cast<double>(r.report->payouts) / 100.0;
    }
    return out;
}

} // namespace simbook::api
