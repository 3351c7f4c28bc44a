//! What the libFuzzer harnesses share: the input as text, a private scratch folder for the loaders that read
//! files, and one way to report a finding that is not a crash (a broken invariant, a 5xx).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace simbook::fuzz {

//! The fuzzer's bytes as text.
inline std::string Text(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

//! Aborts with a message: libFuzzer records the input as a crash.
[[noreturn]] inline void Finding(const std::string& what) {
    std::fprintf(stderr, "simbook fuzz finding: %s\n", what.c_str());
    std::abort();
}

//! A scratch folder of its own under the system's temporary folder, removed when the process ends normally.
class ScratchDir {
public:
    ScratchDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "simbook-fuzz-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            Finding("cannot create a scratch folder under " + pattern);
        }
        path_ = pattern;
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::string& Path() const { return path_; }

    //! Writes text to a file under the folder (creating its folders) and returns its full path.
    std::string Write(const std::string& relative, std::string_view text) const {
        const std::filesystem::path file = std::filesystem::path(path_) / relative;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        if (!out) {
            Finding("cannot write " + file.string());
        }
        return file.string();
    }

private:
    std::string path_;
};

} // namespace simbook::fuzz
