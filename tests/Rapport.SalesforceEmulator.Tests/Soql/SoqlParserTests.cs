using Rapport.SalesforceEmulator.Soql;

namespace Rapport.SalesforceEmulator.Tests.Soql;

public class SoqlParserTests
{
    [Fact]
    public void Parse_FullQuery_BuildsEveryClause()
    {
        var query = SoqlParser.Parse(
            "SELECT Id, Account.Name, Owner.Email FROM Contact WHERE Email != null ORDER BY LastName DESC NULLS FIRST, Id LIMIT 10 OFFSET 5");

        Assert.Equal(["Id", "Account.Name", "Owner.Email"], query.Fields.Select(f => f.Text));
        Assert.Equal(["Account", "Name"], query.Fields[1].Segments);
        Assert.Equal("Contact", query.From);
        var where = Assert.IsType<SoqlComparison>(query.Where);
        Assert.Equal(SoqlOperator.NotEqual, where.Operator);
        Assert.Equal(SoqlLiteralKind.Null, Assert.Single(where.Values).Kind);
        Assert.Equal(2, query.OrderBy.Count);
        Assert.True(query.OrderBy[0].Descending);
        Assert.False(query.OrderBy[0].NullsLast);
        Assert.False(query.OrderBy[1].Descending);
        Assert.Equal(10, query.Limit);
        Assert.Equal(5, query.Offset);
    }

    [Fact]
    public void Parse_LowerAndMixedCaseKeywords_AreAccepted()
    {
        var query = SoqlParser.Parse("select id from contact where lastname like 'a%' and email != null order by lastname asc nulls last limit 3");

        Assert.Equal("contact", query.From);
        Assert.IsType<SoqlAndCondition>(query.Where);
        Assert.True(query.OrderBy[0].NullsLast);
        Assert.Equal(3, query.Limit);
    }

    [Theory]
    [InlineData("ASC", false, false)]
    [InlineData("DESC", true, true)]
    [InlineData("ASC NULLS LAST", false, true)]
    [InlineData("DESC NULLS FIRST", true, false)]
    [InlineData("", false, false)]
    public void Parse_OrderByDirection_DefaultsNullsAsSalesforce(string suffix, bool descending, bool nullsLast)
    {
        var key = SoqlParser.Parse($"SELECT Id FROM Contact ORDER BY Email {suffix}").OrderBy[0];

        Assert.Equal(descending, key.Descending);
        Assert.Equal(nullsLast, key.NullsLast);
    }

    [Fact]
    public void Parse_CountStar_SetsIsCount()
    {
        var query = SoqlParser.Parse("SELECT COUNT() FROM Contact WHERE Email = null");

        Assert.True(query.IsCount);
        Assert.Empty(query.Fields);
    }

    [Fact]
    public void Parse_CountField_ParsesAggregateWithAlias()
    {
        var query = SoqlParser.Parse("SELECT COUNT(Id) total, count(Email) FROM Contact");

        Assert.False(query.IsCount);
        Assert.Equal("total", query.Aggregates[0].Alias);
        Assert.Null(query.Aggregates[1].Alias);
        Assert.Equal("Email", query.Aggregates[1].Field.Text);
    }

    [Theory]
    [InlineData("=", SoqlOperator.Equal)]
    [InlineData("!=", SoqlOperator.NotEqual)]
    [InlineData("<>", SoqlOperator.NotEqual)]
    [InlineData("<", SoqlOperator.LessThan)]
    [InlineData("<=", SoqlOperator.LessThanOrEqual)]
    [InlineData(">", SoqlOperator.GreaterThan)]
    [InlineData(">=", SoqlOperator.GreaterThanOrEqual)]
    [InlineData("LIKE", SoqlOperator.Like)]
    [InlineData("like", SoqlOperator.Like)]
    public void Parse_ComparisonOperator_IsRecognised(string op, SoqlOperator expected)
    {
        var comparison = Assert.IsType<SoqlComparison>(SoqlParser.Parse($"SELECT Id FROM Contact WHERE LastName {op} 'x'").Where);

        Assert.Equal(expected, comparison.Operator);
        Assert.Equal("x", comparison.Values[0].Value);
    }

    [Fact]
    public void Parse_InAndNotIn_CollectTheList()
    {
        var and = Assert.IsType<SoqlAndCondition>(SoqlParser.Parse("SELECT Id FROM Contact WHERE Id IN ('a', 'b') AND LastName NOT IN ('c')").Where);
        var inList = Assert.IsType<SoqlComparison>(and.Operands[0]);
        var notIn = Assert.IsType<SoqlComparison>(and.Operands[1]);

        Assert.Equal(SoqlOperator.In, inList.Operator);
        Assert.Equal(["a", "b"], inList.Values.Select(v => v.Value));
        Assert.Equal(SoqlOperator.NotIn, notIn.Operator);
    }

    [Fact]
    public void Parse_NotAndParentheses_NestConditions()
    {
        var or = Assert.IsType<SoqlOrCondition>(SoqlParser.Parse(
            "SELECT Id FROM Contact WHERE (LastName = 'a' AND Email = null) OR NOT (FirstName = 'b' OR FirstName = 'c')").Where);

        Assert.IsType<SoqlAndCondition>(or.Operands[0]);
        var not = Assert.IsType<SoqlNotCondition>(or.Operands[1]);
        Assert.Equal(2, Assert.IsType<SoqlOrCondition>(not.Operand).Operands.Count);
    }

    [Fact]
    public void Parse_RepeatedAndOr_NeedNoParentheses()
    {
        var and = Assert.IsType<SoqlAndCondition>(SoqlParser.Parse("SELECT Id FROM Contact WHERE a = 1 AND b = 2 AND c = 3").Where);
        var or = Assert.IsType<SoqlOrCondition>(SoqlParser.Parse("SELECT Id FROM Contact WHERE a = 1 OR b = 2 OR c = 3").Where);

        Assert.Equal(3, and.Operands.Count);
        Assert.Equal(3, or.Operands.Count);
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData("-7", -7)]
    [InlineData("3.25", 3.25)]
    [InlineData("+1.5", 1.5)]
    [InlineData("0.001", 0.001)]
    public void Parse_NumberLiteral_IsDecimal(string text, double expected)
    {
        var literal = ValueOf($"SELECT Id FROM Contact WHERE Score__c = {text}");

        Assert.Equal(SoqlLiteralKind.Number, literal.Kind);
        Assert.Equal((decimal)expected, literal.Value);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("False", false)]
    public void Parse_BooleanLiteral_IsCaseInsensitive(string text, bool expected)
    {
        var literal = ValueOf($"SELECT Id FROM Contact WHERE IsDeleted = {text}");

        Assert.Equal(SoqlLiteralKind.Boolean, literal.Kind);
        Assert.Equal(expected, literal.Value);
    }

    [Fact]
    public void Parse_NullLiteral_HasNoValue()
    {
        var literal = ValueOf("SELECT Id FROM Contact WHERE Email = NULL");

        Assert.Equal(SoqlLiteralKind.Null, literal.Kind);
        Assert.Null(literal.Value);
    }

    [Fact]
    public void Parse_DateLiteral_IsDateOnly()
    {
        var literal = ValueOf("SELECT Id FROM Contact WHERE Birthdate = 2024-01-02");

        Assert.Equal(SoqlLiteralKind.Date, literal.Kind);
        Assert.Equal(new DateOnly(2024, 1, 2), literal.Value);
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", "2024-01-02T03:04:05.0000000+00:00")]
    [InlineData("2024-01-02T03:04:05.123Z", "2024-01-02T03:04:05.1230000+00:00")]
    [InlineData("2024-01-02T03:04:05+01:00", "2024-01-02T02:04:05.0000000+00:00")]
    [InlineData("2024-01-02T03:04:05.5-08:00", "2024-01-02T11:04:05.5000000+00:00")]
    [InlineData("2024-01-02t03:04:05z", "2024-01-02T03:04:05.0000000+00:00")]
    public void Parse_DateTimeLiteral_IsUtcInstant(string text, string expectedUtc)
    {
        var literal = ValueOf($"SELECT Id FROM Contact WHERE SystemModstamp > {text}");

        Assert.Equal(SoqlLiteralKind.DateTime, literal.Kind);
        var value = Assert.IsType<DateTimeOffset>(literal.Value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(expectedUtc, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("TODAY", "TODAY", null)]
    [InlineData("yesterday", "YESTERDAY", null)]
    [InlineData("LAST_N_DAYS:30", "LAST_N_DAYS", 30)]
    [InlineData("n_days_ago:2", "N_DAYS_AGO", 2)]
    [InlineData("THIS_FISCAL_YEAR", "THIS_FISCAL_YEAR", null)]
    public void Parse_DateLiteralKeyword_IsDateLiteral(string text, string name, int? n)
    {
        var literal = ValueOf($"SELECT Id FROM Contact WHERE CreatedDate = {text}");

        Assert.Equal(SoqlLiteralKind.DateLiteral, literal.Kind);
        Assert.Equal(new SoqlDateLiteral(name, n), literal.Value);
        Assert.Equal(text, literal.Text);
    }

    [Theory]
    [InlineData(@"'O\'Brien'", "O'Brien")]
    [InlineData(@"'say \""hi\""'", "say \"hi\"")]
    [InlineData(@"'back\\slash'", @"back\slash")]
    [InlineData(@"'a\nb\rc\td'", "a\nb\rc\td")]
    [InlineData(@"'\b\f'", "\b\f")]
    [InlineData(@"'caf\u00e9'", "café")]
    [InlineData(@"'100\%'", "100%")]
    [InlineData(@"'a\_b'", "a_b")]
    [InlineData("''", "")]
    [InlineData("'Ünïcødé 名前'", "Ünïcødé 名前")]
    public void Parse_StringEscapes_AreDecoded(string text, string expected)
    {
        Assert.Equal(expected, ValueOf($"SELECT Id FROM Contact WHERE LastName = {text}").Value);
    }

    [Theory]
    [InlineData(@"'100\%'", @"100\%")]
    [InlineData(@"'a\_b%'", @"a\_b%")]
    [InlineData(@"'x\\y'", @"x\\y")]
    [InlineData("'plain%'", "plain%")]
    public void Parse_LikeEscapes_KeepLiteralWildcardsEscaped(string text, string expectedPattern)
    {
        Assert.Equal(expectedPattern, ValueOf($"SELECT Id FROM Contact WHERE LastName LIKE {text}").LikePattern);
    }

    [Fact]
    public void Parse_MultiLineQuery_TracksLinesAndColumns()
    {
        var query = SoqlParser.Parse("SELECT Id,\n  Email\nFROM Contact\nWHERE LastName = 'x'");

        Assert.Equal(new SoqlPosition(13, 2, 3), query.Fields[1].Position);
        Assert.Equal(3, query.FromPosition.Line);
        Assert.Equal(6, query.FromPosition.Column);
    }

    [Fact]
    public void Parse_FromAlias_IsKept()
    {
        var query = SoqlParser.Parse("SELECT c.Email FROM Contact c WHERE c.LastName = 'x'");

        Assert.Equal("c", query.FromAlias);
    }

    [Fact]
    public void Parse_ObjectFollowedByClauseKeyword_IsNotAnAlias()
    {
        Assert.Null(SoqlParser.Parse("SELECT Id FROM Contact LIMIT 1").FromAlias);
        Assert.Null(SoqlParser.Parse("SELECT Id FROM Contact ORDER BY Id").FromAlias);
    }

    private static SoqlLiteral ValueOf(string soql) =>
        Assert.Single(Assert.IsType<SoqlComparison>(SoqlParser.Parse(soql).Where).Values);
}
