namespace Rapport.SalesforceEmulator.Soql;

/// <summary>
/// The date literals of the SOQL reference ("Date Formats and Date Literals in WHERE") and the
/// day range each covers. Every range starts at 00:00:00 and is half-open: [Start, End).
/// </summary>
/// <remarks>
/// Salesforce resolves them in the running user's time zone and locale; the emulator's users are
/// UTC with an en_US locale, so weeks start on Sunday, and the fiscal year is the calendar year
/// (the default of an org that never defined another).
/// </remarks>
internal static class SoqlDateLiterals
{
    private static readonly HashSet<string> Plain = new(StringComparer.OrdinalIgnoreCase)
    {
        "YESTERDAY", "TODAY", "TOMORROW",
        "LAST_WEEK", "THIS_WEEK", "NEXT_WEEK",
        "LAST_MONTH", "THIS_MONTH", "NEXT_MONTH",
        "LAST_90_DAYS", "NEXT_90_DAYS",
        "THIS_QUARTER", "LAST_QUARTER", "NEXT_QUARTER",
        "THIS_YEAR", "LAST_YEAR", "NEXT_YEAR",
        "THIS_FISCAL_QUARTER", "LAST_FISCAL_QUARTER", "NEXT_FISCAL_QUARTER",
        "THIS_FISCAL_YEAR", "LAST_FISCAL_YEAR", "NEXT_FISCAL_YEAR",
    };

    private static readonly HashSet<string> WithN = new(StringComparer.OrdinalIgnoreCase)
    {
        "LAST_N_DAYS", "NEXT_N_DAYS", "N_DAYS_AGO",
        "LAST_N_WEEKS", "NEXT_N_WEEKS", "N_WEEKS_AGO",
        "LAST_N_MONTHS", "NEXT_N_MONTHS", "N_MONTHS_AGO",
        "LAST_N_QUARTERS", "NEXT_N_QUARTERS", "N_QUARTERS_AGO",
        "LAST_N_YEARS", "NEXT_N_YEARS", "N_YEARS_AGO",
        "LAST_N_FISCAL_QUARTERS", "NEXT_N_FISCAL_QUARTERS", "N_FISCAL_QUARTERS_AGO",
        "LAST_N_FISCAL_YEARS", "NEXT_N_FISCAL_YEARS", "N_FISCAL_YEARS_AGO",
    };

    public static bool IsPlain(string name) => Plain.Contains(name);

    public static bool TakesN(string name) => WithN.Contains(name);

    /// <summary>The days a literal covers, relative to <paramref name="today"/>.</summary>
    public static (DateOnly Start, DateOnly End) Resolve(SoqlDateLiteral literal, DateOnly today)
    {
        var n = literal.N ?? 0;
        var week = today.AddDays(-(int)today.DayOfWeek);
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        var year = new DateOnly(today.Year, 1, 1);
        return literal.Name.Replace("_FISCAL", "", StringComparison.Ordinal) switch
        {
            "YESTERDAY" => Days(today.AddDays(-1), 1),
            "TODAY" => Days(today, 1),
            "TOMORROW" => Days(today.AddDays(1), 1),
            "LAST_WEEK" => Days(week.AddDays(-7), 7),
            "THIS_WEEK" => Days(week, 7),
            "NEXT_WEEK" => Days(week.AddDays(7), 7),
            "LAST_MONTH" => Months(month.AddMonths(-1), 1),
            "THIS_MONTH" => Months(month, 1),
            "NEXT_MONTH" => Months(month.AddMonths(1), 1),
            // "This includes the current day, not just previous days. So it includes 91 days in total."
            "LAST_90_DAYS" => (today.AddDays(-90), today.AddDays(1)),
            "LAST_N_DAYS" => (today.AddDays(-n), today.AddDays(1)),
            // The NEXT forms start tomorrow and do not include today.
            "NEXT_90_DAYS" => Days(today.AddDays(1), 90),
            "NEXT_N_DAYS" => Days(today.AddDays(1), n),
            "N_DAYS_AGO" => Days(today.AddDays(-n), 1),
            "LAST_N_WEEKS" => (week.AddDays(-7 * n), week),
            "NEXT_N_WEEKS" => Days(week.AddDays(7), 7 * n),
            "N_WEEKS_AGO" => Days(week.AddDays(-7 * n), 7),
            "LAST_N_MONTHS" => (month.AddMonths(-n), month),
            "NEXT_N_MONTHS" => Months(month.AddMonths(1), n),
            "N_MONTHS_AGO" => Months(month.AddMonths(-n), 1),
            "THIS_QUARTER" => Months(quarter, 3),
            "LAST_QUARTER" => Months(quarter.AddMonths(-3), 3),
            "NEXT_QUARTER" => Months(quarter.AddMonths(3), 3),
            "LAST_N_QUARTERS" => (quarter.AddMonths(-3 * n), quarter),
            "NEXT_N_QUARTERS" => Months(quarter.AddMonths(3), 3 * n),
            "N_QUARTERS_AGO" => Months(quarter.AddMonths(-3 * n), 3),
            "THIS_YEAR" => Months(year, 12),
            "LAST_YEAR" => Months(year.AddYears(-1), 12),
            "NEXT_YEAR" => Months(year.AddYears(1), 12),
            "LAST_N_YEARS" => (year.AddYears(-n), year),
            "NEXT_N_YEARS" => Months(year.AddYears(1), 12 * n),
            "N_YEARS_AGO" => Months(year.AddYears(-n), 12),
            _ => throw new InvalidOperationException($"Unknown date literal {literal.Name}"),
        };

        static (DateOnly, DateOnly) Days(DateOnly start, int count) => (start, start.AddDays(count));

        static (DateOnly, DateOnly) Months(DateOnly start, int count) => (start, start.AddMonths(count));
    }
}
