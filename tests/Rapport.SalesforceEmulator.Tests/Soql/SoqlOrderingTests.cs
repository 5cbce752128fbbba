using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Rapport.SalesforceEmulator.Soql;
using Rapport.SalesforceEmulator.Tests.Soql.Support;

namespace Rapport.SalesforceEmulator.Tests.Soql;

/// <summary>Ordering over many rows, read a page at a time, must equal a plain stable sort.</summary>
public class SoqlOrderingTests
{
    private static readonly string[] Surnames = ["Smith", "smith", "Jones", "O'Brien", "Müller", "Łukasz", "Zhang", "ßeta", "Ávila", "avila"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Execute_OrderByOverManyRows_PagesMatchAStableSort(bool asStream)
    {
        var org = new SoqlTestOrg();
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            org.Add("Contact",
                ("LastName", random.Next(12) < 10 ? Surnames[random.Next(Surnames.Length)] : null),
                ("Score__c", random.Next(5) == 0 ? null : Math.Round(random.NextDouble() * 100, 1)),
                ("CreatedDate", new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(5000))));
        }
        var rows = org.Rows("Contact");
        var expected = rows
            .OrderBy(r => r["LastName"] is null ? 1 : 0)
            .ThenByDescending(r => (string?)r["LastName"], StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r["Score__c"] is null ? 0 : 1)
            .ThenBy(r => (double?)r["Score__c"])
            .ThenByDescending(r => (DateTimeOffset)r["CreatedDate"]!)
            .Select(r => (string)r["Id"]!)
            .ToArray();

        var result = org.Run("SELECT Id FROM Contact ORDER BY LastName DESC NULLS LAST, Score__c, CreatedDate DESC", asStream: asStream);
        // Read a late page first, then every page in order, as clients holding a locator may.
        var late = result.GetRecords(14_000, 2000).Select(r => r.Id).ToArray();
        var all = Enumerable.Range(0, 10).SelectMany(page => result.GetRecords(page * 2000, 2000)).Select(r => r.Id).ToArray();

        Assert.Equal(20_000, result.TotalSize);
        Assert.Equal(expected, all);
        Assert.Equal(expected[14_000..16_000], late);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Execute_UnorderedWithWhereLimitAndOffset_KeepsArrivalOrder(bool asStream)
    {
        var org = new SoqlTestOrg();
        for (var i = 0; i < 3000; i++)
        {
            org.Add("Contact", ("NumberOfPets__c", (long)(i % 3)), ("IsDeleted", i % 10 == 0));
        }
        var expected = org.Rows("Contact")
            .Where(r => (long)r["NumberOfPets__c"]! != 1 && r["IsDeleted"] is false)
            .Skip(100).Take(1000).Select(r => (string)r["Id"]!).ToArray();

        var result = org.Run("SELECT Id FROM Contact WHERE NumberOfPets__c != 1 LIMIT 1000 OFFSET 100", asStream: asStream);

        Assert.Equal(1000, result.TotalSize);
        Assert.Equal(expected, result.GetRecords(0, 1000).Select(r => r.Id));
        Assert.Equal(expected[500], result.GetRow(500)["Id"]);
    }

    [Fact]
    public void Execute_OrderByWithLimitAndOffset_TakesTheRightSlice()
    {
        var org = new SoqlTestOrg();
        var random = new Random(3);
        for (var i = 0; i < 5000; i++)
        {
            org.Add("Contact", ("NumberOfPets__c", (long)random.Next(100)));
        }
        var expected = org.Rows("Contact").OrderByDescending(r => (long)r["NumberOfPets__c"]!).Skip(1500).Take(700).Select(r => (string)r["Id"]!);

        var result = org.Run("SELECT Id FROM Contact ORDER BY NumberOfPets__c DESC LIMIT 700 OFFSET 1500");

        Assert.Equal(700, result.TotalSize);
        Assert.Equal(expected, result.GetRecords(0, 700).Select(r => r.Id));
    }

    [Fact]
    public void Execute_OrderByTextSharingLongPrefixes_ComparesWholeStrings()
    {
        string[] names =
        [
            "ABCDEFGHIJKLMNOPz", "abcdefghijklmnopA", "ABCDEFGHIJKLMNOP", "abcdefghijklmnopq",
            "Ābc", "Łbc", "ébc", "Ébc", "Zed", "zed", "😀x", "😀a", "a\u0000", "a", "ÿ", "Ÿ",
        ];
        var org = new SoqlTestOrg();
        foreach (var name in names)
        {
            org.Add("Contact", ("LastName", name));
        }

        var sorted = org.Column("SELECT LastName FROM Contact ORDER BY LastName", "LastName");

        Assert.Equal(names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase), sorted.Cast<string>());
    }

    [Fact]
    public void Execute_OrderById_UsesOrdinalOrder()
    {
        var org = new SoqlTestOrg();
        var ids = Enumerable.Range(0, 300).Select(_ => org.Add("Contact", ("LastName", "x"))).ToArray();

        var sorted = org.Column("SELECT Id FROM Contact ORDER BY Id DESC", "Id");

        Assert.Equal(ids.OrderByDescending(id => id, StringComparer.Ordinal), sorted.Cast<string>());
    }

    [Fact]
    public void Execute_RowsWithOrdinals_AreReadByOrdinal()
    {
        var schema = new SoqlTestSchema();
        schema.Add("Thing",
            new SoqlFieldInfo("Id", SoqlFieldType.Id) { Ordinal = 0 },
            new SoqlFieldInfo("Name", SoqlFieldType.String) { Ordinal = 1 },
            new SoqlFieldInfo("IsDeleted", SoqlFieldType.Boolean) { Ordinal = 2 });
        var rows = new[]
        {
            new OrdinalOnlyRow(SalesforceId.Create("a00", 1), "beta", false),
            new OrdinalOnlyRow(SalesforceId.Create("a00", 2), "alpha", false),
            new OrdinalOnlyRow(SalesforceId.Create("a00", 3), "alpha", true),
        };
        var prepared = SoqlExecutor.Prepare(SoqlParser.Parse("SELECT Name FROM Thing WHERE Name LIKE '%a' ORDER BY Name"), schema);

        var result = SoqlExecutor.Execute(prepared, rows, (_, _) => null, TimeProvider.System);

        Assert.Equal(["alpha", "beta"], result.GetRecords(0, 5).Select(r => r.Fields[0].Value));
    }

    /// <summary>A row that answers only by ordinal (and Id by name, which rendering reads for attributes.url).</summary>
    private sealed class OrdinalOnlyRow(string id, string name, bool deleted) : IReadOnlyDictionary<string, object?>, ISoqlRow
    {
        private readonly object?[] _values = [id, name, deleted];

        public object? GetValue(int ordinal) => _values[ordinal];

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
        {
            Assert.Equal("Id", key);
            value = _values[0];
            return true;
        }

        public object? this[string key] => throw new InvalidOperationException("read by name");

        public IEnumerable<string> Keys => throw new InvalidOperationException("read by name");

        public IEnumerable<object?> Values => _values;

        public int Count => _values.Length;

        public bool ContainsKey(string key) => throw new InvalidOperationException("read by name");

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => throw new InvalidOperationException("read by name");

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
