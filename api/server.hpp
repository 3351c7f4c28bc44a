//! Server: the HTTP/1.1 front of the Service on Boost.Beast + Asio (keep-alive, a small thread pool, a body
//! size limit, a read timeout and optional CORS), stopped gracefully by Stop() or SIGINT/SIGTERM.
#pragma once

#include "api/auth.hpp"
#include "api/service.hpp"
#include "kernels/core/result.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace simbook::api {

//! Server settings.
struct ServerOptions {
    std::string bind = "127.0.0.1";   //!< address to listen on (loopback unless told otherwise)
    std::uint16_t port = 8080;        //!< 0 picks a free port (see Server::Port)
    int threads = 2;                  //!< I/O threads
    int compute_threads = 2;          //!< threads of each compute pool: events' pricing, and clients' batch runs
    std::size_t body_limit = 1 << 20; //!< largest request body in bytes; larger gets 413
    int read_timeout_seconds = 15;    //!< a request (headers and body) must arrive within this
    std::string keys_file;            //!< API keys file; empty: demo keys, one per role
    std::string cors_origin;          //!< when set, responses allow this origin and OPTIONS preflights get 204
    int exact_tables = 8;             //!< models whose exact main-line tables are kept (engine::SetExactTableCapacity)
    ServiceOptions service;
};

//! A running server. Destroying it stops it.
class Server {
public:
    //! Loads the keys, builds the service and binds the port; errors name the option.
    static Result<std::unique_ptr<Server>> Create(ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    //! Starts accepting on the I/O threads; returns at once.
    void Start();
    //! Stops accepting, lets in-flight requests finish (up to a grace period) and joins the threads.
    void Stop();
    //! Blocks until SIGINT or SIGTERM, then stops.
    void RunUntilSignal();
    //! The bound port.
    std::uint16_t Port() const;
    //! Demo keys by role (empty when a keys file was given).
    const std::map<Role, std::string>& DemoKeys() const;
    //! The routes behind the server.
    Service& GetService();

private:
    struct Impl;
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace simbook::api
