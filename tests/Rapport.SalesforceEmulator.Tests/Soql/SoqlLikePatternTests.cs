using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Tests.Soql;

public class SoqlLikePatternTests
{
    [Theory]
    [InlineData("abc", "ABC", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("a%", "a", true)]
    [InlineData("%c", "abc", true)]
    [InlineData("%b%", "abc", true)]
    [InlineData("%", "", true)]
    [InlineData("_", "", false)]
    [InlineData("_", "x", true)]
    [InlineData("__", "x", false)]
    [InlineData("a%b%c", "aXXbYYc", true)]
    [InlineData("a%b%c", "aXXcYYb", false)]
    [InlineData("%a%b%c%", "zzAzzBzzCzz", true)]
    [InlineData("a%%b", "ab", true)]
    [InlineData("_%_", "ab", true)]
    [InlineData("_%_", "a", false)]
    [InlineData("%aab", "aaab", true)]
    [InlineData("%ab%ab", "abxab", true)]
    [InlineData("%ab%ab", "abxa", false)]
    [InlineData("j_n%s", "JONES", true)]
    [InlineData("é%", "Éclair", true)]
    [InlineData(@"100\%", "100%", true)]
    [InlineData(@"100\%", "1000", false)]
    [InlineData(@"a\_%", "a_b", true)]
    [InlineData(@"a\_%", "ab", false)]
    [InlineData(@"%\\%", @"c:\dir", true)]
    [InlineData(@"%\\%", "c:/dir", false)]
    public void IsMatch_Pattern_MatchesAsSoqlLike(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, new SoqlLikePattern(pattern).IsMatch(value));
    }
}
