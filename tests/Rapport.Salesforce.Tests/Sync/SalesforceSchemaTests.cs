using Rapport.Sync.Connectors;
using Rapport.Sync.Settings;

namespace Rapport.Salesforce.Tests.Sync;

/// <summary>Custom field creation through the Tooling API with field-level security, against the emulator.</summary>
public sealed class SalesforceSchemaTests : ConnectorTestBase
{
    private static readonly CrmFieldSpec[] AllTypes =
    [
        new("Rapport_Segment__c", "Rapport Segment", CrmFieldType.Text),
        new("Rapport_Notes__c", "Rapport Notes", CrmFieldType.LongText),
        new("Rapport_Score__c", "Rapport Score", CrmFieldType.Number),
        new("Rapport_Active__c", "Rapport Active", CrmFieldType.Checkbox),
        new("Rapport_First_Seen__c", "Rapport First Seen", CrmFieldType.Date),
        new("Rapport_Last_Seen__c", "Rapport Last Seen", CrmFieldType.DateTime),
    ];

    [Fact]
    public async Task EnsureFieldsAsync_MissingFields_CreatesThemWithTheirTypesAndMakesThemWritable()
    {
        var id = await CreateContactAsync("Pushed");

        await Connector.Schema.EnsureFieldsAsync("Contact", AllTypes, Ct);
        var contact = await Connector.Schema.DescribeAsync("Contact", Ct);
        var results = await Connector.Writer.UpdateAsync("Contact",
            [new CrmRecordUpdate(id, new Dictionary<string, object?> { ["Rapport_Score__c"] = 42.5m, ["Rapport_Active__c"] = true, ["Rapport_Segment__c"] = "VIP" })], false, Ct);

        Assert.Equal(
            ["string", "textarea", "double", "boolean", "date", "datetime"],
            AllTypes.Select(f => contact.Field(f.ApiName)!.Type));
        Assert.All(AllTypes, f => Assert.True(contact.Field(f.ApiName)!.Updateable && contact.Field(f.ApiName)!.Custom));
        Assert.True(Assert.Single(results).Success);
        var row = (await QueryAsync($"SELECT Rapport_Score__c, Rapport_Active__c FROM Contact WHERE Id = '{id}'")).Single();
        Assert.Equal(42.5m, row.GetProperty("Rapport_Score__c").GetDecimal());
        Assert.True(row.GetProperty("Rapport_Active__c").GetBoolean());
    }

    [Fact]
    public async Task EnsureFieldsAsync_FieldsAlreadyThere_MakesNoToolingCall()
    {
        await Connector.Schema.EnsureFieldsAsync("Contact", AllTypes[..2], Ct);
        var tooling = Calls("tooling");

        await Connector.Schema.EnsureFieldsAsync("Contact", AllTypes[..2], Ct);

        Assert.Equal(2, tooling);
        Assert.Equal(tooling, Calls("tooling"));
    }

    [Fact]
    public async Task EnsureFieldsAsync_UserWithoutModifyAllData_ThrowsInsufficientAccessNamingPermissionAndField()
    {
        using var revoke = await Host.Controls.DeleteAsync($"/__emulator/users/{Uri.EscapeDataString(Support.EmulatorHost.Username)}/permissions/ModifyAllData", Ct);
        revoke.EnsureSuccessStatusCode();

        var error = await Assert.ThrowsAsync<CrmException>(() => Connector.Schema.EnsureFieldsAsync("Contact", AllTypes[..1], Ct));

        Assert.Equal(CrmFailureKind.InsufficientAccess, error.Kind);
        Assert.Equal("INSUFFICIENT_ACCESS", error.ErrorCode);
        Assert.Contains("Modify All Data", error.Message, StringComparison.Ordinal);
        Assert.Contains("Contact.Rapport_Segment__c", error.Message, StringComparison.Ordinal);
        Assert.Contains("by hand", error.Message, StringComparison.Ordinal);
    }
}
