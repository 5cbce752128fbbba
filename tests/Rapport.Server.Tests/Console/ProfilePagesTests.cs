using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Core.Events;
using Rapport.Data;
using Rapport.Data.Entities;
using Rapport.Data.EventLog;
using Rapport.Server.Console;
using Rapport.Server.Tests.Support;

namespace Rapport.Server.Tests.Console;

/// <summary>
/// The Profiles, Unified Customer Profile, Accounts and Account Details pages, filled through the
/// real tracking API (and, for Salesforce values, the same crm_update events and link rows a pull
/// writes), on each database by the derived classes.
/// </summary>
public abstract class ProfilePagesTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : HostFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProfilesPage_SearchByEmailStart_ListsOnlyThatProfileWithItsLink()
    {
        var (host, dataset) = await StartAsync();
        using var session = await ConsoleSession.SignInAsync(host);
        await host.SendOkAsync("/v1/batch", """
            {"batch":[
              {"type":"identify","userId":"u-ana","traits":{"email":"ana@acme.test","name":"Ana García"}},
              {"type":"identify","userId":"u-bob","traits":{"email":"bob@globex.test","name":"Bob Stone"}}
            ]}
            """, dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        var page = await session.GetPageAsync(ConsoleUrls.Dataset(dataset.Id, "profiles?q=ANA%40"));

        var row = Assert.Single(page.QuerySelectorAll("[data-testid=profile-row]"));
        Assert.Equal("u-ana", row.GetAttribute("data-profile-id"));
        var link = row.QuerySelector("[data-testid=profile-link]")!;
        Assert.Equal("Ana García", link.TextContent);
        Assert.Equal(ConsoleUrls.Profile(dataset.Id, "u-ana"), link.GetAttribute("href"));
        Assert.Equal("ANA@", page.QuerySelector("[data-testid=profile-search]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ProfilesPage_SearchByAnonymousIdStart_FindsTheAnonymousVisitor()
    {
        var (host, dataset) = await StartAsync();
        using var session = await ConsoleSession.SignInAsync(host);
        await host.SendOkAsync("/v1/page", """{"anonymousId":"a7f3c9e1-visitor","name":"Pricing"}""", dataset);
        await host.SendOkAsync("/v1/identify", """{"userId":"someone-else","traits":{"email":"other@example.test"}}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        var page = await session.GetPageAsync(ConsoleUrls.Dataset(dataset.Id, "profiles?q=a7f3c9"));

        var row = Assert.Single(page.QuerySelectorAll("[data-testid=profile-row]"));
        Assert.Equal("a7f3c9e1-visitor", row.GetAttribute("data-profile-id"));
        Assert.Contains("Anonymous visitor", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfilesPage_NothingMatches_SaysSo()
    {
        var (host, dataset) = await StartAsync();
        using var session = await ConsoleSession.SignInAsync(host);
        await host.SendOkAsync("/v1/identify", """{"userId":"u-1","traits":{"email":"one@example.test"}}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        var page = await session.GetPageAsync(ConsoleUrls.Dataset(dataset.Id, "profiles?q=zebra"));

        Assert.Empty(page.QuerySelectorAll("[data-testid=profile-row]"));
        Assert.Equal("No profile matches \"zebra\".", page.QuerySelector("[data-testid=profile-results-empty]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ProfilePage_SalesforcePulledValueAndLinkedContact_ShowsSalesforceSourceAndRecordLink()
    {
        var (host, dataset) = await StartAsync();
        using var session = await ConsoleSession.SignInAsync(host);
        await host.SendOkAsync("/v1/identify", """{"userId":"u-sf","traits":{"email":"sf@acme.test","plan":"pro"}}""", dataset);
        await host.WaitForProcessingAsync(dataset.Id);
        // What a pull writes: a crm_update event with the mapped values, and the link to the record.
        await AppendCrmUpdateAsync(host, dataset.Id, "u-sf", """{"source":"salesforce","traits":{"title":"VP Marketing"}}""");
        await LinkAsync(host, dataset.Id, CrmProfileKind.User, "u-sf", "Contact", "003000000000001AAA");
        await host.WaitForProcessingAsync(dataset.Id);

        var page = await session.GetPageAsync(ConsoleUrls.Profile(dataset.Id, "u-sf"));

        Assert.Equal("Unified Customer Profile", page.QuerySelector("h1")!.TextContent);
        var title = AttributeRow(page, "title");
        Assert.Equal("title (Salesforce)", Normalize(title.QuerySelector("th")!.TextContent));
        Assert.Equal("VP Marketing", title.QuerySelector("[data-testid=attribute-value]")!.TextContent);
        Assert.Equal("Salesforce", title.QuerySelector("[data-testid=attribute-source]")!.TextContent);
        var plan = AttributeRow(page, "plan");
        Assert.Equal("plan", Normalize(plan.QuerySelector("th")!.TextContent));
        Assert.Equal("Tracking", plan.QuerySelector("[data-testid=attribute-source]")!.TextContent);
        var record = Assert.Single(page.QuerySelectorAll("[data-testid=salesforce-record]"));
        Assert.Equal("Contact", record.GetAttribute("data-object-type"));
        var link = record.QuerySelector("[data-testid=salesforce-record-link]")!;
        Assert.Equal("https://acme.my.salesforce.com/003000000000001AAA", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Fact]
    public async Task ProfilePage_TrackedActivity_ShowsNpsAccountAndOneChartBarPerActiveDay()
    {
        var (host, dataset) = await StartAsync("America/New_York");
        using var session = await ConsoleSession.SignInAsync(host);
        var now = DateTimeOffset.UtcNow;
        var times = new[] { now.AddDays(-40), now.AddDays(-3), now.AddDays(-3).AddMinutes(-5), now.AddMinutes(-2), now.AddMinutes(-1), now };
        await host.SendOkAsync("/v1/batch", JsonSerializer.Serialize(new
        {
            batch = new object[]
            {
                new { type = "identify", userId = "u-nps", traits = new { email = "nps@acme.test" }, timestamp = times[0] },
                new { type = "track", userId = "u-nps", @event = "Report Viewed", properties = new { report = "Pipeline" }, timestamp = times[1] },
                new { type = "track", userId = "u-nps", @event = "Report Viewed", properties = new { report = "Churn" }, timestamp = times[2] },
                new { type = "group", userId = "u-nps", groupId = "acme", traits = new { name = "Acme Corp" }, timestamp = times[3] },
                new { type = "track", userId = "u-nps", @event = "nps_score", properties = new { score = 9 }, timestamp = times[4] },
                new { type = "track", userId = "u-nps", @event = "nps_feedback", properties = new { feedback = "Love the reports" }, timestamp = times[5] },
            },
        }), dataset);
        await host.WaitForProcessingAsync(dataset.Id);

        var page = await session.GetPageAsync(ConsoleUrls.Profile(dataset.Id, "u-nps"));

        Assert.Equal("9", page.QuerySelector("[data-testid=nps-score]")!.TextContent);
        Assert.Equal("Love the reports", page.QuerySelector("[data-testid=nps-feedback]")!.TextContent);
        var account = Assert.Single(page.QuerySelectorAll("[data-testid=profile-account-link]"));
        Assert.Equal("Acme Corp", account.TextContent);
        Assert.Equal(ConsoleUrls.Account(dataset.Id, "acme"), account.GetAttribute("href"));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var expected = times.GroupBy(t => TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var bars = page.QuerySelectorAll("[data-testid=engagement-chart] [data-testid=engagement-bar]")
            .ToDictionary(b => b.GetAttribute("data-day")!, b => b.GetAttribute("data-events")!);
        Assert.Equal(expected.OrderBy(p => p.Key), bars.OrderBy(p => p.Key));
        Assert.NotNull(page.QuerySelector("[data-testid=engagement-chart] > title"));
        Assert.Contains("6 events on 3 days of the last 90", page.QuerySelector("[data-testid=engagement-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("[data-testid=event-row]"), r => r.TextContent.Contains("report: Churn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProfilePage_IdWithSpaceSlashAndAccents_Opens()
    {
        var (host, dataset) = await StartAsync();
        using var session = await ConsoleSession.SignInAsync(host);
        const string userId = "ana maría/ü 1+x";
        await host.SendOkAsync("/v1/identify", JsonSerializer.Serialize(new { userId, traits = new { name = "Ana María" } }), dataset);
        await host.WaitForProcessingAsync(dataset.Id);
        var list = await session.GetPageAsync(ConsoleUrls.Dataset(dataset.Id, "profiles?q=ana"));
        var href = list.QuerySelector("[data-testid=profile-link]")!.GetAttribute("href")!;

        var page = await session.GetPageAsync(href);

        Assert.Equal(userId, page.QuerySelector("[data-testid=identity-user-id]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ProfilePage_UnknownId_Is404WithAReadableMessage()
    {
        var (host, dataset) = await StartAsync();
        using var session = await ConsoleSession.SignInAsync(host);

        var page = await session.GetPageAsync(ConsoleUrls.Profile(dataset.Id, "nobody here"), HttpStatusCode.NotFound);

        Assert.Equal("Profile not found", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("nobody here", page.QuerySelector("[data-testid=profile-not-found]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsAndAccountPage_GroupedMembers_ListMembersWithLinksAndTheLinkedAccount()
    {
        var (host, dataset) = await StartAsync();
        using var session = await ConsoleSession.SignInAsync(host);
        const string groupId = "acme/emea ü";
        await host.SendOkAsync("/v1/batch", JsonSerializer.Serialize(new
        {
            batch = new object[]
            {
                new { type = "identify", userId = "m-1", traits = new { name = "Mia One" } },
                new { type = "group", userId = "m-1", groupId, traits = new { name = "Acme EMEA", industry = "Retail" } },
                new { type = "group", userId = "m-2", groupId },
                new { type = "group", userId = "m-3", groupId = "other-co", traits = new { name = "Other Co" } },
            },
        }), dataset);
        await host.WaitForProcessingAsync(dataset.Id);
        await LinkAsync(host, dataset.Id, CrmProfileKind.Account, groupId, "Account", "001000000000009AAA");

        var list = await session.GetPageAsync(ConsoleUrls.Dataset(dataset.Id, "accounts?q=emea"));
        var row = Assert.Single(list.QuerySelectorAll("[data-testid=account-row]"));
        Assert.Equal("2", row.QuerySelector("[data-testid=account-member-count]")!.TextContent);
        var page = await session.GetPageAsync(row.QuerySelector("[data-testid=account-link]")!.GetAttribute("href")!);

        Assert.Equal("Account Details", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Acme EMEA", page.QuerySelector("[data-testid=account-name]")!.TextContent);
        Assert.Equal("Retail", AttributeRow(page, "industry").QuerySelector("[data-testid=attribute-value]")!.TextContent);
        var members = page.QuerySelectorAll("[data-testid=member-row]").ToDictionary(r => r.GetAttribute("data-profile-id")!,
            r => r.QuerySelector("[data-testid=member-link]")!.GetAttribute("href"));
        Assert.Equal(new Dictionary<string, string?>
        {
            ["m-1"] = ConsoleUrls.Profile(dataset.Id, "m-1"),
            ["m-2"] = ConsoleUrls.Profile(dataset.Id, "m-2"),
        }, members);
        Assert.Equal("https://acme.my.salesforce.com/001000000000009AAA",
            page.QuerySelector("[data-testid=salesforce-record-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AccountPage_UnknownId_Is404WithAReadableMessage()
    {
        var (host, dataset) = await StartAsync();
        using var session = await ConsoleSession.SignInAsync(host);

        var page = await session.GetPageAsync(ConsoleUrls.Account(dataset.Id, "no-such-group"), HttpStatusCode.NotFound);

        Assert.Equal("Account not found", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("no-such-group", page.QuerySelector("[data-testid=account-not-found]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProfilesPage_UnknownDataset_Is404WithAReadableMessage()
    {
        var host = await fixture.GetAsync(Ct);
        using var session = await ConsoleSession.SignInAsync(host);

        var page = await session.GetPageAsync(ConsoleUrls.Dataset("no-such-dataset", "profiles"), HttpStatusCode.NotFound);

        Assert.Equal("Dataset not found", page.QuerySelector("h1")!.TextContent);
    }

    private async Task<(RapportTestHost Host, TestDataset Dataset)> StartAsync(string? timeZone = null)
    {
        var host = await fixture.GetAsync(Ct);
        return (host, await host.CreateDatasetAsync(timeZone: timeZone));
    }

    private static IElement AttributeRow(IDocument page, string name)
        => page.QuerySelectorAll("[data-testid=attribute-row]").Single(r => r.GetAttribute("data-attribute") == name);

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task AppendCrmUpdateAsync(RapportTestHost host, string datasetId, string userId, string payload)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await host.Services.GetRequiredService<IEventLog>().AppendAsync([new LoggedEvent
        {
            DatasetId = datasetId,
            MessageId = "sf:test:" + Guid.NewGuid().ToString("N"),
            Type = EventType.CrmUpdate,
            UserId = userId,
            TimestampMs = now,
            ReceivedAtMs = now,
            Payload = System.Text.Encoding.UTF8.GetBytes(payload),
        }], Ct);
    }

    /// <summary>A connected Salesforce connection for the dataset (once) and a link from the profile or account to a record.</summary>
    private static async Task LinkAsync(RapportTestHost host, string datasetId, CrmProfileKind kind, string key, string objectType, string recordId)
    {
        var contexts = host.Services.GetRequiredService<IDbContextFactory<RapportDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        var connection = await db.SalesforceConnections.SingleOrDefaultAsync(c => c.DatasetId == datasetId, Ct);
        if (connection is null)
        {
            connection = new SalesforceConnectionEntity
            {
                Id = Guid.NewGuid().ToString("N"),
                DatasetId = datasetId,
                ConsumerKey = "test-consumer-key",
                InstanceUrl = "https://acme.my.salesforce.com",
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
            db.SalesforceConnections.Add(connection);
        }
        db.CrmLinks.Add(new CrmLinkEntity
        {
            ConnectionId = connection.Id,
            ObjectType = objectType,
            RecordId = recordId,
            ProfileKind = kind,
            ProfileKey = key,
            RecordCreatedAt = DateTime.UtcNow.AddDays(-30),
            LinkedAt = DateTime.UtcNow,
            LastSyncedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class ProfilePagesSqliteTests(SqliteHostFixture fixture) : ProfilePagesTests<SqliteHostFixture>(fixture);

public sealed class ProfilePagesPostgresTests(PostgresHostFixture fixture) : ProfilePagesTests<PostgresHostFixture>(fixture);
