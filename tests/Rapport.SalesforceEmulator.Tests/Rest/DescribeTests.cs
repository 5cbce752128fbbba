using System.Net;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Rest;

/// <summary>Versions, global describe, sObject describe and limits, against the documented examples.</summary>
public sealed class DescribeTests : EmulatorTestBase
{
    [Fact]
    public async Task Versions_ListEveryVersionFrom31WithLabelAndUrl_WithoutLogin()
    {
        using var anonymous = new HttpClient();

        var (status, body) = await anonymous.GetJsonAsync($"{Server.BaseUrl}/services/data");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("31.0", body[0].GetProperty("version").GetString());
        Assert.Equal("Summer '14", body[0].GetProperty("label").GetString());
        Assert.Equal("/services/data/v31.0", body[0].GetProperty("url").GetString());
        var last = body[body.GetArrayLength() - 1];
        Assert.Equal("66.0", last.GetProperty("version").GetString());
        Assert.Equal("Spring '26", last.GetProperty("label").GetString());
    }

    [Fact]
    public async Task GlobalDescribe_ListsStandardObjectsWithUrls()
    {
        var (_, body) = await Client.GetJsonAsync("sobjects");

        Assert.Equal("UTF-8", body.GetProperty("encoding").GetString());
        Assert.Equal(200, body.GetProperty("maxBatchSize").GetInt32());
        var contact = body.GetProperty("sobjects").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "Contact");
        Assert.Equal("003", contact.GetProperty("keyPrefix").GetString());
        Assert.Equal("/services/data/v66.0/sobjects/Contact/describe", contact.GetProperty("urls").GetProperty("describe").GetString());
        Assert.Contains(body.GetProperty("sobjects").EnumerateArray(), o => o.GetProperty("name").GetString() == "Lead");
        Assert.DoesNotContain(body.GetProperty("sobjects").EnumerateArray(), o => o.GetProperty("name").GetString() == "CustomField");
    }

    [Fact]
    public async Task Describe_Contact_ReportsFieldProperties()
    {
        var (status, body) = await Client.GetJsonAsync("sobjects/Contact/describe");

        Assert.Equal(HttpStatusCode.OK, status);
        var fields = body.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        var lastName = fields["LastName"];
        Assert.Equal("string", lastName.GetProperty("type").GetString());
        Assert.Equal(80, lastName.GetProperty("length").GetInt32());
        Assert.False(lastName.GetProperty("nillable").GetBoolean());
        Assert.True(lastName.GetProperty("createable").GetBoolean());
        var account = fields["AccountId"];
        Assert.Equal("reference", account.GetProperty("type").GetString());
        Assert.Equal("Account", account.GetProperty("relationshipName").GetString());
        Assert.Equal(["Account"], account.GetProperty("referenceTo").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal("email", fields["Email"].GetProperty("type").GetString());
        Assert.False(fields["Name"].GetProperty("createable").GetBoolean());
        Assert.False(fields["SystemModstamp"].GetProperty("updateable").GetBoolean());
        Assert.Equal("picklist", fields["LeadSource"].GetProperty("type").GetString());
        Assert.NotEqual(0, fields["LeadSource"].GetProperty("picklistValues").GetArrayLength());
    }

    [Fact]
    public async Task Describe_LeadHasConversionFields_AndAccountHasContactsChildRelationship()
    {
        var (_, lead) = await Client.GetJsonAsync("sobjects/Lead/describe");
        var (_, account) = await Client.GetJsonAsync("sobjects/Account/describe");

        var leadFields = lead.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "IsConverted", "ConvertedContactId", "ConvertedAccountId", "ConvertedDate", "Company" }, leadFields);
        Assert.Contains(account.GetProperty("childRelationships").EnumerateArray(),
            r => r.GetProperty("childSObject").GetString() == "Contact" && r.GetProperty("relationshipName").GetString() == "Contacts");
    }

    [Fact]
    public async Task BasicInfo_HasObjectDescribeAndRecentItems()
    {
        var (_, body) = await Client.GetJsonAsync("sobjects/Account");

        Assert.Equal("Account", body.GetProperty("objectDescribe").GetProperty("name").GetString());
        Assert.Equal(0, body.GetProperty("recentItems").GetArrayLength());
    }

    [Fact]
    public async Task Limits_ReportDailyApiRequestsMaxAndRemaining()
    {
        var (status, body) = await Client.GetJsonAsync("limits");

        Assert.Equal(HttpStatusCode.OK, status);
        var api = body.GetProperty("DailyApiRequests");
        Assert.True(api.GetProperty("Max").GetInt32() > 0);
        Assert.True(api.GetProperty("Remaining").GetInt32() < api.GetProperty("Max").GetInt32());
    }

    [Fact]
    public async Task UnsupportedMethod_Is405()
    {
        var (status, body) = await Client.SendAsync(HttpMethod.Put, "sobjects/Contact");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("METHOD_NOT_ALLOWED", body.ErrorCode());
    }
}
