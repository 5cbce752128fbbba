using System.Globalization;
using Rapport.SalesforceEmulator.Tests.Soql.Support;

namespace Rapport.SalesforceEmulator.Tests.Soql;

/// <summary>Date literals against a fake clock at Wednesday 2024-05-15 10:30 UTC (weeks start on Sunday 2024-05-12).</summary>
public class SoqlDateLiteralTests
{
    [Theory]
    [InlineData("YESTERDAY", "2024-05-14", "2024-05-15")]
    [InlineData("TODAY", "2024-05-15", "2024-05-16")]
    [InlineData("TOMORROW", "2024-05-16", "2024-05-17")]
    [InlineData("LAST_WEEK", "2024-05-05", "2024-05-12")]
    [InlineData("THIS_WEEK", "2024-05-12", "2024-05-19")]
    [InlineData("NEXT_WEEK", "2024-05-19", "2024-05-26")]
    [InlineData("LAST_MONTH", "2024-04-01", "2024-05-01")]
    [InlineData("THIS_MONTH", "2024-05-01", "2024-06-01")]
    [InlineData("NEXT_MONTH", "2024-06-01", "2024-07-01")]
    [InlineData("LAST_90_DAYS", "2024-02-15", "2024-05-16")]
    [InlineData("NEXT_90_DAYS", "2024-05-16", "2024-08-14")]
    [InlineData("LAST_N_DAYS:7", "2024-05-08", "2024-05-16")]
    [InlineData("NEXT_N_DAYS:7", "2024-05-16", "2024-05-23")]
    [InlineData("N_DAYS_AGO:3", "2024-05-12", "2024-05-13")]
    [InlineData("LAST_N_WEEKS:2", "2024-04-28", "2024-05-12")]
    [InlineData("NEXT_N_WEEKS:2", "2024-05-19", "2024-06-02")]
    [InlineData("N_WEEKS_AGO:1", "2024-05-05", "2024-05-12")]
    [InlineData("LAST_N_MONTHS:2", "2024-03-01", "2024-05-01")]
    [InlineData("NEXT_N_MONTHS:2", "2024-06-01", "2024-08-01")]
    [InlineData("N_MONTHS_AGO:2", "2024-03-01", "2024-04-01")]
    [InlineData("THIS_QUARTER", "2024-04-01", "2024-07-01")]
    [InlineData("LAST_QUARTER", "2024-01-01", "2024-04-01")]
    [InlineData("NEXT_QUARTER", "2024-07-01", "2024-10-01")]
    [InlineData("LAST_N_QUARTERS:2", "2023-10-01", "2024-04-01")]
    [InlineData("NEXT_N_QUARTERS:2", "2024-07-01", "2025-01-01")]
    [InlineData("N_QUARTERS_AGO:1", "2024-01-01", "2024-04-01")]
    [InlineData("THIS_YEAR", "2024-01-01", "2025-01-01")]
    [InlineData("LAST_YEAR", "2023-01-01", "2024-01-01")]
    [InlineData("NEXT_YEAR", "2025-01-01", "2026-01-01")]
    [InlineData("LAST_N_YEARS:2", "2022-01-01", "2024-01-01")]
    [InlineData("NEXT_N_YEARS:2", "2025-01-01", "2027-01-01")]
    [InlineData("N_YEARS_AGO:2", "2022-01-01", "2023-01-01")]
    [InlineData("THIS_FISCAL_QUARTER", "2024-04-01", "2024-07-01")]
    [InlineData("LAST_FISCAL_YEAR", "2023-01-01", "2024-01-01")]
    [InlineData("NEXT_N_FISCAL_QUARTERS:1", "2024-07-01", "2024-10-01")]
    [InlineData("N_FISCAL_YEARS_AGO:1", "2023-01-01", "2024-01-01")]
    [InlineData("last_n_days:0", "2024-05-15", "2024-05-16")]
    public void Execute_DateLiteralOnDateField_CoversItsDays(string literal, string start, string end)
    {
        var org = new SoqlTestOrg();
        var first = DateOnly.Parse(start, CultureInfo.InvariantCulture);
        var last = DateOnly.Parse(end, CultureInfo.InvariantCulture).AddDays(-1);
        org.Add("Contact", ("LastName", "before"), ("Birthdate", first.AddDays(-1)));
        org.Add("Contact", ("LastName", "first"), ("Birthdate", first));
        org.Add("Contact", ("LastName", "last"), ("Birthdate", last));
        org.Add("Contact", ("LastName", "after"), ("Birthdate", last.AddDays(1)));
        org.Add("Contact", ("LastName", "none"));

        Assert.Equal(["first", "last"], Names(org, $"Birthdate = {literal}"));
        Assert.Equal(["before", "after", "none"], Names(org, $"Birthdate != {literal}"));
        Assert.Equal(["before"], Names(org, $"Birthdate < {literal}"));
        Assert.Equal(["before", "first", "last"], Names(org, $"Birthdate <= {literal}"));
        Assert.Equal(["after"], Names(org, $"Birthdate > {literal}"));
        Assert.Equal(["first", "last", "after"], Names(org, $"Birthdate >= {literal}"));
    }

    [Theory]
    [InlineData("TODAY", "2024-05-15", "2024-05-16")]
    [InlineData("LAST_N_DAYS:30", "2024-04-15", "2024-05-16")]
    [InlineData("THIS_MONTH", "2024-05-01", "2024-06-01")]
    [InlineData("LAST_WEEK", "2024-05-05", "2024-05-12")]
    [InlineData("THIS_YEAR", "2024-01-01", "2025-01-01")]
    public void Execute_DateLiteralOnDateTimeField_CoversUtcMidnightToMidnight(string literal, string start, string end)
    {
        var org = new SoqlTestOrg();
        var from = DateTimeOffset.Parse(start + "T00:00:00Z", CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse(end + "T00:00:00Z", CultureInfo.InvariantCulture);
        var tick = TimeSpan.FromMilliseconds(1);
        org.Add("Contact", ("LastName", "before"), ("CreatedDate", from - tick));
        org.Add("Contact", ("LastName", "first"), ("CreatedDate", from));
        org.Add("Contact", ("LastName", "last"), ("CreatedDate", to - tick));
        org.Add("Contact", ("LastName", "after"), ("CreatedDate", to));

        Assert.Equal(["first", "last"], Names(org, $"CreatedDate = {literal}"));
        Assert.Equal(["before"], Names(org, $"CreatedDate < {literal}"));
        Assert.Equal(["after"], Names(org, $"CreatedDate > {literal}"));
        Assert.Equal(["first", "last", "after"], Names(org, $"CreatedDate >= {literal}"));
        Assert.Equal(["before", "first", "last"], Names(org, $"CreatedDate <= {literal}"));
    }

    [Fact]
    public void Execute_DateLiteralsInList_MatchAnyRange()
    {
        var org = new SoqlTestOrg();
        org.Add("Contact", ("LastName", "yesterday"), ("Birthdate", new DateOnly(2024, 5, 14)));
        org.Add("Contact", ("LastName", "today"), ("Birthdate", new DateOnly(2024, 5, 15)));
        org.Add("Contact", ("LastName", "tomorrow"), ("Birthdate", new DateOnly(2024, 5, 16)));

        Assert.Equal(["yesterday", "tomorrow"], Names(org, "Birthdate IN (YESTERDAY, TOMORROW)"));
        Assert.Equal(["today"], Names(org, "Birthdate NOT IN (YESTERDAY, TOMORROW)"));
    }

    [Fact]
    public void Execute_ClockMoves_TodayFollowsTheUtcDate()
    {
        var org = new SoqlTestOrg();
        org.Add("Contact", ("LastName", "15th"), ("CreatedDate", new DateTimeOffset(2024, 5, 15, 23, 0, 0, TimeSpan.Zero)));
        org.Add("Contact", ("LastName", "16th"), ("CreatedDate", new DateTimeOffset(2024, 5, 16, 0, 30, 0, TimeSpan.Zero)));
        org.Clock.SetUtcNow(new DateTimeOffset(2024, 5, 15, 23, 59, 59, TimeSpan.Zero));
        var before = Names(org, "CreatedDate = TODAY");

        org.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = Names(org, "CreatedDate = TODAY");

        Assert.Equal(["15th"], before);
        Assert.Equal(["16th"], after);
    }

    [Fact]
    public void Execute_WeekLiterals_StartOnSunday()
    {
        var org = new SoqlTestOrg(new DateTimeOffset(2024, 5, 12, 8, 0, 0, TimeSpan.Zero));
        org.Add("Contact", ("LastName", "saturday"), ("Birthdate", new DateOnly(2024, 5, 11)));
        org.Add("Contact", ("LastName", "sunday"), ("Birthdate", new DateOnly(2024, 5, 12)));

        Assert.Equal(["sunday"], Names(org, "Birthdate = THIS_WEEK"));
        Assert.Equal(["saturday"], Names(org, "Birthdate = LAST_WEEK"));
    }

    private static IReadOnlyList<object?> Names(SoqlTestOrg org, string condition) =>
        org.Column($"SELECT LastName FROM Contact WHERE {condition}", "LastName");
}
