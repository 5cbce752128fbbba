using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Hosting;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Hosting;

/// <summary>The host: seeding, the data file across restarts, RunAsync's output and the data controls.</summary>
public sealed class EmulatorHostTests
{
    private static async Task<JsonElement> QueryAsync(HttpClient client, string soql)
    {
        var (status, body) = await client.GetJsonAsync("query?q=" + Uri.EscapeDataString(soql));
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    [Fact]
    public async Task Seed_IsDeterministicAndContainsTheAwkwardCases()
    {
        await using var first = await EmulatorServer.StartAsync(seed: 500);
        await using var second = await EmulatorServer.StartAsync(seed: 500);
        using var a = await first.ClientAsync();
        using var b = await second.ClientAsync();
        const string Soql = "SELECT Id, FirstName, LastName, Email, AccountId FROM Contact ORDER BY Id";

        var left = (await QueryAsync(a, Soql)).GetProperty("records").ToString();
        var right = (await QueryAsync(b, Soql)).GetProperty("records").ToString();
        var contacts = (await QueryAsync(a, Soql)).GetProperty("records").EnumerateArray().ToList();
        var deleted = await QueryAsync(a, "SELECT COUNT() FROM Contact WHERE IsDeleted = true");
        var deletedAll = (await a.GetJsonAsync("queryAll?q=" + Uri.EscapeDataString("SELECT Id FROM Contact WHERE IsDeleted = true"))).Body;
        var converted = await QueryAsync(a, "SELECT Id, ConvertedContactId, ConvertedAccountId, ConvertedDate FROM Lead WHERE IsConverted = true");
        var leads = await QueryAsync(a, "SELECT Email FROM Lead");
        var opportunities = await QueryAsync(a, "SELECT COUNT() FROM Opportunity WHERE IsWon = true");

        Assert.Equal(left, right);
        var emails = contacts.Select(c => c.GetProperty("Email").GetString()).Where(e => e is not null).ToList();
        Assert.Contains(emails, e => emails.Any(other => other != e && string.Equals(other, e, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(contacts, c => c.GetProperty("Email").ValueKind == JsonValueKind.Null);
        Assert.Contains(contacts, c => c.GetProperty("AccountId").ValueKind == JsonValueKind.Null);
        Assert.Contains(contacts, c => c.GetProperty("LastName").GetString()!.Any(ch => ch > 127) || c.GetProperty("FirstName").GetString()!.Any(ch => ch > 127));
        Assert.Equal(0, deleted.GetProperty("totalSize").GetInt32());
        Assert.True(deletedAll.GetProperty("totalSize").GetInt32() > 0);
        Assert.True(converted.GetProperty("totalSize").GetInt32() > 0);
        Assert.StartsWith("003", converted.GetProperty("records")[0].GetProperty("ConvertedContactId").GetString(), StringComparison.Ordinal);
        Assert.Contains(leads.GetProperty("records").EnumerateArray(), l => emails.Contains(l.GetProperty("Email").GetString()));
        Assert.True(opportunities.GetProperty("totalSize").GetInt32() > 0);
    }

    [Fact]
    public async Task DataFile_SurvivesRestart_WithCustomFieldsAndRecords()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rapport-emulator-{Guid.NewGuid():N}.dat");
        try
        {
            string id;
            await using (var server = await EmulatorServer.StartAsync(dataFile: file))
            {
                using var client = await server.ClientAsync();
                await client.PostJsonAsync("tooling/sobjects/CustomField", new { FullName = "Contact.Kept__c", Metadata = new { type = "Text", label = "Kept", length = 20 } });
                await client.CreateAsync("FieldPermissions", new
                {
                    ParentId = OrgDefaults.ProfilePermissionSetId(admin: true), SobjectType = "Contact", Field = "Contact.Kept__c", PermissionsRead = true, PermissionsEdit = true,
                });
                id = await client.CreateAsync("Contact", new Dictionary<string, object> { ["LastName"] = "Persistent", ["Kept__c"] = "yes" });
            }

            Assert.True(File.Exists(file));
            await using var restarted = await EmulatorServer.StartAsync(dataFile: file);
            using var again = await restarted.ClientAsync();
            var (status, body) = await again.GetJsonAsync($"sobjects/Contact/{id}?fields=LastName,Kept__c");
            var next = await again.CreateAsync("Contact", new { LastName = "After restart" });

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("yes", body.GetProperty("Kept__c").GetString());
            Assert.NotEqual(id, next);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RunAsync_PrintsBaseUrlAndCredentials_AndStopsOnCancel()
    {
        using var output = new StringWriter();
        using var cancel = new CancellationTokenSource();
        var run = EmulatorApp.RunAsync(new EmulatorOptions { Urls = "http://127.0.0.1:0", Config = EmulatorServer.TestConfig() }, output, cancel.Token);
        for (var i = 0; i < 100 && !output.ToString().Contains("consumer secret", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, Http.Ct);
        }
        var text = output.ToString();
        await cancel.CancelAsync();
        await run;

        Assert.Matches("listening on http://127\\.0\\.0\\.1:\\d+", text);
        Assert.Contains(EmulatorServer.ConsumerKey, text, StringComparison.Ordinal);
        Assert.Contains(EmulatorServer.AdminUsername, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConvertLead_Control_CreatesContactAndAccountAndMarksLeadConverted()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = await server.ClientAsync();
        var lead = await client.CreateAsync("Lead", new { FirstName = "Lea", LastName = "Convert", Company = "Convert Co", Email = "lea@example.com" });
        using var controls = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        var (status, result) = await controls.PostJsonAsync($"/__emulator/leads/{lead}/convert", new { createOpportunity = true });
        var (_, body) = await client.GetJsonAsync($"sobjects/Lead/{lead}?fields=IsConverted,ConvertedContactId,ConvertedAccountId,ConvertedDate,Status");
        var (_, contact) = await client.GetJsonAsync($"sobjects/Contact/{result.GetProperty("contactId").GetString()}?fields=Email,AccountId");
        var (updateStatus, update) = await client.PatchJsonAsync($"sobjects/Lead/{lead}", new { Title = "x" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("IsConverted").GetBoolean());
        Assert.Equal("Closed - Converted", body.GetProperty("Status").GetString());
        Assert.Equal("2026-03-02", body.GetProperty("ConvertedDate").GetString());
        Assert.Equal(result.GetProperty("contactId").GetString(), body.GetProperty("ConvertedContactId").GetString());
        Assert.Equal("lea@example.com", contact.GetProperty("Email").GetString());
        Assert.Equal(body.GetProperty("ConvertedAccountId").GetString(), contact.GetProperty("AccountId").GetString());
        Assert.StartsWith("006", result.GetProperty("opportunityId").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, updateStatus);
        Assert.Equal("CANNOT_UPDATE_CONVERTED_LEAD", update.ErrorCode());
    }

    [Fact]
    public async Task ChangeAsUser_Control_StampsThatUserAndModstamp()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = await server.ClientAsync();
        var id = await client.CreateAsync("Contact", new { LastName = "Edited" });
        using var controls = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        server.Clock.Advance(TimeSpan.FromMinutes(3));

        var (status, raw) = await controls.PatchJsonAsync($"/__emulator/records/Contact/{id}?as={EmulatorServer.StandardUsername}", new { Title = "Changed in the UI" });
        var (_, users) = await client.GetJsonAsync("query?q=" + Uri.EscapeDataString($"SELECT Id FROM User WHERE Username = '{EmulatorServer.StandardUsername}'"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Changed in the UI", raw.GetProperty("Title").GetString());
        Assert.Equal(users.GetProperty("records")[0].GetProperty("Id").GetString(), raw.GetProperty("LastModifiedById").GetString());
        Assert.Equal("2026-03-02T09:33:00.000+0000", raw.GetProperty("SystemModstamp").GetString());
    }

    [Fact]
    public async Task ResetAndSeed_Controls_ReplaceTheData()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var controls = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };

        var (seedStatus, seeded) = await controls.PostJsonAsync("/__emulator/data/seed", new { contacts = 50, accounts = 5, leads = 10, opportunities = 3 });
        var (_, reset) = await controls.PostJsonAsync("/__emulator/data/reset", new { });

        Assert.Equal(HttpStatusCode.OK, seedStatus);
        Assert.Equal(50, seeded.GetProperty("counts").GetProperty("Contact").GetInt32());
        Assert.Equal(0, reset.GetProperty("Contact").GetInt32());
        Assert.True(reset.GetProperty("User").GetInt32() >= 2);
        Assert.NotNull(server.App.Services.GetService<OrgStore>());
    }
}
