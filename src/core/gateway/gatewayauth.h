#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QSet>

#include <chrono>
#include <deque>

namespace ocs::gateway {

// One-time login tokens and session cookies of one gateway.
//
// Secrets are 256-bit values from the system CSPRNG, written as unpadded base64url. Only their
// SHA-256 digests are stored and looked up, so checking a guess takes the same path whatever
// its prefix (no timing oracle), and a memory dump reveals no usable secret.
class GatewayAuth
{
public:
    using Clock = std::chrono::steady_clock;

    static constexpr std::chrono::milliseconds MaxTokenLifetime{60000};
    static constexpr int MaxPendingTokens = 32;
    static constexpr int MaxSessions = 64;

    // Clamped to (0, MaxTokenLifetime].
    void setTokenLifetime(std::chrono::milliseconds lifetime);
    std::chrono::milliseconds tokenLifetime() const { return m_tokenLifetime; }

    // A new single-use login token.
    QByteArray issueToken();
    // True once per token, if it has not expired. The token is consumed either way.
    bool redeemToken(QByteArrayView token);

    // A new session secret (the cookie value).
    QByteArray createSession();
    bool isValidSession(QByteArrayView secret) const;
    void clearSessions();
    void clearTokens();

    int pendingTokenCount() const { return int(m_tokens.size()); }
    int sessionCount() const { return int(m_sessions.size()); }

    static QByteArray randomSecret();

private:
    static QByteArray digest(QByteArrayView secret);
    void dropExpiredTokens(Clock::time_point now);

    std::chrono::milliseconds m_tokenLifetime = MaxTokenLifetime;
    QHash<QByteArray, Clock::time_point> m_tokens; // digest -> expiry
    std::deque<QByteArray> m_tokenOrder;           // digests, oldest first
    QSet<QByteArray> m_sessions;                   // digests
    std::deque<QByteArray> m_sessionOrder;         // digests, oldest first
};

} // namespace ocs::gateway
