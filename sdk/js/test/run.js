'use strict';
// Runs one browser scenario against a Rapport server and prints what the page saw as one JSON
// line; the xUnit tests (tests/Rapport.Server.Tests/Sdk) check what the server received.
//   node run.js <scenario> <rapport base url> <write key>
const fs = require('fs');
const path = require('path');
const { BrowserProfile, Page } = require('./browser');
const scenarios = require('./scenarios');

function stub(host, writeKey) {
  const html = fs.readFileSync(path.join(__dirname, '..', 'snippet.html'), 'utf8');
  const code = html.slice(html.indexOf('<script>') + 8, html.indexOf('</script>'));
  if (!code.includes('"https://rapport.example.com","YOUR_WRITE_KEY"')) {
    throw new Error('snippet.html no longer ends with the placeholder host and write key');
  }
  return code.replace('"https://rapport.example.com","YOUR_WRITE_KEY"', `${JSON.stringify(host)},${JSON.stringify(writeKey)}`);
}

async function main() {
  const [name, host, writeKey] = process.argv.slice(2);
  const scenario = scenarios[name];
  if (!scenario || !host || !writeKey) {
    throw new Error(`usage: node run.js <${Object.keys(scenarios).join('|')}> <host> <writeKey>`);
  }
  const profile = new BrowserProfile();
  const open = options => {
    const page = new Page(profile, options);
    page.snippet = stub(host, writeKey);
    return page;
  };
  const result = await scenario({ open, profile, sleep: ms => new Promise(r => setTimeout(r, ms)) });
  await profile.beaconsDelivered();
  result.requests = profile.requests;
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().then(() => process.exit(0), e => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
