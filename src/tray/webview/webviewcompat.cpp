#include "webviewcompat.h"

#include <QWebEngineProfile>
#include <QWebEngineScript>
#include <QWebEngineScriptCollection>

namespace ocs::tray::webview {

QString compatibilityScript()
{
    return QStringLiteral(R"JS(
(() => {
  'use strict';
  const define = (target, name, value) => {
    if (target && !(name in target))
      Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  };
  const toIndex = (len, i) => { i = Math.trunc(+i) || 0; return i < 0 ? Math.max(len + i, 0) : Math.min(i, len); };
  // ES2023: change array by copy (Chrome 110).
  define(Array.prototype, 'toReversed', function () { return Array.from(this).reverse(); });
  define(Array.prototype, 'toSorted', function (compare) { return Array.from(this).sort(compare); });
  define(Array.prototype, 'toSpliced', function (start, skip, ...items) {
    const copy = Array.from(this);
    if (arguments.length === 0) return copy;
    if (arguments.length === 1) skip = copy.length;
    copy.splice(toIndex(copy.length, start), Math.max(0, Math.trunc(+skip) || 0), ...items);
    return copy;
  });
  define(Array.prototype, 'with', function (index, value) {
    const copy = Array.from(this);
    let i = Math.trunc(+index) || 0;
    if (i < 0) i += copy.length;
    if (i < 0 || i >= copy.length) throw new RangeError('Invalid index : ' + index);
    copy[i] = value;
    return copy;
  });
  // ES2024: grouping (Chrome 117), Promise.withResolvers (Chrome 119).
  define(Object, 'groupBy', function (items, key) {
    const out = Object.create(null); let i = 0;
    for (const item of items) { const k = key(item, i++); (out[k] ||= []).push(item); }
    return out;
  });
  define(Map, 'groupBy', function (items, key) {
    const out = new Map(); let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      if (!out.has(k)) out.set(k, []);
      out.get(k).push(item);
    }
    return out;
  });
  define(Promise, 'withResolvers', function () {
    let resolve, reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  });
  // ES2025: Set methods (Chrome 122). `other` is set-like: size, has(), keys().
  const keysOf = (other) => other.keys();
  define(Set.prototype, 'union', function (other) { const s = new Set(this); for (const k of keysOf(other)) s.add(k); return s; });
  define(Set.prototype, 'intersection', function (other) { const s = new Set(); for (const k of this) if (other.has(k)) s.add(k); return s; });
  define(Set.prototype, 'difference', function (other) { const s = new Set(this); for (const k of this) if (other.has(k)) s.delete(k); return s; });
  define(Set.prototype, 'symmetricDifference', function (other) {
    const s = new Set(this);
    for (const k of keysOf(other)) { if (this.has(k)) s.delete(k); else s.add(k); }
    return s;
  });
  define(Set.prototype, 'isSubsetOf', function (other) { for (const k of this) if (!other.has(k)) return false; return true; });
  define(Set.prototype, 'isSupersetOf', function (other) { for (const k of keysOf(other)) if (!this.has(k)) return false; return true; });
  define(Set.prototype, 'isDisjointFrom', function (other) { for (const k of this) if (other.has(k)) return false; return true; });
  // Explicit resource management's well-known symbols (used as keys; Chrome 125+).
  if (typeof Symbol.dispose !== 'symbol') define(Symbol, 'dispose', Symbol('Symbol.dispose'));
  if (typeof Symbol.asyncDispose !== 'symbol') define(Symbol, 'asyncDispose', Symbol('Symbol.asyncDispose'));
  // WHATWG: URL.canParse (Chrome 120), URL.parse (Chrome 126), AbortSignal.timeout (Chrome 103),
  // AbortSignal.any (Chrome 116).
  define(URL, 'canParse', function (url, base) { try { new URL(url, base); return true; } catch (e) { return false; } });
  define(URL, 'parse', function (url, base) { try { return new URL(url, base); } catch (e) { return null; } });
  define(AbortSignal, 'timeout', function (ms) {
    const c = new AbortController();
    setTimeout(() => c.abort(new DOMException('signal timed out', 'TimeoutError')), ms);
    return c.signal;
  });
  // CSS viewport units dvh/svh/lvh (Chrome 108): declarations using them are dropped by older
  // engines, which collapses layouts sized with 100dvh (OpenCode's whole page is). The rules
  // of the page's own style sheets that use them are added again with vh instead.
  if (!CSS.supports('height', '100dvh')) {
    document.addEventListener('DOMContentLoaded', async () => {
      const rules = [];
      for (const link of document.querySelectorAll('link[rel=stylesheet][href]')) {
        if (new URL(link.href, location.href).origin !== location.origin) continue;
        try {
          const text = await (await fetch(link.href, { credentials: 'same-origin' })).text();
          for (const m of text.matchAll(/[^{}]*\{[^{}]*\d[dsl]vh\b[^{}]*\}/g))
            rules.push(m[0].replace(/(\d)[dsl]vh\b/g, '$1vh'));
        } catch (e) { /* the page goes on without */ }
      }
      if (rules.length === 0) return;
      const style = document.createElement('style');
      style.id = 'ocs-compat-viewport-units';
      style.textContent = rules.join('\n');
      document.head.appendChild(style);
    });
  }
  define(AbortSignal, 'any', function (signals) {
    const c = new AbortController();
    for (const s of signals) {
      if (s.aborted) { c.abort(s.reason); break; }
      s.addEventListener('abort', () => c.abort(s.reason), { once: true });
    }
    return c.signal;
  });
})();
)JS");
}

void installCompatibilityScript(QWebEngineProfile *profile)
{
    QWebEngineScript script;
    script.setName(QStringLiteral("ocs-compatibility"));
    script.setSourceCode(compatibilityScript());
    script.setInjectionPoint(QWebEngineScript::DocumentCreation);
    script.setWorldId(QWebEngineScript::MainWorld);
    script.setRunsOnSubFrames(false);
    profile->scripts()->insert(script);
}

} // namespace ocs::tray::webview
