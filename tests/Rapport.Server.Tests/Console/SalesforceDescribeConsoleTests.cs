using System.Net;
using Rapport.Server.Tests.Integrations;
using Rapport.Server.Tests.Support;
using static Rapport.Server.Tests.Console.SalesforceConsoleKit;

namespace Rapport.Server.Tests.Console;

/// <summary>The Pull page against the emulator: once the connection is established, "+ Pull new Salesforce field" lists the object's fields from describe.</summary>
public sealed class SalesforceDescribeConsoleTests(SqliteSalesforceConnectionFixture fixture) : IClassFixture<SqliteSalesforceConnectionFixture>
{
    [Fact]
    public async Task PullPage_EstablishedConnection_ListsDescribedFieldsInTheDropdown()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        await fixture.ConnectWithWebServerFlowAsync(datasetId);
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);

        var page = await session.GetPageAsync($"datasets/{datasetId}/salesforce/pull");

        var contactFields = page.QuerySelectorAll("select#pull-new-field-contact option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("Email", contactFields);
        Assert.Contains("Title", contactFields);
        Assert.Contains("Name", page.QuerySelectorAll("select#pull-new-field-account option").Select(o => o.GetAttribute("value")));
        Assert.Null(page.QuerySelector("#pull-describe-notice-contact"));
    }

    [Fact]
    public async Task AddMapping_ChosenFromDropdown_IsStored()
    {
        var datasetId = await fixture.ConfiguredDatasetAsync();
        await fixture.ConnectWithWebServerFlowAsync(datasetId);
        using var session = await ConsoleSession.SignInAsync(fixture.Rapport);
        var path = $"datasets/{datasetId}/salesforce/pull";

        using var response = await SubmitAsync(session, path, "salesforce-pull", "add:0", f =>
        {
            f["Input.RecordTypes[0].NewField"] = "Title";
            f["Input.RecordTypes[0].NewAttribute"] = "jobTitle";
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var contact = (await SettingsAsync(fixture.Rapport, datasetId)).GetProperty("pull").GetProperty("recordTypes")[0];
        Assert.Contains(contact.GetProperty("mappings").EnumerateArray(), m => m.GetProperty("field").GetString() == "Title" && m.GetProperty("attribute").GetString() == "jobTitle");
    }
}
