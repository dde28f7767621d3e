'use strict';
// ocs-policy: Squid's external ACL helper for the sandbox's live network policy, and the
// writer of its decision log. Runs as Squid's user (proxy), started by Squid:
//
//   external_acl_type ocs_helper concurrency=... %>rm %DST %PORT %PROTO %ssl::>sni
//       /usr/bin/node /usr/local/lib/ocs/ocs-policy.js
//   acl ocs_policy external ocs_helper http     (http_access: the request)
//   acl ocs_sni_ok external ocs_helper sni      (ssl_bump step 2: the TLS ClientHello)
//
// Protocol (concurrency): a line "CHANNEL METHOD HOST PORT PROTO SNI MODE" (each field
// URL-escaped by Squid, "-" when it has none) is answered by "CHANNEL OK" or "CHANNEL ERR".
// A line with the single word "not-tls HOST PORT" on the command line's logd mode: see the
// end of this file.
//
// The policy: /run/ocs-net/policy/{whitelist,blacklist} (mounted read-only by the host,
// rewritten by it at any time: re-read when a file changes) when that folder exists, else the
// whitelist the entrypoint wrote (/etc/squid/ocs-whitelist.txt). The rules and the files'
// formats are those of src/core/network/policyfiles.h; this file implements them for the
// container, src/core/network/networkpolicy.cpp for the host.
//
// Never crashes on odd input, never holds more than a bounded amount of memory, and decides
// even when the log folder is missing or read-only.

const fs = require('fs');
const net = require('net');
const path = require('path');

const POLICY_DIR = process.env.OCS_POLICY_DIR || '/run/ocs-net/policy';
const FALLBACK_WHITELIST = process.env.OCS_POLICY_FALLBACK || '/etc/squid/ocs-whitelist.txt';
const LOG_DIR = process.env.OCS_POLICY_LOG_DIR || '/run/ocs-net/log';
const LOG_ROTATE_BYTES = 512 * 1024;
const MAX_COUNTED_HOSTS = 2000;
const MAX_POLICY_BYTES = 4 * 1024 * 1024;
const MAX_COUNTS_BYTES = 4 * 1024 * 1024;
const MAX_LINE = 64 * 1024;
const COUNTS_INTERVAL_MS = 1000;

let warned = new Set();
function warnOnce(key, text) {
    if (warned.has(key)) return;
    if (warned.size < 100) warned.add(key);
    try {
        process.stderr.write(`ocs-policy: ${text}\n`);
    } catch (e) {
        // nothing left to tell
    }
}

// ------------------------------------------------------------------ names and entries

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const NAME_RE = new RegExp(`^(?:${LABEL}\\.)*${LABEL}$`);

// Lower case, one trailing dot removed (as networkpolicy.cpp's normalisedName).
function normalise(raw) {
    let n = String(raw).trim().toLowerCase();
    if (n.length > 1 && n.endsWith('.')) n = n.slice(0, -1);
    return n;
}

// An IP literal: IPv6 (bare or in brackets), or IPv4 in any form resolvers accept ("1.2.3.4",
// "127.1", "2130706433", "0x7f.1"): a name whose last label is a number.
function isIpLiteral(host) {
    if (host.startsWith('[') && host.endsWith(']')) return net.isIPv6(host.slice(1, -1));
    if (host.includes(':')) return net.isIPv6(host);
    const last = host.slice(host.lastIndexOf('.') + 1);
    return /^[0-9]+$/.test(last) || /^0x[0-9a-f]*$/.test(last);
}

// A domain name the proxy accepts (normalised): labels of letters, digits and '-'.
function isValidName(host) {
    return host.length >= 1 && host.length <= 253 && NAME_RE.test(host);
}

// A whitelist/blacklist line, validated like the entrypoint validates OCS_WHITELIST:
// {text (as written, for the rule), wild, name} or null (invalid lines, comments, empty
// lines are ignored).
function parseEntry(line) {
    const text = line.trim();
    let item = normalise(text);
    if (!item) return null;
    let wild = false;
    if (item.startsWith('.')) {
        wild = true;
        item = item.slice(1);
    }
    if (!isValidName(item) || isIpLiteral(item)) return null;
    return {text, wild, name: item};
}

// A list's entries in file order: the first one that matches names the rule, as on the host.
class EntrySet {
    constructor(text) {
        this.entries = [];
        for (const line of text.split('\n')) {
            const e = parseEntry(line);
            if (e) this.entries.push(e);
        }
    }
    // The entry that covers `name` ("name" or ".suffix"), as written, or null.
    match(name) {
        for (const e of this.entries) {
            if (name === e.name || (e.wild && name.endsWith('.' + e.name))) return e.text;
        }
        return null;
    }
}

// ------------------------------------------------------------------ the policy files

function statKey(st) {
    return st ? `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}` : 'none';
}

function tryStat(p) {
    try {
        return fs.statSync(p, {throwIfNoEntry: false}) || null;
    } catch (e) {
        return null;
    }
}

function readBounded(p) {
    let fd;
    try {
        fd = fs.openSync(p, 'r');
        const buf = Buffer.alloc(MAX_POLICY_BYTES);
        let len = 0;
        for (;;) {
            const n = fs.readSync(fd, buf, len, buf.length - len, null);
            if (n <= 0) break;
            len += n;
            if (len >= buf.length) {
                warnOnce(`big:${p}`, `${p} is larger than ${MAX_POLICY_BYTES} bytes; the rest is ignored`);
                break;
            }
        }
        return buf.toString('utf8', 0, len);
    } catch (e) {
        warnOnce(`read:${p}`, `cannot read ${p}: ${e.code || e.message}`);
        return null;
    } finally {
        if (fd !== undefined) fs.closeSync(fd);
    }
}

const policy = {
    key: null,
    whitelist: new EntrySet(''),
    blacklist: new EntrySet(''),
    source: '',
};

// Re-reads the policy when its files changed (a stat of each file on every request).
function currentPolicy() {
    const dirSt = tryStat(POLICY_DIR);
    let files;
    if (dirSt && dirSt.isDirectory()) {
        files = {white: path.join(POLICY_DIR, 'whitelist'), black: path.join(POLICY_DIR, 'blacklist')};
    } else {
        files = {white: FALLBACK_WHITELIST, black: null};
    }
    const wSt = tryStat(files.white);
    const bSt = files.black ? tryStat(files.black) : null;
    const key = `${files.white}|${statKey(wSt)}|${statKey(bSt)}`;
    if (key === policy.key) return policy;
    // A file that exists but cannot be read makes the list empty: for the whitelist that
    // denies (fail closed); an unreadable blacklist is reported.
    const wText = wSt && wSt.isFile() ? readBounded(files.white) : null;
    const bText = bSt && bSt.isFile() ? readBounded(files.black) : null;
    if (files.black && bSt && bText === null)
        warnOnce('black-unreadable', `the blacklist ${files.black} cannot be read`);
    policy.whitelist = new EntrySet(wText || '');
    policy.blacklist = new EntrySet(bText || '');
    policy.key = key;
    if (policy.source !== files.white) {
        policy.source = files.white;
        warnOnce(`source:${files.white}`, `policy from ${files.black ? POLICY_DIR : files.white}`);
    }
    return policy;
}

// ------------------------------------------------------------------ the decision

// {allowed, rule} for a request (policyfiles.h lists the rules; tests/data/policy-cases.txt
// holds their order: IP literal, invalid name, port, scheme, blacklist, whitelist).
function decideRequest(method, host, port, proto) {
    const name = normalise(host === '-' ? '' : host);
    if (isIpLiteral(name)) return {allowed: false, rule: 'ip address'};
    if (!isValidName(name)) return {allowed: false, rule: 'invalid host'};
    const connect = method === 'CONNECT';
    if (connect ? port !== 443 : port !== 80) return {allowed: false, rule: 'port'};
    if (!connect && proto.toUpperCase() !== 'HTTP') return {allowed: false, rule: 'scheme'};
    return decideName(name);
}

// The lists' verdict for a valid, normalised name.
function decideName(name) {
    const p = currentPolicy();
    const black = p.blacklist.match(name);
    if (black) return {allowed: false, rule: `blacklist ${black}`};
    const white = p.whitelist.match(name);
    if (white) return {allowed: true, rule: `whitelist ${white}`};
    return {allowed: false, rule: 'not whitelisted'};
}

// The ClientHello of a CONNECT tunnel (ssl_bump step 2): it must name the CONNECT host, and
// that name must (still) be allowed. Only denials are logged (the CONNECT was logged).
function decideSni(host, sni) {
    if (sni === '' || sni === '-') return {allowed: false, rule: 'tls: no server name'};
    const s = normalise(sni);
    const h = normalise(host);
    if (s !== h) return {allowed: false, rule: `tls: server name differs: ${clip(sni, 253)}`};
    if (isIpLiteral(h)) return {allowed: false, rule: 'ip address'};
    if (!isValidName(h)) return {allowed: false, rule: 'invalid host'};
    return decideName(h);
}

// A request inside a bumped tunnel (only the hosts of injected secrets are bumped): HTTPS on
// 443 to an allowed name; the tunnel's server name, when Squid knows it, must be that name.
function decideBumped(method, host, port, proto, sni) {
    if (method === 'CONNECT') return {allowed: false, rule: 'bumped: connect'};
    if (port !== 443 || proto.toUpperCase() !== 'HTTPS') return {allowed: false, rule: 'port'};
    const h = normalise(host === '-' ? '' : host);
    if (isIpLiteral(h)) return {allowed: false, rule: 'ip address'};
    if (!isValidName(h)) return {allowed: false, rule: 'invalid host'};
    if (sni !== '' && sni !== '-' && normalise(sni) !== h)
        return {allowed: false, rule: `tls: server name differs: ${clip(sni, 253)}`};
    return decideName(h);
}

// ------------------------------------------------------------------ the decision log

function clip(s, n) {
    s = String(s);
    return s.length > n ? s.slice(0, n) : s;
}

const log = {
    fd: null,
    ino: null,
    disabled: false,
    retryAt: 0,
};

function logFile(n) {
    return path.join(LOG_DIR, n);
}

function openLog() {
    const p = logFile('decisions.jsonl');
    const fd = fs.openSync(p, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT |
                               fs.constants.O_NOFOLLOW, 0o644);
    try {
        fs.fchmodSync(fd, 0o644);
    } catch (e) {
        // a file of the previous run that is not ours: keep its mode
    }
    log.fd = fd;
    log.ino = fs.fstatSync(fd).ino;
}

function closeLog() {
    if (log.fd !== null) {
        try {
            fs.closeSync(log.fd);
        } catch (e) {
            // already gone
        }
    }
    log.fd = null;
    log.ino = null;
}

function appendDecision(line) {
    const now = Date.now();
    if (log.disabled && now < log.retryAt) return;
    try {
        const p = logFile('decisions.jsonl');
        const st = tryStat(p);
        // Another writer (or the host) rotated or removed it: reopen.
        if (log.fd !== null && (!st || st.ino !== log.ino)) closeLog();
        if (st && st.ino === log.ino && st.size + line.length > LOG_ROTATE_BYTES) {
            closeLog();
            fs.renameSync(p, logFile('decisions.1.jsonl'));
        } else if (st && log.fd === null && st.size + line.length > LOG_ROTATE_BYTES) {
            fs.renameSync(p, logFile('decisions.1.jsonl'));
        }
        if (log.fd === null) openLog();
        fs.writeSync(log.fd, line);
        log.disabled = false;
    } catch (e) {
        closeLog();
        log.disabled = true;
        log.retryAt = now + 10000;
        warnOnce('log', `cannot write the decision log in ${LOG_DIR} (${e.code || e.message}); deciding without it`);
    }
}

// Per-host counts, merged into counts.json at most once per second: the file is re-read
// when someone else wrote it since (another helper process), so no count is lost.
const counts = {
    base: new Map(), // host -> entry, as last read or written; least recently seen first
    baseKey: null,
    deltas: new Map(),
    timer: null,
    lastWrite: 0,
};

function cleanEntry(e) {
    const num = (v) => (Number.isSafeInteger(v) && v >= 0 ? v : 0);
    const str = (v, n) => (typeof v === 'string' ? clip(v, n) : '');
    if (!e || typeof e !== 'object') return null;
    return {
        allowed: num(e.allowed),
        denied: num(e.denied),
        last: str(e.last, 40),
        decision: e.decision === 'allowed' ? 'allowed' : 'denied',
        rule: str(e.rule, 300),
    };
}

function loadCounts() {
    const p = logFile('counts.json');
    const st = tryStat(p);
    const key = statKey(st);
    if (key === counts.baseKey) return;
    const m = new Map();
    if (st && st.isFile() && st.size <= MAX_COUNTS_BYTES) {
        try {
            const doc = JSON.parse(fs.readFileSync(p, 'utf8'));
            const hosts = doc && typeof doc.hosts === 'object' && doc.hosts ? doc.hosts : {};
            const list = [];
            for (const [h, e] of Object.entries(hosts)) {
                const c = cleanEntry(e);
                if (c && h.length <= 255) list.push([h, c]);
            }
            // Least recently seen first (ISO times sort as text).
            list.sort((a, b) => (a[1].last < b[1].last ? -1 : a[1].last > b[1].last ? 1 : 0));
            for (const [h, c] of list.slice(-MAX_COUNTED_HOSTS)) m.set(h, c);
        } catch (e) {
            warnOnce('counts-read', `ignoring an unreadable ${p} (${e.code || e.message})`);
        }
    }
    counts.base = m;
    counts.baseKey = key;
}

function touch(map, host, fn) {
    let e = map.get(host);
    if (e) map.delete(host);
    else e = {allowed: 0, denied: 0, last: '', decision: 'denied', rule: ''};
    fn(e);
    map.set(host, e);
    while (map.size > MAX_COUNTED_HOSTS) map.delete(map.keys().next().value);
}

function count(host, d, time) {
    touch(counts.deltas, host, (e) => {
        if (d.allowed) e.allowed++;
        else e.denied++;
        e.last = time;
        e.decision = d.allowed ? 'allowed' : 'denied';
        e.rule = d.rule;
    });
    if (!counts.timer) {
        const wait = Math.max(0, COUNTS_INTERVAL_MS - (Date.now() - counts.lastWrite));
        counts.timer = setTimeout(flushCounts, wait);
    }
}

function flushCounts() {
    if (counts.timer) {
        clearTimeout(counts.timer);
        counts.timer = null;
    }
    if (counts.deltas.size === 0) return;
    counts.lastWrite = Date.now();
    try {
        loadCounts();
        for (const [h, d] of counts.deltas) {
            touch(counts.base, h, (e) => {
                e.allowed += d.allowed;
                e.denied += d.denied;
                e.last = d.last;
                e.decision = d.decision;
                e.rule = d.rule;
            });
        }
        counts.deltas.clear();
        const doc = {version: 1, hosts: Object.fromEntries(counts.base)};
        const p = logFile('counts.json');
        const tmp = logFile(`.counts.json.${process.pid}.tmp`);
        const fd = fs.openSync(tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC |
                                        fs.constants.O_NOFOLLOW, 0o644);
        try {
            fs.fchmodSync(fd, 0o644);
            fs.writeSync(fd, JSON.stringify(doc) + '\n');
        } finally {
            fs.closeSync(fd);
        }
        fs.renameSync(tmp, p);
        counts.baseKey = statKey(tryStat(p));
    } catch (e) {
        counts.deltas.clear();
        warnOnce('counts-write', `cannot write ${logFile('counts.json')} (${e.code || e.message})`);
    }
}

function record(d, host, port, method) {
    const time = new Date().toISOString();
    const h = clip(host, 255);
    const line = JSON.stringify({
        time,
        decision: d.allowed ? 'allowed' : 'denied',
        host: h,
        port: Number.isSafeInteger(port) && port >= 0 && port <= 65535 ? port : 0,
        method: clip(method, 32),
        rule: d.rule,
    }) + '\n';
    appendDecision(line);
    count(h, d, time);
}

// ------------------------------------------------------------------ Squid's protocol

function unescape(s) {
    if (s === undefined) return '';
    try {
        return decodeURIComponent(s);
    } catch (e) {
        return s;
    }
}

function answerLine(line) {
    const f = line.trim().split(/\s+/);
    const ch = /^[0-9]{1,10}$/.test(f[0] || '') ? f.shift() : null;
    let ok = false;
    let rule = '';
    try {
        const [method, host, portText, proto, sni] = f.slice(0, 5).map(unescape);
        const mode = f.length > 5 ? f[f.length - 1] : '';
        const port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : -1;
        const h = clip(host === '-' ? '' : host, 1024);
        const m = clip(method, 32);
        if (mode === 'http') {
            const d = decideRequest(m, h.toLowerCase(), port, proto || '');
            // After a tunnel's ClientHello was accepted (ocs_sni_ok), Squid checks the
            // CONNECT once more (now with its SNI): that is no new decision to log.
            const recheck = m === 'CONNECT' && sni !== '' && sni !== '-';
            if (!(recheck && d.allowed)) record(d, h.toLowerCase(), port, m);
            ok = d.allowed;
            rule = d.rule;
        } else if (mode === 'bumped') {
            const d = decideBumped(m, h.toLowerCase(), port, proto || '', sni || '');
            record(d, h.toLowerCase(), port, m);
            ok = d.allowed;
            rule = d.rule;
        } else if (mode === 'sni') {
            const d = decideSni(h, sni);
            if (!d.allowed) record(d, h.toLowerCase(), port, m);
            ok = d.allowed;
        } else {
            warnOnce(`mode:${clip(mode, 20)}`, `unknown mode '${clip(mode, 20)}' (expected http or sni): denied`);
        }
    } catch (e) {
        warnOnce('internal', `internal error, denied: ${e && e.stack ? e.stack : e}`);
        ok = false;
    }
    // The rule goes to the error page (%o): quoted, with nothing Squid would unquote.
    const msg = rule ? ` message="${clip(rule, 300).replace(/[^A-Za-z0-9 .:_-]/g, '?')}"` : '';
    const answer = (ok ? 'OK' : 'ERR') + msg;
    process.stdout.write(ch === null ? `${answer}\n` : `${ch} ${answer}\n`);
}

// Squid's logfile daemon protocol (logd mode): records "L<text>\n"; other commands
// (R rotate, T truncate, O reopen, F flush) need nothing here. The log format sends
// "CONNECT-HOST PORT ERROR-CODE" for CONNECT transactions; a tunnel that did not start with
// a TLS ClientHello (ERR_PROTOCOL_UNKNOWN) is logged as denied by "tls: not tls".
function logdLine(line) {
    if (!line.startsWith('L')) return;
    const f = line.slice(1).trim().split(/\s+/);
    if (f.length < 3) return;
    const [host, portText, err] = f.map(unescape);
    if (err !== 'ERR_PROTOCOL_UNKNOWN' || host === 'ocs-chain-probe.invalid') return;
    const port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : -1;
    record({allowed: false, rule: 'tls: not tls'}, clip(host, 1024).toLowerCase(), port, 'CONNECT');
}

function serve(handle) {
    let pending = '';
    let skipping = false;
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => {
        pending += chunk;
        let nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const line = pending.slice(0, nl);
            pending = pending.slice(nl + 1);
            if (skipping) {
                // the end of an over-long line: answered (denied) when it began
                skipping = false;
                continue;
            }
            handle(line);
        }
        if (pending.length > MAX_LINE) {
            // Never buffer without bound: answer what we have (denied) and drop the rest.
            if (!skipping) handle(pending.slice(0, 64).split(/\s+/)[0] + ' - - - - - overlong');
            skipping = true;
            pending = '';
        }
    });
    const end = () => {
        flushCounts();
        process.exit(0);
    };
    process.stdin.on('end', end);
    process.stdin.on('error', end);
    process.stdout.on('error', end);
    process.on('SIGTERM', end);
    process.on('SIGINT', end);
    process.on('SIGHUP', () => {});
}

if (require.main === module) {
    const mode = process.argv[2] || 'helper';
    loadCounts();
    if (mode === 'logd') serve(logdLine);
    else serve(answerLine);
}

module.exports = {decideRequest, decideSni, decideBumped, parseEntry, EntrySet};
