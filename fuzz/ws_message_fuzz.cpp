// The one message a /v1/stream client sends, {"subscribe": [event ids]}, as the server's stream session reads it
// (api::ParseSubscribe), and the error it pushes back (api::StreamError).
//
// Input: the message. A finding: a crash, a sanitizer report, an exception, or ids the session would keep that
// break the protocol's limits.
#include "api/http_wire.hpp"
#include "fuzz/fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace simbook;
    const auto ids = api::ParseSubscribe(fuzz::Text(data, size));
    if (!ids.ok()) {
        if (api::StreamError(ids.status()).empty()) {
            fuzz::Finding("an empty error message");
        }
        return 0;
    }
    if (ids->size() > api::kMaxSubscriptions) {
        fuzz::Finding("more ids than a session may follow");
    }
    for (const std::string& id : *ids) {
        if (id.empty() || id.size() > api::kMaxEventIdBytes) {
            fuzz::Finding("an id of " + std::to_string(id.size()) + " bytes was accepted");
        }
    }
    return 0;
}
