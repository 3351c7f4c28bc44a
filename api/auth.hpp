//! API keys and roles: keys are held only as SHA-256 digests (OpenSSL libcrypto) and compared by digest.
#pragma once

#include "kernels/core/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace simbook::api {

//! What a key may do. sportsbook: read odds, place bets; fantasy: read only; trader and admin: everything.
enum class Role { kSportsbook, kFantasy, kTrader, kAdmin };

//! "sportsbook", "fantasy", "trader", "admin".
std::string_view ToString(Role role);
//! Parses a role name; InvalidArgument otherwise.
Result<Role> ParseRole(std::string_view text);

//! Lower-case hex SHA-256 of the text.
std::string Sha256Hex(std::string_view text);

//! Who a key belongs to.
struct Principal {
    std::string name; //!< key owner, also the default customer id of its bets
    Role role = Role::kFantasy;
};

//! The API keys the server accepts, stored hashed.
class KeyStore {
public:
    //! Reads a keys file: one key a line, "NAME ROLE KEY" where KEY is the plain key or "sha256:HEX" (its
    //! digest); blank lines and lines starting with '#' are skipped. Errors name the line.
    static Result<KeyStore> FromFile(const std::string& path);
    //! A store with one random key per role, named demo-ROLE; the plain keys are returned through *plain.
    static KeyStore Demo(std::map<Role, std::string>* plain);
    //! Adds a key by its plain text.
    void Add(const std::string& plain_key, Principal principal);
    //! The key's owner, or nothing for an unknown key.
    std::optional<Principal> Find(std::string_view plain_key) const;

private:
    std::map<std::string, Principal> by_digest_;
};

} // namespace simbook::api
