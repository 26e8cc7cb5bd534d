// Host keys as a host presents them (`ssh-keyscan` output) and as the app's known_hosts file holds them: the line
// parser, the fingerprint of every key, and the trusted / unknown / changed decision against the same text.
#include "fuzztarget.h"

#include "remote/hostkeys.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray text = wbfuzz::bytes(data, size);
    const QList<wb::HostKey> keys = wb::parseHostKeys(text);
    for (const wb::HostKey& key : keys) {
        (void)key.fingerprint();
        (void)wb::hostsFieldMatches(key.hosts, QStringLiteral("[127.0.0.1]:2222"));
    }
    // The first half as what the host presents, the whole as known_hosts: equal, changed and unknown all occur.
    const QList<wb::HostKey> presented = wb::parseHostKeys(text.left(text.size() / 2));
    (void)wb::checkHostKey(presented, keys, QStringLiteral("[127.0.0.1]:2222"));
    (void)wb::checkHostKey(presented, keys, QStringLiteral("board"));
    if (!keys.isEmpty())
        (void)wb::keyWithFingerprint(presented, keys.constFirst().fingerprint());
    return 0;
}
