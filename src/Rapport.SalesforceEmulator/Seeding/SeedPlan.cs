namespace Rapport.SalesforceEmulator.Seeding;

/// <summary>How many records of each kind the seeder generates.</summary>
/// <param name="Accounts">Accounts.</param>
/// <param name="Contacts">Contacts (some without account, some without email, some deleted).</param>
/// <param name="Leads">Leads (every eighth converted).</param>
/// <param name="Opportunities">Opportunities on seeded accounts.</param>
public sealed record SeedPlan(int Accounts, int Contacts, int Leads, int Opportunities)
{
    /// <summary>The plan behind <c>--seed N</c>: N contacts, a tenth as many accounts and opportunities, a quarter as many leads.</summary>
    public static SeedPlan ForContacts(int contacts) =>
        new(Math.Max(1, contacts / 10), contacts, Math.Max(contacts > 0 ? 1 : 0, contacts / 4), contacts / 10);
}
