using System.Text.Json;
using Rapport.Core.Tests.Support;
using Rapport.Core.Tracking;

namespace Rapport.Core.Tests.Tracking;

public class BatchDefaultsTests
{
    private static BatchDefaults Defaults(string context, string integrations)
    {
        using var c = JsonDocument.Parse(context);
        using var i = JsonDocument.Parse(integrations);
        return new BatchDefaults(null, c.RootElement.Clone(), i.RootElement.Clone());
    }

    [Fact]
    public void Read_MessageWithoutContext_InheritsBatchContextAndIntegrations()
    {
        var defaults = Defaults("""{"library":{"name":"analytics-node"},"ip":"10.0.0.1"}""", """{"All":false}""");

        var (e, errors) = Messages.Read("""{"type":"track","userId":"u1","event":"x"}""", defaults: defaults);

        Assert.Empty(errors);
        using var payload = JsonDocument.Parse(e!.Payload);
        Assert.Equal("analytics-node", payload.RootElement.GetProperty("context").GetProperty("library").GetProperty("name").GetString());
        Assert.Equal("10.0.0.1", payload.RootElement.GetProperty("context").GetProperty("ip").GetString());
        Assert.False(payload.RootElement.GetProperty("integrations").GetProperty("All").GetBoolean());
        Assert.Equal("x", payload.RootElement.GetProperty("event").GetString());
    }

    [Fact]
    public void Read_MessageWithOwnContext_KeepsItsOwn()
    {
        var defaults = Defaults("""{"ip":"10.0.0.1"}""", """{"All":false}""");
        const string json = """{"type":"track","userId":"u1","event":"x","context":{"ip":"192.168.1.1"},"integrations":{"All":true}}""";

        var (e, _) = Messages.Read(json, defaults: defaults);

        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(e!.Payload.Span));
    }

    [Fact]
    public void Read_MessageWithOwnContextOnly_InheritsIntegrationsButNotContext()
    {
        var defaults = Defaults("""{"ip":"10.0.0.1"}""", """{"Salesforce":true}""");

        var (e, _) = Messages.Read("""{"type":"track","userId":"u1","event":"x","context":{"ip":"192.168.1.1"}}""", defaults: defaults);

        using var payload = JsonDocument.Parse(e!.Payload);
        Assert.Equal("192.168.1.1", payload.RootElement.GetProperty("context").GetProperty("ip").GetString());
        Assert.True(payload.RootElement.GetProperty("integrations").GetProperty("Salesforce").GetBoolean());
    }
}
