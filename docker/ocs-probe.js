'use strict';
// ocs-probe: network and file probes for ocs-verify (and the attack tests). Each command
// prints one line and exits 0 when the thing probed worked (connected, answered, found),
// 1 when it did not, 2 on a usage error.
//
//   tcp HOST PORT [MS]            TCP connect                      -> "open" | "blocked CODE"
//   udp HOST PORT [MS]            datagram out, any datagram back  -> "answer N" | "noanswer CODE"
//   dns-udp HOST PORT NAME [MS]   DNS query for NAME (A) over UDP  -> "answer rcode=R an=N" | "noanswer CODE"
//   dns-tcp HOST PORT NAME [MS]   the same over TCP
//   http URL [MS]                 GET without proxy                -> "status N" | "error CODE"
//   readable FILE...              open for reading                 -> "readable F" per file | "denied"
//   scan SHA256HEX:LEN... -- ROOT...
//       looks for strings of LEN characters of [A-Za-z0-9+/=_-] whose SHA-256 is one of the
//       given digests (so the secret itself is never handed over), in every readable
//       /proc/*/environ and /proc/*/cmdline and in the files under ROOT (max 1 MiB each,
//       max 20000 files, runs longer than 4096 characters skipped) -> "found WHERE" lines |
//       "clean N sources"
const crypto = require('crypto');
const dgram = require('dgram');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const [cmd, ...args] = process.argv.slice(2);
const done = (ok, line) => {
    console.log(line);
    process.exit(ok ? 0 : 1);
};
const ms = (v, d) => (v ? Number(v) : d);

function dnsQuery(name) {
    const id = crypto.randomBytes(2);
    const parts = [id, Buffer.from([0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0])];
    for (const label of name.split('.').filter(Boolean)) {
        parts.push(Buffer.from([label.length]), Buffer.from(label, 'ascii'));
    }
    parts.push(Buffer.from([0, 0, 1, 0, 1]));
    return Buffer.concat(parts);
}
const dnsSummary = (b) => `answer rcode=${b[3] & 0x0f} an=${b.readUInt16BE(6)}`;

function tcp([host, port, t]) {
    const s = net.connect({ host, port: Number(port) });
    const timer = setTimeout(() => { s.destroy(); done(false, 'blocked timeout'); }, ms(t, 3000));
    s.on('connect', () => { clearTimeout(timer); s.destroy(); done(true, 'open'); });
    s.on('error', (e) => { clearTimeout(timer); done(false, `blocked ${e.code || e.message}`); });
}

function udp([host, port, t], payload, summary) {
    const s = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => { s.close(); done(false, 'noanswer timeout'); }, ms(t, 2000));
    s.on('message', (m) => { clearTimeout(timer); s.close(); done(true, summary(m)); });
    s.on('error', (e) => { clearTimeout(timer); s.close(); done(false, `noanswer ${e.code || e.message}`); });
    s.connect(Number(port), host, (err) => {
        if (err) { clearTimeout(timer); return done(false, `noanswer ${err.code || err.message}`); }
        s.send(payload, (e) => { if (e) { clearTimeout(timer); done(false, `noanswer ${e.code || e.message}`); } });
    });
}

function dnsTcp([host, port, name, t]) {
    const q = dnsQuery(name);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(q.length);
    const s = net.connect({ host, port: Number(port) });
    let got = Buffer.alloc(0);
    const timer = setTimeout(() => { s.destroy(); done(false, 'noanswer timeout'); }, ms(t, 3000));
    s.on('connect', () => s.write(Buffer.concat([len, q])));
    s.on('data', (d) => {
        got = Buffer.concat([got, d]);
        if (got.length >= 2 + 12) { clearTimeout(timer); s.destroy(); done(true, dnsSummary(got.subarray(2))); }
    });
    s.on('error', (e) => { clearTimeout(timer); done(false, `noanswer ${e.code || e.message}`); });
    s.on('end', () => { clearTimeout(timer); done(false, 'noanswer closed'); });
}

function httpGet([url, t]) {
    const req = http.get(url, { timeout: ms(t, 5000) }, (res) => {
        res.resume();
        done(true, `status ${res.statusCode}`);
    });
    req.on('timeout', () => { req.destroy(); done(false, 'error timeout'); });
    req.on('error', (e) => done(false, `error ${e.code || e.message}`));
}

function readable(files) {
    let any = false;
    for (const f of files) {
        try {
            const fd = fs.openSync(f, 'r');
            fs.closeSync(fd);
            console.log(`readable ${f}`);
            any = true;
        } catch (e) {
            // denied or gone
        }
    }
    if (!any) console.log('denied');
    process.exit(any ? 0 : 1);
}

function scan(list) {
    const sep = list.indexOf('--');
    const targets = (sep < 0 ? list : list.slice(0, sep)).map((t) => {
        const [hex, len] = t.split(':');
        return { hex: hex.toLowerCase(), len: Number(len) };
    });
    const roots = sep < 0 ? [] : list.slice(sep + 1);
    const lengths = [...new Set(targets.map((t) => t.len))];
    const wanted = new Set(targets.map((t) => t.hex));
    const found = [];
    let sources = 0;
    const runRe = /[A-Za-z0-9+/=_-]+/g;
    function check(where, buf) {
        sources++;
        const text = buf.toString('latin1');
        let m;
        runRe.lastIndex = 0;
        while ((m = runRe.exec(text)) !== null) {
            const run = m[0];
            if (run.length > 4096) continue;
            for (const len of lengths) {
                for (let i = 0; i + len <= run.length; i++) {
                    const h = crypto.createHash('sha256').update(run.substr(i, len), 'latin1').digest('hex');
                    if (wanted.has(h)) { found.push(where); return; }
                }
            }
        }
    }
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        for (const f of ['environ', 'cmdline']) {
            try { check(`/proc/${pid}/${f}`, fs.readFileSync(`/proc/${pid}/${f}`)); } catch (e) { /* not ours */ }
        }
    }
    let files = 0;
    const skip = new Set(['/proc', '/sys', '/dev']);
    function walk(dir, depth) {
        if (files > 20000 || depth > 12 || skip.has(dir)) return;
        let entries;
        try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch (e) { return; }
        for (const e of entries) {
            const p = path.join(dir, e.name);
            if (e.isDirectory()) {
                if (e.name === 'node_modules' || p.endsWith('/.local/share/mise')) continue;
                walk(p, depth + 1);
            } else if (e.isFile()) {
                try {
                    const st = fs.statSync(p);
                    if (st.size > 1 << 20) continue;
                    files++;
                    check(p, fs.readFileSync(p));
                } catch (err) { /* unreadable */ }
            }
        }
    }
    for (const r of roots) walk(r, 0);
    if (found.length) {
        for (const f of found) console.log(`found ${f}`);
        process.exit(0);
    }
    done(false, `clean ${sources} sources`);
}

switch (cmd) {
case 'tcp': tcp(args); break;
case 'udp': udp(args, Buffer.from('ocs-probe\n'), (m) => `answer ${m.length}`); break;
case 'dns-udp': udp([args[0], args[1], args[3]], dnsQuery(args[2]), dnsSummary); break;
case 'dns-tcp': dnsTcp(args); break;
case 'http': httpGet(args); break;
case 'readable': readable(args); break;
case 'scan': scan(args); break;
default:
    console.error('usage: ocs-probe tcp|udp|dns-udp|dns-tcp|http|readable|scan ...');
    process.exit(2);
}
