//! API errors: an expected failure of a request carries a canonical StatusCode to the one catch point, where
//! HttpStatus (the one table from code to HTTP status) and ErrorBody turn it into the reply.
#pragma once

#include "kernels/core/result.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <utility>
#include <vector>

namespace simbook::api {

//! The HTTP status of a canonical code. The one table: InvalidArgument and OutOfRange 400, Unauthenticated 401,
//! PermissionDenied 403, NotFound 404, AlreadyExists, Aborted and FailedPrecondition 409 (a request that is
//! well formed but conflicts with the current state: 409 rather than 412, which HTTP reserves for If-* headers),
//! ResourceExhausted 429, Cancelled 499, Unimplemented 501, Unavailable 503, DeadlineExceeded 504, else 500.
int HttpStatus(StatusCode code);

//! An expected failure of a request, thrown by handlers and caught at the service's one catch point.
struct ApiError {
    StatusCode code = StatusCode::kInternal;
    std::string reason;  //!< the body's "code": the canonical name in lower case, or a finer reason
                         //!< ("out_of_order", "rate_limited", "price_moved", ...)
    std::string message; //!< one line for the client
    std::string field;   //!< the offending field, empty when none
    //! Only for HTTP conditions no canonical code names (405 Method Not Allowed, 413 Content Too Large,
    //! 426 Upgrade Required); 0: HttpStatus(code).
    int http_override = 0;
    std::vector<std::pair<std::string, std::string>> headers; //!< extra reply headers (Allow, Retry-After)

    //! The reply's HTTP status.
    int Http() const { return http_override != 0 ? http_override : HttpStatus(code); }
};

//! An error of the code, its reason the code's name in lower case ("failed_precondition").
ApiError MakeError(StatusCode code, std::string message, std::string field = "");
//! InvalidArgument naming the field.
ApiError Bad(const std::string& field, const std::string& message);
//! NotFound: "<what> not found".
ApiError NotFound(const std::string& what);
//! A Status of a lower layer as an API error with its own code; Internal, Unknown and DataLoss hide their
//! message ("internal error").
ApiError FromStatus(const Status& status, const std::string& field = "");
//! A lower layer's status whose message names the field first ("fixtures[1].away: unknown team 'Spurs'"):
//! FromStatus with that field.
ApiError FromFieldStatus(const Status& status);

//! The value of a lower layer's result; its error thrown as FromFieldStatus (the tool libraries: fantasy,
//! futures, what-if).
template <typename T> T ValueOrThrow(Result<T> result) {
    if (!result.ok()) {
        throw FromFieldStatus(result.status());
    }
    return std::move(result).value();
}

//! The error body {error: {code, status, message, field?, request_id}}: code is the reason, status the
//! canonical name ("FAILED_PRECONDITION").
std::string ErrorBody(const ApiError& error, const std::string& request_id);

} // namespace simbook::api
