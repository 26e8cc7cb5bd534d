#pragma once

// ATC's command-line syntax (reference/atc.md §1), for the fake atc. Test double only: never installed or shipped.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fakeatc {

struct Args {
    std::map<std::string, std::string> flags; // name without dashes -> value ("true" for --help)
    std::vector<std::string> order; // names in the order given

    bool has(const std::string& name) const { return flags.count(name) != 0; }
    std::string value(const std::string& name) const
    {
        const auto it = flags.find(name);
        return it == flags.end() ? std::string() : it->second;
    }
};

// `--name=value` and `--name value`; `-name` (two or more letters) is taken as `--name`; '-' inside a name
// becomes '_'. On failure, the line ATC prints on stderr (`ERROR: unknown command line flag 'x'`, …).
struct ParseResult {
    Args args;
    std::optional<std::string> error;
};
ParseResult parseArgs(int argc, char** argv);

// `atc --help`: "usage: atc <args>" and grouped sections.
std::string helpText();

// "a,b,,c" -> {a, b, c}
std::vector<std::string> splitList(const std::string& text, char separator);

// "name1:1,3,224,224;name2:1,10" -> names, each split from its dims at the last ':'.
std::vector<std::string> inputShapeNames(const std::string& spec);

} // namespace fakeatc
