using System.Net;
using Rapport.SalesforceEmulator.Data;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Tooling;

/// <summary>
/// Tooling API custom fields and field-level security: a new field stays invisible (describe, SOQL,
/// writes) until a FieldPermissions record grants it, as in a real org; non-admins get INSUFFICIENT_ACCESS.
/// </summary>
public sealed class CustomFieldTests : IAsyncLifetime
{
    private EmulatorServer _server = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync();
        _admin = await _server.ClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _server.DisposeAsync();
    }

    private Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> CreateFieldAsync(string fullName, object metadata) =>
        _admin.PostJsonAsync("tooling/sobjects/CustomField", new { FullName = fullName, Metadata = metadata });

    private async Task GrantAsync(string field, bool edit = true) =>
        await _admin.CreateAsync("FieldPermissions", new
        {
            ParentId = OrgDefaults.ProfilePermissionSetId(admin: true),
            SobjectType = field.Split('.')[0],
            Field = field,
            PermissionsRead = true,
            PermissionsEdit = edit,
        });

    [Fact]
    public async Task Create_NumberField_Returns201ToolingSaveResult()
    {
        var (status, body) = await CreateFieldAsync("Contact.Rapport_Score__c", new { type = "Number", label = "Rapport Score", precision = 18, scale = 0 });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.StartsWith("00N", body.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task NewField_WithoutFieldPermission_IsHiddenFromDescribeAndSoql()
    {
        await CreateFieldAsync("Contact.Hidden_Score__c", new { type = "Number", label = "Hidden", precision = 10, scale = 2 });

        var (_, describe) = await _admin.GetJsonAsync("sobjects/Contact/describe");
        var (status, query) = await _admin.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Hidden_Score__c FROM Contact"));
        var (writeStatus, write) = await _admin.PostJsonAsync("sobjects/Contact", new Dictionary<string, object> { ["LastName"] = "x", ["Hidden_Score__c"] = 1 });

        Assert.DoesNotContain(describe.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "Hidden_Score__c");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FIELD", query.ErrorCode());
        Assert.Equal(HttpStatusCode.BadRequest, writeStatus);
        Assert.Equal("INVALID_FIELD", write.ErrorCode());
    }

    [Fact]
    public async Task NewField_AfterFieldPermissionGrant_IsDescribedWritableAndQueryable()
    {
        await CreateFieldAsync("Contact.Rapport_Segment__c", new { type = "Text", label = "Rapport Segment", length = 100 });
        await GrantAsync("Contact.Rapport_Segment__c");

        var (_, describe) = await _admin.GetJsonAsync("sobjects/Contact/describe");
        var id = await _admin.CreateAsync("Contact", new Dictionary<string, object> { ["LastName"] = "Segmented", ["Rapport_Segment__c"] = "VIP" });
        var (_, query) = await _admin.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Id, Rapport_Segment__c FROM Contact WHERE Rapport_Segment__c = 'VIP'"));

        var field = describe.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Rapport_Segment__c");
        Assert.Equal("string", field.GetProperty("type").GetString());
        Assert.Equal(100, field.GetProperty("length").GetInt32());
        Assert.True(field.GetProperty("custom").GetBoolean());
        Assert.True(field.GetProperty("updateable").GetBoolean());
        Assert.Equal(id, query.GetProperty("records")[0].GetProperty("Id").GetString());
    }

    [Fact]
    public async Task ReadOnlyGrant_MakesWritesFailWithInvalidFieldForInsertUpdate()
    {
        await CreateFieldAsync("Contact.Read_Only__c", new { type = "Checkbox", label = "Read only" });
        await GrantAsync("Contact.Read_Only__c", edit: false);

        var (status, body) = await _admin.PostJsonAsync("sobjects/Contact", new Dictionary<string, object> { ["LastName"] = "x", ["Read_Only__c"] = true });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FIELD_FOR_INSERT_UPDATE", body.ErrorCode());
    }

    [Fact]
    public async Task ToolingQuery_OverCustomField_FindsTheField()
    {
        await CreateFieldAsync("Lead.Rapport_Id__c", new { type = "Text", label = "Rapport Id", length = 64, externalId = true });

        var (status, body) = await _admin.GetJsonAsync("tooling/query?q=" + Uri.EscapeDataString("SELECT Id, DeveloperName, TableEnumOrId, FullName FROM CustomField WHERE TableEnumOrId = 'Lead'"));

        Assert.Equal(HttpStatusCode.OK, status);
        var record = body.GetProperty("records")[0];
        Assert.Equal("Rapport_Id", record.GetProperty("DeveloperName").GetString());
        Assert.Equal("Lead.Rapport_Id__c", record.GetProperty("FullName").GetString());
        Assert.Equal("CustomField", record.GetProperty("attributes").GetProperty("type").GetString());
        Assert.StartsWith("/services/data/v66.0/tooling/sobjects/CustomField/", record.GetProperty("attributes").GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DuplicateOrInvalidField_IsRejected()
    {
        await CreateFieldAsync("Contact.Twice__c", new { type = "Checkbox", label = "Twice" });

        var (duplicate, duplicateBody) = await CreateFieldAsync("Contact.Twice__c", new { type = "Checkbox", label = "Twice" });
        var (noLength, noLengthBody) = await CreateFieldAsync("Contact.No_Length__c", new { type = "Text", label = "No length" });
        var (badName, _) = await CreateFieldAsync("Contact.Bad__Name__c", new { type = "Checkbox", label = "Bad" });

        Assert.Equal(HttpStatusCode.BadRequest, duplicate);
        Assert.Equal("DUPLICATE_DEVELOPER_NAME", duplicateBody.ErrorCode());
        Assert.Equal(HttpStatusCode.BadRequest, noLength);
        Assert.Equal("FIELD_INTEGRITY_EXCEPTION", noLengthBody.ErrorCode());
        Assert.Equal(HttpStatusCode.BadRequest, badName);
    }

    [Fact]
    public async Task Create_ActivityField_AppearsOnTaskAndEvent()
    {
        var (status, _) = await CreateFieldAsync("Activity.Rapport_Event_Id__c", new { type = "Text", label = "Rapport Event ID", length = 255, externalId = true });
        await GrantAsync("Task.Rapport_Event_Id__c");
        await GrantAsync("Event.Rapport_Event_Id__c");

        var (_, task) = await _admin.GetJsonAsync("sobjects/Task/describe");
        var (_, ev) = await _admin.GetJsonAsync("sobjects/Event/describe");
        var (_, tooling) = await _admin.GetJsonAsync("tooling/query?q=" + Uri.EscapeDataString("SELECT FullName FROM CustomField WHERE DeveloperName = 'Rapport_Event_Id'"));
        var (taskOnly, taskOnlyBody) = await CreateFieldAsync("Activity.Rapport_Event_Id__c", new { type = "Text", label = "Again", length = 10 });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.True(task.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Rapport_Event_Id__c").GetProperty("externalId").GetBoolean());
        Assert.True(ev.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Rapport_Event_Id__c").GetProperty("externalId").GetBoolean());
        Assert.Equal("Activity.Rapport_Event_Id__c", tooling.GetProperty("records")[0].GetProperty("FullName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, taskOnly);
        Assert.Equal("DUPLICATE_DEVELOPER_NAME", taskOnlyBody.ErrorCode());
    }

    [Fact]
    public async Task Tooling_UserWithoutModifyAllData_IsInsufficientAccess()
    {
        using var standard = await _server.ClientAsync(EmulatorServer.StandardUsername);

        var (status, body) = await standard.PostJsonAsync("tooling/sobjects/CustomField", new { FullName = "Contact.X__c", Metadata = new { type = "Checkbox", label = "X" } });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("INSUFFICIENT_ACCESS", body.ErrorCode());
        Assert.Contains("ModifyAllData", body[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grant_OnAssignedPermissionSet_GivesOnlyThatUserAccess()
    {
        await CreateFieldAsync("Contact.Assigned__c", new { type = "Text", label = "Assigned", length = 10 });
        var set = await _admin.CreateAsync("PermissionSet", new { Name = "Rapport_Sync", Label = "Rapport Sync" });
        var (_, users) = await _admin.GetJsonAsync("query?q=" + Uri.EscapeDataString($"SELECT Id FROM User WHERE Username = '{EmulatorServer.StandardUsername}'"));
        await _admin.CreateAsync("PermissionSetAssignment", new { AssigneeId = users.GetProperty("records")[0].GetProperty("Id").GetString(), PermissionSetId = set });
        await _admin.CreateAsync("FieldPermissions", new { ParentId = set, SobjectType = "Contact", Field = "Contact.Assigned__c", PermissionsRead = true, PermissionsEdit = true });
        using var standard = await _server.ClientAsync(EmulatorServer.StandardUsername);

        var (standardStatus, _) = await standard.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Assigned__c FROM Contact"));
        var (adminStatus, _) = await _admin.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT Assigned__c FROM Contact"));

        Assert.Equal(HttpStatusCode.OK, standardStatus);
        Assert.Equal(HttpStatusCode.BadRequest, adminStatus);
    }

    [Fact]
    public async Task Upsert_ByNewExternalIdField_Creates201ThenUpdates200ThenMultipleMatches300()
    {
        await CreateFieldAsync("Contact.Ext_Id__c", new { type = "Text", label = "Ext Id", length = 40, externalId = true });
        await GrantAsync("Contact.Ext_Id__c");

        var (created, createdBody) = await _admin.PatchJsonAsync("sobjects/Contact/Ext_Id__c/abc-1", new { LastName = "Upserted" });
        var (updated, updatedBody) = await _admin.PatchJsonAsync("sobjects/Contact/Ext_Id__c/ABC-1", new { Title = "Matched case-insensitively" });
        await _admin.CreateAsync("Contact", new Dictionary<string, object> { ["LastName"] = "Dup1", ["Ext_Id__c"] = "dup" });
        await _admin.CreateAsync("Contact", new Dictionary<string, object> { ["LastName"] = "Dup2", ["Ext_Id__c"] = "dup" });
        var (multiple, multipleBody) = await _admin.PatchJsonAsync("sobjects/Contact/Ext_Id__c/dup", new { Title = "?" });

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.True(createdBody.GetProperty("created").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.False(updatedBody.GetProperty("created").GetBoolean());
        Assert.Equal(createdBody.GetProperty("id").GetString(), updatedBody.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.MultipleChoices, multiple);
        Assert.Equal(2, multipleBody.GetArrayLength());
        Assert.StartsWith("/services/data/v66.0/sobjects/Contact/003", multipleBody[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UniqueExternalId_DuplicateValue_IsDuplicateValue()
    {
        await CreateFieldAsync("Account.Account_Key__c", new { type = "Text", label = "Key", length = 20, externalId = true, unique = true });
        await GrantAsync("Account.Account_Key__c");
        await _admin.CreateAsync("Account", new Dictionary<string, object> { ["Name"] = "First", ["Account_Key__c"] = "K1" });

        var (status, body) = await _admin.PostJsonAsync("sobjects/Account", new Dictionary<string, object> { ["Name"] = "Second", ["Account_Key__c"] = "k1" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("DUPLICATE_VALUE", body.ErrorCode());
    }

    [Fact]
    public async Task CollectionsUpsert_ByExternalId_ReportsCreatedPerRecord()
    {
        await CreateFieldAsync("Contact.Sync_Key__c", new { type = "Text", label = "Sync key", length = 40, externalId = true });
        await GrantAsync("Contact.Sync_Key__c");
        await _admin.CreateAsync("Contact", new Dictionary<string, object> { ["LastName"] = "Existing", ["Sync_Key__c"] = "k-1" });

        var (status, body) = await _admin.PatchJsonAsync("composite/sobjects/Contact/Sync_Key__c", new
        {
            allOrNone = false,
            records = new object[]
            {
                new Dictionary<string, object> { ["attributes"] = new { type = "Contact" }, ["Sync_Key__c"] = "k-1", ["Title"] = "Updated" },
                new Dictionary<string, object> { ["attributes"] = new { type = "Contact" }, ["Sync_Key__c"] = "k-2", ["LastName"] = "New" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body[0].GetProperty("created").GetBoolean());
        Assert.True(body[1].GetProperty("created").GetBoolean());
    }

    [Fact]
    public async Task StandardUser_CannotGrantItselfFieldPermissions()
    {
        await CreateFieldAsync("Contact.Self_Grant__c", new { type = "Checkbox", label = "Self grant" });
        using var standard = await _server.ClientAsync(EmulatorServer.StandardUsername);

        var (status, body) = await standard.PostJsonAsync("sobjects/FieldPermissions", new
        {
            ParentId = OrgDefaults.ProfilePermissionSetId(admin: false), SobjectType = "Contact", Field = "Contact.Self_Grant__c", PermissionsRead = true,
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INSUFFICIENT_ACCESS_OR_READONLY", body.ErrorCode());
    }
}
