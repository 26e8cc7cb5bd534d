#include "hostkeys.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>

namespace wb {

QString sha256Fingerprint(const QString& base64Blob)
{
    const auto decoded = QByteArray::fromBase64Encoding(base64Blob.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return {};
    const QByteArray hash = QCryptographicHash::hash(decoded.decoded, QCryptographicHash::Sha256);
    return QStringLiteral("SHA256:")
        + QString::fromLatin1(hash.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
}

QString HostKey::fingerprint() const
{
    return sha256Fingerprint(blob);
}

QList<HostKey> parseHostKeys(const QByteArray& text)
{
    QList<HostKey> keys;
    for (const QByteArray& raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char('@')))
            continue;
        const QStringList fields = line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        if (fields.size() < 3)
            continue;
        keys.append({ fields.at(0), fields.at(1), fields.at(2), line });
    }
    return keys;
}

bool hostsFieldMatches(const QString& hostsField, const QString& knownName)
{
    if (hostsField.startsWith(QLatin1String("|1|"))) {
        const QStringList parts = hostsField.split(QLatin1Char('|'));
        if (parts.size() != 4)
            return false;
        const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
        const QByteArray mac
            = QMessageAuthenticationCode::hash(knownName.toUtf8(), salt, QCryptographicHash::Sha1).toBase64();
        return mac == parts.at(3).toLatin1();
    }
    const QStringList names = hostsField.split(QLatin1Char(','));
    return names.contains(knownName, Qt::CaseInsensitive);
}

namespace {

int typeRank(const QString& type) // the order keys are shown in: ed25519, ecdsa, rsa, others
{
    if (type == QLatin1String("ssh-ed25519"))
        return 0;
    if (type.startsWith(QLatin1String("ecdsa-")))
        return 1;
    if (type == QLatin1String("ssh-rsa"))
        return 2;
    return 3;
}

const HostKey* preferred(const QList<HostKey>& keys)
{
    const HostKey* best = nullptr;
    for (const HostKey& k : keys) {
        if (!best || typeRank(k.type) < typeRank(best->type))
            best = &k;
    }
    return best;
}

} // namespace

HostKeyVerdict checkHostKey(const QList<HostKey>& presented, const QList<HostKey>& stored, const QString& knownName)
{
    HostKeyVerdict verdict;
    const HostKey* shown = preferred(presented);
    if (!shown)
        return verdict; // NoKeys
    QList<HostKey> mine;
    for (const HostKey& s : stored) {
        if (hostsFieldMatches(s.hosts, knownName))
            mine.append(s);
    }
    for (const HostKey& p : presented) {
        for (const HostKey& s : mine) {
            if (s.type == p.type && s.blob == p.blob) {
                verdict.kind = HostKeyVerdict::Kind::Trusted;
                verdict.presentedFingerprint = p.fingerprint();
                verdict.presentedType = p.type;
                return verdict;
            }
        }
    }
    if (mine.isEmpty()) {
        verdict.kind = HostKeyVerdict::Kind::Unknown;
        verdict.presentedFingerprint = shown->fingerprint();
        verdict.presentedType = shown->type;
        return verdict;
    }
    // Changed: compare like with like when the host still offers a stored key type.
    const HostKey* storedKey = preferred(mine);
    const HostKey* presentedSame = nullptr;
    const HostKey* storedSame = nullptr;
    for (const HostKey& s : mine) {
        for (const HostKey& p : presented) {
            if (p.type == s.type && (!presentedSame || typeRank(p.type) < typeRank(presentedSame->type))) {
                presentedSame = &p;
                storedSame = &s;
            }
        }
    }
    if (presentedSame) {
        shown = presentedSame;
        storedKey = storedSame;
    }
    verdict.kind = HostKeyVerdict::Kind::Changed;
    verdict.presentedFingerprint = shown->fingerprint();
    verdict.presentedType = shown->type;
    verdict.storedFingerprint = storedKey->fingerprint();
    verdict.storedType = storedKey->type;
    return verdict;
}

std::optional<HostKey> keyWithFingerprint(const QList<HostKey>& presented, const QString& fingerprint)
{
    for (const HostKey& k : presented) {
        if (!fingerprint.isEmpty() && k.fingerprint() == fingerprint)
            return k;
    }
    return std::nullopt;
}

std::optional<Error> appendKnownHost(const QString& knownHostsFile, const QString& knownName, const HostKey& key)
{
    const QString dir = QFileInfo(knownHostsFile).absolutePath();
    QFile file(knownHostsFile);
    if (!QDir().mkpath(dir) || !file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        return Error { QStringLiteral("known_hosts"),
            QStringLiteral("Cannot write the known hosts file %1: %2.").arg(knownHostsFile, file.errorString()), {} };
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QByteArray line;
    if (file.size() > 0) { // make sure the previous entry ended its line
        QFile tail(knownHostsFile);
        if (tail.open(QIODevice::ReadOnly) && tail.seek(tail.size() - 1) && tail.read(1) != "\n")
            line += '\n';
    }
    line += QStringLiteral("%1 %2 %3\n").arg(knownName, key.type, key.blob).toUtf8();
    if (file.write(line) != line.size() || !file.flush()) {
        return Error { QStringLiteral("known_hosts"),
            QStringLiteral("Cannot write the known hosts file %1: %2.").arg(knownHostsFile, file.errorString()), {} };
    }
    return std::nullopt;
}

} // namespace wb
