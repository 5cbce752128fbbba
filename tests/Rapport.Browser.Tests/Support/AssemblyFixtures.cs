using Rapport.Browser.Tests.Support;

// One Rapport, one emulator and one Chromium for the whole run: starting them per class would
// cost more than the tests themselves.
[assembly: AssemblyFixture(typeof(RapportBrowserFixture))]
