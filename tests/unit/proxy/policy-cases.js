'use strict';
// Runs the proxy's policy helper (docker/ocs-policy.js) against tests/data/policy-cases.txt,
// the cases the host's networkpolicy::check is tested against too (tst_networkpolicy), so the
// verdict `ocs policy check` and the tray show is the one the proxy makes.
//
// Usage: node policy-cases.js REPO_ROOT

const fs = require('fs');
const os = require('os');
const path = require('path');

const root = process.argv[2];
if (!root) {
    console.error('usage: node policy-cases.js REPO_ROOT');
    process.exit(2);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ocs-policy-cases-'));
const policyDir = path.join(work, 'policy');
fs.mkdirSync(policyDir);
process.env.OCS_POLICY_DIR = policyDir;
process.env.OCS_POLICY_LOG_DIR = path.join(work, 'log-absent');
const helper = require(path.join(root, 'docker', 'ocs-policy.js'));

// Each list through a new file (a new inode), as the host writes it: the helper notices.
function writeList(name, field) {
    const items = field === '-' ? [] : field.split(',').map((s) => s.trim());
    const file = path.join(policyDir, name);
    fs.writeFileSync(file + '.tmp', items.map((s) => s + '\n').join(''));
    fs.renameSync(file + '.tmp', file);
}

const lines = fs.readFileSync(path.join(root, 'tests', 'data', 'policy-cases.txt'), 'utf8').split('\n');
let passed = 0;
const failed = [];
lines.forEach((line, i) => {
    const text = line.trim();
    if (!text || text.startsWith('#')) return;
    const f = text.split('|').map((s) => s.trim());
    if (f.length !== 5) {
        failed.push(`line ${i + 1}: not five fields: ${text}`);
        return;
    }
    const [white, black, host, port, expected] = f;
    writeList('whitelist', white);
    writeList('blacklist', black);
    const p = Number(port);
    const d = helper.decideRequest(p === 443 ? 'CONNECT' : 'GET', host, p, 'HTTP');
    const got = `${d.allowed ? 'allowed' : 'denied'} ${d.rule}`;
    if (got === expected) passed++;
    else failed.push(`line ${i + 1}: ${host}:${port} with [${white}] [${black}]: expected "${expected}", got "${got}"`);
    // A request inside a bumped tunnel (injected secrets) to a 443 host: the same verdict as
    // its CONNECT; over plain HTTP, on another port or with another server name: denied.
    if (p === 443) {
        const b = helper.decideBumped('POST', host, 443, 'HTTPS', host);
        const gotB = `${b.allowed ? 'allowed' : 'denied'} ${b.rule}`;
        if (gotB === expected) passed++;
        else failed.push(`line ${i + 1} (bumped): ${host}: expected "${expected}", got "${gotB}"`);
        const wrong = [
            helper.decideBumped('GET', host, 443, 'HTTP', host),
            helper.decideBumped('GET', host, 8443, 'HTTPS', host),
            helper.decideBumped('GET', host, 443, 'HTTPS', 'other.invalid'),
            helper.decideBumped('CONNECT', host, 443, 'HTTPS', host),
        ];
        if (wrong.every((w) => !w.allowed)) passed++;
        else failed.push(`line ${i + 1} (bumped): ${host}: allowed over HTTP, another port, server name or method`);
    }
});
fs.rmSync(work, {recursive: true, force: true});
for (const f of failed) console.log(`FAIL  ${f}`);
console.log(`${passed} passed, ${failed.length} failed`);
// An empty run proves nothing.
process.exit(failed.length === 0 && passed >= 50 ? 0 : 1);
