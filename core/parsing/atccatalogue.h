#pragma once

#include "util/hintform.h"
#include "util/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace wb {

// What an ATC error code means and what to do about it in ATC Workbench. One entry holds both forms of its hint.
struct CatalogueEntry {
    QString key; // the catalogue key that matched: a code ("E19010"), a family ("E11"), an event key
                 // ("loader_error") or a case of a code ("E19010/op_type")
    QString title;
    QString meaning;
    QString hint; // the GUI form: names pages ("the Shapes page") and controls in asterisks ("*Run ATC*")
    QString cliHint; // the CLI form: flags and `atcwb` commands, never a page; empty when `hint` names no UI
    QString hintFor(HintForm form) const { return form == HintForm::Cli && !cliHint.isEmpty() ? cliHint : hint; }
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
    // Every entry of the three tables (for tests that walk the catalogue).
    QList<CatalogueEntry> entries() const;

    QStringList codes() const; // sorted
    QStringList eventKeys() const; // sorted
    bool isEmpty() const { return m_codes.isEmpty(); }

private:
    QHash<QString, CatalogueEntry> m_codes;
    QHash<QString, CatalogueEntry> m_families;
    QHash<QString, CatalogueEntry> m_events;
};

// A GUI hint of the catalogue in the UI language: core translates with Qt Core alone (QCoreApplication::translate,
// context "AtcErrorCatalogue"); lupdate finds the hints in atccatalogue_strings.cpp, which
// scripts/catalogue-strings.py writes from the JSON. The text as it is when no translation is installed.
QString catalogueText(const QString& hint);

} // namespace wb
