#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace wb {

// One public host key: a known_hosts line "HOSTS TYPE BASE64 [comment]" or an `ssh-keyscan` line.
struct HostKey {
    QString hosts; // the first field: "host", "[host]:port", "a,b", or "|1|salt|hash" (hashed)
    QString type; // "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", ...
    QString blob; // base64 of the key blob, as written
    QString line; // the whole line, as read

    // "SHA256:" + base64(sha256(decoded blob)) without padding, as `ssh-keygen -l` prints; empty for a bad blob.
    QString fingerprint() const;
};

// Pure: the SHA256 fingerprint of a base64 key blob (empty when the text is not base64).
QString sha256Fingerprint(const QString& base64Blob);

// Pure: key lines of known_hosts or ssh-keyscan output. Blank lines, comments ("#"), @cert-authority / @revoked
// markers and lines that do not have three fields are skipped.
QList<HostKey> parseHostKeys(const QByteArray& text);

// Pure: whether one known_hosts HOSTS field names `knownName` ("host" or "[host]:port"): comma lists, hashed
// names (|1|base64 salt|base64 HMAC-SHA1); negations and wildcards are not matched (the app writes neither).
bool hostsFieldMatches(const QString& hostsField, const QString& knownName);

// What the app's known_hosts says about the keys a host presents.
struct HostKeyVerdict {
    enum class Kind {
        Trusted, // a presented key is stored for this host
        Unknown, // nothing is stored for this host: show the fingerprint, trust only when the user confirms
        Changed, // keys are stored for this host, none of them is presented: refuse (possible man in the middle)
        NoKeys, // the host presented no key at all
    };
    Kind kind = Kind::NoKeys;
    QString presentedFingerprint; // the key shown (for Changed: of the type stored, when the host offers it)
    QString presentedType;
    QString storedFingerprint; // Changed: the stored key's
    QString storedType;
};

// Pure. `presented`: the keys the host sent (ssh-keyscan), `stored`: known_hosts entries, `knownName` as
// knownHostsName() gives it. Ed25519 is shown first when several are presented.
HostKeyVerdict checkHostKey(const QList<HostKey>& presented, const QList<HostKey>& stored, const QString& knownName);

// Picks the presented key whose fingerprint is `fingerprint` ("SHA256:…", exact). nullopt when none matches.
std::optional<HostKey> keyWithFingerprint(const QList<HostKey>& presented, const QString& fingerprint);

// Appends "knownName TYPE BLOB" to the known_hosts file (created with its folder, mode 0600). Error "known_hosts"
// names the file.
std::optional<Error> appendKnownHost(const QString& knownHostsFile, const QString& knownName, const HostKey& key);

} // namespace wb
