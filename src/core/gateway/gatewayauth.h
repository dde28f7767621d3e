#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

#include <chrono>
#include <deque>
#include <functional>

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
    using TimeSource = std::function<Clock::time_point()>;

    static constexpr std::chrono::milliseconds MaxTokenLifetime{60000};
    static constexpr int MaxPendingTokens = 32;
    static constexpr int MaxSessions = 64;
    // A session ends when unused for this long, and this long after it began whatever happens.
    static constexpr std::chrono::minutes DefaultSessionIdle{12 * 60};
    static constexpr std::chrono::minutes DefaultSessionLifetime{24 * 60};

    // Tests: a clock to use instead of the steady clock.
    void setTimeSource(TimeSource now);
    void setSessionLifetimes(std::chrono::milliseconds idle, std::chrono::milliseconds absolute);
    // The cookie's Max-Age: the absolute lifetime.
    std::chrono::milliseconds sessionMaxAge() const { return m_sessionLifetime; }

    // Clamped to (0, MaxTokenLifetime].
    void setTokenLifetime(std::chrono::milliseconds lifetime);
    std::chrono::milliseconds tokenLifetime() const { return m_tokenLifetime; }

    // A new single-use login token.
    QByteArray issueToken();
    // True once per token, if it has not expired. The token is consumed either way.
    bool redeemToken(QByteArrayView token);

    // A new session secret (the cookie value).
    QByteArray createSession();
    // True for a live session, which counts as a use (its idle time starts again). An expired
    // one is forgotten.
    bool isValidSession(QByteArrayView secret);
    void clearSessions();
    void clearTokens();

    int pendingTokenCount() const { return int(m_tokens.size()); }
    int sessionCount() const { return int(m_sessions.size()); }

    static QByteArray randomSecret();

private:
    struct Session
    {
        Clock::time_point created;
        Clock::time_point lastUsed;
    };

    static QByteArray digest(QByteArrayView secret);
    Clock::time_point now() const { return m_now ? m_now() : Clock::now(); }
    void dropExpiredTokens(Clock::time_point now);
    bool isExpired(const Session &session, Clock::time_point now) const;

    TimeSource m_now;
    std::chrono::milliseconds m_sessionIdle = DefaultSessionIdle;
    std::chrono::milliseconds m_sessionLifetime = DefaultSessionLifetime;
    std::chrono::milliseconds m_tokenLifetime = MaxTokenLifetime;
    QHash<QByteArray, Clock::time_point> m_tokens; // digest -> expiry
    std::deque<QByteArray> m_tokenOrder;           // digests, oldest first
    QHash<QByteArray, Session> m_sessions;         // digest -> times
    std::deque<QByteArray> m_sessionOrder;         // digests, oldest first
};

} // namespace ocs::gateway
