using Rapport.SalesforceEmulator.Soql;
using Rapport.SalesforceEmulator.Tests.Soql.Support;

namespace Rapport.SalesforceEmulator.Tests.Soql;

public class SoqlErrorTests
{
    private const string CustomFieldHint =
        "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";

    private readonly SoqlTestOrg _org = new();

    [Fact]
    public void Parse_MisspelledFrom_ReportsUnexpectedTokenWithCaret()
    {
        var error = ParseError("SELECT Id FRM Contact");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.Equal("\nSELECT Id FRM Contact\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FRM'", error.Message);
        Assert.Equal(1, error.Row);
        Assert.Equal(11, error.Column);
    }

    [Fact]
    public void Parse_IncompleteWhere_ReportsEof()
    {
        var error = ParseError("SELECT Id FROM Account WHERE");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.Equal("\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'", error.Message);
    }

    [Fact]
    public void Parse_MixedAndOrWithoutParentheses_RejectsTheSecondOperator()
    {
        var error = ParseError("SELECT Id FROM Contact WHERE LastName = 'a' AND Email = 'b' OR Phone = 'c'");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.EndsWith("ERROR at Row:1:Column:61\nunexpected token: 'OR'", error.Message);
    }

    [Fact]
    public void Parse_LongLine_EchoesFiveTokensBeforeAndFourAfter()
    {
        var error = ParseError("SELECT Id, Name FROM Contact WHERE Email = liam.carter@example.com ORDER BY CreatedDate");

        Assert.Equal(
            "\nContact WHERE Email = liam.carter@example.com ORDER BY CreatedDate\n                                 ^\nERROR at Row:1:Column:55\nunexpected token: '@'",
            error.Message);
    }

    [Fact]
    public void Parse_ErrorOnLaterLine_EchoesThatLine()
    {
        var error = ParseError("SELECT Id\nFROM Contact\nWHERE LastName = 'x' LIMIT");

        Assert.Equal("\nWHERE LastName = 'x' LIMIT\n                          ^\nERROR at Row:3:Column:27\nunexpected token: '<EOF>'", error.Message);
    }

    [Theory]
    [InlineData("SELECT FROM Contact", "FROM")]
    [InlineData("SELECT Id, FROM Contact", "FROM")]
    [InlineData("SELECT Id FROM", "<EOF>")]
    [InlineData("SELECT Id FROM Contact WHERE LastName 'x'", "'x'")]
    [InlineData("SELECT Id FROM Contact WHERE LastName = ", "<EOF>")]
    [InlineData("SELECT Id FROM Contact WHERE Id IN ()", ")")]
    [InlineData("SELECT Id FROM Contact WHERE Id IN ('a',)", ")")]
    [InlineData("SELECT Id FROM Contact WHERE (LastName = 'a'", "<EOF>")]
    [InlineData("SELECT Id FROM Contact WHERE LastName = 'a')", ")")]
    [InlineData("SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS", "<EOF>")]
    [InlineData("SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS:x", "x")]
    [InlineData("SELECT Id FROM Contact ORDER Id", "Id")]
    [InlineData("SELECT Id FROM Contact ORDER BY Id NULLS", "<EOF>")]
    [InlineData("SELECT Id FROM Contact LIMIT 'a'", "'a'")]
    [InlineData("SELECT Id FROM Contact LIMIT 1.5", "1.5")]
    [InlineData("SELECT Id FROM Contact GROUP BY Id", "GROUP")]
    [InlineData("SELECT Id, (SELECT Id FROM Contacts) FROM Account", "(")]
    [InlineData("SELECT Id FROM Contact WHERE Id INCLUDES ('a')", "INCLUDES")]
    [InlineData("SELECT Id FROM Contact OFFSET 1 LIMIT 1", "LIMIT")]
    [InlineData("SELECT COUNT(), Id FROM Contact", ",")]
    [InlineData("SELECT Id, COUNT() FROM Contact", "COUNT")]
    [InlineData("DELETE FROM Contact", "DELETE")]
    [InlineData("", "<EOF>")]
    public void Parse_SyntaxError_ReportsTheUnexpectedToken(string soql, string token)
    {
        var error = ParseError(soql);

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.EndsWith($"\nunexpected token: '{token}'", error.Message);
        Assert.StartsWith("\n", error.Message);
        Assert.Contains("ERROR at Row:", error.Message);
    }

    [Fact]
    public void Parse_NameWhereValueBelongs_ReportsBindVariables()
    {
        var error = ParseError("SELECT Id FROM Contact WHERE Approved_Date__c > Last_Upload_Date__c");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.EndsWith("ERROR at Row:1:Column:49\nBind variables only allowed in Apex Code", error.Message);
    }

    [Fact]
    public void Parse_CharacterOutsideGrammar_IsAnUnexpectedToken()
    {
        var error = ParseError("SELECT Id from $casecomment WHERE isdeleted = false");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.Equal("\nSELECT Id from $casecomment WHERE isdeleted =\n               ^\nERROR at Row:1:Column:16\nunexpected token: '$'", error.Message);
    }

    [Fact]
    public void Parse_DoubleQuotedString_IsRejected()
    {
        var error = ParseError("SELECT Id FROM Contact WHERE LastName = \"x\"");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.EndsWith("ERROR at Row:1:Column:41\nunexpected token: '\"'", error.Message);
    }

    [Fact]
    public void Parse_UnterminatedString_IsRejected()
    {
        var error = ParseError("SELECT Id FROM Contact WHERE LastName = 'abc");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.EndsWith("ERROR at Row:1:Column:41\nunexpected token: ''abc'", error.Message);
    }

    [Fact]
    public void Parse_UnknownEscape_IsRejected()
    {
        var error = ParseError(@"SELECT Id FROM Contact WHERE LastName = 'a\qb'");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.Equal(@"Invalid string literal ''a\q'. Illegal character sequence '\q' in string literal.", error.Message);
    }

    [Theory]
    [InlineData("2020-12-12T12:12:00-25:00")]
    [InlineData("2020-52-12T12:12:00-05:00")]
    [InlineData("2020-01-01T24:00:00Z")]
    [InlineData("2020-01-01T10:00:00")]
    [InlineData("2020-01-01T10:00Z")]
    public void Parse_InvalidDateTime_ReportsInvalidDatetime(string literal)
    {
        var error = ParseError($"SELECT Id FROM Account WHERE SystemModstamp > {literal}");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.Equal($"Invalid datetime: {literal}", error.Message);
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    public void Parse_InvalidDate_ReportsInvalidDate(string literal)
    {
        var error = ParseError($"SELECT Id FROM Contact WHERE Birthdate = {literal}");

        Assert.Equal($"Invalid date: {literal}", error.Message);
    }

    [Fact]
    public void Parse_OffsetAbove2000_ReportsNumberOutsideValidRange()
    {
        var error = ParseError("SELECT Id FROM Contact LIMIT 10 OFFSET 2001");

        Assert.Equal("NUMBER_OUTSIDE_VALID_RANGE", error.ErrorCode);
        Assert.Equal("Maximum SOQL offset allowed is 2000", error.Message);
    }

    [Fact]
    public void Parse_LimitBeyondInt_ReportsNumericValueOutOfRange()
    {
        var error = ParseError("SELECT Id FROM Contact LIMIT 2147483648");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.Equal("numeric value out of range: 2147483648", error.Message);
    }

    [Fact]
    public void Prepare_UnknownObject_ReportsInvalidType()
    {
        var error = PrepareError("SELECT Id FROM Foo");

        Assert.Equal("INVALID_TYPE", error.ErrorCode);
        Assert.Equal(
            "\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
            error.Message);
    }

    [Fact]
    public void Prepare_UnknownSelectedField_ReportsInvalidField()
    {
        var error = PrepareError("SELECT Id, Foo FROM Contact");

        Assert.Equal("INVALID_FIELD", error.ErrorCode);
        Assert.Equal(
            $"\nSELECT Id, Foo FROM Contact\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on entity 'Contact'. {CustomFieldHint}",
            error.Message);
    }

    [Fact]
    public void Prepare_UnknownFieldOnParent_NamesTheParentEntity()
    {
        var error = PrepareError("SELECT account.Foo FROM contact");

        Assert.Equal("INVALID_FIELD", error.ErrorCode);
        Assert.EndsWith($"ERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Account'. {CustomFieldHint}", error.Message);
    }

    [Fact]
    public void Prepare_UnknownRelationship_ReportsDidNotUnderstandRelationship()
    {
        var error = PrepareError("SELECT COUNT() FROM Contact WHERE RecordType.Name = 'Volunteer'");

        Assert.Equal("INVALID_FIELD", error.ErrorCode);
        Assert.Equal(
            "\nSELECT COUNT() FROM Contact WHERE RecordType.Name = 'Volunteer'\n                                  ^\nERROR at Row:1:Column:35\nDidn't understand relationship 'RecordType' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
            error.Message);
    }

    [Fact]
    public void Prepare_PathThroughNonReferenceField_ReportsRelationshipError()
    {
        var error = PrepareError("SELECT Email.Domain FROM Contact");

        Assert.Equal("INVALID_FIELD", error.ErrorCode);
        Assert.Contains("Didn't understand relationship 'Email' in field path.", error.Message);
    }

    [Fact]
    public void Prepare_RelationshipWithoutField_ReportsNoSuchColumn()
    {
        var error = PrepareError("SELECT Account FROM Contact");

        Assert.Contains("No such column 'Account' on entity 'Contact'.", error.Message);
    }

    [Theory]
    [InlineData("SELECT Id FROM Contact WHERE Foo__c = 1", 30)]
    [InlineData("SELECT Id FROM Contact ORDER BY Foo__c", 33)]
    [InlineData("SELECT COUNT(Foo__c) FROM Contact", 14)]
    public void Prepare_UnknownFieldInAnyClause_ReportsItsColumn(string soql, int column)
    {
        var error = PrepareError(soql);

        Assert.Equal("INVALID_FIELD", error.ErrorCode);
        Assert.Equal(column, error.Column);
        Assert.Contains("No such column 'Foo__c' on entity 'Contact'.", error.Message);
    }

    [Fact]
    public void Prepare_DuplicateField_ReportsDuplicateFieldSelected()
    {
        var error = PrepareError("SELECT Id, Email, email FROM Contact");

        Assert.Equal("INVALID_FIELD", error.ErrorCode);
        Assert.Equal("duplicate field selected: Email", error.Message);
    }

    [Theory]
    [InlineData("SELECT Id FROM Contact WHERE CreatedDate > '2024-01-01T00:00:00Z'", "CreatedDate", "dateTime", "should not")]
    [InlineData("SELECT Id FROM Contact WHERE CreatedDate > 2024-01-01", "CreatedDate", "dateTime", "should not")]
    [InlineData("SELECT Id FROM Contact WHERE Birthdate = 2024-01-01T00:00:00Z", "Birthdate", "date", "should not")]
    [InlineData("SELECT Id FROM Contact WHERE Birthdate = '2024-01-01'", "Birthdate", "date", "should not")]
    [InlineData("SELECT Id FROM Contact WHERE IsDeleted = 'false'", "IsDeleted", "boolean", "should not")]
    [InlineData("SELECT Id FROM Contact WHERE Score__c = '5'", "Score__c", "double", "should not")]
    [InlineData("SELECT Id FROM Contact WHERE NumberOfPets__c IN (1, '2')", "NumberOfPets__c", "int", "should not")]
    [InlineData("SELECT Id FROM Account WHERE AnnualRevenue > true", "AnnualRevenue", "currency", "should not")]
    [InlineData("SELECT Id FROM Contact WHERE LastName = 5", "LastName", "string", "should")]
    [InlineData("SELECT Id FROM Contact WHERE AccountId = TODAY", "AccountId", "string", "should")]
    [InlineData("SELECT Id FROM Contact WHERE account.name = false", "account.name", "string", "should")]
    public void Prepare_ValueOfWrongType_ReportsFilterCriterionType(string soql, string field, string type, string quotes)
    {
        var error = PrepareError(soql);

        Assert.Equal("INVALID_FIELD", error.ErrorCode);
        Assert.EndsWith($"\nvalue of filter criterion for field '{field}' must be of type {type} and {quotes} be enclosed in quotes", error.Message);
    }

    [Fact]
    public void Prepare_MalformedIdValue_ReportsInvalidIdField()
    {
        var error = PrepareError("SELECT Id FROM Contact WHERE Id = 'abc'");

        Assert.Equal("INVALID_QUERY_FILTER_OPERATOR", error.ErrorCode);
        Assert.Equal("\nFROM Contact WHERE Id = 'abc'\n                        ^\nERROR at Row:1:Column:35\ninvalid ID field: abc", error.Message);
    }

    [Fact]
    public void Prepare_LikeOnIdField_ReportsInvalidOperator()
    {
        var error = PrepareError("SELECT Id FROM Contact WHERE AccountId LIKE '001%'");

        Assert.Equal("INVALID_QUERY_FILTER_OPERATOR", error.ErrorCode);
        Assert.EndsWith("\ninvalid operator on id field", error.Message);
    }

    [Theory]
    [InlineData("SELECT Id FROM Contact WHERE IsDeleted LIKE 'true'", "boolean")]
    [InlineData("SELECT Id FROM Contact WHERE Score__c LIKE '1%'", "double")]
    [InlineData("SELECT Id FROM Contact WHERE IsDeleted > false", "boolean")]
    public void Prepare_OperatorNotValidForType_ReportsInvalidOperator(string soql, string type)
    {
        var error = PrepareError(soql);

        Assert.Equal("INVALID_QUERY_FILTER_OPERATOR", error.ErrorCode);
        Assert.EndsWith($"\ninvalid operator on {type} field", error.Message);
    }

    [Fact]
    public void Prepare_FieldMixedWithAggregate_ReportsMustBeGrouped()
    {
        var error = PrepareError("SELECT Name, COUNT(Id) FROM Account");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.EndsWith("\nField must be grouped or aggregated: Name", error.Message);
    }

    [Fact]
    public void Prepare_AggregateWithOrderBy_ReportsOrderedFieldMustBeGrouped()
    {
        var error = PrepareError("SELECT COUNT(Id) FROM Account ORDER BY Name");

        Assert.Equal("MALFORMED_QUERY", error.ErrorCode);
        Assert.EndsWith("\nOrdered field must be grouped or aggregated: Name", error.Message);
    }

    private static SoqlException ParseError(string soql) => Assert.Throws<SoqlException>(() => SoqlParser.Parse(soql));

    private SoqlException PrepareError(string soql) =>
        Assert.Throws<SoqlException>(() => SoqlExecutor.Prepare(SoqlParser.Parse(soql), _org.Schema));
}
