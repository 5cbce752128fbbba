using Rapport.Salesforce.Querying;

namespace Rapport.Salesforce.Tests;

public class SoqlTests
{
    [Theory]
    [InlineData("Bob's BBQ", @"'Bob\'s BBQ'")]
    [InlineData(@"C:\temp", @"'C:\\temp'")]
    [InlineData("say \"hi\"", "'say \\\"hi\\\"'")]
    [InlineData("a\nb\rc\td", @"'a\nb\rc\td'")]
    [InlineData("x\by\fz", @"'x\by\fz'")]
    [InlineData("50% off_now", "'50% off_now'")]
    [InlineData("é", "'é'")]
    public void Quote_SpecialCharacters_AreEscapedPerSoqlReference(string value, string expected) =>
        Assert.Equal(expected, Soql.Quote(value));

    [Fact]
    public void Quote_InjectionAttempt_StaysInsideTheLiteral()
    {
        var quoted = Soql.Quote("x' OR Name != '");
        Assert.Equal(@"'x\' OR Name != \''", quoted);
    }

    [Fact]
    public void Quote_Null_IsTheNullKeyword() => Assert.Equal("null", Soql.Quote(null));

    [Fact]
    public void QuoteLike_Wildcards_AreEscapedButAddedAffixesAreNot() =>
        Assert.Equal(@"'50\% off\_x%'", Soql.QuoteLike("50% off_x", suffix: "%"));

    [Fact]
    public void DateTime_NonUtcOffset_IsFormattedInUtcWithZ() =>
        Assert.Equal("2024-01-02T03:04:05Z", Soql.DateTime(new DateTimeOffset(2024, 1, 2, 5, 4, 5, TimeSpan.FromHours(2))));

    [Fact]
    public void In_Values_AreQuotedAndCommaSeparated() =>
        Assert.Equal(@"('a','b\'c')", Soql.In(["a", "b'c"]));

    [Fact]
    public void In_Empty_Throws() => Assert.Throws<ArgumentException>(() => Soql.In([]));

    [Fact]
    public void Format_Holes_AreRenderedAsLiterals()
    {
        var email = "o'hara@example.com";
        var since = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var ids = new[] { "003A", "003B" };
        var soql = Soql.Format($"SELECT Id FROM Contact WHERE Email = {email} AND SystemModstamp > {since} AND Id IN {ids} AND IsDeleted = {false} LIMIT {10}");
        Assert.Equal(@"SELECT Id FROM Contact WHERE Email = 'o\'hara@example.com' AND SystemModstamp > 2024-01-02T03:04:05Z AND Id IN ('003A','003B') AND IsDeleted = false LIMIT 10", soql);
    }
}
