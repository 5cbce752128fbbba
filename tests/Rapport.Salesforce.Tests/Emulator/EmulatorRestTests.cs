using System.Text.Json;
using Rapport.Salesforce.Bulk;
using Rapport.Salesforce.Diagnostics;
using Rapport.Salesforce.Querying;
using Rapport.Salesforce.Rest;
using Rapport.Salesforce.Tests.Support;
using Rapport.Salesforce.Tooling;

namespace Rapport.Salesforce.Tests.Emulator;

/// <summary>REST, collections, describe, Tooling and Bulk against the emulator over loopback HTTP.</summary>
public sealed class EmulatorRestTests : IAsyncLifetime
{
    private EmulatorHost _host = null!;
    private SalesforceClient _client = null!;

    private sealed record ContactRow(string Id, string LastName, string? Email);

    public async ValueTask InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync();
        _client = _host.PasswordClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private static Dictionary<string, object?> Contact(string lastName, string? email = null) =>
        new Dictionary<string, object?> { ["LastName"] = lastName, ["Email"] = email };

    [Fact]
    public async Task Query_Over2000Records_StreamsEveryPage()
    {
        var records = Enumerable.Range(0, 2_150).Select(i => Contact($"Paging{i:D4}", $"p{i}@example.com")).ToList();
        var created = await _client.Collections.CreateAsync("Contact", records, TestContext.Current.CancellationToken);
        Assert.All(created, r => Assert.True(r.Success, string.Join("; ", r.Errors)));
        Assert.Equal(11, _client.Calls.Snapshot()[SalesforceEndpointKind.Collections]);

        var pages = 0;
        var seen = new HashSet<string>();
        await foreach (var page in _client.QueryPagesAsync<ContactRow>(Soql.Format($"SELECT Id, LastName, Email FROM Contact WHERE LastName LIKE {"Paging%"}"),
            cancellationToken: TestContext.Current.CancellationToken))
        {
            pages++;
            Assert.Equal(2_150, page.TotalSize);
            foreach (var row in page.Records)
            {
                Assert.True(seen.Add(row.Id));
            }
        }

        Assert.Equal(2_150, seen.Count);
        Assert.True(pages >= 2, $"expected several pages, got {pages}");
    }

    [Fact]
    public async Task Collections_CreateAndUpdate_ReportPerRecordFailures()
    {
        var created = await _client.Collections.CreateAsync("Contact",
            [Contact("Alpha"), new Dictionary<string, object?> { ["FirstName"] = "NoLastName" }, Contact("Gamma")], TestContext.Current.CancellationToken);

        Assert.True(created[0].Success);
        Assert.False(created[1].Success);
        Assert.Equal("REQUIRED_FIELD_MISSING", created[1].Errors[0].ErrorCode);
        Assert.Contains("LastName", created[1].Errors[0].Fields);
        Assert.True(created[2].Success);

        var updated = await _client.Collections.UpdateAsync("Contact",
        [
            new Dictionary<string, object?> { ["Id"] = created[0].Id, ["Email"] = "alpha@example.com" },
            new Dictionary<string, object?> { ["Id"] = created[2].Id, ["LastName"] = null },
        ], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(updated[0].Success, string.Join("; ", updated[0].Errors));
        Assert.False(updated[1].Success);
        Assert.NotEmpty(updated[1].Errors[0].ErrorCode);
        var alpha = await _client.GetAsync<ContactRow>("Contact", created[0].Id!, ["Id", "LastName", "Email"], TestContext.Current.CancellationToken);
        Assert.Equal("alpha@example.com", alpha.Email);
    }

    [Fact]
    public async Task Describe_GlobalAndObject_AreReadAndCached()
    {
        var global = await _client.DescribeGlobalAsync(TestContext.Current.CancellationToken);
        var contact = await _client.DescribeAsync("Contact", TestContext.Current.CancellationToken);
        await _client.DescribeAsync("Contact", TestContext.Current.CancellationToken);

        Assert.Contains(global.SObjects, o => o.Name == "Contact" && o.Queryable);
        Assert.Equal("email", contact.Field("Email")!.Type);
        Assert.Equal(2, _client.Calls.Snapshot()[SalesforceEndpointKind.Describe]);
    }

    private async Task<string> ProfilePermissionSetAsync()
    {
        var tokens = await _client.GetTokensAsync(TestContext.Current.CancellationToken);
        var id = await _client.Tooling.FindProfilePermissionSetIdAsync(tokens.UserId!, TestContext.Current.CancellationToken);
        Assert.NotNull(id);
        return id;
    }

    [Fact]
    public async Task Tooling_CreatedField_IsHiddenUntilGrantedThenDescribedQueryableAndUpsertable()
    {
        await _client.Tooling.CreateCustomFieldAsync(new CustomFieldDefinition
        {
            FullName = "Contact.Rapport_Score__c", Label = "Rapport Score", Type = "Number", Precision = 18, Scale = 0,
        }, TestContext.Current.CancellationToken);
        await _client.Tooling.CreateCustomFieldAsync(new CustomFieldDefinition
        {
            FullName = "Contact.Rapport_Id__c", Label = "Rapport Id", Type = "Text", Length = 64, ExternalId = true,
        }, TestContext.Current.CancellationToken);
        // Documented: a field created through the Tooling API has no field permissions, even for admins.
        Assert.Null((await _client.DescribeAsync("Contact", TestContext.Current.CancellationToken)).Field("Rapport_Score__c"));

        var permissionSet = await ProfilePermissionSetAsync();
        await _client.Tooling.UpsertFieldPermissionsAsync(permissionSet, "Contact", "Rapport_Score__c", read: true, edit: true, TestContext.Current.CancellationToken);
        await _client.Tooling.UpsertFieldPermissionsAsync(permissionSet, "Contact", "Rapport_Id__c", read: true, edit: true, TestContext.Current.CancellationToken);
        _client.InvalidateDescribe("Contact");

        var contact = await _client.DescribeAsync("Contact", TestContext.Current.CancellationToken);
        Assert.Equal("double", contact.Field("Rapport_Score__c")!.Type);
        Assert.True(contact.Field("Rapport_Id__c")!.ExternalId);

        var upsert = await _client.UpsertAsync("Contact", "Rapport_Id__c", "user-1",
            new Dictionary<string, object?> { ["LastName"] = "Scored", ["Rapport_Score__c"] = 42 }, TestContext.Current.CancellationToken);
        Assert.True(upsert.Created);
        var again = await _client.UpsertAsync("Contact", "Rapport_Id__c", "user-1",
            new Dictionary<string, object?> { ["Rapport_Score__c"] = 43 }, TestContext.Current.CancellationToken);
        Assert.False(again.Created);

        var rows = new List<JsonElement>();
        await foreach (var row in _client.QueryAsync<JsonElement>(Soql.Format($"SELECT Id, Rapport_Score__c FROM Contact WHERE Rapport_Id__c = {"user-1"}"),
            cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }
        Assert.Equal(43, Assert.Single(rows).GetProperty("Rapport_Score__c").GetDouble());

        var tooling = new List<JsonElement>();
        await foreach (var row in _client.Tooling.QueryAsync<JsonElement>("SELECT Id, DeveloperName FROM CustomField WHERE DeveloperName = 'Rapport_Score'",
            TestContext.Current.CancellationToken))
        {
            tooling.Add(row);
        }
        Assert.Single(tooling);
    }

    [Fact]
    public async Task Tooling_FieldPermissions_UpsertCreatesThenUpdatesTheSameRow()
    {
        await _client.Tooling.CreateCustomFieldAsync(new CustomFieldDefinition
        {
            FullName = "Contact.Rapport_Segment__c", Label = "Rapport Segment", Type = "Text", Length = 80,
        }, TestContext.Current.CancellationToken);
        var permissionSet = await ProfilePermissionSetAsync();

        var first = await _client.Tooling.UpsertFieldPermissionsAsync(permissionSet, "Contact", "Rapport_Segment__c", read: true, edit: false, TestContext.Current.CancellationToken);
        var second = await _client.Tooling.UpsertFieldPermissionsAsync(permissionSet, "Contact", "Rapport_Segment__c", read: true, edit: true, TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        var created = await _client.Collections.CreateAsync("Contact",
            [new Dictionary<string, object?> { ["LastName"] = "Segmented", ["Rapport_Segment__c"] = "VIP" }], TestContext.Current.CancellationToken);
        Assert.True(created[0].Success, string.Join("; ", created[0].Errors));
    }

    [Fact]
    public async Task BulkIngest_InsertReportsSuccessfulAndFailedRows()
    {
        var result = await _client.Bulk.RunIngestAsync(new BulkIngestRequest
        {
            Object = "Contact",
            Operation = BulkOperation.Insert,
            Columns = ["LastName", "Email"],
            Rows = [["Bulk One", "one@example.com"], ["", "nolastname@example.com"], ["Bulk, \"Three\"", null]],
        }, TestContext.Current.CancellationToken);

        Assert.Equal("JobComplete", result.Job.State);
        Assert.Equal(2, result.Successful.Count);
        Assert.All(result.Successful, s => Assert.True(s.Created));
        var failed = Assert.Single(result.Failed);
        Assert.Equal("REQUIRED_FIELD_MISSING", failed.ErrorCode);

        var names = new List<string>();
        await foreach (var row in _client.Bulk.QueryAsync("SELECT Id, LastName FROM Contact WHERE LastName LIKE 'Bulk%'", cancellationToken: TestContext.Current.CancellationToken))
        {
            names.Add(row["LastName"]);
        }
        Assert.Contains("Bulk, \"Three\"", names);
    }
}
