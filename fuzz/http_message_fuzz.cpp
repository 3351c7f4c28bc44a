// Raw bytes of an HTTP/1.1 request as a connection delivers them: Beast's request parser under the server's
// limits (api::ConfigureParser: 1 MiB body, 16 KiB of headers), the fields the service reads
// (api::ToApiRequest: method, target, body, X-API-Key or Bearer key, Idempotency-Key), the WebSocket handshake
// check of an upgrade (api::CheckHandshake), then Service::Handle.
//
// Input: the bytes, fed to the parser in two pieces split at byte 0's value (a request arriving in two reads).
// "{event0}", "{event1}" and "{key0}".."{key5}" become the demo events' ids and the demo keys (no key, an unknown
// key, then one per role). POST requests are parsed but not handled (request_body_fuzz and tool_request_fuzz feed
// the bodies; a fuzzed POST would place bets and reprice events).
// A finding: a crash, a sanitizer report, an exception other than the handshake's ApiError, or any 5xx answer.
#include "api/errors.hpp"
#include "api/http_wire.hpp"
#include "fuzz/demo_service.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

simbook::fuzz::DemoService* demo = nullptr;

//! Gives the parser what it can use of the buffer, as a read loop does, and drops that from the buffer; false on
//! a parse error (the server answers 400 or 413 and closes).
bool Pump(simbook::api::HttpRequestParser& parser, std::string& buffer) {
    while (!buffer.empty() && !parser.is_done()) {
        boost::beast::error_code ec;
        const std::size_t used = parser.put(boost::asio::buffer(buffer.data(), buffer.size()), ec);
        buffer.erase(0, used);
        if (ec == boost::beast::http::error::need_more || (!ec && used == 0)) {
            return true;
        }
        if (ec) {
            return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    demo = new simbook::fuzz::DemoService;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace simbook;
    if (size < 1) {
        return 0;
    }
    const std::string bytes = demo->Expand(fuzz::Text(data + 1, size - 1));
    const std::size_t split = std::min<std::size_t>(data[0], bytes.size());
    api::HttpRequestParser parser;
    api::ConfigureParser(parser, std::size_t{1} << 20);
    std::string buffer = bytes.substr(0, split);
    if (!Pump(parser, buffer)) {
        return 0;
    }
    buffer += bytes.substr(split);
    if (!Pump(parser, buffer)) {
        return 0;
    }
    if (!parser.is_done()) {
        boost::beast::error_code ec;
        parser.put_eof(ec);
        if (ec || !parser.is_done()) {
            return 0;
        }
    }
    const api::HttpRequest& req = parser.get();
    const api::ApiRequest request = api::ToApiRequest(req);
    if (boost::beast::websocket::is_upgrade(req)) {
        try {
            api::CheckHandshake(req);
        } catch (const api::ApiError& error) {
            if (error.Http() != 400 && error.Http() != 426) {
                fuzz::Finding("a handshake refused with " + std::to_string(error.Http()));
            }
        }
        return 0;
    }
    if (request.method != "POST") {
        (void)demo->Handle(request);
    }
    return 0;
}
