// API keys: SHA-256 digests (a published test vector), the keys file format and role names.
#include "api/auth.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace simbook::api {
namespace {

TEST(AuthTest, Sha256MatchesTheFips180Vector) {
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AuthTest, KeysFileTakesPlainAndHashedKeys) {
    const std::string path = ::testing::TempDir() + "simbook_keys_test.txt";
    {
        std::ofstream out(path);
        out << "# name role key\n\nbook sportsbook plain-secret\n";
        out << "desk trader sha256:" << Sha256Hex("hashed-secret") << "\n";
    }
    auto store = KeyStore::FromFile(path);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE(store.value().Find("plain-secret").has_value());
    EXPECT_EQ(store.value().Find("plain-secret")->role, Role::kSportsbook);
    ASSERT_TRUE(store.value().Find("hashed-secret").has_value());
    EXPECT_EQ(store.value().Find("hashed-secret")->name, "desk");
    EXPECT_FALSE(store.value().Find("sha256:" + Sha256Hex("hashed-secret")).has_value());
    EXPECT_FALSE(store.value().Find("").has_value());
    {
        std::ofstream out(path);
        out << "book croupier key\n";
    }
    auto bad = KeyStore::FromFile(path);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.status().message().find(":1:"), std::string::npos) << bad.status().message();
    std::remove(path.c_str());
}

TEST(AuthTest, KeysFileRefusesADigestThatIsNotSha256) {
    // Seen while writing the keys-file fuzz harness: "sha256:xyz" was stored as a digest no key can ever match.
    const std::string path = ::testing::TempDir() + "simbook_keys_digest_test.txt";
    const std::string hex = Sha256Hex("k");
    std::string not_hex = hex;
    not_hex[0] = 'g';
    const std::vector<std::string> digests{"xyz", hex.substr(1), hex + "0", not_hex};
    for (const std::string& digest : digests) {
        {
            std::ofstream out(path);
            out << "book sportsbook plain-secret\ndesk trader sha256:" << digest << "\n";
        }
        auto bad = KeyStore::FromFile(path);
        ASSERT_FALSE(bad.ok()) << digest;
        EXPECT_NE(bad.status().message().find(":2: expected sha256: followed by 64 hex digits"), std::string::npos)
            << bad.status().message();
    }
    {
        std::ofstream out(path);
        out << "desk trader sha256:";
        for (char c : Sha256Hex("k")) {
            out << static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        out << "\n";
    }
    auto upper = KeyStore::FromFile(path);
    ASSERT_TRUE(upper.ok()) << upper.status().message();
    ASSERT_TRUE(upper.value().Find("k").has_value());
    EXPECT_EQ(upper.value().Find("k")->name, "desk");
    std::remove(path.c_str());
}

TEST(AuthTest, DemoStoreHasOneKeyPerRole) {
    std::map<Role, std::string> plain;
    const KeyStore store = KeyStore::Demo(&plain);
    ASSERT_EQ(plain.size(), 4u);
    for (const auto& [role, key] : plain) {
        ASSERT_TRUE(store.Find(key).has_value());
        EXPECT_EQ(store.Find(key)->role, role);
    }
}

} // namespace
} // namespace simbook::api
