#pragma once

#include <QString>
#include <QtGlobal>

class QByteArray;

namespace wb {

// The fixed 256-byte header of an Ascend offline model (.om), with the checks GE's loader applies to it.
// A pure value; the parsing itself lives in run/omfileheader.h (Qt-free, shared with the om-runner helper).
struct OmHeader {
    enum class Error {
        None,
        NotFound, // readOmHeaderFile only
        Unreadable, // readOmHeaderFile only: a folder, no permission, I/O error
        Empty,
        TooShort,
        BadMagic,
        BadHeadSize,
        NoModelData,
        Truncated,
        TrailingBytes,
    };

    bool magicOk = false; // starts with "IMOD"
    quint32 headSize = 0; // 256 for every OM written by ATC
    quint32 version = 0; // 0x20000000 ("2.0") for current GE
    QString name; // the model name ATC stored (at most 32 bytes)
    quint64 modelLength = 0; // bytes after the header, as declared (model_length, or the legacy length)
    quint64 fileSize = 0;
    quint32 modelNum = 0; // > 1: several models in one OM
    bool isUnknowModel = false; // GE's flag for unknown-shape models
    bool dynamic = false; // modelNum > 1 or isUnknowModel
    bool encrypted = false;
    int modelType = 0; // 0 IR, 1 standard, 2 OM tiny, 3 flow, 4 lite, 5 bundle
    qint64 partitionCount = -1; // entries of the partition table after the header; -1 when absent
    bool valid = false; // magic, headsize and length all hold: AscendCL's loader will not refuse the header
    Error error = Error::None;
    QString message; // empty when valid; else a sentence about the file without its path ("is truncated: ...")

    // "2.0" for 0x20000000; hex for anything else.
    QString versionString() const;
    // A stable code for `error`: "", "not_found", "unreadable", "empty", "too_short", "not_om", "bad_headsize",
    // "no_model_data", "truncated", "trailing_bytes".
    QString errorCode() const;
};

// Parses the header from `data`. `fileSize` is the size of the whole file when `data` holds only its start
// (omfileheader's BytesToParse = 260 bytes are enough); by default `data` is the whole file.
OmHeader parseOmHeader(const QByteArray& data, qint64 fileSize = -1);

// Reads only the first 260 bytes of `path` and checks them against the file's size. `message` then starts
// with the file's path: "/x/model.om is truncated: ...".
OmHeader readOmHeaderFile(const QString& path);

} // namespace wb
