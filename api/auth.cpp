#include "api/auth.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

namespace simbook::api {

std::string_view ToString(Role role) {
    switch (role) {
    case Role::kSportsbook:
        return "sportsbook";
    case Role::kFantasy:
        return "fantasy";
    case Role::kTrader:
        return "trader";
    case Role::kAdmin:
        return "admin";
    }
    return "fantasy";
}

Result<Role> ParseRole(std::string_view text) {
    for (Role r : {Role::kSportsbook, Role::kFantasy, Role::kTrader, Role::kAdmin}) {
        if (ToString(r) == text) {
            return r;
        }
    }
    std::string message = "'";
    message.append(text);
    message.append("' is not sportsbook, fantasy, trader or admin");
    return InvalidArgument("role", message);
}

std::string Sha256Hex(std::string_view text) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    EVP_Digest(text.data(), text.size(), digest.data(), &size, EVP_sha256(), nullptr);
    std::string hex;
    hex.reserve(2 * size);
    for (unsigned int i = 0; i < size; ++i) {
        char byte[3];
        std::snprintf(byte, sizeof(byte), "%02x", digest[i]);
        hex.append(byte, 2);
    }
    return hex;
}

Result<KeyStore> KeyStore::FromFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return InvalidArgument("--keys", "cannot open '" + path + "'");
    }
    KeyStore store;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream fields(line);
        std::string name;
        std::string role;
        std::string key;
        if (!(fields >> name >> role >> key)) {
            return InvalidArgument("--keys", path + ":" + std::to_string(number) + ": expected NAME ROLE KEY");
        }
        Result<Role> parsed = ParseRole(role);
        if (!parsed.ok()) {
            return InvalidArgument("--keys", path + ":" + std::to_string(number) + ": " + parsed.status().message());
        }
        std::string digest = key.rfind("sha256:", 0) == 0 ? key.substr(7) : Sha256Hex(key);
        // A digest that is not 64 hex digits would never match a key: refuse it rather than lock its owner out.
        std::transform(digest.begin(), digest.end(), digest.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (digest.size() != 64 || digest.find_first_not_of("0123456789abcdef") != std::string::npos) {
            return InvalidArgument("--keys", path + ":" + std::to_string(number) +
                                                 ": expected sha256: followed by 64 hex digits");
        }
        store.by_digest_[digest] = Principal{name, parsed.value()};
    }
    if (store.by_digest_.empty()) {
        return InvalidArgument("--keys", "'" + path + "' holds no keys");
    }
    return store;
}

KeyStore KeyStore::Demo(std::map<Role, std::string>* plain) {
    KeyStore store;
    std::random_device device;
    for (Role r : {Role::kSportsbook, Role::kFantasy, Role::kTrader, Role::kAdmin}) {
        std::string key = "sbk_";
        for (int i = 0; i < 4; ++i) {
            char part[9];
            std::snprintf(part, sizeof(part), "%08x", static_cast<unsigned>(device()));
            key.append(part, 8);
        }
        std::string name = "demo-";
        name += ToString(r);
        store.Add(key, Principal{name, r});
        (*plain)[r] = key;
    }
    return store;
}

void KeyStore::Add(const std::string& plain_key, Principal principal) {
    by_digest_[Sha256Hex(plain_key)] = std::move(principal);
}

std::optional<Principal> KeyStore::Find(std::string_view plain_key) const {
    auto it = by_digest_.find(Sha256Hex(plain_key));
    if (it == by_digest_.end()) {
        return std::nullopt;
    }
    return it->second;
}

} // namespace simbook::api
