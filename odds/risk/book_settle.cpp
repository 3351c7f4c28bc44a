#include "odds/risk/book.hpp"

#include "odds/risk/detail/book_checks.hpp"

#include <string>

// RiskBook: settling, resettling and voiding markets, and resolution from evidence.
namespace simbook::odds::risk {

using detail::CheckId;
using detail::LineOf;
using detail::MarketName;
using detail::Quoted;
using detail::Refuse;

void RiskBook::WaitForPending(std::unique_lock<std::mutex>& lock, const MarketBook& market) {
    pending_done_.wait(lock, [&] { return market.pending == 0; });
}

Result<SettlementReport> RiskBook::Settle(std::unique_lock<std::mutex>& lock, MarketBook& m,
                                          const std::function<Result<SettlementKind>(const BetRecord&)>& settle,
                                          const std::string& result_text, const std::string& actor, bool resettle,
                                          const std::string& reason) {
    WaitForPending(lock, m);
    const std::string name = MarketName(m.record.event_id, m.record.key);
    if (!resettle && m.record.state == MarketState::kSettled) {
        return Refuse("market", name, "is already settled; a corrected result needs ResettleMarket");
    }
    if (resettle && m.record.state != MarketState::kSettled) {
        return Refuse("market", name, "is not settled yet");
    }
    SettlementReport report;
    report.version = m.record.settlement_version + 1;
    std::vector<BetRecord> settled;
    std::vector<AuditEntry> audit;
    const std::int64_t now = Now();
    const std::string action = resettle ? "resettled" : "settled";
    auto bets = ledger_.ListBetsByMarket(m.record.event_id, m.record.key);
    if (!bets.ok()) {
        return bets.status();
    }
    for (BetRecord& bet : *bets) {
        const std::int64_t id = bet.id;
        auto kind = settle(bet);
        if (!kind.ok()) {
            return kind.status();
        }
        std::string detail = "was ";
        if (bet.settled) {
            detail += ToString(bet.settlement);
            detail += " payout=" + std::to_string(bet.payout);
        } else {
            detail += "open";
        }
        bet.settled = true;
        bet.settlement = *kind;
        bet.payout = Payout(bet.stake, bet.price, *kind);
        bet.settlement_version = report.version;
        detail += "; now ";
        detail += ToString(bet.settlement);
        detail += " payout=" + std::to_string(bet.payout);
        audit.push_back({0, now, actor, "bet:" + std::to_string(id), action, detail});
        ++report.bets;
        report.stakes += bet.stake;
        report.payouts += bet.payout;
        settled.push_back(std::move(bet));
    }
    MarketRecord record = m.record;
    record.state = MarketState::kSettled;
    record.cause = SuspensionCause::kNone;
    record.result = result_text;
    record.settlement_version = report.version;
    std::string detail = "result ";
    detail += result_text;
    if (!reason.empty()) {
        detail += "; reason: ";
        detail += reason;
    }
    detail += "; bets " + std::to_string(report.bets) + " payouts " + std::to_string(report.payouts);
    audit.push_back(Audit(actor, m, action, detail));
    if (Status s = ledger_.SaveSettlement(record, settled, audit); !s.ok()) {
        return s;
    }
    m.record = std::move(record);
    state_generation_.fetch_add(1, std::memory_order_acq_rel);
    return report;
}

Result<SettlementReport> RiskBook::SettleMarket(const std::string& event_id, const std::string& key,
                                                const MarketResult& result, const std::string& actor) {
    std::unique_lock lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    if (!m.market) {
        return Refuse("market", MarketName(event_id, key), "is an event prop: settle it from evidence or a winner");
    }
    if (m.record.state == MarketState::kSettled) {
        return Refuse("market", MarketName(event_id, key),
                      "is already settled; a corrected result needs ResettleMarket");
    }
    if (Status s = CheckResult(*m.market, result); !s.ok()) {
        return s;
    }
    std::vector<std::string> listed;
    for (const OutcomeBook& o : m.outcomes) {
        listed.push_back(o.name);
    }
    const Market& market = *m.market;
    return Settle(
        lock, m, [&](const BetRecord& bet) { return SettleOutcome(market, bet.outcome, result, listed); },
        result.ToText(), actor, false, "");
}

Result<SettlementReport> RiskBook::ResettleMarket(const std::string& event_id, const std::string& key,
                                                  const MarketResult& corrected, const std::string& actor,
                                                  const std::string& reason) {
    if (Status s = CheckId("reason", reason); !s.ok()) {
        return s;
    }
    std::unique_lock lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    if (!m.market) {
        return Refuse("market", MarketName(event_id, key), "is an event prop: re-settle it with a winner");
    }
    if (Status s = CheckResult(*m.market, corrected); !s.ok()) {
        return s;
    }
    std::vector<std::string> listed;
    for (const OutcomeBook& o : m.outcomes) {
        listed.push_back(o.name);
    }
    const Market& market = *m.market;
    return Settle(
        lock, m, [&](const BetRecord& bet) { return SettleOutcome(market, bet.outcome, corrected, listed); },
        corrected.ToText(), actor, true, reason);
}

Result<SettlementReport> RiskBook::SettleWithWinner(const std::string& event_id, const std::string& key,
                                                    const std::string& winner, const std::string& actor) {
    std::unique_lock lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    if (std::none_of(m.outcomes.begin(), m.outcomes.end(), [&](const OutcomeBook& o) { return o.name == winner; })) {
        return Refuse("winner", MarketName(event_id, key), "has no outcome " + Quoted(winner));
    }
    return Settle(
        lock, m,
        [&](const BetRecord& bet) -> Result<SettlementKind> {
            return bet.outcome == winner ? SettlementKind::kWin : SettlementKind::kLose;
        },
        "winner=" + winner, actor, false, "");
}

Result<SettlementReport> RiskBook::VoidMarket(const std::string& event_id, const std::string& key,
                                              const std::string& actor, const std::string& reason) {
    if (Status s = CheckId("reason", reason); !s.ok()) {
        return s;
    }
    std::unique_lock lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    return Settle(
        lock, **found, [](const BetRecord&) -> Result<SettlementKind> { return SettlementKind::kVoid; }, "void", actor,
        false, reason);
}

Result<Resolution> RiskBook::ResolveWithEvidence(const std::string& event_id, const std::string& key,
                                                 const Evidence& evidence, const std::string& actor) {
    if (!(evidence.confidence >= 0.0 && evidence.confidence <= 1.0)) {
        return InvalidArgument("evidence.confidence",
                               "must be in [0, 1], got " + odds::detail::Num(evidence.confidence));
    }
    std::unique_lock lock(mutex_);
    auto found = FindMarket(event_id, key);
    if (!found.ok()) {
        return found.status();
    }
    MarketBook& m = **found;
    if (std::none_of(m.outcomes.begin(), m.outcomes.end(),
                     [&](const OutcomeBook& o) { return o.name == evidence.label; })) {
        return Refuse("evidence.label", MarketName(event_id, key), "has no outcome " + Quoted(evidence.label));
    }
    if (m.record.state == MarketState::kSettled) {
        return Refuse("market", MarketName(event_id, key), "is already settled");
    }
    std::string record = "evidence label=";
    record += evidence.label;
    record += " confidence=" + odds::detail::Num(evidence.confidence);
    record += " time_ms=" + std::to_string(evidence.time_ms);
    record += " source=";
    record += evidence.source;
    record += " threshold=" + odds::detail::Num(options_.evidence_threshold);
    const bool windowed = m.record.window_end_ms > m.record.window_start_ms;
    const bool in_window =
        !windowed || (evidence.time_ms >= m.record.window_start_ms && evidence.time_ms <= m.record.window_end_ms);
    Resolution resolution;
    if (evidence.confidence < options_.evidence_threshold || !in_window) {
        resolution.reason = evidence.confidence < options_.evidence_threshold ? "confidence below the threshold"
                                                                              : "evidence outside the market window";
        if (Status s = SaveState(m, MarketState::kManualReview, SuspensionCause::kNone, actor, "manual_review",
                                 record + "; " + resolution.reason);
            !s.ok()) {
            return s;
        }
        return resolution;
    }
    const std::string winner = evidence.label;
    auto report = Settle(
        lock, m,
        [&](const BetRecord& bet) -> Result<SettlementKind> {
            return bet.outcome == winner ? SettlementKind::kWin : SettlementKind::kLose;
        },
        "winner=" + winner + " (" + record + ")", actor, false, "resolved from evidence");
    if (!report.ok()) {
        return report.status();
    }
    resolution.settled = true;
    resolution.reason = "resolved from evidence";
    resolution.report = *report;
    return resolution;
}

} // namespace simbook::odds::risk
