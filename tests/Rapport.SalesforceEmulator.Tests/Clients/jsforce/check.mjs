// Drives the emulator with jsforce, an independently written Salesforce client, used unchanged.
// Usage: node check.mjs <baseUrl> <clientId> <clientSecret> <redirectUri> <authorizationCode>
// Prints one JSON object with what each step saw; the xUnit test asserts on it.
import jsforce from 'jsforce';

const [, , baseUrl, clientId, clientSecret, redirectUri, code] = process.argv;
const out = {};
const conn = new jsforce.Connection({
  oauth2: { loginUrl: baseUrl, clientId, clientSecret, redirectUri },
  version: '66.0',
});
let refreshes = 0;
conn.on('refresh', () => { refreshes += 1; });

// Web-server flow: jsforce exchanges the code for access and refresh tokens.
const user = await conn.authorize(code);
out.userId = user.id;
out.instanceUrl = conn.instanceUrl;

// Describe.
const describe = await conn.describe('Contact');
out.describeName = describe.name;
out.describeHasEmail = describe.fields.some((f) => f.name === 'Email' && f.type === 'email');

// Tooling: create a custom field, then grant field-level security through FieldPermissions.
const field = await conn.tooling.sobject('CustomField').create({
  FullName: 'Contact.Js_Score__c',
  Metadata: { type: 'Number', label: 'Js Score', precision: 18, scale: 0 },
});
out.fieldCreated = field.success === true && field.id.startsWith('00N');
const sets = await conn.query("SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = 'System Administrator'");
await conn.sobject('FieldPermissions').create({
  ParentId: sets.records[0].Id, SobjectType: 'Contact', Field: 'Contact.Js_Score__c', PermissionsRead: true, PermissionsEdit: true,
});
const afterGrant = await conn.requestGet('/services/data/v66.0/sobjects/Contact/describe');
out.describeSeesNewField = afterGrant.fields.some((f) => f.name === 'Js_Score__c');

// Collections: 2,100 contacts in chunks of 200 through /composite/sobjects.
let created = 0;
for (let start = 0; start < 2100; start += 200) {
  const records = [];
  for (let i = start; i < Math.min(start + 200, 2100); i += 1) {
    records.push({ LastName: 'Jsforce', FirstName: `N${i}`, Js_Score__c: i });
  }
  const results = await conn.sobject('Contact').create(records, { allOrNone: true });
  created += results.filter((r) => r.success).length;
}
out.created = created;

// Query with paging: autoFetch follows nextRecordsUrl past the 2,000-record page.
const records = [];
const result = await new Promise((resolve, reject) => {
  const query = conn.query("SELECT Id, Js_Score__c FROM Contact WHERE LastName = 'Jsforce'")
    .on('record', (r) => records.push(r))
    .on('end', () => resolve(query))
    .on('error', reject)
    .run({ autoFetch: true, maxFetch: 10000 });
});
out.queryTotalSize = result.totalSize;
out.queryFetched = records.length;
out.queryScoreSum = records.reduce((sum, r) => sum + r.Js_Score__c, 0);

// Token refresh: the emulator expires every session; jsforce refreshes on INVALID_SESSION_ID and retries.
await fetch(`${baseUrl}/__emulator/sessions/expire`, { method: 'POST' });
const count = await conn.query("SELECT COUNT() FROM Contact WHERE LastName = 'Jsforce'");
out.countAfterExpiry = count.totalSize;
out.refreshes = refreshes;

console.log(JSON.stringify(out));
