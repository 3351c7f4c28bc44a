#include "api/server.hpp"

#include "api/compute_queue.hpp"
#include "api/http_wire.hpp"
#include "api/routes.hpp"
#include "engine/exact.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace simbook::api {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

//! One WebSocket subscriber of GET /v1/stream. The client sends {"subscribe": ["EVENT_ID", ...]}; the
//! server answers {"type": "subscribed", "event_ids": [...]} and then pushes {"type": "odds", ...} (the
//! event's odds in the feed shape, with its new version) after every accepted state update.
class StreamSession : public std::enable_shared_from_this<StreamSession> {
public:
    explicit StreamSession(beast::tcp_stream stream) : ws_(std::move(stream)) {}

    //! answer_protocol: the client sent its key as a subprotocol, so the handshake must name kStreamProtocol.
    void Accept(http::request<http::string_body> request, bool answer_protocol) {
        beast::get_lowest_layer(ws_).expires_never();
        ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        if (answer_protocol) {
            ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
                response.set(http::field::sec_websocket_protocol, std::string(kStreamProtocol));
            }));
        }
        ws_.read_message_max(kMaxStreamMessageBytes);
        ws_.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
            if (!ec) {
                self->Read();
            }
        });
    }

    //! Queues the message when the session subscribed to the event; thread-safe. Queued under the lock, so that a
    //! subscription's confirmation (queued under it too) always comes before the event's first push.
    void Offer(const std::string& event_id, const std::string& text) {
        std::lock_guard lock(mutex_);
        if (events_.count(event_id) != 0) {
            Push(text);
        }
    }

private:
    void Push(std::string text) {
        asio::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
            self->queue_.push_back(std::move(text));
            if (self->queue_.size() == 1) {
                self->Write();
            }
        });
    }

    void Write() {
        ws_.text(true);
        ws_.async_write(asio::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) {
                return;
            }
            self->queue_.pop_front();
            if (!self->queue_.empty()) {
                self->Write();
            }
        });
    }

    void Read() {
        ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) {
                return;
            }
            self->OnMessage(beast::buffers_to_string(self->buffer_.data()));
            self->buffer_.consume(self->buffer_.size());
            self->Read();
        });
    }

    void OnMessage(const std::string& text) {
        Result<std::vector<std::string>> ids = ParseSubscribe(text);
        std::lock_guard lock(mutex_);
        std::set<std::string> events = events_;
        if (ids.ok()) {
            events.insert(ids->begin(), ids->end());
            if (events.size() > kMaxSubscriptions) {
                ids = InvalidArgument("subscribe", "at most " + std::to_string(kMaxSubscriptions) +
                                                       " event ids in one stream session");
            }
        }
        if (!ids.ok()) {
            Push(StreamError(ids.status()));
            return;
        }
        events_ = std::move(events);
        Push(nlohmann::json{{"type", "subscribed"}, {"event_ids", events_}}.dump());
    }

    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    std::deque<std::string> queue_; // touched only on the session's strand
    std::mutex mutex_;
    std::set<std::string> events_;
};

//! The stream subscribers.
class StreamHub {
public:
    void Add(const std::shared_ptr<StreamSession>& session) {
        std::lock_guard lock(mutex_);
        sessions_.push_back(session);
    }
    void Publish(const std::string& event_id, const std::string& text) {
        std::lock_guard lock(mutex_);
        std::erase_if(sessions_, [](const std::weak_ptr<StreamSession>& w) { return w.expired(); });
        for (const std::weak_ptr<StreamSession>& w : sessions_) {
            if (auto session = w.lock()) {
                session->Offer(event_id, text);
            }
        }
    }

private:
    std::mutex mutex_;
    std::vector<std::weak_ptr<StreamSession>> sessions_;
};

//! One connection: reads requests one after another (keep-alive) and answers each through the service.
//! Batch requests are served traders first, then sportsbooks, then everyone else (an unknown key included: it
//! is answered 401 when its turn comes).
ComputeClass ClassOf(std::optional<Role> role) {
    if (role == Role::kTrader || role == Role::kAdmin) {
        return ComputeClass::kTrading;
    }
    return role == Role::kSportsbook ? ComputeClass::kBook : ComputeClass::kOther;
}

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Service& service, StreamHub& hub, ComputeQueue& compute, asio::thread_pool& live,
            const ServerOptions& options, const std::atomic<bool>& stopping)
        : stream_(std::move(socket)), service_(service), hub_(hub), compute_(compute), live_(live), options_(options),
          stopping_(stopping) {}

    void Begin() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
    }

private:
    void Read() {
        parser_.emplace();
        ConfigureParser(*parser_, options_.body_limit);
        stream_.expires_after(std::chrono::seconds(options_.read_timeout_seconds));
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
    }

    void OnRead(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
            ec == asio::error::connection_reset || ec == asio::error::eof) {
            Close();
            return;
        }
        if (ec == http::error::body_limit) {
            service_.Count("?", "body_limit", 413);
            ApiError error = MakeError(StatusCode::kResourceExhausted,
                                       "request body exceeds " + std::to_string(options_.body_limit) + " bytes");
            error.reason = "payload_too_large";
            error.http_override = 413;
            Send(service_.ErrorResponse(error), 11, false);
            return;
        }
        if (ec) {
            service_.Count("?", "bad_request", 400);
            ApiError error = MakeError(StatusCode::kInvalidArgument, "malformed HTTP request");
            error.reason = "bad_request";
            Send(service_.ErrorResponse(error), 11, false);
            return;
        }
        const http::request<http::string_body>& req = parser_->get();
        ApiRequest request = ToApiRequest(req);
        request.received = std::chrono::steady_clock::now();
        beast::error_code peer_error;
        const auto peer = stream_.socket().remote_endpoint(peer_error);
        if (!peer_error) {
            request.peer = peer.address().to_string();
        }
        if (req.method() == http::verb::options && !options_.cors_origin.empty()) {
            // CORS preflight: no key needed, nothing routed.
            service_.Count("OPTIONS", "preflight", 204);
            ApiResponse preflight;
            preflight.status = 204;
            preflight.content_type.clear();
            preflight.headers = {
                {"Access-Control-Allow-Methods", "GET, POST, OPTIONS"},
                {"Access-Control-Allow-Headers", "Content-Type, X-API-Key, Authorization, Idempotency-Key"},
                {"Access-Control-Max-Age", "600"}};
            Send(preflight, req.version(), req.keep_alive() && !stopping_.load());
            return;
        }
        const Serving serving = service_.ServingOf(request);
        if (websocket::is_upgrade(req) && serving == Serving::kWebSocket) {
            Upgrade(request);
            return;
        }
        const unsigned version = req.version();
        const bool keep_alive = req.keep_alive();
        head_ = req.method() == http::verb::head;
        if (serving == Serving::kComputePool || serving == Serving::kLivePool) {
            // Simulations and repricing run off the I/O threads: an I/O thread never waits for a kernel, so
            // cached odds keep flowing while events are repriced.
            // The work guard keeps the I/O threads running until the answer is posted back, even when the server
            // is stopping and nothing else is pending.
            auto job = [self = shared_from_this(), request, version, keep_alive,
                        work = asio::make_work_guard(stream_.get_executor())] {
                ApiResponse answer = self->service_.Handle(request);
                asio::post(self->stream_.get_executor(), [self, answer = std::move(answer), version, keep_alive] {
                    self->Send(answer, version, keep_alive && !self->stopping_.load());
                });
            };
            if (serving == Serving::kLivePool) {
                // Events are priced on their own pool: a live state update never queues behind a client's
                // what-if, momentum, simulation or fantasy run, only behind other events' pricing.
                asio::post(live_, std::move(job));
            } else if (!compute_.Post(ClassOf(service_.RoleOf(request.api_key)), std::move(job))) {
                ApiError error = MakeError(StatusCode::kResourceExhausted,
                                           "too many batch requests are waiting for this class of client; retry later");
                error.reason = "rate_limited";
                error.headers.emplace_back("Retry-After", "1");
                Send(service_.ErrorResponse(error), version, keep_alive && !stopping_.load());
            }
            return;
        }
        Send(service_.Handle(request), version, keep_alive && !stopping_.load());
    }

    //! GET /v1/stream: any valid key (X-API-Key header, api_key query parameter, or a simbook.key.HEX subprotocol)
    //! may subscribe.
    void Upgrade(ApiRequest& request) {
        bool key_in_protocol = false;
        try {
            CheckHandshake(parser_->get());
            if (request.api_key.empty()) {
                // The api_key query parameter itself, decoded like every query (not a substring: ?xapi_key= is
                // not it).
                std::map<std::string, std::string> query;
                SplitTarget(request.target, &query);
                if (const auto it = query.find("api_key"); it != query.end()) {
                    request.api_key = it->second;
                }
            }
            if (request.api_key.empty()) {
                const auto protocols = parser_->get()[http::field::sec_websocket_protocol];
                if (auto key = StreamKeyFromProtocols(std::string_view(protocols.data(), protocols.size()))) {
                    request.api_key = std::move(*key);
                    key_in_protocol = true;
                }
            }
            service_.Authorize(request);
        } catch (const ApiError& error) {
            ApiResponse refused = service_.ErrorResponse(error);
            service_.Count("GET", "/v1/stream", refused.status);
            Send(refused, 11, false);
            return;
        }
        service_.Count("GET", "/v1/stream", 101);
        auto session = std::make_shared<StreamSession>(std::move(stream_));
        hub_.Add(session);
        session->Accept(parser_->release(), key_in_protocol);
    }

    void Send(const ApiResponse& answer, unsigned version, bool keep_alive) {
        auto res =
            std::make_shared<http::response<http::string_body>>(static_cast<http::status>(answer.status), version);
        res->set(http::field::server, "simbook");
        if (!answer.content_type.empty()) {
            res->set(http::field::content_type, answer.content_type);
        }
        if (!answer.request_id.empty()) {
            res->set("X-Request-Id", answer.request_id);
        }
        for (const auto& [name, value] : answer.headers) {
            res->set(name, value);
        }
        if (!options_.cors_origin.empty()) {
            res->set(http::field::access_control_allow_origin, options_.cors_origin);
            res->set(http::field::vary, "Origin");
            // The quota headers of /v4, so that a browser client of the public odds API can read them too.
            res->set(http::field::access_control_expose_headers,
                     "Retry-After, X-Request-Id, x-requests-remaining, x-requests-used, x-requests-last");
        }
        res->keep_alive(keep_alive);
        if (head_) {
            // A reply to HEAD has the headers of the reply to GET and no body: a body would be read as the start
            // of the next response on a keep-alive connection.
            res->content_length(answer.body.size());
        } else {
            res->body() = answer.body;
            res->prepare_payload();
        }
        http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
            if (ec || !res->keep_alive()) {
                self->Close();
                return;
            }
            self->Read();
        });
    }

    void Close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<HttpRequestParser> parser_;
    Service& service_;
    StreamHub& hub_;
    ComputeQueue& compute_;
    asio::thread_pool& live_;
    const ServerOptions& options_;
    const std::atomic<bool>& stopping_;
    bool head_ = false; //!< the request being answered is a HEAD
};

} // namespace

struct Server::Impl {
    ServerOptions options;
    std::map<Role, std::string> demo_keys;
    std::unique_ptr<Service> service;
    StreamHub hub;
    std::unique_ptr<ComputeQueue> compute;
    std::unique_ptr<asio::thread_pool> live;
    asio::io_context signals_ioc;
    std::unique_ptr<asio::signal_set> signals;
    asio::io_context ioc;
    tcp::acceptor acceptor{asio::make_strand(ioc)}; // its accept handlers and Stop's close run on this strand
    std::vector<std::thread> threads;
    std::atomic<bool> stopping{false};
    bool stopped = false;

    void Accept() {
        acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (ec) {
                if (!stopping.load()) {
                    spdlog::warn("accept: {}", ec.message());
                    Accept();
                }
                return;
            }
            beast::error_code ignored;
            socket.set_option(tcp::no_delay(true), ignored); // small replies and pushes go out at once (no Nagle)
            std::make_shared<Session>(std::move(socket), *service, hub, *compute, *live, options, stopping)->Begin();
            Accept();
        });
    }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
    Stop();
}

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options) {
    if (options.threads < 1 || options.threads > 256) {
        return InvalidArgument("--threads", std::to_string(options.threads) + " is outside [1, 256]");
    }
    if (options.compute_threads < 1 || options.compute_threads > 256) {
        return InvalidArgument("--compute-threads", std::to_string(options.compute_threads) + " is outside [1, 256]");
    }
    if (options.exact_tables < 0 || options.exact_tables > 1024) {
        return InvalidArgument("--exact-tables", std::to_string(options.exact_tables) + " is outside [0, 1024]");
    }
    if (options.read_timeout_seconds < 1 || options.read_timeout_seconds > 3600) {
        return InvalidArgument("--read-timeout",
                               std::to_string(options.read_timeout_seconds) + " is outside [1, 3600]");
    }
    engine::SetExactTableCapacity(static_cast<std::size_t>(options.exact_tables));
    auto impl = std::make_unique<Impl>();
    impl->compute = std::make_unique<ComputeQueue>(ComputeQueue::Options{options.compute_threads});
    impl->live = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(options.compute_threads));
    KeyStore keys;
    if (options.keys_file.empty()) {
        keys = KeyStore::Demo(&impl->demo_keys);
    } else {
        auto loaded = KeyStore::FromFile(options.keys_file);
        if (!loaded.ok()) {
            return loaded.status();
        }
        keys = std::move(loaded.value());
    }
    auto service = Service::Create(options.service, std::move(keys));
    if (!service.ok()) {
        return service.status();
    }
    impl->service = std::move(service.value());
    beast::error_code ec;
    const auto address = asio::ip::make_address(options.bind, ec);
    if (ec) {
        return InvalidArgument("--bind", "'" + options.bind + "' is not an IP address");
    }
    const tcp::endpoint endpoint{address, options.port};
    impl->acceptor.open(endpoint.protocol(), ec);
    if (!ec) {
        impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    }
    if (!ec) {
        impl->acceptor.bind(endpoint, ec);
    }
    if (!ec) {
        impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    }
    if (ec) {
        return InvalidArgument("--port", "cannot listen on " + options.bind + ":" + std::to_string(options.port) +
                                             ": " + ec.message());
    }
    impl->options = std::move(options);
    StreamHub* hub = &impl->hub;
    impl->service->OnOddsUpdate([hub](const std::string& id, const std::string& text) { hub->Publish(id, text); });
    impl->service->Listen(); // other nodes' versions reach this node's subscribers through the hub
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

void Server::Start() {
    // SIGINT and SIGTERM are caught from here on (RunUntilSignal waits for them), so a signal that arrives
    // right after start-up still stops the server gracefully.
    impl_->signals = std::make_unique<asio::signal_set>(impl_->signals_ioc, SIGINT, SIGTERM);
    impl_->Accept();
    for (int i = 0; i < impl_->options.threads; ++i) {
        impl_->threads.emplace_back([this] { impl_->ioc.run(); });
    }
}

void Server::Stop() {
    if (impl_->stopped) {
        return;
    }
    impl_->stopped = true;
    impl_->stopping.store(true);
    impl_->service->StopListening(); // no more pushes from other nodes' updates
    asio::post(impl_->acceptor.get_executor(), [this] {
        beast::error_code ignored;
        impl_->acceptor.close(ignored);
    });
    // In-flight simulations and repricings finish and post their responses before the grace period starts.
    impl_->compute->Join();
    impl_->live->join();
    // Grace period: responses in flight are written (with Connection: close); idle keep-alive connections
    // would otherwise hold the threads until their read timeout.
    auto timer = std::make_shared<asio::steady_timer>(impl_->ioc, std::chrono::milliseconds(500));
    timer->async_wait([this, timer](beast::error_code) { impl_->ioc.stop(); });
    for (std::thread& t : impl_->threads) {
        t.join();
    }
    impl_->threads.clear();
}

void Server::RunUntilSignal() {
    impl_->signals->async_wait([](beast::error_code, int signal) { spdlog::info("signal {}: shutting down", signal); });
    impl_->signals_ioc.run();
    Stop();
}

std::uint16_t Server::Port() const {
    beast::error_code ec;
    return impl_->acceptor.local_endpoint(ec).port();
}

const std::map<Role, std::string>& Server::DemoKeys() const {
    return impl_->demo_keys;
}

Service& Server::GetService() {
    return *impl_->service;
}

} // namespace simbook::api
