'use strict';
// A minimal hand-written browser for testing rapport.js in Node (no npm packages): each page is
// its own vm context with window, document (cookie, title, referrer, visibility, script
// elements), navigator (onLine, sendBeacon), location, localStorage and timers. A BrowserProfile
// holds what outlives a page — cookies, localStorage and beacons in flight — so a reload is a
// new page on the same profile. Closing a page kills its timers and fetches, as a real unload
// does; only beacons survive it.
const vm = require('vm');

class BrowserProfile {
  constructor() {
    this.cookies = new Map(); // name -> { value, attributes }
    this.storage = Object.create(null);
    this.beacons = []; // { url, type, body, promise }
    this.requests = []; // every tracking fetch: { url, status, via }
  }

  /** Waits for every beacon handed to the "browser" to reach the server. */
  async beaconsDelivered() {
    await Promise.all(this.beacons.map(b => b.promise));
  }
}

function makeStorage(items) {
  const storage = {};
  // Items are enumerable own properties (Object.keys(localStorage) lists them, as in browsers);
  // the methods are not.
  Object.defineProperties(storage, {
    getItem: { value: k => (Object.prototype.hasOwnProperty.call(items, k) ? items[k] : null) },
    setItem: { value: (k, v) => { items[k] = String(v); sync(); } },
    removeItem: { value: k => { delete items[k]; delete storage[k]; } },
    key: { value: i => Object.keys(items)[i] ?? null },
    length: { get: () => Object.keys(items).length },
  });
  function sync() {
    for (const k of Object.keys(items)) {
      Object.defineProperty(storage, k, { value: items[k], enumerable: true, configurable: true, writable: true });
    }
  }
  sync();
  return storage;
}

function parseCookie(text) {
  const [pair, ...attrs] = text.split(/;\s*/);
  const eq = pair.indexOf('=');
  const attributes = {};
  for (const a of attrs) {
    const i = a.indexOf('=');
    attributes[(i < 0 ? a : a.slice(0, i)).toLowerCase()] = i < 0 ? true : a.slice(i + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

class Page {
  constructor(profile, { url = 'http://shop.test/', title = '', referrer = '', online = true, beacon = true } = {}) {
    this.profile = profile;
    this.closed = false;
    this.console = [];
    this.pendingFetches = new Set();
    this.timers = new Set();
    const page = this;
    const location = new URL(url);
    const listeners = { window: {}, document: {} };
    const on = target => (type, fn) => { (listeners[target][type] ||= []).push(fn); };
    const fire = (target, type, event) => { for (const fn of listeners[target][type] || []) fn(event); };
    this.fire = fire;

    const navigator = {
      userAgent: 'Mozilla/5.0 (RapportTest; Node) rapport-harness/1.0',
      language: 'en-GB',
      onLine: online,
    };
    if (beacon) {
      navigator.sendBeacon = (target, data) => {
        if (data.size > 64 * 1024) return false;
        const record = { url: target, type: data.type };
        record.promise = data.text().then(body => {
          record.body = body;
          return fetch(target, { method: 'POST', headers: { 'Content-Type': data.type }, body });
        }).then(r => { profile.requests.push({ url: target, status: r.status, via: 'beacon' }); });
        profile.beacons.push(record);
        return true;
      };
    }
    this.navigator = navigator;

    const scripts = [];
    const makeScript = () => ({
      tagName: 'SCRIPT',
      src: '',
      async: false,
      parentNode: { insertBefore: el => page.insert(el) },
    });
    scripts.push(makeScript()); // the page's own inline script, which the stub inserts before
    const document = {
      title,
      referrer,
      visibilityState: 'visible',
      currentScript: null,
      createElement: tag => (tag.toLowerCase() === 'script' ? makeScript() : { tagName: tag.toUpperCase() }),
      getElementsByTagName: tag => (tag.toLowerCase() === 'script' ? scripts : []),
      head: { appendChild: el => page.insert(el) },
      addEventListener: on('document'),
    };
    Object.defineProperty(document, 'cookie', {
      get: () => [...profile.cookies].filter(([, c]) => c.expires > Date.now()).map(([n, c]) => `${n}=${c.value}`).join('; '),
      set: text => {
        const c = parseCookie(text);
        const maxAge = Number(c.attributes['max-age']);
        const expires = Number.isFinite(maxAge) ? Date.now() + maxAge * 1000 : Infinity;
        if (expires <= Date.now()) profile.cookies.delete(c.name);
        else profile.cookies.set(c.name, { value: c.value, attributes: c.attributes, expires });
      },
    });
    this.document = document;

    const pageFetch = (target, init) => {
      if (page.closed) return Promise.reject(new TypeError('Failed to fetch (the page is gone)'));
      const p = fetch(target, init).then(r => {
        profile.requests.push({ url: String(target), status: r.status, via: 'fetch' });
        return r;
      });
      page.pendingFetches.add(p);
      const done = () => page.pendingFetches.delete(p);
      p.then(done, done);
      return p;
    };
    const setTimer = (fn, ms) => {
      if (page.closed) return 0;
      const handle = setTimeout(() => { page.timers.delete(handle); if (!page.closed) fn(); }, ms);
      page.timers.add(handle);
      return handle;
    };
    const clearTimer = handle => { if (handle) { clearTimeout(handle); page.timers.delete(handle); } };
    const record = level => (...args) => page.console.push({ level, text: args.map(a => (a instanceof Error ? a.message : String(a))).join(' ') });

    const window = {
      location: { href: location.href, pathname: location.pathname, search: location.search, protocol: location.protocol, host: location.host, hostname: location.hostname, origin: location.origin },
      document,
      navigator,
      localStorage: makeStorage(profile.storage),
      crypto: globalThis.crypto || require('crypto').webcrypto, // a global only from Node 19
      fetch: pageFetch,
      Blob,
      TextEncoder,
      URL,
      Intl,
      setTimeout: setTimer,
      clearTimeout: clearTimer,
      console: { log: record('log'), info: record('info'), warn: record('warn'), error: record('error') },
      addEventListener: on('window'),
    };
    window.window = window;
    this.window = window;
    this.context = vm.createContext(window);
    this.scriptLoaded = new Promise((resolve, reject) => { this.resolveLoad = resolve; this.rejectLoad = reject; });
  }

  /** A script element was inserted: fetch its src and run it, asynchronously as a browser does. */
  insert(el) {
    if (el.tagName !== 'SCRIPT' || !el.src) return;
    fetch(el.src).then(async r => {
      if (r.status !== 200) throw new Error(`GET ${el.src} answered ${r.status}`);
      const code = await r.text();
      if (this.closed) return;
      this.document.currentScript = el;
      vm.runInContext(code, this.context, { filename: el.src });
      this.document.currentScript = null;
      this.resolveLoad();
    }).catch(e => this.rejectLoad(e));
  }

  /** Runs inline page code (the snippet stub, the site's own calls). */
  run(code) {
    return vm.runInContext(code, this.context);
  }

  setOnline(online) {
    this.navigator.onLine = online;
    this.fire('window', online ? 'online' : 'offline', { type: online ? 'online' : 'offline' });
  }

  /** Navigates away: visibilitychange to hidden, pagehide, then the page is gone. */
  leave() {
    this.document.visibilityState = 'hidden';
    this.fire('document', 'visibilitychange', { type: 'visibilitychange' });
    this.fire('window', 'pagehide', { type: 'pagehide', persisted: false });
    this.close();
  }

  close() {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Messages waiting to be sent, as the snippet persisted them in localStorage. */
  queuedMessages() {
    let n = 0;
    for (const [key, value] of Object.entries(this.profile.storage)) {
      if (key.startsWith('rapport_queue.')) n += JSON.parse(value).queue.length;
    }
    return n;
  }

  /** Resolves once nothing is queued and no request is in flight. */
  async idle(timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    while (this.queuedMessages() > 0 || this.pendingFetches.size > 0) {
      if (Date.now() > deadline) {
        throw new Error(`still ${this.queuedMessages()} message(s) queued after ${timeoutMs} ms; console: ${JSON.stringify(this.console)}`);
      }
      await new Promise(r => setTimeout(r, 20));
    }
  }
}

module.exports = { BrowserProfile, Page };
