using System.Text;
using Microsoft.EntityFrameworkCore;
using Rapport.Data;
using Rapport.Data.Entities;

namespace Rapport.Sync.Pull;

/// <summary>
/// The provider-specific SQL pull needs to look inside JSON columns: a profile attribute's value
/// (<c>{"attr":{"v":…,"s":…,"t":…}}</c>, see <c>ProfileDocuments</c>) and a link's pulled
/// <c>AccountId</c>. SQLite uses <c>json_extract</c>, PostgreSQL <c>jsonb</c> operators; every
/// value and attribute name is a parameter.
/// </summary>
internal static class ProviderJson
{
    private static bool IsPostgres(RapportDbContext db)
        => db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>Profiles of a dataset whose attribute <paramref name="attribute"/> equals one of <paramref name="values"/> (as text).</summary>
    public static IQueryable<ProfileEntity> ProfilesByAttribute(RapportDbContext db, string datasetId, string attribute, IReadOnlyList<string> values)
        => db.Profiles.FromSqlRaw(AttributeSql(db, "profiles", values.Count), Arguments(db, datasetId, attribute, values));

    /// <summary>Accounts of a dataset whose attribute <paramref name="attribute"/> equals one of <paramref name="values"/> (as text).</summary>
    public static IQueryable<AccountEntity> AccountsByAttribute(RapportDbContext db, string datasetId, string attribute, IReadOnlyList<string> values)
        => db.Accounts.FromSqlRaw(AttributeSql(db, "accounts", values.Count), Arguments(db, datasetId, attribute, values));

    /// <summary>Live links of the given person object types whose pulled <c>AccountId</c> is one of <paramref name="accountIds"/>.</summary>
    public static IQueryable<CrmLinkEntity> LinksByAccountId(RapportDbContext db, string connectionId, IReadOnlyList<string> objectTypes,
        IReadOnlyList<string> accountIds)
    {
        var extract = IsPostgres(db) ? "(\"PulledValues\"::jsonb ->> 'AccountId')" : "json_extract(\"PulledValues\", '$.AccountId')";
        var sql = new StringBuilder("SELECT * FROM \"crm_links\" WHERE \"ConnectionId\" = {0} AND NOT \"Deleted\" AND \"ObjectType\" IN (")
            .Append(Placeholders(1, objectTypes.Count)).Append(") AND ").Append(extract).Append(" IN (")
            .Append(Placeholders(1 + objectTypes.Count, accountIds.Count)).Append(')').ToString();
        object[] arguments = [connectionId, .. objectTypes, .. accountIds];
        return db.CrmLinks.FromSqlRaw(sql, arguments);
    }

    private static string AttributeSql(RapportDbContext db, string table, int count)
    {
        var extract = IsPostgres(db)
            ? "(\"Attributes\"::jsonb -> {1} ->> 'v')"
            : "CAST(json_extract(\"Attributes\", {1}) AS TEXT)";
        return new StringBuilder("SELECT * FROM \"").Append(table).Append("\" WHERE \"DatasetId\" = {0} AND ")
            .Append(extract).Append(" IN (").Append(Placeholders(2, count)).Append(')').ToString();
    }

    private static object[] Arguments(RapportDbContext db, string datasetId, string attribute, IReadOnlyList<string> values)
    {
        // SQLite takes a JSON path; the attribute name is quoted inside it so dots and spaces stay literal.
        var selector = IsPostgres(db) ? attribute : "$.\"" + attribute.Replace("\"", "\\\"", StringComparison.Ordinal) + "\".v";
        return [datasetId, selector, .. values];
    }

    private static string Placeholders(int start, int count)
        => string.Join(", ", Enumerable.Range(start, count).Select(i => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}"));
}
