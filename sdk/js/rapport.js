/*! rapport.js — Rapport's browser snippet (Segment-style tracking). MIT. No dependencies. */
(() => {
  'use strict';
  const VERSION = '1.0.0';
  const ANONYMOUS_KEY = 'rapport_anonymous_id';
  const USER_KEY = 'rapport_user_id';
  const QUEUE_KEY = 'rapport_queue.';
  const YEAR_SECONDS = 31536000;
  // The tracking API's limits; a beacon is further capped by the browser at about 64 KB.
  const MAX_MESSAGE_BYTES = 32 * 1024;
  const MAX_BATCH_BYTES = 500 * 1024;
  const MAX_BEACON_BYTES = 60 * 1024;
  const MAX_BACKOFF_MS = 60000;
  // While Rapport is unreachable the queue is bounded, so localStorage does not fill up.
  const MAX_QUEUED = 1000;

  const w = window;
  const d = document;
  const nav = w.navigator || {};
  const stub = w.rapport;
  if (stub && stub.VERSION) {
    return; // the script was included twice
  }
  // Where this script came from: the default host when the page did not name one.
  const scriptOrigin = (() => {
    try {
      return new URL(d.currentScript.src).origin;
    } catch (e) {
      return '';
    }
  })();

  const warned = {};
  const warn = (id, ...args) => {
    if (!warned[id]) {
      warned[id] = true;
      if (w.console) w.console.warn('rapport:', ...args);
    }
  };

  const uuid = () => {
    const c = w.crypto;
    if (c && c.randomUUID) return c.randomUUID();
    const b = new Uint8Array(16);
    if (c && c.getRandomValues) c.getRandomValues(b);
    else for (let i = 0; i < 16; i++) b[i] = Math.random() * 256;
    b[6] = (b[6] & 15) | 64; // version 4
    b[8] = (b[8] & 63) | 128; // RFC 4122 variant
    const h = Array.from(b, x => (x + 256).toString(16).slice(1)).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  const encoder = new w.TextEncoder();
  const byteLength = s => encoder.encode(s).length;

  // localStorage can be missing or throw (Safari private mode, storage disabled, quota).
  const local = {
    get(key) {
      try { return w.localStorage.getItem(key); } catch (e) { return null; }
    },
    set(key, value) {
      try {
        if (value == null) w.localStorage.removeItem(key);
        else w.localStorage.setItem(key, value);
      } catch (e) { /* the cookie still holds the ids; the queue lives in memory */ }
    },
    keys() {
      try { return Object.keys(w.localStorage); } catch (e) { return []; }
    },
  };

  const settings = { host: '', writeKey: '', flushAt: 20, flushInterval: 1000, cookieDomain: '' };

  const cookie = {
    get(name) {
      for (const part of String(d.cookie || '').split(/;\s*/)) {
        const eq = part.indexOf('=');
        if (part.slice(0, eq) === name) {
          try { return decodeURIComponent(part.slice(eq + 1)); } catch (e) { return null; }
        }
      }
      return null;
    },
    set(name, value) {
      const secure = w.location && w.location.protocol === 'https:' ? '; Secure' : '';
      const domain = settings.cookieDomain ? `; Domain=${settings.cookieDomain}` : '';
      const age = value == null ? 0 : YEAR_SECONDS;
      d.cookie = `${name}=${encodeURIComponent(value == null ? '' : value)}; Max-Age=${age}; Path=/${domain}; SameSite=Lax${secure}`;
    },
  };

  // Ids live in a first-party cookie, with localStorage as the fallback when cookies are off.
  const persisted = {
    get: name => cookie.get(name) || local.get(name) || null,
    set(name, value) {
      cookie.set(name, value);
      local.set(name, value);
    },
  };

  const state = {
    anonymousId: persisted.get(ANONYMOUS_KEY) || uuid(),
    userId: persisted.get(USER_KEY),
    queue: [],
    sending: null,
    timer: 0,
    attempt: 0,
    loaded: false,
    readyCallbacks: [],
    queueKey: QUEUE_KEY + uuid(),
  };

  const saveQueue = () => {
    if (!state.loaded) return; // nothing is sent before load(); an unkeyed queue is no use to a later page
    local.set(state.queueKey, state.queue.length
      ? JSON.stringify({ host: settings.host, writeKey: settings.writeKey, queue: state.queue })
      : null);
  };

  // Messages another page (an earlier load of this one, or a closed tab) left unsent. Sending
  // one twice is harmless: the server stores a messageId once.
  const adoptSavedQueues = () => {
    for (const key of local.keys()) {
      if (key.indexOf(QUEUE_KEY) !== 0 || key === state.queueKey) continue;
      try {
        const saved = JSON.parse(local.get(key));
        if (saved && saved.writeKey === settings.writeKey && saved.host === settings.host) {
          state.queue.push(...saved.queue);
          local.set(key, null);
        }
      } catch (e) {
        local.set(key, null);
      }
    }
  };

  const pageInfo = () => {
    const l = w.location || {};
    return { path: l.pathname, referrer: d.referrer, search: l.search, title: d.title, url: l.href };
  };

  const timeZone = () => {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return undefined; }
  };

  const isObject = v => v !== null && typeof v === 'object' && !Array.isArray(v);

  const batchUrl = () => `${settings.host}/v1/batch`;

  const batchBody = batch => {
    const sentAt = new Date().toISOString();
    for (const m of batch) m.sentAt = sentAt; // per attempt, so the server can correct clock skew
    return JSON.stringify({ batch, sentAt, writeKey: settings.writeKey });
  };

  // The first messages of `from` that fit in `maxBytes` and `maxCount`.
  const take = (from, maxBytes, maxCount) => {
    const out = [];
    let size = 100 + settings.writeKey.length;
    for (const m of from) {
      const bytes = byteLength(JSON.stringify(m)) + 40;
      if (out.length >= maxCount || size + bytes > maxBytes) break;
      out.push(m);
      size += bytes;
    }
    return out;
  };

  const remove = sent => {
    state.queue = state.queue.filter(m => sent.indexOf(m) < 0);
    saveQueue();
  };

  const schedule = ms => {
    if (!state.timer) {
      state.timer = setTimeout(() => {
        state.timer = 0;
        flush();
      }, ms);
    }
  };

  const backoff = retryAfter => {
    const exponential = Math.min(MAX_BACKOFF_MS, settings.flushInterval * 2 ** (state.attempt - 1));
    // Equal jitter: half fixed, half random, so many pages recovering at once spread out.
    const delay = exponential / 2 + Math.random() * exponential / 2;
    const asked = Number(retryAfter) * 1000;
    return asked > delay ? Math.min(asked, MAX_BACKOFF_MS) : delay;
  };

  const afterSend = () => {
    if (!state.queue.length) return;
    if (state.queue.length >= settings.flushAt) flush();
    else schedule(settings.flushInterval);
  };

  async function flush() {
    if (state.sending || !state.loaded || !state.queue.length) return;
    if (nav.onLine === false) return; // the 'online' event resumes
    const batch = take(state.queue, MAX_BATCH_BYTES, settings.flushAt);
    state.sending = batch;
    let response = null;
    try {
      // text/plain keeps this a CORS "simple request": no preflight, and the write key is in the body.
      response = await w.fetch(batchUrl(), {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: batchBody(batch),
        credentials: 'omit',
      });
    } catch (e) {
      response = null; // offline, DNS, CORS or the server is down: retry
    }
    state.sending = null;
    const status = response ? response.status : 0;
    if (status >= 200 && status < 300) {
      state.attempt = 0;
      remove(batch);
    } else if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      // The server will refuse these every time; retrying would only repeat the error.
      let detail = '';
      try { detail = (await response.json()).detail || ''; } catch (e) { /* not problem details */ }
      warn('refused', `the server refused ${batch.length} message(s) with ${status}; they are dropped.`, detail);
      state.attempt = 0;
      remove(batch);
    } else {
      state.attempt++;
      clearTimeout(state.timer);
      state.timer = 0;
      schedule(backoff(response && response.headers.get('Retry-After')));
      return;
    }
    afterSend();
  }

  // The page is going away (or may be killed in the background): hand everything not already on
  // the wire to sendBeacon, which the browser delivers after the page is gone.
  const flushOnExit = () => {
    if (!state.loaded || !state.queue.length) return;
    // Offline or while the server is failing a beacon would be lost; the next page load sends them.
    if (!nav.sendBeacon || nav.onLine === false || state.attempt > 0) {
      saveQueue();
      return;
    }
    let pending = state.queue.filter(m => !state.sending || state.sending.indexOf(m) < 0);
    while (pending.length) {
      const batch = take(pending, MAX_BEACON_BYTES, Infinity);
      if (!batch.length) break; // one message too big for a beacon: the next page load sends it
      const blob = new w.Blob([batchBody(batch)], { type: 'text/plain' });
      let queued = false;
      try { queued = nav.sendBeacon(batchUrl(), blob); } catch (e) { queued = false; }
      if (!queued) break;
      remove(batch);
      pending = pending.slice(batch.length);
    }
  };

  const enqueue = (type, fields, options) => {
    const opts = isObject(options) ? options : {};
    const message = Object.assign({
      type,
      messageId: uuid(),
      timestamp: new Date().toISOString(),
      anonymousId: state.anonymousId,
    }, fields);
    if (state.userId && message.userId === undefined) message.userId = state.userId;
    const at = opts.timestamp ? new Date(opts.timestamp) : null;
    if (at && !isNaN(at)) message.timestamp = at.toISOString();
    if (isObject(opts.integrations)) message.integrations = opts.integrations;
    message.context = Object.assign({
      library: { name: 'rapport.js', version: VERSION },
      page: pageInfo(),
      userAgent: nav.userAgent,
      locale: nav.language,
      timezone: timeZone(),
    }, isObject(opts.context) ? opts.context : {});
    let json;
    try {
      json = JSON.stringify(message);
    } catch (e) {
      warn('json', `${type} was not sent: its properties cannot be turned into JSON.`, e);
      return;
    }
    if (byteLength(json) > MAX_MESSAGE_BYTES) {
      warn('size', `a ${type} message was not sent: it is larger than 32 KB.`);
      return;
    }
    if (state.queue.length >= MAX_QUEUED) {
      warn('full', `${MAX_QUEUED} messages are waiting to be sent; the oldest are dropped.`);
      state.queue.shift();
    }
    state.queue.push(message);
    saveQueue();
    if (state.queue.length >= settings.flushAt && !state.attempt) flush();
    else schedule(settings.flushInterval);
  };

  const api = {
    VERSION,

    /** Sets the write key and the Rapport host; options: host, flushAt, flushInterval, cookieDomain. */
    load(writeKey, options) {
      const opts = isObject(options) ? options : {};
      settings.writeKey = String(writeKey || '');
      settings.host = String(opts.host || settings.host || scriptOrigin).replace(/\/+$/, '');
      if (opts.flushAt > 0) settings.flushAt = Math.min(opts.flushAt, 500);
      if (opts.flushInterval > 0) settings.flushInterval = opts.flushInterval;
      if (opts.cookieDomain) settings.cookieDomain = String(opts.cookieDomain);
      if (!settings.writeKey) {
        warn('key', 'load() needs the dataset\'s write key; nothing is sent until it has one.');
        return api;
      }
      const wasLoaded = state.loaded;
      state.loaded = true;
      // Written here rather than at start-up so cookieDomain applies; this also renews the year.
      persisted.set(ANONYMOUS_KEY, state.anonymousId);
      if (state.userId) persisted.set(USER_KEY, state.userId);
      adoptSavedQueues();
      saveQueue();
      if (!wasLoaded) {
        const callbacks = state.readyCallbacks.splice(0);
        for (const fn of callbacks) setTimeout(() => fn(api), 0);
      }
      if (state.queue.length) schedule(0);
      return api;
    },

    /** identify(userId?, traits?, options?): who the visitor is; the user id is remembered. */
    identify(userId, traits, options) {
      if (isObject(userId)) {
        options = traits;
        traits = userId;
        userId = null;
      }
      if (userId != null && userId !== '') {
        state.userId = String(userId);
        persisted.set(USER_KEY, state.userId);
      }
      enqueue('identify', { traits: isObject(traits) ? traits : {} }, options);
      return api;
    },

    /** track(event, properties?, options?): something the visitor did. */
    track(event, properties, options) {
      if (typeof event !== 'string' || !event) {
        warn('event', 'track() needs an event name.');
        return api;
      }
      enqueue('track', { event, properties: isObject(properties) ? properties : {} }, options);
      return api;
    },

    /** page(name?, properties?, options?): a page view; url, path, title, referrer and search are filled in. */
    page(name, properties, options) {
      if (isObject(name)) {
        options = properties;
        properties = name;
        name = undefined;
      }
      const fields = { properties: Object.assign(pageInfo(), isObject(properties) ? properties : {}) };
      if (name != null) {
        fields.name = String(name);
        fields.properties.name = fields.name;
      }
      enqueue('page', fields, options);
      return api;
    },

    /** group(groupId, traits?, options?): the account the visitor belongs to. */
    group(groupId, traits, options) {
      if (groupId == null || groupId === '') {
        warn('group', 'group() needs a group id.');
        return api;
      }
      enqueue('group', { groupId: String(groupId), traits: isObject(traits) ? traits : {} }, options);
      return api;
    },

    /** alias(userId, previousId?): links a new user id to the current (or given) previous id. */
    alias(userId, previousId, options) {
      if (userId == null || userId === '') {
        warn('alias', 'alias() needs the new user id.');
        return api;
      }
      const previous = previousId != null && previousId !== '' ? String(previousId) : state.userId || state.anonymousId;
      enqueue('alias', { userId: String(userId), previousId: previous }, options);
      return api;
    },

    /** Forgets the user (sign-out): clears the user id and starts a new anonymous id. */
    reset() {
      state.userId = null;
      persisted.set(USER_KEY, null);
      state.anonymousId = uuid();
      persisted.set(ANONYMOUS_KEY, state.anonymousId);
      return api;
    },

    /** ready(fn): calls fn once the script is loaded and has a write key. */
    ready(fn) {
      if (typeof fn === 'function') {
        if (state.loaded) setTimeout(() => fn(api), 0);
        else state.readyCallbacks.push(fn);
      }
      return api;
    },

    /** Sends what is queued now instead of waiting for the timer. */
    flush() {
      clearTimeout(state.timer);
      state.timer = 0;
      flush();
      return api;
    },

    anonymousId: () => state.anonymousId,
    userId: () => state.userId,
  };

  w.rapport = api;
  if (w.addEventListener) {
    w.addEventListener('pagehide', flushOnExit);
    w.addEventListener('online', () => api.flush());
  }
  if (d.addEventListener) {
    d.addEventListener('visibilitychange', () => {
      if (d.visibilityState === 'hidden') flushOnExit();
    });
  }

  // Replay what the page called before this script arrived, in order; `load` first, since the
  // stub names the write key and host before anything else.
  const calls = Array.isArray(stub) ? stub.slice() : [];
  const loadCall = calls.find(c => c && c[0] === 'load');
  if (loadCall) api.load(...loadCall.slice(1));
  for (const call of calls) {
    if (call === loadCall || !Array.isArray(call) || typeof api[call[0]] !== 'function') continue;
    try { api[call[0]](...call.slice(1)); } catch (e) { warn('replay', `queued ${call[0]} failed`, e); }
  }
})();
