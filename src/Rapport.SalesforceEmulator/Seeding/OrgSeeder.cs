using Rapport.SalesforceEmulator.Data;

namespace Rapport.SalesforceEmulator.Seeding;

/// <summary>
/// Generates a deterministic, realistic org: the same plan gives the same names, emails and
/// relationships every time (timestamps are spread over the 90 days before the clock's current
/// date). It deliberately includes what a sync must survive: the same email with different case on
/// two contacts, the same email on a contact and a lead, contacts without an account or without an
/// email, converted leads, deleted records and non-ASCII names. Rows are built directly (not through
/// validation) so a million contacts load in seconds; they satisfy the same rules.
/// </summary>
public static class OrgSeeder
{
    private static readonly string[] FirstNames =
    [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas", "Mia", "Mateo",
        "Amelia", "Ethan", "Harper", "Aiden", "Zoë", "Łukasz", "Søren", "José", "Chloé", "Björn", "Anaïs", "Jürgen",
        "Ngọc", "Yūki", "Siobhán", "Dvořák", "Ana", "Mohammed", "Priya", "Chen", "Fatima", "Kwame", "Olga", "Hiroshi",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Müller",
        "Nguyễn", "O'Brien", "García-López", "Søndergaard", "Kowalski", "Dubois", "Rossi", "Tanaka", "Silva", "Novák",
        "Andersson", "Papadopoulos", "Yılmaz", "Ivanova", "Kim", "Patel", "Okafor", "Haddad", "Schmidt", "van der Berg", "山田",
    ];

    private static readonly string[] CompanyWords =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell", "Cyberdyne",
        "Wonka", "Gringotts", "Monarch", "Aperture", "Oscorp", "Nakatomi", "Pied Piper", "Blue Sun", "Massive Dynamic",
    ];

    private static readonly string[] CompanySuffixes = ["Inc.", "LLC", "GmbH", "Ltd", "SA", "Group", "Holdings", "Labs", "AG", "S.r.l."];
    private static readonly string[] Titles = ["CEO", "CTO", "VP Marketing", "Head of Sales", "Product Manager", "Engineer", "Analyst", "Director of Operations", "Consultant", "Buyer"];
    private static readonly string[] Cities = ["London", "Paris", "Berlin", "New York", "São Paulo", "Tokyo", "Zürich", "Kraków", "Toronto", "Sydney", "Austin", "Dublin"];
    private static readonly string[] Countries = ["UK", "France", "Germany", "USA", "Brazil", "Japan", "Switzerland", "Poland", "Canada", "Australia", "USA", "Ireland"];
    private static readonly string[] Domains = ["example.com", "example.org", "example.net", "mail.example", "corp.example"];
    private static readonly string[] LeadStatuses = ["Open - Not Contacted", "Working - Contacted", "Closed - Not Converted"];
    private static readonly string[] LeadSources = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"];

    /// <summary>Adds the plan's records to the org (existing records stay).</summary>
    public static void Seed(OrgStore store, SeedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        store.SyncUsers();
        var owners = OwnerIds(store);
        var today = store.Now.Date;
        var random = new Random(20240611);
        var accounts = store.FindTable("Account")!;
        var contacts = store.FindTable("Contact")!;
        var leads = store.FindTable("Lead")!;
        var opportunities = store.FindTable("Opportunity")!;
        var accountIds = new string[plan.Accounts];
        var contactIds = new string[plan.Contacts];
        var contactEmails = new string?[plan.Contacts];
        var contactAccounts = new string?[plan.Contacts];
        store.Write(writer =>
        {
            accounts.EnsureCapacity(plan.Accounts);
            contacts.EnsureCapacity(plan.Contacts);
            var a = new RowBuilder(accounts.Definition);
            for (var i = 0; i < plan.Accounts; i++)
            {
                var row = a.New(accounts);
                var name = $"{CompanyWords[i % CompanyWords.Length]} {CompanySuffixes[i / CompanyWords.Length % CompanySuffixes.Length]}{(i >= CompanyWords.Length * CompanySuffixes.Length ? $" {i}" : string.Empty)}";
                a.Set(row, "Name", name);
                a.Set(row, "Industry", accounts.Definition.FindField("Industry")!.PicklistValues[i % 17].Value);
                a.Set(row, "Type", i % 3 == 0 ? "Prospect" : "Customer - Direct");
                a.Set(row, "BillingCity", Cities[i % Cities.Length]);
                a.Set(row, "BillingCountry", Countries[i % Countries.Length]);
                a.Set(row, "Website", $"https://www.{Slug(CompanyWords[i % CompanyWords.Length])}{i}.example");
                a.Set(row, "NumberOfEmployees", 10 + (i * 37 % 5000));
                a.Set(row, "OwnerId", owners[i % owners.Length]);
                a.Audit(row, owners[0], Stamp(random, today));
                writer.AppendTrusted(accounts, row);
                accountIds[i] = Rows.Id(row);
            }

            var c = new RowBuilder(contacts.Definition);
            for (var i = 0; i < plan.Contacts; i++)
            {
                var row = c.New(contacts);
                var first = FirstNames[i % FirstNames.Length];
                var last = LastNames[i / FirstNames.Length % LastNames.Length];
                c.Set(row, "FirstName", first);
                c.Set(row, "LastName", last);
                c.Set(row, "Name", $"{first} {last}");
                string? email = null;
                if (i % 50 == 49 && contactEmails[i - 1] is { } previous)
                {
                    // Same address as the previous contact, different case.
                    email = previous.ToUpperInvariant();
                }
                else if (i % 10 != 9)
                {
                    email = $"{Slug(first)}.{Slug(last)}.{i}@{Domains[i % Domains.Length]}";
                }
                contactEmails[i] = email;
                c.Set(row, "Email", email);
                if (i % 7 != 6 && plan.Accounts > 0)
                {
                    var account = accountIds[random.Next(plan.Accounts)];
                    contactAccounts[i] = account;
                    c.Set(row, "AccountId", account);
                }
                c.Set(row, "Title", Titles[i % Titles.Length]);
                c.Set(row, "MailingCity", Cities[i % Cities.Length]);
                c.Set(row, "MailingCountry", Countries[i % Countries.Length]);
                c.Set(row, "LeadSource", LeadSources[i % LeadSources.Length]);
                if (i % 3 == 0)
                {
                    c.Set(row, "Phone", $"+1 555 {i % 1000:000} {i / 1000 % 10000:0000}");
                }
                c.Set(row, "OwnerId", owners[i % owners.Length]);
                c.Audit(row, owners[0], Stamp(random, today));
                if (i % 100 == 99)
                {
                    c.Set(row, "IsDeleted", FieldValues.True);
                }
                writer.AppendTrusted(contacts, row);
                contactIds[i] = Rows.Id(row);
            }

            var l = new RowBuilder(leads.Definition);
            for (var i = 0; i < plan.Leads; i++)
            {
                var row = l.New(leads);
                var first = FirstNames[(i + 7) % FirstNames.Length];
                var last = LastNames[(i / 3 + 5) % LastNames.Length];
                l.Set(row, "FirstName", first);
                l.Set(row, "LastName", last);
                l.Set(row, "Name", $"{first} {last}");
                l.Set(row, "Company", $"{CompanyWords[(i + 3) % CompanyWords.Length]} {CompanySuffixes[i % CompanySuffixes.Length]}");
                // Every twentieth lead shares its email with a contact.
                var email = i % 20 == 0 && plan.Contacts > 0 && contactEmails[i % plan.Contacts] is { } shared
                    ? shared
                    : $"{Slug(first)}.{Slug(last)}.lead{i}@{Domains[(i + 2) % Domains.Length]}";
                l.Set(row, "Email", email);
                l.Set(row, "LeadSource", LeadSources[i % LeadSources.Length]);
                l.Set(row, "City", Cities[i % Cities.Length]);
                l.Set(row, "Country", Countries[i % Countries.Length]);
                l.Set(row, "OwnerId", owners[i % owners.Length]);
                var stamp = Stamp(random, today);
                l.Audit(row, owners[0], stamp);
                if (i % 8 == 7 && plan.Contacts > 0)
                {
                    var contact = (i * 13) % plan.Contacts;
                    l.Set(row, "IsConverted", FieldValues.True);
                    l.Set(row, "Status", "Closed - Converted");
                    l.Set(row, "ConvertedContactId", contactIds[contact]);
                    l.Set(row, "ConvertedAccountId", contactAccounts[contact]);
                    l.Set(row, "ConvertedDate", DateOnly.FromDateTime(stamp));
                }
                else
                {
                    l.Set(row, "Status", LeadStatuses[i % LeadStatuses.Length]);
                }
                if (i % 100 == 98)
                {
                    l.Set(row, "IsDeleted", FieldValues.True);
                }
                writer.AppendTrusted(leads, row);
            }

            var o = new RowBuilder(opportunities.Definition);
            for (var i = 0; i < plan.Opportunities && plan.Accounts > 0; i++)
            {
                var row = o.New(opportunities);
                var stage = StandardSchema.OpportunityStages[i % StandardSchema.OpportunityStages.Count];
                o.Set(row, "Name", $"{CompanyWords[i % CompanyWords.Length]} deal {i}");
                o.Set(row, "AccountId", accountIds[i % plan.Accounts]);
                o.Set(row, "StageName", stage.Stage);
                o.Set(row, "Probability", (decimal)stage.Probability);
                o.Set(row, "IsClosed", FieldValues.Box(stage.Closed));
                o.Set(row, "IsWon", FieldValues.Box(stage.Won));
                o.Set(row, "ForecastCategoryName", stage.Forecast);
                o.Set(row, "Amount", (decimal)(1000 + i * 250 % 100000));
                o.Set(row, "CloseDate", DateOnly.FromDateTime(today).AddDays(i % 120 - 30));
                o.Set(row, "OwnerId", owners[i % owners.Length]);
                o.Audit(row, owners[0], Stamp(random, today));
                writer.AppendTrusted(opportunities, row);
            }
            return 0;
        });
        // Build the query snapshots and their SystemModstamp order now, as a load builds its indexes,
        // so the first query (or a sync's first pull) after seeding does not pay for them.
        foreach (var table in new[] { accounts, contacts, leads, opportunities })
        {
            _ = store.Snapshot(table).Modstamps;
        }
    }

    private static string[] OwnerIds(OrgStore store)
    {
        var users = store.FindTable("User")!;
        var (rows, count) = users.Snapshot();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            if (rows[i] is { } row)
            {
                ids.Add(Rows.Id(row));
            }
        }
        return ids.Count > 0 ? [.. ids] : [SalesforceId.Create("005", 1)];
    }

    private static DateTime Stamp(Random random, DateTime today) =>
        FieldValues.Truncate(today.AddDays(-90).AddSeconds(random.Next(90 * 24 * 3600)));

    private static string Slug(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.Length > 0 ? builder.ToString() : "user";
    }

    /// <summary>Builds rows of one object with its field positions looked up once.</summary>
    private sealed class RowBuilder(ObjectDefinition definition)
    {
        private readonly Dictionary<string, int> _ordinals = definition.Fields.ToDictionary(f => f.Name, f => f.Ordinal, StringComparer.Ordinal);
        private readonly int[] _booleans = [.. definition.Fields.Where(f => f.Type == SalesforceFieldType.Boolean).Select(f => f.Ordinal)];

        public object?[] New(ObjectTable table)
        {
            var row = new object?[definition.FieldCount];
            row[0] = SalesforceId.Create(definition.KeyPrefix, table.NextSequence++);
            foreach (var ordinal in _booleans)
            {
                row[ordinal] = FieldValues.False;
            }
            return row;
        }

        public void Set(object?[] row, string field, object? value) => row[_ordinals[field]] = value;

        public void Audit(object?[] row, string userId, object stamp)
        {
            Set(row, "CreatedById", userId);
            Set(row, "LastModifiedById", userId);
            Set(row, "CreatedDate", stamp);
            Set(row, "LastModifiedDate", stamp);
            Set(row, "SystemModstamp", stamp);
        }
    }
}
