// The typed request bodies of the API (api/requests.hpp), read as their routes read them (api::ReadRequest:
// ParseBody's depth and syntax checks, then the type's Read): POST /v1/events, /v1/simulate, /v1/bets,
// .../settle and .../resolve. (Live states are live_state_fuzz's; the tool routes' bodies tool_request_fuzz's.)
//
// Input: byte 0 picks the request type (and, for a bet, whether an Idempotency-Key header came), the rest is
// the body. A finding: a crash, a sanitizer report or an exception other than the API's errors.
#include "api/errors.hpp"
#include "api/request_reader.hpp"
#include "api/requests.hpp"
#include "fuzz/fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace simbook;

template <typename T, typename... Args> void Read(const std::string& body, const Args&... args) {
    try {
        (void)api::ReadRequest<T>(body, args...);
    } catch (const api::ApiError&) {
        // the route's 400
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) {
        return 0;
    }
    const std::string body = fuzz::Text(data + 1, size - 1);
    switch (data[0] % 6) {
    case 0:
        Read<api::CreateEventRequest>(body);
        break;
    case 1:
        Read<api::SimulateRequest>(body, std::uint64_t{1'000'000});
        break;
    case 2:
        Read<api::PlaceBetRequest>(body, std::string());
        break;
    case 3:
        Read<api::PlaceBetRequest>(body, std::string("header-key-1"));
        break;
    case 4:
        Read<api::SettleRequest>(body);
        break;
    default:
        Read<api::ResolveRequest>(body);
        break;
    }
    return 0;
}
