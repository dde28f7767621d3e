#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace ocs::gateway {

// One header field as received. `lowerName` is the lower-cased name, used for lookups.
struct HttpHeaderField
{
    QByteArray name;
    QByteArray lowerName;
    QByteArray value; // without leading/trailing whitespace
};

// The head (start line + header fields) of an HTTP/1.x request or response.
struct HttpHead
{
    // Request line (requests only).
    QByteArray method;
    QByteArray target;
    // Status line (responses only).
    int statusCode = 0;
    QByteArray statusLine; // the whole status line, without line terminator

    QByteArray version; // e.g. "HTTP/1.1"
    QList<HttpHeaderField> fields;

    bool isHttp11() const { return version == "HTTP/1.1"; }
    bool isHttp10() const { return version == "HTTP/1.0"; }

    // All lookups take a lower-case name.
    // The first value of the field, or a null QByteArray if it is absent.
    QByteArray value(QByteArrayView lowerName) const;
    int count(QByteArrayView lowerName) const;
    // The comma-separated elements of every field with that name, lower-cased and trimmed.
    QList<QByteArray> tokens(QByteArrayView lowerName) const;
    bool hasToken(QByteArrayView lowerName, QByteArrayView lowerToken) const;
};

// Incremental parser for the head of an HTTP/1.x message. Feed it the bytes received so far;
// once the head is complete it is removed from the front of the buffer and whatever follows
// (the start of the body or of the next message) stays there.
class HttpHeadParser
{
public:
    enum class Kind { Request, Response };
    enum class Status { NeedMoreData, Complete, Error };

    static constexpr qsizetype DefaultMaxHeadSize = 64 * 1024;
    static constexpr int MaxFieldCount = 256;

    explicit HttpHeadParser(Kind kind, qsizetype maxHeadSize = DefaultMaxHeadSize);

    // Looks for the end of the head in `buffer` (remembering how far it has already looked).
    Status parse(QByteArray &buffer);

    const HttpHead &head() const { return m_head; }
    // After Error: true when the head was too large (431 rather than 400).
    bool headTooLarge() const { return m_tooLarge; }
    // After Error: a short description that never contains bytes of the message.
    const char *errorReason() const { return m_error; }
    // Forget the current head; call before parsing the next message.
    void reset();

private:
    bool parseHead(QByteArrayView head);
    bool parseStartLine(QByteArrayView line);
    bool parseField(QByteArrayView line);
    bool fail(const char *reason);

    Kind m_kind;
    qsizetype m_maxHeadSize;
    qsizetype m_scanPos = 0;
    HttpHead m_head;
    const char *m_error = "";
    bool m_tooLarge = false;
};

// RFC 9110 token characters (field names, methods, transfer codings).
bool isTokenChar(char c);

} // namespace ocs::gateway
