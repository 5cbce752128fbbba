using Rapport.Sync.Naming;

namespace Rapport.Sync.Tests.Naming;

public class CustomFieldNamerTests
{
    [Theory]
    [InlineData("score", null, "Rapport_Score__c")]
    [InlineData("lastActivity", null, "Rapport_LastActivity__c")]
    [InlineData("nps score", "web", "Rapport_Web_Nps_Score__c")]
    [InlineData("plan__tier", null, "Rapport_Plan_Tier__c")]
    [InlineData("Société", null, "Rapport_Societe__c")]
    [InlineData("2fa enabled", null, "Rapport_F2fa_Enabled__c")]
    public void ApiName_FollowsSalesforceNamingRules(string attribute, string? infix, string expected)
        => Assert.Equal(expected, CustomFieldNamer.ApiName(attribute, infix));

    [Fact]
    public void ApiName_LongAttribute_StaysWithinFortyCharactersAndEndsCleanly()
    {
        var name = CustomFieldNamer.ApiName("a very long attribute name that keeps going on and on");

        Assert.EndsWith("__c", name, StringComparison.Ordinal);
        var body = name[..^3];
        Assert.True(body.Length <= 40, body);
        Assert.DoesNotContain("__", body, StringComparison.Ordinal);
        Assert.False(body.EndsWith('_'));
    }
}
