// The API keys file of `simbook serve --keys FILE` (api::KeyStore::FromFile: "NAME ROLE KEY" lines, KEY plain
// or sha256:HEX, comments and blank lines), read from a scratch file as the server reads it.
//
// Input: the file. A finding: a crash, a sanitizer report or an exception (FromFile answers errors as a Status).
#include "api/auth.hpp"
#include "fuzz/fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

simbook::fuzz::ScratchDir* scratch = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    scratch = new simbook::fuzz::ScratchDir;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = scratch->Write("keys.txt", simbook::fuzz::Text(data, size));
    auto store = simbook::api::KeyStore::FromFile(path);
    if (store.ok()) {
        (void)store->Find("sbk_trader");
    }
    return 0;
}
