using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Rapport.Server.Tests.Sdk;
using Rapport.Server.Tests.Support;
using Rapport.Sync.Naming;
using static Rapport.Server.Tests.Console.SalesforceConsoleKit;

namespace Rapport.Server.Tests.Console;

/// <summary>
/// The Push page's field names: the server's rule (<see cref="CustomFieldNamer"/>) pinned, and push.js,
/// which previews them as the admin types, held to the same answers by running the served file in Node.
/// </summary>
public sealed class PushFieldNamesTests : IAsyncLifetime
{
    private RapportTestHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string PushPath(string datasetId) => $"datasets/{datasetId}/salesforce/push";

    /// <summary>Seed 000's naming (Rapport_[infix_]Name__c) as users will find it in Salesforce.</summary>
    private static readonly (string Name, string? Infix, string Expected)[] PinnedNames =
    [
        ("lastSeen", null, "Rapport_LastSeen__c"),
        ("lastSeen", "Web", "Rapport_Web_LastSeen__c"),
        ("plan", "eu", "Rapport_Eu_Plan__c"),
        ("favourite colour", "EU", "Rapport_EU_Favourite_Colour__c"),
        ("events.whitepaper_downloaded", null, "Rapport_Events_Whitepaper_Downloaded__c"),
        ("Société", "", "Rapport_Societe__c"),
        ("2fa enabled", null, "Rapport_F2fa_Enabled__c"),
        ("a very long attribute name that keeps going on and on", "Web", "Rapport_Web_A_Very_Long_Attribute_Name_T__c"),
    ];

    public static TheoryData<string, string?, string> Pinned => new(PinnedNames.Select(p => new TheoryDataRow<string, string?, string>(p.Name, p.Infix, p.Expected)));

    [Theory]
    [MemberData(nameof(Pinned))]
    public void ApiName_PinnedExamples_AreTheNamesCreatedInSalesforce(string name, string? infix, string expected)
        => Assert.Equal(expected, CustomFieldNamer.ApiName(name, infix));

    [Fact]
    public async Task PushScript_SameNamesAsTheServer_ForPinnedAndGeneratedNames()
    {
        var cases = PinnedNames.Select(p => (p.Name, p.Infix)).ToList();
        cases.AddRange(Tricky.SelectMany(name => Infixes.Select(infix => (name, infix))));
        cases.AddRange(Generated(400));

        var fromScript = await RunScriptAsync(await ServedScriptAsync(), cases);

        Assert.Equal(cases.Count, fromScript.Count);
        var differences = cases.Select((c, i) => (c.Name, c.Infix, Server: CustomFieldNamer.ApiName(c.Name, c.Infix), Script: fromScript[i]))
            .Where(d => d.Server != d.Script)
            .Select(d => $"{JsonSerializer.Serialize(d.Name)} / {JsonSerializer.Serialize(d.Infix)}: server {d.Server}, push.js {d.Script}")
            .ToList();
        Assert.True(differences.Count == 0, "push.js names fields differently from the server:\n" + string.Join('\n', differences));
        Assert.Equal(PinnedNames.Select(p => p.Expected).ToList(), fromScript.Take(PinnedNames.Length).ToList());
    }

    [Fact]
    public async Task PushPage_EveryChoice_CarriesWhatTheLivePreviewNeeds()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        await _host.SendOkAsync("/v1/identify", """{"userId":"u-1","traits":{"plan":"pro"}}""", dataset);
        await _host.WaitForProcessingAsync(dataset.Id);
        // Pushed into an existing Salesforce field: the script must show that field, not a new name.
        using (var put = await _host.Admin.PutAsJsonAsync($"/api/datasets/{dataset.Id}/connections/salesforce/sync-settings",
            new { push = new { infix = "Web", userFields = new object[] { new { name = "plan", targetField = "Plan_Tier__c" }, new { name = "lastSeen", source = "Kpi" } } } },
            TestContext.Current.CancellationToken))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        using var session = await ConsoleSession.SignInAsync(_host);
        var page = await session.GetPageAsync(PushPath(dataset.Id));

        Assert.NotNull(page.QuerySelector("form[data-push-preview] [data-push-preview-body] #push-preview"));
        Assert.Equal(Rapport.Server.Sync.SyncSettingsValidator.InfixRule, page.QuerySelector("#push-infix")!.GetAttribute("data-invalid-message"));
        var plan = page.QuerySelector("#push-user-fields [data-push-choice][data-name=plan]")!;
        Assert.Equal("Attribute", plan.GetAttribute("data-source"));
        Assert.Equal("Plan_Tier__c", plan.GetAttribute("data-target-field"));
        var lastSeen = page.QuerySelector("#push-user-fields [data-push-choice][data-name=lastSeen]")!;
        Assert.Equal("Kpi", lastSeen.GetAttribute("data-source"));
        Assert.Null(lastSeen.GetAttribute("data-target-field"));
        Assert.Equal(["Plan_Tier__c", "Rapport_Web_LastSeen__c"], page.QuerySelectorAll("#push-preview code").Select(c => c.TextContent).ToList());
        Assert.NotNull(page.QuerySelector("script[src^='console/assets/push.js']"));
    }

    [Fact]
    public async Task InfixRule_ShownByTheScript_IsTheMessageSaveShows()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await SubmitAsync(session, PushPath(dataset.Id), "salesforce-push", "save", f => f["Input.Infix"] = "9 lives");

        var page = await ConsoleSession.ParseAsync(response);
        // push.js writes data-invalid-message + ' got "<value>".' under the field; Save writes this.
        Assert.Equal(Rapport.Server.Sync.SyncSettingsValidator.InfixRule + " got \"9 lives\".", MessagesNear(page, "#push-infix", ".field"));
    }

    // Accents, ligatures, compatibility characters, scripts without ASCII letters, emoji (outside the BMP), digits first, separators.
    private static readonly string[] Tricky =
    [
        "score", "lastActivity", "nps score", "plan__tier", "  spaced  out  ", "", "_", "___x___", "x", "Ärger über Öl",
        "Crème brûlée", "İstanbul", "straße", "ﬁnance", "\u212Aelvin", "\u2126hm", "日本語", "ﾃｽﾄ", "emoji 😀 here", "😀",
        "e\u0301te\u0301", "a\tb\nc", "9lives", "__init__", "ALLCAPS NAME", "camelCaseName", "kebab-case-name", "dots.in.name",
        "x".PadRight(60, 'y'), "word " + string.Join(' ', Enumerable.Repeat("ab", 30)), "!!!", "ǅemal", "Ω", "Ⅻ roman", "٣ arabic digit",
    ];

    private static readonly string?[] Infixes = [null, "", "Web", "eu", "EU_2", "  ", "9 lives", "Société", "averyveryverylonginfix"];

    // Deterministic: the same strings on every run, mixing the kinds of characters the rule treats differently.
    private static IEnumerable<(string Name, string? Infix)> Generated(int count)
    {
        const string alphabet = "abcXYZ019 _-.#/éÉüçñøßæœ\u0301\u0308日ß\u00A0\t";
        var random = new Random(20260302);
        for (var i = 0; i < count; i++)
        {
            var name = new StringBuilder();
            var length = random.Next(0, 60);
            for (var c = 0; c < length; c++)
            {
                name.Append(random.Next(20) == 0 ? "😀" : alphabet[random.Next(alphabet.Length)].ToString());
            }
            var infix = random.Next(3) == 0 ? null : new string(Enumerable.Range(0, random.Next(0, 25)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            yield return (name.ToString(), infix);
        }
    }

    private async Task<string> ServedScriptAsync()
    {
        var dataset = await _host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(_host);
        var page = await session.GetPageAsync(PushPath(dataset.Id));
        var src = page.QuerySelector("script[src^='console/assets/push.js']")?.GetAttribute("src");
        Assert.NotNull(src);
        using var response = await session.Client.GetAsync(src, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    // Loads the served push.js in Node (no document: it only defines the rule) and names every case with it.
    private static async Task<List<string>> RunScriptAsync(string script, List<(string Name, string? Infix)> cases)
    {
        var directory = Directory.CreateTempSubdirectory("rapport-push-js-");
        try
        {
            var scriptPath = Path.Combine(directory.FullName, "push.js");
            var casesPath = Path.Combine(directory.FullName, "cases.json");
            var harnessPath = Path.Combine(directory.FullName, "harness.js");
            await File.WriteAllTextAsync(scriptPath, script, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(casesPath, JsonSerializer.Serialize(cases.Select(c => new { name = c.Name, infix = c.Infix })), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(harnessPath, """
                const fs = require("fs");
                new Function(fs.readFileSync(process.argv[2], "utf8"))();
                const cases = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
                process.stdout.write(JSON.stringify(cases.map(c => globalThis.rapportFieldNames.apiName(c.name, c.infix))));
                """, TestContext.Current.CancellationToken);
            var start = new ProcessStartInfo(NodeBrowser.FindNode())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add(harnessPath);
            start.ArgumentList.Add(scriptPath);
            start.ArgumentList.Add(casesPath);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"node failed ({process.ExitCode}): {await stderr}");
            return JsonSerializer.Deserialize<List<string>>(await stdout)!;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
