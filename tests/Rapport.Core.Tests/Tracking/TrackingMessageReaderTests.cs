using System.Text;
using System.Text.Json;
using Rapport.Core.Events;
using Rapport.Core.Tests.Support;
using Rapport.Core.Tracking;

namespace Rapport.Core.Tests.Tracking;

public class TrackingMessageReaderTests
{
    [Fact]
    public void Read_ValidTrack_ExtractsFieldsAndKeepsPayloadVerbatim()
    {
        const string json = """{"type":"track","userId":"u1","anonymousId":"a1","event":"Order Completed","properties":{"total":9.5},"messageId":"m-1"}""";

        var e = Messages.Valid(json);

        Assert.Equal(EventType.Track, e.Type);
        Assert.Equal("u1", e.UserId);
        Assert.Equal("a1", e.AnonymousId);
        Assert.Equal("Order Completed", e.Name);
        Assert.Equal("m-1", e.MessageId);
        Assert.Equal(Messages.Dataset, e.DatasetId);
        Assert.Equal(json, Encoding.UTF8.GetString(e.Payload.Span));
    }

    [Fact]
    public void Read_BatchWithTheBodyItWasParsedFrom_EachPayloadIsItsOwnMessage()
    {
        // The tracking API passes the request body, so payloads are slices of it rather than copies.
        var body = Encoding.UTF8.GetBytes("""{"batch":[{"type":"track","userId":"u1","event":"A"}, {"type":"page","userId":"u2","name":"Home"}]}""");
        using var document = JsonDocument.Parse(body.AsMemory());
        var messages = document.RootElement.GetProperty("batch").EnumerateArray().ToList();
        var errors = new List<TrackingError>();

        var first = Messages.Reader().Read(messages[0], Messages.Dataset, null, 0, BatchDefaults.None, 0, errors, body);
        var second = Messages.Reader().Read(messages[1], Messages.Dataset, null, 0, BatchDefaults.None, 1, errors, body);

        Assert.Empty(errors);
        Assert.Equal("""{"type":"track","userId":"u1","event":"A"}""", Encoding.UTF8.GetString(first!.Payload.Span));
        Assert.Equal("""{"type":"page","userId":"u2","name":"Home"}""", Encoding.UTF8.GetString(second!.Payload.Span));
    }

    [Fact]
    public void Read_WithBytesTheMessageWasNotParsedFrom_KeepsTheMessageItself()
    {
        const string json = """{"type":"track","userId":"u1","event":"A"}""";
        var unrelated = Encoding.UTF8.GetBytes("""{"type":"track","userId":"u9","event":"Something else entirely"}""");
        using var document = JsonDocument.Parse(json);
        var errors = new List<TrackingError>();

        var e = Messages.Reader().Read(document.RootElement, Messages.Dataset, null, 0, BatchDefaults.None, null, errors, unrelated);

        Assert.Equal(json, Encoding.UTF8.GetString(e!.Payload.Span));
    }

    [Theory]
    [InlineData("""{"type":"identify","userId":"u1","traits":{"email":"a@b.c"}}""", EventType.Identify)]
    [InlineData("""{"type":"identify","anonymousId":"a1"}""", EventType.Identify)]
    [InlineData("""{"type":"track","anonymousId":"a1","event":"Clicked"}""", EventType.Track)]
    [InlineData("""{"type":"page","userId":"u1"}""", EventType.Page)]
    [InlineData("""{"type":"page","userId":"u1","name":"Pricing","properties":{"path":"/pricing"}}""", EventType.Page)]
    [InlineData("""{"type":"screen","userId":"u1","name":"Home"}""", EventType.Screen)]
    [InlineData("""{"type":"group","userId":"u1","groupId":"g1","traits":{"name":"Acme"}}""", EventType.Group)]
    [InlineData("""{"type":"alias","previousId":"a1","userId":"u1"}""", EventType.Alias)]
    [InlineData("""{"type":"Track","userId":"u1","event":"Capitalised"}""", EventType.Track)]
    public void Read_MinimalValidMessageOfEachType_IsAccepted(string json, EventType expected)
    {
        var e = Messages.Valid(json);

        Assert.Equal(expected, e.Type);
    }

    [Theory]
    [InlineData("""{"type":"identify","traits":{}}""", "\"userId\" or \"anonymousId\"")]
    [InlineData("""{"type":"track","event":"Clicked"}""", "\"userId\" or \"anonymousId\"")]
    [InlineData("""{"type":"page","userId":"","anonymousId":"  "}""", "\"userId\" or \"anonymousId\"")]
    [InlineData("""{"type":"track","userId":"u1"}""", "\"event\"")]
    [InlineData("""{"type":"track","userId":"u1","event":""}""", "\"event\" must not be empty")]
    [InlineData("""{"type":"group","userId":"u1"}""", "\"groupId\"")]
    [InlineData("""{"type":"alias","userId":"u1"}""", "\"previousId\"")]
    [InlineData("""{"type":"alias","previousId":"a1"}""", "An alias call needs \"userId\"")]
    [InlineData("""{"userId":"u1","event":"x"}""", "\"type\" is required")]
    public void Read_MissingRequiredField_NamesTheField(string json, string expected)
    {
        var (e, errors) = Messages.Read(json);

        Assert.Null(e);
        var error = Assert.Single(errors);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"identify","userId":"u1","traits":"vip"}""", "\"traits\" must be an object, not a string")]
    [InlineData("""{"type":"track","userId":"u1","event":"x","properties":[1]}""", "\"properties\" must be an object, not an array")]
    [InlineData("""{"type":"track","userId":"u1","event":42}""", "\"event\" must be a string, not a number")]
    [InlineData("""{"type":"track","userId":true,"event":"x"}""", "\"userId\" must be a string, not a boolean")]
    [InlineData("""{"type":"track","userId":{"id":1},"event":"x"}""", "\"userId\" must be a string, not an object")]
    [InlineData("""{"type":"group","userId":"u1","groupId":["g"]}""", "\"groupId\" must be a string, not an array")]
    [InlineData("""{"type":"page","userId":"u1","name":7}""", "\"name\" must be a string, not a number")]
    [InlineData("""{"type":"track","userId":"u1","event":"x","context":"web"}""", "\"context\" must be an object")]
    [InlineData("""{"type":"track","userId":"u1","event":"x","integrations":1}""", "\"integrations\" must be an object")]
    [InlineData("""{"type":"track","userId":"u1","event":"x","messageId":5}""", "\"messageId\" must be a string")]
    [InlineData("""{"type":"track","userId":"u1","event":"x","timestamp":"yesterday"}""", "\"timestamp\" must be an ISO-8601")]
    [InlineData("""{"type":"track","userId":"u1","event":"x","timestamp":1714564800}""", "\"timestamp\" must be an ISO-8601")]
    [InlineData("""{"type":"track","userId":"u1","event":"x","sentAt":false}""", "\"sentAt\" must be an ISO-8601")]
    public void Read_WrongType_IsRefusedWithAMessageNamingTheField(string json, string expected)
    {
        var (e, errors) = Messages.Read(json);

        Assert.Null(e);
        Assert.Contains(errors, error => error.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NotAnObject_IsRefused()
    {
        var (e, errors) = Messages.Read("[1,2]", EventType.Track);

        Assert.Null(e);
        Assert.Contains("JSON object", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NumericIds_AreStoredAsTheirDigits()
    {
        var e = Messages.Valid("""{"type":"group","userId":12345,"anonymousId":7,"groupId":900}""");

        Assert.Equal("12345", e.UserId);
        Assert.Equal("7", e.AnonymousId);
        Assert.Equal("900", e.GroupId);
    }

    [Fact]
    public void Read_NumericIdLongerThan40Digits_IsRefused()
    {
        var (e, errors) = Messages.Read("""{"type":"track","userId":""" + new string('9', 41) + ""","event":"x"}""");

        Assert.Null(e);
        Assert.Contains("too long to be an id", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("banana")]
    [InlineData("")]
    [InlineData("track2")]
    public void Read_UnknownTypeInBatch_IsRefusedWithItsIndex(string type)
    {
        var (e, errors) = Messages.Read($$"""{"type":"{{type}}","userId":"u1"}""", index: 3);

        Assert.Null(e);
        var error = Assert.Single(errors);
        Assert.Equal(3, error.Index);
        Assert.Contains("Unknown type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EndpointType_OverridesTypeInBody()
    {
        var e = Messages.Valid("""{"type":"identify","userId":"u1","event":"Clicked"}""", EventType.Track);

        Assert.Equal(EventType.Track, e.Type);
        Assert.Equal("Clicked", e.Name);
    }

    [Fact]
    public void Read_MessageOver32KB_IsRefusedAsTooLarge()
    {
        var padding = new string('x', TrackingLimits.MaxMessageBytes);
        var (e, errors) = Messages.Read($$$"""{"type":"track","userId":"u1","event":"x","properties":{"p":"{{{padding}}}"}}""", index: 0);

        Assert.Null(e);
        var error = Assert.Single(errors);
        Assert.True(error.TooLarge);
        Assert.Contains("32 KB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MessageJustUnder32KB_IsAccepted()
    {
        const string prefix = "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"x\",\"properties\":{\"p\":\"";
        const string suffix = "\"}}";
        var padding = new string('x', TrackingLimits.MaxMessageBytes - prefix.Length - suffix.Length);

        var e = Messages.Valid(prefix + padding + suffix);

        Assert.Equal(TrackingLimits.MaxMessageBytes, e.Payload.Length);
    }

    [Theory]
    [InlineData("userId")]
    [InlineData("anonymousId")]
    [InlineData("messageId")]
    public void Read_IdLongerThanLimit_IsRefused(string field)
    {
        var id = new string('i', TrackingLimits.MaxIdLength + 1);
        var (e, errors) = Messages.Read($$"""{"type":"track","userId":"u1","event":"x","{{field}}":"{{id}}"}""");

        Assert.Null(e);
        Assert.Contains(errors, error => error.Message.Contains($"\"{field}\" is longer than", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_IdAtLimit_IsAccepted()
    {
        var id = new string('i', TrackingLimits.MaxIdLength);

        var e = Messages.Valid($$"""{"type":"track","userId":"{{id}}","event":"x"}""");

        Assert.Equal(id, e.UserId);
    }

    [Fact]
    public void Read_WithoutMessageId_GetsAGeneratedOne()
    {
        var first = Messages.Valid("""{"type":"track","userId":"u1","event":"x"}""");
        var second = Messages.Valid("""{"type":"track","userId":"u1","event":"x"}""");

        Assert.False(string.IsNullOrEmpty(first.MessageId));
        Assert.NotEqual(first.MessageId, second.MessageId);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEachOnce()
    {
        var (e, errors) = Messages.Read("""{"type":"identify","userId":"u1","traits":1,"context":2,"timestamp":"never"}""", index: 4);

        Assert.Null(e);
        Assert.Equal(3, errors.Count);
        Assert.All(errors, error => Assert.Equal(4, error.Index));
    }

    [Fact]
    public void Read_NullOptionalFields_AreTreatedAsAbsent()
    {
        var e = Messages.Valid("""{"type":"track","userId":"u1","anonymousId":null,"event":"x","properties":null,"context":null,"timestamp":null,"messageId":null}""");

        Assert.Null(e.AnonymousId);
        Assert.Equal(Messages.Noon.ToUnixTimeMilliseconds(), e.TimestampMs);
    }

    [Fact]
    public void ReadTime_NonIsoButUnambiguousTime_IsAccepted()
    {
        using var document = JsonDocument.Parse("\"2024-05-01 10:00:00Z\"");
        var errors = new List<TrackingError>();

        var time = TrackingMessageReader.ReadTime(document.RootElement, "timestamp", null, errors);

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), time);
    }

    [Theory]
    [InlineData("""{"type":"track","userId":"u\u0000","event":"x"}""")]
    [InlineData("""{"type":"track","userId":"u1","event":"x","properties":{"note":["a\u0000b"]}}""")]
    [InlineData("""{"type":"track","userId":"u1","event":"x","properties":{"\u0000":1}}""")]
    // After harmless escapes: the check looks at every escape, not only the first.
    [InlineData("""{"type":"track","userId":"u1","event":"Caf\u00e9","properties":{"quote":"\u0022","note":"a\u0000b"}}""")]
    public void Bug_NulEscape_IsRefusedBecauseItCannotBeStored(string json)
    {
        var (e, errors) = Messages.Read(json, index: 2);

        Assert.Null(e);
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Index);
        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"identify","userId":"u1","traits":{"bad":"\ud800"}}""")]
    [InlineData("""{"type":"identify","userId":"u1","traits":{"bad":"\uDFFF tail"}}""")]
    [InlineData("""{"type":"identify","userId":"u1","traits":{"\ud83d":true}}""")]
    public void Bug_UnpairedSurrogateEscape_IsRefusedBecauseItIsNotText(string json)
    {
        var (e, errors) = Messages.Read(json);

        Assert.Null(e);
        Assert.Contains("surrogate", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"identify","userId":"u1","traits":{"emoji":"\ud83d\ude00"}}""")]
    [InlineData("""{"type":"identify","userId":"u1","traits":{"path":"C:\\ud800\\u0000"}}""")]
    public void Read_ValidEscapesThatLookSuspicious_AreAccepted(string json)
    {
        Messages.Valid(json);
    }

    [Fact]
    public void Read_EscapedMemberNames_AreReadAsTheirUnescapedNames()
    {
        // "user\u0049d" is "userId" and "\u0065vent" is "event" once unescaped, as JSON defines.
        var e = Messages.Valid("""{"type":"track","user\u0049d":"u1","\u0065vent":"Signed Up"}""");

        Assert.Equal("u1", e.UserId);
        Assert.Equal("Signed Up", e.Name);
    }

    [Fact]
    public void Read_RepeatedMember_TheLastOneCounts()
    {
        var e = Messages.Valid("""{"type":"track","userId":"first","event":"x","userId":"second"}""");

        Assert.Equal("second", e.UserId);
    }
}
