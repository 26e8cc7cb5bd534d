#pragma once

// om-runner's stdout: one JSON object per line, buffered. Ordinary events are written (and flushed) as they
// happen; iteration lines go through a fixed buffer without allocating and are flushed when it fills up or
// 100 ms after the last flush, so the measuring loop costs one short formatting step per iteration.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace omr {

// The steady clock in nanoseconds (the clock every timing in om-runner uses).
inline std::int64_t steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Builds one JSON object: Json("model").add("name", x).raw("dims", "[1,3]").line().
class Json {
public:
    explicit Json(const char* event);
    Json& add(const char* name, const std::string& value);
    Json& add(const char* name, const char* value); // null pointer -> null
    Json& add(const char* name, std::int64_t value);
    Json& add(const char* name, std::uint64_t value);
    Json& add(const char* name, int value) { return add(name, static_cast<std::int64_t>(value)); }
    Json& add(const char* name, double value, int decimals); // NaN/inf -> null
    Json& add(const char* name, bool value);
    Json& null(const char* name);
    Json& raw(const char* name, const std::string& json); // an already-encoded value (array, object)
    std::string text() const { return m_text + '}'; }

private:
    void key(const char* name);
    std::string m_text;
};

// `text` as a JSON string literal (quotes included); invalid UTF-8 bytes become U+FFFD.
std::string quote(const std::string& text);
// ms with 6 decimals from integer nanoseconds, exactly ("1.234567").
std::string nsToMs(std::int64_t ns);

class Output {
public:
    explicit Output(int fd);
    ~Output();
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    // Writes one event and flushes everything buffered.
    void event(const Json& json);
    // {"event":"<event>","index":i,"ms":x} into the buffer; no allocation, no system call unless it is full.
    void timing(const char* event, std::uint64_t index, std::int64_t ns);
    // Flushes when the buffer holds iteration lines older than 100 ms (nowNs on the steady clock).
    void flushIfDue(std::int64_t nowNs)
    {
        if (m_length != 0 && nowNs - m_lastFlushNs >= FlushIntervalNs)
            flush();
    }
    void flush();
    // stdout was closed by the reader (EPIPE) or failed: nothing more can be reported.
    bool broken() const { return m_broken; }

    static constexpr std::int64_t FlushIntervalNs = 100'000'000;

private:
    void append(const char* data, std::size_t size);

    int m_fd;
    bool m_broken = false;
    std::size_t m_length = 0;
    std::int64_t m_lastFlushNs = 0;
    static constexpr std::size_t Capacity = std::size_t { 64 } * 1024;
    char* m_buffer;
};

} // namespace omr
