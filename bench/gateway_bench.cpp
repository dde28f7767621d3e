// gateway_bench: how much the web gateway costs compared with talking to the upstream directly.
//
// Starts an upstream HTTP server (own thread), a WebGateway in front of it (own thread), two
// minimal TCP relays as references (read/write, and zero-copy splice() on Linux), and drives
// all with a blocking client (main thread), interleaving them in the same run:
//   - latency of small keep-alive requests (median, p95) and requests/s,
//   - throughput of a large download and a large upload (MB/s).
// Targets (issue 14, figure 5): median added latency <= 1 ms, throughput through the gateway
// >= 90% of the best plain relay measured in the same run (a relay without any HTTP is the
// floor for anything that relays).
//
//   gateway_bench [--requests N] [--mb SIZE] [--runs R] [--strict] [--result]
// --strict makes the exit status 1 when a target is missed; --result adds the figure's RESULT
// lines (bench/lib.sh's format: per-run samples, the floor's samples, median, ratio) for
// bench/run-bench.sh.

#include "gateway/webgateway.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#endif

namespace {

const QString User = QStringLiteral("opencode");
const QString Password = QStringLiteral("bench-0123456789-abcdefghijklmnopqrstuvwxyz-ABCD");

QByteArray basicAuthorization()
{
    return "Basic " + (User.toUtf8() + ':' + Password.toUtf8()).toBase64();
}

// ---------------------------------------------------------------------------------------
// Upstream: GET /small -> short JSON; GET /large?bytes=N -> N bytes; POST /sink -> reads the
// body and answers "ok". Requires the Basic credentials, like OpenCode's server.

class BenchUpstream : public QObject
{
public:
    BenchUpstream()
        : m_block(1024 * 1024, 'x')
        , m_authorization(basicAuthorization())
    {
        connect(&m_server, &QTcpServer::newConnection, this, &BenchUpstream::accept);
    }

    quint16 listen()
    {
        m_server.listen(QHostAddress(QHostAddress::LocalHost), 0);
        return m_server.serverPort();
    }

private:
    struct Connection
    {
        QTcpSocket *socket = nullptr;
        QByteArray buffer;
        qint64 sendRemaining = 0; // body bytes of a /large response still to write
        qint64 sinkRemaining = 0; // body bytes of a /sink request still to read
    };

    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            socket->setReadBufferSize(1024 * 1024);
            auto *c = new Connection{socket, {}, 0, 0};
            connect(socket, &QTcpSocket::readyRead, this, [this, c] { onRead(c); });
            connect(socket, &QTcpSocket::bytesWritten, this, [this, c] { sendMore(c); });
            connect(socket, &QTcpSocket::disconnected, this, [this, c] {
                c->socket->disconnect(this);
                c->socket->deleteLater();
                delete c;
            });
        }
    }

    void onRead(Connection *c)
    {
        for (;;) {
            if (c->sinkRemaining > 0) {
                char scratch[256 * 1024];
                if (!c->buffer.isEmpty()) {
                    const qint64 n = std::min<qint64>(c->sinkRemaining, c->buffer.size());
                    c->buffer.remove(0, n);
                    c->sinkRemaining -= n;
                }
                while (c->sinkRemaining > 0) {
                    const qint64 n = c->socket->read(
                        scratch, std::min<qint64>(sizeof(scratch), c->sinkRemaining));
                    if (n <= 0)
                        break;
                    c->sinkRemaining -= n;
                }
                if (c->sinkRemaining > 0)
                    return;
                reply(c, "ok");
            }
            if (c->sendRemaining > 0)
                return; // one exchange at a time
            c->buffer += c->socket->readAll();
            const qsizetype end = c->buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = c->buffer.left(end);
            c->buffer.remove(0, end + 4);
            const QByteArray target = head.mid(head.indexOf(' ') + 1).split(' ').first();
            const bool authorized = head.contains("\r\nAuthorization: " + m_authorization) ||
                                    head.contains("\r\nauthorization: " + m_authorization);
            if (!authorized) {
                c->socket->write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
                continue;
            }
            if (target.startsWith("/large?bytes=")) {
                c->sendRemaining = target.mid(13).toLongLong();
                c->socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                                 "Content-Length: " +
                                 QByteArray::number(c->sendRemaining) + "\r\n\r\n");
                sendMore(c);
            } else if (target == "/sink") {
                const qsizetype at = head.toLower().indexOf("\r\ncontent-length:");
                c->sinkRemaining =
                    head.mid(at + 17, head.indexOf('\r', at + 2) - at - 17).trimmed().toLongLong();
                if (c->sinkRemaining == 0)
                    reply(c, "ok");
            } else {
                reply(c, R"({"id":"ses_0123456789","title":"benchmark","time":1700000000})");
            }
        }
    }

    void reply(Connection *c, const QByteArray &body)
    {
        c->socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                         QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    void sendMore(Connection *c)
    {
        while (c->sendRemaining > 0 && c->socket->bytesToWrite() < 2 * 1024 * 1024) {
            if (c->sendRemaining >= m_block.size()) {
                c->socket->write(m_block); // shared, not copied
                c->sendRemaining -= m_block.size();
            } else {
                c->socket->write(m_block.constData(), c->sendRemaining);
                c->sendRemaining = 0;
            }
        }
        if (c->sendRemaining == 0 && !c->buffer.isEmpty())
            onRead(c);
    }

    QTcpServer m_server;
    QByteArray m_block;
    QByteArray m_authorization;
};

// ---------------------------------------------------------------------------------------
// Blocking client (the main thread has no event loop running).

class Client
{
public:
    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        if (!m_socket.waitForConnected(5000))
            return false;
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        return true;
    }

    bool send(const QByteArray &data)
    {
        m_socket.write(data);
        while (m_socket.bytesToWrite() > 0) {
            if (!m_socket.waitForBytesWritten(10000))
                return false;
        }
        return true;
    }

    // Uploads `size` bytes, keeping at most a few MB queued.
    bool sendBody(qint64 size)
    {
        static const QByteArray block(1024 * 1024, 'u');
        while (size > 0) {
            const qint64 n = std::min<qint64>(size, block.size());
            m_socket.write(block.constData(), n);
            size -= n;
            while (m_socket.bytesToWrite() > 4 * 1024 * 1024) {
                if (!m_socket.waitForBytesWritten(10000))
                    return false;
            }
        }
        while (m_socket.bytesToWrite() > 0) {
            if (!m_socket.waitForBytesWritten(10000))
                return false;
        }
        return true;
    }

    // Reads one response with a Content-Length body; returns the status (0 on failure) and
    // the body (or only its size when `keepBody` is false).
    int readResponse(QByteArray *body = nullptr, QByteArray *head = nullptr, qint64 *size = nullptr)
    {
        qsizetype end;
        while ((end = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (!fill())
                return 0;
        }
        const QByteArray h = m_buffer.left(end);
        m_buffer.remove(0, end + 4);
        const int status = h.mid(9, 3).toInt();
        const qsizetype at = h.toLower().indexOf("\r\ncontent-length:");
        qint64 remaining =
            at < 0 ? 0 : h.mid(at + 17, h.indexOf('\r', at + 2) - at - 17).trimmed().toLongLong();
        if (size)
            *size = remaining;
        if (head)
            *head = h;
        const qint64 fromBuffer = std::min<qint64>(remaining, m_buffer.size());
        if (body)
            *body = m_buffer.left(fromBuffer);
        m_buffer.remove(0, fromBuffer);
        remaining -= fromBuffer;
        static char scratch[1024 * 1024];
        while (remaining > 0) {
            if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(10000))
                return 0;
            const qint64 n = m_socket.read(scratch, std::min<qint64>(sizeof(scratch), remaining));
            if (n < 0)
                return 0;
            if (body)
                body->append(scratch, n);
            remaining -= n;
        }
        return status;
    }

private:
    bool fill()
    {
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(10000))
            return false;
        m_buffer += m_socket.readAll();
        return true;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// ---------------------------------------------------------------------------------------
// References: the simplest possible user-space TCP relays (blocking, one thread per
// direction, no HTTP at all). ReadWrite copies every byte in and out of user space: the floor
// for any proxy that is not zero-copy. Splice moves the data socket -> pipe -> socket with
// splice(2) (Linux), so the bytes never reach user space: the floor for any proxy at all. The
// gateway is compared with both as well as with direct access.

class RawRelay
{
public:
    enum class Mode { ReadWrite, Splice };

    explicit RawRelay(Mode mode)
        : m_mode(mode)
    {}

    ~RawRelay()
    {
        if (m_listenFd >= 0) {
            ::shutdown(m_listenFd, SHUT_RDWR);
            ::close(m_listenFd);
        }
        if (m_acceptor.joinable())
            m_acceptor.join();
        for (std::thread &t : m_pipes)
            t.join();
    }

    quint16 start(quint16 upstreamPort)
    {
        m_listenFd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&address), length) != 0 ||
            ::listen(m_listenFd, 16) != 0 ||
            ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return 0;
        m_acceptor = std::thread([this, upstreamPort] { acceptLoop(upstreamPort); });
        return ntohs(address.sin_port);
    }

private:
    void acceptLoop(quint16 upstreamPort)
    {
        for (;;) {
            const int client = ::accept(m_listenFd, nullptr, nullptr);
            if (client < 0)
                return;
            const int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            address.sin_port = htons(upstreamPort);
            if (::connect(upstream, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0) {
                ::close(client);
                ::close(upstream);
                continue;
            }
            const int one = 1;
            ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
            ::setsockopt(upstream, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
            // The client-to-upstream pipe owns both descriptors and closes them at the end.
            const Mode mode = m_mode;
            m_pipes.emplace_back([client, upstream, mode] {
                std::thread back([client, upstream, mode] { pipe(mode, upstream, client); });
                pipe(mode, client, upstream);
                ::shutdown(client, SHUT_RDWR);
                back.join();
                ::close(client);
                ::close(upstream);
            });
        }
    }

    static void pipe(Mode mode, int from, int to)
    {
        if (mode == Mode::Splice)
            splicePipe(from, to);
        else
            copyPipe(from, to);
        ::shutdown(to, SHUT_WR);
    }

    static void copyPipe(int from, int to)
    {
        std::vector<char> buffer(512 * 1024);
        for (;;) {
            const ssize_t n = ::read(from, buffer.data(), buffer.size());
            if (n <= 0)
                break;
            for (ssize_t done = 0; done < n;) {
                const ssize_t w = ::write(to, buffer.data() + done, size_t(n - done));
                if (w <= 0)
                    return;
                done += w;
            }
        }
    }

    static void splicePipe(int from, int to)
    {
#ifdef Q_OS_LINUX
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return;
        ::fcntl(fds[1], F_SETPIPE_SZ, 1024 * 1024); // a larger pipe means fewer calls
        for (;;) {
            ssize_t n = ::splice(from, nullptr, fds[1], nullptr, 1024 * 1024, SPLICE_F_MOVE);
            if (n <= 0)
                break;
            while (n > 0) {
                const ssize_t w = ::splice(fds[0], nullptr, to, nullptr, size_t(n), SPLICE_F_MOVE);
                if (w <= 0) {
                    n = -1;
                    break;
                }
                n -= w;
            }
            if (n < 0)
                break;
        }
        ::close(fds[0]);
        ::close(fds[1]);
#else
        Q_UNUSED(from);
        Q_UNUSED(to);
#endif
    }

    const Mode m_mode;
    int m_listenFd = -1;
    std::thread m_acceptor;
    std::vector<std::thread> m_pipes;
};

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// One RESULT line in bench/lib.sh's format (emit_result).
void printResult(const char *figure, const char *unit, const char *target, bool pass,
                 const std::vector<double> &samples, const std::vector<double> &floor, int decimals)
{
    // The ratio of each run to its own floor too (paired: drifts of the machine's load
    // between runs cancel out).
    QByteArray note = "per-run ratios:";
    std::vector<double> paired;
    for (size_t i = 0; i < samples.size() && i < floor.size(); ++i) {
        if (floor[i] != 0) {
            paired.push_back(samples[i] / floor[i]);
            note += ' ' + QByteArray::number(paired.back(), 'f', 2);
        }
    }
    note += ", median " + QByteArray::number(median(paired), 'f', 2);
    const auto array = [decimals](const std::vector<double> &v) {
        QByteArray out = "[";
        for (size_t i = 0; i < v.size(); ++i)
            out += (i ? "," : "") + QByteArray::number(v[i], 'f', decimals);
        return out + ']';
    };
    const double m = median(samples);
    const double fm = median(floor);
    const QByteArray ratio = fm != 0 ? QByteArray::number(m / fm, 'f', 3) : QByteArray("null");
    std::printf("RESULT {\"figure\":\"%s\",\"unit\":\"%s\",\"samples\":%s,\"median\":%.*f,"
                "\"min\":%.*f,\"max\":%.*f,\"floor_samples\":%s,\"floor_median\":%.*f,"
                "\"ratio\":%s,\"target\":\"%s\",\"pass\":%s,\"note\":\"%s\"}\n",
                figure, unit, array(samples).constData(), decimals, m, decimals,
                *std::min_element(samples.begin(), samples.end()), decimals,
                *std::max_element(samples.begin(), samples.end()), array(floor).constData(),
                decimals, fm, ratio.constData(), target, pass ? "true" : "false", note.constData());
}

template<typename Fn> void runIn(QObject *context, Fn fn)
{
    QMetaObject::invokeMethod(context, fn, Qt::BlockingQueuedConnection);
}

// CPU time of the whole process (all threads: client, upstream and, when used, gateway).
double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// One way of reaching the upstream: directly (with the Basic credentials) or through the
// gateway (with the session cookie). Measurements of both are interleaved, so changes in
// machine load affect both alike.
struct Target
{
    quint16 port = 0;
    QByteArray host;
    QByteArray fields;
    std::function<double()> relayCpu; // CPU seconds of the gateway thread (gateway only)

    struct Cost // CPU seconds spent, for `units` requests or bytes
    {
        double process = 0;
        double relay = 0;
        double units = 0;
    };

    std::unique_ptr<Client> keepAlive; // for the small requests
    std::vector<qint64> latencyNs;
    std::vector<double> roundMedianUs; // the median latency of each round
    Cost latencyCost;
    double bestDownload = 0; // MB/s
    double bestUpload = 0;
    std::vector<double> downloads; // MB/s of each run (0: failed)
    std::vector<double> uploads;
    Cost downloadCost;
    Cost uploadCost;
    bool ok = true;

    QByteArray request(const QByteArray &method, const QByteArray &target,
                       const QByteArray &extra = {}) const
    {
        return method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + fields + extra +
               "\r\n";
    }

    // Runs `work` and adds its CPU use to `cost`.
    template<typename Fn> void measured(Cost *cost, double units, Fn work)
    {
        const double relay = relayCpu ? relayCpu() : 0;
        const double process = processCpuSeconds();
        work();
        cost->process += processCpuSeconds() - process;
        cost->relay += relayCpu ? relayCpu() - relay : 0;
        cost->units += units;
    }

    void latencyRound(int requests)
    {
        if (!keepAlive) {
            keepAlive = std::make_unique<Client>();
            ok = ok && keepAlive->connectTo(port);
        }
        const QByteArray small =
            request("GET", "/small", "Accept: application/json\r\nUser-Agent: bench\r\n");
        for (int i = 0; ok && i < std::max(10, requests / 10); ++i) // warm-up
            ok = keepAlive->send(small) && keepAlive->readResponse() == 200;
        std::vector<qint64> round;
        measured(&latencyCost, requests, [&] {
            for (int i = 0; ok && i < requests; ++i) {
                QElapsedTimer t;
                t.start();
                ok = keepAlive->send(small) && keepAlive->readResponse() == 200;
                round.push_back(t.nsecsElapsed());
            }
        });
        latencyNs.insert(latencyNs.end(), round.begin(), round.end());
        std::sort(round.begin(), round.end());
        roundMedianUs.push_back(round.empty() ? 0 : double(round[round.size() / 2]) / 1000.0);
    }

    double percentileUs(int p) const
    {
        std::vector<qint64> sorted = latencyNs;
        std::sort(sorted.begin(), sorted.end());
        return sorted.empty() ? 0 : double(sorted[sorted.size() * size_t(p) / 100]) / 1000.0;
    }
    double requestsPerSecond() const
    {
        qint64 total = 0;
        for (qint64 ns : latencyNs)
            total += ns;
        return total > 0 ? double(latencyNs.size()) / (double(total) / 1e9) : 0;
    }

    void download(qint64 bytes)
    {
        Client client;
        ok = ok && client.connectTo(port);
        QElapsedTimer t;
        measured(&downloadCost, double(bytes) / (1 << 30), [&] {
            t.start();
            qint64 size = 0;
            ok = ok && client.send(request("GET", "/large?bytes=" + QByteArray::number(bytes))) &&
                 client.readResponse(nullptr, nullptr, &size) == 200 && size == bytes;
        });
        downloads.push_back(ok ? rate(bytes, t.nsecsElapsed()) : 0);
        bestDownload = std::max(bestDownload, downloads.back());
    }

    void upload(qint64 bytes)
    {
        Client client;
        ok = ok && client.connectTo(port);
        QElapsedTimer t;
        measured(&uploadCost, double(bytes) / (1 << 30), [&] {
            t.start();
            ok = ok &&
                 client.send(request("POST", "/sink",
                                     "Content-Type: application/octet-stream\r\n"
                                     "Content-Length: " +
                                         QByteArray::number(bytes) + "\r\n")) &&
                 client.sendBody(bytes) && client.readResponse() == 200;
        });
        uploads.push_back(ok ? rate(bytes, t.nsecsElapsed()) : 0);
        bestUpload = std::max(bestUpload, uploads.back());
    }

    static double rate(qint64 bytes, qint64 ns)
    {
        return double(bytes) / (1024.0 * 1024.0) / (double(ns) / 1e9);
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Measures the web gateway against direct upstream access."));
    parser.addHelpOption();
    const QCommandLineOption requestsOption(QStringLiteral("requests"),
                                            QStringLiteral("Small requests per measurement."),
                                            QStringLiteral("n"), QStringLiteral("5000"));
    const QCommandLineOption mbOption(QStringLiteral("mb"),
                                      QStringLiteral("Size of the large transfers in MB."),
                                      QStringLiteral("size"), QStringLiteral("256"));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Interleaved rounds of each measurement."),
                                        QStringLiteral("r"), QStringLiteral("3"));
    const QCommandLineOption strictOption(QStringLiteral("strict"),
                                          QStringLiteral("Exit with 1 when a target is missed."));
    const QCommandLineOption resultOption(
        QStringLiteral("result"), QStringLiteral("Print RESULT lines for bench/run-bench.sh."));
    parser.addOptions({requestsOption, mbOption, runsOption, strictOption, resultOption});
    parser.process(app);
    const int requests = std::max(100, parser.value(requestsOption).toInt());
    const qint64 bytes = std::max<qint64>(1, parser.value(mbOption).toLongLong()) * 1024 * 1024;
    const int runs = std::max(1, parser.value(runsOption).toInt());

    QThread upstreamThread;
    QThread gatewayThread;
    upstreamThread.setObjectName(QStringLiteral("upstream")); // thread names, for profilers
    gatewayThread.setObjectName(QStringLiteral("gateway"));
    upstreamThread.start();
    gatewayThread.start();

    // The upstream is created in its thread, so its server and sockets live there.
    QObject upstreamContext;
    upstreamContext.moveToThread(&upstreamThread);
    BenchUpstream *upstream = nullptr;
    quint16 upstreamPort = 0;
    runIn(&upstreamContext, [&] {
        upstream = new BenchUpstream;
        upstreamPort = upstream->listen();
    });

    auto *gateway = new ocs::WebGateway({upstreamPort, User, Password});
    gateway->moveToThread(&gatewayThread);
    bool listening = false;
    QUrl loginUrl;
    runIn(gateway, [&] {
        listening = gateway->listen();
        loginUrl = gateway->createLoginUrl();
    });
    if (!upstreamPort || !listening) {
        std::fprintf(stderr, "could not start the servers\n");
        return 2;
    }
    const quint16 gatewayPort = gateway->port();

    // Log in like a browser would, to get the session cookie.
    QByteArray cookie;
    {
        Client client;
        QByteArray head;
        if (client.connectTo(gatewayPort) &&
            client.send("GET " + loginUrl.path(QUrl::FullyEncoded).toLatin1() + '?' +
                        loginUrl.query(QUrl::FullyEncoded).toLatin1() +
                        " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(gatewayPort) +
                        "\r\n\r\n") &&
            client.readResponse(nullptr, &head) == 303) {
            const qsizetype at = head.indexOf("Set-Cookie: ");
            cookie = head.mid(at + 12, head.indexOf(';', at) - at - 12);
        }
    }
    if (cookie.isEmpty()) {
        std::fprintf(stderr, "login through the gateway failed\n");
        return 2;
    }

    RawRelay rawRelay(RawRelay::Mode::ReadWrite);
    const quint16 rawPort = rawRelay.start(upstreamPort);
#ifdef Q_OS_LINUX
    constexpr bool haveSplice = true;
#else
    constexpr bool haveSplice = false;
#endif
    RawRelay spliceRelay(RawRelay::Mode::Splice);
    const quint16 splicePort = haveSplice ? spliceRelay.start(upstreamPort) : 0;

    Target direct;
    direct.port = upstreamPort;
    direct.host = "127.0.0.1:" + QByteArray::number(upstreamPort);
    direct.fields = "Authorization: " + basicAuthorization() + "\r\n";
    Target raw; // the same requests as `direct`, through the reference relays
    raw.port = rawPort;
    raw.host = direct.host;
    raw.fields = direct.fields;
    Target spliced;
    spliced.port = splicePort;
    spliced.host = direct.host;
    spliced.fields = direct.fields;
    Target through;
    through.port = gatewayPort;
    through.host = "127.0.0.1:" + QByteArray::number(gatewayPort);
    through.fields = "Cookie: " + cookie + "\r\n";
    through.relayCpu = [gateway] {
        double seconds = 0;
        runIn(gateway, [&] {
            timespec ts{};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
            seconds = double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
        });
        return seconds;
    };
    std::vector<Target *> targets = {&direct, &raw, &through};
    if (haveSplice)
        targets.insert(targets.begin() + 2, &spliced);

    double load[3] = {0, 0, 0};
    getloadavg(load, 3);
    std::printf("gateway_bench: %d small requests, %lld MB transfers x %d runs (interleaved), "
                "%d CPUs, load average %.2f\n\n",
                requests, bytes / (1024 * 1024), runs, QThread::idealThreadCount(), load[0]);

    for (int run = 0; run < runs; ++run) {
        for (Target *t : targets)
            t->latencyRound(requests / runs);
    }
    for (int run = 0; run < runs; ++run) {
        for (Target *t : targets)
            t->download(bytes);
    }
    for (int run = 0; run < runs; ++run) {
        for (Target *t : targets)
            t->upload(bytes);
    }

    qint64 peak = 0;
    runIn(gateway, [&] { peak = gateway->peakBufferedBytes(); });

    bool failed = !direct.ok || !through.ok;
    if (failed || !raw.ok || !spliced.ok)
        std::printf("WARNING: some measurements failed\n");

    const auto perUnit = [](const Target::Cost &c, double scale) {
        return c.units > 0 ? c.process * scale / c.units : 0.0;
    };
    // Columns: direct, read/write relay, splice relay (Linux), gateway.
    const auto row = [&](const char *name, int decimals, const std::function<double(Target &)> &f) {
        std::printf("%-36s", name);
        for (Target *t : targets)
            std::printf(" %10.*f", decimals, f(*t));
        std::printf("\n");
    };
    std::printf("%-36s %10s %10s %10s %10s\n", "measure", "direct", "r/w relay",
                haveSplice ? "splice rel" : "gateway", haveSplice ? "gateway" : "");
    row("latency median (us)", 1, [](Target &t) { return t.percentileUs(50); });
    row("latency p95 (us)", 1, [](Target &t) { return t.percentileUs(95); });
    row("small requests/s (1 keep-alive conn)", 0, [](Target &t) { return t.requestsPerSecond(); });
    row("download MB/s (best run)", 0, [](Target &t) { return t.bestDownload; });
    row("upload MB/s (best run)", 0, [](Target &t) { return t.bestUpload; });
    row("process CPU per small request (us)", 1,
        [&](Target &t) { return perUnit(t.latencyCost, 1e6); });
    row("process CPU per GiB downloaded (s)", 2,
        [&](Target &t) { return perUnit(t.downloadCost, 1); });
    row("process CPU per GiB uploaded (s)", 2, [&](Target &t) { return perUnit(t.uploadCost, 1); });
    const double latencyRelay = through.latencyCost.units > 0
                                    ? through.latencyCost.relay * 1e6 / through.latencyCost.units
                                    : 0;
    std::printf(
        "gateway thread alone: %.1f us CPU per small request, %.2f s per GiB down, "
        "%.2f s per GiB up; peak buffered %.1f MB\n",
        latencyRelay,
        through.downloadCost.units > 0 ? through.downloadCost.relay / through.downloadCost.units
                                       : 0,
        through.uploadCost.units > 0 ? through.uploadCost.relay / through.uploadCost.units : 0,
        double(peak) / (1024.0 * 1024.0));

    // The floor of a relayed transfer: the best plain relay of each run (read/write or
    // splice, whichever was faster in that run).
    std::vector<double> relayDown;
    std::vector<double> relayUp;
    for (int run = 0; run < runs; ++run) {
        relayDown.push_back(
            std::max(raw.downloads.at(run), haveSplice ? spliced.downloads.at(run) : 0));
        relayUp.push_back(std::max(raw.uploads.at(run), haveSplice ? spliced.uploads.at(run) : 0));
    }
    const double overheadUs = through.percentileUs(50) - direct.percentileUs(50);
    const double downRatio = median(through.downloads) / median(relayDown);
    const double upRatio = median(through.uploads) / median(relayUp);
    const bool latencyMet = overheadUs <= 1000.0;
    const bool throughputMet = downRatio >= 0.9 && upRatio >= 0.9;
    std::printf("\ntarget median added latency <= 1 ms: %s (%+.3f ms; raw relay %+.3f ms)\n",
                latencyMet ? "met" : "NOT met", overheadUs / 1000.0,
                (raw.percentileUs(50) - direct.percentileUs(50)) / 1000.0);
    std::printf("target throughput >= 90%% of the best plain relay (medians of %d runs): %s "
                "(download %.0f%%, upload %.0f%%; against direct: gateway %.0f%% / %.0f%%, r/w "
                "relay %.0f%% / %.0f%%",
                runs, throughputMet ? "met" : "NOT met", 100.0 * downRatio, 100.0 * upRatio,
                100.0 * median(through.downloads) / median(direct.downloads),
                100.0 * median(through.uploads) / median(direct.uploads),
                100.0 * median(raw.downloads) / median(direct.downloads),
                100.0 * median(raw.uploads) / median(direct.uploads));
    if (haveSplice) {
        std::printf("; splice relay %.0f%% / %.0f%%",
                    100.0 * median(spliced.downloads) / median(direct.downloads),
                    100.0 * median(spliced.uploads) / median(direct.uploads));
    }
    std::printf(")\n");
    if (parser.isSet(resultOption)) {
        // Added latency per round: the gateway's median minus direct's median of the same
        // round; its floor: the same for the read/write relay.
        std::vector<double> added;
        std::vector<double> relayAdded;
        for (size_t i = 0; i < direct.roundMedianUs.size() && i < through.roundMedianUs.size();
             ++i) {
            added.push_back((through.roundMedianUs[i] - direct.roundMedianUs[i]) / 1000.0);
            relayAdded.push_back((raw.roundMedianUs.at(i) - direct.roundMedianUs[i]) / 1000.0);
        }
        printResult("gateway_added_latency", "ms", "median <= 1 ms added",
                    median(added) <= 1.0 && !failed, added, relayAdded, 4);
        printResult("gateway_download", "MB/s", ">= 0.90 x best plain relay",
                    downRatio >= 0.9 && !failed, through.downloads, relayDown, 0);
        printResult("gateway_upload", "MB/s", ">= 0.90 x best plain relay",
                    upRatio >= 0.9 && !failed, through.uploads, relayUp, 0);
    }
    if (QThread::idealThreadCount() < 4) {
        std::printf(
            "note: %d CPUs for the three busy threads of a relayed transfer (client, relay, "
            "upstream; direct has two):\n      a relay of any kind competes with both ends "
            "for CPU here, see the reference relays.\n",
            QThread::idealThreadCount());
    }
    failed = failed || !latencyMet || !throughputMet;

    runIn(gateway, [&] { delete gateway; });
    runIn(&upstreamContext, [&] { delete upstream; });
    gatewayThread.quit();
    upstreamThread.quit();
    gatewayThread.wait();
    upstreamThread.wait();
    return parser.isSet(strictOption) && failed ? 1 : 0;
}
