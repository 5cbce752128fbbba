'use strict';
// Browser scenarios for rapport.js. Each opens pages with the real snippet stub (snippet.html),
// which loads /sdk/rapport.js from the server under test, and returns what the page observed.

const cookieOf = (profile, name) => {
  const c = profile.cookies.get(name);
  return c ? { value: decodeURIComponent(c.value), attributes: c.attributes } : null;
};

module.exports = {
  // Calls made right after the stub, before the script has arrived, are replayed in order.
  async preload({ open, profile }) {
    const page = open({ url: 'http://shop.test/products?sort=price', title: 'Products', referrer: 'https://search.test/' });
    page.run(page.snippet);
    const queuedBeforeLoad = page.run(`
      rapport.track('First');
      rapport.track('Second', { n: 2 });
      rapport.track('Third');
      Array.isArray(window.rapport) ? window.rapport.length : -1;
    `);
    await page.scriptLoaded;
    await page.idle();
    return {
      queuedBeforeLoad,
      anonymousId: page.run('rapport.anonymousId()'),
      cookie: cookieOf(profile, 'rapport_anonymous_id'),
      storedAnonymousId: profile.storage.rapport_anonymous_id,
    };
  },

  // Anonymous page views, then identify; a reload keeps both ids without calling identify again.
  async identify({ open }) {
    const first = open({ url: 'http://shop.test/', title: 'Home' });
    first.run(first.snippet);
    first.run(`rapport.page('Pricing', { plan: 'team' });`);
    await first.scriptLoaded;
    await first.idle();
    first.run(`rapport.identify('user-42', { email: 'ada@example.com', name: 'Ada Lovelace' });`);
    await first.idle();
    const anonymousId = first.run('rapport.anonymousId()');
    first.leave();

    const second = open({ url: 'http://shop.test/account', title: 'Account' });
    second.run(second.snippet);
    second.run(`rapport.track('Returned');`);
    await second.scriptLoaded;
    await second.idle();
    return {
      anonymousId,
      anonymousIdAfterReload: second.run('rapport.anonymousId()'),
      userIdAfterReload: second.run('rapport.userId()'),
    };
  },

  // Several calls close together go out in one request; 20 queued go at once without the timer.
  async batching({ open }) {
    const page = open({ url: 'http://shop.test/cart', title: 'Cart' });
    page.run(page.snippet);
    page.run(`rapport.ready(() => { for (let i = 1; i <= 5; i++) rapport.track('Item ' + i); });`);
    await page.scriptLoaded;
    await page.idle();
    const startedAt = Date.now();
    page.run(`for (let i = 1; i <= 25; i++) rapport.track('Bulk ' + i);`);
    await page.idle();
    return { bulkMilliseconds: Date.now() - startedAt };
  },

  // The server fails (503) after storing the batch; the snippet retries with the same messageIds.
  async retry({ open }) {
    const page = open({ url: 'http://shop.test/checkout', title: 'Checkout' });
    page.run(page.snippet);
    page.run(`rapport.track('Order Completed', { total: 42 });`);
    await page.scriptLoaded;
    await page.idle();
    return { anonymousId: page.run('rapport.anonymousId()'), console: page.console };
  },

  // Offline: nothing is sent until the browser is online again; messages queued offline when the
  // page is left are sent by the next page load.
  async offline({ open, profile, sleep }) {
    const page = open({ url: 'http://shop.test/', title: 'Home', online: false });
    page.run(page.snippet);
    page.run(`rapport.track('Offline A');`);
    await page.scriptLoaded;
    await sleep(1500);
    const requestsWhileOffline = profile.requests.length;
    const queuedWhileOffline = page.queuedMessages();
    page.setOnline(true);
    await page.idle();
    page.setOnline(false);
    page.run(`rapport.track('Offline B');`);
    page.leave();
    const queuedAfterLeaving = page.queuedMessages();

    const next = open({ url: 'http://shop.test/again', title: 'Again' });
    next.run(next.snippet);
    await next.scriptLoaded;
    await next.idle();
    return { requestsWhileOffline, queuedWhileOffline, queuedAfterLeaving, anonymousId: next.run('rapport.anonymousId()') };
  },

  // Leaving the page right after a call: the page's timers and fetches die, a beacon delivers it.
  async beacon({ open, profile }) {
    const page = open({ url: 'http://shop.test/blog', title: 'Blog' });
    page.run(page.snippet);
    await page.scriptLoaded;
    await page.idle();
    page.run(`rapport.track('Link Clicked', { href: 'https://elsewhere.test/' });`);
    page.leave();
    await profile.beaconsDelivered();
    return {
      anonymousId: page.run('rapport.anonymousId()'),
      beacons: profile.beacons.map(b => ({ type: b.type, messages: JSON.parse(b.body).batch.length })),
      queuedAfterLeaving: page.queuedMessages(),
    };
  },

  // On https the cookie is Secure; group links the user to an account; reset starts a new visitor.
  async accountAndReset({ open, profile }) {
    const page = open({ url: 'https://shop.test/team', title: 'Team' });
    page.run(page.snippet);
    page.run(`
      rapport.identify('user-7', { email: 'grace@example.com' });
      rapport.group('acme', { name: 'Acme Corp', plan: 'enterprise' });
    `);
    await page.scriptLoaded;
    await page.idle();
    const before = { anonymousId: page.run('rapport.anonymousId()'), cookie: cookieOf(profile, 'rapport_anonymous_id') };
    page.run(`rapport.reset(); rapport.track('Signed Out Visit');`);
    await page.idle();
    return {
      before,
      anonymousIdAfterReset: page.run('rapport.anonymousId()'),
      userIdAfterReset: page.run('rapport.userId()'),
      userCookieAfterReset: cookieOf(profile, 'rapport_user_id'),
    };
  },

  // A refused request (unknown write key) is dropped, not retried, and reported once.
  async refused({ open, sleep }) {
    const page = open({ url: 'http://shop.test/', title: 'Home' });
    page.run(page.snippet);
    await page.scriptLoaded;
    await page.idle();
    page.run(`rapport.track('Again');`);
    await page.idle();
    await sleep(1500);
    return { console: page.console, queued: page.queuedMessages() };
  },
};
