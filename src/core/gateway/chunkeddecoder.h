#pragma once

#include <QByteArray>

namespace ocs::gateway {

// Incremental reader for the chunked transfer coding (RFC 9112 section 7.1). It finds where
// a chunked body ends so the bytes can be relayed unchanged, and can optionally hand out the
// decoded payload. Chunk extensions and trailer fields are accepted and skipped.
class ChunkedDecoder
{
public:
    static constexpr int MaxSizeLineLength = 4096;
    static constexpr int MaxTrailerSize = 64 * 1024;

    // Reads up to `size` bytes and returns how many of them belong to the chunked body
    // (fewer than `size` only when the body ends inside `data`). Appends chunk data to
    // `payload` when given. Returns -1 on malformed input; hasError() stays true afterwards.
    qsizetype feed(const char *data, qsizetype size, QByteArray *payload = nullptr);

    bool isDone() const { return m_state == State::Done; }
    bool hasError() const { return m_state == State::Error; }
    void reset() { *this = ChunkedDecoder(); }

private:
    enum class State {
        Size,         // hex digits of the chunk size
        SizeTail,     // whitespace or chunk extension after the size
        SizeLf,       // the LF after CR of the size line
        Data,         // chunk data
        DataCr,       // CR (or bare LF) after chunk data
        DataLf,       // LF after chunk data
        TrailerStart, // start of a trailer line, or of the final empty line
        TrailerLine,  // inside a trailer field line
        FinalLf,      // LF of the final empty line
        Done,
        Error
    };

    bool endOfSizeLine();
    void startNextChunk();

    State m_state = State::Size;
    quint64 m_remaining = 0; // of the current chunk
    int m_digits = 0;
    int m_lineLength = 0;
    int m_trailerSize = 0;
};

// Tracks where a message body ends, whatever its framing.
class BodyFramer
{
public:
    enum class Mode { None, Length, Chunked, UntilClose };

    static BodyFramer none() { return BodyFramer(Mode::None, 0); }
    static BodyFramer length(qint64 n) { return n > 0 ? BodyFramer(Mode::Length, n) : none(); }
    static BodyFramer chunked() { return BodyFramer(Mode::Chunked, 0); }
    static BodyFramer untilClose() { return BodyFramer(Mode::UntilClose, 0); }

    BodyFramer() = default;

    Mode mode() const { return m_mode; }
    bool isComplete() const;
    bool hasError() const { return m_chunked.hasError(); }
    // For Length: how many body bytes are still expected. For other modes: -1 (unknown).
    qint64 remaining() const { return m_mode == Mode::Length ? m_remaining : -1; }

    // How many of the `size` bytes belong to this body; -1 on a framing error.
    qsizetype consume(const char *data, qsizetype size);

private:
    BodyFramer(Mode mode, qint64 n)
        : m_mode(mode)
        , m_remaining(n)
    {}

    Mode m_mode = Mode::None;
    qint64 m_remaining = 0;
    ChunkedDecoder m_chunked;
};

} // namespace ocs::gateway
