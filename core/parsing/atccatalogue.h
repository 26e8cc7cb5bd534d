#pragma once

#include "util/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

// What an ATC error code means and what to do about it in ATC Workbench.
struct CatalogueEntry {
    QString key; // the catalogue key that matched: a code ("E19010"), a family ("E11") or an event key ("loader_error")
    QString title;
    QString meaning;
    QString hint;
};

// The error catalogue, kept as data in resources/data/parsing/atc_errors.json (compiled into wb_core as
// ":/data/parsing/atc_errors.json"). Three tables: exact codes, code families (prefixes such as "E11" for the
// Caffe errors E11001-E11037) and event keys for output that has no code (Python tracebacks, loader errors).
class AtcErrorCatalogue {
public:
    // Parses the catalogue JSON; error code "bad_catalogue" when it is not the expected shape.
    static Result<AtcErrorCatalogue> fromJson(const QByteArray& json);
    // The built-in catalogue (loaded once, thread-safe). Empty when the resource is missing (logged).
    static const AtcErrorCatalogue& builtin();

    // Exact code or event key first, then the longest family prefix of a code; nullopt when nothing matches.
    std::optional<CatalogueEntry> lookup(const QString& codeOrKey) const;

    QStringList codes() const; // sorted
    QStringList eventKeys() const; // sorted
    bool isEmpty() const { return m_codes.isEmpty(); }

private:
    QHash<QString, CatalogueEntry> m_codes;
    QHash<QString, CatalogueEntry> m_families;
    QHash<QString, CatalogueEntry> m_events;
};

} // namespace wb
