#include "gatewayauth.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>
#include <array>

namespace ocs::gateway {

QByteArray GatewayAuth::randomSecret()
{
    std::array<quint32, 8> words; // 256 bits
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray GatewayAuth::digest(QByteArrayView secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256);
}

void GatewayAuth::setTokenLifetime(std::chrono::milliseconds lifetime)
{
    m_tokenLifetime = std::clamp(lifetime, std::chrono::milliseconds(1), MaxTokenLifetime);
}

void GatewayAuth::setTimeSource(TimeSource now)
{
    m_now = std::move(now);
}

void GatewayAuth::setSessionLifetimes(std::chrono::milliseconds idle,
                                      std::chrono::milliseconds absolute)
{
    m_sessionIdle = idle;
    m_sessionLifetime = absolute;
}

void GatewayAuth::dropExpiredTokens(Clock::time_point now)
{
    // Tokens are ordered by issue time, but the lifetime may have changed in between, so
    // check every entry; there are at most MaxPendingTokens.
    for (auto it = m_tokenOrder.begin(); it != m_tokenOrder.end();) {
        const auto found = m_tokens.constFind(*it);
        if (found == m_tokens.constEnd()) {
            it = m_tokenOrder.erase(it);
        } else if (found.value() <= now) {
            m_tokens.erase(found);
            it = m_tokenOrder.erase(it);
        } else {
            ++it;
        }
    }
}

QByteArray GatewayAuth::issueToken()
{
    const auto now = this->now();
    dropExpiredTokens(now);
    while (int(m_tokenOrder.size()) >= MaxPendingTokens) {
        m_tokens.remove(m_tokenOrder.front());
        m_tokenOrder.pop_front();
    }
    QByteArray token = randomSecret();
    const QByteArray key = digest(token);
    m_tokens.insert(key, now + m_tokenLifetime);
    m_tokenOrder.push_back(key);
    return token;
}

bool GatewayAuth::redeemToken(QByteArrayView token)
{
    if (token.isEmpty())
        return false;
    const auto now = this->now();
    const QByteArray key = digest(token);
    const auto it = m_tokens.constFind(key);
    if (it == m_tokens.constEnd()) {
        dropExpiredTokens(now);
        return false;
    }
    const bool valid = now < it.value();
    m_tokens.erase(it);
    dropExpiredTokens(now); // also forgets the order entry of the redeemed token
    return valid;
}

bool GatewayAuth::isExpired(const Session &session, Clock::time_point now) const
{
    return now - session.lastUsed >= m_sessionIdle || now - session.created >= m_sessionLifetime;
}

QByteArray GatewayAuth::createSession()
{
    const auto now = this->now();
    // Forget expired sessions (and the oldest, beyond the limit).
    for (auto it = m_sessionOrder.begin(); it != m_sessionOrder.end();) {
        const auto found = m_sessions.constFind(*it);
        if (found == m_sessions.constEnd() || isExpired(found.value(), now)) {
            if (found != m_sessions.constEnd())
                m_sessions.erase(found);
            it = m_sessionOrder.erase(it);
        } else {
            ++it;
        }
    }
    while (int(m_sessionOrder.size()) >= MaxSessions) {
        m_sessions.remove(m_sessionOrder.front());
        m_sessionOrder.pop_front();
    }
    QByteArray secret = randomSecret();
    const QByteArray key = digest(secret);
    m_sessions.insert(key, Session{now, now});
    m_sessionOrder.push_back(key);
    return secret;
}

bool GatewayAuth::isValidSession(QByteArrayView secret)
{
    if (secret.isEmpty())
        return false;
    const auto it = m_sessions.find(digest(secret));
    if (it == m_sessions.end())
        return false;
    const auto now = this->now();
    if (isExpired(it.value(), now)) {
        m_sessions.erase(it); // its order entry goes at the next createSession()
        return false;
    }
    it->lastUsed = now;
    return true;
}

void GatewayAuth::clearTokens()
{
    m_tokens.clear();
    m_tokenOrder.clear();
}

void GatewayAuth::clearSessions()
{
    m_sessions.clear();
    m_sessionOrder.clear();
}

} // namespace ocs::gateway
