using Microsoft.Extensions.DependencyInjection;
using Rapport.Data.Storage;
using Rapport.Sync.Connectors;
using Rapport.Sync.Matching;
using Rapport.Sync.Pull;
using Rapport.Sync.Settings;
using static Rapport.Sync.Tests.Pull.PullTestKit;

namespace Rapport.Sync.Tests.Pull;

public class PullStageIncrementalTests
{
    [Fact]
    public async Task RunAsync_FirstRun_PassesFieldsAndDateFiltersToTheReader()
    {
        await using var kit = await CreateAsync();
        var contact = ContactType(new MatchField("Customer_Key__c", "customerKey")) with { CreatedWithinDays = 30, ModifiedWithinDays = 7 };

        await kit.RunAsync(Config(null, AccountType(), contact));

        Assert.Equal(["Contact", "Account"], kit.Reader.Requests.Select(r => r.ObjectType));
        var request = kit.Reader.Requests[0];
        Assert.Equal(Now.AddDays(-30), request.CreatedAfter);
        Assert.Equal(Now.AddDays(-7), request.ModifiedAfter);
        Assert.Null(request.ModstampFrom);
        Assert.False(request.IncludeDeleted);
        Assert.Equal(["AccountId", "Customer_Key__c", "Email", "FirstName", "Name", "Title"], request.Fields.Order(StringComparer.Ordinal));
        Assert.Equal(["Industry", "Name"], kit.Reader.Requests[1].Fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_SecondRunWithoutChanges_ReadsFromTheCursorAndWritesNoEvents()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com" });
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("Title", "CTO")));
        await kit.RunAsync(Config());
        var events = await kit.CrmEventCountAsync();

        var second = await kit.RunAsync(Config());

        var request = kit.Reader.Requests[^1];
        Assert.Equal(Modified, request.ModstampFrom);
        Assert.Equal(Modified - PullStage.Overlap, request.OverlapFrom);
        Assert.True(request.IncludeDeleted);
        Assert.Equal(1, events);
        Assert.Equal(events, await kit.CrmEventCountAsync());
        var stats = second.For("pull", "Contact");
        Assert.Equal((1, 1, 0), (stats.Read, stats.Unchanged, stats.Updated));
    }

    [Fact]
    public async Task RunAsync_RecordChangesOneField_SendsOnlyThatField()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com" });
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("Title", "CTO"), ("FirstName", "Ada")));
        await kit.RunAsync(Config());

        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("Title", "CEO"), ("FirstName", "Ada")) with { Modstamp = Modified.AddDays(1) });
        var second = await kit.RunAsync(Config());

        Assert.Equal("CEO", (await kit.AttributeAsync("u1", "title"))?.Value);
        Assert.Equal(1, second.For("pull", "Contact").Updated);
        Assert.Equal(2, await kit.CrmEventCountAsync());
        Assert.Contains("\"Title\":\"CEO\"", Assert.Single(await kit.LinksAsync()).PulledValues, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_RecordDeleted_LinkReleased()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com" });
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("Title", "CTO")));
        await kit.RunAsync(Config());

        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com")) with { Modstamp = Modified.AddDays(1), IsDeleted = true });
        await kit.RunAsync(Config());

        Assert.True(Assert.Single(await kit.LinksAsync()).Deleted);
    }

    [Fact]
    public async Task RunAsync_ReaderFailsAfterFirstPage_CursorKeepsThatPageAndNextRunResumes()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "a@example.com" });
        await kit.IdentifyAsync("u2", new { email = "b@example.com" });
        kit.Reader.PageSize = 1;
        kit.Reader.Put("Contact",
            Contact("003A", ("Email", "a@example.com"), ("Title", "first")),
            Contact("003B", ("Email", "b@example.com"), ("Title", "second")) with { Modstamp = Modified.AddDays(10) });
        kit.Reader.FailAfter = (1, new CrmException(CrmFailureKind.RequestLimitExceeded, "limit", "REQUEST_LIMIT_EXCEEDED"));

        await Assert.ThrowsAsync<CrmException>(() => kit.RunAsync(Config()));
        kit.Reader.FailAfter = null;
        await kit.RunAsync(Config());

        Assert.Equal(Modified, kit.Reader.Requests[^1].ModstampFrom);
        Assert.Equal(Modified - PullStage.Overlap, kit.Reader.Requests[^1].OverlapFrom);
        Assert.Equal("first", (await kit.AttributeAsync("u1", "title"))?.Value);
        Assert.Equal("second", (await kit.AttributeAsync("u2", "title"))?.Value);
    }

    [Fact]
    public async Task RunAsync_UpdateMatchedOnly_UnmatchedRecordCreatesNoProfile()
    {
        await using var kit = await CreateAsync();
        kit.Reader.Put("Contact", Contact("003A", ("Email", "new@example.com"), ("Title", "CTO")));

        var run = await kit.RunAsync(Config());

        Assert.Null(await kit.ProfileAsync("new@example.com"));
        Assert.Empty(await kit.LinksAsync());
        Assert.Equal((1, 0, 0), (run.For("pull", "Contact").Read, run.For("pull", "Contact").Matched, run.For("pull", "Contact").Created));
    }

    [Fact]
    public async Task RunAsync_CreateMissing_UnmatchedRecordCreatesProfileWithItsUserId()
    {
        await using var kit = await CreateAsync();
        kit.Reader.Put("Contact", Contact("003A", ("Email", "new@example.com"), ("Title", "CTO")));

        var run = await kit.RunAsync(Config(new PullSettings { Mode = PullMode.CreateMissing }));

        Assert.Equal(("CTO", "salesforce"), await kit.AttributeAsync("new@example.com", "title"));
        Assert.Equal("new@example.com", Assert.Single(await kit.LinksAsync()).ProfileKey);
        Assert.Equal(1, run.For("pull", "Contact").Created);
    }

    [Fact]
    public async Task RunAsync_PulledValues_SurviveARebuildFromTheLog()
    {
        await using var kit = await CreateAsync();
        await kit.IdentifyAsync("u1", new { email = "ada@example.com" });
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("Title", "CTO")));
        await kit.RunAsync(Config());

        await kit.Db.Services.GetRequiredService<DatasetStore>().ResetDerivedDataAsync(kit.Db.DatasetId, TestContext.Current.CancellationToken);
        Assert.Null(await kit.ProfileAsync("u1"));
        await kit.Db.Processor.CatchUpAsync(kit.Db.DatasetId, TestContext.Current.CancellationToken);

        Assert.Equal(("CTO", "salesforce"), await kit.AttributeAsync("u1", "title"));
    }

    [Fact]
    public async Task RunAsync_TrackingChangeLaterThanTheRecord_KeepsTheTrackedValue()
    {
        await using var kit = await CreateAsync();
        await kit.Db.TrackAsync(kit.Db.Identify("u1", new { email = "ada@example.com", title = "Tracked" }, Modified.AddDays(1)));
        kit.Reader.Put("Contact", Contact("003A", ("Email", "ada@example.com"), ("Title", "From CRM"), ("FirstName", "Ada")));

        await kit.RunAsync(Config());

        Assert.Equal(("Tracked", "tracking"), await kit.AttributeAsync("u1", "title"));
        Assert.Equal(("Ada", "salesforce"), await kit.AttributeAsync("u1", "firstName"));
    }
}
