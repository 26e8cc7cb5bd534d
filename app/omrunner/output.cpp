#include "output.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace omr {

namespace {

// Writes the decimal digits of `value` ending at `end`; returns the new start.
char* digitsBackwards(char* end, std::uint64_t value)
{
    do {
        *--end = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    return end;
}

// ns as "<ms>.<6 digits>" into `out` (at least 32 bytes); returns the length.
std::size_t formatMs(char* out, std::int64_t ns)
{
    char scratch[32];
    char* end = scratch + sizeof scratch;
    const bool negative = ns < 0;
    std::uint64_t value = negative ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
    std::uint64_t fraction = value % 1'000'000;
    for (int i = 0; i < 6; ++i) {
        *--end = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    *--end = '.';
    end = digitsBackwards(end, value / 1'000'000);
    if (negative)
        *--end = '-';
    const auto length = static_cast<std::size_t>(scratch + sizeof scratch - end);
    std::memcpy(out, end, length);
    return length;
}

// Length of the valid UTF-8 sequence starting at p (1..4), or 0 when it is not valid.
std::size_t utf8Length(const unsigned char* p, std::size_t left)
{
    const unsigned char c = p[0];
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || n > left || (n == 2 && c < 0xC2))
        return 0;
    for (std::size_t i = 1; i < n; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    }
    return n;
}

} // namespace

std::string quote(const std::string& text)
{
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else if (c >= 0x80) {
            const std::size_t n = utf8Length(p + i, text.size() - i);
            if (n == 0) {
                out += "\xEF\xBF\xBD";
                ++i;
                continue;
            }
            out.append(text, i, n);
            i += n;
            continue;
        } else {
            out += static_cast<char>(c);
        }
        ++i;
    }
    out += '"';
    return out;
}

std::string nsToMs(std::int64_t ns)
{
    char buffer[32];
    return std::string(buffer, formatMs(buffer, ns));
}

Json::Json(const char* event)
    : m_text("{\"event\":")
{
    m_text += quote(event);
}

void Json::key(const char* name)
{
    m_text += ',';
    m_text += quote(name);
    m_text += ':';
}

Json& Json::add(const char* name, const std::string& value)
{
    key(name);
    m_text += quote(value);
    return *this;
}

Json& Json::add(const char* name, const char* value)
{
    return value ? add(name, std::string(value)) : null(name);
}

Json& Json::add(const char* name, std::int64_t value)
{
    key(name);
    m_text += std::to_string(value);
    return *this;
}

Json& Json::add(const char* name, std::uint64_t value)
{
    key(name);
    m_text += std::to_string(value);
    return *this;
}

Json& Json::add(const char* name, double value, int decimals)
{
    if (!std::isfinite(value))
        return null(name);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    key(name);
    m_text += buffer;
    return *this;
}

Json& Json::add(const char* name, bool value)
{
    key(name);
    m_text += value ? "true" : "false";
    return *this;
}

Json& Json::null(const char* name)
{
    key(name);
    m_text += "null";
    return *this;
}

Json& Json::raw(const char* name, const std::string& json)
{
    key(name);
    m_text += json;
    return *this;
}

Output::Output(int fd)
    : m_fd(fd)
    , m_buffer(new char[Capacity])
{
}

Output::~Output()
{
    flush();
    delete[] m_buffer;
}

void Output::append(const char* data, std::size_t size)
{
    while (size > 0) {
        if (m_length == Capacity)
            flush();
        const std::size_t n = size < Capacity - m_length ? size : Capacity - m_length;
        std::memcpy(m_buffer + m_length, data, n);
        m_length += n;
        data += n;
        size -= n;
    }
}

void Output::event(const Json& json)
{
    const std::string text = json.text() + '\n';
    append(text.data(), text.size());
    flush();
}

void Output::timing(const char* event, std::uint64_t index, std::int64_t ns)
{
    // {"event":"iteration","index":18446744073709551615,"ms":-9223372036854.775808}\n fits in 128 bytes with
    // an event name of up to 32 characters.
    char line[160];
    char* p = line;
    static constexpr char Head[] = "{\"event\":\"";
    std::memcpy(p, Head, sizeof Head - 1);
    p += sizeof Head - 1;
    for (const char* e = event; *e && p < line + 42; ++e)
        *p++ = *e;
    static constexpr char Index[] = "\",\"index\":";
    std::memcpy(p, Index, sizeof Index - 1);
    p += sizeof Index - 1;
    char digits[24];
    char* start = digitsBackwards(digits + sizeof digits, index);
    const auto count = static_cast<std::size_t>(digits + sizeof digits - start);
    std::memcpy(p, start, count);
    p += count;
    static constexpr char Ms[] = ",\"ms\":";
    std::memcpy(p, Ms, sizeof Ms - 1);
    p += sizeof Ms - 1;
    p += formatMs(p, ns);
    *p++ = '}';
    *p++ = '\n';
    if (Capacity - m_length < static_cast<std::size_t>(p - line))
        flush();
    append(line, static_cast<std::size_t>(p - line));
}

void Output::flush()
{
    m_lastFlushNs = steadyNowNs();
    std::size_t done = 0;
    while (done < m_length && !m_broken) {
        const ssize_t n = ::write(m_fd, m_buffer + done, m_length - done);
        if (n > 0)
            done += static_cast<std::size_t>(n);
        else if (n < 0 && errno != EINTR)
            m_broken = true; // EPIPE (the reader went away) or another error: stop reporting
    }
    m_length = 0;
}

} // namespace omr
