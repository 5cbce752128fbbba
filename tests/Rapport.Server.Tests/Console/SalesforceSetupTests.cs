using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Server.Tests.Integrations;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Console;

/// <summary>
/// Integrations → Salesforce → Setup, through the real forms, against the emulator over loopback
/// (the OAuth round trip included: authorize page, auto-approval, Rapport's callback, back to the page).
/// </summary>
public sealed class SalesforceSetupTests(SqliteSalesforceConnectionFixture fixture) : IClassFixture<SqliteSalesforceConnectionFixture>
{
    private const string Secret = SalesforceConnectionFixture.ConsumerSecret;

    [Fact]
    public async Task SetupPage_NoConnection_ShowsNotConnectedAndTheCallbackUrlToCopy()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);

        var page = await session.GetPageAsync(SetupPath(dataset.Id));

        Assert.Equal("Salesforce setup", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Not connected", page.QuerySelector("[data-testid=sf-state]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=sf-not-connected]"));
        Assert.Equal(SalesforceConnectionFixture.Callback, page.QuerySelector("#sf-callback-url")!.GetAttribute("value"));
        Assert.Equal("#sf-callback-url", page.QuerySelector("#sf-copy-callback")!.GetAttribute("data-copy"));
        Assert.NotNull(page.QuerySelector("#sf-establish"));
        Assert.Null(page.QuerySelector("#sf-sync-now"));
    }

    [Fact]
    public async Task SaveSettings_NoConsumerKey_ShowsErrorNextToKeyAndStoresNothing()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);

        using var response = await PostSettingsAsync(session, dataset.Id, key: "", secret: Secret, loginHost: "", action: "save");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ConsoleSession.ParseAsync(response);
        Assert.Contains("Consumer Key", MessageAfter(page, "#sf-consumer-key"), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Null(await RowOrNullAsync(dataset.Id));
    }

    [Fact]
    public async Task SaveSettings_BadLoginHost_ShowsErrorNextToLoginHostAndStoresNothing()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);

        using var response = await PostSettingsAsync(session, dataset.Id, key: "3MVG9key", secret: Secret, loginHost: "not a host/", action: "save");

        var page = await ConsoleSession.ParseAsync(response);
        Assert.Contains("not a host/", MessageAfter(page, "#sf-login-host"), StringComparison.Ordinal);
        Assert.Equal("3MVG9key", page.QuerySelector("#sf-consumer-key")!.GetAttribute("value"));
        Assert.Null(await RowOrNullAsync(dataset.Id));
    }

    [Fact]
    public async Task SaveSettings_EverythingWrong_ShowsAnErrorNextToEachField()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);

        using var response = await PostSettingsAsync(session, dataset.Id, key: "has space", secret: "", loginHost: "ftp://nowhere", action: "connect");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ConsoleSession.ParseAsync(response);
        Assert.Contains("Consumer Key", MessageAfter(page, "#sf-consumer-key"), StringComparison.Ordinal);
        Assert.Contains("Consumer Secret", MessageAfter(page, "#sf-consumer-secret"), StringComparison.Ordinal);
        Assert.Contains("ftp://nowhere", MessageAfter(page, "#sf-login-host"), StringComparison.Ordinal);
        Assert.Null(await RowOrNullAsync(dataset.Id));
    }

    [Fact]
    public async Task IntegrationUser_RightCredentials_ConnectsAndShowsOrgAndUser()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);
        using (var saved = await PostSettingsAsync(session, dataset.Id, SalesforceConnectionFixture.ConsumerKey, Secret, fixture.EmulatorUrl.ToString(), "save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var response = await PostLoginAsync(session, dataset.Id, SalesforceConnectionFixture.SecurityToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await fixture.RowAsync(dataset.Id);
        Assert.Equal(SalesforceAuthFlow.Password, row.AuthFlow);
        var page = await session.GetPageAsync(SetupPath(dataset.Id));
        Assert.Equal(row.OrganizationId, page.QuerySelector("#sf-org")!.TextContent.Trim());
        Assert.Equal(SalesforceConnectionFixture.Username, page.QuerySelector("#sf-user")!.TextContent.Trim());
        Assert.DoesNotContain(SalesforceConnectionFixture.Password, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntegrationUser_WrongSecurityToken_ShowsFailureClassAndRemedyWithoutEchoingThePassword()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);
        using (var saved = await PostSettingsAsync(session, dataset.Id, SalesforceConnectionFixture.ConsumerKey, Secret, fixture.EmulatorUrl.ToString(), "save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var response = await PostLoginAsync(session, dataset.Id, "WRONG");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ConsoleSession.ParseAsync(response);
        var notice = page.QuerySelector("[data-testid=sf-notice]")!;
        Assert.Equal("authentication_failure", notice.QuerySelector("[data-testid=sf-notice-code]")!.TextContent);
        Assert.Contains("Reset My Security Token", notice.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(SalesforceConnectionFixture.Password, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("Not connected", page.QuerySelector("[data-testid=sf-state]")!.TextContent.Trim());
    }

    [Fact]
    public async Task CheckConnection_Connected_ShowsApiVersionAndRemainingApiCalls()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);
        await ConnectAsync(session, dataset.Id);

        using var response = await session.PostFormAsync(SetupPath(dataset.Id), "salesforce-check", []);

        var page = await ConsoleSession.ParseAsync(response);
        Assert.Equal("v62.0", page.QuerySelector("#sf-api-version")!.TextContent.Trim());
        Assert.Matches(@"^[\d,]+ of [\d,]+ today$", page.QuerySelector("#sf-remaining-calls")!.TextContent.Trim());
        Assert.Contains("OK", page.QuerySelector("[data-testid=sf-last-check]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveSettings_Valid_StoresThemAndShowsTheSecretOnlyAsSet()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);

        using var response = await PostSettingsAsync(session, dataset.Id, key: "3MVG9saved", secret: "very-secret-value-42", loginHost: "", action: "save", sandbox: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await session.GetPageAsync(SetupPath(dataset.Id) + "?notice=saved");
        Assert.DoesNotContain("very-secret-value-42", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("set", page.QuerySelector("[data-testid=sf-secret-state]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#sf-consumer-secret")!.GetAttribute("value"));
        Assert.Equal("3MVG9saved", page.QuerySelector("#sf-consumer-key")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("#sf-sandbox")!.HasAttribute("checked"));
        var row = await RowOrNullAsync(dataset.Id);
        Assert.NotNull(row);
        Assert.True(row.Sandbox);
        Assert.NotNull(row.ConsumerSecretProtected);
        Assert.DoesNotContain("very-secret-value-42", row.ConsumerSecretProtected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EstablishConnection_OAuthRoundTrip_EndsBackOnSetupPageShowingOrgUserAndRemainingCalls()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);

        var page = await ConnectAsync(session, dataset.Id);

        var row = await fixture.RowAsync(dataset.Id);
        Assert.Contains("Salesforce connected", page.QuerySelector("[data-testid=sf-notice]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(row.OrganizationId, page.QuerySelector("#sf-org")!.TextContent.Trim());
        Assert.StartsWith("00D", row.OrganizationId, StringComparison.Ordinal);
        Assert.Equal(SalesforceConnectionFixture.Username, page.QuerySelector("#sf-user")!.TextContent.Trim());
        Assert.Equal("Paused", page.QuerySelector("[data-testid=sf-state]")!.TextContent.Trim());
        Assert.Matches(@"^[\d,]+ of [\d,]+ today$", page.QuerySelector("#sf-remaining-calls")!.TextContent.Trim());
    }

    [Fact]
    public async Task Callback_ConsoleStartedButDenied_ReturnsToSetupPageWithFailureAndRemedy()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);
        using var start = await PostSettingsAsync(session, dataset.Id, SalesforceConnectionFixture.ConsumerKey, Secret, fixture.EmulatorUrl.ToString(), "connect");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);

        var callback = await fixture.DenyAsync(start.Headers.Location!);
        using var back = await session.Client.GetAsync(callback.PathAndQuery, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var page = await session.GetPageAsync(back.Headers.Location!.OriginalString.TrimStart('/'));
        var notice = page.QuerySelector("[data-testid=sf-notice]")!;
        Assert.Equal("access_denied", notice.QuerySelector("[data-testid=sf-notice-code]")!.TextContent);
        Assert.Contains("All users may self-authorize", notice.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateButtons_UnpausePauseDeactivate_ChangeTheStoredAndShownState()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);
        await ConnectAsync(session, dataset.Id);

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(SetupPath(dataset.Id), "salesforce-unpause", [])).StatusCode);
        Assert.Equal(SalesforceConnectionState.Active, (await fixture.RowAsync(dataset.Id)).State);
        Assert.Equal("Active", (await StateShownAsync(session, dataset.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(SetupPath(dataset.Id), "salesforce-pause", [])).StatusCode);
        Assert.Equal(SalesforceConnectionState.Paused, (await fixture.RowAsync(dataset.Id)).State);
        Assert.Equal("Paused", (await StateShownAsync(session, dataset.Id)));

        var page = await session.GetPageAsync(SetupPath(dataset.Id));
        Assert.NotNull(page.QuerySelector("form[data-confirm] #sf-deactivate"));
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync(SetupPath(dataset.Id), "salesforce-deactivate", [])).StatusCode);
        var row = await fixture.RowAsync(dataset.Id);
        Assert.Equal(SalesforceConnectionState.Deactivated, row.State);
        Assert.Null(row.AccessTokenProtected);
        Assert.Equal("Deactivated", (await StateShownAsync(session, dataset.Id)));
    }

    [Fact]
    public async Task SynchronizeNow_Connected_StartsARunThatAppearsInHistoryAndTheStatusLine()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);
        await ConnectAsync(session, dataset.Id);

        using var response = await session.PostFormAsync(SetupPath(dataset.Id), "salesforce-sync", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var run = await WaitForFinishedRunAsync(dataset.Id);
        var history = await session.GetPageAsync($"datasets/{dataset.Id}/salesforce/history");
        var row = Assert.Single(history.QuerySelectorAll("[data-testid=sf-run-row]"));
        Assert.Equal(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.GetAttribute("data-run-id"));
        Assert.Equal("Synchronize now", row.QuerySelector("[data-testid=sf-run-trigger]")!.TextContent);
        var setup = await session.GetPageAsync(SetupPath(dataset.Id));
        Assert.Contains("Last synchronized", setup.QuerySelector("#sf-last-sync")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Rapport.Server.Sync.SyncRunMapper.Word(run.Status), setup.QuerySelector("[data-testid=sf-last-sync-status]")!.TextContent);
    }

    [Fact]
    public async Task SynchronizeNow_NotEstablished_ShowsWhyAndStartsNothing()
    {
        var dataset = await fixture.Rapport.CreateDatasetAsync();
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);
        using (var saved = await PostSettingsAsync(session, dataset.Id, "3MVG9only", Secret, "", "save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var response = await session.PostFormAsync(SetupPath(dataset.Id), "salesforce-sync", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ConsoleSession.ParseAsync(response);
        Assert.Contains("not established", page.QuerySelector("[data-testid=sf-notice]")!.TextContent, StringComparison.Ordinal);
        await using var db = await Contexts().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(await db.SyncRuns.AnyAsync(r => r.DatasetId == dataset.Id, TestContext.Current.CancellationToken));
    }

    internal static string SetupPath(string datasetId) => $"datasets/{datasetId}/salesforce/setup";

    /// <summary>Saves the emulator's connected app and clicks Establish connection, then follows the browser round trip back to the setup page.</summary>
    internal static async Task<IDocument> ConnectAsync(ConsoleSession session, string datasetId, SalesforceConnectionFixture fixture)
    {
        using var start = await PostSettingsAsync(session, datasetId, SalesforceConnectionFixture.ConsumerKey, Secret, fixture.EmulatorUrl.ToString(), "connect");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(fixture.EmulatorUrl.ToString().TrimEnd('/') + "/services/oauth2/authorize", authorize.ToString(), StringComparison.Ordinal);
        var callback = await fixture.ApproveAsync(authorize);
        Assert.StartsWith(SalesforceConnectionFixture.Callback, callback.ToString(), StringComparison.Ordinal);
        using var back = await session.Client.GetAsync(callback.PathAndQuery, TestContext.Current.CancellationToken);
        Assert.True(back.StatusCode == HttpStatusCode.Redirect, await back.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var location = back.Headers.Location!.OriginalString;
        Assert.Equal($"/{SetupPath(datasetId)}?oauth=connected", location);
        return await session.GetPageAsync(location.TrimStart('/'));
    }

    private Task<IDocument> ConnectAsync(ConsoleSession session, string datasetId) => ConnectAsync(session, datasetId, fixture);

    private static Task<HttpResponseMessage> PostSettingsAsync(
        ConsoleSession session, string datasetId, string key, string secret, string loginHost, string action, bool sandbox = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Settings.ConsumerKey"] = key, ["Settings.ConsumerSecret"] = secret, ["Settings.LoginHost"] = loginHost, ["Settings.Action"] = action,
        };
        if (sandbox)
        {
            fields["Settings.Sandbox"] = "true";
        }
        return session.PostFormAsync(SetupPath(datasetId), "salesforce-settings", fields);
    }

    private static Task<HttpResponseMessage> PostLoginAsync(ConsoleSession session, string datasetId, string securityToken)
        => session.PostFormAsync(SetupPath(datasetId), "salesforce-password", new()
        {
            ["Login.Username"] = SalesforceConnectionFixture.Username, ["Login.Password"] = SalesforceConnectionFixture.Password,
            ["Login.SecurityToken"] = securityToken,
        });

    private static string MessageAfter(IDocument page, string inputSelector)
        => string.Join(" ", page.QuerySelector(inputSelector)!.Closest(".field")!.QuerySelectorAll(".validation-message").Select(m => m.TextContent));

    private static async Task<string> StateShownAsync(ConsoleSession session, string datasetId)
        => (await session.GetPageAsync(SetupPath(datasetId))).QuerySelector("[data-testid=sf-state]")!.TextContent.Trim();

    private IDbContextFactory<RapportDbContext> Contexts() => fixture.Rapport.Services.GetRequiredService<IDbContextFactory<RapportDbContext>>();

    private async Task<SalesforceConnectionEntity?> RowOrNullAsync(string datasetId)
    {
        await using var db = await Contexts().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.SalesforceConnections.AsNoTracking().SingleOrDefaultAsync(c => c.DatasetId == datasetId, TestContext.Current.CancellationToken);
    }

    private async Task<SyncRunEntity> WaitForFinishedRunAsync(string datasetId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var db = await Contexts().CreateDbContextAsync(timeout.Token))
            {
                var run = await db.SyncRuns.AsNoTracking().Where(r => r.DatasetId == datasetId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(timeout.Token);
                if (run is not null && run.Status != SyncRunStatus.Running)
                {
                    return run;
                }
            }
            await Task.Delay(50, timeout.Token);
        }
    }
}
