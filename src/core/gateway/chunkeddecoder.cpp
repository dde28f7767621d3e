#include "chunkeddecoder.h"

#include <algorithm>

namespace ocs::gateway {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// 15 hex digits: 2^60 bytes, far beyond anything real, and no overflow.
constexpr int MaxSizeDigits = 15;

} // namespace

bool ChunkedDecoder::endOfSizeLine()
{
    if (m_digits == 0) {
        m_state = State::Error;
        return false;
    }
    m_lineLength = 0;
    m_state = m_remaining == 0 ? State::TrailerStart : State::Data;
    return true;
}

void ChunkedDecoder::startNextChunk()
{
    m_state = State::Size;
    m_digits = 0;
    m_remaining = 0;
}

qsizetype ChunkedDecoder::feed(const char *data, qsizetype size, QByteArray *payload)
{
    qsizetype i = 0;
    while (i < size) {
        switch (m_state) {
        case State::Done:
            return i;
        case State::Error:
            return -1;
        case State::Data: {
            const qsizetype n = qsizetype(std::min<quint64>(m_remaining, quint64(size - i)));
            if (payload)
                payload->append(data + i, n);
            i += n;
            m_remaining -= quint64(n);
            if (m_remaining == 0)
                m_state = State::DataCr;
            continue;
        }
        default:
            break;
        }

        const char c = data[i++];
        switch (m_state) {
        case State::Size: {
            const int v = hexValue(c);
            if (v >= 0) {
                if (++m_digits > MaxSizeDigits) {
                    m_state = State::Error;
                    break;
                }
                m_remaining = (m_remaining << 4) | quint64(v);
            } else if (c == '\r') {
                m_state = State::SizeLf;
            } else if (c == '\n') {
                endOfSizeLine();
            } else if (c == ';' || c == ' ' || c == '\t') {
                m_state = m_digits > 0 ? State::SizeTail : State::Error;
            } else {
                m_state = State::Error;
            }
            break;
        }
        case State::SizeTail:
            if (++m_lineLength > MaxSizeLineLength)
                m_state = State::Error;
            else if (c == '\r')
                m_state = State::SizeLf;
            else if (c == '\n')
                endOfSizeLine();
            break;
        case State::SizeLf:
            if (c == '\n')
                endOfSizeLine();
            else
                m_state = State::Error;
            break;
        case State::DataCr:
            if (c == '\r')
                m_state = State::DataLf;
            else if (c == '\n')
                startNextChunk();
            else
                m_state = State::Error;
            break;
        case State::DataLf:
            if (c == '\n')
                startNextChunk();
            else
                m_state = State::Error;
            break;
        case State::TrailerStart:
            if (c == '\r')
                m_state = State::FinalLf;
            else if (c == '\n')
                m_state = State::Done;
            else
                m_state = State::TrailerLine;
            if (++m_trailerSize > MaxTrailerSize)
                m_state = State::Error;
            break;
        case State::TrailerLine:
            if (c == '\n')
                m_state = State::TrailerStart;
            if (++m_trailerSize > MaxTrailerSize)
                m_state = State::Error;
            break;
        case State::FinalLf:
            m_state = c == '\n' ? State::Done : State::Error;
            break;
        case State::Data:
        case State::Done:
        case State::Error:
            break; // handled above
        }
        if (m_state == State::Error)
            return -1;
    }
    return m_state == State::Error ? -1 : i;
}

bool BodyFramer::isComplete() const
{
    switch (m_mode) {
    case Mode::None:
        return true;
    case Mode::Length:
        return m_remaining == 0;
    case Mode::Chunked:
        return m_chunked.isDone();
    case Mode::UntilClose:
        return false;
    }
    return false;
}

qsizetype BodyFramer::consume(const char *data, qsizetype size)
{
    switch (m_mode) {
    case Mode::None:
        return 0;
    case Mode::Length: {
        const qsizetype n = qsizetype(std::min<qint64>(m_remaining, size));
        m_remaining -= n;
        return n;
    }
    case Mode::Chunked:
        return m_chunked.feed(data, size);
    case Mode::UntilClose:
        return size;
    }
    return 0;
}

} // namespace ocs::gateway
