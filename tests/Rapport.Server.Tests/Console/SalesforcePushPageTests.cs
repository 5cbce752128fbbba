using System.Net;
using Rapport.Server.Tests.Support;
using static Rapport.Server.Tests.Console.SalesforceConsoleKit;

namespace Rapport.Server.Tests.Console;

/// <summary>Integrations → Salesforce → Push: attributes and KPIs to push, the dataset infix, the field name preview, lead creation.</summary>
public sealed class SalesforcePushPageTests : IAsyncLifetime
{
    private const string Form = "salesforce-push";
    private RapportTestHost _host = default!;

    public async ValueTask InitializeAsync() => _host = await RapportTestHost.StartAsync(DatabaseKind.Sqlite, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static string PushPath(string datasetId) => $"datasets/{datasetId}/salesforce/push";

    [Fact]
    public async Task PushPage_NewDataset_OffersKpisUncheckedAndPreviewsNothing()
    {
        var dataset = await _host.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(_host);
        var page = await session.GetPageAsync(PushPath(dataset.Id));

        Assert.Equal("Salesforce: Push", page.QuerySelector("h1")!.TextContent);
        var kpi = page.QuerySelector("#push-user-kpi-lastSeen");
        Assert.NotNull(kpi);
        Assert.Null(kpi.GetAttribute("checked"));
        Assert.NotNull(page.QuerySelector("#push-account-kpi-sessions"));
        Assert.NotNull(page.QuerySelector("#push-preview-empty"));
        Assert.Equal("", page.QuerySelector("#push-infix")!.GetAttribute("value") ?? "");
        Assert.Null(page.QuerySelector("#push-create-leads[checked]"));
    }

    [Fact]
    public async Task PushPage_ProfilesWithTraitsAndEvents_ListsTheirAttributesAndEventCounts()
    {
        var dataset = await _host.CreateDatasetAsync();
        await _host.SendOkAsync("/v1/identify", """{"userId":"u-1","traits":{"plan":"pro","email":"a@example.com"}}""", dataset);
        await _host.SendOkAsync("/v1/track", """{"userId":"u-1","event":"whitepaper_downloaded"}""", dataset);
        await _host.WaitForProcessingAsync(dataset.Id);
        using var session = await ConsoleSession.SignInAsync(_host);
        var page = await session.GetPageAsync(PushPath(dataset.Id));

        var names = page.QuerySelectorAll("[data-testid=push-user-field]").Select(e => e.GetAttribute("data-name")).ToList();
        Assert.Contains("plan", names);
        Assert.Contains("email", names);
        Assert.Contains("Count of whitepaper_downloaded events", page.QuerySelector("label[for='push-user-kpi-events-whitepaper-downloaded']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_CheckedAttributeAndKpiWithInfix_StoresThemAndPreviewsFieldNames()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        await _host.SendOkAsync("/v1/identify", """{"userId":"u-2","traits":{"plan":"pro"}}""", dataset);
        await _host.WaitForProcessingAsync(dataset.Id);
        using var session = await ConsoleSession.SignInAsync(_host);
        var form = FormValues(await session.GetPageAsync(PushPath(dataset.Id)), Form);
        var plan = form.Single(f => f.Value == "plan" && f.Key.StartsWith("Input.UserFields[", StringComparison.Ordinal)).Key.Replace(".Name", ".Selected", StringComparison.Ordinal);
        var lastSeen = form.Single(f => f.Value == "lastSeen" && f.Key.StartsWith("Input.AccountFields[", StringComparison.Ordinal)).Key.Replace(".Name", ".Selected", StringComparison.Ordinal);
        using var response = await SubmitAsync(session, PushPath(dataset.Id), Form, "save", f =>
        {
            f[plan] = "true";
            f[lastSeen] = "true";
            f["Input.Infix"] = "Web";
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var push = (await SettingsAsync(_host, dataset.Id)).GetProperty("push");
        Assert.Equal("Web", push.GetProperty("infix").GetString());
        var user = Assert.Single(push.GetProperty("userFields").EnumerateArray());
        Assert.Equal("plan", user.GetProperty("name").GetString());
        Assert.Equal("Attribute", user.GetProperty("source").GetString());
        var account = Assert.Single(push.GetProperty("accountFields").EnumerateArray());
        Assert.Equal("lastSeen", account.GetProperty("name").GetString());
        Assert.Equal("Kpi", account.GetProperty("source").GetString());

        var page = await session.GetPageAsync(PushPath(dataset.Id));
        var preview = page.QuerySelectorAll("#push-preview code").Select(c => c.TextContent).ToList();
        Assert.Equal(["Rapport_Web_Plan__c", "Rapport_Web_LastSeen__c"], preview);
        Assert.NotNull(page.QuerySelector("#push-user-attr-plan[checked]"));
    }

    [Fact]
    public async Task Preview_UnsavedValues_ShowsFieldNamesAndStoresNothing()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await SubmitAsync(session, PushPath(dataset.Id), Form, "preview", f =>
        {
            f["Input.Infix"] = "EU";
            f["Input.NewUserAttribute"] = "favourite colour";
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ConsoleSession.ParseAsync(response);
        Assert.Contains("Rapport_EU_Favourite_Colour__c", page.QuerySelectorAll("#push-preview [data-testid=push-preview-field] code").Select(c => c.TextContent));
        Assert.NotNull(page.QuerySelector("#push-user-attr-favourite-colour[checked]"));
        var push = (await SettingsAsync(_host, dataset.Id)).GetProperty("push");
        Assert.Equal(0, push.GetProperty("userFields").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, push.GetProperty("infix").ValueKind);
    }

    [Fact]
    public async Task Save_InvalidInfix_ShowsMessageNextToInfixAndStoresNothing()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await SubmitAsync(session, PushPath(dataset.Id), Form, "save", f =>
        {
            f["Input.Infix"] = "9 lives";
            f["Input.NewUserAttribute"] = "plan";
        });

        var page = await ConsoleSession.ParseAsync(response);
        Assert.Contains("The infix becomes part of Salesforce field names", MessagesNear(page, "#push-infix", ".field"), StringComparison.Ordinal);
        var push = (await SettingsAsync(_host, dataset.Id)).GetProperty("push");
        Assert.Equal(0, push.GetProperty("userFields").GetArrayLength());
    }

    [Fact]
    public async Task Save_LeadCreationWithUserMapping_IsStored()
    {
        var dataset = await ConnectedDatasetAsync(_host);
        using var session = await ConsoleSession.SignInAsync(_host);
        using var response = await SubmitAsync(session, PushPath(dataset.Id), Form, "save", f =>
        {
            f["Input.CreateLeads"] = "true";
            f["Input.UserMapping"] = "jane@example.com = 005000000000001\n";
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var leads = (await SettingsAsync(_host, dataset.Id)).GetProperty("push").GetProperty("createLeads");
        Assert.True(leads.GetProperty("enabled").GetBoolean());
        Assert.Equal("005000000000001", leads.GetProperty("userMapping").GetProperty("jane@example.com").GetString());
    }
}
