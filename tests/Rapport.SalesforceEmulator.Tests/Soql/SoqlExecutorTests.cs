using Rapport.SalesforceEmulator.Soql;
using Rapport.SalesforceEmulator.Tests.Soql.Support;

namespace Rapport.SalesforceEmulator.Tests.Soql;

public class SoqlExecutorTests
{
    private readonly SoqlTestOrg _org = new();
    private readonly string _owner;
    private readonly string _acme;
    private readonly string _globex;

    public SoqlExecutorTests()
    {
        _owner = _org.Add("User", ("Name", "Olivia Owner"), ("Email", "olivia@example.com"), ("IsActive", true));
        _acme = _org.Add("Account", ("Name", "Acme"), ("Industry", "Retail"), ("AnnualRevenue", 1_000_000m), ("OwnerId", _owner));
        _globex = _org.Add("Account", ("Name", "Globex"), ("Industry", null), ("AnnualRevenue", 250.5m));
        AddContact("Ann", "Smith", "ann@example.com", 2, 10.5, _acme);
        AddContact("bob", "jones", "BOB@Example.com", 0, null, _acme);
        AddContact("Cy", "Smith", null, null, 99.0, _globex);
        AddContact("Dee", "O'Brien", "dee@example.org", 5, -1.25, null);
    }

    [Fact]
    public void Execute_SelectFields_ProjectsCanonicalNamesInSelectOrder()
    {
        var result = _org.Run("select lastname, ID, email from CONTACT where firstname = 'Ann'");

        var record = Assert.Single(result.GetRecords(0, 10));
        Assert.Equal("Contact", record.ObjectType);
        Assert.Equal(["LastName", "Id", "Email"], record.Fields.Select(f => f.Key));
        Assert.Equal("Smith", record.Fields[0].Value);
        Assert.Equal(record.Id, record.Fields[1].Value);
        Assert.Equal(["LastName", "Id", "Email"], result.Columns.Select(c => c.Path));
    }

    [Fact]
    public void Execute_NoWhere_ReturnsEveryRowInArrivalOrder()
    {
        Assert.Equal(["Ann", "bob", "Cy", "Dee"], _org.Column("SELECT FirstName FROM Contact", "FirstName"));
    }

    [Fact]
    public void Execute_StringEquals_IsCaseInsensitive()
    {
        Assert.Equal(["bob"], _org.Column("SELECT FirstName FROM Contact WHERE Email = 'bob@example.COM'", "FirstName"));
        Assert.Equal(["bob"], _org.Column("SELECT FirstName FROM Contact WHERE LastName = 'JONES'", "FirstName"));
    }

    [Fact]
    public void Execute_NotEquals_IncludesNullFields()
    {
        Assert.Equal(["Ann", "bob", "Cy"], _org.Column("SELECT FirstName FROM Contact WHERE Email != 'dee@example.org'", "FirstName"));
        Assert.Equal(["Ann", "bob", "Cy"], _org.Column("SELECT FirstName FROM Contact WHERE Email <> 'DEE@example.org'", "FirstName"));
    }

    [Fact]
    public void Execute_EqualsNullAndNotEqualsNull_SelectByPresence()
    {
        Assert.Equal(["Cy"], _org.Column("SELECT FirstName FROM Contact WHERE Email = null", "FirstName"));
        Assert.Equal(["Ann", "bob", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE Email != null", "FirstName"));
        Assert.Equal(["Dee"], _org.Column("SELECT FirstName FROM Contact WHERE AccountId = null", "FirstName"));
    }

    [Fact]
    public void Execute_EmptyString_MeansNull()
    {
        Assert.Equal(["Cy"], _org.Column("SELECT FirstName FROM Contact WHERE Email = ''", "FirstName"));
        Assert.Equal(["Ann", "bob", "Cy"], _org.Column("SELECT FirstName FROM Contact WHERE AccountId != ''", "FirstName"));
    }

    [Theory]
    [InlineData("<", new[] { "bob" })]
    [InlineData("<=", new[] { "bob", "Dee" })]
    [InlineData(">", new[] { "Ann", "Cy" })]
    [InlineData(">=", new[] { "Ann", "Cy", "Dee" })]
    public void Execute_StringOrdering_ComparesCaseInsensitively(string op, string[] expected)
    {
        Assert.Equal(expected, _org.Column($"SELECT FirstName FROM Contact WHERE LastName {op} 'o\\'brien'", "FirstName"));
    }

    [Fact]
    public void Execute_StringOrdering_SkipsNullFields()
    {
        Assert.Equal(["Ann", "bob"], _org.Column("SELECT FirstName FROM Contact WHERE Email < 'c'", "FirstName"));
        Assert.Equal(["Dee"], _org.Column("SELECT FirstName FROM Contact WHERE Email > 'c'", "FirstName"));
    }

    [Theory]
    [InlineData("= 2", new[] { "Ann" })]
    [InlineData("!= 2", new[] { "bob", "Cy", "Dee" })]
    [InlineData("< 2", new[] { "bob" })]
    [InlineData("<= 2", new[] { "Ann", "bob" })]
    [InlineData("> 2", new[] { "Dee" })]
    [InlineData(">= 0", new[] { "Ann", "bob", "Dee" })]
    [InlineData("IN (0, 5)", new[] { "bob", "Dee" })]
    [InlineData("NOT IN (0, 5)", new[] { "Ann", "Cy" })]
    [InlineData("= null", new[] { "Cy" })]
    [InlineData("IN (2, null)", new[] { "Ann", "Cy" })]
    public void Execute_IntegerField_ComparesNumbers(string condition, string[] expected)
    {
        Assert.Equal(expected, _org.Column($"SELECT FirstName FROM Contact WHERE NumberOfPets__c {condition}", "FirstName"));
    }

    [Theory]
    [InlineData("> 10", new[] { "Ann", "Cy" })]
    [InlineData("= 10.50", new[] { "Ann" })]
    [InlineData("< 0", new[] { "Dee" })]
    [InlineData("= -1.25", new[] { "Dee" })]
    public void Execute_DoubleField_ComparesNumbers(string condition, string[] expected)
    {
        Assert.Equal(expected, _org.Column($"SELECT FirstName FROM Contact WHERE Score__c {condition}", "FirstName"));
    }

    [Fact]
    public void Execute_CurrencyField_ComparesDecimals()
    {
        Assert.Equal(["Acme"], _org.Column("SELECT Name FROM Account WHERE AnnualRevenue >= 1000000", "Name"));
        Assert.Equal(["Globex"], _org.Column("SELECT Name FROM Account WHERE AnnualRevenue = 250.5", "Name"));
    }

    [Fact]
    public void Execute_BooleanField_MatchesTrueAndFalse()
    {
        Assert.Equal(["bob"], _org.Column("SELECT FirstName FROM Contact WHERE HasOptedOutOfEmail = true", "FirstName"));
        Assert.Equal(["Ann", "Cy", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE HasOptedOutOfEmail = FALSE", "FirstName"));
        Assert.Equal(["Ann", "Cy", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE HasOptedOutOfEmail != true", "FirstName"));
    }

    [Theory]
    [InlineData("'sm%'", new[] { "Ann", "Cy" })]
    [InlineData("'%TH'", new[] { "Ann", "Cy" })]
    [InlineData("'%o%'", new[] { "bob", "Dee" })]
    [InlineData("'j_nes'", new[] { "bob" })]
    [InlineData("'_m%h'", new[] { "Ann", "Cy" })]
    [InlineData("'smith'", new[] { "Ann", "Cy" })]
    [InlineData("'%'", new[] { "Ann", "bob", "Cy", "Dee" })]
    [InlineData("'o\\'%'", new[] { "Dee" })]
    public void Execute_Like_MatchesWildcardsCaseInsensitively(string pattern, string[] expected)
    {
        Assert.Equal(expected, _org.Column($"SELECT FirstName FROM Contact WHERE LastName LIKE {pattern}", "FirstName"));
    }

    [Fact]
    public void Execute_LikeWithoutMatch_ReturnsNothing()
    {
        Assert.Empty(_org.Column("SELECT FirstName FROM Contact WHERE LastName LIKE '%x%'", "FirstName"));
    }

    [Fact]
    public void Execute_LikeWithEscapedWildcards_MatchesThemLiterally()
    {
        _org.Add("Contact", ("FirstName", "Pct"), ("LastName", "100% sure"));
        _org.Add("Contact", ("FirstName", "Under"), ("LastName", "a_b"));
        _org.Add("Contact", ("FirstName", "Plain"), ("LastName", "100 x sure"));
        _org.Add("Contact", ("FirstName", "Slash"), ("LastName", @"c:\temp"));

        Assert.Equal(["Pct"], _org.Column(@"SELECT FirstName FROM Contact WHERE LastName LIKE '100\% %'", "FirstName"));
        Assert.Equal(["Under"], _org.Column(@"SELECT FirstName FROM Contact WHERE LastName LIKE 'a\_b'", "FirstName"));
        Assert.Equal(["Slash"], _org.Column(@"SELECT FirstName FROM Contact WHERE LastName LIKE '%\\temp'", "FirstName"));
        Assert.Equal(["Pct", "Plain"], _org.Column(@"SELECT FirstName FROM Contact WHERE LastName LIKE '100%sure'", "FirstName"));
    }

    [Fact]
    public void Execute_LikeWithEscapedQuote_MatchesApostrophe()
    {
        Assert.Equal(["Dee"], _org.Column(@"SELECT FirstName FROM Contact WHERE LastName = 'o\'brien'", "FirstName"));
    }

    [Fact]
    public void Execute_InAndNotIn_AreCaseInsensitiveAndHandleNull()
    {
        Assert.Equal(["Ann", "bob"], _org.Column("SELECT FirstName FROM Contact WHERE Email IN ('ANN@example.com', 'bob@example.com')", "FirstName"));
        Assert.Equal(["Cy", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE Email NOT IN ('ANN@example.com', 'bob@example.com')", "FirstName"));
        Assert.Equal(["Ann", "Cy"], _org.Column("SELECT FirstName FROM Contact WHERE Email IN ('ann@example.com', null)", "FirstName"));
    }

    [Fact]
    public void Execute_IdIn_AcceptsFifteenAndEighteenCharacterIds()
    {
        var ids = _org.Rows("Contact").Select(r => (string)r["Id"]!).ToArray();

        var result = _org.Column($"SELECT FirstName FROM Contact WHERE Id IN ('{ids[1]}', '{ids[3][..15]}')", "FirstName");
        var single = _org.Column($"SELECT FirstName FROM Contact WHERE Id = '{ids[2][..15]}'", "FirstName");

        Assert.Equal(["bob", "Dee"], result);
        Assert.Equal(["Cy"], single);
    }

    [Fact]
    public void Execute_IdOrdering_PagesByIdGreaterThan()
    {
        var ids = _org.Rows("Contact").Select(r => (string)r["Id"]!).ToArray();

        Assert.Equal(["Cy", "Dee"], _org.Column($"SELECT FirstName FROM Contact WHERE Id > '{ids[1]}' ORDER BY Id", "FirstName"));
    }

    [Fact]
    public void Execute_ReferenceEquals_MatchesLookup()
    {
        Assert.Equal(["Ann", "bob"], _org.Column($"SELECT FirstName FROM Contact WHERE AccountId = '{_acme}'", "FirstName"));
    }

    [Fact]
    public void Execute_AndOrNot_Combine()
    {
        Assert.Equal(["Ann"], _org.Column("SELECT FirstName FROM Contact WHERE LastName = 'Smith' AND Email != null", "FirstName"));
        Assert.Equal(["Ann", "Cy", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE LastName = 'Smith' OR Email LIKE '%.org'", "FirstName"));
        Assert.Equal(["bob", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE NOT LastName = 'Smith'", "FirstName"));
        Assert.Equal(["Ann", "bob"], _org.Column(
            "SELECT FirstName FROM Contact WHERE (LastName = 'Smith' OR LastName = 'Jones') AND NOT (Email = null)", "FirstName"));
        Assert.Equal(["Ann", "bob", "Cy"], _org.Column(
            "SELECT FirstName FROM Contact WHERE NumberOfPets__c < 3 OR (Score__c > 50 AND Email = null) OR FirstName = 'bob'", "FirstName"));
    }

    [Fact]
    public void Execute_ParentPathInSelect_RendersNestedRecordOrNull()
    {
        var result = _org.Run("SELECT Id, Account.Name, Email, account.owner.email, Account.Industry FROM Contact ORDER BY FirstName");
        var records = result.GetRecords(0, 4);

        var ann = records[0];
        Assert.Equal(["Id", "Account", "Email"], ann.Fields.Select(f => f.Key));
        var account = Assert.IsType<SoqlRecord>(ann.Fields[1].Value);
        Assert.Equal("Account", account.ObjectType);
        Assert.Equal(_acme, account.Id);
        Assert.Equal(["Name", "Owner", "Industry"], account.Fields.Select(f => f.Key));
        Assert.Equal("Acme", account.Fields[0].Value);
        var owner = Assert.IsType<SoqlRecord>(account.Fields[1].Value);
        Assert.Equal("User", owner.ObjectType);
        Assert.Equal("olivia@example.com", Assert.Single(owner.Fields).Value);

        var cy = records[2];
        var globex = Assert.IsType<SoqlRecord>(cy.Fields[1].Value);
        Assert.Null(globex.Fields[1].Value);
        Assert.Null(globex.Fields[2].Value);

        var dee = records[3];
        Assert.Equal(new KeyValuePair<string, object?>("Account", null), dee.Fields[1]);
        Assert.Equal(["Id", "Account.Name", "Email", "Account.Owner.Email", "Account.Industry"], result.Columns.Select(c => c.Path));
    }

    [Fact]
    public void Execute_FlatValues_FollowColumns()
    {
        var result = _org.Run("SELECT FirstName, Account.Name, Account.Owner.Name FROM Contact WHERE FirstName = 'Ann'");

        Assert.Equal(["Ann", "Acme", "Olivia Owner"], result.GetValues(0));
    }

    [Fact]
    public void Execute_ParentPathInWhere_FiltersOnParentField()
    {
        Assert.Equal(["Ann", "bob"], _org.Column("SELECT FirstName FROM Contact WHERE Account.Name = 'acme'", "FirstName"));
        Assert.Equal(["Cy", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE Account.Industry = null", "FirstName"));
        Assert.Equal(["Ann", "bob"], _org.Column("SELECT FirstName FROM Contact WHERE Account.Owner.Email LIKE 'olivia@%'", "FirstName"));
    }

    [Fact]
    public void Execute_ObjectNameOrAliasPrefix_IsAccepted()
    {
        Assert.Equal(["Ann"], _org.Column("SELECT Contact.FirstName FROM Contact WHERE Contact.FirstName = 'ann'", "FirstName"));
        Assert.Equal(["Ann"], _org.Column("SELECT c.FirstName FROM Contact c WHERE c.FirstName = 'ann'", "FirstName"));
    }

    [Fact]
    public void Execute_PolymorphicLookup_ResolvesWhicheverObjectHasTheId()
    {
        var lead = _org.Add("Lead", ("LastName", "Leadson"), ("Company", "LeadCo"));
        var contact = (string)_org.Rows("Contact")[0]["Id"]!;
        _org.Add("Event", ("Subject", "Call"), ("WhoId", contact));
        _org.Add("Event", ("Subject", "Demo"), ("WhoId", lead));

        var records = _org.Run("SELECT Subject, Who.LastName FROM Event ORDER BY Subject").GetRecords(0, 2);

        var call = Assert.IsType<SoqlRecord>(records[0].Fields[1].Value);
        var demo = Assert.IsType<SoqlRecord>(records[1].Fields[1].Value);
        Assert.Equal(("Contact", "Smith"), (call.ObjectType, call.Fields[0].Value));
        Assert.Equal(("Lead", "Leadson"), (demo.ObjectType, demo.Fields[0].Value));
    }

    [Fact]
    public void Execute_OrderByAscending_PutsNullsFirst()
    {
        Assert.Equal([null, "ann@example.com", "BOB@Example.com", "dee@example.org"], _org.Column("SELECT Email FROM Contact ORDER BY Email", "Email"));
    }

    [Fact]
    public void Execute_OrderByDescending_PutsNullsLast()
    {
        Assert.Equal(["dee@example.org", "BOB@Example.com", "ann@example.com", null], _org.Column("SELECT Email FROM Contact ORDER BY Email DESC", "Email"));
    }

    [Fact]
    public void Execute_OrderByExplicitNulls_OverridesDefault()
    {
        Assert.Equal([5L, 2L, null, 0L], _org.Column("SELECT NumberOfPets__c FROM Contact ORDER BY Score__c ASC NULLS LAST", "NumberOfPets__c"));
        Assert.Equal([null, 5L, 2L, 0L], _org.Column("SELECT NumberOfPets__c FROM Contact ORDER BY NumberOfPets__c DESC NULLS FIRST", "NumberOfPets__c"));
    }

    [Fact]
    public void Execute_OrderBySeveralKeys_BreaksTiesWithLaterKeys()
    {
        Assert.Equal(["Cy", "Ann", "Dee", "bob"], _org.Column("SELECT FirstName FROM Contact ORDER BY LastName DESC, FirstName DESC", "FirstName"));
        Assert.Equal(["bob", "Dee", "Ann", "Cy"], _org.Column("SELECT FirstName FROM Contact ORDER BY LastName, FirstName", "FirstName"));
    }

    [Fact]
    public void Execute_OrderByParentField_SortsByParentValue()
    {
        Assert.Equal(["Dee", "Ann", "bob", "Cy"], _org.Column("SELECT FirstName FROM Contact ORDER BY Account.Name, FirstName", "FirstName"));
    }

    [Fact]
    public void Execute_OrderByDateTimeAndBoolean_UsesTypedOrder()
    {
        Assert.Equal(["Dee", "Cy", "bob", "Ann"], _org.Column("SELECT FirstName FROM Contact ORDER BY CreatedDate DESC", "FirstName"));
        Assert.Equal(["Ann", "Cy", "Dee", "bob"], _org.Column("SELECT FirstName FROM Contact ORDER BY HasOptedOutOfEmail, FirstName", "FirstName"));
    }

    [Fact]
    public void Execute_LimitAndOffset_ApplyAfterOrdering()
    {
        var result = _org.Run("SELECT FirstName FROM Contact ORDER BY FirstName DESC LIMIT 2 OFFSET 1");

        Assert.Equal(2, result.TotalSize);
        Assert.Equal(["Cy", "bob"], result.GetRecords(0, 10).Select(r => r.Fields[0].Value));
    }

    [Fact]
    public void Execute_LimitWithoutOrder_StopsAtTheLimit()
    {
        var result = _org.Run("SELECT FirstName FROM Contact LIMIT 3 OFFSET 2");

        Assert.Equal(2, result.TotalSize);
        Assert.Equal(["Cy", "Dee"], result.GetRecords(0, 10).Select(r => r.Fields[0].Value));
    }

    [Fact]
    public void Execute_OffsetPastTheEnd_ReturnsNothing()
    {
        var result = _org.Run("SELECT Id FROM Contact OFFSET 10");

        Assert.Equal(0, result.TotalSize);
        Assert.Empty(result.GetRecords(0, 10));
    }

    [Fact]
    public void Execute_LimitZero_ReturnsNothing()
    {
        Assert.Equal(0, _org.Run("SELECT Id FROM Contact LIMIT 0").TotalSize);
    }

    [Fact]
    public void Execute_CountStar_ReturnsOnlyTheCount()
    {
        var result = _org.Run("SELECT COUNT() FROM Contact WHERE LastName = 'smith'");

        Assert.Equal(2, result.TotalSize);
        Assert.Equal(0, result.RecordCount);
        Assert.Empty(result.GetRecords(0, 10));
        Assert.True(result.Query.IsCount);
    }

    [Fact]
    public void Execute_CountStarWithLimit_IsCapped()
    {
        Assert.Equal(3, _org.Run("SELECT COUNT() FROM Contact LIMIT 3").TotalSize);
    }

    [Fact]
    public void Execute_CountField_ReturnsOneAggregateRow()
    {
        var result = _org.Run("SELECT COUNT(Id), COUNT(Email) withEmail, COUNT(AccountId) FROM Contact");

        Assert.Equal(1, result.TotalSize);
        var row = Assert.Single(result.GetRecords(0, 10));
        Assert.Equal("AggregateResult", row.ObjectType);
        Assert.Null(row.Id);
        Assert.Equal([new("expr0", 4), new("withEmail", 3), new KeyValuePair<string, object?>("expr1", 3)], row.Fields);
    }

    [Fact]
    public void Execute_DeletedRows_AreHiddenUnlessIncluded()
    {
        _org.Add("Contact", ("FirstName", "Gone"), ("LastName", "Smith"), ("IsDeleted", true));

        var query = _org.Run("SELECT FirstName FROM Contact WHERE LastName = 'Smith'");
        var queryAll = _org.Run("SELECT FirstName FROM Contact WHERE LastName = 'Smith'", new SoqlExecutionOptions { IncludeDeleted = true });
        var onlyDeleted = _org.Run("SELECT FirstName FROM Contact WHERE IsDeleted = true", new SoqlExecutionOptions { IncludeDeleted = true });

        Assert.Equal(2, query.TotalSize);
        Assert.Equal(3, queryAll.TotalSize);
        Assert.Equal("Gone", Assert.Single(onlyDeleted.GetRecords(0, 5)).Fields[0].Value);
    }

    [Fact]
    public void Execute_DateTimeLiterals_CompareInstantsAcrossOffsets()
    {
        Assert.Equal(["Cy", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE CreatedDate > 2024-03-01T00:00:00Z", "FirstName"));
        Assert.Equal(["Cy", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE CreatedDate >= 2024-03-01T09:30:00+09:30", "FirstName"));
        Assert.Equal(["bob"], _org.Column("SELECT FirstName FROM Contact WHERE CreatedDate = 2024-02-01T11:00:00.000Z", "FirstName"));
        Assert.Equal(["bob"], _org.Column("SELECT FirstName FROM Contact WHERE CreatedDate = 2024-02-01T12:00:00+01:00", "FirstName"));
        Assert.Equal(["Ann"], _org.Column("SELECT FirstName FROM Contact WHERE SystemModstamp < 2024-02-01T00:00:00Z", "FirstName"));
    }

    [Fact]
    public void Execute_InstantsStoredAsUtcDateTime_CompareAndSortLikeDateTimeOffset()
    {
        var org = new SoqlTestOrg();
        org.Add("Contact", ("LastName", "late"), ("CreatedDate", new DateTime(2024, 5, 15, 9, 0, 0, DateTimeKind.Utc)));
        org.Add("Contact", ("LastName", "early"), ("CreatedDate", new DateTime(2024, 5, 14, 23, 0, 0, DateTimeKind.Utc)));
        org.Add("Contact", ("LastName", "offset"), ("CreatedDate", new DateTimeOffset(2024, 5, 15, 1, 0, 0, TimeSpan.FromHours(2))));

        Assert.Equal(["late"], org.Column("SELECT LastName FROM Contact WHERE CreatedDate > 2024-05-15T00:00:00Z", "LastName"));
        Assert.Equal(["late"], org.Column("SELECT LastName FROM Contact WHERE CreatedDate = TODAY", "LastName"));
        Assert.Equal(["early", "offset", "late"], org.Column("SELECT LastName FROM Contact ORDER BY CreatedDate", "LastName"));
    }

    [Fact]
    public void Execute_DateLiteralOnDateField_ComparesDays()
    {
        Assert.Equal(["bob"], _org.Column("SELECT FirstName FROM Contact WHERE Birthdate = 1990-02-01", "FirstName"));
        Assert.Equal(["Cy", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE Birthdate > 1990-02-01", "FirstName"));
        Assert.Equal(["Ann", "bob"], _org.Column("SELECT FirstName FROM Contact WHERE Birthdate <= 1990-02-01", "FirstName"));
        Assert.Equal(["Ann", "Dee"], _org.Column("SELECT FirstName FROM Contact WHERE Birthdate IN (1990-01-01, 1990-04-01)", "FirstName"));
    }

    [Fact]
    public void Execute_RowWithMissingKey_TreatsFieldAsNull()
    {
        _org.Add("Contact", ("FirstName", "Sparse"));

        Assert.Equal(["Cy", "Sparse"], _org.Column("SELECT FirstName FROM Contact WHERE Email = null", "FirstName"));
        var sparse = _org.Run("SELECT FirstName, Email, Account.Name FROM Contact WHERE FirstName = 'Sparse'").GetRecord(0);
        Assert.Equal([new("FirstName", "Sparse"), new("Email", null), new KeyValuePair<string, object?>("Account", null)], sparse.Fields);
    }

    [Fact]
    public void Execute_GetRecordsPastTheEnd_IsClipped()
    {
        var result = _org.Run("SELECT FirstName FROM Contact ORDER BY FirstName");

        Assert.Equal(["Cy", "Dee"], result.GetRecords(2, 100).Select(r => r.Fields[0].Value));
        Assert.Empty(result.GetRecords(4, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => result.GetRecord(4));
    }

    [Fact]
    public void Prepare_IndexHints_ExposeSimpleTopLevelConjuncts()
    {
        var ids = _org.Rows("Contact").Select(r => (string)r["Id"]!).ToArray();
        var prepared = SoqlExecutor.Prepare(SoqlParser.Parse(
            $"SELECT Id FROM Contact WHERE Id IN ('{ids[0][..15]}', '{ids[1]}') AND systemmodstamp > 2024-01-01T00:00:00Z AND Email = 'x@y.z' "
            + "AND Email != 'a' AND Account.Name = 'Acme' AND CreatedDate = TODAY AND (FirstName = 'a' OR FirstName = 'b') AND NumberOfPets__c <= 3"),
            _org.Schema);

        Assert.Equal(
            [
                new SoqlIndexHint("Id", SoqlOperator.In, [ids[0], ids[1]]),
                new SoqlIndexHint("SystemModstamp", SoqlOperator.GreaterThan, [new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)]),
                new SoqlIndexHint("Email", SoqlOperator.Equal, ["x@y.z"]),
                new SoqlIndexHint("NumberOfPets__c", SoqlOperator.LessThanOrEqual, [3m]),
            ],
            prepared.IndexHints,
            new IndexHintComparer());
    }

    [Fact]
    public void Prepare_WhereWithOr_GivesNoHints()
    {
        var prepared = SoqlExecutor.Prepare(SoqlParser.Parse("SELECT Id FROM Contact WHERE Email = 'a' OR Email = 'b'"), _org.Schema);

        Assert.Empty(prepared.IndexHints);
        Assert.Equal("Contact", prepared.ObjectName);
    }

    private void AddContact(string first, string last, string? email, int? pets, double? score, string? accountId)
    {
        var n = _org.Rows("Contact").Count;
        _org.Add("Contact",
            ("FirstName", first),
            ("LastName", last),
            ("Email", email),
            ("NumberOfPets__c", pets is null ? null : (long)pets),
            ("Score__c", score),
            ("AccountId", accountId),
            ("OwnerId", _owner),
            ("HasOptedOutOfEmail", first == "bob"),
            ("IsDeleted", false),
            ("Birthdate", new DateOnly(1990, 1 + n, 1)),
            ("CreatedDate", new DateTimeOffset(2024, 1 + n, 1, 11, 0, 0, TimeSpan.Zero)),
            ("SystemModstamp", new DateTimeOffset(2024, 1 + n, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    private sealed class IndexHintComparer : IEqualityComparer<SoqlIndexHint>
    {
        public bool Equals(SoqlIndexHint? x, SoqlIndexHint? y) =>
            x is not null && y is not null && x.Field == y.Field && x.Operator == y.Operator && x.Values.SequenceEqual(y.Values);

        public int GetHashCode(SoqlIndexHint obj) => obj.Field.GetHashCode(StringComparison.Ordinal);
    }
}
