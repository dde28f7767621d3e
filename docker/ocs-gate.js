'use strict';
// ocs-gate: the authenticating reverse proxy in front of OpenCode (see README.md,
// "Password isolation"). Runs as the system user ocs-gate, never as dev.
//
//   0.0.0.0:4096 (published by the host) --Basic auth--> 127.0.0.1:4097 (OpenCode, as dev,
//   started without any password; the firewall lets only ocs-gate connect there)
//
// Every request (and every WebSocket upgrade) must carry Basic auth for
// OPENCODE_SERVER_USERNAME (default "opencode") and OPENCODE_SERVER_PASSWORD, compared in
// constant time; the Authorization header is removed before forwarding. Bodies, SSE streams
// and upgraded connections are piped through unchanged. The password is read once, at
// start, from fd 3 (a pipe the entrypoint writes, then closes): it is never in this
// process's environment, which /proc/PID/environ would show to every process of this uid
// for as long as the gate runs (deleting it from process.env does not change that).
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const net = require('net');

const LISTEN_HOST = process.env.OCS_GATE_LISTEN_HOST || '0.0.0.0';
const LISTEN_PORT = Number(process.env.OCS_GATE_LISTEN_PORT || 4096);
const UPSTREAM_HOST = '127.0.0.1';
const UPSTREAM_PORT = Number(process.env.OCS_GATE_UPSTREAM_PORT || 4097);

const SECRET_FD = 3;
function readPassword() {
    let text;
    try {
        // A bash here-string: the password and one newline.
        text = fs.readFileSync(SECRET_FD, 'utf8').replace(/\n$/, '');
        fs.closeSync(SECRET_FD);
    } catch (e) {
        console.error(`ocs-gate: cannot read the password from fd ${SECRET_FD} (${e.code || e.message})`);
        process.exit(1);
    }
    return text;
}
const username = process.env.OPENCODE_SERVER_USERNAME || 'opencode';
const password = readPassword();
const open = password === '';
// Digests of equal length: timingSafeEqual needs that, and the comparison then takes the
// same time whatever the client sent.
const expected = crypto.createHash('sha256').update(`${username}:${password}`, 'utf8').digest();

function authorized(header) {
    if (open) return true;
    if (typeof header !== 'string') return false;
    const m = /^[ \t]*basic[ \t]+([A-Za-z0-9+/=]+)[ \t]*$/i.exec(header);
    const given = m ? Buffer.from(m[1], 'base64') : Buffer.alloc(0);
    const digest = crypto.createHash('sha256').update(given).digest();
    const same = crypto.timingSafeEqual(digest, expected);
    return same && m !== null;
}

// Hop-by-hop headers (RFC 9110 7.6.1) and the credentials: never forwarded. Node frames
// the messages on each side itself.
const HOP = new Set(['authorization', 'connection', 'keep-alive', 'proxy-authenticate',
    'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding',
    'upgrade', 'expect']);

function forwardHeaders(raw) {
    const drop = new Set(HOP);
    for (let i = 0; i < raw.length; i += 2) {
        if (raw[i].toLowerCase() === 'connection') {
            for (const t of raw[i + 1].split(',')) drop.add(t.trim().toLowerCase());
        }
    }
    const out = [];
    for (let i = 0; i < raw.length; i += 2) {
        if (!drop.has(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
    }
    return out;
}

const UNAUTHORIZED = 'Unauthorized';
function deny(res) {
    res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="Secure Area"',
        'Content-Type': 'text/plain',
        'Content-Length': Buffer.byteLength(UNAUTHORIZED),
    });
    res.end(UNAUTHORIZED);
}

function badGateway(res, why) {
    if (res.headersSent) {
        res.destroy();
        return;
    }
    const body = `OpenCode is not answering inside the sandbox (${why}).\n`;
    res.writeHead(502, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
}

const server = http.createServer({ requestTimeout: 0, headersTimeout: 60000 }, (req, res) => {
    if (!authorized(req.headers.authorization)) {
        req.resume();
        return deny(res);
    }
    const headers = forwardHeaders(req.rawHeaders);
    const upstream = http.request({
        host: UPSTREAM_HOST, port: UPSTREAM_PORT, method: req.method, path: req.url,
        // A fresh loopback connection per request: no race with OpenCode closing an idle
        // kept-alive socket just as a request is sent on it.
        headers, agent: false, setHost: false,
    });
    upstream.on('response', (up) => {
        res.writeHead(up.statusCode, up.statusMessage, forwardHeaders(up.rawHeaders));
        // Server-sent events and other streams: headers at once, then every chunk as it comes.
        res.flushHeaders();
        up.pipe(res);
        up.on('error', () => res.destroy());
    });
    upstream.on('error', (e) => badGateway(res, e.code || e.message));
    res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
});

// WebSocket (and any other Upgrade): authenticate, then splice the two sockets.
server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!authorized(req.headers.authorization)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="Secure Area"\r\n'
            + 'Content-Length: 0\r\nConnection: close\r\n\r\n');
        return;
    }
    const up = net.connect(UPSTREAM_PORT, UPSTREAM_HOST);
    up.on('connect', () => {
        let head0 = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
        const raw = req.rawHeaders;
        for (let i = 0; i < raw.length; i += 2) {
            const name = raw[i].toLowerCase();
            if (name === 'authorization' || name === 'proxy-authorization') continue;
            head0 += `${raw[i]}: ${raw[i + 1]}\r\n`;
        }
        up.write(head0 + '\r\n');
        if (head && head.length) up.write(head);
        socket.pipe(up);
        up.pipe(socket);
    });
    up.on('error', () => {
        if (socket.writable && up.bytesRead === 0) {
            socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        } else {
            socket.destroy();
        }
    });
    socket.on('close', () => up.destroy());
    up.on('close', () => socket.destroy());
});

server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
});

server.listen(LISTEN_PORT, LISTEN_HOST, () => {
    console.log(`ocs-gate: listening on ${LISTEN_HOST}:${LISTEN_PORT}, forwarding to `
        + `${UPSTREAM_HOST}:${UPSTREAM_PORT}${open ? ' WITHOUT authentication (no password set)' : ''}`);
});
server.on('error', (e) => {
    console.error(`ocs-gate: ${e.message}`);
    process.exit(1);
});
process.on('SIGTERM', () => process.exit(0));
