#pragma once

// PNG exports through the app's one atomic writer (util/atomicfile.h): a crash while saving leaves the old picture.
#include "util/atomicfile.h"

#include <QIODevice>
#include <QImage>
#include <QPixmap>
#include <QString>

namespace wb {

template <typename Picture> // QImage or QPixmap
Result<bool> savePngAtomically(const Picture& picture, const QString& path)
{
    return writeFileAtomically(path, [&](QIODevice& out) -> std::optional<Error> {
        if (picture.save(&out, "PNG"))
            return std::nullopt;
        return Error { QStringLiteral("write_failed"), QStringLiteral("Cannot encode the PNG for %1.").arg(path), {} };
    });
}

} // namespace wb
