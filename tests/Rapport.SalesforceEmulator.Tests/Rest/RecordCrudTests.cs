using System.Net;
using Rapport.SalesforceEmulator.Tests.Support;

namespace Rapport.SalesforceEmulator.Tests.Rest;

/// <summary>Record create, read, update and delete against the shapes in the REST API Developer Guide.</summary>
public sealed class RecordCrudTests : EmulatorTestBase
{
    [Fact]
    public async Task Create_ValidContact_Returns201WithIdSuccessAndEmptyErrors()
    {
        var (status, body) = await Client.PostJsonAsync("sobjects/Contact", new { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com" });

        Assert.Equal(HttpStatusCode.Created, status);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(18, id.Length);
        Assert.StartsWith("003", id, StringComparison.Ordinal);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(0, body.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task Read_CreatedContact_HasAttributesAuditFieldsAndComputedName()
    {
        var id = await Client.CreateAsync("Contact", new { FirstName = "Ada", LastName = "Lovelace" });

        var (status, body) = await Client.GetJsonAsync($"sobjects/Contact/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Contact", body.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal($"/services/data/v66.0/sobjects/Contact/{id}", body.GetProperty("attributes").GetProperty("url").GetString());
        Assert.Equal("Ada Lovelace", body.GetProperty("Name").GetString());
        Assert.Equal("2026-03-02T09:30:00.000+0000", body.GetProperty("CreatedDate").GetString());
        Assert.Equal(body.GetProperty("CreatedDate").GetString(), body.GetProperty("SystemModstamp").GetString());
        Assert.False(body.GetProperty("IsDeleted").GetBoolean());
        Assert.StartsWith("005", body.GetProperty("OwnerId").GetString(), StringComparison.Ordinal);
        Assert.Equal(body.GetProperty("OwnerId").GetString(), body.GetProperty("CreatedById").GetString());
    }

    [Fact]
    public async Task Read_WithFieldsParameter_ReturnsOnlyThoseFields()
    {
        var id = await Client.CreateAsync("Contact", new { LastName = "Hopper", Email = "grace@example.com" });

        var (_, body) = await Client.GetJsonAsync($"sobjects/Contact/{id}?fields=Email,LastName");

        Assert.Equal(["attributes", "Email", "LastName"], body.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Read_FifteenCharacterId_FindsTheRecord()
    {
        var id = await Client.CreateAsync("Contact", new { LastName = "Turing" });

        var (status, body) = await Client.GetJsonAsync($"sobjects/Contact/{id[..15]}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, body.GetProperty("Id").GetString());
    }

    [Fact]
    public async Task Update_ChangesFieldAndStampsLastModified()
    {
        var id = await Client.CreateAsync("Contact", new { LastName = "Turing" });
        Server.Clock.Advance(TimeSpan.FromMinutes(5));

        var (status, _) = await Client.PatchJsonAsync($"sobjects/Contact/{id}", new { Title = "Mathematician" });
        var (_, body) = await Client.GetJsonAsync($"sobjects/Contact/{id}");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("Mathematician", body.GetProperty("Title").GetString());
        Assert.Equal("2026-03-02T09:35:00.000+0000", body.GetProperty("LastModifiedDate").GetString());
        Assert.Equal("2026-03-02T09:35:00.000+0000", body.GetProperty("SystemModstamp").GetString());
        Assert.Equal("2026-03-02T09:30:00.000+0000", body.GetProperty("CreatedDate").GetString());
    }

    [Fact]
    public async Task Delete_ThenRead_Is404NotFound_AndUpdateIsEntityIsDeleted()
    {
        var id = await Client.CreateAsync("Contact", new { LastName = "Gone" });

        var (deleted, _) = await Client.SendAsync(HttpMethod.Delete, $"sobjects/Contact/{id}");
        var (read, readBody) = await Client.GetJsonAsync($"sobjects/Contact/{id}");
        var (update, updateBody) = await Client.PatchJsonAsync($"sobjects/Contact/{id}", new { Title = "x" });

        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(HttpStatusCode.NotFound, read);
        Assert.Equal("NOT_FOUND", readBody.ErrorCode());
        Assert.Equal("The requested resource does not exist", readBody[0].GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, update);
        Assert.Equal("ENTITY_IS_DELETED", updateBody.ErrorCode());
    }

    [Fact]
    public async Task Read_UnknownIdOrObject_Is404NotFound()
    {
        var (unknownId, body) = await Client.GetJsonAsync("sobjects/Contact/003500000000001AAA");
        var (unknownObject, objectBody) = await Client.GetJsonAsync("sobjects/Nope__c/003500000000001AAA");

        Assert.Equal(HttpStatusCode.NotFound, unknownId);
        Assert.Equal("NOT_FOUND", body.ErrorCode());
        Assert.Equal(HttpStatusCode.NotFound, unknownObject);
        Assert.Equal("NOT_FOUND", objectBody.ErrorCode());
    }

    [Fact]
    public async Task Read_IdOfAnotherObject_IsMalformedId()
    {
        var account = await Client.CreateAsync("Account", new { Name = "Acme" });

        var (status, body) = await Client.GetJsonAsync($"sobjects/Contact/{account}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MALFORMED_ID", body.ErrorCode());
    }

    [Theory]
    [InlineData("Contact", "{\"FirstName\":\"No last name\"}", "REQUIRED_FIELD_MISSING", "LastName")]
    [InlineData("Account", "{\"Phone\":\"1\"}", "REQUIRED_FIELD_MISSING", "Name")]
    [InlineData("Contact", "{\"LastName\":\"x\",\"Email\":\"not-an-email\"}", "INVALID_EMAIL_ADDRESS", "Email")]
    [InlineData("Contact", "{\"LastName\":\"x\",\"AccountId\":\"garbage\"}", "MALFORMED_ID", "AccountId")]
    [InlineData("Contact", "{\"LastName\":\"x\",\"AccountId\":\"001500000000999AAA\"}", "INVALID_CROSS_REFERENCE_KEY", "AccountId")]
    [InlineData("Contact", "{\"LastName\":\"x\",\"Nope__c\":1}", "INVALID_FIELD", "Nope__c")]
    [InlineData("Contact", "{\"LastName\":\"x\",\"CreatedDate\":\"2020-01-01T00:00:00Z\"}", "INVALID_FIELD_FOR_INSERT_UPDATE", "CreatedDate")]
    [InlineData("Contact", "{\"LastName\":\"x\",\"Birthdate\":\"yesterday\"}", "JSON_PARSER_ERROR", null)]
    [InlineData("Event", "{\"Subject\":\"Call\",\"ActivityDateTime\":\"2026-03-03T10:00:00Z\"}", "REQUIRED_FIELD_MISSING", "DurationInMinutes")]
    public async Task Create_InvalidRecord_Is400WithDocumentedErrorCode(string type, string json, string errorCode, string? field)
    {
        var (status, body) = await Client.SendAsync(HttpMethod.Post, $"sobjects/{type}", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(errorCode, body.ErrorCode());
        Assert.False(string.IsNullOrEmpty(body[0].GetProperty("message").GetString()));
        if (field is not null)
        {
            Assert.Contains(field, body[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        }
    }

    [Fact]
    public async Task Create_LeadWithoutLastNameAndCompany_ListsBothMissingFields()
    {
        var (status, body) = await Client.PostJsonAsync("sobjects/Lead", new { FirstName = "Only" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("REQUIRED_FIELD_MISSING", body.ErrorCode());
        Assert.Equal("Required fields are missing: [LastName, Company]", body[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_TooLongLastName_IsStringTooLong()
    {
        var (status, body) = await Client.PostJsonAsync("sobjects/Contact", new { LastName = new string('x', 81) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("STRING_TOO_LONG", body.ErrorCode());
        Assert.Contains("max length=80", body[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MalformedJson_IsJsonParserError()
    {
        var (status, body) = await Client.SendAsync(HttpMethod.Post, "sobjects/Contact", "{\"LastName\": ");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("JSON_PARSER_ERROR", body.ErrorCode());
    }

    [Fact]
    public async Task Create_OpportunityClosedWon_DerivesIsClosedIsWonAndProbability()
    {
        var id = await Client.CreateAsync("Opportunity", new { Name = "Big deal", StageName = "Closed Won", CloseDate = "2026-04-01" });

        var (_, body) = await Client.GetJsonAsync($"sobjects/Opportunity/{id}?fields=IsClosed,IsWon,Probability");

        Assert.True(body.GetProperty("IsClosed").GetBoolean());
        Assert.True(body.GetProperty("IsWon").GetBoolean());
        Assert.Equal(100, body.GetProperty("Probability").GetDecimal());
    }

    [Fact]
    public async Task Create_TimedEvent_DerivesEndFromDuration()
    {
        var contact = await Client.CreateAsync("Contact", new { LastName = "Attendee" });
        var id = await Client.CreateAsync("Event", new { Subject = "Demo", WhoId = contact, ActivityDateTime = "2026-03-03T10:00:00.000+0000", DurationInMinutes = 30 });

        var (_, body) = await Client.GetJsonAsync($"sobjects/Event/{id}?fields=StartDateTime,EndDateTime,ActivityDate");

        Assert.Equal("2026-03-03T10:00:00.000+0000", body.GetProperty("StartDateTime").GetString());
        Assert.Equal("2026-03-03T10:30:00.000+0000", body.GetProperty("EndDateTime").GetString());
        Assert.Equal("2026-03-03", body.GetProperty("ActivityDate").GetString());
    }

    [Fact]
    public async Task Request_UnsupportedApiVersion_Is404()
    {
        using var old = await Server.ClientAsync(version: "30.0");

        var (status, body) = await old.GetJsonAsync("sobjects");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", body.ErrorCode());
    }
}
